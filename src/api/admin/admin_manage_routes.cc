// Administration: staff and role grants, agencies, procedure versions; and a staff member's own
// password change. Authorisation and audit are the app's (admin_*.cc).
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {


json::value nullable(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

json::object staff_json(const app::StaffView& v) {
  json::array grants;
  for (auto& g : v.grants)
    grants.push_back(json::object{{"id", g.id}, {"agency_id", g.agency_id}, {"role", g.role},
                                  {"from", g.valid_from}, {"to", nullable(g.valid_to)}});
  return {{"id", v.staff.id}, {"username", v.staff.username}, {"full_name", v.staff.full_name},
          {"active", v.staff.active}, {"email", nullable(v.email)}, {"grants", std::move(grants)}};
}

app::GrantInput grant_of(http::ObjectReader& rd) {
  app::GrantInput g;
  g.agency_id = rd.required_string("agency_id", 100);
  g.role = rd.required_string("role", 50);
  g.from = rd.required_string("from", 10);
  g.to = rd.optional_string("to", 10).value_or("");
  return g;
}

Response list_staff(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.identity.list_staff(s->actor, req.query_param("agency").value_or(""));
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& v : *list) items.push_back(staff_json(v));
  return Response::json(200, json::object{{"items", std::move(items)}});
}

Response create_staff(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::NewStaffInput in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.username = rd.required_string("username", 64);
    in.full_name = nfc_or_same(rd.required_string("full_name", 200));
    in.password = rd.required_string("password", 200);
    in.email = rd.optional_string("email", 254, true).value_or("");  // "" or absent: none
    if (const json::array* gs = rd.required_array("grants", 50)) {
      size_t i = 0;
      for (auto& v : *gs) {
        std::string prefix = "grants[" + std::to_string(i++) + "]";
        if (!v.is_object()) { rd.add_error(prefix, "Mỗi phân quyền phải là một đối tượng"); continue; }
        http::ObjectReader gr(v.as_object(), prefix);
        in.grants.push_back(grant_of(gr));
        rd.absorb(gr.finish());
      }
    }
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.identity.create_staff(s->actor, in, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(201, staff_json(*r));
}

Response add_grant(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::GrantInput g;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) { g = grant_of(rd); });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.identity.add_grant(s->actor, req.params["id"], g, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(201, staff_json(*r));
}

Response end_grant(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string to;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) { to = rd.required_string("to", 10); });
  if (!st.ok()) return Response::problem(st.error());
  int64_t grant_id = 0;
  const std::string& gid = req.params["grant_id"];
  if (gid.empty() || gid.size() > 18 || gid.find_first_not_of("0123456789") != std::string::npos)
    return Response::problem(make_error(ErrorKind::not_found, "Không tìm thấy phân quyền", "not_found"));
  grant_id = std::stoll(gid);
  auto r = ctx.identity.end_grant(s->actor, req.params["id"], grant_id, to);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, staff_json(*r));
}

Response reset_password(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string pw;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) { pw = rd.required_string("password", 200); });
  if (!st.ok()) return Response::problem(st.error());
  if (auto r = ctx.identity.reset_password(s->actor, req.params["id"], pw); !r.ok()) return Response::problem(r.error());
  return Response::no_content();
}

Response set_active(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  bool active = true;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) { active = rd.required_bool("active"); });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.identity.set_staff_active(s->actor, req.params["id"], active);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, staff_json(*r));
}

Response set_email(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string email;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    email = rd.required_string("email", 254, true);  // "" removes it
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.identity.set_staff_email(s->actor, req.params["id"], email);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, staff_json(*r));
}

Response own_password(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  std::string cur, next;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    cur = rd.required_string("current_password", 200);
    next = rd.required_string("new_password", 200);
  });
  if (!st.ok()) return Response::problem(st.error());
  const std::string token = req.cookie(ctx.gate.cookie_name()).value_or("");
  if (auto r = ctx.identity.change_own_password(s->actor, cur, next, token); !r.ok()) return Response::problem(r.error());
  return Response::no_content();
}

