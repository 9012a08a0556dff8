#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace motcua::http {
namespace {

TEST(RateLimiter, BurstThenSteadyRate) {
  RateLimiter lim(3, 60);  // one token a second
  Millis t = 1'000'000;
  EXPECT_EQ(lim.take("a", 1, t), 0);
  EXPECT_EQ(lim.take("a", 1, t), 0);
  EXPECT_EQ(lim.take("a", 1, t), 0);
  EXPECT_EQ(lim.take("a", 1, t), 1);        // empty: one second until the next token
  EXPECT_EQ(lim.take("a", 1, t + 999), 1);  // still not there, nothing taken by asking
  EXPECT_EQ(lim.take("a", 1, t + 1000), 0);
  EXPECT_EQ(lim.take("a", 1, t + 1000), 1);
  EXPECT_EQ(lim.take("b", 1, t), 0);  // each client has its own bucket
}

TEST(RateLimiter, CostAndWait) {
  RateLimiter lim(10, 30);  // a token every 2 s
  Millis t = 5'000;
  EXPECT_EQ(lim.take("a", 5, t), 0);
  EXPECT_EQ(lim.take("a", 5, t), 0);
  EXPECT_EQ(lim.take("a", 5, t), 10);  // 5 tokens missing at 2 s each
  EXPECT_EQ(lim.take("a", 20, t + 60'000), 0);  // a cost above the burst costs the whole burst
  EXPECT_EQ(lim.take("a", 1, t + 60'000), 2);
}

TEST(RateLimiter, RefillsNoHigherThanTheBurst) {
  RateLimiter lim(2, 60);
  EXPECT_EQ(lim.take("a", 2, 0), 0);
  EXPECT_EQ(lim.take("a", 1, 3'600'000), 0);
  EXPECT_EQ(lim.take("a", 1, 3'600'000), 0);
  EXPECT_EQ(lim.take("a", 1, 3'600'000), 1);
}

TEST(RateLimiter, GiveBack) {
  RateLimiter lim(2, 1);
  EXPECT_EQ(lim.take("a", 2, 0), 0);
  lim.give_back("a", 1, 0);
  EXPECT_EQ(lim.take("a", 1, 0), 0);
  EXPECT_GT(lim.take("a", 1, 0), 0);
}

TEST(RateLimiter, RemembersABoundedNumberOfClients) {
  RateLimiter lim(1, 60, 4);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(lim.take("k" + std::to_string(i), 1, 0), 0);
  // The newest client is still remembered (its bucket is empty).
  EXPECT_EQ(lim.take("k99", 1, 0), 1);
}

}  // namespace
}  // namespace motcua::http
