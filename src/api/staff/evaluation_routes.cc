// The quarterly evaluation of agencies and the procedure review (issue 14):
//   GET  /api/v1/evaluations?quarter=2026-Q4                      the agencies the reader may see
//   GET  /api/v1/agencies/{id}/evaluations                        one agency's history
//   GET  /api/v1/agencies/{id}/evaluations/{quarter}              one quarter, in full
//   POST /api/v1/agencies/{id}/evaluations/{quarter}/self-score   the agency's leader scores it
//   POST /api/v1/agencies/{id}/evaluations/{quarter}/appraisal    the superior appraises
//   GET  /api/v1/reviews/procedures?year=…                        the procedure review (JSON)
//   GET  /api/v1/reviews/procedures.xlsx?year=…                   the same, as a workbook
#include <charconv>

#include "api/context.h"
#include "common/json_writer.h"

namespace motcua::api {
using http::Request;
using http::Response;

namespace {

void instant(JsonWriter& w, std::string_view k, Millis t) {
  w.key(k);
  if (t) w.string(format_rfc3339_local(t));
  else w.null();
}

// Points as a JSON number with at most two decimals (169 → 1.69).
void points(JsonWriter& w, std::string_view k, std::optional<int> centi) {
  w.key(k);
  if (centi) w.hundredths(*centi);
  else w.null();
}

std::string default_quarter() {
  Date d = local_date(now_ms());
  return evaluation::quarter_of(d).id();
}

void write_summary(JsonWriter& w, const app::EvaluationSummary& s) {
  w.begin_object().key("agency").begin_object().field("id", s.agency.id).field("name", s.agency.name).end_object();
  if (s.stored) {
    w.field("quarter", s.stored->quarter).field("state", s.stored->state);
    points(w, "total", int(s.stored->total_centi));
    w.field("band", s.stored->band).field("band_label", s.band_label);
    instant(w, "self_scored_at", s.stored->self_at);
    instant(w, "appraised_at", s.stored->appraised_at);
  } else {
    w.field("state", "open").key("total").null().key("band").null();
  }
  w.end_object();
}

void write_figures(JsonWriter& w, const evaluation::Figures& f) {
  w.key("figures").begin_object()
      .field("resolved", f.resolved).field("early", f.early).field("on_time", f.on_time).field("late", f.late)
      .field("units_early", f.units_early).field("units_on_time", f.units_on_time).field("units_late", f.units_late)
      .field("contacts_1", f.contacts_1).field("contacts_2", f.contacts_2).field("contacts_3", f.contacts_3)
      .field("agencies_1", f.agencies_1).field("agencies_2", f.agencies_2).field("agencies_3", f.agencies_3)
      .field("one_stop", f.one_stop).field("online", f.online)
      .end_object();
}

Response view_reply(int status, Result<app::EvaluationView> r) {
  if (!r.ok()) return Response::problem(r.error());
  const app::EvaluationView& v = *r;
  JsonWriter w;
  w.begin_object()
      .key("agency").begin_object().field("id", v.agency.id).field("name", v.agency.name)
      .field("parent_name", v.parent_name).end_object()
      .field("quarter", v.quarter.id())
      .field("period_from", format_date(v.quarter.first()))
      .field("period_to", format_date(add_days(v.quarter.next_first(), -1)))
      .field("state", v.state);
  w.key("rules").begin_object().field("effective_from", v.rules_from).field("legal_basis", v.legal_basis)
      .field("verified", v.rules_verified).field("note", v.rules_note).key("bands").begin_array();
  for (const auto& b : v.bands) {
    w.begin_object().field("id", b.id).field("label", b.label);
    points(w, "min_points", b.min_centi);
    w.field("inclusive", b.inclusive).end_object();
  }
  w.end_array().end_object();
  write_figures(w, v.figures);
  w.key("indicators").begin_array();
  int n = 0;
  for (const auto& i : v.indicators) {
    w.begin_object().field("number", ++n).field("id", evaluation::to_string(i.indicator))
        .field("label", evaluation::label_vi(i.indicator)).field("computed", i.computed);
    points(w, "points", i.centi);
    if (i.computed) {
      w.field("basis", i.basis).field("empty", i.empty);
    } else {
      points(w, "self_points", i.self_centi);
      points(w, "appraised_points", i.appraised_centi);
    }
    w.end_object();
  }
  w.end_array();
  points(w, "total", v.total_centi);
  points(w, "max", 1800);
  w.field("complete", v.complete);
  if (v.band_id.empty()) w.key("band").null();
  else w.key("band").begin_object().field("id", v.band_id).field("label", v.band_label).end_object();
  if (v.stored) {
    const auto& e = *v.stored;
    w.key("self_score").begin_object().field("by", e.self_by);
    instant(w, "at", e.self_at);
    w.field("note", e.self_note).end_object();
    w.key("appraisal");
    if (e.appraised_at) {
      w.begin_object().field("by", e.appraised_by);
      instant(w, "at", e.appraised_at);
      w.field("note", e.appraisal_note).end_object();
    } else {
      w.null();
    }
    w.field("version", e.version);
  } else {
    w.key("self_score").null().key("appraisal").null();
  }
  w.key("history").begin_array();
  for (const auto& h : v.history) {
    w.begin_object().field("action", h.action).field("by", h.actor);
    instant(w, "at", h.at);
    points(w, "total", int(h.total_centi));
    w.field("band", h.band).field("note", h.note).key("points").raw(h.points.empty() ? "{}" : h.points).end_object();
  }
  w.end_array();
  w.key("ratings").begin_object().field("very_satisfied", v.ratings.very_satisfied)
      .field("satisfied", v.ratings.satisfied).field("dissatisfied", v.ratings.dissatisfied)
      .field("total", v.ratings.total()).end_object();
  w.key("may").begin_object().field("self_score", v.may_self_score).field("appraise", v.may_appraise).end_object();
  w.end_object();
  return Response::json_text(status, w.take());
}

Response overview(Routes<app::EvaluationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string q = req.query_param("quarter").value_or(default_quarter());
  auto list = ctx.service.overview(s->actor, q);
  if (!list.ok()) return Response::problem(list.error());
  JsonWriter w;
  w.begin_object().field("quarter", q).key("items").begin_array();
  for (const auto& x : *list) write_summary(w, x);
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

Response history(Routes<app::EvaluationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.service.history(s->actor, req.params["id"]);
  if (!list.ok()) return Response::problem(list.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& x : *list) write_summary(w, x);
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

Response one(Routes<app::EvaluationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return view_reply(200, ctx.service.view(s->actor, req.params["id"], req.params["quarter"]));
}

// {"points": {"published": 2, "attitude": 1.5, "feedback": 2}, "note": "…"}
Result<app::EnteredPoints> entered_of(const Request& req) {
  app::EnteredPoints in;
  MC_TRY(http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    if (const auto* p = rd.required_object("points")) {
      if (p->size() > 9) rd.add_error("points", "Tối đa chín chỉ số");
      for (const auto& [k, v] : *p) {
        if (k.size() > 40) {
          rd.add_error("points", "Tên chỉ số quá dài");
          continue;
        }
        if (!v.is_number()) {
          rd.add_error("points." + std::string(k), "Phải là một số từ 0 đến 2");
          continue;
        }
        in.points[std::string(k)] = v.to_number<double>();
      }
    }
    in.note = rd.optional_string("note", 2000, true).value_or("");
  }));
  return in;
}

Response enter(Routes<app::EvaluationService>& ctx, Request& req, bool appraisal) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto in = entered_of(req);
  if (!in.ok()) return Response::problem(in.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  const std::string& id = req.params["id"];
  const std::string& q = req.params["quarter"];
  return view_reply(201, appraisal ? ctx.service.appraise(s->actor, id, q, *in, idem->key, idem->body_hash)
                                   : ctx.service.self_score(s->actor, id, q, *in, idem->key, idem->body_hash));
}

// --- the procedure review ---

std::optional<int64_t> int_param(const Request& req, std::string_view name, Error& e) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || v->size() > 9) {
    e.fields.push_back({std::string(name), "Phải là một số nguyên"});
    return std::nullopt;
  }
  return n;
}

