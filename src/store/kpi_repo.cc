#include "store/kpi_repo.h"

#include <map>
#include <tuple>

#include "store/kpi_rollup.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

int kpi_column_index(std::string_view column) {
  for (size_t i = 0; i < kKpiColumns.size(); ++i)
    if (kKpiColumns[i] == column) return int(i);
  return -1;
}

KpiSlot kpi_slot(const sql::Connection& c, int slots) {
  if (c.engine() != sql::Engine::postgres) return KpiSlot{};
  const int64_t n = slots < 1 ? 1 : slots > kKpiSlots ? kKpiSlots : slots;
  const int64_t id = c.session_id();
  return KpiSlot{true, (id < 0 ? -id : id) % n};
}

KpiSlot kpi_slot0(const sql::Connection& c) { return KpiSlot{c.engine() == sql::Engine::postgres, 0}; }

Status bump_daily(sql::Connection& c, const KpiKey& k, const std::vector<std::string_view>& columns) {
  if (columns.empty()) return ok_status();
  const KpiSlot slot = kpi_slot(c);
  std::string cols, ones, sets;
  for (auto col : columns) {
    if (kpi_column_index(col) < 0) return make_error(ErrorKind::internal, "Bộ đếm không có cột " + std::string(col));
    cols += ", " + std::string(col);
    ones += ", 1";
    sets += std::string(sets.empty() ? "" : ", ") + std::string(col) + " = kpi_daily." + std::string(col) + " + 1";
  }
  // The SQL text depends only on the set of columns (a few per action): the statement cache stays small.
  std::string sql = "INSERT INTO kpi_daily (agency_id, day, procedure_id, channel" + slot.col() + cols +
                    ") VALUES (?,?,?,?" + slot.q() + ones + ") ON CONFLICT (agency_id, day, procedure_id, channel" +
                    slot.col() + ") DO UPDATE SET " + sets;
  Params p{txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(k.channel)};
  slot.push(p);
  MC_TRY(c.exec(sql, p));
  std::string roll = "INSERT INTO kpi_agency_daily (agency_id, day, channel" + slot.col() + cols + ") VALUES (?,?,?" +
                     slot.q() + ones + ") ON CONFLICT (day, agency_id, channel" + slot.col() + ") DO UPDATE SET " + sets;
  size_t at = 0;
  while ((at = roll.find("kpi_daily.", at)) != std::string::npos) roll.replace(at, 10, "kpi_agency_daily."), at += 17;
  Params q{txt(k.agency_id), txt(k.day), num(k.channel)};
  slot.push(q);
  MC_TRY(c.exec(roll, q));
  return ok_status();
}

Status add_due(sql::Connection& c, const KpiKey& k, const std::string& due_day, int64_t n) {
  return add_due_at(c, kpi_slot(c), k, due_day, n);
}

Status add_due_at(sql::Connection& c, const KpiSlot& slot, const KpiKey& k, const std::string& due_day, int64_t n) {
  Params p{txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(k.channel), txt(due_day), num(n)};
  slot.push(p);
  MC_TRY(c.exec("INSERT INTO kpi_due (agency_id, day, procedure_id, channel, due_day, n" + slot.col() +
                    ") VALUES (?,?,?,?,?,?" + slot.q() + ") ON CONFLICT (agency_id, day, procedure_id, channel, due_day" +
                    slot.col() + ") DO UPDATE SET n = kpi_due.n + excluded.n",
                p));
  Params q{txt(k.agency_id), txt(k.day), txt(due_day), num(n)};
  slot.push(q);
  MC_TRY(c.exec("INSERT INTO kpi_agency_due (agency_id, day, due_day, n" + slot.col() + ") VALUES (?,?,?,?" + slot.q() +
                    ") ON CONFLICT (agency_id, day, due_day" + slot.col() + ") DO UPDATE SET n = kpi_agency_due.n + excluded.n",
                q));
  return ok_status();
}

