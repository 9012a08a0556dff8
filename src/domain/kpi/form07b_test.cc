#include "domain/kpi/form07b.h"

#include <gtest/gtest.h>

namespace motcua::kpi {
namespace {

TEST(Form07b, CountsByLevelAndMechanism) {
  // Two commune procedures (one through the desk with a process), one provincial through the
  // desk, one routed to a ministry's system (not the desk, no process), one of an unknown level.
  Form07bRow r = form07b_row({{"commune", true, true},
                              {"commune", false, false},
                              {"province", true, true},
                              {"province", false, false},
                              {"", true, false}});
  EXPECT_EQ(r, (Form07bRow{5, 2, 0, 2, 1, 3, 2}));
  EXPECT_TRUE(form07b_problems(r).empty());
  EXPECT_EQ(form07b_row({}), Form07bRow{});
}

TEST(Form07b, BrokenInvariantsAreNamedWithTheirFigures) {
  Form07bRow r{3, 1, 0, 1, 0, 4, 1};
  auto p = form07b_problems(r);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "Tổng số thủ tục (3) khác cấp tỉnh + cấp huyện + cấp xã + cấp khác (1 + 0 + 1 + 0).");
  EXPECT_EQ(p[1], "Số thủ tục thực hiện qua bộ phận một cửa (4) lớn hơn tổng số thủ tục (3).");
  Form07bRow sum;
  sum += Form07bRow{2, 1, 0, 1, 0, 2, 1};
  sum += Form07bRow{1, 0, 0, 1, 0, 1, 0};
  EXPECT_EQ(sum, (Form07bRow{3, 1, 0, 2, 0, 3, 1}));
}

}  // namespace
}  // namespace motcua::kpi
