// Hand-computed cases of the quarterly evaluation (DOMAIN.md §7).
#include "domain/evaluation/evaluation.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace motcua::evaluation {
namespace {

const char* kRules = R"({"versions": [
 {"effective_from": "2018-07-01", "legal_basis": "NĐ 61/2018", "empty_points": 2,
  "indicators": {
   "time_vs_limit": {"kind": "levels", "levels": {"early": 2, "on_time": 1, "late": 0}},
   "unit_time": {"kind": "levels", "levels": {"early": 2, "on_time": 1, "late": 0}},
   "contacts": {"kind": "levels", "levels": {"1": 2, "2": 1, "3": 0}},
   "agencies": {"kind": "levels", "levels": {"1": 2, "2": 1, "3": 0}},
   "one_stop": {"kind": "share", "thresholds": [{"min_share": 1.0, "points": 2}, {"min_share": 0.9, "points": 1}]},
   "online": {"kind": "share", "thresholds": [{"min_share": 0.5, "points": 2}, {"min_share": 0.2, "points": 1}]}},
  "bands": [{"id": "xuat_sac", "label": "Xuất sắc", "min_points": 15, "inclusive": false},
            {"id": "tot", "label": "Tốt", "min_points": 12},
            {"id": "kha", "label": "Khá", "min_points": 9},
            {"id": "trung_binh", "label": "Trung bình", "min_points": 6},
            {"id": "yeu", "label": "Yếu", "min_points": 0}]},
 {"effective_from": "2025-07-01", "legal_basis": "NĐ 118/2025", "empty_points": 0,
  "indicators": {
   "time_vs_limit": {"kind": "levels", "levels": {"early": 2, "on_time": 2, "late": 0}},
   "unit_time": {"kind": "levels", "levels": {"early": 2, "on_time": 1, "late": 0}},
   "contacts": {"kind": "levels", "levels": {"1": 2, "2": 1, "3": 0}},
   "agencies": {"kind": "levels", "levels": {"1": 2, "2": 1, "3": 0}},
   "one_stop": {"kind": "share", "thresholds": [{"min_share": 1.0, "points": 2}]},
   "online": {"kind": "share", "thresholds": [{"min_share": 0.3, "points": 2}]}},
  "bands": [{"id": "dat", "label": "Đạt", "min_points": 9}, {"id": "khong_dat", "label": "Không đạt", "min_points": 0}]}
]})";

std::vector<RuleSet> rules() {
  auto r = parse_rules(kRules);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return *r;
}

TEST(Evaluation, IndicatorsHaveDistinctNamesAndLabelsAndParseBack) {
  int computed_n = 0;
  for (Indicator i : all_indicators()) {
    EXPECT_EQ(parse_indicator(to_string(i)), i);
    EXPECT_FALSE(label_vi(i).empty());
    computed_n += computed(i) ? 1 : 0;
  }
  EXPECT_EQ(computed_n, 6);
  EXPECT_FALSE(computed(Indicator::published));
  EXPECT_FALSE(computed(Indicator::attitude));
  EXPECT_FALSE(computed(Indicator::feedback));
  EXPECT_EQ(parse_indicator("speed"), std::nullopt);
}

TEST(Evaluation, VersionInForceOnTheQuartersFirstDay) {
  auto sets = rules();
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(in_force(sets, Date{2018, 6, 30}), nullptr);
  EXPECT_EQ(in_force(sets, Date{2025, 4, 1})->legal_basis, "NĐ 61/2018");
  EXPECT_EQ(in_force(sets, Quarter{2025, 3}.first())->legal_basis, "NĐ 118/2025");
}