namespace {
// Upserts `rows` (each `width` parameters, flattened in `p`) as "head (row),(row)… tail", a few
// thousand parameters a statement (under SQLite's 32,766 and PostgreSQL's 65,535).
std::string sums(const char* table) {
  std::string sets;
  for (auto col : kKpiColumns)
    sets += std::string(sets.empty() ? "" : ", ") + std::string(col) + " = " + table + "." + std::string(col) +
            " + excluded." + std::string(col);
  return sets;
}
}  // namespace

Status add_daily_rows(sql::Connection& c, const std::vector<DailyRow>& rows) {
  // Bulk loads write slot 0 (the column's default); the conflict target names it where it exists.
  const std::string slot = kpi_slot0(c).col();
  std::string cols;
  for (auto col : kKpiColumns) cols += ", " + std::string(col);
  // One row per key in a statement (an upsert may not touch a row twice): repeated keys summed.
  std::map<KpiKey, std::array<int64_t, kKpiColumns.size()>> keyed;
  std::map<std::tuple<std::string, std::string, int64_t>, std::array<int64_t, kKpiColumns.size()>> agency;
  for (const auto& r : rows) {
    auto& k = keyed[r.k];
    auto& a = agency[{r.k.day, r.k.agency_id, r.k.channel}];
    for (size_t i = 0; i < a.size(); ++i) k[i] += r.v[i], a[i] += r.v[i];
  }
  Params p;
  p.reserve(keyed.size() * (4 + kKpiColumns.size()));
  for (const auto& [k, v] : keyed) {
    for (auto&& x : {txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(k.channel)}) p.push_back(x);
    for (auto x : v) p.push_back(num(x));
  }
  MC_TRY(exec_rows(c, "INSERT INTO kpi_daily (agency_id, day, procedure_id, channel" + cols + ") VALUES ",
                       4 + kKpiColumns.size(),
                       " ON CONFLICT (agency_id, day, procedure_id, channel" + slot + ") DO UPDATE SET " + sums("kpi_daily"), p));
  Params q;
  q.reserve(agency.size() * (3 + kKpiColumns.size()));
  for (const auto& [k, v] : agency) {
    for (auto&& x : {txt(std::get<1>(k)), txt(std::get<0>(k)), num(std::get<2>(k))}) q.push_back(x);
    for (auto x : v) q.push_back(num(x));
  }
  return exec_rows(c, "INSERT INTO kpi_agency_daily (agency_id, day, channel" + cols + ") VALUES ",
                       3 + kKpiColumns.size(),
                       " ON CONFLICT (day, agency_id, channel" + slot + ") DO UPDATE SET " + sums("kpi_agency_daily"), q);
}

Status add_due_rows(sql::Connection& c, const std::vector<DueRow>& rows) {
  const std::string slot = kpi_slot0(c).col();  // as in add_daily_rows
  std::map<std::pair<KpiKey, std::string>, int64_t> keyed;  // repeated keys summed, as above
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> agency;
  for (const auto& r : rows) {
    keyed[{r.k, r.due_day}] += r.n;
    agency[{r.k.agency_id, r.k.day, r.due_day}] += r.n;
  }
  Params p;
  p.reserve(keyed.size() * 6);
  for (const auto& [k, n] : keyed)
    for (auto&& v : {txt(k.first.agency_id), txt(k.first.day), txt(k.first.procedure_id), num(k.first.channel),
                     txt(k.second), num(n)})
      p.push_back(v);
  MC_TRY(exec_rows(c, "INSERT INTO kpi_due (agency_id, day, procedure_id, channel, due_day, n) VALUES ", 6,
                       " ON CONFLICT (agency_id, day, procedure_id, channel, due_day" + slot + ") DO UPDATE SET n = kpi_due.n + excluded.n",
                       p));
  Params q;
  q.reserve(agency.size() * 4);
  for (const auto& [k, n] : agency)
    for (auto&& v : {txt(std::get<0>(k)), txt(std::get<1>(k)), txt(std::get<2>(k)), num(n)}) q.push_back(v);
  return exec_rows(c, "INSERT INTO kpi_agency_due (agency_id, day, due_day, n) VALUES ", 4,
                       " ON CONFLICT (agency_id, day, due_day" + slot + ") DO UPDATE SET n = kpi_agency_due.n + excluded.n", q);
}

