// Form 06a (DOMAIN.md §9): one row per field × agency × period, and the invariants a row must
// hold before it is exported or submitted.
//   received    = online + counter or post + carried over
//   resolved    = before time + on time + late
//   in progress = within time + overdue
//   received    = resolved + closed undecided + in progress
// "Closed undecided" (withdrawn or stopped after reception) is not a column of the printed form;
// it is kept beside the row so that the balance holds and can be checked: without it a withdrawn
// dossier would vanish from both sides.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain/kpi/stock.h"

namespace motcua::kpi {

struct Form06aRow {
  int64_t received = 0, received_online = 0, received_counter_post = 0, carried_over = 0;
  int64_t resolved = 0, resolved_early = 0, resolved_on_time = 0, resolved_late = 0;
  int64_t in_progress = 0, in_progress_within = 0, in_progress_overdue = 0;
  int64_t closed_undecided = 0;
  bool operator==(const Form06aRow&) const = default;
};

// What the counters say for one key and period [from, to].
struct PeriodCounts {
  int64_t received_online = 0, received_counter = 0, received_post = 0;
  int64_t resolved = 0;  // every decision, classed or not
  int64_t resolved_early = 0, resolved_on_time = 0, resolved_late = 0;
  int64_t closed_undecided = 0;
  int64_t carried_over = 0;  // in progress at the close of the day before `from`
  Stock at_end;              // at the close of `to`
};

// The row, each total the sum of its parts as the form prints it. A decision with no class (the
// procedure has no time limit, so it cannot be late) is counted on time.
Form06aRow form06a_row(const PeriodCounts&);

// The invariants above, each broken one as a Vietnamese sentence naming the figures; empty = all
// hold. Also every figure ≥ 0.
std::vector<std::string> form06a_problems(const Form06aRow&);

// Rows add up field by field (agency and province totals).
Form06aRow& operator+=(Form06aRow&, const Form06aRow&);

}  // namespace motcua::kpi
