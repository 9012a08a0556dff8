// The quarterly evaluation's use cases (evaluation_service.h).
#include "app/evaluation/evaluation_service.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "app/idempotency.h"
#include "app/journal.h"
#include "domain/org/policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using evaluation::Indicator;

namespace {

Error not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan."); }
Error staff_only() {
  return make_error(ErrorKind::forbidden, "Chỉ cán bộ, công chức được xem và chấm điểm đánh giá cơ quan.", "staff_only");
}

// The figures as stored with the evaluation (frozen at the self score), and back.
struct FigureField {
  const char* key;
  int64_t evaluation::Figures::*field;
};
constexpr FigureField kFigureFields[] = {
    {"resolved", &evaluation::Figures::resolved},       {"early", &evaluation::Figures::early},
    {"on_time", &evaluation::Figures::on_time},         {"late", &evaluation::Figures::late},
    {"units_early", &evaluation::Figures::units_early}, {"units_on_time", &evaluation::Figures::units_on_time},
    {"units_late", &evaluation::Figures::units_late},   {"contacts_1", &evaluation::Figures::contacts_1},
    {"contacts_2", &evaluation::Figures::contacts_2},   {"contacts_3", &evaluation::Figures::contacts_3},
    {"agencies_1", &evaluation::Figures::agencies_1},   {"agencies_2", &evaluation::Figures::agencies_2},
    {"agencies_3", &evaluation::Figures::agencies_3},   {"one_stop", &evaluation::Figures::one_stop},
    {"online", &evaluation::Figures::online},
};

std::string frozen_json(const evaluation::Figures& f, const std::vector<evaluation::ComputedPoints>& pts) {
  json::object fig, comp;
  for (const auto& k : kFigureFields) fig[k.key] = f.*k.field;
  for (const auto& p : pts)
    comp[evaluation::to_string(p.indicator)] = json::object{{"centi", p.centi}, {"basis", p.basis}, {"empty", p.empty}};
  return json::serialize(json::object{{"figures", fig}, {"computed", comp}});
}

struct Frozen {
  evaluation::Figures figures;
  std::vector<evaluation::ComputedPoints> computed;
};

Frozen frozen_of(const std::string& text) {
  Frozen out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  if (const auto* fig = v.as_object().if_contains("figures"); fig && fig->is_object())
    for (const auto& k : kFigureFields)
      if (const auto* n = fig->as_object().if_contains(k.key); n && n->is_int64()) out.figures.*k.field = n->as_int64();
  if (const auto* comp = v.as_object().if_contains("computed"); comp && comp->is_object())
    for (Indicator i : evaluation::all_indicators()) {
      if (!evaluation::computed(i)) continue;
      const auto* p = comp->as_object().if_contains(evaluation::to_string(i));
      if (!p || !p->is_object()) continue;
      evaluation::ComputedPoints cp{i, 0, false, {}};
      if (const auto* c = p->as_object().if_contains("centi"); c && c->is_int64()) cp.centi = int(c->as_int64());
      if (const auto* b = p->as_object().if_contains("basis"); b && b->is_string()) cp.basis = std::string(b->as_string());
      if (const auto* e = p->as_object().if_contains("empty"); e && e->is_bool()) cp.empty = e->as_bool();
      out.computed.push_back(std::move(cp));
    }
  return out;
}

std::map<std::string, int> points_of(const std::string& text) {
  std::map<std::string, int> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, n] : v.as_object())
    if (n.is_int64()) out[std::string(k)] = int(n.as_int64());
  return out;
}

std::string points_json(const std::map<std::string, int>& pts) {
  json::object o;
  for (const auto& [k, c] : pts) o[k] = c;
  return json::serialize(o);
}

// The entered points, each of the three exactly once, in hundredths.
Result<std::map<std::string, int>> entered_of(const EnteredPoints& in) {
  Error e = make_error(ErrorKind::invalid, "Điểm chấm không hợp lệ.", "invalid_points");
  std::map<std::string, int> out;
  for (const auto& [key, pts] : in.points) {
    auto ind = evaluation::parse_indicator(key);
    if (!ind) {
      e.fields.push_back({"points." + key, "Không có chỉ số này"});
      continue;
    }
    if (evaluation::computed(*ind)) {
      e.code = "computed_indicator";
      e.fields.push_back({"points." + key, "Chỉ số này do hệ thống tính từ hồ sơ, không chấm tay"});
      continue;
    }
    auto c = evaluation::entered_centi(pts);
    if (!c.ok()) {
      e.fields.push_back({"points." + key, "Điểm từ 0 đến 2, tối đa hai chữ số thập phân"});
      continue;
    }
    out[key] = *c;
  }
  for (Indicator i : evaluation::all_indicators())
    if (!evaluation::computed(i) && !out.count(std::string(evaluation::to_string(i))) &&
        !in.points.count(std::string(evaluation::to_string(i)))) {
      if (e.fields.empty()) e.code = "missing_points";
      e.fields.push_back({"points." + std::string(evaluation::to_string(i)),
                          "Thiếu điểm chỉ số «" + std::string(evaluation::label_vi(i)) + "»"});
    }
  if (!e.fields.empty()) {
    if (e.code == "missing_points") e.detail = "Cần chấm đủ ba chỉ số: công khai thủ tục, thái độ ứng xử, xử lý phản ánh.";
    if (e.code == "computed_indicator") e.detail = "Chỉ chấm tay ba chỉ số do con người đánh giá; sáu chỉ số còn lại hệ thống tính từ hồ sơ.";
    return e;
  }
  return out;
}

