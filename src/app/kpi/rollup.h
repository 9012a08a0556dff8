// The closed months' rollups (store/kpi_rollup.h; docs/architecture.md "Closed months"): built
// here, before a read that may use them, and checked by kpi-verify.
//
// A month is closed once the day after its last day has passed too (a transaction stamped on the
// last day may still be committing just after midnight): the first read from the 2nd of a month
// builds the month before. Each month is one read (its sums, a few thousand rows) and one short
// write (those rows, and the months built moved to it), so the writers wait only for the insert.
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/kpi_repo.h"
#include "store/kpi_step_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

// Builds every closed month not built yet (`today`: the local day now). Nothing to do: one
// one-row read. A failure leaves the figures right (the reads use the daily rows instead).
Status ensure_kpi_rollups(sql::Database& db, Date today);

// The stored rollups against the stored counters (`daily`, `due`: every row of kpi_daily and
// kpi_due): each month row and snapshot bucket that differs, as a Vietnamese sentence (at most
// 100). Recomputed here in memory, independently of the SQL that builds them.
Result<std::vector<std::string>> rollup_month_differences(sql::Database& db, const std::vector<store::DailyRow>& daily,
                                                          const std::vector<store::DueRow>& due);
// The same for the step-time month rollup (kpi_step_month) against `steps`, every kpi_step key.
Result<std::vector<std::string>> step_month_differences(sql::Database& db, const std::vector<store::StepRow>& steps);

}  // namespace motcua::app
