// The Quyết định 766 view (app/kpi/index766.h): GET /api/v1/kpi/index766 (groups, indicators with
// value, points, target and formula; near due and overdue stocks) and GET /api/v1/kpi/stock-dossiers
// (the dossiers behind a stock figure of today) and GET /api/v1/kpi/event-dossiers (behind the
// apologies and supplement requests of a period), with scope, field, procedure, from and to as
// /api/v1/kpi/summary.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/staff/kpi_query.h"

namespace motcua::api {
using http::Request;
using http::Response;
namespace json = boost::json;
namespace i766 = kpi::i766;

namespace {

json::value centi(const std::optional<int>& c) { return c ? json::value(double(*c) / 100.0) : json::value(nullptr); }
json::value bp(const std::optional<int>& v) { return v ? json::value(double(*v) / 10000.0) : json::value(nullptr); }

// The drill-down metric of an indicator's numerator and denominator, when a list of exactly
// that many dossiers exists (GET /api/v1/kpi/dossiers or /kpi/stock-dossiers); null otherwise.
json::object drill_of(i766::Indicator i) {
  using I = i766::Indicator;
  switch (i) {
    // One ratio over two lists: the late decisions and the open overdue dossiers.
    case I::handled_on_time: return {{"late", "resolved_late"}, {"overdue", "stock:overdue"}};
    case I::dossiers_synced: return {{"den", "received"}};
    case I::results_electronic: return {{"den", "resolved"}};
    default: return {};
  }
}

Response index766(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto v = ctx.service.view(s->actor, kpi_query_of(req));
  if (!v.ok()) return Response::problem(v.error());
  json::array groups;
  if (v->rules) {
    for (const auto& g : v->score.groups) {
      json::array inds;
      for (const auto& sc : g.indicators) {
        json::object o{{"id", i766::to_string(sc.indicator)},
                       {"label", i766::label_vi(sc.indicator)},
                       {"formula", i766::formula_vi(sc.indicator)},
                       {"measured", sc.measure.measured},
                       {"numerator", sc.measure.measured ? json::value(sc.measure.num) : json::value(nullptr)},
                       {"denominator", sc.measure.measured ? json::value(sc.measure.den) : json::value(nullptr)},
                       {"value", bp(sc.value_bp)},
                       {"points", centi(sc.centi)},
                       {"max_points", double(sc.max_centi) / 100.0},
                       {"target", double(sc.target_bp) / 10000.0},
                       {"reached", sc.centi ? json::value(sc.reached) : json::value(nullptr)},
                       {"basis", v->rules->rules[size_t(sc.indicator)].basis},
                       {"points_verified", v->rules->rules[size_t(sc.indicator)].points_verified},
                       {"target_verified", v->rules->rules[size_t(sc.indicator)].target_verified},
                       {"source", v->rules->rules[size_t(sc.indicator)].source},
                       {"drill", drill_of(sc.indicator)}};
        o["note"] = sc.measure.note.empty() ? json::value(nullptr) : json::value(sc.measure.note);
        inds.push_back(std::move(o));
      }
      groups.push_back(json::object{{"id", i766::to_string(g.group)},
                                    {"label", i766::label_vi(g.group)},
                                    {"points", double(g.centi) / 100.0},
                                    {"scored_max_points", double(g.scored_max_centi) / 100.0},
                                    {"max_points", double(g.max_centi) / 100.0},
                                    {"indicators", std::move(inds)}});
    }
  }
  json::object o{{"from", format_date(v->from)}, {"to", format_date(v->to)}, {"groups", std::move(groups)}};
  if (v->rules) {
    o["rules"] = json::object{{"effective_from", format_date(v->rules->effective_from)},
                              {"legal_basis", v->rules->legal_basis},
                              {"verified", v->rules->verified},
                              {"note", v->rules->note}};
    o["total"] = json::object{{"points", double(v->score.centi) / 100.0},
                              {"scored_max_points", double(v->score.scored_max_centi) / 100.0},
                              {"max_points", double(v->score.max_centi) / 100.0}};
  } else {
    o["rules"] = nullptr;
    o["total"] = nullptr;
  }
  o["stock"] = json::object{{"at", format_date(v->to)},
                            {"in_progress", v->in_progress},
                            {"overdue", v->overdue},
                            {"near_due", v->near_due},
                            {"near_due_working_days", v->near_due_working_days},
                            {"near_due_until", format_date(v->near_due_until)}};
  o["apologised"] = v->apologised;
  o["supplement_requested"] = v->supplement_requested;
  o["received"] = v->received;
  o["supplements_per_dossier"] = v->supplements_per_dossier ? json::value(*v->supplements_per_dossier) : json::value(nullptr);
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response list_of(const Result<app::KpiDossierPage>& page) {
  if (!page.ok()) return Response::problem(page.error());
  json::array items;
  for (const auto& d : page->items)
    items.push_back(json::object{{"id", d.id},
                                 {"code", d.code},
                                 {"procedure_id", d.procedure_id},
                                 {"agency_id", d.agency_id},
                                 {"channel", d.channel},
                                 {"state", d.state},
                                 {"received_at", d.received_at ? json::value(format_rfc3339_local(d.received_at)) : json::value(nullptr)},
                                 {"resolved_at", d.resolved_at ? json::value(format_rfc3339_local(d.resolved_at)) : json::value(nullptr)},
                                 {"timeliness", d.timeliness}});
  json::object o{{"total", page->total}, {"items", std::move(items)}, {"next", nullptr}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response stock_dossiers(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return list_of(ctx.service.stock_dossiers(s->actor, kpi_query_of(req), req.query_param("metric").value_or("")));
}

Response event_dossiers(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return list_of(ctx.service.event_dossiers(s->actor, kpi_query_of(req), req.query_param("metric").value_or("")));
}

}  // namespace

void add_index766_routes(http::Router& r, Routes<app::Index766Service>& ctx) {
  r.add("GET", "/api/v1/kpi/index766", [&ctx](Request& q) { return index766(ctx, q); });
  r.add("GET", "/api/v1/kpi/stock-dossiers", [&ctx](Request& q) { return stock_dossiers(ctx, q); });
  r.add("GET", "/api/v1/kpi/event-dossiers", [&ctx](Request& q) { return event_dossiers(ctx, q); });
}

}  // namespace motcua::api
