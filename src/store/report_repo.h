// The periodic reports of the units and the province's consolidations (migration 023). SQL
// written once for both engines; every read is one agency's or one period's rows (indexed).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct UnitReportRec {
  std::string id, agency_id, form, period_from, period_to;  // form: 06a | 07b; dates YYYY-MM-DD
  int64_t revision = 1;
  std::string state;    // generated | checked | submitted
  std::string figures;  // JSON snapshot (app/kpi/unit_report.h)
  std::string generated_by;
  Millis generated_at = 0;
  std::string checked_by;
  Millis checked_at = 0;
  std::string submitted_by;
  Millis submitted_at = 0;
  std::string note;
  int64_t version = 1;
};

struct UnitReportEventRec {
  int64_t id = 0;
  std::string report_id;
  Millis at = 0;
  std::string actor, action, note;
};

struct ConsolidationRec {
  std::string id, form, period_from, period_to, made_by;
  Millis made_at = 0;
  std::string figures, sources;  // JSON
};

Result<std::optional<UnitReportRec>> get_unit_report(sql::Connection& c, const std::string& id);
// Every revision of one agency's report of one form and period, revision ascending.
Result<std::vector<UnitReportRec>> unit_report_revisions(sql::Connection& c, const std::string& agency_id,
                                                         const std::string& form, const std::string& from,
                                                         const std::string& to);
// Every unit's revisions of one form and period, by agency then revision.
Result<std::vector<UnitReportRec>> unit_reports_in(sql::Connection& c, const std::string& form,
                                                   const std::string& from, const std::string& to);
Status insert_unit_report(sql::Connection& c, const UnitReportRec& r);
// Writes the mutable columns when the stored version is r.version − 1 and the stored state is
// not `submitted`; ErrorKind::conflict "report_changed" otherwise.
Status update_unit_report(sql::Connection& c, const UnitReportRec& r);
Status insert_unit_report_event(sql::Connection& c, const UnitReportEventRec& e);
Result<std::vector<UnitReportEventRec>> unit_report_events(sql::Connection& c, const std::string& report_id);

Status insert_consolidation(sql::Connection& c, const ConsolidationRec& r);
Result<std::optional<ConsolidationRec>> get_consolidation(sql::Connection& c, const std::string& id);
// The consolidations of one form and period, oldest first (without figures and sources).
Result<std::vector<ConsolidationRec>> consolidations_in(sql::Connection& c, const std::string& form,
                                                       const std::string& from, const std::string& to);

// Form 07b's catalogue figures: the procedure versions an agency handles (procedure_agencies).
struct AgencyProcedureRow {
  std::string national_code, level, effective_from, doc;
  int64_t version = 1;
};
Result<std::vector<AgencyProcedureRow>> agency_procedures(sql::Connection& c, const std::string& agency_id);

}  // namespace motcua::store
