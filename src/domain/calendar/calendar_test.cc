// The Calendar's day table: weekly rule, overrides, reasons, and the seed data file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "domain/calendar/test_calendars.h"
#include "domain/calendar/working_time.h"

namespace motcua::calendar {
namespace {

using testing::province;

TEST(Calendar, WeeklyRuleAndReasons) {
  Calendar c;
  EXPECT_TRUE(c.is_working_day(Date{2026, 3, 9}));  // Monday
  EXPECT_FALSE(c.is_working_day(Date{2026, 3, 7}));
  EXPECT_FALSE(c.is_working_day(Date{2026, 3, 8}));
  EXPECT_EQ(c.reason(Date{2026, 3, 9}), "Ngày làm việc");
  EXPECT_EQ(c.reason(Date{2026, 3, 7}), "Thứ Bảy");
  EXPECT_EQ(c.reason(Date{2026, 3, 8}), "Chủ nhật");
}

TEST(Calendar, Tet2025Break) {
  Calendar c = province();
  EXPECT_TRUE(c.is_working_day(Date{2025, 1, 24}));
  for (Date d{2025, 1, 25}; d <= Date{2025, 2, 2}; d = add_days(d, 1)) {
    EXPECT_FALSE(c.is_working_day(d)) << format_date(d);
    EXPECT_EQ(c.reason(d), "Tết Nguyên đán");
  }
  EXPECT_TRUE(c.is_working_day(Date{2025, 2, 3}));
}

TEST(Calendar, Tet2026Break) {
  Calendar c = province();
  EXPECT_TRUE(c.is_working_day(Date{2026, 2, 13}));
  for (Date d{2026, 2, 14}; d <= Date{2026, 2, 22}; d = add_days(d, 1)) EXPECT_FALSE(c.is_working_day(d));
  EXPECT_TRUE(c.is_working_day(Date{2026, 2, 23}));
}

TEST(Calendar, MakeUpSaturdayAndSwap2025) {
  Calendar c = province();
  EXPECT_TRUE(c.is_working_day(Date{2025, 4, 26}));  // Saturday
  EXPECT_EQ(c.reason(Date{2025, 4, 26}), "Làm bù");
  EXPECT_FALSE(c.is_working_day(Date{2025, 5, 2}));  // Friday
  EXPECT_FALSE(c.is_working_day(Date{2025, 4, 30}));
  EXPECT_FALSE(c.is_working_day(Date{2025, 5, 1}));
  EXPECT_TRUE(c.is_working_day(Date{2025, 5, 5}));
  EXPECT_FALSE(c.is_working_day(Date{2025, 9, 1}));
  EXPECT_FALSE(c.is_working_day(Date{2025, 9, 2}));
  EXPECT_TRUE(c.is_working_day(Date{2025, 9, 3}));
}

TEST(Calendar, GioTo2026Compensation) {
  Calendar c = province();
  EXPECT_FALSE(c.is_working_day(Date{2026, 4, 27}));
  EXPECT_EQ(c.reason(Date{2026, 4, 27}), "Nghỉ bù Giỗ Tổ Hùng Vương");
  EXPECT_EQ(c.reason(Date{2026, 4, 26}), "Giỗ Tổ Hùng Vương");
  EXPECT_TRUE(c.is_working_day(Date{2026, 4, 28}));
  EXPECT_FALSE(c.is_working_day(Date{2026, 4, 30}));
  EXPECT_FALSE(c.is_working_day(Date{2026, 5, 1}));
}

TEST(Calendar, RuleYearsFillTheRest) {
  Calendar c = province();
  EXPECT_FALSE(c.is_working_day(Date{2027, 2, 10}));  // compensation for Tết Saturday
  EXPECT_FALSE(c.is_working_day(Date{2028, 1, 3}));
  EXPECT_EQ(c.reason(Date{2028, 1, 3}), "Nghỉ bù Tết Dương lịch");
}

TEST(Calendar, OverridesLastWinsAndDefaults) {
  Calendar c(default_hours(), {DayRule{Date{2026, 3, 9}, false, "A"}, DayRule{Date{2026, 3, 7}, true, ""},
                               DayRule{Date{2026, 3, 9}, false, ""}});
  EXPECT_FALSE(c.is_working_day(Date{2026, 3, 9}));
  EXPECT_EQ(c.reason(Date{2026, 3, 9}), "Ngày nghỉ");
  EXPECT_TRUE(c.is_working_day(Date{2026, 3, 7}));
  EXPECT_EQ(c.reason(Date{2026, 3, 7}), "Làm bù");
  EXPECT_EQ(c.overrides().size(), 2u);
}

TEST(Calendar, ValidateHours) {
  EXPECT_TRUE(validate_hours(default_hours()).ok());
  EXPECT_EQ(default_hours().minutes_per_day(), 480);
  WorkingHours h = default_hours();
  h.periods = {};
  EXPECT_EQ(validate_hours(h).error().kind, ErrorKind::invalid);
  h.periods = {{600, 700}, {650, 800}};
  EXPECT_FALSE(validate_hours(h).ok());
  h.periods = {{800, 700}};
  EXPECT_FALSE(validate_hours(h).ok());
  h.periods = {{420, 1500}};
  EXPECT_FALSE(validate_hours(h).ok());
  h = default_hours();
  h.weekday_working = {};
  EXPECT_FALSE(validate_hours(h).ok());
  EXPECT_THROW(Calendar(h, {}), std::invalid_argument);
  EXPECT_EQ(Calendar::make(h, {}).error().kind, ErrorKind::invalid);
  EXPECT_TRUE(Calendar::make(default_hours(), {}).ok());
}

// data/seed/calendar.json must hold exactly the official lists used by these tests.
TEST(Calendar, SeedFileMatchesOfficialLists) {
  auto path = std::filesystem::path(__FILE__).parent_path() / "../../../data/seed/calendar.json";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();

  std::regex day_re(R"re(\{"date":\s*"(\d{4}-\d{2}-\d{2})",\s*"working":\s*(true|false),\s*"reason":\s*"([^"]*)"\})re");
  std::vector<DayRule> seed;
  for (std::sregex_iterator it(text.begin(), text.end(), day_re), end; it != end; ++it) {
    auto d = parse_date((*it)[1].str());
    ASSERT_TRUE(d) << (*it)[1].str();
    seed.push_back(DayRule{*d, (*it)[2].str() == "true", (*it)[3].str()});
  }
  std::vector<DayRule> expected = testing::official_2025().days;
  auto y26 = testing::official_2026().days;
  expected.insert(expected.end(), y26.begin(), y26.end());
  EXPECT_EQ(seed, expected);

  EXPECT_NE(text.find(R"("morning": ["07:00", "11:30"])"), std::string::npos);
  EXPECT_NE(text.find(R"("afternoon": ["13:30", "17:00"])"), std::string::npos);
  EXPECT_NE(text.find(R"("weekdays": [1, 2, 3, 4, 5])"), std::string::npos);
  EXPECT_NE(text.find(R"("paper_handover_cutoff": "15:00")"), std::string::npos);
}

}  // namespace
}  // namespace motcua::calendar
