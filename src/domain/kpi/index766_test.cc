#include "domain/kpi/index766.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace motcua::kpi::i766 {
namespace {

Rule rule(int centi, int bp) { return Rule{centi, bp, "test"}; }

TEST(Index766, BelowTargetEarnsInProportion) {
  // 45 of 50 on time against a 100% target, 20 points: 20 × 0,9 = 18.
  Score s = score(rule(2000, 10000), Indicator::handled_on_time, Measure::ratio(45, 50));
  EXPECT_EQ(s.value_bp, 9000);
  EXPECT_EQ(s.centi, 1800);
  EXPECT_FALSE(s.reached);
}

TEST(Index766, AtOrAboveTargetEarnsFullPoints) {
  EXPECT_EQ(score(rule(600, 8000), Indicator::dossier_satisfaction, Measure::ratio(9, 10)).centi, 600);
  // Exactly at the target: 3/10 against 30% → full, and reached.
  Score s = score(rule(800, 3000), Indicator::online_dossier_share, Measure::ratio(3, 10));
  EXPECT_EQ(s.centi, 800);
  EXPECT_TRUE(s.reached);
}

TEST(Index766, ProportionIsRoundedHalfUpToHundredths) {
  // 1/3 against 50%, 8 points: 8 × (1/3)/0,5 = 5,3333 → 5,33; the value 33,33%.
  Score a = score(rule(800, 5000), Indicator::online_dossier_share, Measure::ratio(1, 3));
  EXPECT_EQ(a.value_bp, 3333);
  EXPECT_EQ(a.centi, 533);
  // 1/7 against 30%, 6 points: 6 × (1/7)/0,3 = 2,857142… → 2,86 (half up); value 14,29%.
  Score b = score(rule(600, 3000), Indicator::results_electronic, Measure::ratio(1, 7));
  EXPECT_EQ(b.value_bp, 1429);
  EXPECT_EQ(b.centi, 286);
  // 2/3 against 100%, 10 points: 6,666… → 6,67.
  EXPECT_EQ(score(rule(1000, 10000), Indicator::handled_on_time, Measure::ratio(2, 3)).centi, 667);
}

TEST(Index766, NothingMeasuredMeansNoPointsNotZero) {
  Score s = score(rule(400, 10000), Indicator::published_on_time, Measure::unmeasured("không có dữ liệu"));
  EXPECT_FALSE(s.centi.has_value());
  EXPECT_FALSE(s.value_bp.has_value());
  EXPECT_EQ(s.measure.note, "không có dữ liệu");
  // Measured but empty: no rating in the period.
  Score e = score(rule(600, 8000), Indicator::dossier_satisfaction, Measure::ratio(0, 0, "Chưa có đánh giá"));
  EXPECT_FALSE(e.centi.has_value());
  EXPECT_TRUE(e.measure.measured);
  EXPECT_EQ(e.measure.note, "Chưa có đánh giá");
}

TEST(Index766, ZeroTargetEarnsFullPoints) {
  EXPECT_EQ(score(rule(200, 0), Indicator::procedures_online, Measure::ratio(0, 5)).centi, 200);
}

TEST(Index766, MeasuresFollowTheFormulas) {
  Figures f;
  f.received = 40;
  f.resolved = 30;
  f.resolved_late = 6;  // late stays late: an apology does not move a dossier out of here
  f.in_progress = 12;
  f.overdue = 3;
  f.results_electronic = 15;
  f.rated_very_satisfied = 4;
  f.rated_satisfied = 3;
  f.rated_dissatisfied = 1;
  f.population_reused = 9;
  f.population_asked = 3;
  f.received_digitised = 26;
  f.synced = 38;
  f.progress_published = 27;  // of the 30 decided, 27 decisions confirmed by the portal
  f.procedures = 10;
  f.procedures_online = 4;
  f.procedures_online_used = 3;
  f.received_of_online = 25;
  f.received_online_of_online = 10;
  f.fee_procedures = 5;
  f.fee_procedures_online = 2;
  f.fee_procedures_paid = 1;
  f.received_of_fee = 8;
  f.dossiers_paid_online = 2;
  f.feedback = Figures::Feedback{5, 4, 1};
  auto m = measures_of(f);
  auto at = [&](Indicator i) { return m[size_t(i)]; };
  EXPECT_FALSE(at(Indicator::published_on_time).measured);
  EXPECT_FALSE(at(Indicator::published_on_time).measured);
  auto is = [&](Indicator i, int64_t n, int64_t d) {
    EXPECT_TRUE(at(i).measured) << to_string(i);
    EXPECT_EQ(at(i).num, n) << to_string(i);
    EXPECT_EQ(at(i).den, d) << to_string(i);
  };
  is(Indicator::dossiers_synced, 38, 40);
  is(Indicator::progress_published, 27, 30);  // over the decided, not the received
  // Decided 30 (6 late) + open 12 (3 overdue): (24 + 9) / 42.
  is(Indicator::handled_on_time, 33, 42);
  is(Indicator::procedures_online, 4, 10);
  is(Indicator::procedures_with_online_dossiers, 3, 4);
  is(Indicator::online_dossier_share, 10, 25);
  is(Indicator::payment_integrated, 2, 5);
  is(Indicator::payment_with_transactions, 1, 2);
  is(Indicator::dossiers_paid_online, 2, 8);
  is(Indicator::feedback_on_time, 4, 5);
  is(Indicator::feedback_satisfaction, 4, 5);
  is(Indicator::dossier_satisfaction, 7, 8);
  is(Indicator::results_electronic, 15, 30);
  is(Indicator::data_reused, 9, 12);
  // Received digitised at reception / received.
  is(Indicator::components_digitised, 26, 40);
}

TEST(Index766, EmptyPeriodHasNoPointsAndSaysWhy) {
  Figures f;  // nothing received, decided, rated; no feedback figures; no sync figures
  auto m = measures_of(f);
  EXPECT_TRUE(m[size_t(Indicator::dossier_satisfaction)].measured);
  EXPECT_EQ(m[size_t(Indicator::dossier_satisfaction)].den, 0);
  EXPECT_EQ(m[size_t(Indicator::dossier_satisfaction)].note, "Chưa có đánh giá");
  EXPECT_FALSE(m[size_t(Indicator::feedback_on_time)].measured);
  EXPECT_FALSE(m[size_t(Indicator::dossiers_synced)].measured);
  EXPECT_FALSE(m[size_t(Indicator::progress_published)].measured);
  f.progress_published = 0;  // measured, nothing decided: no points, and why
  m = measures_of(f);
  EXPECT_TRUE(m[size_t(Indicator::progress_published)].measured);
  EXPECT_EQ(m[size_t(Indicator::progress_published)].den, 0);
  EXPECT_EQ(m[size_t(Indicator::progress_published)].note, "Không có hồ sơ giải quyết trong kỳ");
  m[size_t(Indicator::progress_published)] = Measure::unmeasured("—");
  RuleSet rs;
  for (auto& r : rs.rules) r = rule(100, 10000);
  IndexScore s = score_all(rs, m);
  EXPECT_EQ(s.centi, 0);
  EXPECT_EQ(s.scored_max_centi, 0);  // nothing scored: no points to compare
  EXPECT_EQ(s.max_centi, 1600);
}

TEST(Index766, GroupsAddTheirScoredIndicators) {
  RuleSet rs;
  for (auto& r : rs.rules) r = rule(0, 10000);
  rs.rules[size_t(Indicator::handled_on_time)] = rule(2000, 10000);
  rs.rules[size_t(Indicator::published_on_time)] = rule(400, 10000);
  rs.rules[size_t(Indicator::results_electronic)] = rule(600, 10000);
  std::array<Measure, kIndicatorCount> m;
  for (auto& x : m) x = Measure::unmeasured("—");
  m[size_t(Indicator::handled_on_time)] = Measure::ratio(33, 42);     // 20 × 33/42 = 15,714… → 15,71
  m[size_t(Indicator::results_electronic)] = Measure::ratio(15, 30);  // 6 × 0,5 = 3
  IndexScore s = score_all(rs, m);
  ASSERT_EQ(s.groups.size(), size_t(kGroupCount));
  const GroupScore& progress = s.groups[size_t(Group::progress)];
  EXPECT_EQ(progress.centi, 1571);
  EXPECT_EQ(progress.scored_max_centi, 2000);
  EXPECT_EQ(progress.indicators.size(), 1u);
  const GroupScore& transparency = s.groups[size_t(Group::transparency)];
  EXPECT_EQ(transparency.centi, 0);
  EXPECT_EQ(transparency.scored_max_centi, 0);
  EXPECT_EQ(transparency.max_centi, 400);
  EXPECT_EQ(s.centi, 1871);
  EXPECT_EQ(s.scored_max_centi, 2600);
  EXPECT_EQ(s.max_centi, 3000);
}

constexpr const char* kRules = R"J({"versions": [
 {"effective_from": "2022-06-23", "legal_basis": "QĐ 766", "verified": false, "note": "n",
  "indicators": {
   "published_on_time": {"points": 4, "target": 1, "basis": "b"},
   "dossiers_synced": {"points": 8, "target": 1, "basis": "b"},
   "progress_published": {"points": 6, "target": 1, "basis": "b"},
   "handled_on_time": {"points": 20, "target": 1, "basis": "b"},
   "procedures_online": {"points": 2, "target": 1, "basis": "b"},
   "procedures_with_online_dossiers": {"points": 2, "target": 0.8, "basis": "b"},
   "online_dossier_share": {"points": 8, "target": 0.5, "basis": "b"},
   "payment_integrated": {"points": 2, "target": 1, "basis": "b"},
   "payment_with_transactions": {"points": 2, "target": 1, "basis": "b"},
   "dossiers_paid_online": {"points": 6, "target": 0.3, "basis": "b"},
   "feedback_on_time": {"points": 6, "target": 1, "basis": "b"},
   "feedback_satisfaction": {"points": 6, "target": 0.9, "basis": "b"},
   "dossier_satisfaction": {"points": 6, "target": 0.9, "basis": "b"},
   "results_electronic": {"points": 6, "target": 1, "basis": "b"},
   "components_digitised": {"points": 8, "target": 1, "basis": "b"},
   "data_reused": {"points": 8, "target": 0.5, "basis": "b"}}},
 {"effective_from": "2025-01-01", "legal_basis": "QĐ 766 (2025)", "verified": false, "note": "",
  "indicators": {
   "published_on_time": {"points": 4, "target": 1, "basis": "b"},
   "dossiers_synced": {"points": 8, "target": 1, "basis": "b"},
   "progress_published": {"points": 6, "target": 1, "basis": "b"},
   "handled_on_time": {"points": 20, "target": 1, "basis": "b"},
   "procedures_online": {"points": 2, "target": 1, "basis": "b"},
   "procedures_with_online_dossiers": {"points": 2, "target": 0.8, "basis": "b"},
   "online_dossier_share": {"points": 8, "target": 0.8, "basis": "b"},
   "payment_integrated": {"points": 2, "target": 1, "basis": "b"},
   "payment_with_transactions": {"points": 2, "target": 1, "basis": "b"},
   "dossiers_paid_online": {"points": 6, "target": 0.5, "basis": "b"},
   "feedback_on_time": {"points": 6, "target": 1, "basis": "b"},
   "feedback_satisfaction": {"points": 6, "target": 0.9, "basis": "b"},
   "dossier_satisfaction": {"points": 6, "target": 0.9, "basis": "b", "points_verified": true, "source": "s"},
   "results_electronic": {"points": 6, "target": 1, "basis": "b"},
   "components_digitised": {"points": 8, "target": 1, "basis": "b"},
   "data_reused": {"points": 7.5, "target": 0.5, "basis": "b"},
   "extra": {"points": 0.5, "target": 0, "basis": "b"}}}]})J";

