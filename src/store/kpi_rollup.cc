#include "store/kpi_rollup.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "common/time.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

Date first_of(const std::string& month) { return parse_date(month + "-01").value_or(Date{}); }

std::string month_of(Date d) { return format_date(d).substr(0, 7); }

std::string column_list() {
  std::string s;
  for (auto col : kKpiColumns) s += ", " + std::string(col);
  return s;
}

std::string sum_list() {
  std::string s;
  for (auto col : kKpiColumns) s += ", SUM(" + std::string(col) + ")";
  return s;
}

DailyRow daily_row(const sql::Row& r, KpiKey k, int o) {
  DailyRow d{std::move(k), {}};
  for (size_t i = 0; i < kKpiColumns.size(); ++i) d.v[i] = i64_or0(r, o + i);
  return d;
}

Status insert_daily(sql::Connection& c, const char* table, bool with_procedure, const DailyRow& d) {
  std::string sql = std::string("INSERT INTO ") + table + " (month, agency_id" + (with_procedure ? ", procedure_id" : "") +
                    ", channel" + column_list() + ") VALUES (?, ?" + (with_procedure ? ", ?" : "") + ", ?";
  for (size_t i = 0; i < kKpiColumns.size(); ++i) sql += ", ?";
  sql += ")";
  Params p{txt(d.k.day), txt(d.k.agency_id)};
  if (with_procedure) p.push_back(txt(d.k.procedure_id));
  p.push_back(num(d.k.channel));
  for (auto v : d.v) p.push_back(num(v));
  MC_TRY(c.exec(sql, p));
  return ok_status();
}

}  // namespace

std::string month_first_day(const std::string& month) { return month + "-01"; }

std::string month_last_day(const std::string& month) { return format_date(add_days(first_of(next_month(month)), -1)); }

std::string next_month(const std::string& month) { return month_of(add_days(first_of(month), 31)); }

std::string prev_month(const std::string& month) { return month_of(add_days(first_of(month), -1)); }

namespace {
int64_t day_number(const std::string& day) { return days_from_civil(parse_date(day).value_or(Date{})); }
std::string day_after(const std::string& day, int64_t n) { return format_date(add_days(parse_date(day).value_or(Date{}), n)); }
}  // namespace

std::vector<PeriodPart> period_parts(const std::string& through, const std::string& from, const std::string& to) {
  std::vector<PeriodPart> out;
  std::string m1 = from.substr(0, 7), m2 = to.substr(0, 7);
  if (from != month_first_day(m1)) m1 = next_month(m1);
  if (to != month_last_day(m2)) m2 = prev_month(m2);
  if (through < m2) m2 = through;
  // Days [lo, hi] outside the whole built months, a month at a time.
  auto days = [&](std::string lo, const std::string& hi) {
    while (lo <= hi) {
      const std::string m = lo.substr(0, 7), last = std::min(hi, month_last_day(m));
      if (through.empty() || m > through) {  // none built after
        out.push_back({false, lo, hi, 1});
        return;
      }
      const int64_t part = day_number(last) - day_number(lo) + 1;
      const int64_t whole = day_number(month_last_day(m)) - day_number(month_first_day(m)) + 1;
      if (2 * part > whole) {
        out.push_back({true, m, m, 1});
        if (lo > month_first_day(m)) out.push_back({false, month_first_day(m), day_after(lo, -1), -1});
        if (last < month_last_day(m)) out.push_back({false, day_after(last, 1), month_last_day(m), -1});
      } else {
        out.push_back({false, lo, last, 1});
      }
      lo = day_after(last, 1);
    }
  };
  if (through.empty() || m1 > m2) {
    days(from, to);
  } else {
    out.push_back({true, m1, m2, 1});
    if (from < month_first_day(m1)) days(from, day_after(month_first_day(m1), -1));
    if (to > month_last_day(m2)) days(day_after(month_last_day(m2), 1), to);
  }
  return out;
}

bool rollups_enabled() {
  static const bool on = [] {
    const char* v = std::getenv("MOTCUA_KPI_ROLLUPS");
    return !(v && std::strcmp(v, "off") == 0);
  }();
  return on;
}

Result<std::string> rollup_through(sql::Connection& c) {
  if (!rollups_enabled()) return std::string();
  MC_ASSIGN(auto rows, c.query("SELECT built_through FROM kpi_rollup WHERE id = 1"));
  return rows.empty() ? std::string() : rows[0].text(0);
}