namespace {

// FROM … WHERE … for a filter: the joins only when a filter or the grouping needs them. The
// text depends only on which filters are set (16 variants at most).
std::string from_where(const char* table, const KpiFilter& f, bool grouped, Params& p) {
  std::string s = std::string(" FROM ") + table + " k";
  if (!f.field.empty() || grouped) s += " LEFT JOIN procedures p ON p.id = k.procedure_id";
  if (!f.level.empty()) s += " JOIN agencies a ON a.id = k.agency_id LEFT JOIN units u ON u.id = a.unit_id";
  return s;
}
void add_filters(std::string& s, const KpiFilter& f, Params& p) {
  if (!f.agency_id.empty()) s += " AND k.agency_id = ?", p.push_back(txt(f.agency_id));
  if (!f.level.empty()) s += " AND COALESCE(u.level, '') = ?", p.push_back(txt(f.level));
  if (!f.field.empty()) s += " AND COALESCE(p.field, '') = ?", p.push_back(txt(f.field));
  if (!f.procedure_id.empty()) s += " AND k.procedure_id = ?", p.push_back(txt(f.procedure_id));
}

}  // namespace

namespace {

// One grouped sum of `table` (kpi_daily, kpi_agency_daily, kpi_month or kpi_agency_month) over
// [lo, hi] of its `key` column (day or month), added into `acc` by (field, agency, channel): the
// field and agency filled as `by` asks (by agency: no join, the agency tables will do).
enum class SumBy { channel, field_agency, agency };
using TotalsKey = std::tuple<std::string, std::string, int64_t>;
Status add_sums(sql::Connection& c, const char* table, const char* key, const KpiFilter& f, SumBy by,
                const std::string& lo, const std::string& hi, std::map<TotalsKey, DailyTotals>& acc, int sign = 1) {
  const bool grouped = by == SumBy::field_agency;
  std::string sql = "SELECT ";
  if (grouped) sql += "COALESCE(p.field, ''), k.agency_id, ";
  if (by == SumBy::agency) sql += "k.agency_id, ";
  sql += "k.channel";
  for (auto col : kKpiColumns) sql += ", SUM(k." + std::string(col) + ")";
  Params p;
  sql += from_where(table, f, grouped, p) + " WHERE k." + key + " >= ? AND k." + key + " <= ?";
  p.push_back(txt(lo));
  p.push_back(txt(hi));
  add_filters(sql, f, p);
  sql += grouped ? " GROUP BY COALESCE(p.field, ''), k.agency_id, k.channel"
         : by == SumBy::agency ? " GROUP BY k.agency_id, k.channel" : " GROUP BY k.channel";
  MC_ASSIGN(auto rows, c.query(sql, p));
  for (auto& r : rows) {
    int o = grouped ? 2 : by == SumBy::agency ? 1 : 0;
    TotalsKey k{grouped ? r.text(0) : "", grouped ? r.text(1) : by == SumBy::agency ? r.text(0) : "", r.i64(o)};
    auto& t = acc[k];
    t.field = std::get<0>(k), t.agency_id = std::get<1>(k), t.channel = std::get<2>(k);
    for (size_t i = 0; i < kKpiColumns.size(); ++i) t.v[i] += sign * i64_or0(r, o + 1 + i);
  }
  return ok_status();
}

// sum_daily's walk over the period's parts (kpi_rollup.h), the rollups chosen by `rollup`.
Result<std::vector<DailyTotals>> sum_parts(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                           const std::string& to, SumBy by, bool rollup) {
  const char* daily = rollup ? "kpi_agency_daily" : "kpi_daily";
  const char* monthly = rollup ? "kpi_agency_month" : "kpi_month";
  // The whole built months inside [from, to] from the month rollups, the days around them from
  // the daily rows (kpi_rollup.h).
  MC_ASSIGN(auto through, rollup_through(c));
  std::map<TotalsKey, DailyTotals> acc;
  for (const auto& part : period_parts(through, from, to))
    MC_TRY(add_sums(c, part.month ? monthly : daily, part.month ? "month" : "day", f, by, part.lo, part.hi, acc, part.sign));
  std::vector<DailyTotals> out;
  out.reserve(acc.size());
  for (auto& [k, t] : acc) out.push_back(std::move(t));
  return out;
}

}  // namespace

