// kpi-verify: every KPI counter recounted from what the dossiers recorded, and compared with the
// stored one. Off the request path (it reads every dossier and history entry, in batches).
//
// Recount: each history entry's action moves the daily counters kpi::moved_by names, on the
// entry's local day, for the dossier's agency, procedure and channel; reuses and ratings on
// theirs. The due-day stock is replayed from the entries: reception (its due_at), pauses
// (request_supplement / request_payment once received), resumptions (paused_from, and the moved
// due_at; entries written before it was recorded are extended by the calendar in force), apologies
// (new_due; the first appointment kept), appointments moved by the calendar (to, original_to),
// and the closing entries — then kpi::bucket_of after each entry, kpi::flows_for_change between.
// The replayed clock must also end where the dossier row says it is. Step times (kpi_step): each
// control-sheet step left, its working time less the pauses the entries record (app/kpi/steps.h).
// The Quyết định 766 synced and progress-published counters: from the dvcqg_sync rows
// (app/kpi/synced_recount.h); the feedback cases answered and their counters: from the feedback
// history (app/kpi/feedback_recount.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/calendar/working_time.h"
#include "store/sql/database.h"

namespace motcua::app {

struct KpiCheck {
  int64_t dossiers = 0, daily_rows = 0, due_rows = 0, step_rows = 0, synced_rows = 0, feedback_cases = 0;
  int64_t progress_rows = 0;  // kpi_progress rows (766 progress published, migration 034)
  std::vector<std::string> differences;  // Vietnamese, one per counter or dossier that differs
  bool repaired = false;
};

// With `repair`, the stored counters are replaced by the recount (in one transaction) when they
// differ; `differences` still names what was wrong.
Result<KpiCheck> verify_kpi(sql::Database& db, const calendar::Calendar& cal, bool repair);

}  // namespace motcua::app
