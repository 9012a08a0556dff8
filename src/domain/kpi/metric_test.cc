#include "domain/kpi/metric.h"

#include <gtest/gtest.h>

#include <set>

namespace motcua::kpi {
namespace {

using dossier::Action;
using dossier::Channel;
using calendar::Timeliness;

TEST(Metric, StoredNamesAreEnglishPastParticiples) {
  // The names reports read; "withdrawd" and "stopd" were once stored by mistake.
  EXPECT_EQ(to_string(Metric::withdrawn), "withdrawn");
  EXPECT_EQ(to_string(Metric::stopped), "stopped");
  EXPECT_EQ(to_string(Metric::refused), "refused");
  EXPECT_EQ(to_string(Metric::apologised), "apologised");
  EXPECT_EQ(to_string(Metric::resolved_on_time), "resolved_on_time");
  std::set<std::string_view> seen;
  for (int i = 0; i < kMetricCount; ++i) {
    auto m = static_cast<Metric>(i);
    EXPECT_FALSE(to_string(m).empty()) << "metric " << i << " has no stored name";
    EXPECT_TRUE(seen.insert(to_string(m)).second) << to_string(m);
    EXPECT_EQ(parse_metric(to_string(m)), m);
  }
  EXPECT_FALSE(parse_metric("withdrawd"));
  EXPECT_FALSE(parse_metric("stopd"));
}

TEST(Metric, EachActionMovesItsCounters) {
  using V = std::vector<Metric>;
  EXPECT_EQ(moved_by(Action::receive, Channel::online, {}), (V{Metric::received, Metric::received_online}));
  EXPECT_EQ(moved_by(Action::receive, Channel::post, {}), (V{Metric::received, Metric::received_post}));
  EXPECT_EQ(moved_by(Action::receive, Channel::counter, {}), (V{Metric::received, Metric::received_counter}));
  EXPECT_EQ(moved_by(Action::resolve_refused, Channel::counter, Timeliness::late), (V{Metric::resolved, Metric::resolved_late}));
  EXPECT_EQ(moved_by(Action::resolve_granted, Channel::online, Timeliness::early), (V{Metric::resolved, Metric::resolved_early}));
  EXPECT_EQ(moved_by(Action::withdraw, Channel::online, {}), (V{Metric::withdrawn}));
  EXPECT_EQ(moved_by(Action::stop, Channel::online, {}), (V{Metric::stopped}));
  EXPECT_EQ(moved_by(Action::refuse, Channel::online, {}), (V{Metric::refused}));
  EXPECT_EQ(moved_by(Action::apologise, Channel::online, {}), (V{Metric::apologised}));
  EXPECT_EQ(moved_by(Action::return_result, Channel::online, {}), (V{Metric::returned}));
  EXPECT_EQ(moved_by(Action::resolve_granted, Channel::online, Timeliness::on_time, true),
            (V{Metric::resolved, Metric::resolved_on_time, Metric::results_electronic}));
  EXPECT_EQ(moved_by(Action::return_result, Channel::online, {}, true), (V{Metric::returned}));
  EXPECT_TRUE(moved_by(Action::handover, Channel::online, {}).empty());
  EXPECT_TRUE(moved_by(Action::start_processing, Channel::online, {}).empty());
}

}  // namespace
}  // namespace motcua::kpi

namespace motcua::kpi {
namespace {

TEST(Metric, ReceivedDossiersLeavingUndecidedAreCounted) {
  using V = std::vector<Metric>;
  EXPECT_EQ(moved_by(Action::withdraw, Channel::online, {}, false, true), (V{Metric::withdrawn, Metric::closed_unresolved}));
  EXPECT_EQ(moved_by(Action::stop, Channel::counter, {}, false, true), (V{Metric::stopped, Metric::closed_unresolved}));
  EXPECT_EQ(moved_by(Action::request_supplement, Channel::post, {}), (V{Metric::supplement_requested}));
}

TEST(Metric, ChannelReceptionsAreReadFromTheChannelNotAColumn) {
  EXPECT_FALSE(column_of(Metric::received_online));
  EXPECT_FALSE(column_of(Metric::received_post));
  EXPECT_FALSE(column_of(Metric::received_counter));
  EXPECT_EQ(column_of(Metric::resolved_late), "resolved_late");
  EXPECT_EQ(column_metrics().size(), size_t(kMetricCount - 3));
}

TEST(Metric, ReceptionsNarrowToAChannelAndDecisionsToAnOnTimeClass) {
  EXPECT_EQ(channel_of(Metric::received_counter), dossier::Channel::counter);
  EXPECT_EQ(channel_of(Metric::received_online), dossier::Channel::online);
  EXPECT_EQ(channel_of(Metric::received_post), dossier::Channel::post);
  EXPECT_FALSE(channel_of(Metric::received));
  EXPECT_EQ(timeliness_of(Metric::resolved_early), calendar::Timeliness::early);
  EXPECT_EQ(timeliness_of(Metric::resolved_on_time), calendar::Timeliness::on_time);
  EXPECT_EQ(timeliness_of(Metric::resolved_late), calendar::Timeliness::late);
  EXPECT_FALSE(timeliness_of(Metric::resolved));
}

TEST(Metric, PopulationComponentsAreColumnsAfterClosedUnresolved) {
  EXPECT_EQ(static_cast<int>(Metric::population_reused), static_cast<int>(Metric::closed_unresolved) + 1);
  EXPECT_EQ(static_cast<int>(Metric::population_asked), static_cast<int>(Metric::population_reused) + 1);
  EXPECT_EQ(column_of(Metric::population_reused), "population_reused");
  EXPECT_EQ(column_of(Metric::population_asked), "population_asked");
  EXPECT_EQ(parse_metric("population_asked"), Metric::population_asked);
}

TEST(Metric, ReceivedDigitisedIsTheLastColumnAndNoActionMovesIt) {
  EXPECT_EQ(static_cast<int>(Metric::received_digitised), kMetricCount - 1);
  EXPECT_EQ(to_string(Metric::received_digitised), "received_digitised");
  EXPECT_EQ(parse_metric("received_digitised"), Metric::received_digitised);
  EXPECT_EQ(column_of(Metric::received_digitised), "received_digitised");
  EXPECT_EQ(column_metrics().back(), Metric::received_digitised);
  // Counted from the components and their files (kpi/digitised.h), not from the action alone.
  for (auto ch : {dossier::Channel::counter, dossier::Channel::online, dossier::Channel::post})
    for (Metric m : moved_by(dossier::Action::receive, ch, {})) EXPECT_NE(m, Metric::received_digitised);
}

}  // namespace
}  // namespace motcua::kpi
