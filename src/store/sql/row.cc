// Row accessors: lenient about representation (PostgreSQL may hand numbers over as text),
// strict about nonsense (a non-numeric string read as a number throws).
#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "store/sql/database.h"

namespace motcua::sql {
namespace {

int64_t parse_i64(const std::string& s) {
  int64_t v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec == std::errc() && p == e) return v;
  // A numeric text such as "42.0" (e.g. PostgreSQL numeric): accept when integral.
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (!s.empty() && end == e && d == static_cast<double>(static_cast<int64_t>(d)))
    return static_cast<int64_t>(d);
  throw std::invalid_argument("sql::Row::i64: not an integer: '" + s.substr(0, 40) + "'");
}

}  // namespace

int64_t Row::i64(size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<std::string>(&v)) return parse_i64(*p);
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  return 0;  // NULL
}

double Row::f64(size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    char* end = nullptr;
    double d = std::strtod(p->c_str(), &end);
    if (p->empty() || end != p->c_str() + p->size())
      throw std::invalid_argument("sql::Row::f64: not a number: '" + p->substr(0, 40) + "'");
    return d;
  }
  return 0.0;  // NULL
}

const std::string& Row::text(size_t i) const {
  static const std::string kEmpty;
  const Value& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (std::holds_alternative<std::monostate>(v)) return kEmpty;
  throw std::invalid_argument("sql::Row::text: column " + std::to_string(i) + " is a number");
}

}  // namespace motcua::sql
