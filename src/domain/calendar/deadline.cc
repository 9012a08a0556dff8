#include "domain/calendar/deadline.h"

#include <string>

namespace motcua::calendar {

std::string_view to_string(TimeUnit u) {
  switch (u) {
    case TimeUnit::working_days: return "working_days";
    case TimeUnit::working_hours: return "working_hours";
    case TimeUnit::calendar_days: return "calendar_days";
    case TimeUnit::same_day: return "same_day";
    case TimeUnit::none: return "none";
  }
  return "none";
}

Result<TimeUnit> parse_time_unit(std::string_view s) {
  for (TimeUnit u : {TimeUnit::working_days, TimeUnit::working_hours, TimeUnit::calendar_days,
                     TimeUnit::same_day, TimeUnit::none}) {
    if (s == to_string(u)) return u;
  }
  return make_error(ErrorKind::invalid, "Đơn vị thời hạn không hợp lệ: " + std::string(s), "invalid_time_unit");
}

std::optional<TimeUnit> time_unit_from_national(std::string_view u) {
  if (u == "Ngày làm việc") return TimeUnit::working_days;
  if (u == "Ngày") return TimeUnit::calendar_days;
  if (u == "Giờ" || u == "Giờ làm việc") return TimeUnit::working_hours;
  return std::nullopt;
}

Timeliness classify(Millis finished, Millis due) {
  if (finished > due) return Timeliness::late;
  if (local_date(finished) < local_date(due)) return Timeliness::early;
  return Timeliness::on_time;
}

std::string_view timeliness_vi(Timeliness t) {
  switch (t) {
    case Timeliness::early: return "trước hạn";
    case Timeliness::on_time: return "đúng hạn";
    case Timeliness::late: return "quá hạn";
  }
  return "";
}

std::string_view to_string(Timeliness t) {
  switch (t) {
    case Timeliness::early: return "early";
    case Timeliness::on_time: return "on_time";
    case Timeliness::late: return "late";
  }
  return "";
}

std::optional<Timeliness> parse_timeliness(std::string_view s) {
  for (auto t : {Timeliness::early, Timeliness::on_time, Timeliness::late})
    if (s == to_string(t)) return t;
  return std::nullopt;
}

}  // namespace motcua::calendar