TEST(Index766, RulesParseAndTheTargetFollowsThePeriod) {
  auto bad = parse_rules(kRules);  // second version: an unknown indicator
  ASSERT_FALSE(bad.ok());
  std::string fixed = kRules;
  fixed.replace(fixed.find(R"("data_reused": {"points": 7.5)"), 29, R"("data_reused": {"points": 8.0)");
  fixed.erase(fixed.find(R"(,
   "extra")"), std::string(R"(,
   "extra": {"points": 0.5, "target": 0, "basis": "b"})").size());
  auto sets = parse_rules(fixed);
  ASSERT_TRUE(sets.ok()) << sets.error().detail;
  ASSERT_EQ(sets->size(), 2u);
  const RuleSet* q4_2024 = in_force(*sets, Date{2024, 10, 1});
  const RuleSet* q1_2025 = in_force(*sets, Date{2025, 1, 1});
  ASSERT_TRUE(q4_2024 && q1_2025);
  EXPECT_EQ(q4_2024->rules[size_t(Indicator::online_dossier_share)].target_bp, 5000);
  EXPECT_EQ(q1_2025->rules[size_t(Indicator::online_dossier_share)].target_bp, 8000);
  EXPECT_EQ(q1_2025->rules[size_t(Indicator::online_dossier_share)].max_centi, 800);
  EXPECT_FALSE(q4_2024->verified);
  EXPECT_FALSE(q4_2024->rules[size_t(Indicator::dossier_satisfaction)].points_verified);
  const Rule& sat = q1_2025->rules[size_t(Indicator::dossier_satisfaction)];
  EXPECT_TRUE(sat.points_verified);
  EXPECT_FALSE(sat.target_verified);
  EXPECT_EQ(sat.source, "s");
  EXPECT_EQ(in_force(*sets, Date{2022, 6, 22}), nullptr);
}

TEST(Index766, RulesRefuseATotalOtherThanHundredAndAMissingIndicator) {
  std::string s = kRules;
  s = s.substr(0, s.find(",\n {\"effective_from\": \"2025")) + "]}";
  ASSERT_TRUE(parse_rules(s).ok());
  std::string more = s;
  more.replace(more.find(R"("data_reused": {"points": 8)"), 27, R"("data_reused": {"points": 9)");
  EXPECT_FALSE(parse_rules(more).ok());  // 101 points
  std::string missing = s;
  missing.erase(missing.find(R"(   "data_reused")"));
  missing.erase(missing.find_last_of(','));
  missing += "}}]}";
  EXPECT_FALSE(parse_rules(missing).ok());
  std::string target = s;
  target.replace(target.find(R"("target": 0.3)"), 13, R"("target": 1.3)");
  EXPECT_FALSE(parse_rules(target).ok());
}

TEST(Index766, AVerifiedValueNeedsItsSourceAndAVerifiedVersionNeedsEveryValue) {
  std::string s = kRules;
  s = s.substr(0, s.find(",\n {\"effective_from\": \"2025")) + "]}";
  std::string no_source = s;
  no_source.replace(no_source.find(R"("basis": "b"})"), 13, R"("basis": "b", "target_verified": true})");
  auto a = parse_rules(no_source);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().detail.find("thiếu nguồn"), std::string::npos);
  std::string not_bool = s;
  not_bool.replace(not_bool.find(R"("basis": "b"})"), 13, R"("basis": "b", "points_verified": "yes", "source": "x"})");
  EXPECT_FALSE(parse_rules(not_bool).ok());
  // The version says verified while its indicators are not: refused, the flag must follow the values.
  std::string whole = s;
  whole.replace(whole.find(R"("verified": false)"), 17, R"("verified": true)");
  auto b = parse_rules(whole);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().detail.find("chưa xác minh"), std::string::npos);
}