Result<std::vector<DailyTotals>> sum_daily(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                           const std::string& to, bool grouped) {
  const bool rollup = !grouped && f.field.empty() && f.procedure_id.empty();
  return sum_parts(c, f, from, to, grouped ? SumBy::field_agency : SumBy::channel, rollup);
}

Result<std::vector<DailyTotals>> sum_daily_by_agency(sql::Connection& c, const std::string& from, const std::string& to) {
  return sum_parts(c, KpiFilter{}, from, to, SumBy::agency, true);
}

namespace {

// Σ n and Σ overdue at the close of `day` of `table`'s rows selected by `where` (`p` its
// parameters, after the day's), added into `acc` by (field, agency).
Status add_stock(sql::Connection& c, const char* table, const std::string& where, Params wp, const KpiFilter& f,
                 bool grouped, const std::string& day, std::map<std::pair<std::string, std::string>, StockTotals>& acc) {
  std::string sql = "SELECT ";
  if (grouped) sql += "COALESCE(p.field, ''), k.agency_id, ";
  sql += "SUM(k.n), SUM(CASE WHEN k.due_day <> '' AND k.due_day <= ? THEN k.n ELSE 0 END)";
  Params p{txt(day)};
  sql += from_where(table, f, grouped, p) + " WHERE " + where;
  for (auto& v : wp) p.push_back(std::move(v));
  add_filters(sql, f, p);
  if (grouped) sql += " GROUP BY COALESCE(p.field, ''), k.agency_id";
  MC_ASSIGN(auto rows, c.query(sql, p));
  for (auto& r : rows) {
    int o = grouped ? 2 : 0;
    std::pair<std::string, std::string> k{grouped ? r.text(0) : "", grouped ? r.text(1) : ""};
    auto& t = acc[k];
    t.field = k.first, t.agency_id = k.second;
    t.in_progress += i64_or0(r, o);
    t.overdue += i64_or0(r, o + 1);
  }
  return ok_status();
}

}  // namespace

Result<std::vector<StockTotals>> stock_at(sql::Connection& c, const KpiFilter& f, const std::string& day, bool grouped) {
  const bool rollup = !grouped && f.field.empty() && f.procedure_id.empty();
  // The snapshot of the last built month that closed by `day`, then the flows after it
  // (kpi_rollup.h); without one, every flow up to `day`.
  MC_ASSIGN(auto through, rollup_through(c));
  std::string snap = day.substr(0, 7);
  if (day != month_last_day(snap)) snap = prev_month(snap);
  if (through < snap) snap = through;
  std::map<std::pair<std::string, std::string>, StockTotals> acc;
  std::string after;  // flows on days after it
  if (!snap.empty()) {
    MC_TRY(add_stock(c, rollup ? "kpi_agency_month_stock" : "kpi_month_stock", "k.month = ?", Params{txt(snap)}, f,
                     grouped, day, acc));
    after = month_last_day(snap);
  }
  MC_TRY(add_stock(c, rollup ? "kpi_agency_due" : "kpi_due", "k.day > ? AND k.day <= ?", Params{txt(after), txt(day)}, f,
                   grouped, day, acc));
  std::vector<StockTotals> out;
  out.reserve(acc.size());
  for (auto& [k, t] : acc) out.push_back(std::move(t));
  return out;
}

