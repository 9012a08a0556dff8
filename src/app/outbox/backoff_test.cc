#include "app/outbox/backoff.h"

#include <gtest/gtest.h>

namespace motcua::app::outbox_relay {
namespace {

TEST(Backoff, DoublesFromTheBaseUpToTheCap) {
  RetryPolicy p{1000, 10'000, 5, 0.0};
  EXPECT_EQ(next_delay(p, 1, 0.3), 1000);
  EXPECT_EQ(next_delay(p, 2, 0.3), 2000);
  EXPECT_EQ(next_delay(p, 3, 0.3), 4000);
  EXPECT_EQ(next_delay(p, 4, 0.3), 8000);
  EXPECT_EQ(next_delay(p, 5, 0.3), 10'000);   // capped
  EXPECT_EQ(next_delay(p, 500, 0.3), 10'000);  // no overflow however many failures
  EXPECT_EQ(next_delay(p, 0, 0.3), 1000);      // read as the first failure
}

TEST(Backoff, JitterTakesAtMostItsFractionOff) {
  RetryPolicy p{1000, 60'000, 10, 0.5};
  EXPECT_EQ(next_delay(p, 3, 0.0), 4000);  // no draw: the full delay
  EXPECT_EQ(next_delay(p, 3, 1.0), 2000);  // the largest draw: half of it
  EXPECT_EQ(next_delay(p, 3, 0.5), 3000);
  for (double u : {0.0, 0.1, 0.37, 0.99}) {
    Millis d = next_delay(p, 4, u);
    EXPECT_GE(d, 4000);
    EXPECT_LE(d, 8000);
  }
  RetryPolicy full{1000, 60'000, 10, 1.0};
  EXPECT_EQ(next_delay(full, 2, 0.75), 500);
}

TEST(Backoff, ParksAfterTheLastAllowedFailureOrARefusal) {
  RetryPolicy p{1000, 60'000, 3, 0.5};
  EXPECT_EQ(after_failure(p, 1, false), Verdict::retry);
  EXPECT_EQ(after_failure(p, 2, false), Verdict::retry);
  EXPECT_EQ(after_failure(p, 3, false), Verdict::park);
  EXPECT_EQ(after_failure(p, 1, true), Verdict::park);
}

}  // namespace
}  // namespace motcua::app::outbox_relay
