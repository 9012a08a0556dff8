// The Quyết định 766 view (app/kpi/index766.h): GET /api/v1/kpi/index766 (groups, indicators with
// value, points, target and formula, and beside each number the list that gives it; near due and
// overdue stocks), GET /api/v1/kpi/dossiers (the list behind any number of the summary or the
// view: dossiers, procedures or feedback cases, paged) and GET /api/v1/kpi/event-dossiers (behind the apologies
// and supplement requests of a period), with scope, field, procedure, from and to as
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

// The list behind a number: its route and query (GET /api/v1/kpi/dossiers, or event-dossiers),
// so that the screen keeps no rule of its own. Null when no list stands behind the number.
json::value list_ref(const app::KpiQuery& q, const Date& from, const Date& to, std::string_view metric,
                     std::string_view kind = "dossiers", const char* path = "/api/v1/kpi/dossiers") {
  json::object query{{"metric", metric}, {"scope", q.scope}, {"from", format_date(from)}, {"to", format_date(to)}};
  if (!q.field.empty()) query["field"] = q.field;
  if (!q.procedure_id.empty()) query["procedure"] = q.procedure_id;
  return json::object{{"metric", metric}, {"kind", kind}, {"path", path}, {"query", std::move(query)}};
}

// The lists of an indicator's numerator and denominator (index766_lists.cc): each side's number is
// the sum of its lists' totals. Empty only where the indicator is not measured.
struct Sides {
  std::vector<i766::List> numerator, denominator;
};
Sides lists_of(i766::Indicator i) {
  using I = i766::Indicator;
  using L = i766::List;
  switch (i) {
    // Decided on time and open within time, over decided and open: two lists on each side.
    case I::handled_on_time: return {{L::resolved_not_late, L::in_progress_within}, {L::resolved, L::in_progress}};
    case I::dossiers_synced: return {{L::synced}, {L::received}};
    case I::procedures_online: return {{L::procedures_online}, {L::procedures}};
    case I::procedures_with_online_dossiers: return {{L::procedures_online_used}, {L::procedures_online}};
    case I::online_dossier_share: return {{L::received_online_of_online}, {L::received_of_online}};
    case I::payment_integrated: return {{L::fee_procedures_online}, {L::fee_procedures}};
    case I::payment_with_transactions: return {{L::fee_procedures_paid}, {L::fee_procedures_online}};
    case I::dossiers_paid_online: return {{L::paid_online}, {L::received_of_fee}};
    case I::dossier_satisfaction: return {{L::rated_not_dissatisfied}, {L::rated}};
    case I::results_electronic: return {{L::results_electronic}, {L::resolved}};
    case I::progress_published: return {{L::progress_published}, {L::progress_due}};
    // Feedback cases first answered in the period (whole months): not late; never rated dissatisfied.
    case I::feedback_on_time: return {{L::feedback_answered_on_time}, {L::feedback_answered}};
    case I::feedback_satisfaction: return {{L::feedback_answered_not_dissatisfied}, {L::feedback_answered}};
    case I::components_digitised: return {{L::received_digitised}, {L::received}};
    // Components, not dossiers: taken from the database, over taken and still asked.
    case I::data_reused: return {{L::components_reused}, {L::components_reused, L::components_asked}};
    // Not measured (the national procedure database publishes the catalogue): no list. Named, so
    // that a new indicator must be decided here (-Wswitch).
    case I::published_on_time: return {};
  }
  return {};
}

Response index766(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const app::KpiQuery q = kpi_query_of(req);
  auto v = ctx.service.view(s->actor, q);
  if (!v.ok()) return Response::problem(v.error());
  auto ref = [&](i766::List l) { return list_ref(q, v->from, v->to, i766::to_string(l), i766::to_string(i766::kind_of(l))); };
  auto event_ref = [&](i766::EventList l) {
    return list_ref(q, v->from, v->to, i766::to_string(l), i766::to_string(i766::ListKind::dossiers), "/api/v1/kpi/event-dossiers");
  };
  // An unmeasured number has no list (an empty array).
  auto refs = [&](bool measured, const std::vector<i766::List>& ls) {
    json::array a;
    if (measured)
      for (i766::List l : ls) a.push_back(ref(l));
    return a;
  };
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
                       {"lists", json::object{{"numerator", refs(sc.measure.measured, lists_of(sc.indicator).numerator)},
                                              {"denominator", refs(sc.measure.measured, lists_of(sc.indicator).denominator)}}}};
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
                            {"near_due_until", format_date(v->near_due_until)},
                            {"lists", json::object{{"in_progress", ref(i766::List::in_progress)},
                                                   {"overdue", ref(i766::List::overdue)},
                                                   {"near_due", ref(i766::List::near_due)}}}};
  o["lists"] = json::object{
      {"apologised", event_ref(i766::EventList::apologised)},
      {"supplement_requested", event_ref(i766::EventList::supplement_requested)},
      {"received", ref(i766::List::received)}};
  o["apologised"] = v->apologised;
  o["supplement_requested"] = v->supplement_requested;
  o["received"] = v->received;
  o["supplements_per_dossier"] = v->supplements_per_dossier ? json::value(*v->supplements_per_dossier) : json::value(nullptr);
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

