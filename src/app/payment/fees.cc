#include "app/payment/fees.h"

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

std::vector<payment::FeeItem> fees_of(const store::ProcedureRec& p) {
  std::vector<payment::FeeItem> out;
  boost::system::error_code ec;
  json::value doc = json::parse(p.doc, ec);
  if (ec || !doc.is_object()) return out;
  const json::value* fees = doc.as_object().if_contains("fees");
  if (!fees || !fees->is_array()) return out;
  auto text = [](const json::object& o, const char* k) -> std::string {
    const json::value* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  auto integer = [](const json::object& o, const char* k) -> std::optional<int64_t> {
    const json::value* a = o.if_contains(k);
    if (a && a->is_int64()) return a->as_int64();
    if (a && a->is_uint64() && a->as_uint64() <= uint64_t(INT64_MAX)) return int64_t(a->as_uint64());
    return std::nullopt;
  };
  for (auto& v : fees->as_array()) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    payment::FeeItem f;
    f.code = text(o, "code");
    f.name = text(o, "name");
    f.amount_vnd = integer(o, "amount_vnd");
    f.collected_at = text(o, "collected_at");
    if (f.collected_at.empty()) f.collected_at = "reception";
    if (const json::value* b = o.if_contains("verified"); b && b->is_bool()) f.verified = b->as_bool();
    f.per = text(o, "per");
    if (const json::value* t = o.if_contains("tiers"); t && t->is_array())
      for (auto& x : t->as_array()) {
        if (!x.is_object()) continue;
        auto from = integer(x.as_object(), "from_page"), amount = integer(x.as_object(), "amount_vnd");
        if (from && amount) f.tiers.push_back({*from, *amount});
      }
    f.cap_per_copy_vnd = integer(o, "cap_per_copy_vnd");
    if (const json::value* e = o.if_contains("exempt_for"); e && e->is_array())
      for (auto& x : e->as_array())
        if (x.is_string()) f.exempt_for.emplace_back(x.as_string());
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace motcua::app
