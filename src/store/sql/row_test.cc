#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "store/sql/database.h"

namespace motcua::sql {
namespace {

Row row(std::vector<Value> v) { return Row{std::move(v)}; }

TEST(Row, IntegerAcceptsTextFromPostgres) {
  Row r = row({std::string("9223372036854775807"), std::string("-42"), std::string("7.0"), int64_t{5}});
  EXPECT_EQ(r.i64(0), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.i64(1), -42);
  EXPECT_EQ(r.i64(2), 7);
  EXPECT_EQ(r.i64(3), 5);
}

TEST(Row, IntegerRejectsNonNumbersAndTreatsNullAsZero) {
  Row r = row({std::string("abc"), std::string(""), null(), std::string("1.5")});
  EXPECT_THROW((void)r.i64(0), std::invalid_argument);
  EXPECT_THROW((void)r.i64(1), std::invalid_argument);
  EXPECT_EQ(r.i64(2), 0);
  EXPECT_THROW((void)r.i64(3), std::invalid_argument);
  EXPECT_THROW((void)r.i64(9), std::out_of_range);
}

TEST(Row, DoubleFromAnyNumber) {
  Row r = row({2.5, int64_t{3}, std::string("0.1"), null(), std::string("x")});
  EXPECT_EQ(r.f64(0), 2.5);
  EXPECT_EQ(r.f64(1), 3.0);
  EXPECT_EQ(r.f64(2), 0.1);
  EXPECT_EQ(r.f64(3), 0.0);
  EXPECT_THROW((void)r.f64(4), std::invalid_argument);
}

TEST(Row, TextIsEmptyForNull) {
  Row r = row({null(), std::string("Hà Nội"), int64_t{1}});
  EXPECT_TRUE(r.is_null(0));
  EXPECT_EQ(r.text(0), "");
  EXPECT_EQ(&r.text(0), &row({null()}).text(0)) << "one static empty string";
  EXPECT_EQ(r.text(1), "Hà Nội");
  EXPECT_THROW((void)r.text(2), std::invalid_argument);
}

}  // namespace
}  // namespace motcua::sql