json::object dossier_json(const store::DrillRow& d) {
  return json::object{{"id", d.id},
                      {"code", d.code},
                      {"procedure_id", d.procedure_id},
                      {"agency_id", d.agency_id},
                      {"channel", d.channel},
                      {"state", d.state},
                      {"received_at", d.received_at ? json::value(format_rfc3339_local(d.received_at)) : json::value(nullptr)},
                      {"resolved_at", d.resolved_at ? json::value(format_rfc3339_local(d.resolved_at)) : json::value(nullptr)},
                      {"timeliness", d.timeliness}};
}

// A feedback case as the feedback lists show it: its title redacted of the sender's name, no
// content and no contact (the reader opens the case where their role allows).
json::object feedback_json(const store::FeedbackListRow& f) {
  auto at = [](Millis t) { return t ? json::value(format_rfc3339_local(t)) : json::value(nullptr); };
  return json::object{{"id", f.a.case_id},
                      {"code", f.code},
                      {"title", f.title},
                      {"kind", f.kind.empty() ? json::value(nullptr) : json::value(f.kind)},
                      {"state", f.state},
                      {"agency_id", f.a.agency_id},
                      {"field", f.a.field},
                      {"channel", f.a.channel},
                      {"answered_at", at(f.a.answered_at)},
                      {"due_at", at(f.a.due_at)},
                      {"timeliness", f.a.timeliness},
                      {"dissatisfied", f.a.dissatisfied},
                      {"rating", f.rating.empty() ? json::value(nullptr) : json::value(f.rating)}};
}

// GET /api/v1/kpi/dossiers: the list behind a figure of the summary or the 766 view, paged.
Response dossiers(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  int64_t limit = 50;
  if (auto l = req.query_param("limit")) {
    char* end = nullptr;
    limit = l->empty() || l->size() > 4 ? -1 : std::strtoll(l->c_str(), &end, 10);
    if (limit != -1 && *end != '\0') limit = -1;
  }
  // The list id is parsed here, once: the service answers only the lists the view names.
  const auto list = i766::parse_list(req.query_param("metric").value_or(""));
  if (!list) {
    const std::string detail =
        "Chỉ tiêu (metric) không có danh sách: hãy dùng mã danh sách mà GET /api/v1/kpi/index766 ghi bên mỗi số";
    Error e = make_error(ErrorKind::invalid, detail, "invalid_query");
    e.fields.push_back({"metric", detail});
    return Response::problem(e);
  }
  auto page = ctx.service.list(s->actor, kpi_query_of(req), *list, req.query_param("cursor").value_or(""), limit);
  if (!page.ok()) return Response::problem(page.error());
  json::array items;
  if (page->kind == i766::ListKind::procedures) {
    for (const auto& p : page->procedures)
      items.push_back(json::object{{"id", p.id}, {"name", p.name}, {"level", p.level}, {"field", p.field},
                                   {"online_level", p.online_level}});
  } else if (page->kind == i766::ListKind::feedback) {
    for (const auto& f : page->feedback) items.push_back(feedback_json(f));
  } else if (page->kind == i766::ListKind::components) {
    // One row per component counted: its dossier, its name, where it came from, when filed.
    for (const auto& d : page->dossiers.items) {
      json::object o = dossier_json(d);
      o["component"] = d.component;
      o["reused"] = !d.component_source.empty();
      o["source"] = d.component_source.empty() ? json::value(nullptr) : json::value(d.component_source);
      o["submitted_at"] = d.submitted_at ? json::value(format_rfc3339_local(d.submitted_at)) : json::value(nullptr);
      items.push_back(std::move(o));
    }
  } else {
    for (const auto& d : page->dossiers.items) items.push_back(dossier_json(d));
  }
  json::object o{{"kind", i766::to_string(page->kind)}, {"total", page->dossiers.total}, {"items", std::move(items)}};
  o["next"] = page->dossiers.next.empty() ? json::value(nullptr) : json::value(page->dossiers.next);
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response list_of(const Result<app::KpiDossierPage>& page) {
  if (!page.ok()) return Response::problem(page.error());
  json::array items;
  for (const auto& d : page->items) items.push_back(dossier_json(d));
  json::object o{{"total", page->total}, {"items", std::move(items)}, {"next", nullptr}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response event_dossiers(Routes<app::Index766Service>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  const auto list = i766::parse_event_list(req.query_param("metric").value_or(""));  // parsed here, once
  if (!list) {
    const std::string detail = "Chỉ tiêu (metric) phải là apologised hoặc supplement_requested";
    Error e = make_error(ErrorKind::invalid, detail, "invalid_query");
    e.fields.push_back({"metric", detail});
    return Response::problem(e);
  }
  return list_of(ctx.service.event_dossiers(s->actor, kpi_query_of(req), *list));
}

}  // namespace

void add_index766_routes(http::Router& r, Routes<app::Index766Service>& ctx) {
  r.add("GET", "/api/v1/kpi/index766", [&ctx](Request& q) { return index766(ctx, q); });
  r.add("GET", "/api/v1/kpi/dossiers", [&ctx](Request& q) { return dossiers(ctx, q); });
  r.add("GET", "/api/v1/kpi/event-dossiers", [&ctx](Request& q) { return event_dossiers(ctx, q); });
}

}  // namespace motcua::api
