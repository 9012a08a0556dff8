// Closed months' rollups of the KPI counters (migration 025; docs/architecture.md "Closed months"):
// kpi_month / kpi_agency_month (Σ of the daily rows over a month) and kpi_month_stock /
// kpi_agency_month_stock (the stock at the close of the month's last day, by due bucket). Built
// from the counters once a month is closed (app/kpi/rollup.h), never by a dossier transaction;
// sum_daily and stock_at (kpi_repo.h) read them for the whole built months of a period and the
// daily rows for the rest, so a year reads 12 months and at most ~60 days.
// Months are "YYYY-MM", days "YYYY-MM-DD" (local).
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "store/kpi_repo.h"
#include "store/kpi_step_repo.h"
#include "store/sql/database.h"

namespace motcua::store {

std::string month_first_day(const std::string& month);  // "YYYY-MM-01"
std::string month_last_day(const std::string& month);   // "YYYY-MM-28…31"
std::string next_month(const std::string& month);
std::string prev_month(const std::string& month);

// The reads that sum the counters over days [from, to] given the months built (`through`, "" =
// none): the whole built months from the month rollups (month = true, lo/hi months), the other days
// from the daily rows (lo/hi days); a built month's part longer than half of it is its month sum
// less the days around the part (sign -1: fewer daily rows, same sums). sum_daily and the
// Quyết định 766 per-procedure receptions read through it.
struct PeriodPart {
  bool month = false;
  std::string lo, hi;
  int sign = 1;
};
std::vector<PeriodPart> period_parts(const std::string& through, const std::string& from, const std::string& to);

// sum_daily (kpi_repo.h) for the whole province, one row per agency and channel (field empty),
// read from the agency rollups (kpi_agency_month, kpi_agency_daily) through period_parts: equal to
// sum_daily's by-field rows summed per agency, without a row per procedure (the public results).
Result<std::vector<DailyTotals>> sum_daily_by_agency(sql::Connection& c, const std::string& from, const std::string& to);

// Whether the rollups are read and built: not with MOTCUA_KPI_ROLLUPS=off (the daily rows only —
// for the test that compares both paths and for measuring them; slower, never different).
bool rollups_enabled();
// The months built: every month from the first counter's through the answer ("" = none, or the
// rollups switched off).
Result<std::string> rollup_through(sql::Connection& c);
struct RollupState {
  std::string through;     // as rollup_through
  int64_t generation = 0;  // moved by each drop_rollups
};
Result<RollupState> rollup_state(sql::Connection& c);
// The month of the first counter row, daily or stock ("" = no counter yet).
Result<std::string> first_counter_month(sql::Connection& c);

// One month's rollup rows, read from the counters and the previous month's stock snapshot.
struct MonthRollup {
  std::string month;
  std::vector<DailyRow> fine;          // k.day = the month
  std::vector<DailyRow> agency;        // k.procedure_id = ""
  std::vector<DueRow> stock;           // k.day = the month, k.channel = 0
  std::vector<DueRow> agency_stock;    // and k.procedure_id = ""
  std::vector<StepRow> steps;          // kpi_step_month: k.day = the month
};
Result<MonthRollup> read_month_rollup(sql::Connection& c, const std::string& month);
// Writes `m` and moves the months built to it, when they are still `expected` (through the month
// before it, or none for the first month); false, writing nothing, when a build or a repair moved
// them meanwhile.
Result<bool> write_month_rollup(sql::Connection& c, const MonthRollup& m, const RollupState& expected);
// Drops every rollup row and sets the months built back to none: in the transaction that changes
// a past day's counters (kpi-verify --repair, bench-fill, seed-demo).
Status drop_rollups(sql::Connection& c);

// Every stored rollup row, for kpi-verify (a scan, off the request path). `agency`: the agency
// tables (k.procedure_id = "").
Result<std::vector<DailyRow>> all_month(sql::Connection& c, bool agency);
Result<std::vector<DueRow>> all_month_stock(sql::Connection& c, bool agency);
Result<std::vector<StepRow>> all_step_month(sql::Connection& c);  // k.day = the month

}  // namespace motcua::store
