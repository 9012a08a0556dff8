#include "app/dossier/details.h"

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

namespace {

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
int64_t num(const json::object& o, const char* k, int64_t def = 0) {
  auto* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : def;
}
std::vector<std::string> strings(const json::object& o, const char* k) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(k); v && v->is_array())
    for (auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}
const json::object* part(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_object() ? &v->as_object() : nullptr;
}
json::array array_of(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.emplace_back(s);
  return a;
}
std::optional<Reasons> reasons(const json::object& o, const char* k) {
  auto* p = part(o, k);
  if (!p) return std::nullopt;
  return Reasons{num(*p, "at"), strings(*p, "reasons")};
}
json::object reasons_json(const Reasons& r) { return {{"at", r.at}, {"reasons", array_of(r.reasons)}}; }

}  // namespace

DossierDetails parse_details(std::string_view text) {
  DossierDetails d;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return d;
  const json::object& o = v.as_object();
  if (auto* comps = o.if_contains("components"); comps && comps->is_array())
    for (auto& c : comps->as_array()) {
      if (!c.is_object()) continue;
      auto& x = c.as_object();
      ComponentRecord r{str(x, "name"), str(x, "kind"), num(x, "count", 1), true};
      if (auto* p = x.if_contains("provided"); p && p->is_bool()) r.provided = p->as_bool();
      r.source = str(x, "source");
      d.components.push_back(std::move(r));
    }
  d.note = str(o, "note");
  if (auto* p = part(o, "supplement_request"))
    d.supplement_request = SupplementRequest{num(*p, "at"), strings(*p, "items"), str(*p, "stage")};
  if (auto* p = part(o, "supplement_answer")) {
    d.supplement_answer = SupplementAnswer{num(*p, "at"), str(*p, "note"), strings(*p, "documents"), false};
    if (auto* on = p->if_contains("online"); on && on->is_bool()) d.supplement_answer->online = on->as_bool();
  }
  d.refusal = reasons(o, "refusal");
  d.stop = reasons(o, "stop");
  d.resolution = reasons(o, "resolution");
  if (auto* p = part(o, "apology"))
    d.apology = Apology{num(*p, "at"), str(*p, "reason"), num(*p, "old_due"), num(*p, "new_due")};
  if (auto* p = part(o, "result"))
    d.result = ResultDocument{num(*p, "at"), str(*p, "number"), str(*p, "date"), str(*p, "signer"),
                              str(*p, "document_id"), str(*p, "return_method")};
  if (auto* p = part(o, "return")) d.returned = ReturnRecord{num(*p, "at"), str(*p, "method"), str(*p, "received_by")};
  if (auto* p = part(o, "on_behalf"))
    d.on_behalf = OnBehalfRecord{str(*p, "relationship"), str(*p, "filer_id"), str(*p, "filer_name"), str(*p, "document")};
  if (auto* p = part(o, "eform")) {
    auto* data = p->if_contains("data");
    d.eform = EformRecord{str(*p, "draft_id"), data && data->is_object() ? json::serialize(*data) : "{}"};
  }
  return d;
}

json::object result_json(const ResultDocument& r) {
  json::object o{{"number", r.number}, {"date", r.date}, {"signer", r.signer}, {"at", r.at}};
  if (!r.document_id.empty()) o["document_id"] = r.document_id;
  if (!r.return_method.empty()) o["return_method"] = r.return_method;
  return o;
}

static json::array components_of(const DossierDetails& d) {
  json::array comps;
  for (auto& c : d.components) {
    json::object o{{"name", c.name}, {"kind", c.kind}, {"count", c.count}, {"provided", c.provided}};
    if (!c.source.empty()) o["source"] = c.source;  // only on components a database satisfied
    comps.push_back(std::move(o));
  }
  return comps;
}

std::string components_only_json(const DossierDetails& d) {
  return json::serialize(json::object{{"components", components_of(d)}});
}

std::string details_json(const DossierDetails& d) {
  json::object o{{"components", components_of(d)}, {"note", d.note}};
  if (auto& s = d.supplement_request)
    o["supplement_request"] = json::object{{"at", s->at}, {"items", array_of(s->items)}, {"stage", s->stage}};
  if (auto& s = d.supplement_answer)
    o["supplement_answer"] = json::object{{"at", s->at}, {"note", s->note}, {"documents", array_of(s->documents)},
                                          {"online", s->online}};
  if (d.refusal) o["refusal"] = reasons_json(*d.refusal);
  if (d.stop) o["stop"] = reasons_json(*d.stop);
  if (d.resolution) o["resolution"] = reasons_json(*d.resolution);
  if (auto& a = d.apology)
    o["apology"] = json::object{{"at", a->at}, {"reason", a->reason}, {"old_due", a->old_due}, {"new_due", a->new_due}};
  if (d.result) o["result"] = result_json(*d.result);
  if (auto& r = d.returned) o["return"] = json::object{{"at", r->at}, {"method", r->method}, {"received_by", r->received_by}};
  if (auto& b = d.on_behalf)
    o["on_behalf"] = json::object{{"relationship", b->relationship}, {"filer_id", b->filer_id},
                                  {"filer_name", b->filer_name}, {"document", b->document}};
  if (auto& f = d.eform) {
    boost::system::error_code ec;
    json::value data = json::parse(f->data, ec);
    o["eform"] = json::object{{"draft_id", f->draft_id}, {"data", ec ? json::value(json::object{}) : std::move(data)}};
  }
  return json::serialize(o);
}

}  // namespace motcua::app
