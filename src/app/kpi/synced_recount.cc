#include "app/kpi/synced_recount.h"

#include <map>

#include "store/kpi_synced_repo.h"

namespace motcua::app {

namespace {

using Counts = std::map<store::SyncedKey, int64_t>;

std::string name_key(const store::SyncedKey& k, const char* day) {
  return "cơ quan " + k.agency_id + ", " + day + " " + k.day + (k.procedure_id.empty() ? "" : ", thủ tục " + k.procedure_id);
}

// Each key of `stored` or `want` whose numbers differ, named.
void compare(const char* what, const char* day, const Counts& stored, const Counts& want, std::vector<std::string>& out) {
  auto describe = [day](const store::SyncedKey& k) { return name_key(k, day); };
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

// One counter: stored rows and rollup against the recount; with `repair`, both replaced.
Status verify_one(sql::Database& db, bool repair, store::SyncCounter which, SyncedCheck& out) {
  const bool progress = which == store::SyncCounter::progress;
  const char* what = progress ? "Bộ đếm hồ sơ có tiến độ đã cập nhật lên Cổng" : "Bộ đếm hồ sơ đã đồng bộ";
  const char* what_agency =
      progress ? "Bộ đếm hồ sơ có tiến độ đã cập nhật lên Cổng theo cơ quan" : "Bộ đếm hồ sơ đã đồng bộ theo cơ quan";
  const char* day = progress ? "ngày giải quyết" : "ngày tiếp nhận";
  std::vector<store::SyncedRow> stored, stored_agency, recount;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(stored, store::all_synced(c, which));
    MC_ASSIGN(stored_agency, store::all_agency_synced(c, which));
    MC_ASSIGN(recount, store::recount_synced(c, which));
    return ok_status();
  }));
  (progress ? out.progress_rows : out.rows) = int64_t(stored.size());
  Counts have, want, have_agency, want_agency;
  for (const auto& r : stored) have[r.k] = r.n;
  for (const auto& r : stored_agency) have_agency[r.k] = r.n;
  for (const auto& r : recount) {
    want[r.k] += r.n;
    want_agency[store::SyncedKey{r.k.agency_id, r.k.day, ""}] += r.n;
  }
  const size_t before = out.differences.size();
  compare(what, day, have, want, out.differences);
  compare(what_agency, day, have_agency, want_agency, out.differences);
  if (repair && out.differences.size() != before) {
    MC_TRY(db.write([&](sql::Connection& c) -> Status { return store::replace_synced(c, recount, which); }));
    out.repaired = true;
  }
  return ok_status();
}

}  // namespace

Result<SyncedCheck> verify_synced(sql::Database& db, bool repair) {
  SyncedCheck out;
  MC_TRY(verify_one(db, repair, store::SyncCounter::synced, out));
  MC_TRY(verify_one(db, repair, store::SyncCounter::progress, out));
  return out;
}

}  // namespace motcua::app
