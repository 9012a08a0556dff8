// A dossier as the KPI drill-downs list it (store/kpi_repo.h drill_row): the competent agency is
// the row's agency.
#include <gtest/gtest.h>

#include "store/kpi_repo.h"

namespace motcua::store {
namespace {

TEST(DrillRow, TakesTheDossiersListedFields) {
  DossierRec d;
  d.id = "d1";
  d.code = "000.00.12.H34-261204-0001";
  d.procedure_id = "1.001193@v1";
  d.receiving_agency_id = "ubnd-camthanh";
  d.competent_agency_id = "stp";
  d.state = "in_progress";
  d.timeliness = "on_time";
  d.channel = 2;
  d.received_at = 1000;
  d.resolved_at = 2000;
  const DrillRow r = drill_row(d);
  EXPECT_EQ(r.id, "d1");
  EXPECT_EQ(r.code, "000.00.12.H34-261204-0001");
  EXPECT_EQ(r.procedure_id, "1.001193@v1");
  EXPECT_EQ(r.agency_id, "stp");
  EXPECT_EQ(r.state, "in_progress");
  EXPECT_EQ(r.timeliness, "on_time");
  EXPECT_EQ(r.channel, 2);
  EXPECT_EQ(r.received_at, 1000);
  EXPECT_EQ(r.resolved_at, 2000);
}

}  // namespace
}  // namespace motcua::store