TEST(Index766, TheSeededRulesFileParsesAndIsMarkedUnverified) {
  auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  std::ifstream in(root / "data/seed/kpi_index766.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_rules(ss.str());
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const RuleSet* now = in_force(*r, Date{2026, 10, 1});
  ASSERT_NE(now, nullptr);
  EXPECT_FALSE(now->verified);  // the annex's split and targets are not checked yet
  EXPECT_NE(now->legal_basis.find("766/QĐ-TTg"), std::string::npos);
  // DOMAIN §9: online payment 2 + 2 + 6 points.
  EXPECT_EQ(now->rules[size_t(Indicator::payment_integrated)].max_centi, 200);
  EXPECT_EQ(now->rules[size_t(Indicator::payment_with_transactions)].max_centi, 200);
  EXPECT_EQ(now->rules[size_t(Indicator::dossiers_paid_online)].max_centi, 600);
  // What the stored sources confirm (docs/legal_sources.md §1): the progress group is one ratio of
  // 20 points, satisfaction with dossiers 6 points at 90%, the 80% / 50% thresholds of the portal.
  const Rule& handled = now->rules[size_t(Indicator::handled_on_time)];
  EXPECT_EQ(handled.max_centi, 2000);
  EXPECT_TRUE(handled.points_verified);
  const Rule& sat = now->rules[size_t(Indicator::dossier_satisfaction)];
  EXPECT_EQ(sat.max_centi, 600);
  EXPECT_EQ(sat.target_bp, 9000);
  EXPECT_TRUE(sat.points_verified && sat.target_verified);
  EXPECT_EQ(now->rules[size_t(Indicator::procedures_online)].target_bp, 8000);
  EXPECT_TRUE(now->rules[size_t(Indicator::procedures_online)].target_verified);
  EXPECT_EQ(now->rules[size_t(Indicator::online_dossier_share)].target_bp, 5000);
  EXPECT_FALSE(now->rules[size_t(Indicator::dossiers_synced)].points_verified);
  for (auto i : all_indicators()) {
    const Rule& r = now->rules[size_t(i)];
    if (r.points_verified || r.target_verified) EXPECT_FALSE(r.source.empty()) << to_string(i);
  }
}

}  // namespace
}  // namespace motcua::kpi::i766