bool current_agency(const store::AgencyRec& ag, const std::string& today) {
  return ag.valid_to.empty() || ag.valid_to >= today;
}

}  // namespace

Result<std::shared_ptr<const std::vector<evaluation::RuleSet>>> EvaluationService::rules() {
  std::lock_guard lock(rules_mu_);
  if (rules_) return rules_;
  const std::string path = cfg_.evaluation_rules.empty() ? cfg_.seed_dir + "/evaluation_rules.json" : cfg_.evaluation_rules;
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::internal, "Không đọc được quy tắc đánh giá (" + path + ").", "rules_missing");
  std::stringstream ss;
  ss << in.rdbuf();
  MC_ASSIGN(auto sets, evaluation::parse_rules(ss.str()));
  rules_ = std::make_shared<const std::vector<evaluation::RuleSet>>(std::move(sets));
  return rules_;
}

Result<EvaluationService::Scope> EvaluationService::scope(const Actor& a, const std::string& agency_id,
                                                          const std::string& quarter) {
  if (!a.is_staff()) return staff_only();
  auto q = evaluation::parse_quarter(quarter);
  if (!q) {
    Error e = make_error(ErrorKind::invalid, "Quý phải có dạng YYYY-Qn, ví dụ 2026-Q4.", "invalid_quarter");
    e.fields.push_back({"quarter", "Dạng YYYY-Qn"});
    return e;
  }
  if (agency_id.empty() || agency_id.size() > 64) return not_found();
  MC_ASSIGN(auto ag, catalogue_.agency(agency_id));
  if (!ag) return not_found();
  Scope s;
  s.agency = ag;
  s.parent_id = ag->parent_id;
  s.quarter = *q;
  if (!org::may_read_evaluation(a.reader(), ag->id, s.parent_id)) return not_found();
  if (!s.parent_id.empty()) {
    MC_ASSIGN(auto parent, catalogue_.agency(s.parent_id));
    if (parent) s.parent_name = parent->name;
  }
  MC_ASSIGN(s.all_rules, rules());
  s.rules = evaluation::in_force(*s.all_rules, q->first());
  if (!s.rules)
    return make_error(ErrorKind::invalid, "Chưa có quy tắc đánh giá có hiệu lực cho quý " + q->id() + ".", "no_rules");
  return s;
}

Result<EvaluationView> EvaluationService::build(const Actor& a, const Scope& s) {
  EvaluationView v;
  v.agency = *s.agency;
  v.parent_name = s.parent_name;
  v.quarter = s.quarter;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(v.stored, store::get_evaluation(c, s.agency->id, s.quarter.id()));
    MC_ASSIGN(v.history, store::evaluation_events(c, s.agency->id, s.quarter.id()));
    return ok_status();
  }));
  // The rules: as stored with the evaluation, else those in force on the quarter's first day.
  const evaluation::RuleSet* rules = s.rules;
  if (v.stored)
    for (const auto& r : *s.all_rules)
      if (format_date(r.effective_from) == v.stored->rules_from) rules = &r;
  v.rules_from = format_date(rules->effective_from);
  v.legal_basis = rules->legal_basis;
  v.rules_note = rules->note;
  v.rules_verified = rules->verified;
  v.bands = rules->bands;

  std::vector<evaluation::ComputedPoints> computed;
  std::map<std::string, int> self, appraised;
  if (v.stored) {
    Frozen f = frozen_of(v.stored->figures);
    v.figures = f.figures;
    computed = std::move(f.computed);
    self = points_of(v.stored->self_points);
    appraised = points_of(v.stored->appraised_points);
    v.state = v.stored->state;
  } else {
    const Millis from = local_instant(s.quarter.first(), 0), to = local_instant(s.quarter.next_first(), 0);
    MC_ASSIGN(v.figures, figures_.quarter(s.agency->id, from, std::min(to, clock_.now() + 1), rules->one_stop_agency_types));
    computed = evaluation::compute_all(*rules, v.figures);
    v.state = "open";
  }
  v.complete = true;
  for (Indicator i : evaluation::all_indicators()) {
    IndicatorScore sc;
    sc.indicator = i;
    sc.computed = evaluation::computed(i);
    const std::string id(evaluation::to_string(i));
    if (sc.computed) {
      for (const auto& p : computed)
        if (p.indicator == i) sc.centi = p.centi, sc.basis = p.basis, sc.empty = p.empty;
    } else {
      if (self.count(id)) sc.self_centi = self[id];
      if (appraised.count(id)) sc.appraised_centi = appraised[id];
      sc.centi = sc.appraised_centi ? sc.appraised_centi : sc.self_centi;
    }
    if (sc.centi)
      v.total_centi += *sc.centi;
    else
      v.complete = false;
    v.indicators.push_back(std::move(sc));
  }
  if (v.stored) {
    v.band_id = v.stored->band;
    for (const auto& b : rules->bands)
      if (b.id == v.band_id) v.band_label = b.label;
  }
  std::vector<std::string> months;
  for (int m = 0; m < 3; ++m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04d-%02d", s.quarter.year, (s.quarter.q - 1) * 3 + 1 + m);
    months.emplace_back(buf);
  }
  MC_ASSIGN(v.ratings, figures_.ratings(s.agency->id, months));
  const auto reader = a.reader();
  v.may_self_score = org::may_self_score(reader, s.agency->id) && v.state != "appraised";
  v.may_appraise = org::may_appraise(reader, s.agency->id, s.parent_id) && v.state == "self_scored";
  return v;
}

