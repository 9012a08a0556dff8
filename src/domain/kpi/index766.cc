#include "domain/kpi/index766.h"

#include <cmath>
#include <utility>

#include <boost/json.hpp>

#include "domain/rules/versioned.h"

namespace motcua::kpi::i766 {
namespace json = boost::json;
namespace {

struct GroupInfo {
  Group g;
  std::string_view id, label;
};
constexpr std::array<GroupInfo, kGroupCount> kGroups = {{
    {Group::transparency, "transparency", "Công khai, minh bạch"},
    {Group::progress, "progress", "Tiến độ, kết quả giải quyết"},
    {Group::online, "online", "Cung cấp dịch vụ trực tuyến"},
    {Group::satisfaction, "satisfaction", "Mức độ hài lòng"},
    {Group::digitisation, "digitisation", "Số hóa hồ sơ"},
}};

struct Info {
  Indicator i;
  Group g;
  std::string_view id, label, formula;
};
constexpr std::array<Info, kIndicatorCount> kInfo = {{
    {Indicator::published_on_time, Group::transparency, "published_on_time",
     "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
     "Số thủ tục công khai đúng hạn trên Cơ sở dữ liệu quốc gia về thủ tục hành chính / số thủ tục phải cập nhật, công khai "
     "trong kỳ × 100%"},
    {Indicator::dossiers_synced, Group::transparency, "dossiers_synced", "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
     "Số hồ sơ tiếp nhận trong kỳ đã được Cổng Dịch vụ công quốc gia xác nhận đồng bộ / số hồ sơ tiếp nhận trong kỳ × 100%"},
    {Indicator::progress_published, Group::transparency, "progress_published", "Tỷ lệ hồ sơ công khai tiến độ giải quyết",
     "Số hồ sơ có tiến độ cập nhật lên Cổng Dịch vụ công quốc gia / số hồ sơ phải cập nhật × 100% — hồ sơ phải cập nhật: hồ "
     "sơ đã giải quyết trong kỳ (trạng thái 9 «Đã xử lý xong»); có tiến độ cập nhật: Cổng đã xác nhận bước giải quyết (trạng "
     "thái 9 hoặc 10), nên đã nhận mọi bước trước đó (các bước của một hồ sơ gửi lần lượt, bước bị từ chối giữ các bước sau "
     "lại). Hồ sơ rút, dừng xử lý chưa tính: chưa có danh sách theo thời điểm rút, dừng"},
    {Indicator::handled_on_time, Group::progress, "handled_on_time", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
     "(Số hồ sơ đã giải quyết trước hạn, đúng hạn + số hồ sơ đang giải quyết trong hạn) / (số hồ sơ đã giải quyết trong kỳ + "
     "số hồ sơ đang giải quyết tại cuối ngày kết thúc kỳ) × 100% (quá hạn so với hạn hẹn lần đầu: xin lỗi, hẹn lại không làm "
     "hồ sơ thành đúng hạn)"},
    {Indicator::procedures_online, Group::online, "procedures_online", "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến",
     "Số thủ tục có dịch vụ công trực tuyến (một phần hoặc toàn trình) / số thủ tục của phạm vi × 100%"},
    {Indicator::procedures_with_online_dossiers, Group::online, "procedures_with_online_dossiers",
     "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến",
     "Số thủ tục có dịch vụ trực tuyến có ít nhất một hồ sơ trực tuyến tiếp nhận trong kỳ / số thủ tục có dịch vụ trực tuyến × 100%"},
    {Indicator::online_dossier_share, Group::online, "online_dossier_share", "Tỷ lệ hồ sơ trực tuyến",
     "Số hồ sơ trực tuyến / tổng số hồ sơ tiếp nhận trong kỳ của các thủ tục có dịch vụ trực tuyến × 100%"},
    {Indicator::payment_integrated, Group::online, "payment_integrated", "Tỷ lệ thủ tục có phí tích hợp thanh toán trực tuyến",
     "Số thủ tục có phí, lệ phí đã tích hợp thanh toán trực tuyến / số thủ tục có phí, lệ phí × 100%"},
    {Indicator::payment_with_transactions, Group::online, "payment_with_transactions",
     "Tỷ lệ thủ tục có phát sinh giao dịch thanh toán trực tuyến",
     "Số thủ tục có phí có ít nhất một khoản thanh toán trực tuyến thành công trong kỳ / số thủ tục có phí đã tích hợp thanh toán × 100%"},
    {Indicator::dossiers_paid_online, Group::online, "dossiers_paid_online", "Tỷ lệ hồ sơ thanh toán trực tuyến",
     "Số hồ sơ có khoản phí thanh toán trực tuyến thành công trong kỳ / số hồ sơ tiếp nhận trong kỳ của các thủ tục có phí × 100%"},
    {Indicator::feedback_on_time, Group::satisfaction, "feedback_on_time", "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
     "Số phản ánh, kiến nghị trả lời (lần đầu) trước hoặc đúng hạn / số phản ánh, kiến nghị được trả lời lần đầu trong kỳ × 100%"},
    {Indicator::feedback_satisfaction, Group::satisfaction, "feedback_satisfaction",
     "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
     "(Số phản ánh, kiến nghị đã trả lời − số phản ánh, kiến nghị có câu trả lời bị người gửi đánh giá không hài lòng) / số phản ánh, kiến nghị được trả lời lần đầu trong kỳ × 100%"},
    {Indicator::dossier_satisfaction, Group::satisfaction, "dossier_satisfaction",
     "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
     "(Số lượt đánh giá − số lượt không hài lòng) / số lượt đánh giá hồ sơ trong kỳ × 100%"},
    {Indicator::results_electronic, Group::digitisation, "results_electronic", "Tỷ lệ cấp kết quả giải quyết điện tử",
     "Số hồ sơ đã giải quyết có kết quả là văn bản điện tử có chữ ký số / số hồ sơ đã giải quyết trong kỳ × 100%"},
    {Indicator::components_digitised, Group::digitisation, "components_digitised",
     "Tỷ lệ hồ sơ thủ tục hành chính thực hiện số hóa hồ sơ",
     "Số hồ sơ tiếp nhận trong kỳ đã số hóa thành phần khi tiếp nhận (nộp trực tuyến; hoặc mọi thành phần nộp bằng giấy có "
     "bản quét đính kèm đúng tên thành phần trước hết ngày tiếp nhận) / số hồ sơ tiếp nhận trong kỳ × 100% (kết quả điện tử "
     "được đo riêng ở chỉ số cấp kết quả giải quyết điện tử)"},
    {Indicator::data_reused, Group::digitisation, "data_reused", "Tỷ lệ khai thác, sử dụng lại dữ liệu đã số hóa",
     "Số thành phần hồ sơ lấy từ Cơ sở dữ liệu quốc gia về dân cư thay cho giấy tờ / số thành phần có thể thay bằng dữ liệu đó "
     "trong kỳ × 100%"},
}};

const Info& info(Indicator i) { return kInfo[size_t(i)]; }

Error bad(const std::string& what) {
  return make_error(ErrorKind::invalid, "Tệp chỉ số Quyết định 766 không hợp lệ: " + what, "index766_rules");
}

// A JSON number × scale as an exact integer, or nullopt when not a number or finer than 1/scale.
std::optional<int64_t> scaled(const json::value* v, int scale) {
  if (!v || !v->is_number()) return std::nullopt;
  const double d = v->to_number<double>() * scale;
  const double r = std::round(d);
  if (std::fabs(d - r) > 1e-6 || std::fabs(r) > 1e9) return std::nullopt;
  return int64_t(r);
}

std::string text_of(const json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<RuleSet> set_of(const json::value& x) {
  if (!x.is_object()) return bad("mỗi phiên bản phải là một đối tượng");
  const auto& o = x.as_object();
  RuleSet s;
  const auto* ef = o.if_contains("effective_from");
  std::optional<Date> d = ef && ef->is_string() ? parse_date(std::string(ef->as_string())) : std::nullopt;
  if (!d) return bad("effective_from phải có dạng YYYY-MM-DD");
  s.effective_from = *d;
  s.legal_basis = text_of(o, "legal_basis");
  s.note = text_of(o, "note");
  if (s.legal_basis.empty()) return bad("thiếu căn cứ pháp lý (legal_basis) của phiên bản " + format_date(*d));
  const auto* ver = o.if_contains("verified");
  s.verified = ver && ver->is_bool() && ver->as_bool();
  const auto* ind = o.if_contains("indicators");
  if (!ind || !ind->is_object()) return bad("thiếu indicators");
  for (const auto& [k, v] : ind->as_object())
    if (!parse_indicator(std::string_view(k.data(), k.size())))
      return bad("chỉ số không biết: " + std::string(k.data(), k.size()));
  int64_t total = 0;
  for (const auto& in : kInfo) {
    const auto* r = ind->as_object().if_contains(in.id);
    if (!r || !r->is_object()) return bad("thiếu chỉ số " + std::string(in.id) + " ở phiên bản " + format_date(*d));
    auto pts = scaled(r->as_object().if_contains("points"), 100);
    auto tgt = scaled(r->as_object().if_contains("target"), 10000);
    if (!pts || *pts < 0) return bad("điểm của " + std::string(in.id) + " phải là số không âm, tối đa hai chữ số thập phân");
    if (!tgt || *tgt < 0 || *tgt > 10000) return bad("mức phải đạt của " + std::string(in.id) + " phải trong khoảng 0–1");
    const auto& ro = r->as_object();
    Rule rule{int(*pts), int(*tgt), text_of(ro, "basis")};
    for (auto [key, flag] : {std::pair{"points_verified", &rule.points_verified}, std::pair{"target_verified", &rule.target_verified}}) {
      const auto* f = ro.if_contains(key);
      if (f && !f->is_bool()) return bad(std::string(key) + " của " + std::string(in.id) + " phải là true hoặc false");
      *flag = f && f->as_bool();
    }
    rule.source = text_of(ro, "source");
    // A value presented as checked names where it was read (docs/legal_sources.md).
    if ((rule.points_verified || rule.target_verified) && rule.source.empty())
      return bad("chỉ số " + std::string(in.id) + " đánh dấu đã xác minh nhưng thiếu nguồn (source)");
    if (s.verified && !(rule.points_verified && rule.target_verified))
      return bad("phiên bản " + format_date(*d) + " ghi verified nhưng điểm hoặc mức phải đạt của " + std::string(in.id) +
                 " chưa xác minh");
    s.rules[size_t(in.i)] = std::move(rule);
    total += *pts;
  }
  if (total != 10000) return bad("tổng điểm của phiên bản " + format_date(*d) + " phải là 100");
  return s;
}

}  // namespace

std::string_view to_string(Group g) { return kGroups[size_t(g)].id; }
std::string_view label_vi(Group g) { return kGroups[size_t(g)].label; }
std::string_view to_string(Indicator i) { return info(i).id; }
std::string_view label_vi(Indicator i) { return info(i).label; }
std::string_view formula_vi(Indicator i) { return info(i).formula; }
Group group_of(Indicator i) { return info(i).g; }

std::optional<Indicator> parse_indicator(std::string_view s) {
  for (const auto& x : kInfo)
    if (x.id == s) return x.i;
  return std::nullopt;
}

const std::array<Indicator, kIndicatorCount>& all_indicators() {
  static const std::array<Indicator, kIndicatorCount> all = [] {
    std::array<Indicator, kIndicatorCount> a{};
    for (int k = 0; k < kIndicatorCount; ++k) a[size_t(k)] = Indicator(k);
    return a;
  }();
  return all;
}

Measure Measure::ratio(int64_t num, int64_t den, std::string empty_note) {
  Measure m;
  m.measured = true;
  m.num = num;
  m.den = den;
  if (den == 0) m.note = std::move(empty_note);
  return m;
}

Measure Measure::unmeasured(std::string why) {
  Measure m;
  m.note = std::move(why);
  return m;
}

Result<std::vector<RuleSet>> parse_rules(std::string_view text) {
  return rules::parse_versions<RuleSet>(text, set_of, bad);
}

const RuleSet* in_force(const std::vector<RuleSet>& sets, Date day) { return rules::in_force(sets, day); }

Score score(const Rule& r, Indicator i, const Measure& m) {
  Score s;
  s.indicator = i;
  s.measure = m;
  s.max_centi = r.max_centi;
  s.target_bp = r.target_bp;
  if (!m.measured || m.den <= 0) return s;
  // Rounded half up: ⌊(2·a + b) / 2b⌋ for a/b ≥ 0.
  s.value_bp = int((2 * 10000 * m.num + m.den) / (2 * m.den));
  // num/den ≥ target ⇔ 10000·num ≥ target·den (exact, no rounding at the edge).
  s.reached = 10000 * m.num >= int64_t(r.target_bp) * m.den;
  if (s.reached || r.target_bp == 0) {
    s.centi = r.max_centi;
  } else {
    // max × (num/den) / (target/10000) = max·num·10000 / (den·target)
    const int64_t a = int64_t(r.max_centi) * m.num * 10000, b = m.den * int64_t(r.target_bp);
    s.centi = int((2 * a + b) / (2 * b));
  }
  return s;
}

IndexScore score_all(const RuleSet& rules, const std::array<Measure, kIndicatorCount>& measures) {
  IndexScore out;
  for (const auto& g : kGroups) out.groups.push_back(GroupScore{g.g, 0, 0, 0, {}});
  for (const auto& in : kInfo) {
    const Rule& r = rules.rules[size_t(in.i)];
    Score s = score(r, in.i, measures[size_t(in.i)]);
    GroupScore& g = out.groups[size_t(in.g)];
    g.max_centi += r.max_centi;
    if (s.centi) {
      g.centi += *s.centi;
      g.scored_max_centi += r.max_centi;
    }
    g.indicators.push_back(std::move(s));
  }
  for (const auto& g : out.groups) {
    out.centi += g.centi;
    out.scored_max_centi += g.scored_max_centi;
    out.max_centi += g.max_centi;
  }
  return out;
}

std::array<Measure, kIndicatorCount> measures_of(const Figures& f) {
  std::array<Measure, kIndicatorCount> m;
  auto set = [&](Indicator i, Measure x) { m[size_t(i)] = std::move(x); };
  set(Indicator::published_on_time,
      Measure::unmeasured("Chưa đo: danh mục chưa ghi ngày quyết định công bố và ngày công khai thủ tục trên Cơ sở dữ liệu "
                          "quốc gia về thủ tục hành chính."));
  set(Indicator::dossiers_synced,
      f.synced ? Measure::ratio(*f.synced, f.received)
               : Measure::unmeasured("Chưa đo: phạm vi theo lĩnh vực, thủ tục chưa có số hồ sơ đã đồng bộ."));
  set(Indicator::progress_published,
      f.progress_published ? Measure::ratio(*f.progress_published, f.resolved, "Không có hồ sơ giải quyết trong kỳ")
                           : Measure::unmeasured("Chưa đo: chưa có số hồ sơ có tiến độ được Cổng Dịch vụ công quốc gia xác nhận."));
  // One ratio over the dossiers handled in the period: decided in it, or still open at its close.
  set(Indicator::handled_on_time, Measure::ratio((f.resolved - f.resolved_late) + (f.in_progress - f.overdue),
                                                 f.resolved + f.in_progress, "Không có hồ sơ giải quyết hoặc đang giải quyết"));
  set(Indicator::procedures_online, Measure::ratio(f.procedures_online, f.procedures, "Phạm vi không có thủ tục nào"));
  set(Indicator::procedures_with_online_dossiers,
      Measure::ratio(f.procedures_online_used, f.procedures_online, "Không có thủ tục có dịch vụ trực tuyến"));
  set(Indicator::online_dossier_share, Measure::ratio(f.received_online_of_online, f.received_of_online));
  set(Indicator::payment_integrated, Measure::ratio(f.fee_procedures_online, f.fee_procedures, "Không có thủ tục có phí"));
  set(Indicator::payment_with_transactions,
      Measure::ratio(f.fee_procedures_paid, f.fee_procedures_online, "Không có thủ tục có phí tích hợp thanh toán"));
  set(Indicator::dossiers_paid_online, Measure::ratio(f.dossiers_paid_online, f.received_of_fee));
  if (f.feedback) {
    set(Indicator::feedback_on_time, Measure::ratio(f.feedback->answered_on_time, f.feedback->answered, "Chưa có phản ánh, kiến nghị được trả lời"));
    set(Indicator::feedback_satisfaction,
        Measure::ratio(f.feedback->answered - std::min(f.feedback->rated_dissatisfied, f.feedback->answered), f.feedback->answered,
                       "Chưa có phản ánh, kiến nghị được trả lời"));
  } else {
    const char* why =
        "Chưa đo: số liệu phản ánh, kiến nghị được đếm theo tháng; hãy chọn kỳ gồm trọn các tháng (hoặc từ đầu tháng đến hôm nay).";
    set(Indicator::feedback_on_time, Measure::unmeasured(why));
    set(Indicator::feedback_satisfaction, Measure::unmeasured(why));
  }
  const int64_t rated = f.rated_very_satisfied + f.rated_satisfied + f.rated_dissatisfied;
  set(Indicator::dossier_satisfaction, Measure::ratio(rated - f.rated_dissatisfied, rated, "Chưa có đánh giá"));
  set(Indicator::results_electronic, Measure::ratio(f.results_electronic, f.resolved));
  set(Indicator::components_digitised, Measure::ratio(f.received_digitised, f.received));
  set(Indicator::data_reused, Measure::ratio(f.population_reused, f.population_reused + f.population_asked,
                                             "Không có thành phần hồ sơ có thể thay bằng dữ liệu dân cư"));
  return m;
}

}  // namespace motcua::kpi::i766