Result<RollupState> rollup_state(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT built_through, generation FROM kpi_rollup WHERE id = 1"));
  if (rows.empty()) return RollupState{};
  return RollupState{rows[0].text(0), rows[0].i64(1)};
}

Result<std::string> first_counter_month(sql::Connection& c) {
  // Two index reads (kpi_daily by day: kpi_daily_day, on SQLite kpi_daily_day_received; kpi_due_day).
  MC_ASSIGN(auto a, c.query("SELECT MIN(day) FROM kpi_daily"));
  MC_ASSIGN(auto b, c.query("SELECT MIN(day) FROM kpi_due"));
  std::string first = a.empty() ? "" : a[0].text(0);
  const std::string due = b.empty() ? "" : b[0].text(0);
  if (first.empty() || (!due.empty() && due < first)) first = due;
  return first.empty() ? std::string() : first.substr(0, 7);
}

Result<MonthRollup> read_month_rollup(sql::Connection& c, const std::string& month) {
  MonthRollup m;
  m.month = month;
  const std::string lo = month_first_day(month), hi = month_last_day(month), prev = prev_month(month);
  Params range{txt(lo), txt(hi)};
  MC_ASSIGN(auto fine, c.query("SELECT agency_id, procedure_id, channel" + sum_list() +
                                   " FROM kpi_daily WHERE day >= ? AND day <= ? GROUP BY agency_id, procedure_id, channel",
                               range));
  for (auto& r : fine) m.fine.push_back(daily_row(r, KpiKey{r.text(0), month, r.text(1), r.i64(2)}, 3));
  MC_ASSIGN(auto agency, c.query("SELECT agency_id, channel" + sum_list() +
                                     " FROM kpi_agency_daily WHERE day >= ? AND day <= ? GROUP BY agency_id, channel",
                                 range));
  for (auto& r : agency) m.agency.push_back(daily_row(r, KpiKey{r.text(0), month, "", r.i64(1)}, 2));
  // The previous snapshot plus the month's flows; every due day ≤ the last day folds into it.
  Params sp{txt(hi), txt(hi), txt(prev), txt(lo), txt(hi)};
  MC_ASSIGN(auto stock,
            c.query("SELECT agency_id, procedure_id, CASE WHEN due_day <> '' AND due_day <= ? THEN CAST(? AS TEXT)"
                    " ELSE due_day END AS bucket, SUM(n) FROM ("
                    " SELECT agency_id, procedure_id, due_day, n FROM kpi_month_stock WHERE month = ?"
                    " UNION ALL SELECT agency_id, procedure_id, due_day, n FROM kpi_due WHERE day >= ? AND day <= ?) x"
                    " GROUP BY agency_id, procedure_id, bucket HAVING SUM(n) <> 0",
                    sp));
  for (auto& r : stock) m.stock.push_back(DueRow{KpiKey{r.text(0), month, r.text(1), 0}, r.text(2), r.i64(3)});
  MC_ASSIGN(auto astock,
            c.query("SELECT agency_id, CASE WHEN due_day <> '' AND due_day <= ? THEN CAST(? AS TEXT)"
                    " ELSE due_day END AS bucket, SUM(n) FROM ("
                    " SELECT agency_id, due_day, n FROM kpi_agency_month_stock WHERE month = ?"
                    " UNION ALL SELECT agency_id, due_day, n FROM kpi_agency_due WHERE day >= ? AND day <= ?) x"
                    " GROUP BY agency_id, bucket HAVING SUM(n) <> 0",
                    sp));
  for (auto& r : astock) m.agency_stock.push_back(DueRow{KpiKey{r.text(0), month, "", 0}, r.text(1), r.i64(2)});
  MC_ASSIGN(auto steps, c.query("SELECT agency_id, procedure_id, step, role, at_agency_id, SUM(n), SUM(minutes), SUM(h0),"
                                " SUM(h1), SUM(h2), SUM(h3), SUM(h4), SUM(h5), SUM(h6), SUM(h7), SUM(h8) FROM kpi_step"
                                " WHERE day >= ? AND day <= ? GROUP BY agency_id, procedure_id, step, role, at_agency_id",
                                range));
  for (auto& r : steps) {
    StepRow s{StepKey{r.text(0), month, r.text(1), r.i64(2), r.text(3), r.text(4)}, {}};
    s.t.n = i64_or0(r, 5);
    s.t.minutes = i64_or0(r, 6);
    for (size_t i = 0; i < kStepHistColumns; ++i) s.t.hist[i] = i64_or0(r, 7 + int(i));
    if (s.t.n != 0) m.steps.push_back(std::move(s));
  }
  return m;
}

