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
  for (auto& v : fees->as_array()) {
    if (!v.is_object()) continue;
    const auto& o = v.as_object();
    payment::FeeItem f;
    f.code = text(o, "code");
    f.name = text(o, "name");
    if (const json::value* a = o.if_contains("amount_vnd"); a && a->is_int64()) f.amount_vnd = a->as_int64();
    else if (a && a->is_uint64()) f.amount_vnd = int64_t(a->as_uint64());
    f.collected_at = text(o, "collected_at");
    if (f.collected_at.empty()) f.collected_at = "reception";
    if (const json::value* b = o.if_contains("verified"); b && b->is_bool()) f.verified = b->as_bool();
    f.per = text(o, "per");
    if (const json::value* e = o.if_contains("exempt_for"); e && e->is_array())
      for (auto& x : e->as_array())
        if (x.is_string()) f.exempt_for.emplace_back(x.as_string());
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace motcua::app
