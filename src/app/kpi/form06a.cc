#include "app/kpi/form06a.h"

#include <map>

#include "domain/kpi/metric.h"

namespace motcua::app {

namespace {
int64_t col(const store::DailyTotals& t, kpi::Metric m) {
  return t.v[size_t(store::kpi_column_index(*kpi::column_of(m)))];
}
}  // namespace

Result<Form06aReport> form06a(sql::Connection& c, const store::KpiFilter& filter, Date from, Date to) {
  Form06aReport out{from, to, {}, {}, {}};
  MC_ASSIGN(auto daily, store::sum_daily(c, filter, format_date(from), format_date(to), true));
  MC_ASSIGN(auto end, store::stock_at(c, filter, format_date(to), true));
  MC_ASSIGN(auto start, store::stock_at(c, filter, format_date(add_days(from, -1)), true));
  std::map<std::pair<std::string, std::string>, kpi::PeriodCounts> by;
  for (const auto& t : daily) {
    auto& p = by[{t.field, t.agency_id}];
    const int64_t received = col(t, kpi::Metric::received);
    const auto channel = dossier::channel_from_code(int(t.channel));  // the stored code
    if (channel == dossier::Channel::online) p.received_online += received;
    else if (channel == dossier::Channel::post) p.received_post += received;
    else p.received_counter += received;
    p.resolved += col(t, kpi::Metric::resolved);
    p.resolved_early += col(t, kpi::Metric::resolved_early);
    p.resolved_on_time += col(t, kpi::Metric::resolved_on_time);
    p.resolved_late += col(t, kpi::Metric::resolved_late);
    p.closed_undecided += col(t, kpi::Metric::closed_unresolved);
  }
  for (const auto& s : end) by[{s.field, s.agency_id}].at_end = kpi::Stock{s.in_progress, s.overdue};
  for (const auto& s : start) by[{s.field, s.agency_id}].carried_over = s.in_progress;
  for (auto& [k, p] : by) {
    Form06aLine line{k.first, k.second, kpi::form06a_row(p)};
    if (line.row == kpi::Form06aRow{}) continue;
    for (auto& problem : kpi::form06a_problems(line.row))
      out.problems.push_back("Lĩnh vực «" + k.first + "», cơ quan " + k.second + ": " + problem);
    out.total += line.row;
    out.lines.push_back(std::move(line));
  }
  for (auto& problem : kpi::form06a_problems(out.total)) out.problems.push_back("Tổng cộng: " + problem);
  return out;
}

}  // namespace motcua::app
