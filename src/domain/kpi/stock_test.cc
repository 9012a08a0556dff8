#include "domain/kpi/stock.h"

#include <gtest/gtest.h>

namespace motcua::kpi {
namespace {

using dossier::State;

Date day(int m, int d) { return Date{2026, m, d}; }
Millis at(int m, int d, int hour) { return local_instant(day(m, d), hour * 60); }
DueBucket due(int m, int d) { return DueBucket{day(m, d)}; }
const DueBucket kOpen{};

// The flows of one dossier's life, built the way the engine builds them: bucket before and after
// each change.
struct Life {
  ClockFacts f;
  std::optional<DueBucket> bucket;
  std::vector<DueFlow>* flows;
  void apply(Date d) {
    auto next = bucket_of(f);
    for (auto& x : flows_for_change(bucket, next, d)) flows->push_back(x);
    bucket = next;
  }
};

TEST(Bucket, ReceivedOpenDossierSitsInItsDueDay) {
  ClockFacts f{State::in_progress, true, at(3, 27, 16), 0, 0};
  EXPECT_EQ(bucket_of(f), due(3, 27));
}

TEST(Bucket, NotInTheStockBeforeReceptionOrOnceClosed) {
  EXPECT_EQ(bucket_of(ClockFacts{State::submitted, false, 0, 0, 0}), std::nullopt);
  // A reception-stage supplement: not yet received.
  EXPECT_EQ(bucket_of(ClockFacts{State::supplement_requested, false, 0, 0, 0}), std::nullopt);
  for (auto s : {State::resolved, State::returned, State::withdrawn, State::stopped, State::refused})
    EXPECT_EQ(bucket_of(ClockFacts{s, true, at(3, 27, 16), 0, 0}), std::nullopt) << dossier::to_string(s);
}

TEST(Bucket, PausedWithinTimeIsNeverOverdueButPausedWhenLateStaysLate) {
  EXPECT_EQ(bucket_of(ClockFacts{State::supplement_requested, true, at(3, 27, 16), 0, at(3, 25, 9)}), kOpen);
  EXPECT_EQ(bucket_of(ClockFacts{State::awaiting_payment, true, at(3, 27, 16), 0, at(3, 27, 16)}), kOpen);
  EXPECT_EQ(bucket_of(ClockFacts{State::supplement_requested, true, at(3, 27, 16), 0, at(3, 30, 9)}), due(3, 27));
}

TEST(Bucket, AnApologyDoesNotMoveTheDueDayLateStaysLate) {
  // New appointment 15 April, first one 27 March: the dossier is judged against 27 March.
  EXPECT_EQ(bucket_of(ClockFacts{State::in_progress, true, at(4, 15, 16), at(3, 27, 16), 0}), due(3, 27));
}

TEST(Bucket, NoTimeLimitIsNeverOverdue) {
  EXPECT_EQ(bucket_of(ClockFacts{State::in_progress, true, 0, 0, 0}), kOpen);
}

TEST(Flows, OnlyAChangeOfBucketMovesAnything) {
  EXPECT_TRUE(flows_for_change(due(3, 27), due(3, 27), day(3, 20)).empty());
  EXPECT_TRUE(flows_for_change(std::nullopt, std::nullopt, day(3, 20)).empty());
  EXPECT_EQ(flows_for_change(std::nullopt, due(3, 27), day(3, 20)), (std::vector<DueFlow>{{day(3, 20), due(3, 27), 1}}));
  EXPECT_EQ(flows_for_change(due(3, 27), std::nullopt, day(3, 25)), (std::vector<DueFlow>{{day(3, 25), due(3, 27), -1}}));
  EXPECT_EQ(flows_for_change(due(3, 27), kOpen, day(3, 25)),
            (std::vector<DueFlow>{{day(3, 25), due(3, 27), -1}, {day(3, 25), kOpen, 1}}));
}

TEST(Stock, EmptyPeriodsHoldNothing) {
  std::vector<DueFlow> none;
  EXPECT_EQ(stock_at(day(1, 15), none), Stock{});
  EXPECT_EQ(carried_over_into(day(4, 1), none), 0);
  // Flows that all come after the date count for nothing.
  std::vector<DueFlow> later{{day(5, 4), due(5, 10), 1}};
  EXPECT_EQ(stock_at(day(4, 30), later), Stock{});
  EXPECT_EQ(carried_over_into(day(5, 4), later), 0);
  EXPECT_EQ(carried_over_into(day(5, 5), later), 1);
}

// Five dossiers around the end of the first quarter of 2026, the figures computed by hand.
class QuarterBoundary : public ::testing::Test {
 protected:
  std::vector<DueFlow> flows;
  void SetUp() override {
    // A: received 20/3, due 27/3, decided 25/3 (early).
    Life a{{State::received, true, at(3, 27, 16), 0, 0}, std::nullopt, &flows};
    a.apply(day(3, 20));
    a.f.state = State::resolved;
    a.apply(day(3, 25));
    // B: received 25/3, due 3/4 — crosses the quarter; decided 2/4.
    Life b{{State::received, true, at(4, 3, 16), 0, 0}, std::nullopt, &flows};
    b.apply(day(3, 25));
    b.f.state = State::resolved;
    b.apply(day(4, 2));
    // C: received 26/3, due 31/3; supplement asked 30/3 (paused within time); supplement in 6/4,
    // due moved to 8/4; decided 10/4 (late).
    Life c{{State::in_progress, true, at(3, 31, 16), 0, 0}, std::nullopt, &flows};
    c.apply(day(3, 26));
    c.f.state = State::supplement_requested;
    c.f.paused_at = at(3, 30, 9);
    c.apply(day(3, 30));
    c.f.state = State::in_progress;
    c.f.paused_at = 0;
    c.f.due_at = at(4, 8, 16);
    c.apply(day(4, 6));
    c.f.state = State::resolved;
    c.apply(day(4, 10));
    // D: received 16/3, due 27/3; apology 25/3 with a new appointment 15/4; still open: late
    // from 27/3 on, whatever the new appointment says.
    Life d{{State::in_progress, true, at(3, 27, 16), 0, 0}, std::nullopt, &flows};
    d.apply(day(3, 16));
    d.f.original_due_at = d.f.due_at;
    d.f.due_at = at(4, 15, 16);
    d.apply(day(3, 25));
    // E: received 2/3, due 5/3; supplement asked 9/3 when already late (stays late); in 12/3,
    // due moved by the pause to 10/3; withdrawn 13/4.
    Life e{{State::in_progress, true, at(3, 5, 16), 0, 0}, std::nullopt, &flows};
    e.apply(day(3, 2));
    e.f.state = State::supplement_requested;
    e.f.paused_at = at(3, 9, 9);
    e.apply(day(3, 9));
    e.f.state = State::in_progress;
    e.f.paused_at = 0;
    e.f.due_at = at(3, 10, 16);
    e.apply(day(3, 12));
    e.f.state = State::withdrawn;
    e.apply(day(4, 13));
  }
};

TEST_F(QuarterBoundary, FlowsAreWhatTheChangesMade) {
  // A 2, B 2, C 6 (in, out+open, open out+in, out), D 1 (the apology moves nothing), E 4 (the
  // late pause moves nothing; the resumption moves 5/3 → 10/3; the withdrawal leaves).
  EXPECT_EQ(flows.size(), 2u + 2u + 6u + 1u + 4u);
}

TEST_F(QuarterBoundary, StocksAtTheCloseOfEachDay) {
  EXPECT_EQ(stock_at(day(3, 1), flows), (Stock{0, 0}));
  EXPECT_EQ(stock_at(day(3, 5), flows), (Stock{1, 1}));   // E due 5/3, open at its close
  EXPECT_EQ(stock_at(day(3, 4), flows), (Stock{1, 0}));
  EXPECT_EQ(stock_at(day(3, 10), flows), (Stock{1, 1}));  // E paused when late: still late
  EXPECT_EQ(stock_at(day(3, 16), flows), (Stock{2, 1}));  // + D
  EXPECT_EQ(stock_at(day(3, 20), flows), (Stock{3, 1}));  // + A
  EXPECT_EQ(stock_at(day(3, 25), flows), (Stock{3, 1}));  // − A, + B
  EXPECT_EQ(stock_at(day(3, 26), flows), (Stock{4, 1}));  // + C
  EXPECT_EQ(stock_at(day(3, 27), flows), (Stock{4, 2}));  // D late from its first appointment
  EXPECT_EQ(stock_at(day(3, 31), flows), (Stock{4, 2}));  // C paused within time: not late
  EXPECT_EQ(stock_at(day(4, 2), flows), (Stock{3, 2}));   // − B
  EXPECT_EQ(stock_at(day(4, 7), flows), (Stock{3, 2}));   // C running again, due 8/4
  EXPECT_EQ(stock_at(day(4, 8), flows), (Stock{3, 3}));   // C open at the close of its due day
  EXPECT_EQ(stock_at(day(4, 10), flows), (Stock{2, 2}));  // − C (decided late)
  EXPECT_EQ(stock_at(day(4, 13), flows), (Stock{1, 1}));  // − E (withdrawn)
  EXPECT_EQ(stock_at(day(4, 15), flows), (Stock{1, 1}));  // D's new appointment: late stays late
  EXPECT_EQ(stock_at(day(12, 31), flows), (Stock{1, 1}));
  EXPECT_EQ(stock_at(day(3, 27), flows).within_time(), 2);
}

TEST_F(QuarterBoundary, CarriedOverIntoTheSecondQuarter) {
  // Open at the close of 31/3: B, C, D, E.
  EXPECT_EQ(carried_over_into(day(4, 1), flows), 4);
  // Into the first quarter: nothing (everything was received in March).
  EXPECT_EQ(carried_over_into(day(1, 1), flows), 0);
  // Into April 11: D and E.
  EXPECT_EQ(carried_over_into(day(4, 11), flows), 2);
}

}  // namespace
}  // namespace motcua::kpi
