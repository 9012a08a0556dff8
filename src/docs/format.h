// Vietnamese formatting of dates, times and money for printed forms (internal to docs).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.h"

namespace motcua::docs::detail {

// "Quảng Ngãi, ngày 05 tháng 02 năm 2026": day < 10 and months 1, 2 get a leading zero
// (Nghị định 30/2020/NĐ-CP, thể thức văn bản), other months do not ("tháng 11").
std::string date_line(std::string_view place, Date d);
// "ngày 05 tháng 02 năm 2026" (same rule).
std::string long_date(Date d);
// "28/11/2026" (local date of the instant).
std::string short_date(Millis t);
std::string short_date(Date d);
// "10 giờ 30 phút, ngày 28/11/2026" (local time of the instant).
std::string time_and_date(Millis t);
// "28/11/2026 10:30" (compact, for table cells).
std::string compact_time(Millis t);
// "1.250.000 đồng".
std::string money(int64_t vnd);
// Vietnamese-aware upper case ("Sở Tư pháp" → "SỞ TƯ PHÁP").
std::string upper(std::string_view s);
// NFC copy of valid UTF-8 (unchanged when already NFC).
std::string nfc(std::string_view s);
// `s`, or a dotted blank of about `dots` dots when s is empty (for hand filling).
std::string or_dots(std::string_view s, int dots = 30);

}  // namespace motcua::docs::detail