Result<EvaluationView> EvaluationService::view(const Actor& a, const std::string& agency_id, const std::string& quarter) {
  MC_ASSIGN(Scope s, scope(a, agency_id, quarter));
  return build(a, s);
}

Result<std::vector<EvaluationSummary>> EvaluationService::overview(const Actor& a, const std::string& quarter) {
  if (!a.is_staff()) return staff_only();
  auto q = evaluation::parse_quarter(quarter);
  if (!q) return make_error(ErrorKind::invalid, "Quý phải có dạng YYYY-Qn, ví dụ 2026-Q4.", "invalid_quarter");
  MC_ASSIGN(auto sets, rules());
  const evaluation::RuleSet* r = evaluation::in_force(*sets, q->first());
  const std::string today = format_date(local_date(clock_.now()));
  std::vector<store::AgencyRec> agencies;
  std::vector<store::EvaluationRec> stored;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(agencies, store::list_agencies(c));
    MC_ASSIGN(stored, store::evaluations_in(c, q->id()));
    return ok_status();
  }));
  const auto reader = a.reader();
  std::vector<EvaluationSummary> out;
  for (auto& ag : agencies) {
    if (!current_agency(ag, today) || !org::may_read_evaluation(reader, ag.id, ag.parent_id)) continue;
    EvaluationSummary s;
    for (auto& e : stored)
      if (e.agency_id == ag.id) s.stored = e;
    if (s.stored && r)
      for (const auto& b : r->bands)
        if (b.id == s.stored->band) s.band_label = b.label;
    s.agency = std::move(ag);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<EvaluationSummary>> EvaluationService::history(const Actor& a, const std::string& agency_id) {
  if (!a.is_staff()) return staff_only();
  if (agency_id.empty() || agency_id.size() > 64) return not_found();
  MC_ASSIGN(auto ag, catalogue_.agency(agency_id));
  if (!ag || !org::may_read_evaluation(a.reader(), ag->id, ag->parent_id)) return not_found();
  MC_ASSIGN(auto sets, rules());
  std::vector<store::EvaluationRec> rows;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::evaluations_of(c, ag->id, 40));
    return ok_status();
  }));
  std::vector<EvaluationSummary> out;
  for (auto& e : rows) {
    EvaluationSummary s;
    s.agency = *ag;
    for (const auto& set : *sets)
      if (format_date(set.effective_from) == e.rules_from)
        for (const auto& b : set.bands)
          if (b.id == e.band) s.band_label = b.label;
    s.stored = std::move(e);
    out.push_back(std::move(s));
  }
  return out;
}

Result<EvaluationView> EvaluationService::self_score(const Actor& a, const std::string& agency_id,
                                                     const std::string& quarter, const EnteredPoints& in,
                                                     const std::string& idem_key, const std::string& body_hash) {
  return enter(a, agency_id, quarter, in, false, idem_key, body_hash);
}

Result<EvaluationView> EvaluationService::appraise(const Actor& a, const std::string& agency_id,
                                                   const std::string& quarter, const EnteredPoints& in,
                                                   const std::string& idem_key, const std::string& body_hash) {
  return enter(a, agency_id, quarter, in, true, idem_key, body_hash);
}

