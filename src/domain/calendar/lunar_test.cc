#include "domain/calendar/lunar.h"

#include <gtest/gtest.h>

namespace motcua::calendar {
namespace {

Date solar(int lunar_day, int lunar_month, int lunar_year, bool leap = false) {
  auto r = lunar_to_solar(lunar_day, lunar_month, lunar_year, leap);
  EXPECT_TRUE(r.ok()) << lunar_day << "/" << lunar_month << "/" << lunar_year;
  return r.ok() ? r.value() : Date{};
}

TEST(Lunar, TetDates) {
  EXPECT_EQ(solar(1, 1, 2024), (Date{2024, 2, 10}));
  EXPECT_EQ(solar(1, 1, 2025), (Date{2025, 1, 29}));
  EXPECT_EQ(solar(1, 1, 2026), (Date{2026, 2, 17}));
  EXPECT_EQ(solar(1, 1, 2027), (Date{2027, 2, 6}));
  EXPECT_EQ(tet(2020), (Date{2020, 1, 25}));
  EXPECT_EQ(tet(2021), (Date{2021, 2, 12}));
  EXPECT_EQ(tet(2022), (Date{2022, 2, 1}));
  EXPECT_EQ(tet(2023), (Date{2023, 1, 22}));
  EXPECT_EQ(tet(2024), (Date{2024, 2, 10}));
  EXPECT_EQ(tet(2028), (Date{2028, 1, 26}));
  EXPECT_EQ(tet(2029), (Date{2029, 2, 13}));
}

// Years where UTC+7 gives a different Tết from the Chinese (UTC+8) calendar.
TEST(Lunar, VietnameseNotChinese) {
  EXPECT_EQ(tet(1985), (Date{1985, 1, 21}));  // Chinese: 1985-02-20
  EXPECT_EQ(tet(2007), (Date{2007, 2, 17}));  // Chinese: 2007-02-18
  EXPECT_EQ(tet(1968), (Date{1968, 1, 29}));  // Chinese: 1968-01-30
  EXPECT_EQ(tet(2030), (Date{2030, 2, 2}));   // new moon 23:07 UTC+7; Chinese: 2030-02-03
  EXPECT_EQ(solar_to_lunar(Date{1985, 1, 21}), (LunarDate{1, 1, 1985, false}));
  EXPECT_EQ(solar_to_lunar(Date{2007, 2, 17}), (LunarDate{1, 1, 2007, false}));
}

TEST(Lunar, GioToHungVuong) {
  EXPECT_EQ(solar(10, 3, 2025), (Date{2025, 4, 7}));
  EXPECT_EQ(solar(10, 3, 2026), (Date{2026, 4, 26}));
}

TEST(Lunar, SolarToLunar) {
  EXPECT_EQ(solar_to_lunar(Date{2026, 2, 17}), (LunarDate{1, 1, 2026, false}));
  EXPECT_EQ(solar_to_lunar(Date{2026, 2, 16}).year, 2025);  // last day of Ất Tỵ
  EXPECT_EQ(solar_to_lunar(Date{2026, 2, 16}).month, 12);
  EXPECT_EQ(solar_to_lunar(Date{2024, 9, 17}), (LunarDate{15, 8, 2024, false}));  // Trung thu
  EXPECT_EQ(solar_to_lunar(Date{2025, 10, 6}), (LunarDate{15, 8, 2025, false}));
  EXPECT_EQ(solar_to_lunar(Date{2025, 1, 28}).month, 12);
  EXPECT_EQ(solar_to_lunar(Date{2025, 1, 28}).year, 2024);
}

TEST(Lunar, LeapMonths) {
  EXPECT_EQ(leap_month(2020), 4);
  EXPECT_EQ(leap_month(2023), 2);
  EXPECT_EQ(leap_month(2025), 6);
  EXPECT_EQ(leap_month(2024), 0);
  EXPECT_EQ(leap_month(2026), 0);
  EXPECT_EQ(solar(1, 4, 2020, true), (Date{2020, 5, 23}));
  EXPECT_EQ(solar(1, 2, 2023, true), (Date{2023, 3, 22}));
  EXPECT_EQ(solar(1, 6, 2025, true), (Date{2025, 7, 25}));
  EXPECT_EQ(solar_to_lunar(Date{2025, 7, 25}), (LunarDate{1, 6, 2025, true}));
}

TEST(Lunar, InvalidInputs) {
  EXPECT_EQ(lunar_to_solar(1, 5, 2025, true).error().kind, ErrorKind::invalid);  // leap is 6
  EXPECT_FALSE(lunar_to_solar(1, 1, 2026, true).ok());                           // no leap year
  EXPECT_FALSE(lunar_to_solar(0, 1, 2026).ok());
  EXPECT_FALSE(lunar_to_solar(1, 13, 2026).ok());
  EXPECT_FALSE(lunar_to_solar(31, 1, 2026).ok());
  // Month 12 of Giáp Thìn (2024) has 29 days: Tết 2025 follows 29 tháng Chạp.
  EXPECT_FALSE(lunar_to_solar(30, 12, 2024).ok());
  EXPECT_EQ(solar(29, 12, 2024), (Date{2025, 1, 28}));
}

TEST(Lunar, RoundTripAndContinuity) {
  LunarDate prev = solar_to_lunar(Date{1999, 12, 31});
  for (Date d{2000, 1, 1}; d < Date{2041, 1, 1}; d = add_days(d, 1)) {
    LunarDate l = solar_to_lunar(d);
    if (l.day == 1) {
      ASSERT_TRUE(prev.day == 29 || prev.day == 30) << format_date(d);
    } else {
      ASSERT_EQ(l.day, prev.day + 1) << format_date(d);
      ASSERT_EQ(l.month, prev.month);
      ASSERT_EQ(l.leap, prev.leap);
    }
    if (d.day % 5 == 0 || l.day == 1) {
      auto back = lunar_to_solar(l.day, l.month, l.year, l.leap);
      ASSERT_TRUE(back.ok()) << format_date(d);
      ASSERT_EQ(back.value(), d);
    }
    prev = l;
  }
}

}  // namespace
}  // namespace motcua::calendar