Result<std::vector<DailyRow>> all_daily(sql::Connection& c) {
  // One row per key: the sum over its slots.
  std::string sql = "SELECT agency_id, day, procedure_id, channel";
  for (auto col : kKpiColumns) sql += ", SUM(" + std::string(col) + ")";
  sql += " FROM kpi_daily GROUP BY agency_id, day, procedure_id, channel ORDER BY agency_id, day, procedure_id, channel";
  MC_ASSIGN(auto rows, c.query(sql));
  std::vector<DailyRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    DailyRow d{{r.text(0), r.text(1), r.text(2), r.i64(3)}, {}};
    for (size_t i = 0; i < kKpiColumns.size(); ++i) d.v[i] = r.i64(4 + i);
    out.push_back(std::move(d));
  }
  return out;
}

Status add_daily(sql::Connection& c, const DailyRow& row) {
  const KpiSlot slot = kpi_slot0(c);
  std::string sql = "INSERT INTO kpi_daily (agency_id, day, procedure_id, channel" + slot.col(), qs = "?,?,?,?" + slot.q(),
              sets;
  for (auto col : kKpiColumns) {
    sql += ", " + std::string(col);
    qs += ",?";
    sets += std::string(sets.empty() ? "" : ", ") + std::string(col) + " = kpi_daily." + std::string(col) + " + excluded." +
            std::string(col);
  }
  sql += ") VALUES (" + qs + ") ON CONFLICT (agency_id, day, procedure_id, channel" + slot.col() + ") DO UPDATE SET " + sets;
  Params p{txt(row.k.agency_id), txt(row.k.day), txt(row.k.procedure_id), num(row.k.channel)};
  slot.push(p);
  for (auto v : row.v) p.push_back(num(v));
  MC_TRY(c.exec(sql, p));
  std::string roll = "INSERT INTO kpi_agency_daily (agency_id, day, channel" + slot.col(), rq = "?,?,?" + slot.q(), rsets;
  for (auto col : kKpiColumns) {
    roll += ", " + std::string(col);
    rq += ",?";
    rsets += std::string(rsets.empty() ? "" : ", ") + std::string(col) + " = kpi_agency_daily." + std::string(col) +
             " + excluded." + std::string(col);
  }
  roll += ") VALUES (" + rq + ") ON CONFLICT (day, agency_id, channel" + slot.col() + ") DO UPDATE SET " + rsets;
  Params q{txt(row.k.agency_id), txt(row.k.day), num(row.k.channel)};
  slot.push(q);
  for (auto v : row.v) q.push_back(num(v));
  MC_TRY(c.exec(roll, q));
  return ok_status();
}

Result<std::vector<DueRow>> all_due(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT agency_id, day, procedure_id, channel, due_day, SUM(n) FROM kpi_due"
                               " GROUP BY agency_id, day, procedure_id, channel, due_day"
                               " ORDER BY agency_id, day, procedure_id, channel, due_day"));
  std::vector<DueRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(DueRow{{r.text(0), r.text(1), r.text(2), r.i64(3)}, r.text(4), r.i64(5)});
  return out;
}

Result<std::vector<std::string>> agencies_of_level(sql::Connection& c, const std::string& level) {
  Params p;
  std::string sql = "SELECT a.id FROM agencies a";
  if (!level.empty()) sql += " LEFT JOIN units u ON u.id = a.unit_id WHERE COALESCE(u.level, '') = ?", p.push_back(txt(level));
  sql += " ORDER BY a.id";
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.text(0));
  return out;
}

DrillRow drill_row(const DossierRec& d) {
  return DrillRow{d.id,    d.code,      d.procedure_id, d.competent_agency_id, d.state, d.timeliness,
                  d.channel, d.received_at, d.resolved_at};
}

