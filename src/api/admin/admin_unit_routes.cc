// Administration of the administrative units: create, correct or end a unit, record a
// succession. Authorisation, rules and audit are the app's (admin_units.cc).
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// NFC, without the spaces around it (a name of spaces only is then empty, and refused).
std::string clean(std::string s) {
  s = to_nfc(s).value_or(s);
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

Response create_unit(Routes<app::OrganisationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::NewUnitInput in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.code = rd.required_string("code", 10);
    in.name = clean(rd.required_string("name", 200, true));  // empty: the app says so with the rest
    in.level = rd.required_string("level", 20);
    in.type = clean(rd.required_string("type", 20));
    in.parent_id = rd.optional_string("parent_id", 100).value_or("");
    in.valid_from = rd.required_string("valid_from", 10);
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.service.create_unit(s->actor, in, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(201, unit_json(*r));
}

Response update_unit(Routes<app::OrganisationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  app::UnitUpdate in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.name = clean(rd.required_string("name", 200, true));  // empty: the app says so with the rest
    in.valid_to = rd.optional_string("valid_to", 10).value_or("");
    in.carry_agencies_to = rd.optional_string("carry_agencies_to", 100).value_or("");
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.service.update_unit(s->actor, req.params["id"], in);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, unit_json(*r));
}

Response record_succession(Routes<app::OrganisationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::SuccessionInput in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.from = rd.optional_string_array("from", 50, 100);
    in.to = rd.optional_string_array("to", 20, 100);
    in.kind = rd.optional_string("kind", 10).value_or("");
    in.date = rd.required_string("date", 10);
    in.legal_basis = clean(rd.required_string("legal_basis", 300, true));
    in.carry_agencies_to = rd.optional_string("carry_agencies_to", 100).value_or("");
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.service.record_succession(s->actor, in, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  json::array items, units;
  for (auto& x : r->recorded)
    items.push_back(json::object{{"from_id", x.from_id}, {"to_id", x.to_id}, {"kind", x.kind}, {"date", x.date},
                                 {"legal_basis", x.legal_basis}, {"verified", x.verified}});
  for (auto& u : r->units) units.push_back(unit_json(u));
  return Response::json(201, json::object{{"items", std::move(items)}, {"units", std::move(units)}});
}

}  // namespace

void add_admin_unit_routes(http::Router& r, Routes<app::OrganisationService>& ctx) {
  r.add("POST", "/api/v1/admin/units", [&ctx](Request& q) { return create_unit(ctx, q); });
  r.add("PUT", "/api/v1/admin/units/{id}", [&ctx](Request& q) { return update_unit(ctx, q); });
  r.add("POST", "/api/v1/admin/unit-successions", [&ctx](Request& q) { return record_succession(ctx, q); });
}

}  // namespace motcua::api
