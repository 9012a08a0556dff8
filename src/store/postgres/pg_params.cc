#include "store/postgres/pg_params.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace motcua::sql::pg {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr unsigned kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
                   kFloat8 = 701, kNumeric = 1700;

}  // namespace

Rewritten rewrite_placeholders(std::string_view in) {
  Rewritten out;
  out.sql.reserve(in.size() + 16);
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {  // copies through the closing `end`
    size_t j = in.find(end, i);
    j = (j == std::string_view::npos) ? in.size() : j + end.size();
    out.sql.append(in.substr(i, j - i));
    i = j;
  };
  while (i < in.size()) {
    char ch = in[i];
    if (ch == '\'' || ch == '"') {
      // A doubled quote inside a literal just closes and reopens it: same result.
      out.sql.push_back(ch);
      ++i;
      copy_until(std::string_view(&in[i - 1], 1));
    } else if (ch == '-' && i + 1 < in.size() && in[i + 1] == '-') {
      copy_until("\n");
    } else if (ch == '/' && i + 1 < in.size() && in[i + 1] == '*') {
      out.sql.append("/*");
      i += 2;
      copy_until("*/");
    } else if (ch == '?') {
      out.sql.push_back('$');
      out.sql.append(std::to_string(++out.params));
      ++i;
    } else {
      out.sql.push_back(ch);
      ++i;
    }
  }
  return out;
}

std::optional<std::string> param_text(const Value& v) {
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) {
    if (std::isnan(*p)) return std::string("NaN");
    if (std::isinf(*p)) return std::string(*p > 0 ? "Infinity" : "-Infinity");
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *p);
    return std::string(buf);
  }
  return std::nullopt;
}

Value cell_value(unsigned oid, const char* s, int len) {
  std::string_view t(s, static_cast<size_t>(len));
  switch (oid) {
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid: {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec == std::errc() && p == t.data() + t.size()) return v;
      return std::string(t);
    }
    case kFloat4:
    case kFloat8:
    case kNumeric: {
      std::string z(t);  // NUL-terminated for strtod; accepts NaN/Infinity
      char* end = nullptr;
      double d = std::strtod(z.c_str(), &end);
      if (!z.empty() && end == z.c_str() + z.size()) return d;
      return z;
    }
    case kBool: return int64_t{t == "t" ? 1 : 0};
    default: return std::string(t);
  }
}

}  // namespace motcua::sql::pg
