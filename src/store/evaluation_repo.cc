#include "store/evaluation_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

const char* kEvalCols =
    "agency_id, quarter, state, rules_from, figures, self_points, self_by, self_at, self_note, appraised_points,"
    " appraised_by, appraised_at, appraisal_note, total_centi, band, version";

EvaluationRec eval_of(const sql::Row& r) {
  EvaluationRec e;
  e.agency_id = r.text(0), e.quarter = r.text(1), e.state = r.text(2), e.rules_from = r.text(3);
  e.figures = r.text(4), e.self_points = r.text(5), e.self_by = r.text(6), e.self_at = i64_or0(r, 7);
  e.self_note = r.text(8), e.appraised_points = r.text(9), e.appraised_by = r.text(10);
  e.appraised_at = i64_or0(r, 11), e.appraisal_note = r.text(12), e.total_centi = r.i64(13);
  e.band = r.text(14), e.version = r.i64(15);
  return e;
}

Result<std::vector<EvaluationRec>> evals(sql::Connection& c, const std::string& where_order, const Params& p) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kEvalCols + " FROM evaluations " + where_order, p));
  std::vector<EvaluationRec> out;
  for (auto& r : rows) out.push_back(eval_of(r));
  return out;
}

}  // namespace

Result<std::optional<EvaluationRec>> get_evaluation(sql::Connection& c, const std::string& agency_id,
                                                    const std::string& quarter) {
  MC_ASSIGN(auto v, evals(c, "WHERE agency_id = ? AND quarter = ?", Params{txt(agency_id), txt(quarter)}));
  if (v.empty()) return std::optional<EvaluationRec>{};
  return std::optional<EvaluationRec>{std::move(v[0])};
}

Status insert_evaluation(sql::Connection& c, const EvaluationRec& e) {
  Params p{txt(e.agency_id), txt(e.quarter), txt(e.state), txt(e.rules_from), txt(e.figures), txt(e.self_points),
           txt(e.self_by), num(e.self_at), opt(e.self_note), opt(e.appraised_points), opt(e.appraised_by),
           opt_ms(e.appraised_at), opt(e.appraisal_note), num(e.total_centi), txt(e.band), num(e.version)};
  MC_TRY(c.exec(std::string("INSERT INTO evaluations (") + kEvalCols +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p));
  return ok_status();
}

Status update_evaluation(sql::Connection& c, const EvaluationRec& e) {
  Params p{txt(e.state), txt(e.rules_from), txt(e.figures), txt(e.self_points), txt(e.self_by), num(e.self_at),
           opt(e.self_note), opt(e.appraised_points), opt(e.appraised_by), opt_ms(e.appraised_at),
           opt(e.appraisal_note), num(e.total_centi), txt(e.band), num(e.version),
           txt(e.agency_id), txt(e.quarter), num(e.version - 1)};
  MC_ASSIGN(auto n, c.exec(
                        "UPDATE evaluations SET state = ?, rules_from = ?, figures = ?, self_points = ?, self_by = ?,"
                        " self_at = ?, self_note = ?, appraised_points = ?, appraised_by = ?, appraised_at = ?,"
                        " appraisal_note = ?, total_centi = ?, band = ?, version = ?"
                        " WHERE agency_id = ? AND quarter = ? AND version = ?",
                        p));
  if (n != 1)
    return make_error(ErrorKind::conflict, "Kết quả đánh giá vừa được người khác cập nhật; hãy tải lại.",
                      "evaluation_changed");
  return ok_status();
}

Result<std::vector<EvaluationRec>> evaluations_of(sql::Connection& c, const std::string& agency_id, int limit) {
  return evals(c, "WHERE agency_id = ? ORDER BY quarter DESC LIMIT ?", Params{txt(agency_id), num(limit)});
}

Result<std::vector<EvaluationRec>> evaluations_in(sql::Connection& c, const std::string& quarter) {
  return evals(c, "WHERE quarter = ? ORDER BY agency_id", Params{txt(quarter)});
}

