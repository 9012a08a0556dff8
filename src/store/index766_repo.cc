#include "store/index766_repo.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "store/kpi_rollup.h"
#include "store/kpi_synced_repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

void add_filters(std::string& s, const KpiFilter& f, Params& p) {
  if (!f.agency_id.empty()) s += " AND k.agency_id = ?", p.push_back(txt(f.agency_id));
  if (!f.level.empty()) s += " AND COALESCE(u.level, '') = ?", p.push_back(txt(f.level));
  if (!f.field.empty()) s += " AND COALESCE(p.field, '') = ?", p.push_back(txt(f.field));
  if (!f.procedure_id.empty()) s += " AND k.procedure_id = ?", p.push_back(txt(f.procedure_id));
}
std::string joins(const KpiFilter& f, bool procedures) {
  std::string s;
  if (procedures && !f.field.empty()) s += " LEFT JOIN procedures p ON p.id = k.procedure_id";
  if (!f.level.empty()) s += " JOIN agencies a ON a.id = k.agency_id LEFT JOIN units u ON u.id = a.unit_id";
  return s;
}

}  // namespace

Result<std::vector<ProcedureReceived>> received_by_procedure(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                                             const std::string& to) {
  // The whole built months from kpi_month, the days around them from kpi_daily (kpi_rollup.h):
  // a year reads 12 months' rows and at most ~60 days'.
  MC_ASSIGN(auto through, rollup_through(c));
  std::map<std::pair<std::string, int64_t>, int64_t> acc;
  for (const auto& part : period_parts(through, from, to)) {
    const char* key = part.month ? "month" : "day";
    Params p{txt(part.lo), txt(part.hi)};
    std::string sql = std::string("SELECT k.procedure_id, k.channel, SUM(k.received) FROM ") + (part.month ? "kpi_month" : "kpi_daily") +
                      " k" + joins(f, true) + " WHERE k." + key + " >= ? AND k." + key + " <= ? AND k.received <> 0";
    add_filters(sql, f, p);
    sql += " GROUP BY k.procedure_id, k.channel";
    MC_ASSIGN(auto rows, c.query(sql, p));
    for (auto& r : rows) acc[{r.text(0), r.i64(1)}] += part.sign * i64_or0(r, 2);
  }
  std::vector<ProcedureReceived> out;
  for (auto& [k, n] : acc)
    if (n != 0) out.push_back(ProcedureReceived{k.first, k.second, n});  // as the daily read: no row for none received
  return out;
}

Result<std::set<std::string>> agencies_receiving(sql::Connection& c, const std::vector<std::string>& procedures,
                                                 int64_t channel, const std::string& from, const std::string& to) {
  std::set<std::string> out;
  if (procedures.empty()) return out;
  MC_ASSIGN(auto through, rollup_through(c));
  std::string in = " AND k.procedure_id IN (";
  for (size_t i = 0; i < procedures.size(); ++i) in += i ? ", ?" : "?";
  in += ")";
  auto read = [&](const char* table, const char* key, const std::string& lo, const std::string& hi) -> Status {
    Params p{txt(lo), txt(hi)};
    std::string sql = std::string("SELECT DISTINCT k.agency_id FROM ") + table + " k WHERE k." + key + " >= ? AND k." + key +
                      " <= ? AND k.received <> 0" + in;
    for (const auto& id : procedures) p.push_back(txt(id));
    if (channel) sql += " AND k.channel = ?", p.push_back(num(channel));
    MC_ASSIGN(auto rows, c.query(sql, p));
    for (auto& r : rows) out.insert(r.text(0));
    return ok_status();
  };
  std::string days_from = from;  // the days not in a built month
  if (!through.empty() && from.substr(0, 7) <= through) {
    MC_TRY(read("kpi_month", "month", from.substr(0, 7), std::min(to.substr(0, 7), through)));
    days_from = std::max(from, month_first_day(next_month(through)));
  }
  if (days_from <= to) MC_TRY(read("kpi_daily", "day", days_from, to));
  return out;
}

