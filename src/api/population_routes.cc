// The national population database (CSDL quốc gia về dân cư) at our HTTP edge:
//   POST /api/v1/population/lookups   look a person up by the 12-digit number, name and birth date
//                                     (a reception officer with the citizen's consent, or a citizen
//                                     for themselves); the answer fills the applicant and names the
//                                     components it replaces; a filing then names the lookup
//                                     (population_lookup_id). Every lookup is logged and audited.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {


Response create_lookup(Routes<app::PopulationService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  app::PopulationLookupInput in;
  in.id_number = rd.required_string("id_number", 12);
  in.full_name = nfc_or_same(rd.required_string("full_name", 200));
  in.birth_date = rd.required_string("birth_date", 10);
  in.procedure_id = rd.optional_string("procedure_id", 100).value_or("");
  in.consent = rd.optional_bool("consent", false);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto v = ctx.service.lookup(s->actor, in, idem->key, idem->body_hash);
  if (!v.ok()) return Response::problem(v.error());
  const app::PersonRecord& p = v->person;
  json::array comps;
  for (auto& c : v->satisfies) comps.push_back(json::object{{"name", c.name}, {"kind", c.kind}, {"count", c.count}});
  Response r = Response::json(201, json::object{{"id", v->rec.id},
                                                {"status", v->rec.status},
                                                {"source", "csdl_dan_cu"},
                                                {"source_name", "Cơ sở dữ liệu quốc gia về dân cư"},
                                                {"consent", v->rec.consent},
                                                {"person", app::person_json(p)},
                                                {"satisfies", std::move(comps)},
                                                {"fills", json::object{{"applicant", app::fills_json(v->applicant_fills)},
                                                                       {"form", app::fills_json(v->form_fills)}}},
                                                {"looked_up_at", instant_json(v->rec.created_at)},
                                                {"expires_at", instant_json(v->expires_at)}});
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_population_routes(http::Router& r, Routes<app::PopulationService>& ctx) {
  r.add("POST", "/api/v1/population/lookups", [&ctx](Request& q) { return create_lookup(ctx, q); });
}

}  // namespace motcua::api
