#include "domain/feedback/metric.h"

#include <gtest/gtest.h>

#include <set>

namespace motcua::feedback {
namespace {

TEST(FeedbackMetric, StoredNamesAreDistinctAndParseBack) {
  std::set<std::string_view> seen;
  for (int i = 0; i < kMetricCount; ++i) {
    const auto m = static_cast<Metric>(i);
    EXPECT_TRUE(seen.insert(to_string(m)).second) << to_string(m);
    EXPECT_EQ(parse_metric(to_string(m)), m);
  }
  EXPECT_EQ(to_string(Metric::received), "received");
  EXPECT_EQ(to_string(Metric::answered_on_time), "answered_on_time");
  EXPECT_EQ(to_string(Metric::rated_dissatisfied), "rated_dissatisfied");  // the last one has its name
  EXPECT_FALSE(parse_metric(""));
  EXPECT_FALSE(parse_metric("rated_"));
  EXPECT_FALSE(parse_metric("Received"));
}

TEST(FeedbackMetric, ARatingCountsUnderItsScore) {
  EXPECT_EQ(rated("very_satisfied"), Metric::rated_very_satisfied);
  EXPECT_EQ(rated("satisfied"), Metric::rated_satisfied);
  EXPECT_EQ(rated("dissatisfied"), Metric::rated_dissatisfied);
  EXPECT_FALSE(rated(""));
  EXPECT_FALSE(rated("answered"));
  EXPECT_FALSE(rated("rated_satisfied"));
}

}  // namespace
}  // namespace motcua::feedback
