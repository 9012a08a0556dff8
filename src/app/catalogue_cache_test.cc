// The units as intake sees them on a day: a succession recorded ahead of its date hides nothing
// before that day.
#include "app/catalogue_cache.h"

#include <gtest/gtest.h>

namespace motcua::app {
namespace {

store::UnitRec unit(const std::string& id, const std::string& name, const std::string& from, const std::string& to,
                    const std::string& parent = "u51") {
  return store::UnitRec{id, id.substr(1), name, "commune", "xã", parent, from, to, "", "", true};
}

struct Graph {
  std::vector<store::UnitRec> units{
      store::UnitRec{"u51", "51", "Tỉnh Quảng Ngãi", "province", "tỉnh", "", "", "", "", "", true},
      unit("c1", "Xã Cũ", "", "2025-06-30"),            // merged on 1/7/2025
      unit("c2", "Xã Nay", "2025-07-01", "2026-12-31"),  // merged again on 1/1/2027
      unit("c3", "Xã Sau Này", "2027-01-01", ""),
  };
  std::vector<store::SuccessionRec> links{{"c1", "c2", "merge", "2025-07-01", "NQ 1", true},
                                          {"c2", "c3", "merge", "2027-01-01", "NQ 2", true}};
};

TEST(UnitIndexAsOf, BeforeAFutureSuccessionTheOldUnitIsCurrent) {
  Graph g;
  UnitIndex ix = unit_index_as_of(g.units, g.links, "2026-12-04");
  ASSERT_NE(ix.find("c2"), nullptr);
  EXPECT_TRUE(ix.find("c2")->valid_to.empty());  // in force that day
  EXPECT_EQ(ix.find("c3"), nullptr);             // not yet
  EXPECT_EQ(ix.find("c1")->valid_to, "2025-06-30");
  // A pre-2025 address maps to the unit in force today, not to the one of 2027.
  EXPECT_EQ(ix.current_successors("c1"), std::vector<std::string>{"c2"});
  EXPECT_TRUE(ix.current_successors("c2").empty());
  EXPECT_EQ(ix.full_name("c2"), "Xã Nay, tỉnh Quảng Ngãi");
}

TEST(UnitIndexAsOf, FromTheSuccessionDateOnTheNewUnitTakesOver) {
  Graph g;
  for (const char* day : {"2027-01-01", "2030-05-05"}) {
    UnitIndex ix = unit_index_as_of(g.units, g.links, day);
    EXPECT_EQ(ix.find("c2")->valid_to, "2026-12-31") << day;
    ASSERT_NE(ix.find("c3"), nullptr) << day;
    EXPECT_EQ(ix.current_successors("c1"), std::vector<std::string>{"c3"}) << day;  // renamed again: followed
    EXPECT_EQ(ix.current_successors("c2"), std::vector<std::string>{"c3"}) << day;
  }
  // The last day itself is still the old unit's.
  UnitIndex eve = unit_index_as_of(g.units, g.links, "2026-12-31");
  EXPECT_TRUE(eve.find("c2")->valid_to.empty());
  EXPECT_EQ(eve.find("c3"), nullptr);
}

}  // namespace
}  // namespace motcua::app
