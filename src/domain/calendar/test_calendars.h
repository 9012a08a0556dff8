// Test-only fixtures shared by the calendar module's tests (header-only, not in mc_calendar):
// the official 2025/2026 day lists (must match data/seed/calendar.json) and helpers.
#pragma once
#include <vector>

#include "common/time.h"
#include "domain/calendar/holidays.h"
#include "domain/calendar/working_time.h"

namespace motcua::calendar::testing {

inline DayRule off(int y, int m, int d, const char* reason) { return DayRule{Date{y, m, d}, false, reason}; }

inline YearDays official_2025() {
  std::vector<DayRule> v{off(2025, 1, 1, "Tết Dương lịch")};
  for (Date d{2025, 1, 25}; d <= Date{2025, 2, 2}; d = add_days(d, 1)) v.push_back({d, false, "Tết Nguyên đán"});
  v.push_back(off(2025, 4, 7, "Giỗ Tổ Hùng Vương"));
  v.push_back(DayRule{Date{2025, 4, 26}, true, "Làm bù"});
  v.push_back(off(2025, 4, 30, "Ngày Chiến thắng"));
  v.push_back(off(2025, 5, 1, "Ngày Quốc tế Lao động"));
  v.push_back(off(2025, 5, 2, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"));
  v.push_back(off(2025, 5, 3, "Nghỉ lễ 30/4 – 1/5"));
  v.push_back(off(2025, 5, 4, "Nghỉ lễ 30/4 – 1/5"));
  v.push_back(off(2025, 8, 30, "Nghỉ lễ Quốc khánh"));
  v.push_back(off(2025, 8, 31, "Nghỉ lễ Quốc khánh"));
  v.push_back(off(2025, 9, 1, "Quốc khánh"));
  v.push_back(off(2025, 9, 2, "Quốc khánh"));
  return YearDays{2025, v};
}

inline YearDays official_2026() {
  std::vector<DayRule> v{off(2026, 1, 1, "Tết Dương lịch")};
  for (Date d{2026, 2, 14}; d <= Date{2026, 2, 22}; d = add_days(d, 1)) v.push_back({d, false, "Tết Nguyên đán"});
  v.push_back(off(2026, 4, 25, "Nghỉ lễ Giỗ Tổ Hùng Vương"));
  v.push_back(off(2026, 4, 26, "Giỗ Tổ Hùng Vương"));
  v.push_back(off(2026, 4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương"));
  v.push_back(off(2026, 4, 30, "Ngày Chiến thắng"));
  v.push_back(off(2026, 5, 1, "Ngày Quốc tế Lao động"));
  v.push_back(off(2026, 5, 2, "Nghỉ lễ 30/4 – 1/5"));
  v.push_back(off(2026, 5, 3, "Nghỉ lễ 30/4 – 1/5"));
  v.push_back(off(2026, 9, 1, "Quốc khánh"));
  v.push_back(off(2026, 9, 2, "Quốc khánh"));
  return YearDays{2026, v};
}

// The demo province: default hours; official lists for 2025–2026, rules for 2024 and 2027–2028.
inline Calendar province() {
  return Calendar(default_hours(), days_for_years(2024, 2028, {official_2025(), official_2026()}));
}

// Local (UTC+7) wall-clock instant.
inline Millis at(int y, int mo, int d, int h, int mi = 0) { return local_instant(Date{y, mo, d}, h * 60 + mi); }

}  // namespace motcua::calendar::testing
