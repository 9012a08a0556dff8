// Notifications: the citizen's own settings (channels and contacts) and the per-dossier delivery
// log (the dossier's owner, and staff who may read the dossier).
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"
#include "common/text.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::object prefs_json(const app::NotifyPrefs& p) {
  json::array chans;
  for (auto& c : p.channels) chans.push_back(json::string(c));
  return json::object{{"channels", chans},
                      {"email", p.email},
                      {"phone", p.phone},
                      {"updated_at", p.updated_at ? instant_json(p.updated_at) : json::value(nullptr)}};
}

Response get_prefs(Routes<app::NotifyService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto p = ctx.service.preferences(s->actor);
  if (!p.ok()) return Response::problem(p.error());
  return Response::json(200, prefs_json(*p));
}

Response put_prefs(Routes<app::NotifyService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  if (!s->actor.is_citizen())
    return Response::problem(make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân."));
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  app::NotifyPrefs in;
  in.channels = rd.optional_string_array("channels", 3, 10);
  in.email = rd.optional_string("email", 254, true).value_or("");
  in.phone = rd.optional_string("phone", 20, true).value_or("");
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto p = ctx.service.set_preferences(s->actor, in);
  if (!p.ok()) return Response::problem(p.error());
  return Response::json(200, prefs_json(*p));
}

Response deliveries(Routes<app::NotifyService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto list = ctx.service.deliveries(s->actor, req.params["id"]);
  if (!list.ok()) return Response::problem(list.error());
  json::array items;
  for (auto& d : *list)
    items.push_back(json::object{{"id", d.id},
                                 {"event", d.event},
                                 {"event_name", d.event_name},
                                 {"channel", d.channel},
                                 {"to", d.to_masked},
                                 {"state", d.state},
                                 {"attempts", d.attempts},
                                 {"error", d.last_error.empty() ? json::value(nullptr) : json::value(d.last_error)},
                                 {"created_at", instant_json(d.created_at)},
                                 {"sent_at", d.sent_at ? instant_json(d.sent_at) : json::value(nullptr)}});
  return Response::json(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void add_notify_routes(http::Router& r, Routes<app::NotifyService>& ctx) {
  r.add("GET", "/api/v1/me/notifications", [&ctx](Request& q) { return get_prefs(ctx, q); });
  r.add("PUT", "/api/v1/me/notifications", [&ctx](Request& q) { return put_prefs(ctx, q); });
  r.add("GET", "/api/v1/dossiers/{id}/deliveries", [&ctx](Request& q) { return deliveries(ctx, q); });
}

}  // namespace motcua::api