struct ReviewArgs {
  int year = 0;
  std::string code;
  app::ReviewScenarioInput scenario;
};

Result<ReviewArgs> review_args(const Request& req) {
  Error e = make_error(ErrorKind::invalid, "Tham số rà soát không hợp lệ.", "validation");
  ReviewArgs a;
  auto year = int_param(req, "year", e);
  if (!year && e.fields.empty()) e.fields.push_back({"year", "Thiếu năm rà soát"});
  a.code = req.query_param("procedure").value_or("");
  a.scenario.components_removed = int_param(req, "remove_components", e);
  a.scenario.limit_days = int_param(req, "limit_days", e);
  a.scenario.online_percent = int_param(req, "online_percent", e);
  if (!e.fields.empty()) return e;
  a.year = int(*year);
  return a;
}

void write_cost(JsonWriter& w, std::string_view k, const evaluation::DossierCost& c) {
  w.key(k).begin_object().field("minutes", c.minutes).field("time_vnd", c.time_vnd).field("copies_vnd", c.copies_vnd)
      .field("travel_vnd", c.travel_vnd).field("fees_vnd", c.fees_vnd).field("waiting_vnd", c.waiting_vnd)
      .field("total_vnd", c.total()).end_object();
}

void write_year(JsonWriter& w, std::string_view k, const evaluation::YearCost& y) {
  w.key(k).begin_object().field("dossiers", y.dossiers).field("total_vnd", y.total_vnd)
      .field("supplement_each_vnd", y.supplement_each);
  write_cost(w, "counter", y.counter);
  write_cost(w, "online", y.online);
  write_cost(w, "postal", y.postal);
  w.end_object();
}

