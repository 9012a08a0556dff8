// Deadline rules on Calendar: due instants, paper hand-over, pauses.
#include <string>

#include "domain/calendar/working_time.h"

namespace motcua::calendar {
namespace {

constexpr int64_t kMaxDays = 3650;

}  // namespace

Result<Millis> Calendar::due(Millis received, int64_t amount, TimeUnit unit) const {
  if (unit == TimeUnit::none)
    return make_error(ErrorKind::invalid, "Thủ tục không quy định thời hạn giải quyết", "no_time_limit");
  if (amount < 0)
    return make_error(ErrorKind::invalid, "Thời hạn giải quyết không được là số âm", "invalid_time_limit");
  const int64_t per_day = hours_.minutes_per_day();
  const bool absurd = (unit == TimeUnit::working_hours) ? amount * 60 > kMaxDays * per_day : amount > kMaxDays;
  if (absurd)
    return make_error(ErrorKind::invalid,
                      "Thời hạn giải quyết quá lớn (tối đa " + std::to_string(kMaxDays) + " ngày)",
                      "invalid_time_limit");

  const Millis start = next_opening(received);
  switch (unit) {
    case TimeUnit::working_days:
      return add_working_ms(start, amount * per_day * kMinute);
    case TimeUnit::working_hours:
      return add_working_ms(start, amount * kHour);
    case TimeUnit::calendar_days: {
      const Date start_day = local_date(start);
      const Millis time_of_day = start - local_instant(start_day, 0);
      const Date d = working_day_on_or_after(add_days(start_day, amount));
      const Millis candidate = local_instant(d, 0) + time_of_day;
      if (in_working_hours(candidate)) return candidate;
      return day_end(d);
    }
    case TimeUnit::same_day: {
      const Date d = local_date(start);
      if (start <= local_instant(d, hours_.paper_cutoff_minute)) return day_end(d);
      return day_end(next_working_day(d));
    }
    case TimeUnit::none:
      break;
  }
  return make_error(ErrorKind::internal, "Đơn vị thời hạn không xác định", "invalid_time_unit");
}

Millis Calendar::paper_handover_due(Millis received) const {
  const Date d = local_date(received);
  if (is_working_day(d) && received <= local_instant(d, hours_.paper_cutoff_minute)) return day_end(d);
  return local_instant(next_working_day(d), hours_.periods.front().second);
}

Millis Calendar::extend_for_pause(Millis due_at, Millis paused_from, Millis resumed_at) const {
  const int64_t elapsed = working_ms_between(paused_from, resumed_at);
  if (elapsed == 0) return due_at;
  return add_working_ms(due_at, elapsed);
}

}  // namespace motcua::calendar
