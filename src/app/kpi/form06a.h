// Form 06a figures (DOMAIN.md §9) from the counters — the contract the report export and the
// submission workflow build on (they add the header, the layout and the freezing; nothing here
// authorises: callers do, through KpiService or org::may_read_kpi).
//
//   form06a(c, filter, from, to): one line per field × agency that has any figure in the period
//   (received, carried over, resolved, undecided closings or still in progress at its close), in
//   (field, agency) order; `total` their sum; `problems` every broken invariant of any line or
//   of the total (kpi::form06a_problems, each prefixed with the line's field and agency).
//   Export only when `problems` is empty.
// Reads kpi_daily over the period and kpi_due up to its end (two grouped sums each): no dossier.
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/kpi/form06a.h"
#include "store/kpi_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct Form06aLine {
  std::string field;      // the procedure's field (lĩnh vực); "" when the catalogue has none
  std::string agency_id;  // the competent agency
  kpi::Form06aRow row;
};

struct Form06aReport {
  Date from, to;
  std::vector<Form06aLine> lines;
  kpi::Form06aRow total;
  std::vector<std::string> problems;
};

Result<Form06aReport> form06a(sql::Connection& c, const store::KpiFilter& filter, Date from, Date to);

}  // namespace motcua::app
