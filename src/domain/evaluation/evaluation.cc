#include "domain/evaluation/evaluation.h"

#include <cmath>

#include <boost/json.hpp>

#include "domain/rules/versioned.h"

namespace motcua::evaluation {
namespace json = boost::json;

namespace {

struct Info {
  Indicator i;
  std::string_view id, label;
  bool computed;
};
constexpr Info kInfo[kIndicatorCount] = {
    {Indicator::time_vs_limit, "time_vs_limit", "Thời gian giải quyết so với thời hạn quy định", true},
    {Indicator::unit_time, "unit_time", "Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết", true},
    {Indicator::contacts, "contacts", "Số lần phải liên hệ để hoàn thiện hồ sơ", true},
    {Indicator::agencies, "agencies", "Số cơ quan, đơn vị phải liên hệ", true},
    {Indicator::one_stop, "one_stop", "Tiếp nhận, giải quyết tại Bộ phận Một cửa", true},
    {Indicator::published, "published", "Công khai thủ tục hành chính", false},
    {Indicator::attitude, "attitude", "Thái độ ứng xử của cán bộ, công chức, viên chức", false},
    {Indicator::feedback, "feedback", "Tiếp thu, giải trình phản ánh, kiến nghị", false},
    {Indicator::online, "online", "Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến", true},
};

const Info& info(Indicator i) { return kInfo[static_cast<int>(i)]; }

Error bad(std::string detail) { return make_error(ErrorKind::invalid, "Quy tắc đánh giá không hợp lệ: " + detail, "invalid_rules"); }

// A JSON number of points (0–2, at most two decimals) → centi.
std::optional<int> centi_of(const json::value& v) {
  if (!v.is_number()) return std::nullopt;
  auto r = entered_centi(v.to_number<double>());
  if (!r.ok()) return std::nullopt;
  return *r;
}

Result<IndicatorRule> rule_of(Indicator ind, const json::value& v) {
  std::string name(to_string(ind));
  if (!v.is_object()) return bad("thiếu quy tắc của chỉ số " + name);
  const auto& o = v.as_object();
  const auto* kind = o.if_contains("kind");
  IndicatorRule r;
  if (kind && kind->is_string() && kind->as_string() == "levels") {
    r.kind = IndicatorRule::Kind::levels;
    const auto* lv = o.if_contains("levels");
    if (!lv || !lv->is_object() || lv->as_object().empty()) return bad("chỉ số " + name + " thiếu levels");
    for (const auto& [k, p] : lv->as_object()) {
      auto c = centi_of(p);
      if (!c) return bad("điểm của mức " + std::string(k) + " (chỉ số " + name + ") phải từ 0 đến 2");
      r.levels.levels.emplace_back(std::string(k), *c);
    }
  } else if (kind && kind->is_string() && kind->as_string() == "share") {
    r.kind = IndicatorRule::Kind::share;
    const auto* th = o.if_contains("thresholds");
    if (!th || !th->is_array() || th->as_array().empty()) return bad("chỉ số " + name + " thiếu thresholds");
    int last = 1001;
    for (const auto& t : th->as_array()) {
      const auto* mn = t.is_object() ? t.as_object().if_contains("min_share") : nullptr;
      const auto* pt = t.is_object() ? t.as_object().if_contains("points") : nullptr;
      if (!mn || !mn->is_number() || !pt) return bad("ngưỡng của chỉ số " + name + " cần min_share và points");
      double s = mn->to_number<double>();
      if (s < 0 || s > 1) return bad("min_share của chỉ số " + name + " phải từ 0 đến 1");
      int pm = int(std::lround(s * 1000));
      if (pm >= last) return bad("ngưỡng của chỉ số " + name + " phải xếp từ cao xuống thấp");
      last = pm;
      auto c = centi_of(*pt);
      if (!c) return bad("điểm của chỉ số " + name + " phải từ 0 đến 2");
      r.share.thresholds.emplace_back(pm, *c);
    }
  } else {
    return bad("chỉ số " + name + ": kind phải là levels hoặc share");
  }
  return r;
}

Result<RuleSet> set_of(const json::value& v) {
  if (!v.is_object()) return bad("mỗi phiên bản phải là một đối tượng");
  const auto& o = v.as_object();
  RuleSet s;
  const auto* ef = o.if_contains("effective_from");
  std::optional<Date> d = ef && ef->is_string() ? parse_date(std::string(ef->as_string())) : std::nullopt;
  if (!d) return bad("effective_from phải là ngày YYYY-MM-DD");
  s.effective_from = *d;
  if (const auto* lb = o.if_contains("legal_basis"); lb && lb->is_string()) s.legal_basis = std::string(lb->as_string());
  if (s.legal_basis.empty()) return bad("thiếu legal_basis (căn cứ pháp lý)");
  if (const auto* n = o.if_contains("note"); n && n->is_string()) s.note = std::string(n->as_string());
  if (const auto* vf = o.if_contains("verified"); vf && vf->is_bool()) s.verified = vf->as_bool();
  if (const auto* ep = o.if_contains("empty_points")) {
    auto c = centi_of(*ep);
    if (!c) return bad("empty_points phải từ 0 đến 2");
    s.empty_centi = *c;
  }
  if (const auto* ty = o.if_contains("one_stop_agency_types")) {
    if (!ty->is_array()) return bad("one_stop_agency_types phải là một mảng");
    s.one_stop_agency_types.clear();
    for (const auto& t : ty->as_array()) {
      if (!t.is_string()) return bad("one_stop_agency_types chỉ gồm chuỗi");
      s.one_stop_agency_types.emplace_back(t.as_string());
    }
  }
  const auto* inds = o.if_contains("indicators");
  if (!inds || !inds->is_object()) return bad("thiếu indicators");
  for (Indicator i : all_indicators()) {
    if (!computed(i)) continue;
    const auto* r = inds->as_object().if_contains(to_string(i));
    if (!r) return bad("thiếu quy tắc của chỉ số " + std::string(to_string(i)));
    MC_ASSIGN(s.rules[static_cast<int>(i)], rule_of(i, *r));
  }
  const auto* bands = o.if_contains("bands");
  if (!bands || !bands->is_array() || bands->as_array().empty()) return bad("thiếu bands (xếp loại)");
  int last = 1801;
  for (const auto& b : bands->as_array()) {
    if (!b.is_object()) return bad("mỗi xếp loại phải là một đối tượng");
    const auto& bo = b.as_object();
    Band band;
    const auto* id = bo.if_contains("id");
    const auto* label = bo.if_contains("label");
    const auto* mn = bo.if_contains("min_points");
    if (!id || !id->is_string() || !label || !label->is_string() || !mn || !mn->is_number())
      return bad("xếp loại cần id, label, min_points");
    band.id = std::string(id->as_string());
    band.label = std::string(label->as_string());
    double m = mn->to_number<double>();
    if (m < 0 || m > 18) return bad("min_points của xếp loại phải từ 0 đến 18");
    band.min_centi = int(std::lround(m * 100));
    if (const auto* inc = bo.if_contains("inclusive"); inc && inc->is_bool()) band.inclusive = inc->as_bool();
    if (band.min_centi > last) return bad("xếp loại phải xếp từ cao xuống thấp");
    last = band.min_centi;
    s.bands.push_back(std::move(band));
  }
  return s;
}

std::string count_text(int64_t n, std::string_view what) { return std::to_string(n) + " " + std::string(what); }

int64_t level_count(const Figures& f, Indicator i, const std::string& key) {
  switch (i) {
    case Indicator::time_vs_limit:
      return key == "early" ? f.early : key == "on_time" ? f.on_time : key == "late" ? f.late : 0;
    case Indicator::unit_time:
      return key == "early" ? f.units_early : key == "on_time" ? f.units_on_time : key == "late" ? f.units_late : 0;
    case Indicator::contacts:
      return key == "1" ? f.contacts_1 : key == "2" ? f.contacts_2 : key == "3" ? f.contacts_3 : 0;
    case Indicator::agencies:
      return key == "1" ? f.agencies_1 : key == "2" ? f.agencies_2 : key == "3" ? f.agencies_3 : 0;
    default: return 0;
  }
}

std::string level_words(Indicator i, const std::string& key) {
  if (i == Indicator::time_vs_limit || i == Indicator::unit_time)
    return key == "early" ? "trước hạn" : key == "on_time" ? "đúng hạn" : key == "late" ? "quá hạn" : key;
  if (i == Indicator::contacts) return "liên hệ " + key + " lần";
  return key + " cơ quan";
}

}  // namespace

std::string_view to_string(Indicator i) { return info(i).id; }
std::string_view label_vi(Indicator i) { return info(i).label; }
bool computed(Indicator i) { return info(i).computed; }

std::optional<Indicator> parse_indicator(std::string_view s) {
  for (const auto& x : kInfo)
    if (x.id == s) return x.i;
  return std::nullopt;
}

const std::array<Indicator, kIndicatorCount>& all_indicators() {
  static const std::array<Indicator, kIndicatorCount> all = {
      Indicator::time_vs_limit, Indicator::unit_time, Indicator::contacts, Indicator::agencies, Indicator::one_stop,
      Indicator::published,     Indicator::attitude,  Indicator::feedback, Indicator::online};
  return all;
}

Result<std::vector<RuleSet>> parse_rules(std::string_view text) {
  return rules::parse_versions<RuleSet>(text, set_of, bad);
}

const RuleSet* in_force(const std::vector<RuleSet>& sets, Date day) { return rules::in_force(sets, day); }

Date Quarter::first() const { return Date{year, (q - 1) * 3 + 1, 1}; }
Date Quarter::next_first() const { return q == 4 ? Date{year + 1, 1, 1} : Date{year, q * 3 + 1, 1}; }
std::string Quarter::id() const { return std::to_string(year) + "-Q" + std::to_string(q); }

std::optional<Quarter> parse_quarter(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4') return std::nullopt;
  int y = 0;
  for (int k = 0; k < 4; ++k) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
    y = y * 10 + (s[k] - '0');
  }
  if (y < 2000 || y > 2999) return std::nullopt;
  return Quarter{y, s[6] - '0'};
}

