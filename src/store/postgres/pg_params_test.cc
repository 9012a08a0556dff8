#include "store/postgres/pg_params.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace motcua::sql::pg {
namespace {

TEST(PgRewrite, NumbersPlaceholdersInOrder) {
  auto r = rewrite_placeholders("INSERT INTO t (a, b) VALUES (?, ?) RETURNING ?");
  EXPECT_EQ(r.sql, "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING $3");
  EXPECT_EQ(r.params, 3);
}

TEST(PgRewrite, LeavesLiteralsIdentifiersAndCommentsAlone) {
  auto r = rewrite_placeholders(
      "SELECT 'a?b', 'it''s ?', \"col?\" FROM t -- why?\nWHERE x = ? /* or ? */ AND y=?");
  EXPECT_EQ(r.sql,
            "SELECT 'a?b', 'it''s ?', \"col?\" FROM t -- why?\nWHERE x = $1 /* or ? */ AND y=$2");
  EXPECT_EQ(r.params, 2);
}

TEST(PgRewrite, UnterminatedLiteralIsCopied) {
  auto r = rewrite_placeholders("SELECT ? , 'abc?");
  EXPECT_EQ(r.sql, "SELECT $1 , 'abc?");
  EXPECT_EQ(r.params, 1);
}

TEST(PgParams, TextForms) {
  EXPECT_EQ(param_text(Value{std::numeric_limits<int64_t>::min()}), "-9223372036854775808");
  EXPECT_EQ(param_text(Value{0.1}), "0.10000000000000001");
  EXPECT_EQ(param_text(Value{std::numeric_limits<double>::infinity()}), "Infinity");
  EXPECT_EQ(param_text(Value{std::string("Đà Nẵng")}), "Đà Nẵng");
  EXPECT_FALSE(param_text(null()).has_value());
}

TEST(PgParams, CellsByType) {
  EXPECT_EQ(std::get<int64_t>(cell_value(20, "-9223372036854775808", 20)),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(std::get<int64_t>(cell_value(23, "42", 2)), 42);
  EXPECT_EQ(std::get<double>(cell_value(701, "0.1", 3)), 0.1);
  EXPECT_EQ(std::get<double>(cell_value(1700, "12.50", 5)), 12.5);
  EXPECT_TRUE(std::isnan(std::get<double>(cell_value(1700, "NaN", 3))));
  EXPECT_EQ(std::get<int64_t>(cell_value(16, "t", 1)), 1);
  EXPECT_EQ(std::get<int64_t>(cell_value(16, "f", 1)), 0);
  EXPECT_EQ(std::get<std::string>(cell_value(25, "Huế", 5)), "Huế");
  EXPECT_EQ(std::get<std::string>(cell_value(1184, "2024-01-01 00:00:00+00", 22)),
            "2024-01-01 00:00:00+00");
}

}  // namespace
}  // namespace motcua::sql::pg
