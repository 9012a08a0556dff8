#include "app/kpi/synced_recount.h"

#include <map>

#include "store/kpi_synced_repo.h"

namespace motcua::app {

namespace {

using Counts = std::map<store::SyncedKey, int64_t>;

std::string describe(const store::SyncedKey& k) {
  return "cơ quan " + k.agency_id + ", ngày tiếp nhận " + k.day + (k.procedure_id.empty() ? "" : ", thủ tục " + k.procedure_id);
}

// Each key of `stored` or `want` whose numbers differ, named.
void compare(const char* what, const Counts& stored, const Counts& want, std::vector<std::string>& out) {
  for (const auto& [k, n] : stored) {
    auto it = want.find(k);
    const int64_t w = it == want.end() ? 0 : it->second;
    if (n != w)
      out.push_back(std::string(what) + " (" + describe(k) + "): lưu " + std::to_string(n) + ", đếm lại từ dvcqg_sync " +
                    std::to_string(w) + ".");
  }
  for (const auto& [k, w] : want)
    if (w != 0 && !stored.count(k))
      out.push_back(std::string(what) + " (" + describe(k) + "): không có dòng lưu, đếm lại từ dvcqg_sync " + std::to_string(w) + ".");
}

}  // namespace

Result<SyncedCheck> verify_synced(sql::Database& db, bool repair) {
  SyncedCheck out;
  std::vector<store::SyncedRow> stored, stored_agency, recount;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(stored, store::all_synced(c));
    MC_ASSIGN(stored_agency, store::all_agency_synced(c));
    MC_ASSIGN(recount, store::recount_synced(c));
    return ok_status();
  }));
  out.rows = int64_t(stored.size());
  Counts have, want, have_agency, want_agency;
  for (const auto& r : stored) have[r.k] = r.n;
  for (const auto& r : stored_agency) have_agency[r.k] = r.n;
  for (const auto& r : recount) {
    want[r.k] += r.n;
    want_agency[store::SyncedKey{r.k.agency_id, r.k.day, ""}] += r.n;
  }
  compare("Bộ đếm hồ sơ đã đồng bộ", have, want, out.differences);
  compare("Bộ đếm hồ sơ đã đồng bộ theo cơ quan", have_agency, want_agency, out.differences);
  if (repair && !out.differences.empty()) {
    MC_TRY(db.write([&](sql::Connection& c) -> Status { return store::replace_synced(c, recount); }));
    out.repaired = true;
  }
  return out;
}

}  // namespace motcua::app
