// Shared pieces of the dossier use cases (intake, actions, queries): not part of the App API.
#pragma once
#include <string>

#include <boost/json/object.hpp>

#include "app/dossier/dossier_service.h"
#include "app/catalogue_cache.h"
#include "domain/calendar/working_time.h"
#include "domain/dossier/state.h"
#include "domain/dossier/transitions.h"
#include "domain/kpi/metric.h"
#include "domain/kpi/stock.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app::detail {

// "2026-11": a month of local time (the monthly figures read from the daily counters).
std::string kpi_period(Millis t);

// The dossier's KPI stock bucket (domain/kpi/stock.h) as its row stands.
std::optional<kpi::DueBucket> kpi_bucket(const store::DossierRec& d);
// Adds 1 to one of the dossier's daily counters (kpi_daily), today: for the moves that are not
// a lifecycle action (a rating, a reused document).
Status bump_metric(sql::Connection& c, const store::DossierRec& d, kpi::Metric m, Millis now);
// A document added to the dossier `d` (whose documents were `before`) in this transaction: when
// it is the scan that makes a received dossier digitised at reception (app/kpi/digitised.h), on
// its reception day, kpi received_digitised counts it now.
Status count_digitised_upload(sql::Connection& c, const store::DossierRec& d, std::vector<store::DocumentRec> before,
                              const store::DocumentRec& added, Millis now);

// Writes what every dossier change writes besides the row itself: its history entry, the
// audit record, the national-portal sync message and the dossier's KPI counters.
struct ChangeRecord {
  const Actor* actor;
  std::string action;       // dossier::Action or dossier::Entry stored name
  std::string from_state;   // "" for a new dossier
  std::string note;
  boost::json::object data;
  bool sync = true;         // push the status to the national portal (outbox)
  // One audit record per use case: a use case writing two history entries (intake received at
  // once) audits only one of them, under `audit_action` when set (then "from" is "": the use case
  // started from nothing).
  bool audit = true;
  std::string audit_action = {};
  // The dossier as it stood before the change: when given, a move of its due bucket (reception,
  // pause, resumption, new due day, decision, withdrawal) is counted in kpi_due.
  const store::DossierRec* before = nullptr;
};
// With `out`, the history entry written is also appended to out->events (so a use case can
// answer without reading the dossier back).
Status record_change(sql::Connection& c, const store::DossierRec& d, const ChangeRecord& ch, Millis now,
                     DossierView* out = nullptr);

// Working minutes from `now` to `due` (negative when overdue).
int64_t minutes_until(const calendar::Calendar& cal, Millis now, Millis due);
// The dossier's clock: runs while received or in progress and not paused.
DueStatus dossier_due(const calendar::Calendar& cal, Millis now, const store::DossierRec& d);
// A consultation's clock: runs until it is answered.
DueStatus consultation_due(const calendar::Calendar& cal, Millis now, const store::ConsultationRec& r);

// The roles that give an agency's opinion when it is consulted (lấy ý kiến): they may answer
// a consultation addressed to `agency_id` and read the dossier it is about (consulted view).
bool may_answer_for(const Actor& a, const std::string& agency_id);

// Opens control-sheet step number `index` (1-based within process_of) for the dossier; with
// `finished` the step is recorded as done at `now` (reception happens in one moment).
Status open_step(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d,
                 const std::vector<ProcessStep>& steps, size_t index, const Actor& by, const std::string& assignee,
                 Millis now, bool finished = false, DossierView* out = nullptr);

// Formal reception (form 01): the clock starts now. Sets received_at, due_at (from the
// procedure's time limit) and current_step on `d`, and fills `data` for the history entry.
Status start_clock(store::DossierRec& d, const ProcedureEntry& proc, const calendar::Calendar& cal, Millis now,
                   boost::json::object& data);
// Writes the control sheet of a reception: step 1 done by `by`, step 2 opened. The dossier row
// must exist.
Status write_reception_steps(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d,
                             const ProcedureEntry& proc, const Actor& by, Millis now, DossierView* out = nullptr);
// Closes the dossier's open step (if any) at `now`, with its on-time class, and counts the
// working time it took (kpi_step: bump_step_time).
Status close_open_step(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d, Millis now);
// Adds a step left after `minutes` working minutes to the dossier's step-time counter (kpi_step).
Status bump_step_time(sql::Connection& c, const store::DossierRec& d, const store::StepRec& s, int64_t minutes);

boost::json::object parse_doc(const std::string& json_text);

}  // namespace motcua::app::detail
