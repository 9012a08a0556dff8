// Low-level astronomy for the lunar calendar: mean-to-true new moons (Meeus, "Astronomical
// Algorithms", ch. 49) and the Sun's apparent longitude (ch. 25, low accuracy, ~0.01°).
// Accurate to about a minute for new moons and a quarter hour for solar terms in 1900..2200,
// which is what deciding a civil day needs. Pure functions of values.
#pragma once
#include <cstdint>

namespace motcua::calendar::astro {

// Instant of the k-th new moon after the one of 2000-01-06 (k may be negative), as a
// Julian Day in Universal Time (ΔT already removed).
double new_moon_jd_ut(int64_t k);

// Apparent geocentric longitude of the Sun, degrees in [0, 360), at a Julian Day in UT.
double sun_longitude(double jd_ut);

// "Local" below is the civil time the Vietnamese calendar is computed in: UTC+7 from the
// calendar reform of 8 August 1967, UTC+8 (120°E, like the Chinese calendar) before it. Hồ Ngọc
// Đức's published tables follow the same switch (Tết 1968 is 29 Jan in Vietnam, 30 Jan in China).

// Julian Day (UT) of 00:00 local time on day `day` (days since 1970-01-01).
double jd_of_local_midnight(int64_t day);

// Local day number (days since 1970-01-01) containing the instant jd_ut.
int64_t local_day_of_jd(double jd_ut);

// ΔT = TT − UT in seconds for a decimal year (Espenak–Meeus polynomial fit).
double delta_t_seconds(double year);

}  // namespace motcua::calendar::astro