Result<int64_t> near_due_at(sql::Connection& c, const KpiFilter& f, const std::string& day, const std::string& until) {
  // As stock_at (kpi_repo.cc): the snapshot of the last built month closed by `day`, then the
  // flows of the days after it — never every day since the first. The snapshot folds the due
  // days up to its month's last day L ≤ `day` into L, so the due days in (day, until] are whole.
  const bool rollup = f.field.empty() && f.procedure_id.empty();
  MC_ASSIGN(auto through, rollup_through(c));
  std::string snap = day.substr(0, 7);
  if (day != month_last_day(snap)) snap = prev_month(snap);
  if (through < snap) snap = through;
  int64_t n = 0;
  std::string after;  // flows on days after it
  if (!snap.empty()) {
    Params p{txt(snap), txt(day), txt(until)};
    std::string sql = std::string("SELECT SUM(k.n) FROM ") + (rollup ? "kpi_agency_month_stock" : "kpi_month_stock") + " k" +
                      joins(f, true) + " WHERE k.month = ? AND k.due_day > ? AND k.due_day <= ?";
    add_filters(sql, f, p);
    MC_ASSIGN(auto rows, c.query(sql, p));
    if (!rows.empty()) n += i64_or0(rows[0], 0);
    after = month_last_day(snap);
  }
  Params p{txt(after), txt(day), txt(day), txt(until)};
  std::string sql = std::string("SELECT SUM(k.n) FROM ") + (rollup ? "kpi_agency_due" : "kpi_due") + " k" + joins(f, true) +
                    " WHERE k.day > ? AND k.day <= ? AND k.due_day > ? AND k.due_day <= ?";
  add_filters(sql, f, p);
  MC_ASSIGN(auto rows, c.query(sql, p));
  if (!rows.empty()) n += i64_or0(rows[0], 0);
  return n;
}

Result<int64_t> synced_of_received(sql::Connection& c, const std::vector<std::string>& agencies, const std::string& from_day,
                                   const std::string& to_day, const std::string& field, const std::string& procedure_id) {
  // The synced counter by the agency, procedure and reception day the rows carry (migration
  // 027, moved with each row): one range of days per agency, never the dossiers.
  MC_ASSIGN(int64_t n, sum_synced(c, agencies, from_day, to_day, field, procedure_id));
  const auto from_date = parse_date(from_day), to_date = parse_date(to_day);
  if (!from_date || !to_date) return make_error(ErrorKind::invalid, "Ngày không hợp lệ", "invalid_query");
  const Millis from = local_instant(*from_date, 0), to = local_instant(add_days(*to_date, 1), 0);
  // A dossier changed since its row was written has a dvcqg message not yet delivered (the
  // change and its message are one transaction; the delivery writes the row again before the
  // message is marked sent): count it by what it is now instead (the backlog, index-bounded).
  const std::set<std::string> in(agencies.begin(), agencies.end());
  MC_ASSIGN(auto stale, c.query("SELECT s.agency_id, s.received_at, COALESCE(ps.field, ''), s.procedure_id,"
                                " d.competent_agency_id, COALESCE(d.received_at, 0), COALESCE(pd.field, ''), d.procedure_id"
                                " FROM (SELECT DISTINCT okey FROM outbox WHERE sink = 'dvcqg' AND state <> 'sent') o"
                                " JOIN dvcqg_sync s ON s.dossier_id = o.okey JOIN dossiers d ON d.id = s.dossier_id"
                                " LEFT JOIN procedures ps ON ps.id = s.procedure_id LEFT JOIN procedures pd ON pd.id = d.procedure_id"));
  auto counted = [&](const std::string& ag, int64_t at, const std::string& fld, const std::string& proc) {
    return in.count(ag) && at > 0 && at >= from && at < to && (field.empty() || fld == field) &&
           (procedure_id.empty() || proc == procedure_id);
  };
  for (auto& r : stale) {
    n -= counted(r.text(0), r.i64(1), r.text(2), r.text(3)) ? 1 : 0;
    n += counted(r.text(4), r.i64(5), r.text(6), r.text(7)) ? 1 : 0;
  }
  return n;
}