Quarter quarter_of(Date d) { return Quarter{d.year, (d.month - 1) / 3 + 1}; }

ComputedPoints compute(const RuleSet& rules, Indicator i, const Figures& f) {
  ComputedPoints out{i, 0, false, {}};
  const IndicatorRule& r = rules.rules[static_cast<int>(i)];
  if (f.resolved == 0) {
    out.centi = rules.empty_centi;
    out.empty = true;
    out.basis = "Không có hồ sơ giải quyết xong trong quý";
    return out;
  }
  if (r.kind == IndicatorRule::Kind::levels) {
    // Mean of per-dossier points, rounded half up to hundredths: Σ points·n / Σ n.
    int64_t sum = 0, n = 0;
    for (const auto& [key, centi] : r.levels.levels) {
      int64_t c = level_count(f, i, key);
      sum += c * centi;
      n += c;
      if (c > 0) out.basis += (out.basis.empty() ? "" : ", ") + count_text(c, level_words(i, key));
    }
    out.centi = n == 0 ? 0 : int((2 * sum + n) / (2 * n));
    out.basis += " (" + std::to_string(n) + " hồ sơ)";
    return out;
  }
  int64_t num = i == Indicator::one_stop ? f.one_stop : f.online;
  // share ≥ t per-mille ⇔ 1000·num ≥ t·resolved (integers, no rounding at the edge)
  for (const auto& [pm, centi] : r.share.thresholds) {
    if (1000 * num >= int64_t(pm) * f.resolved) {
      out.centi = centi;
      break;
    }
  }
  int64_t pct10 = (1000 * num + f.resolved / 2) / f.resolved;  // per-mille, rounded
  out.basis = std::to_string(num) + "/" + std::to_string(f.resolved) + " hồ sơ (" + std::to_string(pct10 / 10) + "," +
              std::to_string(pct10 % 10) + "%)" +
              (i == Indicator::one_stop ? " tiếp nhận qua Bộ phận Một cửa hoặc trực tuyến" : " nộp trực tuyến");
  return out;
}

std::vector<ComputedPoints> compute_all(const RuleSet& rules, const Figures& f) {
  std::vector<ComputedPoints> out;
  for (Indicator i : all_indicators())
    if (computed(i)) out.push_back(compute(rules, i, f));
  return out;
}

Result<int> entered_centi(double points) {
  Error e = make_error(ErrorKind::invalid, "Điểm của mỗi chỉ số phải từ 0 đến 2, tối đa hai chữ số thập phân.",
                       "invalid_points");
  if (!std::isfinite(points) || points < 0 || points > 2) return e;
  double c = points * 100;
  long r = std::lround(c);
  if (std::fabs(c - double(r)) > 1e-6) return e;
  return int(r);
}

const Band& band_of(const RuleSet& rules, int total) {
  for (const auto& b : rules.bands)
    if (b.inclusive ? total >= b.min_centi : total > b.min_centi) return b;
  return rules.bands.back();
}

std::string format_points(int centi) {
  std::string s = std::to_string(centi / 100);
  int frac = centi % 100;
  if (frac == 0) return s;
  s += ',';
  s += char('0' + frac / 10);
  if (frac % 10) s += char('0' + frac % 10);
  return s;
}

}  // namespace motcua::evaluation
