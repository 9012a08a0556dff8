#include "domain/calendar/astro.h"

#include <cmath>
#include <iterator>

namespace motcua::calendar::astro {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kUnixEpochJd = 2440587.5;  // 1970-01-01T00:00Z
// The Vietnamese calendar's civil time: UTC+7 since the calendar reform of 8 August 1967
// (Democratic Republic of Vietnam), UTC+8 (the 120°E meridian, as the Chinese calendar) before.
constexpr double kLocalOffsetDays = 7.0 / 24.0;
constexpr double kOldOffsetDays = 8.0 / 24.0;
constexpr int64_t kReformDay = -877;  // 1967-08-08, days since 1970-01-01

double rad(double deg) { return deg * kPi / 180.0; }
double sin_deg(double deg) { return std::sin(rad(deg)); }

double normalize_deg(double deg) {
  double r = std::fmod(deg, 360.0);
  return r < 0 ? r + 360.0 : r;
}

double year_of_jd(double jd) { return 2000.0 + (jd - 2451545.0) / 365.25; }

}  // namespace

double delta_t_seconds(double y) {
  if (y < 1900) {
    double u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1920) {
    double t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
  }
  if (y < 1941) {
    double t = y - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (y < 1961) {
    double t = y - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (y < 1986) {
    double t = y - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (y < 2005) {
    double t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * std::pow(t, 3) + 0.000651814 * std::pow(t, 4) +
           0.00002373599 * std::pow(t, 5);
  }
  if (y < 2050) {
    double t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  double u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

double new_moon_jd_ut(int64_t k_int) {
  const double k = double(k_int);
  const double T = k / 1236.85;
  const double T2 = T * T, T3 = T2 * T, T4 = T3 * T;

  double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.000000150 * T3 + 0.00000000073 * T4;
  const double E = 1 - 0.002516 * T - 0.0000074 * T2;
  const double M = 2.5534 + 29.10535670 * k - 0.0000014 * T2 - 0.00000011 * T3;             // Sun anomaly
  const double Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;  // Moon
  const double F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const double Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

  // Periodic terms for the new moon phase.
  double c = 0;
  c += -0.40720 * sin_deg(Mp);
  c += 0.17241 * E * sin_deg(M);
  c += 0.01608 * sin_deg(2 * Mp);
  c += 0.01039 * sin_deg(2 * F);
  c += 0.00739 * E * sin_deg(Mp - M);
  c += -0.00514 * E * sin_deg(Mp + M);
  c += 0.00208 * E * E * sin_deg(2 * M);
  c += -0.00111 * sin_deg(Mp - 2 * F);
  c += -0.00057 * sin_deg(Mp + 2 * F);
  c += 0.00056 * E * sin_deg(2 * Mp + M);
  c += -0.00042 * sin_deg(3 * Mp);
  c += 0.00042 * E * sin_deg(M + 2 * F);
  c += 0.00038 * E * sin_deg(M - 2 * F);
  c += -0.00024 * E * sin_deg(2 * Mp - M);
  c += -0.00017 * sin_deg(Om);
  c += -0.00007 * sin_deg(Mp + 2 * M);
  c += 0.00004 * sin_deg(2 * Mp - 2 * F);
  c += 0.00004 * sin_deg(3 * M);
  c += 0.00003 * sin_deg(Mp + M - 2 * F);
  c += 0.00003 * sin_deg(2 * Mp + 2 * F);
  c += -0.00003 * sin_deg(Mp + M + 2 * F);
  c += 0.00003 * sin_deg(Mp - M + 2 * F);
  c += -0.00002 * sin_deg(Mp - M - 2 * F);
  c += -0.00002 * sin_deg(3 * Mp + M);
  c += 0.00002 * sin_deg(4 * Mp);

  // Planetary arguments (additional corrections, all phases).
  struct Term {
    double coef, a0, rate;
  };
  static constexpr Term kPlanetary[] = {
      {0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
      {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
      {0.000060, 207.14, 2.453732},  {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
      {0.000042, 207.19, 0.121824},  {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
      {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
  };
  double a = 0;
  for (size_t i = 0; i < std::size(kPlanetary); ++i) {
    double arg = kPlanetary[i].a0 + kPlanetary[i].rate * k;
    if (i == 0) arg -= 0.009173 * T2;
    a += kPlanetary[i].coef * sin_deg(arg);
  }

  jde += c + a;
  return jde - delta_t_seconds(year_of_jd(jde)) / 86400.0;
}

double sun_longitude(double jd_ut) {
  const double jde = jd_ut + delta_t_seconds(year_of_jd(jd_ut)) / 86400.0;
  const double T = (jde - 2451545.0) / 36525.0;
  const double L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T * T;
  const double M = 357.52911 + 35999.05029 * T - 0.0001537 * T * T;
  const double C = (1.914602 - 0.004817 * T - 0.000014 * T * T) * sin_deg(M) +
                   (0.019993 - 0.000101 * T) * sin_deg(2 * M) + 0.000289 * sin_deg(3 * M);
  const double omega = 125.04 - 1934.136 * T;
  return normalize_deg(L0 + C - 0.00569 - 0.00478 * sin_deg(omega));
}

double jd_of_local_midnight(int64_t day) {
  return kUnixEpochJd + double(day) - (day < kReformDay ? kOldOffsetDays : kLocalOffsetDays);
}

int64_t local_day_of_jd(double jd_ut) {
  const int64_t day = int64_t(std::floor(jd_ut - kUnixEpochJd + kLocalOffsetDays));
  if (day >= kReformDay) return day;
  return int64_t(std::floor(jd_ut - kUnixEpochJd + kOldOffsetDays));
}

}  // namespace motcua::calendar::astro
