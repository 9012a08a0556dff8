#include "app/integration/national_catalogue.h"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

namespace {

json::array array_at(const store::ProcedureRec& p, const char* key) {
  boost::system::error_code ec;
  json::value v = json::parse(p.doc, ec);
  if (ec || !v.is_object()) return {};
  auto* a = v.as_object().if_contains(key);
  return a && a->is_array() ? a->as_array() : json::array{};
}

std::string vnd(int64_t n) {
  std::string s = std::to_string(n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += '.';
    out += s[i];
  }
  return out + " đ";
}

}  // namespace

std::string fees_text(const std::vector<NationalFee>& fees) {
  std::vector<std::string> parts;
  for (auto& f : fees) parts.push_back((f.code.empty() ? f.name : f.code) + " " + vnd(f.amount_vnd));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out.empty() ? "không thu phí" : out;
}

std::string components_text(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : "; ") + n;
  return out;
}

std::vector<NationalFee> national_fees_of(const store::ProcedureRec& p) {
  std::vector<NationalFee> out;
  for (auto& f : array_at(p, "fees")) {
    if (!f.is_object()) continue;
    const auto& o = f.as_object();
    NationalFee x;
    if (auto* c = o.if_contains("code"); c && c->is_string()) x.code = std::string(c->as_string());
    if (auto* n = o.if_contains("name"); n && n->is_string()) x.name = std::string(n->as_string());
    if (auto* a = o.if_contains("amount_vnd"); a && a->is_int64()) x.amount_vnd = a->as_int64();
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<std::string> component_names_of(const store::ProcedureRec& p) {
  std::vector<std::string> out;
  for (auto& c : array_at(p, "components"))
    if (c.is_object())
      if (auto* n = c.as_object().if_contains("name"); n && n->is_string()) out.emplace_back(n->as_string());
  return out;
}

std::vector<CatalogueChange> compare_catalogue(const std::vector<NationalProcedureRecord>& theirs,
                                               const std::vector<store::ProcedureRec>& ours) {
  std::map<std::string, const store::ProcedureRec*> latest;
  for (auto& p : ours) {
    auto& slot = latest[p.national_code];
    if (!slot || p.version > slot->version) slot = &p;
  }
  std::map<std::string, CatalogueChange> out;
  for (auto& t : theirs) {
    auto it = latest.find(t.national_code);
    if (it == latest.end()) {
      out[t.national_code] = CatalogueChange{t.national_code, "new", "", t.name, 0, {}};
      continue;
    }
    const store::ProcedureRec& p = *it->second;
    CatalogueChange c{t.national_code, "changed", p.id, p.name, p.version, {}};
    if (!t.name.empty() && t.name != p.name) c.changes.push_back({"name", p.name, t.name});
    if (!t.field.empty() && t.field != p.field) c.changes.push_back({"field", p.field, t.field});
    if (t.time_amount > 0 && t.time_unit) {
      auto ours = calendar::parse_time_unit(p.time_unit);
      if (t.time_amount != p.time_amount || !ours.ok() || *ours != *t.time_unit)
        c.changes.push_back({"time_limit", std::to_string(p.time_amount) + " " + p.time_unit,
                             std::to_string(t.time_amount) + " " + std::string(calendar::to_string(*t.time_unit))});
    }
    if (t.fees) {
      std::string a = fees_text(national_fees_of(p)), b = fees_text(*t.fees);
      if (a != b) c.changes.push_back({"fees", a, b});
    }
    if (t.components) {
      std::string a = components_text(component_names_of(p)), b = components_text(*t.components);
      if (a != b) c.changes.push_back({"components", a, b});
    }
    if (!c.changes.empty()) out[t.national_code] = std::move(c);
  }
  for (auto& [code, p] : latest) {
    bool listed = std::any_of(theirs.begin(), theirs.end(), [&](auto& t) { return t.national_code == code; });
    if (!listed) out[code] = CatalogueChange{code, "missing", p->id, p->name, p->version, {}};
  }
  std::vector<CatalogueChange> v;
  for (auto& [k, c] : out) v.push_back(std::move(c));
  return v;
}

}  // namespace motcua::app