TEST(Evaluation, Quarters) {
  auto q = parse_quarter("2026-Q4");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->first(), (Date{2026, 10, 1}));
  EXPECT_EQ(q->next_first(), (Date{2027, 1, 1}));
  EXPECT_EQ(parse_quarter("2026-Q1")->next_first(), (Date{2026, 4, 1}));
  EXPECT_EQ(q->id(), "2026-Q4");
  EXPECT_EQ(quarter_of(Date{2026, 3, 31}).id(), "2026-Q1");
  EXPECT_EQ(quarter_of(Date{2026, 7, 1}).id(), "2026-Q3");
  EXPECT_FALSE(parse_quarter("2026-Q5"));
  EXPECT_FALSE(parse_quarter("2026Q1"));
  EXPECT_FALSE(parse_quarter("20x6-Q1"));
}

TEST(Evaluation, MeanOfPerDossierLevelsRoundedHalfUp) {
  const auto sets = rules();
  const RuleSet& r = sets[0];
  Figures f;
  f.resolved = 16;
  f.early = 12, f.on_time = 3, f.late = 1;  // (24 + 3 + 0) / 16 = 1.6875 → 1.69
  auto p = compute(r, Indicator::time_vs_limit, f);
  EXPECT_EQ(p.centi, 169);
  EXPECT_FALSE(p.empty);
  EXPECT_EQ(p.basis, "12 trước hạn, 3 đúng hạn, 1 quá hạn (16 hồ sơ)");
  f.early = 1, f.on_time = 0, f.late = 7;  // 2 / 8 = 0.25
  f.resolved = 8;
  EXPECT_EQ(compute(r, Indicator::time_vs_limit, f).centi, 25);
  f.early = 0, f.on_time = 1, f.late = 7;  // 1 / 8 = 0.125 → 0.13 (half up)
  EXPECT_EQ(compute(r, Indicator::time_vs_limit, f).centi, 13);
  f.contacts_1 = 2, f.contacts_2 = 1, f.contacts_3 = 0;  // (4 + 1) / 3 = 1.666… → 1.67
  EXPECT_EQ(compute(r, Indicator::contacts, f).centi, 167);
}

TEST(Evaluation, ShareThresholdsAtTheEdge) {
  const auto sets = rules();
  const RuleSet& r = sets[0];
  Figures f;
  f.resolved = 10;
  f.online = 5;  // exactly 50% → 2
  EXPECT_EQ(compute(r, Indicator::online, f).centi, 200);
  f.online = 4;  // 40% → 1
  EXPECT_EQ(compute(r, Indicator::online, f).centi, 100);
  EXPECT_EQ(compute(r, Indicator::online, f).basis, "4/10 hồ sơ (40,0%) nộp trực tuyến");
  f.resolved = 11, f.online = 2;  // 18.2% → 0
  EXPECT_EQ(compute(r, Indicator::online, f).centi, 0);
  f.resolved = 10, f.one_stop = 9;  // 90% → 1; 100% → 2
  EXPECT_EQ(compute(r, Indicator::one_stop, f).centi, 100);
  f.one_stop = 10;
  EXPECT_EQ(compute(r, Indicator::one_stop, f).centi, 200);
}

TEST(Evaluation, EmptyQuarterTakesTheRulesEmptyPoints) {
  auto sets = rules();
  Figures none;
  for (auto& p : compute_all(sets[0], none)) {
    EXPECT_EQ(p.centi, 200) << to_string(p.indicator);
    EXPECT_TRUE(p.empty);
  }
  for (auto& p : compute_all(sets[1], none)) EXPECT_EQ(p.centi, 0);
  EXPECT_EQ(compute_all(sets[0], none).size(), 6u);
}

TEST(Evaluation, BandsAtTheirBoundaries) {
  const auto sets = rules();
  const RuleSet& r = sets[0];
  EXPECT_EQ(band_of(r, 1800).id, "xuat_sac");
  EXPECT_EQ(band_of(r, 1501).id, "xuat_sac");
  EXPECT_EQ(band_of(r, 1500).id, "tot");  // more than 15 for Xuất sắc
  EXPECT_EQ(band_of(r, 1200).id, "tot");
  EXPECT_EQ(band_of(r, 1199).id, "kha");
  EXPECT_EQ(band_of(r, 900).id, "kha");
  EXPECT_EQ(band_of(r, 600).id, "trung_binh");
  EXPECT_EQ(band_of(r, 599).id, "yeu");
  EXPECT_EQ(band_of(r, 0).id, "yeu");
  EXPECT_EQ(band_of(sets[1], 900).label, "Đạt");
}

