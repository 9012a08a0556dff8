// Step-time counters (migration 026, domain/kpi/step_time.h): kpi_step, one row per (competent
// agency, day left, procedure, step, role, agency the step is done at), holding n, the working
// minutes and the histogram h0 … h8.
#pragma once
#include <array>
#include <compare>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/kpi_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

// The histogram columns h0 … h8 (domain/kpi/step_time.h's buckets; app code asserts the size).
inline constexpr size_t kStepHistColumns = 9;
struct StepCounts {
  int64_t n = 0, minutes = 0;
  std::array<int64_t, kStepHistColumns> hist{};
};

struct StepKey {
  std::string agency_id, day, procedure_id;
  int64_t step = 0;
  std::string role, at_agency_id;
  auto operator<=>(const StepKey&) const = default;
};

// One step left after `minutes` working minutes, in histogram column `bucket`: one upsert, on
// the connection's slot (kpi_repo.h kpi_slot).
Status add_step_time(sql::Connection& c, const StepKey& k, int64_t minutes, size_t bucket);
// Adds `t` to the key's row on `slot`: one upsert (the write job's merged steps, kpi_deltas.h).
Status add_steps(sql::Connection& c, const KpiSlot& slot, const StepKey& k, const StepCounts& t);

// Σ over days [from, to] for a filter (KpiFilter: agency = the dossier's competent agency),
// one row per (step, role, agency the step is done at).
struct StepTotals {
  int64_t step = 0;
  std::string role, at_agency_id;
  StepCounts t;
};
Result<std::vector<StepTotals>> sum_steps(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                          const std::string& to);

// kpi-verify: every stored key (summed over its slots), the control sheets of the dossiers with ids in [first, last]
// (dossier, then step order), and the replacement of the table by a recount.
struct StepRow {
  StepKey k;
  StepCounts t;
};
Result<std::vector<StepRow>> all_steps(sql::Connection& c);
// Adds the rows (repeated keys summed) on slot 0 in a few multi-row upserts: bench-fill.
Status add_step_rows(sql::Connection& c, const std::vector<StepRow>& rows);
// Control-sheet rows (dossier_steps) as insert_step writes them one by one, in a few multi-row
// statements: bench-fill.
Status insert_steps(sql::Connection& c, const std::vector<StepRec>& steps);
Result<std::vector<StepRec>> steps_of_range(sql::Connection& c, const std::string& first, const std::string& last);
Status replace_steps(sql::Connection& c, const std::vector<StepRow>& rows);

}  // namespace motcua::store
