// The province's working calendar: working hours, the weekly rule, and per-date overrides
// (holidays, compensatory days off, make-up working Saturdays). All instants are UTC
// milliseconds (Millis); days and times of day are local, Asia/Ho_Chi_Minh (UTC+7).
//
// Working time is the union, over working days, of the half-open periods [start, end) of
// WorkingHours. A day is a working day if an override says so, else by its weekday.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/calendar/deadline.h"
#include "domain/calendar/holidays.h"

namespace motcua::calendar {

struct WorkingHours {
  // Working periods as minutes of the local day [start, end), sorted, disjoint, within
  // 0..1440; e.g. {420, 690} = 07:00–11:30 and {810, 1020} = 13:30–17:00.
  std::vector<std::pair<int, int>> periods;
  // Index = weekday() (0 = Sunday ... 6 = Saturday): working by the weekly rule.
  std::array<bool, 7> weekday_working{};
  // Cut-off (minute of day) for same-day handling and paper hand-over; 900 = 15:00.
  int paper_cutoff_minute = 900;

  int minutes_per_day() const;  // sum of period lengths (480 for the default)
};

// 07:00–11:30, 13:30–17:00, Monday–Friday, cut-off 15:00.
WorkingHours default_hours();

// ErrorKind::invalid (Vietnamese detail) unless: at least one period, periods sorted,
// non-empty, disjoint and within 0..1440, at least one working weekday, cut-off in 0..1440.
Status validate_hours(const WorkingHours& h);

class Calendar {
 public:
  // Precondition: validate_hours(hours) is ok (otherwise throws std::invalid_argument: a bug).
  // Overrides win over the weekly rule; for a date given twice, the later entry wins.
  // Lookups are O(1): a dense index by day over the overrides' span (4 bytes a day, about
  // 440 KB for the 300 years of days_in_force()).
  Calendar(WorkingHours hours, std::vector<DayRule> overrides);
  // Default hours and no overrides (weekly rule only).
  Calendar();
  // Checked construction for configuration paths: validate_hours() errors as values.
  static Result<Calendar> make(WorkingHours hours, std::vector<DayRule> overrides);

  const WorkingHours& hours() const { return hours_; }
  const std::vector<DayRule>& overrides() const { return overrides_; }  // sorted, one per date

  bool is_working_day(Date d) const;
  // Vietnamese label: the override's reason (or "Ngày nghỉ" / "Làm bù" if it has none),
  // else "Ngày làm việc", "Thứ Bảy", "Chủ nhật" or "Ngày nghỉ" (other non-working weekday).
  std::string reason(Date d) const;

  // Inside a working period of a working day (start inclusive, end exclusive).
  bool in_working_hours(Millis t) const;
  // t itself if in working hours, else the start of the next working period on a working day.
  Millis next_opening(Millis t) const;
  // Opening of the first working day strictly after d.
  Millis next_working_day_start(Date d) const;
  // First working day strictly after d.
  Date next_working_day(Date d) const;
  // Local instants of d's first period start / last period end (whether or not d is working).
  Millis day_start(Date d) const;
  Millis day_end(Date d) const;

  // Start at next_opening(start) and consume `minutes` of working time (minutes < 0 is
  // treated as 0). Ending exactly at the end of a period yields that end (11:30, not 13:30).
  Millis add_working_minutes(Millis start, int64_t minutes) const;
  // Working minutes in [a, b) (whole minutes, truncated). Signed: if b < a the result is
  // −working_minutes_between(b, a), so (due, finished) gives +lateness / −earliness.
  int64_t working_minutes_between(Millis a, Millis b) const;

  // Due instant of a time limit counted from valid reception at `received`. The effective
  // start is next_opening(received) (reception outside working time starts at the next opening).
  //  - working_days:  effective start + amount × minutes_per_day() working minutes;
  //  - working_hours: effective start + amount × 60 working minutes;
  //  - calendar_days: the effective start's local date + amount days, at the effective start's
  //    local time of day; if that date is not a working day, the next working day at the same
  //    time; if that time is not inside a working period, the end of that day's last period;
  //  - same_day: effective start ≤ cut-off (15:00) on its day → end of that working day
  //    (17:00); otherwise → end of the next working day (Friday 15:30 → Monday 17:00);
  //    `amount` is ignored;
  //  - none: ErrorKind::invalid "Thủ tục không quy định thời hạn giải quyết".
  // amount < 0, or more than 3650 days (3650 × minutes_per_day working minutes for hours)
  // → ErrorKind::invalid. amount = 0 gives the effective start.
  Result<Millis> due(Millis received, int64_t amount, TimeUnit unit) const;

  // When a paper dossier must reach the handling unit: received on a working day at or
  // before the cut-off (15:00), including before opening or at lunch → end of that working
  // day (17:00); otherwise (after the cut-off, or on a day off) → end of the first working
  // period (11:30) of the next working day.
  Millis paper_handover_due(Millis received) const;

  // A due instant moved later by the working time elapsed in [paused_from, resumed_at)
  // (millisecond precision). No working time elapsed (or resumed_at ≤ paused_from) → unchanged.
  Millis extend_for_pause(Millis due, Millis paused_from, Millis resumed_at) const;

 private:
  const DayRule* find(Date d) const;
  Millis add_working_ms(Millis start, int64_t ms) const;
  int64_t working_ms_between(Millis a, Millis b) const;
  Date working_day_on_or_after(Date d) const;

  WorkingHours hours_;
  std::vector<DayRule> overrides_;
  // index_[days_from_civil(d) - index_base_] = position of d's override in overrides_, or -1.
  int64_t index_base_ = 0;
  std::vector<int32_t> index_;
};

// An appointment already given to the citizen (the due instant on the receipt, form 01) when the
// calendar in force changes under it, as when the government's official decision for a year
// replaces the Labour Code rules it was computed from. The receipt is a promise: the appointment
// is kept as issued unless its day is no longer a working day under `cal`, and then it moves to
// the same time of day on the next working day (the office is closed that day). It never moves
// earlier, even when the decision gives back working days before it, and it is not stretched by
// days off that the decision adds before it.
Millis appointment_under(const Calendar& cal, Millis issued);

}  // namespace motcua::calendar
