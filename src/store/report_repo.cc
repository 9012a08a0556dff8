#include "store/report_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

const char* kCols =
    "id, agency_id, form, period_from, period_to, revision, state, figures, generated_by, generated_at,"
    " checked_by, checked_at, submitted_by, submitted_at, note, version";

UnitReportRec rep_of(const sql::Row& r) {
  UnitReportRec u;
  u.id = r.text(0), u.agency_id = r.text(1), u.form = r.text(2), u.period_from = r.text(3), u.period_to = r.text(4);
  u.revision = r.i64(5), u.state = r.text(6), u.figures = r.text(7), u.generated_by = r.text(8);
  u.generated_at = r.i64(9), u.checked_by = r.text(10), u.checked_at = r.i64(11), u.submitted_by = r.text(12);
  u.submitted_at = r.i64(13), u.note = r.text(14), u.version = r.i64(15);
  return u;
}

Result<std::vector<UnitReportRec>> reps(sql::Connection& c, const std::string& where_order, const Params& p) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM unit_reports " + where_order, p));
  std::vector<UnitReportRec> out;
  for (auto& r : rows) out.push_back(rep_of(r));
  return out;
}

}  // namespace

Result<std::optional<UnitReportRec>> get_unit_report(sql::Connection& c, const std::string& id) {
  MC_ASSIGN(auto v, reps(c, "WHERE id = ?", Params{txt(id)}));
  if (v.empty()) return std::optional<UnitReportRec>{};
  return std::optional<UnitReportRec>{std::move(v[0])};
}

Result<std::vector<UnitReportRec>> unit_report_revisions(sql::Connection& c, const std::string& agency_id,
                                                         const std::string& form, const std::string& from,
                                                         const std::string& to) {
  return reps(c, "WHERE form = ? AND period_from = ? AND period_to = ? AND agency_id = ? ORDER BY revision",
              Params{txt(form), txt(from), txt(to), txt(agency_id)});
}

Result<std::vector<UnitReportRec>> unit_reports_in(sql::Connection& c, const std::string& form,
                                                   const std::string& from, const std::string& to) {
  return reps(c, "WHERE form = ? AND period_from = ? AND period_to = ? ORDER BY agency_id, revision",
              Params{txt(form), txt(from), txt(to)});
}

Status insert_unit_report(sql::Connection& c, const UnitReportRec& u) {
  Params p{txt(u.id),          txt(u.agency_id),   txt(u.form),      txt(u.period_from),  txt(u.period_to),
           num(u.revision),    txt(u.state),       txt(u.figures),   txt(u.generated_by), num(u.generated_at),
           txt(u.checked_by),  num(u.checked_at),  txt(u.submitted_by), num(u.submitted_at), txt(u.note),
           num(u.version)};
  MC_TRY(c.exec(std::string("INSERT INTO unit_reports (") + kCols +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p));
  return ok_status();
}

Status update_unit_report(sql::Connection& c, const UnitReportRec& u) {
  Params p{txt(u.state),      txt(u.figures),      txt(u.generated_by), num(u.generated_at), txt(u.checked_by),
           num(u.checked_at), txt(u.submitted_by), num(u.submitted_at), txt(u.note),         num(u.version),
           txt(u.id),         num(u.version - 1)};
  MC_ASSIGN(auto n, c.exec("UPDATE unit_reports SET state = ?, figures = ?, generated_by = ?, generated_at = ?,"
                           " checked_by = ?, checked_at = ?, submitted_by = ?, submitted_at = ?, note = ?, version = ?"
                           " WHERE id = ? AND version = ? AND state <> 'submitted'",
                           p));
  if (n != 1)
    return make_error(ErrorKind::conflict, "Báo cáo vừa được người khác cập nhật; hãy tải lại.", "report_changed");
  return ok_status();
}

Status insert_unit_report_event(sql::Connection& c, const UnitReportEventRec& e) {
  MC_TRY(c.exec("INSERT INTO unit_report_events (report_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)",
                Params{txt(e.report_id), num(e.at), txt(e.actor), txt(e.action), txt(e.note)}));
  return ok_status();
}

Result<std::vector<UnitReportEventRec>> unit_report_events(sql::Connection& c, const std::string& report_id) {
  MC_ASSIGN(auto rows, c.query("SELECT id, report_id, at, actor, action, note FROM unit_report_events"
                               " WHERE report_id = ? ORDER BY id",
                               Params{txt(report_id)}));
  std::vector<UnitReportEventRec> out;
  for (auto& r : rows) out.push_back({r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5)});
  return out;
}

Status insert_consolidation(sql::Connection& c, const ConsolidationRec& r) {
  MC_TRY(c.exec("INSERT INTO report_consolidations (id, form, period_from, period_to, made_by, made_at, figures,"
                " sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Params{txt(r.id), txt(r.form), txt(r.period_from), txt(r.period_to), txt(r.made_by), num(r.made_at),
                       txt(r.figures), txt(r.sources)}));
  return ok_status();
}

Result<std::optional<ConsolidationRec>> get_consolidation(sql::Connection& c, const std::string& id) {
  MC_ASSIGN(auto rows, c.query("SELECT id, form, period_from, period_to, made_by, made_at, figures, sources"
                               " FROM report_consolidations WHERE id = ?",
                               Params{txt(id)}));
  if (rows.empty()) return std::optional<ConsolidationRec>{};
  auto& r = rows[0];
  return std::optional<ConsolidationRec>{
      ConsolidationRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6), r.text(7)}};
}

Result<std::vector<ConsolidationRec>> consolidations_in(sql::Connection& c, const std::string& form,
                                                       const std::string& from, const std::string& to) {
  MC_ASSIGN(auto rows, c.query("SELECT id, form, period_from, period_to, made_by, made_at FROM report_consolidations"
                               " WHERE form = ? AND period_from = ? AND period_to = ? ORDER BY made_at, id",
                               Params{txt(form), txt(from), txt(to)}));
  std::vector<ConsolidationRec> out;
  for (auto& r : rows) out.push_back(ConsolidationRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), "", ""});
  return out;
}

Result<std::vector<AgencyProcedureRow>> agency_procedures(sql::Connection& c, const std::string& agency_id) {
  MC_ASSIGN(auto rows, c.query("SELECT p.national_code, p.level, p.effective_from, p.doc, p.version FROM procedures p"
                               " JOIN procedure_agencies a ON a.procedure_id = p.id WHERE a.agency_id = ?"
                               " ORDER BY p.national_code, p.version",
                               Params{txt(agency_id)}));
  std::vector<AgencyProcedureRow> out;
  for (auto& r : rows)
    out.push_back({r.text(0), r.is_null(1) ? "" : r.text(1), r.is_null(2) ? "" : r.text(2), r.text(3), r.i64(4)});
  return out;
}

}  // namespace motcua::store
