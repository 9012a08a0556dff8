#include "domain/rules/versioned.h"

#include <gtest/gtest.h>

namespace motcua::rules {
namespace {

struct Set {
  Date effective_from;
  int points = 0;
};

Error bad(std::string what) { return make_error(ErrorKind::invalid, "Tệp thử không hợp lệ: " + what, "test_rules"); }

Result<Set> set_of(const boost::json::value& v) {
  const auto* o = v.if_object();
  const auto* from = o ? o->if_contains("effective_from") : nullptr;
  auto d = from && from->is_string() ? parse_date(std::string(from->as_string())) : std::nullopt;
  if (!d) return bad("thiếu effective_from");
  return Set{*d, int(o->at("points").as_int64())};
}

Result<std::vector<Set>> parse(std::string_view text) { return parse_versions<Set>(text, set_of, bad); }

TEST(Versioned, ReadsVersionsInDateOrderAndPicksTheOneInForce) {
  auto sets = parse(R"({"versions": [{"effective_from": "2024-01-01", "points": 1},
                                     {"effective_from": "2025-07-01", "points": 2}]})");
  ASSERT_TRUE(sets.ok()) << sets.error().detail;
  ASSERT_EQ(sets->size(), 2u);
  EXPECT_EQ(in_force(*sets, Date{2023, 12, 31}), nullptr);
  EXPECT_EQ(in_force(*sets, Date{2024, 1, 1})->points, 1);
  EXPECT_EQ(in_force(*sets, Date{2025, 6, 30})->points, 1);
  EXPECT_EQ(in_force(*sets, Date{2025, 7, 1})->points, 2);
  EXPECT_EQ(in_force(*sets, Date{2100, 1, 1})->points, 2);
}

TEST(Versioned, FaultsOfTheFileAreWordedByTheCaller) {
  auto detail = [](std::string_view text) { return parse(text).error().detail; };
  EXPECT_EQ(detail("[1]"), "Tệp thử không hợp lệ: tệp không phải JSON hợp lệ");
  EXPECT_EQ(detail("{"), "Tệp thử không hợp lệ: tệp không phải JSON hợp lệ");
  EXPECT_EQ(detail(R"({"versions": []})"), "Tệp thử không hợp lệ: thiếu versions");
  EXPECT_EQ(detail(R"({"versions": [{"effective_from": "2025-07-01", "points": 2},
                                     {"effective_from": "2025-07-01", "points": 3}]})"),
            "Tệp thử không hợp lệ: các phiên bản phải theo thứ tự ngày hiệu lực tăng dần");
  EXPECT_EQ(detail(R"({"versions": [{"points": 2}]})"), "Tệp thử không hợp lệ: thiếu effective_from");
  EXPECT_EQ(parse(R"({"versions": [{"points": 2}]})").error().code, "test_rules");
}

}  // namespace
}  // namespace motcua::rules
