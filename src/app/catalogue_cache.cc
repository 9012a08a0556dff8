#include "app/catalogue_cache.h"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "domain/org/units.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

std::vector<ProcessStep> process_of(const store::ProcedureRec& p) {
  std::vector<ProcessStep> out;
  boost::system::error_code ec;
  json::value doc = json::parse(p.doc, ec);
  const json::value* arr = (!ec && doc.is_object()) ? doc.as_object().if_contains("process") : nullptr;
  if (arr && arr->is_array()) {
    for (auto& v : arr->as_array()) {
      if (!v.is_object()) continue;
      auto& o = v.as_object();
      ProcessStep s{int64_t(out.size() + 1), "", org::Role::specialist, "competent", 8};
      if (auto* x = o.if_contains("name"); x && x->is_string()) s.name = std::string(x->as_string());
      // Roles are checked when a version is published (admin_catalogue.cc); the seed's are known.
      if (auto* x = o.if_contains("role"); x && x->is_string())
        if (auto r = org::parse_role(std::string_view(x->as_string()))) s.role = *r;
      if (auto* x = o.if_contains("agency"); x && x->is_string()) s.agency = std::string(x->as_string());
      if (auto* x = o.if_contains("hours"); x && x->is_int64()) s.hours = x->as_int64();
      out.push_back(std::move(s));
    }
  }
  if (out.empty()) {  // a procedure without a published process still gets a control sheet
    out = {{1, "Tiếp nhận hồ sơ", org::Role::reception, "receiving", 1},
           {2, "Thẩm định, xử lý hồ sơ", org::Role::specialist, "competent", 8},
           {3, "Phê duyệt", org::Role::leader, "competent", 4},
           {4, "Trả kết quả", org::Role::reception, "receiving", 1}};
  }
  return out;
}

std::string step_agency(const ProcessStep& s, const std::string& receiving_agency_id,
                        const std::string& competent_agency_id) {
  return s.agency == "receiving" ? receiving_agency_id : s.agency == "competent" ? competent_agency_id : s.agency;
}

int min_assurance_of(const store::ProcedureRec& p) {
  if (p.doc.find("min_assurance") == std::string::npos) return 0;  // most records: no parse
  boost::system::error_code ec;
  json::value doc = json::parse(p.doc, ec);
  const json::value* v = (!ec && doc.is_object()) ? doc.as_object().if_contains("min_assurance") : nullptr;
  if (!v || !v->is_int64()) return 0;
  return int(std::clamp<int64_t>(v->as_int64(), 0, 9));
}

bool has_leader_step(const std::vector<ProcessStep>& steps) {
  return std::any_of(steps.begin(), steps.end(), [](const ProcessStep& s) { return s.role == org::Role::leader; });
}

Result<std::shared_ptr<const ProcedureEntry>> CatalogueCache::procedure(const std::string& id) {
  {
    std::lock_guard lk(mu_);
    if (auto it = procedures_.find(id); it != procedures_.end()) return it->second;
  }
  std::optional<store::ProcedureRec> rec;
  std::vector<std::string> handlers;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rec, store::get_procedure(c, id));
    if (rec) {
      MC_ASSIGN(handlers, store::procedure_agencies(c, id));
    }
    return ok_status();
  }));
  if (!rec) return std::shared_ptr<const ProcedureEntry>{};
  auto steps = process_of(*rec);
  const int min_assurance = min_assurance_of(*rec);
  auto population = rec->doc.find("csdl_dan_cu") == std::string::npos  // most records: no parse
                        ? std::vector<ReplaceableComponent>{}
                        : replaceable_components(rec->doc, "csdl_dan_cu");
  auto entry = std::make_shared<const ProcedureEntry>(
      ProcedureEntry{std::move(*rec), std::move(handlers), std::move(steps), min_assurance, std::move(population)});
  std::lock_guard lk(mu_);
  procedures_[id] = entry;
  return std::shared_ptr<const ProcedureEntry>(entry);
}

