// KpiService::steps: where dossiers wait, read from kpi_step by the period's day range.
#include <algorithm>
#include <map>

#include "app/kpi/kpi_service.h"
#include "app/kpi/steps.h"
#include "domain/org/roles.h"
#include "store/kpi_step_repo.h"
#include "store/repo.h"

namespace motcua::app {

Result<KpiSteps> KpiService::steps(const Actor& a, const KpiQuery& q) {
  MC_ASSIGN(auto r, resolve(a, q));
  KpiSteps out;
  out.from = r.from;
  out.to = r.to;
  std::vector<store::StepTotals> rows;
  std::vector<store::AgencyRec> agencies;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::sum_steps(c, r.filter, format_date(r.from), format_date(r.to)));
    MC_ASSIGN(agencies, store::list_agencies(c));  // names only: agencies are few
    return ok_status();
  }));
  std::map<std::pair<int64_t, std::string>, kpi::StepTime> by_step;
  std::map<std::string, kpi::StepTime> by_agency;
  for (const auto& row : rows) {
    const kpi::StepTime t = step_time_of(row.t);
    by_step[{row.step, row.role}] += t;
    by_agency[row.at_agency_id] += t;
    out.total += t;
  }
  for (auto& [k, t] : by_step) {
    KpiStepLine l;
    l.step = k.first;
    l.role = k.second;
    auto role = org::parse_role(k.second);
    l.role_name = role ? std::string(org::role_name_vi(*role)) : k.second;
    l.time = t;
    out.by_step.push_back(std::move(l));
  }
  for (auto& [id, t] : by_agency) {
    KpiStepLine l;
    l.agency_id = id;
    l.agency_name = id;
    for (const auto& ag : agencies)
      if (ag.id == id) l.agency_name = ag.name;
    l.time = t;
    out.by_agency.push_back(std::move(l));
  }
  // Where dossiers wait longest first.
  std::stable_sort(out.by_agency.begin(), out.by_agency.end(), [](const KpiStepLine& x, const KpiStepLine& y) {
    return x.time.mean().value_or(0) > y.time.mean().value_or(0);
  });
  return out;
}

}  // namespace motcua::app
