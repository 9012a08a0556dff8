// Searching the catalogue: the whole list of one agency (hundreds of procedures in a province) is
// read and ranked in memory by catalogue::search_score, so a slip of one letter still finds it.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "app/catalogue/catalogue_service.h"
#include "common/text.h"
#include "domain/catalogue/search.h"
#include "store/repo.h"

namespace motcua::app {

using Rec = const store::ProcedureRec*;

// The version in force on `day` for each national code: the latest effective_from not after it.
static std::vector<Rec> in_force(const std::vector<Rec>& all, const std::string& day) {
  std::unordered_map<std::string, size_t> best;
  std::vector<Rec> out;
  for (Rec p : all) {
    if (!p->effective_from.empty() && p->effective_from > day) continue;
    auto [it, fresh] = best.emplace(p->national_code, out.size());
    if (fresh) {
      out.push_back(p);
    } else if (std::tie(p->effective_from, p->version) > std::tie(out[it->second]->effective_from, out[it->second]->version)) {
      out[it->second] = p;
    }
  }
  return out;
}

Result<std::shared_ptr<const std::vector<store::ProcedureRec>>> CatalogueService::all_versions() {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(all_mu_);
    if (all_ && now - all_loaded_ < std::chrono::minutes(1)) return all_;
  }
  std::vector<store::ProcedureRec> rows;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::list_procedures(c, "", "", 1000000));
    return ok_status();
  }));
  auto fresh = std::make_shared<const std::vector<store::ProcedureRec>>(std::move(rows));
  std::lock_guard lock(all_mu_);
  all_ = fresh;
  all_loaded_ = now;
  return fresh;
}

Result<ProcedureHits> CatalogueService::search(const ProcedureSearch& s) {
  // The cached list is ranked in place: only the records returned are copied.
  std::shared_ptr<const std::vector<store::ProcedureRec>> source;
  std::string filter = s.agency_id;
  if (!filter.empty()) {
    MC_ASSIGN(auto agency, catalogue_.agency(filter));
    if (agency && agency->type == "service_center") filter.clear();
  }
  if (filter.empty()) {
    MC_ASSIGN(source, all_versions());
  } else {  // one agency's procedures: a bounded read of its own
    std::vector<store::ProcedureRec> own;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(own, store::list_procedures(c, filter, "", 1000000));
      return ok_status();
    }));
    source = std::make_shared<const std::vector<store::ProcedureRec>>(std::move(own));
  }
  std::vector<Rec> all;
  all.reserve(source->size());
  for (auto& p : *source) all.push_back(&p);
  if (!s.in_force_on.empty()) all = in_force(all, s.in_force_on);

  const auto q = catalogue::parse_search(fold_vi(s.query));
  std::vector<std::pair<int, Rec>> ranked;
  std::map<std::string, int64_t> fields;
  for (Rec p : all) {
    if (!s.field.empty() && p->field != s.field) continue;
    if (!s.level.empty() && p->level != s.level) continue;
    if (!s.online_level.empty() && p->online_level != s.online_level) continue;
    int score = catalogue::search_score(q, catalogue::search_words(p->name_folded), p->national_code);
    if (score < 0) continue;
    ++fields[p->field];
    ranked.emplace_back(score, p);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return std::tie(a.second->field, a.second->name, a.second->version) <
           std::tie(b.second->field, b.second->name, b.second->version);
  });
  ProcedureHits hits;
  for (auto& [score, p] : ranked) {
    if (int(hits.items.size()) >= s.limit) break;
    hits.items.push_back(*p);
  }
  hits.fields.assign(fields.begin(), fields.end());
  return hits;
}

}  // namespace motcua::app
