// The province's working calendar (days off, make-up Saturdays, working hours) as the use cases
// read it, for any year a dossier can touch: a year with the government's official decision
// recorded follows that decision's list; every other year 1900..2199 follows the Labour Code
// rules (domain/calendar/holidays.h); administrators' edits of single days lie on top. Loaded
// from the store, kept in memory (an immutable snapshot) and reloaded when changed or once a
// minute (another process may have changed it). Every change is recorded with who made it.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/clock.h"
#include "common/result.h"
#include "domain/calendar/working_time.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct DayInfo {
  std::string date;
  bool working;
  std::string reason;
};

// A coming year as the province administrator sees it: decided officially or still computed from
// the rules, and the open dossiers whose appointment already falls in it.
struct YearStatus {
  int year = 0;
  bool official = false;          // an official decision is recorded (else: the rules)
  std::string decision_source;    // the decision as cited when recorded
  std::string decided_by;
  Millis decided_at = 0;
  int64_t dossiers_due = 0;       // open dossiers (received .. awaiting payment) due in the year
  std::vector<std::string> sample_codes;  // the first of them by due time (at most 5)
};

// The government's official decision for a year: the full list of its days off and make-up
// working days (it replaces the rules of that year entirely).
struct YearDecision {
  int year = 0;
  std::string source;  // e.g. "Thông báo số …/TB-BNV"
  std::vector<calendar::DayRule> days;
};

// An appointment moved because the decision made its day a day off (calendar::appointment_under).
struct MovedAppointment {
  std::string dossier_id, code;
  Millis from = 0, to = 0;
};

struct YearDecided {
  int year = 0;
  bool changed = false;  // false: the same decision was already recorded (nothing written)
  size_t days = 0;
  std::vector<MovedAppointment> moved;
};

class CalendarService {
 public:
  // `clock`: the time changes are recorded at and the "current year" of years() (the App's
  // clock; nullptr = the system clock). The cache's freshness is always the system clock's.
  explicit CalendarService(sql::Database& db, const Clock* clock = nullptr) : db_(db), clock_(clock) {}

  // Called inside the transaction that records a year's decision, with the calendar that will be
  // in force once it commits: moves the appointments of that year that now fall on a day off.
  // App wires it to DossierService::keep_appointments.
  using YearDecidedHook = std::function<Result<std::vector<MovedAppointment>>(
      sql::Connection& c, const Actor& a, int year, const calendar::Calendar& in_force, Millis now)>;
  void on_year_decided(YearDecidedHook hook) { on_year_decided_ = std::move(hook); }

  // The calendar in force (shared, immutable: a change makes a new one).
  std::shared_ptr<const calendar::Calendar> current() { return calendar(); }
  Result<std::vector<DayInfo>> days(Date from, Date to);
  // One day's override (province administrators): in a year following the rules it lies on top
  // of them; clear_day removes it (the rules, or the decision's list, apply again).
  Status set_day(const Actor& a, Date d, bool working, const std::string& reason);
  Status clear_day(const Actor& a, Date d);
  Status reload();
  // Who changed which day and when (newest first); province admins and monitors only.
  Result<std::vector<store::CalendarChange>> changes(const Actor& a, int limit);

  // The years from the current one to the later of current + 2 and the year of the furthest
  // appointment of an open dossier (at most current + 20): official or rules, and the dossiers
  // due in each. Province admins and monitors.
  Result<std::vector<YearStatus>> years(const Actor& a);
  // Records a year's official decision (province administrators): the year's stored days become
  // exactly `d.days` (administrators' earlier edits of that year included), each change logged
  // in calendar_changes; appointments already given in that year are kept unless their day is
  // now off, then moved to the next working day (recorded in the dossier's history). Idempotent:
  // the same list and source again change nothing.
  Result<YearDecided> decide_year(const Actor& a, const YearDecision& d);

 private:
  std::shared_ptr<const calendar::Calendar> calendar();
  Millis now() const { return clock_ ? clock_->now() : now_ms(); }
  sql::Database& db_;
  const Clock* clock_;
  YearDecidedHook on_year_decided_;
  std::mutex cal_mu_;
  std::shared_ptr<const calendar::Calendar> cal_;
  std::shared_ptr<const void> loaded_from_;  // the stored rows cal_ was built from (the .cc's Stored)
  Millis cal_loaded_at_ = 0;
};

}  // namespace motcua::app