TEST(Evaluation, AWholeQuarterByHand) {
  // 20 dossiers resolved: 10 early, 8 on time, 2 late → (20 + 8) / 20 = 1.40
  // units: 15 early, 3 on time, 2 late → (30 + 3) / 20 = 1.65
  // contacts: 18 once, 2 twice → (36 + 2) / 20 = 1.90; agencies: all one → 2
  // one stop 19/20 = 95% → 1; online 7/20 = 35% → 1
  // computed = 1.40 + 1.65 + 1.90 + 2 + 1 + 1 = 8.95; entered 2 + 1.5 + 1.75 = 5.25 → 14.20 Tốt
  const auto sets = rules();
  const RuleSet& r = sets[0];
  Figures f;
  f.resolved = 20;
  f.early = 10, f.on_time = 8, f.late = 2;
  f.units_early = 15, f.units_on_time = 3, f.units_late = 2;
  f.contacts_1 = 18, f.contacts_2 = 2;
  f.agencies_1 = 20;
  f.one_stop = 19, f.online = 7;
  int total = 0;
  std::vector<int> got;
  for (auto& p : compute_all(r, f)) {
    got.push_back(p.centi);
    total += p.centi;
  }
  EXPECT_EQ(got, (std::vector<int>{140, 165, 190, 200, 100, 100}));
  for (double e : {2.0, 1.5, 1.75}) total += *entered_centi(e);
  EXPECT_EQ(total, 1420);
  EXPECT_EQ(band_of(r, total).label, "Tốt");
  EXPECT_EQ(format_points(total), "14,2");
  EXPECT_EQ(format_points(1525), "15,25");
  EXPECT_EQ(format_points(1800), "18");
}

TEST(Evaluation, EnteredPointsWithinZeroToTwoAndTwoDecimals) {
  EXPECT_EQ(*entered_centi(0), 0);
  EXPECT_EQ(*entered_centi(2), 200);
  EXPECT_EQ(*entered_centi(1.25), 125);
  EXPECT_FALSE(entered_centi(2.01).ok());
  EXPECT_FALSE(entered_centi(-0.5).ok());
  EXPECT_FALSE(entered_centi(1.255).ok());
  EXPECT_EQ(entered_centi(3).error().code, "invalid_points");
}

TEST(Evaluation, RulesThatAreNotWhole) {
  EXPECT_FALSE(parse_rules("[]").ok());
  EXPECT_FALSE(parse_rules(R"({"versions": []})").ok());
  std::string no_basis = kRules;
  no_basis.replace(no_basis.find("\"legal_basis\": \"NĐ 61/2018\","), 30, "");
  EXPECT_FALSE(parse_rules(no_basis).ok());
  std::string high = kRules;
  high.replace(high.find("\"late\": 0"), 9, "\"late\": 3");
  auto r = parse_rules(high);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_rules");
  std::string missing = kRules;
  missing.replace(missing.find("\"online\": {"), 11, "\"onl1ne\": {");
  EXPECT_FALSE(parse_rules(missing).ok());
}

TEST(Evaluation, TheSeededRulesFileParses) {
  // The repository root, four levels above this file (src/domain/evaluation/).
  auto root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  std::ifstream in(root / "data/seed/evaluation_rules.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_rules(ss.str());
  ASSERT_TRUE(r.ok()) << r.error().detail;
  const RuleSet* now = in_force(*r, Date{2026, 10, 1});
  ASSERT_NE(now, nullptr);
  EXPECT_NE(now->legal_basis.find("118/2025"), std::string::npos);
  EXPECT_EQ(now->bands.front().label, "Xuất sắc");
  EXPECT_EQ(now->bands.back().label, "Yếu");
}

}  // namespace
}  // namespace motcua::evaluation