Result<std::vector<DrillRow>> drill_dossiers(sql::Connection& c, const DrillQuery& q) {
  if (q.procedures_only && q.procedure_in.empty()) return std::vector<DrillRow>{};
  const char* at = q.by_resolved ? "resolved_at" : "received_at";
  std::string sql = "SELECT id, code, procedure_id, competent_agency_id, state, COALESCE(timeliness, ''), channel,"
                    " COALESCE(received_at, 0), COALESCE(resolved_at, 0)" + std::string(q.with_doc ? ", doc" : "") +
                    " FROM dossiers WHERE competent_agency_id = ? AND " +
                    std::string(at) + " > 0 AND " + at + " >= ? AND " + at + " < ? AND (" + at + " > ? OR (" + at +
                    " = ? AND id > ?))";
  Params p{txt(q.agency_id), num(q.from), num(q.to), num(q.after_at), num(q.after_at), txt(q.after_id)};
  if (q.channel) sql += " AND channel = ?", p.push_back(num(q.channel));
  if (!q.timeliness.empty()) sql += " AND timeliness = ?", p.push_back(txt(q.timeliness));
  if (q.not_late) sql += " AND COALESCE(timeliness, '') <> 'late'";
  if (!q.procedure_id.empty()) sql += " AND procedure_id = ?", p.push_back(txt(q.procedure_id));
  if (!q.field.empty())
    sql += " AND procedure_id IN (SELECT id FROM procedures WHERE COALESCE(field, '') = ?)", p.push_back(txt(q.field));
  if (q.procedures_only) {
    sql += " AND procedure_id IN (";
    for (size_t i = 0; i < q.procedure_in.size(); ++i) sql += i ? ", ?" : "?", p.push_back(txt(q.procedure_in[i]));
    sql += ")";
  }
  sql += std::string(" ORDER BY ") + at + ", id LIMIT ?";
  p.push_back(num(q.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<DrillRow> out;
  for (auto& r : rows)
    out.push_back(DrillRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.i64(6), r.i64(7), r.i64(8),
                           q.with_doc ? r.text(9) : std::string()});
  return out;
}

Result<std::vector<DossierRec>> dossiers_after(sql::Connection& c, const std::string& after, int64_t limit) {
  Params p{txt(after), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDossierCols + " FROM dossiers WHERE id > ? ORDER BY id LIMIT ?", p));
  std::vector<DossierRec> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(dossier_of(r));
  return out;
}

Result<std::vector<EventRec>> events_of_range(sql::Connection& c, const std::string& first, const std::string& last) {
  Params p{txt(first), txt(last)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, at, actor, action, from_state, to_state, note, data"
                               " FROM dossier_events WHERE dossier_id >= ? AND dossier_id <= ? ORDER BY dossier_id, id",
                               p));
  std::vector<EventRec> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(EventRec{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)});
  return out;
}

Result<std::vector<DossierMark>> all_reuses(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT dossier_id, reused_at FROM document_reuses"));
  std::vector<DossierMark> out;
  for (auto& r : rows) out.push_back(DossierMark{r.text(0), r.i64(1), ""});
  return out;
}

Result<std::vector<DossierMark>> all_ratings(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT dossier_id, rated_at, score FROM ratings"));
  std::vector<DossierMark> out;
  for (auto& r : rows) out.push_back(DossierMark{r.text(0), r.i64(1), r.text(2)});
  return out;
}

