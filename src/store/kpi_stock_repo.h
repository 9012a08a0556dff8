// Past stocks' members (app/kpi/stock_drill.cc): the candidates read from a bounded index range.
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

// The stock drill-down (app/kpi/stock_drill.cc): one agency's dossiers received before `before`
// (an instant), newest first, after the cursor (at, id) — the agency's range of the index
// dossiers_competent_received, read backwards from the stock's day. procedure / field "" = any.
struct ReceivedBefore {
  std::string agency_id, procedure_id, field;
  Millis before = 0;
  Millis cursor_at = 0;    // 0: start at `before`
  std::string cursor_id;
  int64_t limit = 500;
};
Result<std::vector<DossierRec>> received_before(sql::Connection& c, const ReceivedBefore& q);

}  // namespace motcua::store
