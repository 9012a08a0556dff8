#include "app/integration/national_catalogue.h"

#include <algorithm>
#include <map>

namespace motcua::app {

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
