#include "domain/calendar/holidays.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "domain/calendar/lunar.h"
#include "domain/calendar/test_calendars.h"

namespace motcua::calendar {
namespace {

const DayRule* find(const std::vector<DayRule>& v, Date d) {
  auto it = std::find_if(v.begin(), v.end(), [d](const DayRule& r) { return r.date == d; });
  return it == v.end() ? nullptr : &*it;
}

std::set<Date> weekdays_off(const std::vector<DayRule>& v) {
  std::set<Date> out;
  for (const auto& r : v)
    if (!r.working && weekday(r.date) != 0 && weekday(r.date) != 6) out.insert(r.date);
  return out;
}

TEST(Holidays, Rules2027) {
  auto v = rule_days_for_year(2027);
  ASSERT_EQ(tet(2027), (Date{2027, 2, 6}));
  // Tết: 30 Tết (Fri 5 Feb) .. mùng 4 (Tue 9 Feb); Sat 6 and Sun 7 earn Wed 10 and Thu 11.
  for (int day = 5; day <= 9; ++day) {
    const DayRule* r = find(v, Date{2027, 2, day});
    ASSERT_NE(r, nullptr) << day;
    EXPECT_FALSE(r->working);
    EXPECT_EQ(r->reason, "Tết Nguyên đán");
  }
  ASSERT_NE(find(v, Date{2027, 2, 10}), nullptr);
  EXPECT_EQ(find(v, Date{2027, 2, 10})->reason, "Nghỉ bù Tết Nguyên đán");
  ASSERT_NE(find(v, Date{2027, 2, 11}), nullptr);
  EXPECT_EQ(find(v, Date{2027, 2, 12}), nullptr);
  EXPECT_EQ(find(v, Date{2027, 2, 4}), nullptr);
  // 1 May 2027 is a Saturday → Monday 3 May.
  ASSERT_NE(find(v, Date{2027, 5, 3}), nullptr);
  EXPECT_EQ(find(v, Date{2027, 5, 3})->reason, "Nghỉ bù Ngày Quốc tế Lao động");
  // Giỗ Tổ 10/3 lunar.
  Date gio_to = lunar_to_solar(10, 3, 2027).value();
  ASSERT_NE(find(v, gio_to), nullptr);
  EXPECT_EQ(find(v, gio_to)->reason, "Giỗ Tổ Hùng Vương");
  EXPECT_NE(find(v, Date{2027, 1, 1}), nullptr);
  EXPECT_NE(find(v, Date{2027, 4, 30}), nullptr);
  EXPECT_NE(find(v, Date{2027, 9, 1}), nullptr);
  EXPECT_NE(find(v, Date{2027, 9, 2}), nullptr);
  EXPECT_EQ(find(v, Date{2027, 9, 3}), nullptr);
  EXPECT_TRUE(std::is_sorted(v.begin(), v.end(), [](auto& a, auto& b) { return a.date < b.date; }));
}

TEST(Holidays, NewYear2028OnSaturday) {
  auto v = rule_days_for_year(2028);
  ASSERT_EQ(weekday(Date{2028, 1, 1}), 6);
  ASSERT_NE(find(v, Date{2028, 1, 1}), nullptr);
  const DayRule* bu = find(v, Date{2028, 1, 3});
  ASSERT_NE(bu, nullptr);
  EXPECT_FALSE(bu->working);
  EXPECT_EQ(bu->reason, "Nghỉ bù Tết Dương lịch");
}

TEST(Holidays, TetWithShortTwelfthMonth) {
  // Month 12 of Giáp Thìn has 29 days: the Tết break starts on 29 tháng Chạp, 28 Jan 2025.
  auto v = rule_days_for_year(2025);
  EXPECT_NE(find(v, Date{2025, 1, 28}), nullptr);
  EXPECT_EQ(find(v, Date{2025, 1, 27}), nullptr);
  EXPECT_NE(find(v, Date{2025, 2, 1}), nullptr);                   // mùng 4, a Saturday
  EXPECT_EQ(find(v, Date{2025, 2, 3})->reason, "Nghỉ bù Tết Nguyên đán");  // → Monday
  EXPECT_EQ(find(v, Date{2025, 4, 7})->reason, "Giỗ Tổ Hùng Vương");
}

TEST(Holidays, Rules2026MatchOfficialWeekdays) {
  auto rules = rule_days_for_year(2026);
  EXPECT_EQ(find(rules, Date{2026, 4, 27})->reason, "Nghỉ bù Giỗ Tổ Hùng Vương");
  EXPECT_EQ(weekdays_off(rules), weekdays_off(testing::official_2026().days));
}

TEST(Holidays, CompensationsAreFreeWeekdays) {
  for (int y = 2000; y <= 2060; ++y) {
    auto v = rule_days_for_year(y);
    std::set<Date> seen;
    int holidays = 0, compensations = 0, weekend_holidays = 0;
    for (const auto& r : v) {
      EXPECT_TRUE(seen.insert(r.date).second) << format_date(r.date);
      EXPECT_FALSE(r.working);
      EXPECT_EQ(r.date.year, y);
      bool weekend = weekday(r.date) == 0 || weekday(r.date) == 6;
      if (r.reason.rfind("Nghỉ bù ", 0) == 0) {
        ++compensations;
        EXPECT_FALSE(weekend) << format_date(r.date);
      } else {
        ++holidays;
        weekend_holidays += weekend;
      }
    }
    EXPECT_EQ(compensations, weekend_holidays) << y;
    EXPECT_GE(holidays, 10) << y;  // 11 unless two holidays coincide
  }
}

TEST(Holidays, OfficialYearReplacesRules) {
  auto table = days_for_years(2025, 2027, {testing::official_2025()});
  // Rule-generated 2025 compensation (Mon 3 Feb) is gone; the official swap is in.
  EXPECT_EQ(find(table, Date{2025, 2, 3}), nullptr);
  ASSERT_NE(find(table, Date{2025, 4, 26}), nullptr);
  EXPECT_TRUE(find(table, Date{2025, 4, 26})->working);
  EXPECT_NE(find(table, Date{2025, 1, 27}), nullptr);
  // 2026 and 2027 come from the rules.
  EXPECT_NE(find(table, Date{2026, 4, 27}), nullptr);
  EXPECT_NE(find(table, Date{2027, 2, 10}), nullptr);
  EXPECT_TRUE(std::is_sorted(table.begin(), table.end(), [](auto& a, auto& b) { return a.date < b.date; }));
}

}  // namespace
}  // namespace motcua::calendar
