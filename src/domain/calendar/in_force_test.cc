// The calendar in force for any year: rules where no official decision is recorded, the official
// list where one is, administrators' edits on top (days_in_force), and deadlines that cross into
// years nobody seeded.
#include <gtest/gtest.h>

#include "domain/calendar/holidays.h"
#include "domain/calendar/lunar.h"
#include "domain/calendar/test_calendars.h"
#include "domain/calendar/working_time.h"

namespace motcua::calendar {
namespace {

using testing::at;

Calendar in_force(const std::set<int>& official, const std::vector<DayRule>& stored) {
  return Calendar(default_hours(), days_in_force(official, stored, &memo_rule_days));
}

TEST(InForce, RuleYearsEverywhereInTheLunarRange) {
  const Calendar cal = in_force({}, {});
  // Tết 1950 (17 Feb), 1985 (21 Jan), 2007 (17 Feb), 2031 (23 Jan), 2100 (9 Feb), 2150 (29 Jan)
  // and 2199 (26 Jan), from Hồ Ngọc Đức's tables (lunar_published_test.cc).
  for (Date d : {Date{1950, 2, 17}, Date{1985, 1, 21}, Date{2007, 2, 17}, Date{2031, 1, 23}, Date{2100, 2, 9},
                 Date{2150, 1, 29}, Date{2199, 1, 26}}) {
    EXPECT_EQ(cal.reason(d), "Tết Nguyên đán") << format_date(d);
    EXPECT_FALSE(cal.is_working_day(d));
  }
  EXPECT_EQ(cal.reason(Date{2033, 4, 9}), "Giỗ Tổ Hùng Vương");  // Saturday 9 Apr 2033 ...
  EXPECT_EQ(cal.reason(Date{2033, 4, 11}), "Nghỉ bù Giỗ Tổ Hùng Vương");  // ... Monday off instead
  EXPECT_EQ(cal.reason(Date{2050, 4, 1}), "Giỗ Tổ Hùng Vương");  // Fri 1 Apr 2050
  EXPECT_EQ(cal.reason(Date{1901, 1, 1}), "Tết Dương lịch");
  // Outside the lunar range: only the weekly rule.
  EXPECT_TRUE(cal.is_working_day(Date{2200, 1, 1}));  // a Wednesday
  EXPECT_TRUE(cal.is_working_day(Date{1899, 4, 28}));
}

TEST(InForce, AnOfficialDecisionReplacesTheRulesOfItsYearOnly) {
  auto y2025 = testing::official_2025();
  const Calendar cal = in_force({2025}, y2025.days);
  // Rules for 2025 would not give Friday 2 May off nor make Saturday 26 April a working day.
  EXPECT_FALSE(cal.is_working_day(Date{2025, 5, 2}));
  EXPECT_TRUE(cal.is_working_day(Date{2025, 4, 26}));
  // Rules would give Mon 3 Feb 2025 (mùng 6 after Sat/Sun Tết days) as compensation: the decision
  // does not, so it is a working day.
  EXPECT_TRUE(cal.is_working_day(Date{2025, 2, 3}));
  // 2024 and 2027 still follow the rules.
  EXPECT_FALSE(cal.is_working_day(Date{2024, 2, 9}));
  EXPECT_FALSE(cal.is_working_day(Date{2027, 2, 9}));
  // An official year with an empty list is the weekly rule alone (the decision said so).
  const Calendar bare = in_force({2031}, {});
  EXPECT_TRUE(bare.is_working_day(Date{2031, 1, 23}));
}

TEST(InForce, AdminEditsWinOverRuleDays) {
  // 2 Sep 2031 is a Tuesday; the rules give Monday 1 Sep too. An administrator moves the
  // adjacent day to Wednesday 3 Sep and adds a make-up Saturday.
  std::vector<DayRule> edits{{Date{2031, 9, 1}, true, "Làm việc (quyết định chọn 3/9)"},
                             {Date{2031, 9, 3}, false, "Quốc khánh"},
                             {Date{2031, 9, 6}, true, "Làm bù"}};
  const Calendar cal = in_force({}, edits);
  EXPECT_TRUE(cal.is_working_day(Date{2031, 9, 1}));
  EXPECT_FALSE(cal.is_working_day(Date{2031, 9, 2}));
  EXPECT_FALSE(cal.is_working_day(Date{2031, 9, 3}));
  EXPECT_TRUE(cal.is_working_day(Date{2031, 9, 6}));
  EXPECT_EQ(cal.reason(Date{2031, 9, 6}), "Làm bù");
}

TEST(InForce, MemoIsTheRules) {
  for (int y : {1900, 1968, 2040, 2199}) EXPECT_EQ(memo_rule_days(y), rule_days_for_year(y)) << y;
  EXPECT_TRUE(memo_rule_days(1899).empty());
  EXPECT_TRUE(memo_rule_days(2200).empty());
}

// A 10-working-day deadline received on Thursday 9 Feb 2040, just before Tết (Sun 12 Feb 2040 by
// the published tables): 30 Tết (Sat 11) .. mùng 4 (Wed 15) are off, Sat 11 and Sun 12 earn Thu 16
// and Fri 17, so the whole week 13–17 Feb is skipped. Counted by hand: Fri 10, Mon 20 .. Fri 24,
// Mon 27, Tue 28, Wed 29 Feb (2040 is a leap year), Thu 1 Mar → 09:00 on 1 March.
TEST(InForce, DeadlineAcrossTet2040SkipsTheTetDays) {
  const Calendar cal = in_force({}, {});
  auto due = cal.due(at(2040, 2, 9, 9), 10, TimeUnit::working_days);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due.value(), at(2040, 3, 1, 9));
  // Weekly rule alone would have said Thursday 23 Feb.
  const Calendar weekly;
  EXPECT_EQ(weekly.due(at(2040, 2, 9, 9), 10, TimeUnit::working_days).value(), at(2040, 2, 23, 9));
  // A calendar-day deadline ending inside the Tết week moves to Monday 20 Feb.
  EXPECT_EQ(cal.due(at(2040, 2, 9, 9), 5, TimeUnit::calendar_days).value(), at(2040, 2, 20, 9));
}

// The rule for appointments already given when a year's official decision arrives: kept unless
// their day became a day off, then the same time on the next working day; never earlier.
TEST(InForce, AppointmentUnderADecisionIsKeptOrMovedLaterOnly) {
  const Calendar rules = in_force({}, {});
  // Friday 2 May 2025 is a working day by the rules; the 2025 decision made it a day off and
  // Saturday 26 April a working day.
  ASSERT_TRUE(rules.is_working_day(Date{2025, 5, 2}));
  const Calendar decided = in_force({2025}, testing::official_2025().days);
  // An appointment on Fri 2 May 10:00 moves to Mon 5 May 10:00 (3 and 4 May are off too).
  EXPECT_EQ(appointment_under(decided, at(2025, 5, 2, 10)), at(2025, 5, 5, 10));
  // One at 17:00 on Fri 2 May keeps its time of day.
  EXPECT_EQ(appointment_under(decided, at(2025, 5, 2, 17)), at(2025, 5, 5, 17));
  // Mon 3 Feb 2025 was a compensatory day off by the rules (so no appointment was set on it),
  // the decision made it a working day again: an appointment on Tue 4 Feb stays, although the
  // decision gave back a working day before it (never earlier).
  EXPECT_EQ(appointment_under(decided, at(2025, 2, 4, 9)), at(2025, 2, 4, 9));
  // Monday 27 Jan 2025 is a working day by the rules (Tết: Tue 28 Jan .. Sat 1 Feb, Mon 3 Feb
  // off in compensation) but inside the decision's nine days (25 Jan .. 2 Feb): an appointment
  // there moves to Monday 3 Feb, a working day under the decision.
  ASSERT_TRUE(rules.is_working_day(Date{2025, 1, 27}));
  EXPECT_EQ(appointment_under(decided, at(2025, 1, 27, 15)), at(2025, 2, 3, 15));
  // Working day under both: unchanged to the millisecond.
  EXPECT_EQ(appointment_under(decided, at(2025, 6, 10, 9) + 1234), at(2025, 6, 10, 9) + 1234);
}

TEST(InForce, DenseLookupMatchesTheOverrides) {
  const Calendar cal = in_force({2025}, testing::official_2025().days);
  size_t n = 0;
  for (const auto& r : cal.overrides()) {
    EXPECT_EQ(cal.is_working_day(r.date), r.working) << format_date(r.date);
    ++n;
  }
  EXPECT_GT(n, size_t(300 * 9));
  // Days between overrides fall back to the weekly rule.
  EXPECT_TRUE(cal.is_working_day(Date{2040, 3, 1}));
  EXPECT_FALSE(cal.is_working_day(Date{2040, 3, 3}));  // Saturday
}

}  // namespace
}  // namespace motcua::calendar