Result<std::vector<std::string>> rollup_differences(sql::Connection& c) {
  std::vector<std::string> out;
  std::string diff;
  for (auto col : kKpiColumns) diff += std::string(diff.empty() ? "" : " OR ") + "f." + std::string(col) + " <> r." + std::string(col);
  std::string fine_sums;
  for (auto col : kKpiColumns) fine_sums += ", SUM(" + std::string(col) + ") AS " + std::string(col);
  // Rows of either side that the other does not match (a missing row counts as all zeros); both
  // sides summed over their slots.
  MC_ASSIGN(auto rows, c.query("SELECT COALESCE(f.agency_id, r.agency_id), COALESCE(f.day, r.day), COALESCE(f.channel, r.channel)"
                               " FROM (SELECT agency_id, day, channel" + fine_sums +
                               " FROM kpi_daily GROUP BY agency_id, day, channel) f FULL OUTER JOIN (SELECT agency_id, day,"
                               " channel" + fine_sums + " FROM kpi_agency_daily GROUP BY agency_id, day, channel) r"
                               " ON r.agency_id = f.agency_id AND r.day = f.day AND r.channel = f.channel"
                               " WHERE f.agency_id IS NULL OR r.agency_id IS NULL OR " + diff + " LIMIT 100"));
  for (auto& r : rows)
    out.push_back("Tổng hợp theo cơ quan (cơ quan " + r.text(0) + ", ngày " + r.text(1) + ", kênh " +
                  std::to_string(r.i64(2)) + ") khác tổng các dòng theo thủ tục.");
  MC_ASSIGN(auto due, c.query("SELECT COALESCE(f.agency_id, r.agency_id), COALESCE(f.day, r.day), COALESCE(f.due_day, r.due_day)"
                              " FROM (SELECT agency_id, day, due_day, SUM(n) AS n FROM kpi_due GROUP BY agency_id, day, due_day) f"
                              " FULL OUTER JOIN (SELECT agency_id, day, due_day, SUM(n) AS n FROM kpi_agency_due"
                              " GROUP BY agency_id, day, due_day) r ON r.agency_id = f.agency_id AND r.day = f.day AND"
                              " r.due_day = f.due_day WHERE COALESCE(f.n, 0) <> COALESCE(r.n, 0) LIMIT 100"));
  for (auto& r : due)
    out.push_back("Tồn tổng hợp theo cơ quan (cơ quan " + r.text(0) + ", ngày " + r.text(1) + ", hạn " + r.text(2) +
                  ") khác tổng các dòng theo thủ tục.");
  return out;
}

Status replace_kpi(sql::Connection& c, const std::vector<DailyRow>& daily, const std::vector<DueRow>& due) {
  // Every slot goes; the recount is written to slot 0 (the column's default).
  MC_TRY(c.exec("DELETE FROM kpi_daily"));
  MC_TRY(c.exec("DELETE FROM kpi_due"));
  std::string sql = "INSERT INTO kpi_daily (agency_id, day, procedure_id, channel";
  std::string qs = "?,?,?,?";
  for (auto col : kKpiColumns) sql += ", " + std::string(col), qs += ",?";
  sql += ") VALUES (" + qs + ")";
  for (auto& d : daily) {
    Params p{txt(d.k.agency_id), txt(d.k.day), txt(d.k.procedure_id), num(d.k.channel)};
    for (auto v : d.v) p.push_back(num(v));
    MC_TRY(c.exec(sql, p));
  }
  for (auto& d : due) {
    Params p{txt(d.k.agency_id), txt(d.k.day), txt(d.k.procedure_id), num(d.k.channel), txt(d.due_day), num(d.n)};
    MC_TRY(c.exec("INSERT INTO kpi_due (agency_id, day, procedure_id, channel, due_day, n) VALUES (?,?,?,?,?,?)", p));
  }
  MC_TRY(c.exec("DELETE FROM kpi_agency_daily"));
  MC_TRY(c.exec("DELETE FROM kpi_agency_due"));
  std::string cols, sums;
  for (auto col : kKpiColumns) cols += ", " + std::string(col), sums += ", SUM(" + std::string(col) + ")";
  MC_TRY(c.exec("INSERT INTO kpi_agency_daily (day, agency_id, channel" + cols + ") SELECT day, agency_id, channel" + sums +
                " FROM kpi_daily GROUP BY day, agency_id, channel"));
  MC_TRY(c.exec("INSERT INTO kpi_agency_due (agency_id, day, due_day, n) SELECT agency_id, day, due_day, SUM(n)"
                " FROM kpi_due GROUP BY agency_id, day, due_day"));
  return drop_rollups(c);  // past days changed: the next read builds the closed months again
}

}  // namespace motcua::store
