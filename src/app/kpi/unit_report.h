// The periodic reports of the units and their consolidation by the province (issue 14,
// DOMAIN.md §9; forms 06a and 07b). A unit's report of one form and period is:
//   generate  (the unit's staff)   the figures are snapshotted: form 06a from the counters
//                                  (app/kpi/form06a.h), form 07b from the catalogue; refused
//                                  when an invariant is broken. Generating again before the
//                                  submission refreshes the same revision; after it, it opens
//                                  the next revision (a correction), the submitted one kept.
//   check     (its leader)         generated → checked
//   submit    (its leader)         checked → submitted: frozen, every later change is 409
// The province administrator sees which units have not submitted a period and consolidates the
// submitted ones (each unit's latest submitted revision); the consolidation names its sources.
// Every step is one transaction: the row, an event (unit_report_events) and the audit record.
// Who may do what: org/policy.h (may_generate_report, may_submit_report, ...).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/kpi/form06a.h"
#include "common/result.h"
#include "domain/kpi/form07b.h"
#include "store/report_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

// The snapshotted figures of one report (or of a consolidation).
struct ReportFigures {
  std::string form;  // 06a | 07b
  std::vector<Form06aLine> lines06;
  kpi::Form06aRow total06;
  struct Line07 {
    std::string agency_id;
    kpi::Form07bRow row;
  };
  std::vector<Line07> lines07;
  kpi::Form07bRow total07;
  std::map<std::string, std::string> agency_names;  // agency id → name, as at the snapshot
};

std::string figures_json(const ReportFigures& f);
Result<ReportFigures> figures_of(const std::string& form, const std::string& json_text);
// Every broken invariant (each line, the total, and the total = Σ lines), in Vietnamese.
std::vector<std::string> figures_problems(const ReportFigures& f);

struct ReportSource {
  std::string report_id, agency_id, agency_name;
  int64_t revision = 0;
  Millis submitted_at = 0;
  std::string submitted_by;
};

struct UnitReportView {
  store::UnitReportRec rec;
  std::string agency_name, parent_name;
  ReportFigures figures;
  std::vector<std::string> problems;
  std::vector<store::UnitReportRec> revisions;  // every revision of the same agency, form, period
  std::vector<store::UnitReportEventRec> events;
  bool may_check = false, may_submit = false, may_generate = false;
};

struct PeriodUnit {
  std::string agency_id, agency_name;
  int64_t latest_revision = 0;      // 0 = nothing generated
  std::string latest_state;         // "" | generated | checked | submitted
  int64_t submitted_revision = 0;   // the latest submitted revision, 0 = none
  std::string submitted_report_id;
  Millis submitted_at = 0;
};
struct PeriodStatus {
  std::string form, from, to;
  std::vector<PeriodUnit> units;    // every agency in force on the period's last day
  std::vector<std::string> not_reported;  // agency ids without a submitted revision
  std::vector<store::ConsolidationRec> consolidations;  // made for this form and period, oldest first
};

struct ConsolidationView {
  store::ConsolidationRec rec;
  ReportFigures figures;
  std::vector<ReportSource> sources;
  std::vector<std::string> problems;
};

struct ReportFile {
  std::string bytes, content_type, filename;
};

class UnitReportService {
 public:
  UnitReportService(sql::Database& db, CatalogueCache& catalogue, const Clock& clock)
      : db_(db), catalogue_(catalogue), clock_(clock) {}

  Result<UnitReportView> generate(const Actor& a, const std::string& agency_id, const std::string& form,
                                  const std::string& from, const std::string& to, const std::string& note,
                                  const std::string& idem_key = {}, const std::string& body_hash = {});
  Result<UnitReportView> get(const Actor& a, const std::string& id);
  Result<UnitReportView> check(const Actor& a, const std::string& id);
  Result<UnitReportView> submit(const Actor& a, const std::string& id);
  Result<PeriodStatus> period(const Actor& a, const std::string& form, const std::string& from,
                              const std::string& to);
  Result<ConsolidationView> consolidate(const Actor& a, const std::string& form, const std::string& from,
                                        const std::string& to, const std::string& idem_key = {},
                                        const std::string& body_hash = {});
  Result<ConsolidationView> consolidation(const Actor& a, const std::string& id);
  // "xlsx" | "pdf"; the invariants are checked again and a broken one refuses the export.
  Result<ReportFile> export_report(const Actor& a, const std::string& id, const std::string& format);
  Result<ReportFile> export_consolidation(const Actor& a, const std::string& id, const std::string& format);

 private:
  Result<ReportFigures> snapshot(sql::Connection& c, const std::string& agency_id, const std::string& form, Date from,
                                 Date to);
  Result<UnitReportView> step(const Actor& a, const std::string& id, bool submit);
  std::string name_of(const std::string& agency_id);

  sql::Database& db_;
  CatalogueCache& catalogue_;
  const Clock& clock_;
};

}  // namespace motcua::app