Result<std::shared_ptr<const store::AgencyRec>> CatalogueCache::agency(const std::string& id) {
  Millis now = now_ms();
  {
    std::lock_guard lk(mu_);
    if (auto it = agencies_.find(id); it != agencies_.end() && now - it->second.loaded_at < kMinute)
      return it->second.rec;
  }
  std::optional<store::AgencyRec> rec;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rec, store::get_agency(c, id));
    return ok_status();
  }));
  std::shared_ptr<const store::AgencyRec> p = rec ? std::make_shared<const store::AgencyRec>(std::move(*rec)) : nullptr;
  std::lock_guard lk(mu_);
  agencies_[id] = AgencySlot{p, now};
  return p;
}

void CatalogueCache::forget_units() {
  std::lock_guard lk(mu_);
  units_.reset();
}

void CatalogueCache::forget_agency(const std::string& id) {
  std::lock_guard lk(mu_);
  agencies_.erase(id);
}

const store::UnitRec* UnitIndex::find(const std::string& id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &it->second;
}

std::vector<std::string> UnitIndex::current_successors(const std::string& id) const {
  std::set<std::string> out, seen{id};
  std::vector<std::string> todo{id};
  for (int depth = 0; depth < 4 && !todo.empty(); ++depth) {
    std::vector<std::string> next;
    for (auto& from : todo) {
      auto it = successors.find(from);
      if (it == successors.end()) continue;
      for (auto& to : it->second) {
        if (!seen.insert(to).second) continue;
        const store::UnitRec* u = find(to);
        if (!u) continue;
        if (u->valid_to.empty()) out.insert(to);
        else next.push_back(to);  // renamed again later: follow it
      }
    }
    todo = std::move(next);
  }
  return {out.begin(), out.end()};
}

std::string UnitIndex::full_name(const std::string& id) const {
  const store::UnitRec* u = find(id);
  if (!u) return {};
  std::string out = u->name;
  for (int depth = 0; depth < 4 && !u->parent_id.empty(); ++depth) {
    u = find(u->parent_id);
    if (!u) break;
    std::string name = u->name;
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') name[0] = char(name[0] - 'A' + 'a');  // "Huyện" → "huyện"
    out += ", " + name;
  }
  return out;
}

UnitIndex unit_index_as_of(std::vector<store::UnitRec> units, const std::vector<store::SuccessionRec>& successions,
                           const std::string& date) {
  UnitIndex ix;
  for (auto& u : units) {
    if (!u.valid_from.empty() && u.valid_from > date) continue;  // not yet in force
    if (!org::ended_by(u.valid_to, date)) u.valid_to.clear();     // in force that day
    ix.by_id.emplace(u.id, std::move(u));
  }
  for (auto& s : successions) {
    if (!s.date.empty() && s.date > date) continue;  // not yet in effect
    if (!ix.find(s.from_id) || !ix.find(s.to_id)) continue;
    ix.successors[s.from_id].push_back(s.to_id);
  }
  return ix;
}

Result<std::shared_ptr<const UnitIndex>> CatalogueCache::units() {
  Millis now = now_ms();
  const std::string today = format_date(local_date(now));
  {
    std::lock_guard lk(mu_);
    if (units_ && now - units_loaded_at_ < kMinute && units_date_ == today) return units_;
  }
  std::vector<store::UnitRec> list;
  std::vector<store::SuccessionRec> succ;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(list, store::list_units(c, "", ""));
    MC_ASSIGN(succ, store::list_successions(c));
    return ok_status();
  }));
  auto p = std::make_shared<const UnitIndex>(unit_index_as_of(std::move(list), succ, today));
  std::lock_guard lk(mu_);
  units_ = p;
  units_loaded_at_ = now;
  units_date_ = today;
  return p;
}

}  // namespace motcua::app
