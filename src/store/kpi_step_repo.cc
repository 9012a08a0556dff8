#include "store/kpi_step_repo.h"

#include <map>
#include <tuple>

#include "store/kpi_rollup.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

constexpr const char* kHist = "h0, h1, h2, h3, h4, h5, h6, h7, h8";

void read_time(const sql::Row& r, int o, StepCounts& t) {
  t.n = i64_or0(r, o);
  t.minutes = i64_or0(r, o + 1);
  for (size_t i = 0; i < kStepHistColumns; ++i) t.hist[i] = i64_or0(r, o + 2 + int(i));
}

}  // namespace

Status add_step_time(sql::Connection& c, const StepKey& k, int64_t minutes, size_t bucket) {
  if (bucket >= kStepHistColumns) return make_error(ErrorKind::internal, "Không có cột tần suất h" + std::to_string(bucket));
  StepCounts t;
  t.n = 1;
  t.minutes = minutes;
  t.hist[bucket] = 1;
  return add_steps(c, kpi_slot(c), k, t);
}

Status add_steps(sql::Connection& c, const KpiSlot& slot, const StepKey& k, const StepCounts& t) {
  // n and minutes always, the histogram's nonzero columns: the SQL text depends only on which
  // (one or two buckets per job in practice), so the statement cache stays small.
  std::string cols = ", n, minutes", qs = ",?,?", sets = "n = kpi_step.n + excluded.n, minutes = kpi_step.minutes + excluded.minutes";
  Params p{txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(k.step), txt(k.role), txt(k.at_agency_id)};
  slot.push(p);
  p.push_back(num(t.n));
  p.push_back(num(t.minutes));
  for (size_t i = 0; i < kStepHistColumns; ++i) {
    if (!t.hist[i]) continue;
    const std::string h = "h" + std::to_string(i);
    cols += ", " + h, qs += ",?", sets += ", " + h + " = kpi_step." + h + " + excluded." + h;
    p.push_back(num(t.hist[i]));
  }
  MC_TRY(c.exec("INSERT INTO kpi_step (agency_id, day, procedure_id, step, role, at_agency_id" + slot.col() + cols +
                    ") VALUES (?,?,?,?,?,?" + slot.q() + qs + ") ON CONFLICT (agency_id, day, procedure_id, step, role,"
                    " at_agency_id" + slot.col() + ") DO UPDATE SET " + sets,
                p));
  return ok_status();
}

Status add_step_rows(sql::Connection& c, const std::vector<StepRow>& rows) {
  // Bulk loads write slot 0 (the column's default), as add_daily_rows; one row per key in a
  // statement (an upsert may not touch a row twice): repeated keys summed.
  std::map<StepKey, StepCounts> keyed;
  for (const auto& r : rows) {
    auto& t = keyed[r.k];
    t.n += r.t.n;
    t.minutes += r.t.minutes;
    for (size_t i = 0; i < kStepHistColumns; ++i) t.hist[i] += r.t.hist[i];
  }
  Params p;
  p.reserve(keyed.size() * (8 + kStepHistColumns));
  for (const auto& [k, t] : keyed) {
    for (auto&& v : {txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(k.step), txt(k.role), txt(k.at_agency_id),
                     num(t.n), num(t.minutes)})
      p.push_back(v);
    for (auto h : t.hist) p.push_back(num(h));
  }
  std::string sets = "n = kpi_step.n + excluded.n, minutes = kpi_step.minutes + excluded.minutes";
  for (size_t i = 0; i < kStepHistColumns; ++i) {
    const std::string h = "h" + std::to_string(i);
    sets += ", " + h + " = kpi_step." + h + " + excluded." + h;
  }
  return exec_rows(c, std::string("INSERT INTO kpi_step (agency_id, day, procedure_id, step, role, at_agency_id, n, minutes, ") +
                          kHist + ") VALUES ",
                   8 + kStepHistColumns,
                   " ON CONFLICT (agency_id, day, procedure_id, step, role, at_agency_id" + kpi_slot0(c).col() +
                       ") DO UPDATE SET " + sets,
                   p);
}

