#include "domain/calendar/lunar.h"

#include <cmath>

#include "domain/calendar/astro.h"

namespace motcua::calendar {
namespace {

constexpr double kSynodicMonth = 29.530588861;
constexpr double kNewMoon0Day = 10962.6;  // local day number of new moon k = 0 (2000-01-06)

// Local day number (days since 1970-01-01, UTC+7) on which new moon k falls.
int64_t new_moon_day(int64_t k) { return astro::local_day_of_jd(astro::new_moon_jd_ut(k)); }

// Index of the major-term sector (0..11, 30° each) the Sun is in at 00:00 local of `day`.
int sector_at(int64_t day) { return int(astro::sun_longitude(astro::jd_of_local_midnight(day)) / 30.0); }

// Index k of the lunation whose month contains local day `day`.
int64_t lunation_of(int64_t day) {
  int64_t k = int64_t(std::floor((double(day) - kNewMoon0Day) / kSynodicMonth));
  while (new_moon_day(k) > day) --k;
  while (new_moon_day(k + 1) <= day) ++k;
  return k;
}

// Lunation index of month 11 of the lunar year that ends after Gregorian year `y`, i.e. the
// month containing the winter solstice of December y.
int64_t month11(int y) {
  int64_t k = lunation_of(days_from_civil(Date{y, 12, 31}));
  // Sun already at or past 270° when this month begins: the solstice was in the month before.
  if (sector_at(new_moon_day(k)) >= 9) --k;
  return k;
}

// For a 13-month span starting at month 11 = lunation k11: the offset (1..12) of the leap
// month, the first month without a major term.
int leap_offset(int64_t k11) {
  int prev = sector_at(new_moon_day(k11 + 1));
  for (int i = 1; i <= 12; ++i) {
    int next = sector_at(new_moon_day(k11 + i + 1));
    if (next == prev) return i;
    prev = next;
  }
  return 12;  // unreachable for real skies; keeps the function total
}

// The span month 11 .. next month 11 (exclusive) containing lunar year y's months 1..10,
// or, for `late` months 11 and 12, the span starting in December of y.
struct Span {
  int64_t k11;   // lunation of the first month 11
  int months;    // 12 or 13
  int year_of_start;  // lunar year to which months 11 and 12 of this span belong
};

Span span_starting(int y) {
  int64_t a = month11(y), b = month11(y + 1);
  return Span{a, int(b - a), y};
}

}  // namespace

LunarDate solar_to_lunar(Date d) {
  const int64_t day = days_from_civil(d);
  const int64_t k = lunation_of(day);
  Span s = span_starting(d.year);
  if (k < s.k11) s = span_starting(d.year - 1);
  int offset = int(k - s.k11);
  LunarDate out;
  out.day = int(day - new_moon_day(k)) + 1;
  int normal = offset;
  if (s.months == 13) {
    int l = leap_offset(s.k11);
    if (offset >= l) normal = offset - 1;
    out.leap = offset == l;
  }
  out.month = (normal + 10) % 12 + 1;  // offset 0 → 11, 1 → 12, 2 → 1, ...
  out.year = out.month >= 11 ? s.year_of_start : s.year_of_start + 1;
  return out;
}

Result<Date> lunar_to_solar(int day, int month, int year, bool leap) {
  if (month < 1 || month > 12 || day < 1 || day > 30)
    return make_error(ErrorKind::invalid, "Ngày hoặc tháng âm lịch không hợp lệ", "invalid_lunar_date");
  if (year < 1900 || year > 2199)
    return make_error(ErrorKind::invalid, "Năm âm lịch ngoài phạm vi 1900–2199", "invalid_lunar_date");
  Span s = span_starting(month >= 11 ? year : year - 1);
  int normal = (month + 1) % 12;  // 11 → 0, 12 → 1, 1 → 2, ...
  int offset = normal;
  if (s.months == 13) {
    int l = leap_offset(s.k11);
    if (leap) {
      if (normal != l - 1)
        return make_error(ErrorKind::invalid, "Tháng này không phải tháng nhuận của năm âm lịch", "not_leap_month");
      offset = l;
    } else if (normal >= l) {
      offset = normal + 1;
    }
  } else if (leap) {
    return make_error(ErrorKind::invalid, "Năm âm lịch này không có tháng nhuận", "not_leap_month");
  }
  const int64_t start = new_moon_day(s.k11 + offset);
  const int64_t length = new_moon_day(s.k11 + offset + 1) - start;
  if (day > length)
    return make_error(ErrorKind::invalid, "Tháng âm lịch này chỉ có 29 ngày", "invalid_lunar_date");
  return civil_from_days(start + day - 1);
}

Date tet(int lunar_year) {
  Span s = span_starting(lunar_year - 1);
  int offset = 2;  // months 11, 12, then 1
  if (s.months == 13 && leap_offset(s.k11) <= 2) offset = 3;  // leap 11 or leap 12
  return civil_from_days(new_moon_day(s.k11 + offset));
}

int leap_month(int lunar_year) {
  // Leap months 11/12 of the previous span belong to year lunar_year - 1; a leap month of
  // this year is either in the span starting in lunar_year - 1 (months 1..10 after offset 2)
  // or, for leap 11/12, in the span starting in lunar_year.
  Span a = span_starting(lunar_year - 1);
  if (a.months == 13) {
    int l = leap_offset(a.k11);
    if (l >= 3) return (l - 1 + 10) % 12 + 1;
  }
  Span b = span_starting(lunar_year);
  if (b.months == 13) {
    int l = leap_offset(b.k11);
    if (l <= 2) return (l - 1 + 10) % 12 + 1;
  }
  return 0;
}

}  // namespace motcua::calendar
