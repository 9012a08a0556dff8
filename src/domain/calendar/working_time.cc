#include "domain/calendar/working_time.h"

#include <algorithm>
#include <stdexcept>

namespace motcua::calendar {

int WorkingHours::minutes_per_day() const {
  int total = 0;
  for (auto [s, e] : periods) total += e - s;
  return total;
}

WorkingHours default_hours() {
  WorkingHours h;
  h.periods = {{7 * 60, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  h.weekday_working = {false, true, true, true, true, true, false};
  h.paper_cutoff_minute = 15 * 60;
  return h;
}

Status validate_hours(const WorkingHours& h) {
  if (h.periods.empty()) return make_error(ErrorKind::invalid, "Chưa khai báo giờ làm việc", "invalid_hours");
  int prev_end = 0;
  for (auto [s, e] : h.periods) {
    if (s < prev_end || e <= s || e > 1440)
      return make_error(ErrorKind::invalid, "Khung giờ làm việc không hợp lệ (phải tăng dần, không chồng lấn)",
                        "invalid_hours");
    prev_end = e;
  }
  if (std::none_of(h.weekday_working.begin(), h.weekday_working.end(), [](bool b) { return b; }))
    return make_error(ErrorKind::invalid, "Phải có ít nhất một ngày làm việc trong tuần", "invalid_hours");
  if (h.paper_cutoff_minute < 0 || h.paper_cutoff_minute > 1440)
    return make_error(ErrorKind::invalid, "Giờ chốt chuyển hồ sơ giấy không hợp lệ", "invalid_hours");
  return ok_status();
}

Calendar::Calendar() : Calendar(default_hours(), {}) {}

Result<Calendar> Calendar::make(WorkingHours hours, std::vector<DayRule> overrides) {
  if (auto st = validate_hours(hours); !st.ok()) return st.take_error();
  return Calendar(std::move(hours), std::move(overrides));
}

Calendar::Calendar(WorkingHours hours, std::vector<DayRule> overrides)
    : hours_(std::move(hours)), overrides_(std::move(overrides)) {
  if (auto st = validate_hours(hours_); !st.ok()) throw std::invalid_argument(st.error().detail);
  std::stable_sort(overrides_.begin(), overrides_.end(),
                   [](const DayRule& a, const DayRule& b) { return a.date < b.date; });
  // Keep the last entry given for each date.
  std::vector<DayRule> unique;
  for (auto& r : overrides_) {
    if (!unique.empty() && unique.back().date == r.date)
      unique.back() = std::move(r);
    else
      unique.push_back(std::move(r));
  }
  overrides_ = std::move(unique);
  if (!overrides_.empty()) {
    index_base_ = days_from_civil(overrides_.front().date);
    index_.assign(size_t(days_from_civil(overrides_.back().date) - index_base_ + 1), -1);
    for (size_t i = 0; i < overrides_.size(); ++i)
      index_[size_t(days_from_civil(overrides_[i].date) - index_base_)] = int32_t(i);
  }
}

const DayRule* Calendar::find(Date d) const {
  const int64_t i = days_from_civil(d) - index_base_;
  if (i < 0 || i >= int64_t(index_.size())) return nullptr;
  const int32_t at = index_[size_t(i)];
  return at < 0 ? nullptr : &overrides_[size_t(at)];
}

bool Calendar::is_working_day(Date d) const {
  if (const DayRule* r = find(d)) return r->working;
  return hours_.weekday_working[size_t(weekday(d))];
}

std::string Calendar::reason(Date d) const {
  if (const DayRule* r = find(d)) {
    if (!r->reason.empty()) return r->reason;
    return r->working ? "Làm bù" : "Ngày nghỉ";
  }
  int w = weekday(d);
  if (hours_.weekday_working[size_t(w)]) return "Ngày làm việc";
  if (w == 6) return "Thứ Bảy";
  if (w == 0) return "Chủ nhật";
  return "Ngày nghỉ";
}

Millis Calendar::day_start(Date d) const { return local_instant(d, hours_.periods.front().first); }
Millis Calendar::day_end(Date d) const { return local_instant(d, hours_.periods.back().second); }

bool Calendar::in_working_hours(Millis t) const {
  Date d = local_date(t);
  if (!is_working_day(d)) return false;
  for (auto [s, e] : hours_.periods)
    if (t >= local_instant(d, s) && t < local_instant(d, e)) return true;
  return false;
}

Date Calendar::working_day_on_or_after(Date d) const {
  // Terminates: at least one weekday is working and overrides are finite.
  while (!is_working_day(d)) d = add_days(d, 1);
  return d;
}

Date Calendar::next_working_day(Date d) const { return working_day_on_or_after(add_days(d, 1)); }

Millis Calendar::next_working_day_start(Date d) const { return day_start(next_working_day(d)); }

Millis Calendar::next_opening(Millis t) const {
  Date d = local_date(t);
  if (is_working_day(d)) {
    for (auto [s, e] : hours_.periods) {
      if (t < local_instant(d, e)) return std::max(t, local_instant(d, s));
    }
  }
  return next_working_day_start(d);
}

Millis Calendar::add_working_ms(Millis start, int64_t ms) const {
  Millis cur = next_opening(start);
  for (;;) {
    // cur is inside a working period: find its end.
    Date d = local_date(cur);
    Millis end = cur;
    for (auto [s, e] : hours_.periods) {
      Millis pe = local_instant(d, e);
      if (cur < pe) {
        end = pe;
        break;
      }
    }
    if (ms <= end - cur) return cur + ms;
    ms -= end - cur;
    cur = next_opening(end);
  }
}

Millis Calendar::add_working_minutes(Millis start, int64_t minutes) const {
  return add_working_ms(start, std::max<int64_t>(minutes, 0) * kMinute);
}

int64_t Calendar::working_ms_between(Millis a, Millis b) const {
  if (b <= a) return 0;
  int64_t total = 0;
  const Date last = local_date(b);
  for (Date d = local_date(a); d <= last; d = add_days(d, 1)) {
    if (!is_working_day(d)) continue;
    for (auto [s, e] : hours_.periods) {
      Millis lo = std::max(a, local_instant(d, s)), hi = std::min(b, local_instant(d, e));
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

int64_t Calendar::working_minutes_between(Millis a, Millis b) const {
  if (b < a) return -working_minutes_between(b, a);
  return working_ms_between(a, b) / kMinute;
}

Millis appointment_under(const Calendar& cal, Millis issued) {
  const Date day = local_date(issued);
  if (cal.is_working_day(day)) return issued;
  // UTC+7 has no daylight saving: whole days keep the time of day to the millisecond.
  return issued + (days_from_civil(cal.next_working_day(day)) - days_from_civil(day)) * kDay;
}

}  // namespace motcua::calendar
