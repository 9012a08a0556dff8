// Step times against hand-computed working minutes (default hours: 07:00–11:30, 13:30–17:00,
// Monday–Friday; 2026-03-09 is a Monday).
#include <gtest/gtest.h>

#include <vector>

#include "domain/kpi/step_time.h"

namespace motcua::kpi {
namespace {

Millis at(int day, int h, int m = 0) { return local_instant(Date{2026, 3, day}, h * 60 + m); }

TEST(StepTime, WorkingMinutesOfAStep) {
  calendar::Calendar cal;
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(9, 10), {}), 120);
  // Mon 10:00–11:30 (90) + 13:30–17:00 (210) + Tue 07:00–10:00 (180).
  EXPECT_EQ(step_working_minutes(cal, at(9, 10), at(10, 10), {}), 480);
  // Fri 16:00–17:00 (60), the weekend (0), Mon 07:00–08:00 (60).
  EXPECT_EQ(step_working_minutes(cal, at(6, 16), at(9, 8), {}), 120);
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(9, 8), {}), 0);
}

TEST(StepTime, PausedClockIsNotTheAgencysWait) {
  calendar::Calendar cal;
  // Mon 08:00 → Wed 08:00 = 420 + 480 + 60 = 960. Paused Mon 14:00 → Tue 16:00 = 180 + 270 + 150.
  std::vector<Pause> p{{at(9, 14), at(10, 16)}};
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(11, 8), p), 360);
  // Still paused when the step is left (withdrawn while a supplement is awaited): Tue 09:00 → end.
  std::vector<Pause> open{{at(10, 9), 0}};
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(11, 8), open), 960 - 420);
  // A pause that began before the step counts only inside it: Mon 08:00–09:00.
  std::vector<Pause> before{{at(6, 10), at(9, 9)}};
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(9, 10), before), 60);
  // Two pauses, one after the step: only the first.
  std::vector<Pause> two{{at(9, 8), at(9, 9)}, {at(12, 8), at(12, 9)}};
  EXPECT_EQ(step_working_minutes(cal, at(9, 8), at(9, 10), two), 60);
}

TEST(StepTime, AStepAcrossAQuarterEndCountsItsWholeTime) {
  calendar::Calendar cal;
  // Tue 2026-03-31 16:00 → Wed 2026-04-01 08:00: 60 + 60, counted on the day it is left (Q2).
  const Millis start = local_instant(Date{2026, 3, 31}, 16 * 60), end = local_instant(Date{2026, 4, 1}, 8 * 60);
  EXPECT_EQ(step_working_minutes(cal, start, end, {}), 120);
  EXPECT_EQ(format_date(local_date(end)), "2026-04-01");
}

TEST(StepTime, Buckets) {
  EXPECT_EQ(step_bucket(0), 0u);
  EXPECT_EQ(step_bucket(59), 0u);
  EXPECT_EQ(step_bucket(60), 1u);
  EXPECT_EQ(step_bucket(480), 3u);
  EXPECT_EQ(step_bucket(15359), 7u);
  EXPECT_EQ(step_bucket(15360), 8u);
  EXPECT_EQ(bucket_lower(0), 0);
  EXPECT_EQ(bucket_lower(8), 15360);
  EXPECT_FALSE(bucket_upper(8).has_value());
}

TEST(StepTime, MeanAndMedian) {
  StepTime empty;
  EXPECT_FALSE(empty.mean().has_value());
  EXPECT_FALSE(empty.median().has_value());

  StepTime t;
  for (int64_t m : {0, 30, 120, 500, 20000}) t.add(m);
  EXPECT_EQ(t.n, 5);
  EXPECT_EQ(t.minutes, 20650);
  EXPECT_DOUBLE_EQ(*t.mean(), 4130.0);
  // The 3rd smallest is the only one in [60, 240): 60 + 180 × ½.
  EXPECT_EQ(*t.median_bucket(), 1u);
  EXPECT_DOUBLE_EQ(*t.median(), 150.0);

  StepTime even;
  for (int64_t m : {10, 20, 300, 400}) even.add(m);
  // ⌈4/2⌉ = 2nd smallest, the 2nd of two in [0, 60): 60 × 1.5 / 2.
  EXPECT_DOUBLE_EQ(*even.median(), 45.0);

  StepTime slow;
  slow.add(20000);
  EXPECT_DOUBLE_EQ(*slow.median(), 15360.0);  // open bucket: its lower bound

  StepTime sum = t;
  sum += even;
  EXPECT_EQ(sum.n, 9);
  EXPECT_EQ(sum.minutes, 20650 + 730);
  EXPECT_EQ(sum.hist[0], 4);
}

}  // namespace
}  // namespace motcua::kpi
