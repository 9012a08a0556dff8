// Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7 (UTC+8 before 1967-08-08).
//
// Rules: a month starts on the local (UTC+7) civil day of a new moon; month 11 is the month
// containing the December (winter) solstice; when 13 months lie between two months 11, the
// first month after month 11 that contains no major solar term (Sun longitude a multiple of
// 30°) is the leap month and repeats the previous month's number. Because days are counted in
// UTC+7, results differ from the Chinese (UTC+8) calendar in some years (e.g. Tết 1985, 2007).
// Days before the calendar reform of 8 August 1967 are counted in UTC+8, as the Vietnamese
// calendar then was (astro.h), so 1903, 1917, 1922, 1935, 1938, 1939 and 1965 match the
// published tables. Valid for Gregorian years 1900..2199; checked against Hồ Ngọc Đức's tables
// for every year (lunar_test.cc: two disagreements left, 1916 and 1925, new moons within
// minutes of midnight in the years of Beijing local mean time). Pure: no tables, no caches.
#pragma once
#include "common/result.h"
#include "common/time.h"

namespace motcua::calendar {

struct LunarDate {
  int day = 1;     // 1..30
  int month = 1;   // 1..12
  int year = 0;    // the lunar year, numbered like the Gregorian year in which its Tết falls
  bool leap = false;  // tháng nhuận: the repeated month
  auto operator<=>(const LunarDate&) const = default;
};

LunarDate solar_to_lunar(Date d);

// The civil date of a lunar date. Errors (ErrorKind::invalid): month/day out of range,
// day 30 in a 29-day month, or `leap` when that month is not the leap month of that year.
Result<Date> lunar_to_solar(int day, int month, int year, bool leap = false);

// Tết Nguyên đán (lunar 1/1) of a lunar year.
Date tet(int lunar_year);

// 0 if the lunar year has no leap month, else the number of the month that is repeated.
int leap_month(int lunar_year);

}  // namespace motcua::calendar
