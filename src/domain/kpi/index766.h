// The national index of Quyết định 766/QĐ-TTg (DOMAIN.md §9): five groups of indicators, 100
// points, each indicator a ratio scored against the target of the period — full points when the
// ratio reaches the target, otherwise in proportion. Pure: the points and targets are data
// (data/seed/kpi_index766.json, versioned by effective date, with their legal basis and a
// `verified` flag), the figures are what the counters say about one scope and period, and an
// indicator our data cannot decide is *not measured* (never a made-up number). Points are kept in
// hundredths ("centi") and targets in basis points (1/10000) so that every sum is exact.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace motcua::kpi::i766 {

enum class Group { transparency, progress, online, satisfaction, digitisation };
inline constexpr int kGroupCount = 5;

enum class Indicator {
  // Công khai, minh bạch
  published_on_time,      // thủ tục công bố đúng hạn / thủ tục đã công bố
  dossiers_synced,        // hồ sơ đã đồng bộ lên Cổng DVCQG / hồ sơ tiếp nhận
  progress_published,     // hồ sơ giải quyết trong kỳ có tiến độ đến quyết định được Cổng DVCQG xác nhận / hồ sơ giải quyết trong kỳ
  // Tiến độ, kết quả giải quyết: one ratio of 20 points (docs/legal_sources.md §1)
  handled_on_time,        // (đã giải quyết đúng hạn + đang giải quyết trong hạn) / (đã giải quyết + đang giải quyết)
  // Cung cấp dịch vụ trực tuyến
  procedures_online,      // thủ tục có dịch vụ trực tuyến / thủ tục
  procedures_with_online_dossiers,  // … có hồ sơ trực tuyến trong kỳ / thủ tục có dịch vụ trực tuyến
  online_dossier_share,   // hồ sơ trực tuyến / hồ sơ, của các thủ tục có dịch vụ trực tuyến
  payment_integrated,     // thủ tục có phí tích hợp thanh toán trực tuyến / thủ tục có phí
  payment_with_transactions,  // … có giao dịch thanh toán trực tuyến trong kỳ / thủ tục có phí đã tích hợp
  dossiers_paid_online,   // hồ sơ thanh toán trực tuyến / hồ sơ của thủ tục có phí
  // Mức độ hài lòng
  feedback_on_time,       // phản ánh, kiến nghị trả lời đúng hạn / đã trả lời
  feedback_satisfaction,  // (đã trả lời − không hài lòng) / đã trả lời
  dossier_satisfaction,   // (lượt đánh giá − không hài lòng) / lượt đánh giá
  // Số hóa hồ sơ
  results_electronic,     // hồ sơ có kết quả điện tử / hồ sơ đã giải quyết
  components_digitised,   // thành phần hồ sơ số hóa khi tiếp nhận / thành phần hồ sơ
  data_reused,            // thành phần thay bằng dữ liệu đã có / thành phần có thể thay
};
inline constexpr int kIndicatorCount = 16;

std::string_view to_string(Group);      // stored id: the enumerator name
std::string_view label_vi(Group);
std::string_view to_string(Indicator);  // stored id: the enumerator name
std::optional<Indicator> parse_indicator(std::string_view);
std::string_view label_vi(Indicator);
// The formula as the screen shows it beside the indicator (Vietnamese).
std::string_view formula_vi(Indicator);
Group group_of(Indicator);
const std::array<Indicator, kIndicatorCount>& all_indicators();

// What the data says about one indicator: a ratio num / den, or nothing we can measure.
struct Measure {
  bool measured = false;
  int64_t num = 0, den = 0;  // den 0 with measured: nothing to measure in the period (no points)
  std::string note;          // why not measured, or why empty ("Chưa có đánh giá"), Vietnamese
  static Measure ratio(int64_t num, int64_t den, std::string empty_note = "Chưa có số liệu trong kỳ");
  static Measure unmeasured(std::string why);
};

// One indicator's points and target in one version of the rules.
struct Rule {
  int max_centi = 0;     // points at or above the target, in hundredths
  int target_bp = 0;     // target ratio in basis points (0–10000); 0 = any value earns full points
  std::string basis;     // where the target and points come from (article, decision)
  // Whether the points / the target were read in a stored source, and which (docs/legal_sources.md);
  // a value without a source stays "chưa xác minh".
  bool points_verified = false, target_verified = false;
  std::string source;
};

