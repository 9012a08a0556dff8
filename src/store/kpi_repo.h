// KPI counters (migration 017; domain/kpi; docs/architecture.md "KPI counters"): kpi_daily, one
// row per (agency, day, procedure, channel) with one column per stored metric, and kpi_due, the
// stock by due day; each write also moves the agency rollups (kpi_agency_daily, kpi_agency_due),
// which the reads without field or procedure use. Days are local (UTC+7) "YYYY-MM-DD". Column names are checked against the
// table's own list: nothing from outside reaches the SQL text.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

// kpi_daily's metric columns, in kpi::column_metrics() order (a test keeps them equal).
// population_reused and population_asked: migration 020.
inline constexpr std::array<std::string_view, 20> kKpiColumns = {
    "received", "resolved", "resolved_early", "resolved_on_time", "resolved_late", "returned", "refused",
    "withdrawn", "stopped", "apologised", "results_electronic", "documents_reused", "rated_very_satisfied",
    "rated_satisfied", "rated_dissatisfied", "supplement_requested", "closed_unresolved", "population_reused",
    "population_asked", "received_digitised"};
// Index of a column in kKpiColumns, -1 when it is not one.
int kpi_column_index(std::string_view column);

// Counter slots (migration 029, docs/architecture.md "Counter slots"). On PostgreSQL one key of
// kpi_daily, kpi_due, kpi_step and the agency rollups may be kept on up to kKpiSlots rows (key
// column `slot`), each connection adding to its own, so that writers of one desk and day do not
// queue on one row through each other's commit; every reader sums over slots. SQLite (one writer)
// has no slot column: one row per key.
inline constexpr int kKpiSlots = 8;
// The slot a connection's counter writes go to: on PostgreSQL its session's number
// (sql::Connection::session_id: 0, 1, 2, … unique among the database's live sessions) modulo
// `slots` (1 … kKpiSlots; 1 = every write on slot 0). Stable per connection, whose transactions
// never overlap; distinct for the first kKpiSlots connections of all processes together.
struct KpiSlot {
  bool column = false;  // the table has a slot column (PostgreSQL)
  int64_t slot = 0;
  // The upsert's parts: ", slot" after the key columns and in the conflict target, ",?" in VALUES.
  std::string col() const { return column ? ", slot" : ""; }
  std::string q() const { return column ? ",?" : ""; }
  void push(std::vector<sql::Value>& p) const {
    if (column) p.emplace_back(slot);
  }
};
KpiSlot kpi_slot(const sql::Connection& c, int slots = kKpiSlots);
// Slot 0 (or none, on SQLite): bulk loads and repairs.
KpiSlot kpi_slot0(const sql::Connection& c);

struct KpiKey {
  std::string agency_id, day, procedure_id;
  int64_t channel = 0;
  auto operator<=>(const KpiKey&) const = default;
};

// Adds 1 to each of `columns` (distinct) of the key's row: one upsert. Unknown column: internal.
Status bump_daily(sql::Connection& c, const KpiKey& k, const std::vector<std::string_view>& columns);
// Adds n to the key's bucket `due_day` ("" = the open bucket): one upsert (on the connection's
// slot, or on `slot`).
Status add_due(sql::Connection& c, const KpiKey& k, const std::string& due_day, int64_t n);
Status add_due_at(sql::Connection& c, const KpiSlot& slot, const KpiKey& k, const std::string& due_day, int64_t n);

// Which counters a figure reads; "" = any. Level and field are the agency's and the procedure's.
struct KpiFilter {
  std::string agency_id, level, field, procedure_id;
};

struct DailyTotals {
  std::string field, agency_id;  // filled when grouped
  int64_t channel = 0;
  std::array<int64_t, kKpiColumns.size()> v{};
};
// Σ of every column over days [from, to], one row per channel (and per field and agency when
// `by_field_agency`). Reads the built months' rollups for the whole months of the period and
// kpi_daily (or the agency rollup) by day range for the rest (kpi_rollup.h).
Result<std::vector<DailyTotals>> sum_daily(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                           const std::string& to, bool by_field_agency);

