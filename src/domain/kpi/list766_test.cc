#include "domain/kpi/list766.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/kpi/metric.h"

namespace motcua::kpi::i766 {
namespace {

TEST(List766, EveryListHasADistinctStoredIdParsedBack) {
  std::set<std::string_view> seen;
  for (int i = 0; i < kListCount; ++i) {
    auto l = static_cast<List>(i);
    EXPECT_FALSE(to_string(l).empty()) << "list " << i << " has no stored id";
    EXPECT_TRUE(seen.insert(to_string(l)).second) << to_string(l);
    EXPECT_EQ(parse_list(to_string(l)), l);
  }
  EXPECT_EQ(to_string(List::fee_procedures_paid), "fee_procedures_paid");
  EXPECT_EQ(to_string(List::feedback_answered_not_dissatisfied), "feedback_answered_not_dissatisfied");
  EXPECT_FALSE(parse_list(""));
  EXPECT_FALSE(parse_list("nothing"));
  EXPECT_FALSE(parse_list("population_asked"));  // a counter with no list
  EXPECT_FALSE(parse_list("Resolved"));
}

TEST(List766, ProgressPublishedHasItsTwoLists) {
  EXPECT_EQ(parse_list("progress_due"), List::progress_due);
  EXPECT_EQ(parse_list("progress_published"), List::progress_published);
  for (List l : {List::progress_due, List::progress_published}) {
    EXPECT_EQ(kind_of(l), ListKind::dossiers) << to_string(l);
    EXPECT_EQ(source_of(l), ListSource::view_dossiers) << to_string(l);  // the view's number, not a kpi_daily metric
    EXPECT_FALSE(parse_metric(to_string(l))) << to_string(l);
  }
}

TEST(List766, KindFollowsTheSource) {
  int procedures = 0, feedback = 0;
  for (int i = 0; i < kListCount; ++i) {
    auto l = static_cast<List>(i);
    const bool p = source_of(l) == ListSource::view_procedures, f = source_of(l) == ListSource::view_feedback;
    if (kind_of(l) == ListKind::components) continue;  // the view's own component lists, below
    EXPECT_EQ(kind_of(l), p ? ListKind::procedures : f ? ListKind::feedback : ListKind::dossiers) << to_string(l);
    procedures += p;
    feedback += f;
  }
  EXPECT_EQ(procedures, 6);
  EXPECT_EQ(feedback, 3);
  EXPECT_EQ(to_string(ListKind::dossiers), "dossiers");
  EXPECT_EQ(to_string(ListKind::procedures), "procedures");
  EXPECT_EQ(to_string(ListKind::feedback), "feedback");
  EXPECT_EQ(to_string(ListKind::components), "components");
}

TEST(List766, TheDigitisationListsAreOneBlock) {
  // data_reused: one row per component counted at filing; components_digitised: dossiers.
  EXPECT_EQ(static_cast<int>(List::components_asked), static_cast<int>(List::components_reused) + 1);
  EXPECT_EQ(static_cast<int>(List::received_digitised), static_cast<int>(List::components_asked) + 1);
  EXPECT_EQ(parse_list("components_reused"), List::components_reused);
  EXPECT_EQ(parse_list("components_asked"), List::components_asked);
  EXPECT_EQ(parse_list("received_digitised"), List::received_digitised);
  for (List l : {List::components_reused, List::components_asked}) {
    EXPECT_EQ(kind_of(l), ListKind::components) << to_string(l);
    EXPECT_EQ(source_of(l), ListSource::view_dossiers) << to_string(l);
  }
  EXPECT_EQ(kind_of(List::received_digitised), ListKind::dossiers);
  EXPECT_EQ(source_of(List::received_digitised), ListSource::view_dossiers);  // the rule re-read, not the counter's drill
  int components = 0;
  for (int i = 0; i < kListCount; ++i) components += kind_of(static_cast<List>(i)) == ListKind::components;
  EXPECT_EQ(components, 2);
}

TEST(List766, TheCountersAnswerTheirOwnMetricsAndStocks) {
  // A counter list is a drillable kpi::Metric of the same name, or one of the three stocks.
  const std::set<std::string_view> stocks{"in_progress", "in_progress_within", "overdue"};
  int counters = 0;
  for (int i = 0; i < kListCount; ++i) {
    auto l = static_cast<List>(i);
    if (source_of(l) != ListSource::counters) continue;
    ++counters;
    EXPECT_TRUE(parse_metric(to_string(l)) || stocks.count(to_string(l))) << to_string(l);
  }
  EXPECT_EQ(counters, 11);
  EXPECT_EQ(source_of(List::near_due), ListSource::near_due);
  EXPECT_EQ(source_of(List::resolved_not_late), ListSource::view_dossiers);
  EXPECT_EQ(source_of(List::results_electronic), ListSource::view_dossiers);  // the view's own range, not the counter
}

TEST(List766, TheFeedbackListsAreTheirOwnAndNotCounterMetrics) {
  // The feedback cases' lists: ids of their own (no dossier metric of that name), in one block.
  for (auto l : {List::feedback_answered, List::feedback_answered_on_time, List::feedback_answered_not_dissatisfied}) {
    EXPECT_EQ(source_of(l), ListSource::view_feedback) << to_string(l);
    EXPECT_FALSE(parse_metric(to_string(l))) << to_string(l);
  }
  EXPECT_EQ(parse_list("feedback_answered_on_time"), List::feedback_answered_on_time);
  EXPECT_FALSE(parse_list("feedback_on_time"));  // the indicator, not a list
}

TEST(List766, ACountersListReadsItsCounterOrIsAStock) {
  EXPECT_EQ(metric_of(List::received), Metric::received);
  EXPECT_EQ(metric_of(List::received_post), Metric::received_post);
  EXPECT_EQ(metric_of(List::resolved_late), Metric::resolved_late);
  for (List stock : {List::in_progress, List::in_progress_within, List::overdue}) EXPECT_FALSE(metric_of(stock));
  EXPECT_FALSE(metric_of(List::near_due));
  EXPECT_FALSE(metric_of(List::results_electronic));  // a counter's name, but the view's own list
}

TEST(List766, EventListsAreTheApologiesAndSupplementRequests) {
  EXPECT_EQ(parse_event_list("apologised"), EventList::apologised);
  EXPECT_EQ(parse_event_list("supplement_requested"), EventList::supplement_requested);
  EXPECT_EQ(to_string(EventList::supplement_requested), "supplement_requested");
  EXPECT_EQ(action_of(EventList::apologised), dossier::Action::apologise);
  EXPECT_EQ(action_of(EventList::supplement_requested), dossier::Action::request_supplement);
  EXPECT_FALSE(parse_event_list("received"));
  EXPECT_FALSE(parse_event_list(""));
  EXPECT_FALSE(parse_event_list("Apologised"));
}

}  // namespace
}  // namespace motcua::kpi::i766
