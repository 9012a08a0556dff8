// Instants are UTC milliseconds since the Unix epoch (int64). The province's local time is
// Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving, so local = utc + 7 h exactly.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

using Millis = int64_t;  // UTC instant, ms since epoch
constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kVnOffset = 7 * kHour;

// Civil date (proleptic Gregorian).
struct Date {
  int year = 1970, month = 1, day = 1;
  auto operator<=>(const Date&) const = default;
};

int64_t days_from_civil(Date d);          // days since 1970-01-01
Date civil_from_days(int64_t days);
int weekday(Date d);                      // 0 = Sunday ... 6 = Saturday
Date add_days(Date d, int64_t n);

// Local (UTC+7) date and minute-of-day of an instant.
Date local_date(Millis t);
int local_minute_of_day(Millis t);
// The instant at local date d, minute m (0..1440).
Millis local_instant(Date d, int minute_of_day);

std::string format_date(Date d);                       // YYYY-MM-DD
std::optional<Date> parse_date(std::string_view s);    // strict YYYY-MM-DD, valid day
std::string format_rfc3339_local(Millis t);            // 2026-11-28T10:30:00+07:00
std::optional<Millis> parse_rfc3339(std::string_view s);  // Z or ±hh:mm offset; seconds, optional fraction

Millis now_ms();

}  // namespace motcua
