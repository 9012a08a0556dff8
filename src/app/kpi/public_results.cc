#include "app/kpi/public_results.h"

#include <algorithm>
#include <map>

#include "app/kpi/kpi_service.h"
#include "app/kpi/rollup.h"
#include "domain/kpi/metric.h"
#include "store/evaluation_repo.h"
#include "store/kpi_rollup.h"
#include "store/repo.h"

namespace motcua::app {

namespace {

bool digits(const std::string& s, size_t at, size_t n) {
  if (s.size() < at + n) return false;
  for (size_t i = at; i < at + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int64_t col(const store::DailyTotals& t, kpi::Metric m) {
  return t.v[size_t(store::kpi_column_index(*kpi::column_of(m)))];
}

}  // namespace

std::optional<PublicPeriod> parse_public_period(const std::string& s) {
  if (!digits(s, 0, 4)) return std::nullopt;
  const int year = std::stoi(s.substr(0, 4));
  if (year < 2000 || year > 2100) return std::nullopt;
  PublicPeriod p;
  p.id = s;
  if (s.size() == 4) {
    p.from = Date{year, 1, 1};
    p.to = Date{year, 12, 31};
  } else if (s.size() == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
    const int q = s[6] - '0';
    p.from = Date{year, 3 * q - 2, 1};
    p.to = add_days(q == 4 ? Date{year + 1, 1, 1} : Date{year, 3 * q + 1, 1}, -1);
    p.quarter = s;
  } else if (s.size() == 7 && s[4] == '-' && digits(s, 5, 2)) {
    const int m = std::stoi(s.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    p.from = Date{year, m, 1};
    p.to = add_days(m == 12 ? Date{year + 1, 1, 1} : Date{year, m + 1, 1}, -1);
  } else {
    return std::nullopt;
  }
  return p;
}

PublicPeriod quarter_of(Date d) {
  return *parse_public_period(std::to_string(d.year) + "-Q" + std::to_string((d.month - 1) / 3 + 1));
}

Result<PublicResults> KpiService::public_results(const std::string& period) {
  PublicResults out;
  if (period.empty()) {
    out.period = quarter_of(local_date(clock_.now()));
  } else {
    auto p = parse_public_period(period);
    if (!p) {
      Error e = make_error(ErrorKind::invalid, "Kỳ (period) phải có dạng YYYY, YYYY-Qn hoặc YYYY-MM", "invalid_query");
      e.fields.push_back({"period", e.detail});
      return e;
    }
    out.period = *p;
  }
  MC_TRY(ensure_kpi_rollups(db_, local_date(clock_.now())));
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto agencies, store::list_agencies(c));
    const std::string today = format_date(local_date(clock_.now()));
    std::map<std::string, PublicFigures> by_agency;
    for (const auto& a : agencies) {
      if (!a.valid_to.empty() && a.valid_to < today) continue;  // ended: its figures stay in the province's
      PublicFigures& f = by_agency[a.id];
      f.agency_id = a.id;
      f.agency_name = a.name;
    }
    // Per agency and channel from the agency rollups: the field is not shown here, and the
    // per-procedure rows (a year's month rows of every procedure) cost ~10× as many rows read.
    MC_ASSIGN(auto daily, store::sum_daily_by_agency(c, format_date(out.period.from), format_date(out.period.to)));
    for (const auto& t : daily) {
      PublicFigures* rows[2] = {&out.province, nullptr};
      if (auto it = by_agency.find(t.agency_id); it != by_agency.end()) rows[1] = &it->second;
      for (PublicFigures* f : rows) {
        if (!f) continue;
        const int64_t received = col(t, kpi::Metric::received);
        f->received += received;
        if (dossier::channel_from_code(int(t.channel)) == dossier::Channel::online) f->received_online += received;
        f->resolved += col(t, kpi::Metric::resolved);
        f->resolved_late += col(t, kpi::Metric::resolved_late);
        f->rated_very_satisfied += col(t, kpi::Metric::rated_very_satisfied);
        f->rated_satisfied += col(t, kpi::Metric::rated_satisfied);
        f->rated_dissatisfied += col(t, kpi::Metric::rated_dissatisfied);
      }
    }
    if (!out.period.quarter.empty()) {
      // Only an appraised evaluation is a result; a self score is still the agency's claim.
      MC_ASSIGN(auto evals, store::evaluations_in(c, out.period.quarter));
      for (const auto& e : evals)
        if (auto it = by_agency.find(e.agency_id); it != by_agency.end() && e.state == "appraised") it->second.band = e.band;
    }
    for (auto& [id, f] : by_agency) out.agencies.push_back(std::move(f));
    std::sort(out.agencies.begin(), out.agencies.end(),
              [](const PublicFigures& a, const PublicFigures& b) { return a.agency_name < b.agency_name; });
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