Result<std::vector<PaidOnline>> paid_online(sql::Connection& c, Millis from, Millis to, const std::string& agency_id) {
  Params p{num(from), num(to)};
  std::string sql = "SELECT d.competent_agency_id, d.procedure_id, COUNT(DISTINCT y.dossier_id) FROM payments y"
                    " JOIN dossiers d ON d.id = y.dossier_id WHERE y.paid_at >= ? AND y.paid_at < ? AND y.state = 'paid'";
  if (!agency_id.empty()) sql += " AND d.competent_agency_id = ?", p.push_back(txt(agency_id));
  sql += " GROUP BY d.competent_agency_id, d.procedure_id";
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<PaidOnline> out;
  for (auto& r : rows) out.push_back(PaidOnline{r.text(0), r.text(1), i64_or0(r, 2)});
  return out;
}

Result<std::vector<MarkedDossier>> marked_dossiers(sql::Connection& c, const std::string& action, Millis from, Millis to,
                                                   const std::string& agency_id, const std::string& field, const std::string& procedure_id,
                                                   int64_t limit) {
  // The action is one of two literals (the partial indexes' predicates must appear as written).
  const char* pred = action == "apologise" ? "e.action = 'apologise'" : "e.action = 'request_supplement'";
  std::string cols;
  for (std::string_view rest = kDossierCols;;) {  // kDossierCols qualified by the dossier's alias
    auto comma = rest.find(',');
    auto col = rest.substr(0, comma);
    while (!col.empty() && col.front() == ' ') col.remove_prefix(1);
    cols += (cols.empty() ? "d." : ", d.") + std::string(col);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  Params p{num(from), num(to)};
  std::string sql = "SELECT e.at, " + cols + " FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE " + pred +
                    " AND e.at >= ? AND e.at < ?";
  if (!agency_id.empty()) sql += " AND d.competent_agency_id = ?", p.push_back(txt(agency_id));
  if (!procedure_id.empty()) sql += " AND d.procedure_id = ?", p.push_back(txt(procedure_id));
  if (!field.empty())
    sql += " AND d.procedure_id IN (SELECT id FROM procedures WHERE COALESCE(field, '') = ?)", p.push_back(txt(field));
  sql += " ORDER BY e.at, e.id LIMIT ?";
  p.push_back(num(limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<MarkedDossier> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(MarkedDossier{r.i64(0), dossier_of(r, 1)});
  return out;
}

namespace {

constexpr const char* kDrillCols =
    "d.id, d.code, d.procedure_id, d.competent_agency_id, d.state, COALESCE(d.timeliness, ''), d.channel,"
    " COALESCE(d.received_at, 0), COALESCE(d.resolved_at, 0)";

DrillRow drill_of(const sql::Row& r, int o) {
  return DrillRow{r.text(o), r.text(o + 1), r.text(o + 2), r.text(o + 3), r.text(o + 4), r.text(o + 5),
                  r.i64(o + 6), r.i64(o + 7), r.i64(o + 8), std::string()};
}

// Field and procedure narrowing on the procedure column `col`.
void narrow(std::string& sql, Params& p, const DrillQuery& q, const char* col) {
  if (!q.procedure_id.empty()) sql += std::string(" AND ") + col + " = ?", p.push_back(txt(q.procedure_id));
  if (!q.field.empty())
    sql += std::string(" AND ") + col + " IN (SELECT id FROM procedures WHERE COALESCE(field, '') = ?)", p.push_back(txt(q.field));
}

Result<std::vector<KeyedRow>> keyed(sql::Connection& c, const std::string& sql, const Params& p) {
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<KeyedRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(KeyedRow{r.i64(0), r.text(1), drill_of(r, 2)});
  return out;
}

}  // namespace

Result<std::vector<KeyedRow>> sync_rows(sql::Connection& c, const DrillQuery& q, SyncCounter which) {
  const std::string at = which == SyncCounter::synced ? "s.received_at" : "s.decided_at";
  std::string sql = "SELECT " + at + ", s.dossier_id, " + kDrillCols +
                    " FROM dvcqg_sync s JOIN dossiers d ON d.id = s.dossier_id WHERE s.agency_id = ? AND " + at + " > 0 AND " +
                    at + " >= ? AND " + at + " < ? AND (" + at + " > ? OR (" + at + " = ? AND s.dossier_id > ?))";
  Params p{txt(q.agency_id), num(q.from), num(q.to), num(q.after_at), num(q.after_at), txt(q.after_id)};
  narrow(sql, p, q, "s.procedure_id");
  sql += " ORDER BY " + at + ", s.dossier_id LIMIT ?";
  p.push_back(num(q.limit));
  return keyed(c, sql, p);
}

Result<std::vector<KeyedRow>> rated_rows(sql::Connection& c, const DrillQuery& q, bool not_dissatisfied) {
  std::string sql = std::string("SELECT r.rated_at, r.dossier_id, ") + kDrillCols +
                    " FROM ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE r.agency_id = ?"
                    " AND r.rated_at >= ? AND r.rated_at < ? AND (r.rated_at > ? OR (r.rated_at = ? AND r.dossier_id > ?))";
  Params p{txt(q.agency_id), num(q.from), num(q.to), num(q.after_at), num(q.after_at), txt(q.after_id)};
  if (not_dissatisfied) sql += " AND r.score <> 'dissatisfied'";
  narrow(sql, p, q, "d.procedure_id");
  sql += " ORDER BY r.rated_at, r.dossier_id LIMIT ?";
  p.push_back(num(q.limit));
  return keyed(c, sql, p);
}

Result<std::vector<KeyedRow>> filed_rows(sql::Connection& c, const DrillQuery& q) {
  std::string sql = std::string("SELECT d.submitted_at, d.id, ") + kDrillCols +
                    ", d.doc FROM dossiers d WHERE d.competent_agency_id = ? AND d.submitted_at >= ? AND d.submitted_at < ?"
                    " AND (d.submitted_at > ? OR (d.submitted_at = ? AND d.id >= ?))";
  Params p{txt(q.agency_id), num(q.from), num(q.to), num(q.after_at), num(q.after_at), txt(q.after_id)};
  narrow(sql, p, q, "d.procedure_id");
  sql += " ORDER BY d.submitted_at, d.id LIMIT ?";
  p.push_back(num(q.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<KeyedRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    KeyedRow k{r.i64(0), r.text(1), drill_of(r, 2)};
    k.row.doc = r.text(11);
    k.row.submitted_at = k.at;
    out.push_back(std::move(k));
  }
  return out;
}

Result<std::vector<KeyedRow>> paid_rows(sql::Connection& c, const DrillQuery& q) {
  if (q.procedure_in.empty()) return std::vector<KeyedRow>{};
  std::string sql = std::string("SELECT 0, d.id, ") + kDrillCols +
                    " FROM dossiers d WHERE d.id IN (SELECT y.dossier_id FROM payments y WHERE y.paid_at >= ? AND y.paid_at < ?"
                    " AND y.state = 'paid') AND d.competent_agency_id = ? AND d.id > ?";
  Params p{num(q.from), num(q.to), txt(q.agency_id), txt(q.after_id)};
  narrow(sql, p, q, "d.procedure_id");
  sql += " AND d.procedure_id IN (";
  for (size_t i = 0; i < q.procedure_in.size(); ++i) sql += i ? ", ?" : "?", p.push_back(txt(q.procedure_in[i]));
  sql += ") ORDER BY d.id LIMIT ?";
  p.push_back(num(q.limit));
  return keyed(c, sql, p);
}

}  // namespace motcua::store
