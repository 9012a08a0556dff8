// Hand-computed cases of the compliance cost (Thông tư 02/2017/TT-VPCP method, DOMAIN.md §11).
#include "domain/evaluation/compliance_cost.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace motcua::evaluation {
namespace {

// Round numbers so every figure below is checked on paper: 480 000 đ a day = 1 000 đ a minute.
CostParams params() {
  CostParams p;
  p.income_per_day_vnd = 480000;
  p.minutes_per_component = 60;
  p.minutes_per_trip = 120;
  p.minutes_online_filing = 30;
  p.copy_vnd_per_component = 5000;
  p.travel_vnd_per_trip = 30000;
  p.waiting_permille_per_day = 50;
  p.trips_counter = 2;
  p.trips_postal = 1;
  return p;
}

ProcedureLoad load() {
  ProcedureLoad l;
  l.components = 3;
  l.fees_vnd = 50000;
  l.limit_days = 10;
  l.counter = 60, l.online = 30, l.postal = 10;
  l.supplements = 5;
  return l;
}

TEST(ComplianceCost, OneDossierPerChannel) {
  // counter: 3·60 + 2·120 = 420 min → 420 000; copies 15 000; travel 60 000; fees 50 000;
  // waiting 10 days · 480 000 · 50‰ = 240 000 → 785 000
  DossierCost c = dossier_cost(params(), load(), Channel::counter);
  EXPECT_EQ(c.minutes, 420);
  EXPECT_EQ(c.time_vnd, 420000);
  EXPECT_EQ(c.copies_vnd, 15000);
  EXPECT_EQ(c.travel_vnd, 60000);
  EXPECT_EQ(c.fees_vnd, 50000);
  EXPECT_EQ(c.waiting_vnd, 240000);
  EXPECT_EQ(c.total(), 785000);
  // online: 180 + 30 = 210 min → 210 000; no copies, no travel → 500 000
  EXPECT_EQ(dossier_cost(params(), load(), Channel::online).total(), 500000);
  // postal: 180 + 120 = 300 → 300 000 + 15 000 + 30 000 + 50 000 + 240 000 = 635 000
  EXPECT_EQ(dossier_cost(params(), load(), Channel::postal).total(), 635000);
  // a supplement: one more visit, 120 000 + 30 000
  EXPECT_EQ(contact_cost(params()), 150000);
}

TEST(ComplianceCost, AYearIsEachChannelTimesItsDossiersPlusTheSupplements) {
  // 60·785 000 + 30·500 000 + 10·635 000 + 5·150 000 = 47 100 000 + 15 000 000 + 6 350 000 + 750 000
  YearCost y = year_cost(params(), load());
  EXPECT_EQ(y.dossiers, 100);
  EXPECT_EQ(y.total_vnd, 69200000);
}

TEST(ComplianceCost, IncomeRoundsHalfUpPerDossier) {
  CostParams p = params();
  p.income_per_day_vnd = 431818;  // 420 min · 431 818 / 480 = 377 840,75 → 377 841
  EXPECT_EQ(dossier_cost(p, load(), Channel::counter).time_vnd, 377841);
}

TEST(ComplianceCost, ASimplificationAndItsSaving) {
  // One component fewer, limit 10 → 5 days, 80% online.
  // simplified load: 2 components, 5 days, 80 online, 20 paper split 60:10 → postal round(20·10/70)=3, counter 17
  Scenario s{1, 5, 800};
  ProcedureLoad l = simplify(load(), s);
  EXPECT_EQ(l.components, 2);
  EXPECT_EQ(l.limit_days, 5);
  EXPECT_EQ(l.online, 80);
  EXPECT_EQ(l.postal, 3);
  EXPECT_EQ(l.counter, 17);
  // counter: 120 + 240 = 360 000 + 10 000 + 60 000 + 50 000 + 120 000 = 600 000
  // online: 150 000 + 50 000 + 120 000 = 320 000
  // postal: 240 000 + 10 000 + 30 000 + 50 000 + 120 000 = 450 000
  // year: 17·600 000 + 80·320 000 + 3·450 000 + 5·150 000 = 10 200 000 + 25 600 000 + 1 350 000 + 750 000
  CostReview r = review_cost(params(), load(), s);
  EXPECT_EQ(r.simplified.total_vnd, 37900000);
  EXPECT_EQ(r.saving_vnd, 69200000 - 37900000);
}

TEST(ComplianceCost, ScenarioEdges) {
  ProcedureLoad l = load();
  // A longer limit is not a simplification: today's stays.
  EXPECT_EQ(simplify(l, Scenario{0, 20, std::nullopt}).limit_days, 10);
  // Never fewer than no component.
  EXPECT_EQ(simplify(l, Scenario{9, std::nullopt, std::nullopt}).components, 0);
  // No change, no saving.
  EXPECT_EQ(review_cost(params(), l, Scenario{}).saving_vnd, 0);
  // No paper dossier today: the paper ones of the scenario go to the counter.
  ProcedureLoad all_online = l;
  all_online.counter = 0, all_online.postal = 0, all_online.online = 10;
  ProcedureLoad half = simplify(all_online, Scenario{0, std::nullopt, 500});
  EXPECT_EQ(half.online, 5);
  EXPECT_EQ(half.counter, 5);
  EXPECT_EQ(half.postal, 0);
  // An empty year costs nothing.
  ProcedureLoad none;
  none.components = 3;
  EXPECT_EQ(year_cost(params(), none).total_vnd, 0);
}

TEST(ComplianceCost, TheSeededParametersParseWithTheirSources) {
  auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  std::ifstream in(root / "data/seed/compliance_cost.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto d = parse_cost_params(ss.str());
  ASSERT_TRUE(d.ok()) << d.error().detail;
  EXPECT_EQ(d->params.income_per_day_vnd, 431818);
  EXPECT_EQ(d->sources.size(), 9u);
  for (auto& s : d->sources) {
    EXPECT_FALSE(s.source.empty()) << s.key;
    EXPECT_FALSE(s.label.empty()) << s.key;
  }
  EXPECT_FALSE(parse_cost_params(R"({"params": {}})").ok());
  EXPECT_EQ(parse_cost_params("nope").error().code, "invalid_cost_params");
}

}  // namespace
}  // namespace motcua::evaluation
