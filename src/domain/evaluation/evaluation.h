// The quarterly evaluation of an agency's handling of procedures (DOMAIN.md §7): nine indicators,
// 0–2 points each, 18 at most, and the band of the total. Pure: the rules are data (a RuleSet
// parsed from data/seed/evaluation_rules.json, versioned by effective date, with its legal
// basis), the figures are what the dossiers say about one agency in one quarter, and the points a
// person decides are given. Points are kept in hundredths ("centi") so sums are exact.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace motcua::evaluation {

// The nine indicators, in the law's order.
enum class Indicator {
  time_vs_limit,  // thời gian giải quyết so với quy định
  unit_time,      // thời gian thực hiện của từng cơ quan, đơn vị tham gia
  contacts,       // số lần liên hệ để hoàn thiện hồ sơ
  agencies,       // số cơ quan, đơn vị phải liên hệ
  one_stop,       // tiếp nhận, giải quyết tại Bộ phận Một cửa
  published,      // công khai thủ tục hành chính
  attitude,       // thái độ ứng xử của cán bộ
  feedback,       // tiếp thu, giải trình phản ánh, kiến nghị
  online,         // tiến độ và chất lượng dịch vụ công trực tuyến
};
inline constexpr int kIndicatorCount = 9;
inline constexpr int kMaxCenti = 200;  // 2 points per indicator

std::string_view to_string(Indicator);       // the enumerator name
std::optional<Indicator> parse_indicator(std::string_view);
std::string_view label_vi(Indicator);
// Decided by the dossiers (computed) or by a person (entered: self score, then appraisal).
bool computed(Indicator);
const std::array<Indicator, kIndicatorCount>& all_indicators();

// What the dossiers say about one agency (as the competent agency) in one quarter: the dossiers
// resolved in it.
struct Figures {
  int64_t resolved = 0;
  // By on-time class against the first appointment (late stays late).
  int64_t early = 0, on_time = 0, late = 0;
  // By the worst class among the dossier's control-sheet steps and consultations (a dossier
  // with none counts by its own class).
  int64_t units_early = 0, units_on_time = 0, units_late = 0;
  // By how many times the applicant had to come back: 1 + the supplements asked (≤ 2 by law).
  int64_t contacts_1 = 0, contacts_2 = 0, contacts_3 = 0;
  // By how many agencies the applicant dealt with. The system records only the desk that
  // received and returned the dossier, so today every dossier counts 1.
  int64_t agencies_1 = 0, agencies_2 = 0, agencies_3 = 0;
  // Received through a one-stop desk (service centre, commune desk) or filed online/by post.
  int64_t one_stop = 0;
  // Filed online.
  int64_t online = 0;
};

// How the points of a computed indicator follow from the figures.
struct LevelRule {  // mean of per-dossier points: each dossier scores by its level
  std::vector<std::pair<std::string, int>> levels;  // level key → centi points
};
struct ShareRule {  // points by the share of dossiers that qualify
  std::vector<std::pair<int, int>> thresholds;  // (share in per-mille at least, centi points), best first
};
struct IndicatorRule {
  enum class Kind { levels, share } kind = Kind::levels;
  LevelRule levels;
  ShareRule share;
};

struct Band {
  std::string id, label;
  int min_centi = 0;
  bool inclusive = true;  // total ≥ min (true) or total > min (false)
};

// One version of the rules, in force from `effective_from` until the next version.
struct RuleSet {
  Date effective_from;
  std::string legal_basis, note;
  bool verified = false;
  int empty_centi = 200;  // a computed indicator of a quarter with no dossier resolved
  std::array<IndicatorRule, kIndicatorCount> rules{};  // only the computed ones are used
  std::vector<Band> bands;  // best first; the last one takes everything left
  // Agency types whose desk is a one-stop desk (Bộ phận Một cửa): dossiers received there, or
  // filed online or by post, count for the one_stop indicator.
  std::vector<std::string> one_stop_agency_types{"service_center", "commune_committee"};
};

// Parses the rules file: {"versions": [ {effective_from, legal_basis, verified, note,
// empty_points, indicators: {<id>: {kind: levels|share, ...}}, bands: [...]}, ...]}. Every computed
// indicator must have its rule, points within 0–2, bands ordered best first. ErrorKind::invalid
// with a Vietnamese detail otherwise.
Result<std::vector<RuleSet>> parse_rules(std::string_view json_text);
// The version in force on `day` (the latest effective_from ≤ day); nullptr when none.
const RuleSet* in_force(const std::vector<RuleSet>& sets, Date day);

// A quarter "YYYY-Qn": its first day and the first day of the next quarter (local dates).
struct Quarter {
  int year = 0, q = 0;
  Date first() const;
  Date next_first() const;
  std::string id() const;  // "2026-Q4"
  auto operator<=>(const Quarter&) const = default;
};
std::optional<Quarter> parse_quarter(std::string_view);
Quarter quarter_of(Date d);

// The points of a computed indicator and what they came from (Vietnamese, for the screen).
struct ComputedPoints {
  Indicator indicator = Indicator::time_vs_limit;
  int centi = 0;
  bool empty = false;  // no dossier: rule.empty_centi was given
  std::string basis;
};
// Precondition: computed(i).
ComputedPoints compute(const RuleSet& rules, Indicator i, const Figures& f);
std::vector<ComputedPoints> compute_all(const RuleSet& rules, const Figures& f);

// Entered points: a JSON number in [0, 2] with at most two decimals → centi; invalid otherwise.
Result<int> entered_centi(double points);

// The band of a total (centi); the last band when none matches.
const Band& band_of(const RuleSet& rules, int total_centi);

// "15,25" — points as the province writes them (decimal comma, no trailing zeros past the comma).
std::string format_points(int centi);

}  // namespace motcua::evaluation
