// The national portal's side of the store (integrations/dvcqg, app/integration): what the portal
// has confirmed per dossier, the dossiers still waiting to be synchronised and why, the share
// synchronised, and the dossiers that arrived from the portal (each once).
// The messages themselves are outbox rows of sink "dvcqg" keyed by dossier id (store/outbox_repo.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

// One dossier's synchronisation with the national portal.
//   state: "none"     no message yet (a draft, or a dossier older than the sync)
//          "pending"  a change waits for its first attempt
//          "retrying" a message failed and will be tried again (last_error says why)
//          "parked"   the relay gave up on a message; an administrator must retry it
//          "synced"   the portal has confirmed the latest change
struct DvcqgSyncState {
  std::string state = "none";
  int64_t confirmed_status = 0;  // the national status code the portal last confirmed (0 = none)
  Millis synced_at = 0;          // when it confirmed it
  int64_t messages = 0;          // messages the portal has accepted for this dossier
  Millis decided_at = 0;         // the decision the portal confirmed (0 = none yet)
  int64_t waiting = 0;           // messages not yet accepted
  int64_t attempts = 0;          // failed attempts of the oldest waiting message
  std::string last_error;
};

// After the portal accepted outbox row `outbox_id` about `dossier_id`: remembers the status it
// now holds (a row older than the one recorded does not move it back). `decided_at`: the
// dossier's decision time when the accepted message carries the decision (national status 9 or
// 10), else 0; the first one recorded stays (dvcqg_sync.decided_at, the progress counter).
Status record_dvcqg_sync(sql::Connection& c, const std::string& dossier_id, const std::string& code, int64_t status,
                         int64_t outbox_id, Millis at, Millis decided_at = 0);
Result<DvcqgSyncState> get_dvcqg_sync(sql::Connection& c, const std::string& dossier_id);

// The share synchronised (Quyết định 766): dossiers past draft, those whose every change the
// portal has confirmed, and those waiting (of which failing and parked). Counts over the
// dossiers table and the unsent national rows (both bounded by what the province holds).
struct DvcqgSummary {
  int64_t dossiers = 0, synced = 0, waiting = 0, retrying = 0, parked = 0;
};
Result<DvcqgSummary> dvcqg_summary(sql::Connection& c);

// National rows not yet accepted, newest first (ids below `before`; 0 = from the newest).
struct DvcqgUnsent {
  int64_t outbox_id = 0;
  std::string dossier_id, state, last_error, payload;
  int64_t attempts = 0;
  Millis created_at = 0, next_attempt_at = 0;
};
Result<std::vector<DvcqgUnsent>> list_dvcqg_unsent(sql::Connection& c, int64_t before, int limit);

// A dossier filed on the national portal, imported as `dossier_id`: true when this call recorded
// it, false when `national_code` was imported before (the caller then writes nothing).
Result<bool> claim_dvcqg_inbound(sql::Connection& c, const std::string& national_code, const std::string& dossier_id,
                                 const std::string& agency_id, Millis at);
// The agency whose e-ID (mã định danh) is `eid`, "" when none.
Result<std::string> agency_by_eid(sql::Connection& c, const std::string& eid);
// The version of procedure `national_code` in force on `today` (YYYY-MM-DD): the highest version
// whose effective date is not after today; "" when none.
Result<std::string> procedure_in_force(sql::Connection& c, const std::string& national_code, const std::string& today);
// Every procedure version with what the national catalogue is compared on (id, national code,
// version, name, field, time limit; not the full record).
Result<std::vector<ProcedureRec>> procedure_versions_brief(sql::Connection& c);
Result<std::optional<std::string>> dvcqg_inbound_dossier(sql::Connection& c, const std::string& national_code);

}  // namespace motcua::store
