// The periodic reports of the units and their consolidation (app/kpi/unit_report.h):
//   POST /api/v1/unit-reports                      generate (or regenerate / revise) {agency_id, form, from, to, note}
//   GET  /api/v1/unit-reports/{id}                 one revision, its figures, the other revisions, the history
//   POST /api/v1/unit-reports/{id}/check           the unit's leader checks it
//   POST /api/v1/unit-reports/{id}/submit          the unit's leader submits it (frozen)
//   GET  /api/v1/unit-reports/{id}/xlsx|pdf        the form under the official header
//   GET  /api/v1/report-periods?form=&from=&to=    every unit's state, those not reported
//   POST /api/v1/report-consolidations             the province consolidates {form, from, to}
//   GET  /api/v1/report-consolidations/{id}[/xlsx|/pdf]
#include <boost/json.hpp>

#include "api/context.h"

namespace motcua::api {
using http::Request;
using http::Response;
namespace json = boost::json;

namespace {

json::value instant(Millis t) { return t ? json::value(format_rfc3339_local(t)) : json::value(nullptr); }

json::value figures_value(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object summary(const store::UnitReportRec& r) {
  return json::object{{"id", r.id},
                      {"revision", r.revision},
                      {"state", r.state},
                      {"generated_at", instant(r.generated_at)},
                      {"submitted_at", instant(r.submitted_at)}};
}

Response view_reply(int status, Result<app::UnitReportView> r) {
  if (!r.ok()) return Response::problem(r.error());
  const auto& v = *r;
  json::array revisions, events;
  for (const auto& x : v.revisions) revisions.push_back(summary(x));
  for (const auto& e : v.events)
    events.push_back(json::object{{"at", instant(e.at)}, {"actor", e.actor}, {"action", e.action}, {"note", e.note}});
  json::object o{{"id", v.rec.id},
                 {"agency", json::object{{"id", v.rec.agency_id}, {"name", v.agency_name}}},
                 {"form", v.rec.form},
                 {"from", v.rec.period_from},
                 {"to", v.rec.period_to},
                 {"revision", v.rec.revision},
                 {"state", v.rec.state},
                 {"frozen", v.rec.state == "submitted"},
                 {"generated_by", v.rec.generated_by},
                 {"generated_at", instant(v.rec.generated_at)},
                 {"checked_by", v.rec.checked_by},
                 {"checked_at", instant(v.rec.checked_at)},
                 {"submitted_by", v.rec.submitted_by},
                 {"submitted_at", instant(v.rec.submitted_at)},
                 {"note", v.rec.note},
                 {"figures", figures_value(v.rec.figures)},
                 {"problems", strings(v.problems)},
                 {"revisions", std::move(revisions)},
                 {"history", std::move(events)},
                 {"may", json::object{{"check", v.may_check}, {"submit", v.may_submit}, {"generate", v.may_generate}}}};
  Response resp = Response::json(status, o);
  resp.set_header("Cache-Control", "private, no-store");
  if (status == 201) resp.set_header("Location", "/api/v1/unit-reports/" + v.rec.id);
  return resp;
}

Response consolidation_reply(int status, Result<app::ConsolidationView> r) {
  if (!r.ok()) return Response::problem(r.error());
  const auto& v = *r;
  json::array sources;
  for (const auto& s : v.sources)
    sources.push_back(json::object{{"report_id", s.report_id},
                                   {"agency", json::object{{"id", s.agency_id}, {"name", s.agency_name}}},
                                   {"revision", s.revision},
                                   {"submitted_at", instant(s.submitted_at)},
                                   {"submitted_by", s.submitted_by}});
  json::object o{{"id", v.rec.id},         {"form", v.rec.form},
                 {"from", v.rec.period_from}, {"to", v.rec.period_to},
                 {"made_by", v.rec.made_by},  {"made_at", instant(v.rec.made_at)},
                 {"figures", figures_value(v.rec.figures)}, {"sources", std::move(sources)},
                 {"problems", strings(v.problems)}};
  Response resp = Response::json(status, o);
  resp.set_header("Cache-Control", "private, no-store");
  if (status == 201) resp.set_header("Location", "/api/v1/report-consolidations/" + v.rec.id);
  return resp;
}

Response file_reply(Result<app::ReportFile> f) {
  if (!f.ok()) return Response::problem(f.error());
  Response r = Response::text(200, std::move(f->bytes), f->content_type);
  r.set_header("Content-Disposition", "attachment; filename=\"" + f->filename + "\"");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response generate(Routes<app::UnitReportService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string agency, form, from, to, note;
  auto body = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    agency = rd.required_string("agency_id", 64);
    form = rd.required_string("form", 8);
    from = rd.required_string("from", 10);
    to = rd.required_string("to", 10);
    note = rd.optional_string("note", 2000, true).value_or("");
  });
  if (!body.ok()) return Response::problem(body.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  return view_reply(201, ctx.service.generate(s->actor, agency, form, from, to, note, idem->key, idem->body_hash));
}

Response consolidate(Routes<app::UnitReportService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string form, from, to;
  auto body = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    form = rd.required_string("form", 8);
    from = rd.required_string("from", 10);
    to = rd.required_string("to", 10);
  });
  if (!body.ok()) return Response::problem(body.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  return consolidation_reply(201, ctx.service.consolidate(s->actor, form, from, to, idem->key, idem->body_hash));
}

Response periods(Routes<app::UnitReportService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto p = ctx.service.period(s->actor, req.query_param("form").value_or(""), req.query_param("from").value_or(""),
                              req.query_param("to").value_or(""));
  if (!p.ok()) return Response::problem(p.error());
  json::array units;
  for (const auto& u : p->units)
    units.push_back(json::object{
        {"agency", json::object{{"id", u.agency_id}, {"name", u.agency_name}}},
        {"latest_revision", u.latest_revision},
        {"latest_state", u.latest_state.empty() ? json::value(nullptr) : json::value(u.latest_state)},
        {"submitted_revision", u.submitted_revision ? json::value(u.submitted_revision) : json::value(nullptr)},
        {"submitted_report_id", u.submitted_report_id.empty() ? json::value(nullptr) : json::value(u.submitted_report_id)},
        {"submitted_at", instant(u.submitted_at)}});
  json::array consolidations;
  for (const auto& c : p->consolidations)
    consolidations.push_back(json::object{{"id", c.id}, {"made_by", c.made_by}, {"made_at", instant(c.made_at)}});
  json::object o{{"form", p->form}, {"from", p->from}, {"to", p->to}, {"units", std::move(units)},
                 {"not_reported", strings(p->not_reported)}, {"consolidations", std::move(consolidations)}};
  Response r = Response::json(200, o);
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_report_routes(http::Router& r, Routes<app::UnitReportService>& ctx) {
  r.add("POST", "/api/v1/unit-reports", [&ctx](Request& q) { return generate(ctx, q); });
  r.add("GET", "/api/v1/unit-reports/{id}", [&ctx](Request& q) {
    auto s = ctx.gate.session(q);
    if (!s.ok()) return Response::problem(s.error());
    return view_reply(200, ctx.service.get(s->actor, q.params["id"]));
  });
  for (bool submit : {false, true})
    r.add("POST", submit ? "/api/v1/unit-reports/{id}/submit" : "/api/v1/unit-reports/{id}/check",
          [&ctx, submit](Request& q) {
            auto s = ctx.gate.session(q);
            if (!s.ok()) return Response::problem(s.error());
            return view_reply(200, submit ? ctx.service.submit(s->actor, q.params["id"])
                                          : ctx.service.check(s->actor, q.params["id"]));
          });
  for (const char* fmt : {"xlsx", "pdf"}) {
    r.add("GET", std::string("/api/v1/unit-reports/{id}/") + fmt, [&ctx, fmt](Request& q) {
      auto s = ctx.gate.session(q);
      if (!s.ok()) return Response::problem(s.error());
      return file_reply(ctx.service.export_report(s->actor, q.params["id"], fmt));
    });
    r.add("GET", std::string("/api/v1/report-consolidations/{id}/") + fmt, [&ctx, fmt](Request& q) {
      auto s = ctx.gate.session(q);
      if (!s.ok()) return Response::problem(s.error());
      return file_reply(ctx.service.export_consolidation(s->actor, q.params["id"], fmt));
    });
  }
  r.add("GET", "/api/v1/report-periods", [&ctx](Request& q) { return periods(ctx, q); });
  r.add("POST", "/api/v1/report-consolidations", [&ctx](Request& q) { return consolidate(ctx, q); });
  r.add("GET", "/api/v1/report-consolidations/{id}", [&ctx](Request& q) {
    auto s = ctx.gate.session(q);
    if (!s.ok()) return Response::problem(s.error());
    return consolidation_reply(200, ctx.service.consolidation(s->actor, q.params["id"]));
  });
}

}  // namespace motcua::api
