// The Quyết định 766 "synced" counter (migration 027): of the dossiers received on a local day,
// per competent agency and procedure, how many the national portal has confirmed — one per
// dvcqg_sync row, on the agency, procedure and reception day the row carries. Moved only by
// record_dvcqg_sync (repo_dvcqg.cc, the relay's sink transaction), by bench-fill, and replaced by
// kpi-verify --repair; read by store/index766_repo.h as a sum over days.
// The "progress published" counter (migration 034: kpi_progress, kpi_agency_progress) has the
// same shape and life, keyed by the local day of the decision the portal confirmed
// (dvcqg_sync.decided_at) instead of the reception: each function takes which one.
#pragma once
#include <compare>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct SyncedKey {
  std::string agency_id, day, procedure_id;
  auto operator<=>(const SyncedKey&) const = default;
};
// synced: kpi_synced (reception day); progress: kpi_progress (day of the confirmed decision).
enum class SyncCounter { synced, progress };

struct SyncedRow {
  SyncedKey k;
  int64_t n = 0;
};

// The key a dvcqg_sync row with these columns counts on; nullopt when it counts nowhere (not
// received: received_at 0; for the progress counter, `at` is decided_at: no decision confirmed).
std::optional<SyncedKey> synced_key(const std::string& agency_id, const std::string& procedure_id, Millis at);

// Adds n (±1, or a batch's sum) to the key's row and to its agency rollup: two upserts.
Status add_synced(sql::Connection& c, const SyncedKey& k, int64_t n, SyncCounter which = SyncCounter::synced);

// Σ n over days [from, to] (YYYY-MM-DD) for each of `agencies`; field / procedure "" = any
// (the agency rollup when neither is asked). One primary-key range per agency.
Result<int64_t> sum_synced(sql::Connection& c, const std::vector<std::string>& agencies, const std::string& from,
                           const std::string& to, const std::string& field, const std::string& procedure_id,
                           SyncCounter which = SyncCounter::synced);

// For kpi-verify: the stored rows (n ≠ 0), the stored agency rollup, and the recount from the
// dvcqg_sync rows themselves (grouped here by the local day of their reception, or decision).
Result<std::vector<SyncedRow>> all_synced(sql::Connection& c, SyncCounter which = SyncCounter::synced);
Result<std::vector<SyncedRow>> all_agency_synced(sql::Connection& c, SyncCounter which = SyncCounter::synced);  // procedure_id ""
Result<std::vector<SyncedRow>> recount_synced(sql::Connection& c, SyncCounter which = SyncCounter::synced);
// Replaces both tables by `rows` (and their rollup): one transaction, the caller's.
Status replace_synced(sql::Connection& c, const std::vector<SyncedRow>& rows, SyncCounter which = SyncCounter::synced);

}  // namespace motcua::store