Result<EvaluationView> EvaluationService::enter(const Actor& a, const std::string& agency_id,
                                                const std::string& quarter, const EnteredPoints& in, bool appraisal,
                                                const std::string& idem_key, const std::string& body_hash) {
  MC_ASSIGN(Scope s, scope(a, agency_id, quarter));
  const auto reader = a.reader();
  if (!appraisal && !org::may_self_score(reader, s.agency->id))
    return make_error(ErrorKind::forbidden, "Chỉ lãnh đạo cơ quan được tự chấm điểm cho cơ quan mình.", "not_agency_leader");
  if (appraisal && !org::may_appraise(reader, s.agency->id, s.parent_id))
    return make_error(ErrorKind::forbidden,
                      "Chỉ lãnh đạo cơ quan cấp trên hoặc Văn phòng UBND tỉnh được thẩm định kết quả tự chấm.",
                      "not_superior");
  const Millis now = clock_.now();
  if (s.quarter.first() > local_date(now))
    return make_error(ErrorKind::invalid, "Quý " + s.quarter.id() + " chưa bắt đầu; chưa thể chấm điểm.", "future_quarter");
  MC_ASSIGN(auto entered, entered_of(in));
  if (in.note.size() > 4000) return make_error(ErrorKind::invalid, "Ghi chú quá dài (tối đa 4000 byte).", "note_too_long");

  // The figures as they stand now: frozen with the self score (a revised self score refreshes them).
  std::string frozen;
  int computed_sum = 0;
  if (!appraisal) {
    const Millis from = local_instant(s.quarter.first(), 0), to = local_instant(s.quarter.next_first(), 0);
    MC_ASSIGN(auto figures, figures_.quarter(s.agency->id, from, std::min(to, now + 1), s.rules->one_stop_agency_types));
    auto pts = evaluation::compute_all(*s.rules, figures);
    for (const auto& p : pts) computed_sum += p.centi;
    frozen = frozen_json(figures, pts);
  }
  const Idempotency idem =
      idempotency(a, idem_key, appraisal ? "evaluation_appraisal" : "evaluation_self_score",
                  s.agency->id + "|" + s.quarter.id(), body_hash);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_ASSIGN(auto cur, store::get_evaluation(c, s.agency->id, s.quarter.id()));
      if (cur && cur->state == "appraised")
        return make_error(ErrorKind::conflict, "Kết quả đánh giá quý này đã được thẩm định; không thể chấm lại.",
                          "evaluation_appraised");
      store::EvaluationRec e;
      const evaluation::RuleSet* rules = s.rules;
      if (appraisal) {
        if (!cur)
          return make_error(ErrorKind::conflict, "Cơ quan chưa tự chấm điểm quý này; chưa thể thẩm định.",
                            "not_self_scored");
        if (cur->self_by == a.label())
          return make_error(ErrorKind::forbidden, "Người tự chấm không thẩm định kết quả của chính mình.", "not_superior");
        e = *cur;
        for (const auto& r : *s.all_rules)
          if (format_date(r.effective_from) == e.rules_from) rules = &r;
        e.state = "appraised";
        e.appraised_points = points_json(entered);
        e.appraised_by = a.label();
        e.appraised_at = now;
        e.appraisal_note = in.note;
        e.version += 1;
        computed_sum = 0;
        for (const auto& p : frozen_of(e.figures).computed) computed_sum += p.centi;
      } else {
        if (cur) e = *cur;
        e.agency_id = s.agency->id;
        e.quarter = s.quarter.id();
        e.state = "self_scored";
        e.rules_from = format_date(s.rules->effective_from);
        e.figures = frozen;
        e.self_points = points_json(entered);
        e.self_by = a.label();
        e.self_at = now;
        e.self_note = in.note;
        e.version = cur ? cur->version + 1 : 1;
      }
      int total = computed_sum;
      for (const auto& [k, c2] : entered) total += c2;
      e.total_centi = total;
      e.band = evaluation::band_of(*rules, total).id;
      if (!cur)
        MC_TRY(store::insert_evaluation(c, e));
      else
        MC_TRY(store::update_evaluation(c, e));
      const std::string action = appraisal ? "appraised" : "self_scored";
      MC_TRY(store::insert_evaluation_event(c, store::EvaluationEventRec{0, e.agency_id, e.quarter, now, a.label(), action,
                                                                         points_json(entered), total, e.band, in.note}));
      json::object pts;
      for (const auto& [k, c2] : entered) pts[k] = c2;
      MC_TRY(audit(c, now, a.label(), "evaluation." + action, "agency:" + e.agency_id,
                   json::object{{"quarter", e.quarter}, {"points", pts}, {"total_centi", total}, {"band", e.band}}));
      return e.agency_id + "|" + e.quarter;
    }));
    (void)made;
    return ok_status();
  }));
  return build(a, s);
}

}  // namespace motcua::app
