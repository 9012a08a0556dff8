#include "domain/kpi/form06a.h"

#include <gtest/gtest.h>

namespace motcua::kpi {
namespace {

TEST(Form06a, SecondQuarterOfTheBoundaryCaseBalances) {
  // stock_test's QuarterBoundary for Q2 2026, by hand: carried over 4 (B, C, D, E); nothing
  // received in Q2; decided B (2/4, early) and C (10/4, late); E withdrawn; D open and late at 30/6.
  PeriodCounts p;
  p.carried_over = 4;
  p.resolved = 2;
  p.resolved_early = 1;
  p.resolved_late = 1;
  p.closed_undecided = 1;
  p.at_end = Stock{1, 1};
  Form06aRow r = form06a_row(p);
  EXPECT_EQ(r.received, 4);
  EXPECT_EQ(r.resolved, 2);
  EXPECT_EQ(r.resolved_on_time, 0);
  EXPECT_EQ(r.in_progress, 1);
  EXPECT_EQ(r.in_progress_overdue, 1);
  EXPECT_EQ(r.in_progress_within, 0);
  EXPECT_TRUE(form06a_problems(r).empty());
}

TEST(Form06a, EmptyPeriodIsAllZerosAndBalanced) {
  Form06aRow r = form06a_row(PeriodCounts{});
  EXPECT_EQ(r, Form06aRow{});
  EXPECT_TRUE(form06a_problems(r).empty());
}

TEST(Form06a, ADecisionWithoutTimeLimitCountsOnTime) {
  PeriodCounts p;
  p.received_online = 2;
  p.received_post = 1;
  p.received_counter = 1;
  p.resolved = 3;
  p.resolved_early = 1;
  p.at_end = Stock{1, 0};
  Form06aRow r = form06a_row(p);
  EXPECT_EQ(r.received_counter_post, 2);
  EXPECT_EQ(r.resolved_on_time, 2);
  EXPECT_TRUE(form06a_problems(r).empty());
}

TEST(Form06a, EachBrokenInvariantIsNamed) {
  PeriodCounts p;
  p.received_online = 3;
  p.resolved = 1;
  p.at_end = Stock{1, 0};  // one dossier unaccounted for
  auto problems = form06a_problems(form06a_row(p));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("Số hồ sơ nhận (3)"), std::string::npos) << problems[0];

  Form06aRow r;
  r.received = 5;
  r.received_online = 2;
  r.resolved = 4;
  r.resolved_early = 1;
  r.in_progress = 1;
  r.in_progress_overdue = 2;
  auto all = form06a_problems(r);
  EXPECT_EQ(all.size(), 3u);  // received parts, resolved parts, in-progress parts (balance holds: 5 = 4 + 0 + 1)
}

TEST(Form06a, NegativeFiguresAreReported) {
  PeriodCounts p;
  p.resolved = 1;
  p.at_end = Stock{-1, 0};
  auto problems = form06a_problems(form06a_row(p));
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.back().find("âm"), std::string::npos);
}

TEST(Form06a, RowsAddUp) {
  PeriodCounts p;
  p.received_online = 1;
  p.at_end = Stock{1, 1};
  Form06aRow a = form06a_row(p), sum;
  sum += a;
  sum += a;
  EXPECT_EQ(sum.received, 2);
  EXPECT_EQ(sum.in_progress_overdue, 2);
  EXPECT_TRUE(form06a_problems(sum).empty());
}

}  // namespace
}  // namespace motcua::kpi
