// Vocabulary of deadlines: how a procedure's time limit is counted, and how a finished
// dossier compares with its due instant. Pure values; the arithmetic is on Calendar.
#pragma once
#include <optional>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace motcua::calendar {

// Unit of a procedure's statutory time limit (thời hạn giải quyết).
enum class TimeUnit {
  working_days,   // ngày làm việc: amount × minutes_per_day working minutes
  working_hours,  // giờ làm việc: amount × 60 working minutes
  calendar_days,  // ngày (lịch): amount civil days, ending on a working day
  same_day,       // trong ngày: amount ignored, the 15:00 cut-off rule
  none,           // not regulated: no due instant can be computed
};

// "working_days", "working_hours", "calendar_days", "same_day", "none".
std::string_view to_string(TimeUnit u);
// Inverse of to_string; unknown text → ErrorKind::invalid (Vietnamese detail).
Result<TimeUnit> parse_time_unit(std::string_view s);
// The unit as the national procedure database writes it (DONVITINH): "Ngày làm việc" →
// working_days, "Ngày" → calendar_days, "Giờ" / "Giờ làm việc" → working_hours; nullopt otherwise.
std::optional<TimeUnit> time_unit_from_national(std::string_view donvitinh);

// Processing outcome against the due instant (trước hạn / đúng hạn / quá hạn).
enum class Timeliness { early, on_time, late };

// finished > due → late; otherwise, finished on a local (UTC+7) date before due's local date
// → early; otherwise (same local date, finished ≤ due) → on_time. Exactly at due is on time.
Timeliness classify(Millis finished, Millis due);

// "trước hạn", "đúng hạn", "quá hạn".
std::string_view timeliness_vi(Timeliness t);
std::string_view to_string(Timeliness t);  // "early", "on_time", "late"
std::optional<Timeliness> parse_timeliness(std::string_view);

}  // namespace motcua::calendar