Result<bool> write_month_rollup(sql::Connection& c, const MonthRollup& m, const RollupState& expected) {
  // The one row is the build's lock (PostgreSQL: a concurrent build waits here, then finds the
  // months moved and writes nothing).
  Params p{txt(m.month), txt(expected.through), num(expected.generation)};
  MC_ASSIGN(auto n, c.exec("UPDATE kpi_rollup SET built_through = ? WHERE id = 1 AND built_through = ? AND generation = ?", p));
  if (n != 1) return false;
  for (const auto& d : m.fine) MC_TRY(insert_daily(c, "kpi_month", true, d));
  for (const auto& d : m.agency) MC_TRY(insert_daily(c, "kpi_agency_month", false, d));
  for (const auto& s : m.stock) {
    Params q{txt(m.month), txt(s.k.agency_id), txt(s.k.procedure_id), txt(s.due_day), num(s.n)};
    MC_TRY(c.exec("INSERT INTO kpi_month_stock (month, agency_id, procedure_id, due_day, n) VALUES (?, ?, ?, ?, ?)", q));
  }
  for (const auto& s : m.agency_stock) {
    Params q{txt(m.month), txt(s.k.agency_id), txt(s.due_day), num(s.n)};
    MC_TRY(c.exec("INSERT INTO kpi_agency_month_stock (month, agency_id, due_day, n) VALUES (?, ?, ?, ?)", q));
  }
  Params sp;
  sp.reserve(m.steps.size() * 17);
  for (const auto& s : m.steps) {
    for (auto&& v : {txt(m.month), txt(s.k.agency_id), txt(s.k.procedure_id), num(s.k.step), txt(s.k.role),
                     txt(s.k.at_agency_id), num(s.t.n), num(s.t.minutes)})
      sp.push_back(v);
    for (auto h : s.t.hist) sp.push_back(num(h));
  }
  MC_TRY(exec_rows(c, "INSERT INTO kpi_step_month (month, agency_id, procedure_id, step, role, at_agency_id, n, minutes,"
                      " h0, h1, h2, h3, h4, h5, h6, h7, h8) VALUES ", 17, "", sp));
  return true;
}

Status drop_rollups(sql::Connection& c) {
  MC_TRY(c.exec("UPDATE kpi_rollup SET built_through = '', generation = generation + 1 WHERE id = 1"));
  for (const char* t : {"kpi_month", "kpi_agency_month", "kpi_month_stock", "kpi_agency_month_stock", "kpi_step_month"})
    MC_TRY(c.exec(std::string("DELETE FROM ") + t));
  return ok_status();
}

Result<std::vector<DailyRow>> all_month(sql::Connection& c, bool agency) {
  MC_ASSIGN(auto rows, c.query(agency ? "SELECT month, agency_id, '', channel" + column_list() + " FROM kpi_agency_month"
                                      : "SELECT month, agency_id, procedure_id, channel" + column_list() + " FROM kpi_month"));
  std::vector<DailyRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(daily_row(r, KpiKey{r.text(1), r.text(0), r.text(2), r.i64(3)}, 4));
  return out;
}

Result<std::vector<DueRow>> all_month_stock(sql::Connection& c, bool agency) {
  MC_ASSIGN(auto rows, c.query(agency ? "SELECT month, agency_id, '', due_day, n FROM kpi_agency_month_stock"
                                      : "SELECT month, agency_id, procedure_id, due_day, n FROM kpi_month_stock"));
  std::vector<DueRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(DueRow{KpiKey{r.text(1), r.text(0), r.text(2), 0}, r.text(3), r.i64(4)});
  return out;
}

Result<std::vector<StepRow>> all_step_month(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT month, agency_id, procedure_id, step, role, at_agency_id, n, minutes, h0, h1, h2,"
                               " h3, h4, h5, h6, h7, h8 FROM kpi_step_month"));
  std::vector<StepRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    StepRow s{StepKey{r.text(1), r.text(0), r.text(2), r.i64(3), r.text(4), r.text(5)}, {}};
    s.t.n = i64_or0(r, 6);
    s.t.minutes = i64_or0(r, 7);
    for (size_t i = 0; i < kStepHistColumns; ++i) s.t.hist[i] = i64_or0(r, 8 + int(i));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace motcua::store
