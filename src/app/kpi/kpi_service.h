// What leaders see (issue 14, DOMAIN.md §9): the figures of a scope and period, the dossiers
// behind each reception or decision figure, and form 06a — all read from the counters (store/
// kpi_repo.h) and bounded index ranges; nothing here scans the dossiers.
//
// Scope: "province" | "agency:<id>" | "level:<province|district|commune>" (the agency's unit's
// level), narrowed by `field` and `procedure_id`. Who: org::may_read_kpi — an agency's leaders
// read their agency; the province administrator and monitor read every scope. Others: 403.
// Stocks are at the close of a day (domain/kpi/stock.h); a period is [from, to], local days.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/calendar/calendar_service.h"
#include "app/clock.h"
#include "app/kpi/form06a.h"
#include "app/kpi/public_results.h"
#include "common/result.h"
#include "domain/kpi/list766.h"
#include "domain/kpi/step_time.h"
#include "domain/kpi/stock.h"
#include "store/kpi_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct KpiQuery {
  std::string scope = "province";
  std::string field, procedure_id;
  std::string from, to;  // YYYY-MM-DD, checked: from ≤ to, at most 10 years
};

struct KpiSummary {
  Date from, to;
  int64_t received = 0, received_counter = 0, received_online = 0, received_post = 0;
  int64_t resolved = 0, resolved_early = 0, resolved_on_time = 0, resolved_late = 0;
  std::optional<double> on_time_rate;  // (early + on time + unclassed) / resolved; none when nothing resolved
  int64_t carried_over = 0;            // in progress at the close of the day before `from`
  kpi::Stock in_progress;              // at the close of `to`
  std::optional<double> online_share;  // received online / received; none when nothing received
  int64_t apologised = 0, supplement_requested = 0;
  std::optional<double> supplements_per_dossier;  // supplement requests / received
  int64_t returned = 0, refused = 0, withdrawn = 0, stopped = 0, closed_unresolved = 0;
  int64_t results_electronic = 0, documents_reused = 0;
  int64_t rated_very_satisfied = 0, rated_satisfied = 0, rated_dissatisfied = 0;  // all 0: "no ratings yet"
};

// The drill-down metrics: the reception and decision figures of KpiSummary.
//   received, received_counter, received_online, received_post, resolved, resolved_early,
//   resolved_on_time, resolved_late
// and the stocks at the close of `to` (any past day): in_progress, overdue, in_progress_within
// (in progress and not overdue) — the dossiers whose
// replayed clock (app/kpi/clock_replay.h) puts them in that stock, exactly those the counters
// count; read per agency backwards from the day through its reception index range, until the
// counters' number is found (each page reads a bounded range: `next` resumes).
struct KpiDossierPage {
  int64_t total = 0;  // the counters' figure for the same metric, scope and period
  std::vector<store::DrillRow> items;
  std::string next;   // cursor for the next page; "" = last page
};

// Where dossiers wait (domain/kpi/step_time.h): the steps left in the period, per step of the
// internal process (number and role) and per agency the step was done at.
struct KpiStepLine {
  int64_t step = 0;
  std::string role, role_name;     // by step
  std::string agency_id, agency_name;  // by agency
  kpi::StepTime time;
};
struct KpiSteps {
  Date from, to;
  std::vector<KpiStepLine> by_step, by_agency;
  kpi::StepTime total;
};

class KpiService {
 public:
  // `calendar`: the calendar in force, for the past stocks' drill-down (its replay extends a due
  // day for a pause recorded without the moved due); without it, the default week.
  KpiService(sql::Database& db, const Clock& clock, CalendarService* calendar = nullptr)
      : db_(db), clock_(clock), calendar_(calendar) {}

  Result<KpiSummary> summary(const Actor& a, const KpiQuery& q);
  // The query checked and who may read it, as summary does, without reading a figure: the
  // period's first and last day (for a read that needs only some of the figures).
  Result<std::pair<Date, Date>> period(const Actor& a, const KpiQuery& q);
  // `list`: one of the counters' lists (kpi::i766::ListSource::counters).
  Result<KpiDossierPage> dossiers(const Actor& a, const KpiQuery& q, kpi::i766::List list,
                                  const std::string& cursor, int64_t limit);
  // The stock at the close of q.to with a due day in (q.to, until]: the near-due dossiers of the
  // Quyết định 766 view (its `until` from the rules and the calendar).
  Result<KpiDossierPage> near_due_dossiers(const Actor& a, const KpiQuery& q, Date until, const std::string& cursor,
                                           int64_t limit);
  Result<Form06aReport> form06a(const Actor& a, const KpiQuery& q);
  Result<KpiSteps> steps(const Actor& a, const KpiQuery& q);  // kpi_steps.cc
  // Anyone (no actor): the period's public results ("" = the current quarter); public_results.cc.
  Result<PublicResults> public_results(const std::string& period);

 private:
  struct Resolved {
    store::KpiFilter filter;
    Date from, to;
  };
  Result<Resolved> resolve(const Actor& a, const KpiQuery& q);
  // The stock at the close of `to` (stock_drill.cc); `until` only for near_due.
  enum class StockList { in_progress, overdue, within, near_due };
  Result<KpiDossierPage> stock_dossiers(const Resolved& r, StockList kind, Date until, const std::string& cursor,
                                        int64_t limit);
  sql::Database& db_;
  const Clock& clock_;
  CalendarService* calendar_ = nullptr;
};

}  // namespace motcua::app
