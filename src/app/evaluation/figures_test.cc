// The evaluation's counted figures: a quarter's day totals → resolved and its classes, online.
#include <gtest/gtest.h>

#include "app/evaluation/figures.h"
#include "domain/kpi/metric.h"

namespace motcua::app {
namespace {

store::DailyTotals day(int64_t channel, int64_t resolved, int64_t early, int64_t on_time, int64_t late) {
  store::DailyTotals t;
  t.channel = channel;
  auto set = [&](kpi::Metric m, int64_t n) { t.v[size_t(store::kpi_column_index(*kpi::column_of(m)))] = n; };
  set(kpi::Metric::resolved, resolved);
  set(kpi::Metric::resolved_early, early);
  set(kpi::Metric::resolved_on_time, on_time);
  set(kpi::Metric::resolved_late, late);
  return t;
}

TEST(EvaluationFigures, CountedFromTheDaysTotals) {
  evaluation::Figures f;
  f.resolved = 99;  // whatever the dossier groups said is replaced
  f.units_late = 3;  // and what the counters do not hold is kept
  // Counter: 5 decided (1 without a time limit: unclassed), online: 4 decided.
  counted_figures({day(1, 5, 2, 1, 1), day(2, 4, 0, 1, 3)}, f);
  EXPECT_EQ(f.resolved, 9);
  EXPECT_EQ(f.on_time, 2);
  EXPECT_EQ(f.late, 4);
  EXPECT_EQ(f.early, 3);  // 2 early + 1 unclassed, as figures_of counts them
  EXPECT_EQ(f.online, 4);
  EXPECT_EQ(f.units_late, 3);

  evaluation::Figures empty;
  counted_figures({}, empty);
  EXPECT_EQ(empty.resolved, 0);
  EXPECT_EQ(empty.early, 0);
}

}  // namespace
}  // namespace motcua::app
