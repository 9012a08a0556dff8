#include "app/evaluation/figures.h"

#include <algorithm>

#include "domain/dossier/transitions.h"
#include "domain/kpi/metric.h"
#include "store/kpi_repo.h"
#include "store/repo.h"

namespace motcua::app {

namespace {
// The class of a step or consultation as the store groups it: 0 early, 1 on time, 2 late.
int64_t rank_of(const std::string& timeliness) {
  const auto t = calendar::parse_timeliness(timeliness);
  return t == calendar::Timeliness::late ? 2 : t == calendar::Timeliness::on_time ? 1 : 0;
}
}  // namespace

evaluation::Figures figures_of(const std::vector<store::ResolvedGroup>& groups,
                               const std::vector<std::string>& one_stop_types) {
  evaluation::Figures f;
  for (const auto& g : groups) {
    f.resolved += g.n;
    const int64_t own = rank_of(g.timeliness);
    (own == 2 ? f.late : own == 1 ? f.on_time : f.early) += g.n;
    // A unit's time: the worst of the steps and consultations; none recorded → the dossier's own.
    int64_t worst = std::max(g.worst_step, g.worst_consultation);
    if (worst < 0) worst = own;
    (worst == 2 ? f.units_late : worst == 1 ? f.units_on_time : f.units_early) += g.n;
    (g.supplements >= 2 ? f.contacts_3 : g.supplements == 1 ? f.contacts_2 : f.contacts_1) += g.n;
    f.agencies_1 += g.n;  // the desk is the one agency the applicant deals with (evaluation.h)
    const bool desk = std::find(one_stop_types.begin(), one_stop_types.end(), g.receiving_type) != one_stop_types.end();
    const auto channel = dossier::channel_from_code(int(g.channel));  // the stored code
    if (desk || channel == dossier::Channel::online || channel == dossier::Channel::post) f.one_stop += g.n;
    if (channel == dossier::Channel::online) f.online += g.n;
  }
  return f;
}

void counted_figures(const std::vector<store::DailyTotals>& daily, evaluation::Figures& f) {
  auto col = [](const store::DailyTotals& t, kpi::Metric m) {
    return t.v[size_t(store::kpi_column_index(*kpi::column_of(m)))];
  };
  f.resolved = f.on_time = f.late = f.online = 0;
  for (const auto& t : daily) {
    const int64_t resolved = col(t, kpi::Metric::resolved);
    f.resolved += resolved;
    f.on_time += col(t, kpi::Metric::resolved_on_time);
    f.late += col(t, kpi::Metric::resolved_late);
    if (dossier::channel_from_code(int(t.channel)) == dossier::Channel::online) f.online += resolved;
  }
  f.early = f.resolved - f.on_time - f.late;  // a decision without a time limit counts as early
}

Result<evaluation::Figures> DossierFigures::quarter(const std::string& agency_id, Millis from, Millis to,
                                                    const std::vector<std::string>& one_stop_types) {
  std::vector<store::ResolvedGroup> groups;
  std::vector<store::DailyTotals> daily;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(groups, store::resolved_groups(c, agency_id, from, to));
    // [from, to) is whole local days, or ends now (the quarter in course): the days' counters.
    store::KpiFilter f;
    f.agency_id = agency_id;
    MC_ASSIGN(daily, store::sum_daily(c, f, format_date(local_date(from)), format_date(local_date(to - 1)), false));
    return ok_status();
  }));
  evaluation::Figures out = figures_of(groups, one_stop_types);
  counted_figures(daily, out);
  return out;
}

Result<RatingCounts> DossierFigures::ratings(const std::string& agency_id, const std::vector<std::string>& months) {
  RatingCounts out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    for (const auto& m : months) {
      for (auto [metric, field] : {std::pair{kpi::Metric::rated_very_satisfied, &RatingCounts::very_satisfied},
                                   std::pair{kpi::Metric::rated_satisfied, &RatingCounts::satisfied},
                                   std::pair{kpi::Metric::rated_dissatisfied, &RatingCounts::dissatisfied}}) {
        MC_ASSIGN(int64_t n, store::get_kpi(c, agency_id, m, *kpi::column_of(metric)));
        out.*field += n;
      }
    }
    return ok_status();
  }));
  return out;
}

Result<store::ProcedureYearCounts> DossierFigures::procedure_year(const std::vector<std::string>& version_ids,
                                                                  Millis from, Millis to) {
  store::ProcedureYearCounts out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::procedure_year_counts(c, version_ids, from, to));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
