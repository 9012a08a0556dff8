// The Zalo Official Account at our HTTP edge (app/zalo/zalo_service.h):
//   POST   /api/v1/integrations/zalo/webhook   Zalo's events (X-ZEvent-Signature), no session
//   GET    /api/v1/me/zalo-link                the citizen's link to a Zalo account
//   POST   /api/v1/me/zalo-link/confirm        confirms the one-time link the bot sent
//   DELETE /api/v1/me/zalo-link                unlinks
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// Zalo's events are small (a text is at most 2,000 characters): anything larger is not one.
constexpr size_t kMaxEvent = 16 << 10;

json::object link_json(const app::ZaloLinkView& v) {
  return json::object{{"linked", v.linked},
                      {"following", v.following},
                      {"linked_at", v.linked_at ? instant_json(v.linked_at) : json::value(nullptr)}};
}

Response webhook(Routes<app::ZaloService>& ctx, Request& req) {
  auto r = ctx.service.receive(req.body, req.header("x-zevent-signature").value_or(""));
  if (!r.ok()) return Response::problem(r.error());
  return Response::json(200, json::object{{"received", true}, {"event_name", r->event_name}, {"action", r->action}});
}

Response get_link(Routes<app::ZaloService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto v = ctx.service.link_status(s->actor);
  if (!v.ok()) return Response::problem(v.error());
  return Response::json(200, link_json(*v));
}

Response confirm(Routes<app::ZaloService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  if (!s->actor.is_citizen())
    return Response::problem(make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân."));
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string code = rd.required_string("code", 64);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto v = ctx.service.confirm_link(s->actor, code);
  if (!v.ok()) return Response::problem(v.error());
  return Response::json(200, link_json(*v));
}

Response unlink(Routes<app::ZaloService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto v = ctx.service.unlink(s->actor);
  if (!v.ok()) return Response::problem(v.error());
  return Response::json(200, link_json(*v));
}

}  // namespace

void add_zalo_routes(http::Router& r, Routes<app::ZaloService>& ctx) {
  r.add("POST", "/api/v1/integrations/zalo/webhook", [&ctx](Request& q) { return webhook(ctx, q); },
        http::RouteOptions{kMaxEvent, false, false});
  r.add("GET", "/api/v1/me/zalo-link", [&ctx](Request& q) { return get_link(ctx, q); });
  r.add("DELETE", "/api/v1/me/zalo-link", [&ctx](Request& q) { return unlink(ctx, q); });
  r.add("POST", "/api/v1/me/zalo-link/confirm", [&ctx](Request& q) { return confirm(ctx, q); });
}

}  // namespace motcua::api