Status insert_evaluation_event(sql::Connection& c, const EvaluationEventRec& e) {
  Params p{txt(e.agency_id), txt(e.quarter), num(e.at),          txt(e.actor), txt(e.action),
           txt(e.points),    num(e.total_centi), txt(e.band), opt(e.note)};
  MC_TRY(c.exec("INSERT INTO evaluation_events (agency_id, quarter, at, actor, action, points, total_centi, band, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p));
  return ok_status();
}

Result<std::vector<EvaluationEventRec>> evaluation_events(sql::Connection& c, const std::string& agency_id,
                                                          const std::string& quarter) {
  MC_ASSIGN(auto rows, c.query("SELECT id, agency_id, quarter, at, actor, action, points, total_centi, band, note"
                               " FROM evaluation_events WHERE agency_id = ? AND quarter = ? ORDER BY id",
                               Params{txt(agency_id), txt(quarter)}));
  std::vector<EvaluationEventRec> out;
  for (auto& r : rows)
    out.push_back(EvaluationEventRec{r.i64(0), r.text(1), r.text(2), r.i64(3), r.text(4), r.text(5), r.text(6),
                                     r.i64(7), r.text(8), r.text(9)});
  return out;
}

Result<std::vector<ResolvedGroup>> resolved_groups(sql::Connection& c, const std::string& agency_id, Millis from,
                                                   Millis to) {
  // One row per group, not per dossier; the range is the partial index dossiers_competent_resolved
  // (migration 017: "resolved_at > 0" lets the planner use it).
  static const char* kSql =
      "SELECT tl, ws, wk, sup, ch, rt, COUNT(*) FROM ("
      " SELECT COALESCE(d.timeliness, '') AS tl,"
      "  COALESCE((SELECT MAX(CASE s.timeliness WHEN 'late' THEN 2 WHEN 'on_time' THEN 1 ELSE 0 END)"
      "   FROM dossier_steps s WHERE s.dossier_id = d.id AND s.finished_at IS NOT NULL), -1) AS ws,"
      "  COALESCE((SELECT MAX(CASE k.timeliness WHEN 'late' THEN 2 WHEN 'on_time' THEN 1 ELSE 0 END)"
      "   FROM consultations k WHERE k.dossier_id = d.id AND k.answered_at IS NOT NULL), -1) AS wk,"
      "  (CASE WHEN (d.flags & 1) <> 0 THEN 1 ELSE 0 END) + (CASE WHEN (d.flags & 2) <> 0 THEN 1 ELSE 0 END) AS sup,"
      "  d.channel AS ch, a.type AS rt"
      " FROM dossiers d JOIN agencies a ON a.id = d.receiving_agency_id"
      " WHERE d.competent_agency_id = ? AND d.resolved_at > 0 AND d.resolved_at >= ? AND d.resolved_at < ?"
      ") g GROUP BY tl, ws, wk, sup, ch, rt";
  MC_ASSIGN(auto rows, c.query(kSql, Params{txt(agency_id), num(from), num(to)}));
  std::vector<ResolvedGroup> out;
  for (auto& r : rows)
    out.push_back(ResolvedGroup{r.text(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.text(5), r.i64(6)});
  return out;
}

Result<ProcedureYearCounts> procedure_year_counts(sql::Connection& c, const std::vector<std::string>& ids, Millis from,
                                                  Millis to) {
  ProcedureYearCounts out;
  if (ids.empty()) return out;
  std::string in;
  Params p;
  for (auto& id : ids) {
    in += in.empty() ? "?" : ",?";
    p.push_back(txt(id));
  }
  p.push_back(num(from));
  p.push_back(num(to));
  const std::string sql =
      "SELECT COUNT(*),"
      " COALESCE(SUM(CASE WHEN channel = 1 THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN channel = 2 THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN channel = 3 THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM((CASE WHEN (flags & 1) <> 0 THEN 1 ELSE 0 END) + (CASE WHEN (flags & 2) <> 0 THEN 1 ELSE 0 END)), 0),"
      " COALESCE(SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN resolution = 'refused' THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN timeliness = 'early' THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN timeliness = 'on_time' THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN timeliness = 'late' THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN resolved_at IS NOT NULL AND received_at IS NOT NULL"
      "   AND COALESCE(original_due_at, due_at) > received_at"
      "   THEN (resolved_at - received_at) * 1000 / (COALESCE(original_due_at, due_at) - received_at) END), 0),"
      " COALESCE(SUM(CASE WHEN resolved_at IS NOT NULL AND received_at IS NOT NULL"
      "   AND COALESCE(original_due_at, due_at) > received_at THEN 1 ELSE 0 END), 0)"
      " FROM dossiers WHERE procedure_id IN (" + in + ") AND created_at >= ? AND created_at < ?";
  MC_ASSIGN(auto rows, c.query(sql, p));
  if (rows.empty()) return out;
  auto& r = rows[0];
  out.filed = r.i64(0), out.counter = r.i64(1), out.online = r.i64(2), out.postal = r.i64(3);
  out.supplements = r.i64(4), out.refused_at_reception = r.i64(5), out.resolved_refused = r.i64(6);
  out.resolved = r.i64(7), out.early = r.i64(8), out.on_time = r.i64(9), out.late = r.i64(10);
  out.used_permille_sum = r.i64(11), out.used_counted = r.i64(12);
  return out;
}

}  // namespace motcua::store
