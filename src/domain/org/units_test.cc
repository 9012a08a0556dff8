#include "domain/org/units.h"

#include <gtest/gtest.h>

namespace motcua::org {
namespace {

TEST(Units, CodeFitsLevel) {
  EXPECT_FALSE(unit_code_problem("province", "51"));
  EXPECT_FALSE(unit_code_problem("district", "522"));
  EXPECT_FALSE(unit_code_problem("commune", "21025"));
  EXPECT_TRUE(unit_code_problem("commune", "2102"));
  EXPECT_TRUE(unit_code_problem("commune", "21O25"));
  EXPECT_TRUE(unit_code_problem("province", "051"));
  EXPECT_TRUE(unit_code_problem("commune", ""));
  EXPECT_FALSE(unit_code_problem("wizard", "1"));  // the level is reported instead
  EXPECT_FALSE(is_unit_level("wizard"));
}

TEST(Units, TypeBelongsToLevel) {
  EXPECT_FALSE(unit_type_problem("commune", "đặc khu"));
  EXPECT_FALSE(unit_type_problem("commune", "phường"));
  EXPECT_TRUE(unit_type_problem("commune", "huyện"));
  EXPECT_FALSE(unit_type_problem("district", "thị xã"));
  EXPECT_TRUE(unit_type_problem("province", "xã"));
}

TEST(Units, ParentLevel) {
  EXPECT_FALSE(unit_parent_problem("province", ""));
  EXPECT_TRUE(unit_parent_problem("province", "province"));
  EXPECT_FALSE(unit_parent_problem("commune", "province"));
  EXPECT_FALSE(unit_parent_problem("commune", "district"));
  EXPECT_TRUE(unit_parent_problem("commune", ""));
  EXPECT_TRUE(unit_parent_problem("commune", "commune"));
  EXPECT_TRUE(unit_parent_problem("district", "district"));
}

TEST(Units, IdStem) {
  EXPECT_EQ(unit_id_stem("province", "51"), "u51");
  EXPECT_EQ(unit_id_stem("district", "522"), "d522");
  EXPECT_EQ(unit_id_stem("commune", "21025"), "c21025");
}

TEST(Units, SuccessionKind) {
  EXPECT_EQ(*succession_kind("", 3, 1), "merge");
  EXPECT_EQ(*succession_kind("", 1, 2), "split");
  EXPECT_EQ(*succession_kind("", 1, 1), "rename");
  EXPECT_EQ(*succession_kind("merge", 1, 1), "merge");  // one edge of a merge recorded alone
  EXPECT_FALSE(succession_kind("split", 1, 1).ok());
  EXPECT_FALSE(succession_kind("merge", 1, 2).ok());
  EXPECT_FALSE(succession_kind("rename", 2, 1).ok());
  EXPECT_FALSE(succession_kind("", 2, 2).ok());
  EXPECT_FALSE(succession_kind("", 0, 1).ok());
  EXPECT_EQ(succession_kind("", 1, 0).error().fields.at(0).field, "to");
  EXPECT_EQ(succession_kind("absorb", 1, 1).error().fields.at(0).field, "kind");
}

TEST(Units, FirstReachable) {
  UnitGraph g{{"a", {"b"}}, {"b", {"c", "d"}}, {"x", {"y"}}};
  EXPECT_EQ(first_reachable(g, {"a"}, {"d"}), "d");
  EXPECT_EQ(first_reachable(g, {"c"}, {"a"}), "");
  EXPECT_EQ(first_reachable(g, {"x", "b"}, {"a", "y"}), "y");
  EXPECT_EQ(first_reachable(g, {"a"}, {"a"}), "a");  // zero edges
  // New edge d → a would close a → b → d → a.
  EXPECT_EQ(first_reachable(g, {"a"}, {"d"}), "d");
}

// A unit is in force from its first day to its last, both included; a succession dated in the
// future sets the old unit's last day ahead, and it stays in force until then.
TEST(Units, InForceOnADate) {
  EXPECT_TRUE(in_force_on("", "", "2026-12-04"));
  EXPECT_TRUE(in_force_on("2025-07-01", "", "2025-07-01"));
  EXPECT_FALSE(in_force_on("2025-07-01", "", "2025-06-30"));
  EXPECT_TRUE(in_force_on("", "2025-06-30", "2025-06-30"));  // its last day
  EXPECT_FALSE(in_force_on("", "2025-06-30", "2025-07-01"));
  // Ends on 31/12/2026 (a succession dated 1/1/2027): in force today, former from 1/1/2027.
  EXPECT_TRUE(in_force_on("2025-07-01", "2026-12-31", "2026-12-04"));
  EXPECT_FALSE(in_force_on("2025-07-01", "2026-12-31", "2027-01-01"));
  // Its successor starts on 1/1/2027: not yet in force today.
  EXPECT_FALSE(in_force_on("2027-01-01", "", "2026-12-04"));
  EXPECT_TRUE(in_force_on("2027-01-01", "", "2027-01-01"));
}

// Has the unit ended by `date` (a former unit then)? Not before its last day has passed.
TEST(Units, EndedBy) {
  EXPECT_FALSE(ended_by("", "2026-12-04"));
  EXPECT_FALSE(ended_by("2026-12-31", "2026-12-04"));
  EXPECT_FALSE(ended_by("2026-12-31", "2026-12-31"));
  EXPECT_TRUE(ended_by("2026-12-31", "2027-01-01"));
}

}  // namespace
}  // namespace motcua::org
