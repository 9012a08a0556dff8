// The procedures citizens file most, from real numbers: dossiers created per procedure over the
// last 12 local months. A month is one bounded range of the index (created_at, procedure_id); a
// month that has ended never changes, so it is read once per process, and only the current month
// is read again (at most every kUsageRefresh). So a home page request costs a map lookup, and a
// refresh costs one month's index range, never a scan of every dossier.
#include <algorithm>
#include <cstdio>
#include <tuple>
#include <unordered_map>

#include "app/catalogue/catalogue_service.h"
#include "store/usage_repo.h"

namespace motcua::app {

namespace {

std::string month_name(Date d) {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d", d.year, d.month);
  return b;
}

Date month_start(Date d, int back) {  // the first day of the month `back` months before d's
  int m = d.year * 12 + (d.month - 1) - back;
  return Date{m / 12, m % 12 + 1, 1};
}

}  // namespace

Result<MostUsed> CatalogueService::most_used(int limit) {
  const Millis now = now_ms();
  const Date today = local_date(now);
  MostUsed out;
  std::unordered_map<std::string, int64_t> per_version;
  {
    std::lock_guard lock(usage_mu_);
    std::vector<std::string> window;
    for (int back = 11; back >= 0; --back) window.push_back(month_name(month_start(today, back)));
    const std::string current = window.back();
    // Months that left the window, and a current month that has become a closed one, go.
    for (auto it = usage_.begin(); it != usage_.end();)
      it = std::find(window.begin(), window.end(), it->first) == window.end() ? usage_.erase(it) : std::next(it);
    if (current_month_ != current) {
      usage_.erase(current_month_);  // read again in full now that it has ended
      current_month_ = current;
      current_read_ = 0;
    }
    for (int back = 11; back >= 0; --back) {
      const std::string name = month_name(month_start(today, back));
      const bool is_current = back == 0;
      if (usage_.count(name) && !(is_current && now - current_read_ >= kUsageRefresh)) continue;
      const Millis from = local_instant(month_start(today, back), 0);
      const Millis to = back == 0 ? now + kDay : local_instant(month_start(today, back - 1), 0);
      MC_TRY(db_.read([&](sql::Connection& c) -> Status {
        MC_ASSIGN(usage_[name], store::dossiers_per_procedure(c, from, to));
        return ok_status();
      }));
      if (is_current) current_read_ = now;
    }
    for (auto& [month, counts] : usage_)
      for (auto& [id, n] : counts) per_version[id] += n;
    out.from_month = window.front();
    out.to_month = current;
    out.computed_at = current_read_;
  }
  // Versions of one procedure count together, shown as the version in force today.
  std::unordered_map<std::string, int64_t> per_code;
  for (auto& [id, n] : per_version) {
    MC_ASSIGN(auto p, catalogue_.procedure(id));
    if (p) per_code[p->rec.national_code] += n;
  }
  // The version in force today of each counted code (the latest effective_from not after today,
  // as the catalogue's search picks it), read in the cached list: only the ones shown are copied.
  const std::string day = format_date(today);
  MC_ASSIGN(auto all, all_versions());
  std::unordered_map<std::string, const store::ProcedureRec*> shown;
  for (const auto& p : *all) {
    if (!per_code.count(p.national_code) || (!p.effective_from.empty() && p.effective_from > day)) continue;
    auto& best = shown[p.national_code];
    if (!best || std::tie(p.effective_from, p.version) > std::tie(best->effective_from, best->version)) best = &p;
  }
  std::vector<std::pair<const store::ProcedureRec*, int64_t>> ranked;
  for (auto& [code, p] : shown) ranked.emplace_back(p, per_code[code]);
  std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
    return a.second != b.second ? a.second > b.second : a.first->national_code < b.first->national_code;
  });
  if (int(ranked.size()) > limit) ranked.resize(size_t(limit));
  for (auto& [p, n] : ranked) out.items.emplace_back(*p, n);
  return out;
}

}  // namespace motcua::app