Response review(Routes<app::ReviewService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto a = review_args(req);
  if (!a.ok()) return Response::problem(a.error());
  auto rep = ctx.service.review(s->actor, a->year, a->code, a->scenario);
  if (!rep.ok()) return Response::problem(rep.error());
  JsonWriter w;
  w.begin_object().field("year", int64_t(rep->year)).field("current_vnd", rep->current_vnd)
      .field("simplified_vnd", rep->simplified_vnd).field("saving_vnd", rep->saving_vnd);
  w.key("params").begin_array();
  for (const auto& p : rep->params)
    w.begin_object().field("key", p.key).field("label", p.label).field("value", int64_t(std::stoll(p.value)))
        .field("source", p.source).field("verified", p.verified).end_object();
  w.end_array().key("procedures").begin_array();
  for (const auto& r : rep->rows) {
    const auto& k = r.counts;
    w.begin_object().field("national_code", r.national_code).field("name", r.name).field("field", r.field)
        .field("level", r.level).field("components", r.components).field("replaceable_components", r.replaceable)
        .field("fees_vnd", r.fees_vnd).field("fees_unknown", r.fees_unknown).field("limit_days", r.limit_days)
        .field("limit_verified", r.limit_verified);
    w.key("dossiers").begin_object().field("filed", k.filed).field("counter", k.counter).field("online", k.online)
        .field("postal", k.postal).field("supplements", k.supplements)
        .field("refused_at_reception", k.refused_at_reception).field("resolved_refused", k.resolved_refused)
        .field("resolved", k.resolved).field("early", k.early).field("on_time", k.on_time).field("late", k.late);
    w.key("time_used_permille");
    if (k.used_counted > 0) w.number(k.used_permille_sum / k.used_counted);
    else w.null();
    w.end_object();
    w.key("scenario").begin_object().field("components_removed", r.scenario.components_removed);
    w.key("limit_days");
    if (r.scenario.limit_days) w.number(*r.scenario.limit_days);
    else w.null();
    w.key("online_permille");
    if (r.scenario.online_permille) w.number(*r.scenario.online_permille);
    else w.null();
    w.end_object();
    write_year(w, "current", r.cost.current);
    write_year(w, "simplified", r.cost.simplified);
    w.field("saving_vnd", r.cost.saving_vnd).end_object();
  }
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

Response review_xlsx(Routes<app::ReviewService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto a = review_args(req);
  if (!a.ok()) return Response::problem(a.error());
  auto bytes = ctx.service.review_xlsx(s->actor, a->year, a->code, a->scenario);
  if (!bytes.ok()) return Response::problem(bytes.error());
  Response r = Response::text(200, std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.set_header("Content-Disposition", "attachment; filename=\"ra-soat-tthc-" + std::to_string(a->year) + ".xlsx\"");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_evaluation_routes(http::Router& r, Routes<app::EvaluationService>& ctx) {
  r.add("GET", "/api/v1/evaluations", [&ctx](Request& q) { return overview(ctx, q); });
  r.add("GET", "/api/v1/agencies/{id}/evaluations", [&ctx](Request& q) { return history(ctx, q); });
  r.add("GET", "/api/v1/agencies/{id}/evaluations/{quarter}", [&ctx](Request& q) { return one(ctx, q); });
  r.add("POST", "/api/v1/agencies/{id}/evaluations/{quarter}/self-score",
        [&ctx](Request& q) { return enter(ctx, q, false); });
  r.add("POST", "/api/v1/agencies/{id}/evaluations/{quarter}/appraisal",
        [&ctx](Request& q) { return enter(ctx, q, true); });
}

void add_review_routes(http::Router& r, Routes<app::ReviewService>& ctx) {
  r.add("GET", "/api/v1/reviews/procedures", [&ctx](Request& q) { return review(ctx, q); });
  r.add("GET", "/api/v1/reviews/procedures.xlsx", [&ctx](Request& q) { return review_xlsx(ctx, q); });
}

}  // namespace motcua::api