Result<std::vector<StepTotals>> sum_steps(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                          const std::string& to) {
  // The whole built months from kpi_step_month, the days around them from kpi_step (kpi_rollup.h
  // period_parts, as sum_daily): a year reads 11–12 months' rows and at most ~30 days'.
  MC_ASSIGN(auto through, rollup_through(c));
  std::map<std::tuple<int64_t, std::string, std::string>, StepCounts> acc;
  for (const auto& part : period_parts(through, from, to)) {
    const char* key = part.month ? "month" : "day";
    std::string sql = "SELECT k.step, k.role, k.at_agency_id, SUM(k.n), SUM(k.minutes)";
    for (size_t i = 0; i < kStepHistColumns; ++i) sql += ", SUM(k.h" + std::to_string(i) + ")";
    sql += std::string(" FROM ") + (part.month ? "kpi_step_month" : "kpi_step") + " k";
    if (!f.field.empty()) sql += " LEFT JOIN procedures p ON p.id = k.procedure_id";
    if (!f.level.empty()) sql += " JOIN agencies a ON a.id = k.agency_id LEFT JOIN units u ON u.id = a.unit_id";
    sql += std::string(" WHERE k.") + key + " >= ? AND k." + key + " <= ?";
    Params p{txt(part.lo), txt(part.hi)};
    if (!f.agency_id.empty()) sql += " AND k.agency_id = ?", p.push_back(txt(f.agency_id));
    if (!f.level.empty()) sql += " AND COALESCE(u.level, '') = ?", p.push_back(txt(f.level));
    if (!f.field.empty()) sql += " AND COALESCE(p.field, '') = ?", p.push_back(txt(f.field));
    if (!f.procedure_id.empty()) sql += " AND k.procedure_id = ?", p.push_back(txt(f.procedure_id));
    sql += " GROUP BY k.step, k.role, k.at_agency_id";
    MC_ASSIGN(auto rows, c.query(sql, p));
    for (auto& r : rows) {
      StepCounts t;
      read_time(r, 3, t);
      auto& a = acc[{r.i64(0), r.text(1), r.text(2)}];
      a.n += part.sign * t.n;
      a.minutes += part.sign * t.minutes;
      for (size_t i = 0; i < kStepHistColumns; ++i) a.hist[i] += part.sign * t.hist[i];
    }
  }
  std::vector<StepTotals> out;
  for (auto& [k, t] : acc)
    if (t.n != 0) out.push_back(StepTotals{std::get<0>(k), std::get<1>(k), std::get<2>(k), t});  // as before: no row for none
  return out;
}

Result<std::vector<StepRow>> all_steps(sql::Connection& c) {
  // One row per key: the sum over its slots.
  std::string sql = "SELECT agency_id, day, procedure_id, step, role, at_agency_id, SUM(n), SUM(minutes)";
  for (size_t i = 0; i < kStepHistColumns; ++i) sql += ", SUM(h" + std::to_string(i) + ")";
  MC_ASSIGN(auto rows, c.query(sql + " FROM kpi_step GROUP BY agency_id, day, procedure_id, step, role, at_agency_id"
                                     " ORDER BY agency_id, day, procedure_id, step, role, at_agency_id"));
  std::vector<StepRow> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    StepRow s{{r.text(0), r.text(1), r.text(2), r.i64(3), r.text(4), r.text(5)}, {}};
    read_time(r, 6, s.t);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<StepRec>> steps_of_range(sql::Connection& c, const std::string& first, const std::string& last) {
  Params p{txt(first), txt(last)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, step, name, role, agency_id, assignee_id, handed_by, started_at,"
                               " due_at, finished_at, timeliness, note FROM dossier_steps"
                               " WHERE dossier_id >= ? AND dossier_id <= ? ORDER BY dossier_id, id",
                               p));
  std::vector<StepRec> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(StepRec{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                          r.i64(8), r.i64(9), i64_or0(r, 10), r.text(11), r.text(12)});
  return out;
}

Status insert_steps(sql::Connection& c, const std::vector<StepRec>& steps) {
  Params p;
  p.reserve(steps.size() * 12);
  for (const auto& s : steps)
    for (auto&& v : {txt(s.dossier_id), num(s.step), txt(s.name), txt(s.role), txt(s.agency_id), opt(s.assignee_id),
                     opt(s.handed_by), num(s.started_at), num(s.due_at), opt_ms(s.finished_at), opt(s.timeliness),
                     opt(s.note)})
      p.push_back(v);
  return exec_rows(c,
                   "INSERT INTO dossier_steps (dossier_id, step, name, role, agency_id, assignee_id, handed_by, started_at,"
                   " due_at, finished_at, timeliness, note) VALUES ",
                   12, "", p);
}

Status replace_steps(sql::Connection& c, const std::vector<StepRow>& rows) {
  // Every slot goes; the recount is written to slot 0 (the column's default).
  MC_TRY(c.exec("DELETE FROM kpi_step"));
  const std::string sql = std::string("INSERT INTO kpi_step (agency_id, day, procedure_id, step, role, at_agency_id, n,"
                                      " minutes, ") + kHist + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  for (auto& s : rows) {
    Params p{txt(s.k.agency_id), txt(s.k.day), txt(s.k.procedure_id), num(s.k.step), txt(s.k.role),
             txt(s.k.at_agency_id), num(s.t.n), num(s.t.minutes)};
    for (auto v : s.t.hist) p.push_back(num(v));
    MC_TRY(c.exec(sql, p));
  }
  return ok_status();
}

}  // namespace motcua::store