Response put_agency(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  app::AgencyUpdate in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.name = nfc_or_same(rd.required_string("name", 300));
    in.valid_to = rd.optional_string("valid_to", 10).value_or("");
    in.successor_id = rd.optional_string("successor_id", 100).value_or("");
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.organisation.update_agency(s->actor, req.params["id"], in);
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, agency_json(*r));
}

Response new_version(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  app::NewVersionInput in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.effective_from = rd.required_string("effective_from", 10);
    in.min_assurance = rd.optional_int("min_assurance", 0, 2);
    if (const json::object* tl = rd.required_object("time_limit")) {
      http::ObjectReader tr(*tl, "time_limit");
      in.time_unit = tr.required_string("unit", 20);
      in.time_amount = tr.optional_int("amount", 0, 100000).value_or(0);
      rd.absorb(tr.finish());
    }
    if (const json::array* steps = rd.required_array("process", 100)) {
      size_t i = 0;
      for (auto& v : *steps) {
        std::string prefix = "process[" + std::to_string(i++) + "]";
        if (!v.is_object()) { rd.add_error(prefix, "Mỗi bước phải là một đối tượng"); continue; }
        http::ObjectReader sr(v.as_object(), prefix);
        app::ProcessStepInput p;
        p.name = nfc_or_same(sr.required_string("name", 300));
        p.role = sr.required_string("role", 50);
        p.agency = sr.required_string("agency", 20);
        p.hours = sr.required_int("hours", -1000000, 1000000);
        rd.absorb(sr.finish());
        in.process.push_back(std::move(p));
      }
    }
    if (rd.optional_array("handling_agencies", 1000))
      in.handling_agencies = rd.optional_string_array("handling_agencies", 1000, 100);
  });
  if (!st.ok()) return Response::problem(st.error());
  auto r = ctx.catalogue.new_procedure_version(s->actor, req.params["id"], in, idem->key, idem->body_hash);
  if (!r.ok()) return Response::problem(r.error());
  JsonWriter w;
  write_procedure(w, *r, true);
  return Response::json_text(201, w.take());
}

Response versions(ManageRoutes& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto r = ctx.catalogue.procedure_versions(s->actor, req.params["id"]);
  if (!r.ok()) return Response::problem(r.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (auto& p : *r) {
    w.begin_object();
    write_procedure_fields(w, p, false);
    w.nullable("effective_from", p.effective_from).end_object();
  }
  w.end_array().end_object();
  return Response::json_text(200, w.take());
}

}  // namespace

void add_admin_manage_routes(http::Router& r, ManageRoutes& ctx) {
  r.add("GET", "/api/v1/admin/staff", [&ctx](Request& q) { return list_staff(ctx, q); });
  r.add("POST", "/api/v1/admin/staff", [&ctx](Request& q) { return create_staff(ctx, q); });
  r.add("POST", "/api/v1/admin/staff/{id}/grants", [&ctx](Request& q) { return add_grant(ctx, q); });
  r.add("POST", "/api/v1/admin/staff/{id}/grants/{grant_id}/end", [&ctx](Request& q) { return end_grant(ctx, q); });
  r.add("POST", "/api/v1/admin/staff/{id}/password", [&ctx](Request& q) { return reset_password(ctx, q); });
  r.add("POST", "/api/v1/admin/staff/{id}/active", [&ctx](Request& q) { return set_active(ctx, q); });
  r.add("POST", "/api/v1/admin/staff/{id}/email", [&ctx](Request& q) { return set_email(ctx, q); });
  r.add("POST", "/api/v1/auth/password", [&ctx](Request& q) { return own_password(ctx, q); });
  r.add("PUT", "/api/v1/admin/agencies/{id}", [&ctx](Request& q) { return put_agency(ctx, q); });
  // A version carries its components and internal process: up to the JSON reader's 1 MiB.
  r.add("POST", "/api/v1/admin/procedures/{id}/versions", [&ctx](Request& q) { return new_version(ctx, q); },
        {.max_body = 1 << 20});
  r.add("GET", "/api/v1/admin/procedures/{id}/versions", [&ctx](Request& q) { return versions(ctx, q); });
}

}  // namespace motcua::api