// One version, in force from `effective_from` until the next one.
struct RuleSet {
  Date effective_from;
  std::string legal_basis, note;
  bool verified = false;
  std::array<Rule, kIndicatorCount> rules{};
};

// Parses {"versions": [{effective_from, legal_basis, verified, note, indicators: {<id>:
// {points, target, basis, points_verified?, target_verified?, source?}}}]}: every indicator
// present, points ≥ 0 with at most two decimals, target in [0, 1], the points of a version summing
// to 100, versions in increasing date order; a value marked verified names its source, and a
// version is verified only when all its points and targets are. ErrorKind::invalid with a
// Vietnamese detail otherwise.
Result<std::vector<RuleSet>> parse_rules(std::string_view json_text);
// The version in force on `day` (the latest effective_from ≤ day); nullptr when none.
const RuleSet* in_force(const std::vector<RuleSet>& sets, Date day);

struct Score {
  Indicator indicator = Indicator::published_on_time;
  Measure measure;
  std::optional<int> value_bp;  // the ratio in basis points, rounded half up; none when not measured or empty
  std::optional<int> centi;     // points earned; none when not measured or empty
  int max_centi = 0;
  int target_bp = 0;
  bool reached = false;         // value ≥ target
};
// Points = max when num/den ≥ target, else max × (num/den) / target, rounded half up to hundredths.
Score score(const Rule& r, Indicator i, const Measure& m);

struct GroupScore {
  Group group = Group::transparency;
  int centi = 0;           // Σ points of the scored indicators
  int scored_max_centi = 0;  // Σ max of the scored indicators
  int max_centi = 0;       // Σ max of all its indicators
  std::vector<Score> indicators;
};
struct IndexScore {
  std::vector<GroupScore> groups;  // in Group order
  int centi = 0, scored_max_centi = 0, max_centi = 0;
};
// `measures` in Indicator order.
IndexScore score_all(const RuleSet& rules, const std::array<Measure, kIndicatorCount>& measures);

// What the counters, the catalogue and the other rooms say about one scope and period; the
// measures below are made from these and nothing else. An optional part is nullopt when our data
// cannot decide it (the indicators it feeds are then not measured).
struct Figures {
  int64_t received = 0;            // received in the period
  int64_t resolved = 0, resolved_late = 0;  // decided in the period; late against the first appointment
  int64_t in_progress = 0, overdue = 0;     // stock at the close of the period's last day
  // "Handled in the period" (QĐ 766's progress ratio) = decided in the period + still in progress at its close.
  int64_t results_electronic = 0;  // decisions with a signed electronic result
  int64_t rated_very_satisfied = 0, rated_satisfied = 0, rated_dissatisfied = 0;
  int64_t received_digitised = 0;  // received with their components digitised at reception (app/kpi/digitised.h)
  int64_t population_reused = 0, population_asked = 0;  // components replaceable by the population database
  std::optional<int64_t> synced;   // of the dossiers received in the period, those the national portal confirmed
  // Of the dossiers decided in the period (`resolved`), those whose decision — and so every step
  // before it — the national portal confirmed (the progress counter, migration 034).
  std::optional<int64_t> progress_published;
  // Catalogue of the scope: procedures, those with an online service (một phần / toàn trình), and
  // of them those with at least one dossier received online in the period.
  int64_t procedures = 0, procedures_online = 0, procedures_online_used = 0;
  // Dossiers received in the period of the procedures with an online service, and of them online.
  int64_t received_of_online = 0, received_online_of_online = 0;
  // Fee procedures (a fee above 0 in the catalogue), those with an online service (where the
  // portal takes the fee online), those with a payment made online in the period; dossiers
  // received of fee procedures and dossiers with a fee paid online in the period.
  int64_t fee_procedures = 0, fee_procedures_online = 0, fee_procedures_paid = 0;
  int64_t received_of_fee = 0, dossiers_paid_online = 0;
  // Feedback cases (not answers) first answered in the period, of them answered not late, and
  // of them with an answer rated dissatisfied (a subset, so answered − rated_dissatisfied is the
  // set of cases never rated dissatisfied): the case_answered* counters (migration 032).
  struct Feedback {
    int64_t answered = 0, answered_on_time = 0, rated_dissatisfied = 0;
  };
  std::optional<Feedback> feedback;  // nullopt: the period is not whole months (monthly counters)
};
std::array<Measure, kIndicatorCount> measures_of(const Figures& f);

}  // namespace motcua::kpi::i766
