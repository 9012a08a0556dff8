// The KPI counter changes of one write job, gathered while it runs and written at its end (on
// PostgreSQL just before COMMIT), merged per row and in one fixed order: the counter rows every
// intake of a desk touches (kpi_daily, kpi_due and their agency rollups) are then locked for the
// last few statements and the commit instead of the whole transaction, and two processes always
// lock them in the same order, so they cannot deadlock on them (docs/performance.md, issue 17).
// On PostgreSQL a job writes its rows on its connection's counter slot (kpi_repo.h kpi_slot): the
// lock order is (table, key, slot), and one job's rows all share one slot.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/kpi_repo.h"
#include "store/kpi_step_repo.h"
#include "store/sql/database.h"

namespace motcua::store {

class KpiDeltas {
 public:
  // Adds n to one metric column of the key's kpi_daily row (and its agency rollup). Unknown column: internal.
  Status add_daily(const KpiKey& k, std::string_view column, int64_t n = 1);
  // Adds n to the key's stock bucket `due_day` ("" = the open bucket) in kpi_due (and its rollup).
  void add_due(const KpiKey& k, const std::string& due_day, int64_t n);
  // Adds one step left after `minutes` working minutes, in histogram column `bucket`, to kpi_step.
  Status add_step(const StepKey& k, int64_t minutes, size_t bucket);
  bool empty() const { return daily_.empty() && due_.empty() && steps_.empty(); }

  // One row to write, in the order flush() writes them: kpi_daily by key, kpi_due by (key, due
  // day), kpi_step by its key, kpi_agency_daily by (agency, day, channel), kpi_agency_due by
  // (agency, day, due day). The rollups come last: they are the rows most writers share (one per
  // agency and day). Rows whose merged change is zero are left out.
  enum class Table { daily, due, step, agency_daily, agency_due };
  struct Row {
    Table table;
    KpiKey k;                 // procedure_id "" for the rollups (channel 0 for kpi_agency_due)
    std::string due_day;      // the due tables
    std::array<int64_t, kKpiColumns.size()> v{};  // the daily tables
    int64_t n = 0;                                // the due tables
    StepKey sk;                                   // kpi_step
    StepCounts st;
  };
  std::vector<Row> rows() const;
  // Writes rows() with one upsert each on the connection's slot (or on `slot`), then forgets them.
  Status flush(sql::Connection& c);
  Status flush(sql::Connection& c, const KpiSlot& slot);

 private:
  std::map<KpiKey, std::array<int64_t, kKpiColumns.size()>> daily_;
  std::map<std::pair<KpiKey, std::string>, int64_t> due_;
  std::map<StepKey, StepCounts> steps_;
};

// The deltas of the write job running on this thread with connection `c` (inside a Database
// made by defer_kpi_writes), or nullptr: then the counters are written at once (bump_daily, add_due).
KpiDeltas* kpi_deltas_of(const sql::Connection& c);

// MOTCUA_KPI_SLOTS (1 … 8; default kKpiSlots): how many slots the write jobs spread a key over.
// 1 keeps one row per key, as before migration 029 (for measuring; docs/performance.md).
int configured_kpi_slots();

// `db` whose write jobs each gather their KPI deltas (kpi_deltas_of) and flush them when the job
// has returned without error, before its commit, on the connection's slot among `slots` (1 …
// kKpiSlots; PostgreSQL only); a failing or retried job's deltas are dropped with its other
// changes. Reads are `db`'s own.
std::unique_ptr<sql::Database> defer_kpi_writes(std::unique_ptr<sql::Database> db, int slots = configured_kpi_slots());

}  // namespace motcua::store