struct StockTotals {
  std::string field, agency_id;  // filled when grouped
  int64_t in_progress = 0, overdue = 0;
};
// The stock at the close of `day` (domain/kpi/stock.h): Σ n for day ≤ `day`, and for due_day ≤ it —
// the snapshot of the last built month closed by then plus the kpi_due rows after it.
Result<std::vector<StockTotals>> stock_at(sql::Connection& c, const KpiFilter& f, const std::string& day,
                                          bool by_field_agency);

// Every stored row, for kpi-verify (a scan, off the request path).
struct DailyRow {
  KpiKey k;
  std::array<int64_t, kKpiColumns.size()> v{};
};
struct DueRow {
  KpiKey k;
  std::string due_day;
  int64_t n = 0;
};
// all_daily and all_due: one row per key, summed over its slots.
Result<std::vector<DailyRow>> all_daily(sql::Connection& c);
// Adds every column of `row` to its key's row (slot 0): one upsert (bulk loads: bench-fill).
Status add_daily(sql::Connection& c, const DailyRow& row);
// The same for many rows and many due rows (a key given twice: its sum): a few multi-row
// upserts per table, the agency rollups summed first (bench-fill; the rows written are those of
// add_daily / add_due called once per row).
Status add_daily_rows(sql::Connection& c, const std::vector<DailyRow>& rows);
Status add_due_rows(sql::Connection& c, const std::vector<DueRow>& rows);
Result<std::vector<DueRow>> all_due(sql::Connection& c);
// The agencies of a level (their unit's level; "" = every agency), in id order.
Result<std::vector<std::string>> agencies_of_level(sql::Connection& c, const std::string& level);

// Drill-down: the dossiers of one agency received (or decided, `by_resolved`) in [from, to), in
// (instant, id) order after (after_at, after_id), through the agency's index range of the period.
// channel 0 / timeliness "" / field "" / procedure "" = any.
struct DrillQuery {
  std::string agency_id;
  bool by_resolved = false;
  Millis from = 0, to = 0;
  int64_t channel = 0;
  std::string timeliness, field, procedure_id;
  Millis after_at = 0;
  std::string after_id;
  int64_t limit = 50;
  // The Quyết định 766 lists (app/kpi/index766_lists.cc): decided but not late; only the
  // procedures of `procedure_in` when `procedures_only`; the dossier's record in DrillRow::doc.
  bool not_late = false, procedures_only = false, with_doc = false;
  std::vector<std::string> procedure_in;
};
struct DrillRow {
  std::string id, code, procedure_id, agency_id, state, timeliness;
  int64_t channel = 0;
  Millis received_at = 0, resolved_at = 0;
  std::string doc;  // only with DrillQuery::with_doc; never answered
  // The component lists of the Quyết định 766 view (ListKind::components, index766_lists.cc):
  // the component's name, the database it was taken from ("" = handed in), the dossier's filing
  // instant; `counted` false for a row a list reads but does not show.
  std::string component, component_source;
  Millis submitted_at = 0;
  bool counted = true;
};
Result<std::vector<DrillRow>> drill_dossiers(sql::Connection& c, const DrillQuery& q);
// A dossier as a drill-down lists it.
DrillRow drill_row(const DossierRec& d);

// What kpi-verify recounts from, read in batches: dossiers in id order after `after` (at most
// `limit`), the history entries of the dossiers with ids in [first, last] (dossier, then entry
// order), and the reuses and ratings (dossier, instant, and the rating's score).
Result<std::vector<DossierRec>> dossiers_after(sql::Connection& c, const std::string& after, int64_t limit);
Result<std::vector<EventRec>> events_of_range(sql::Connection& c, const std::string& first, const std::string& last);
struct DossierMark {
  std::string dossier_id;
  Millis at = 0;
  std::string score;  // ratings only
};
Result<std::vector<DossierMark>> all_reuses(sql::Connection& c);
Result<std::vector<DossierMark>> all_ratings(sql::Connection& c);
// The agency rollups (kpi_agency_daily, kpi_agency_due) against the sums of the fine rows: each
// key that differs, as a Vietnamese sentence (at most 100 of each).
Result<std::vector<std::string>> rollup_differences(sql::Connection& c);
// Replaces both tables' content (and rebuilds the agency rollups from it, and drops the closed
// months' rollups: kpi_rollup.h) (kpi-verify --repair).
Status replace_kpi(sql::Connection& c, const std::vector<DailyRow>& daily, const std::vector<DueRow>& due);

}  // namespace motcua::store
