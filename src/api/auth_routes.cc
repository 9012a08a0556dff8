// Login, logout and "who am I" for staff and (in development) citizens.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Response login_reply(Api& api, const app::LoginResult& r) {
  Response res = Response::json(200, json::object{{"csrf_token", r.csrf}, {"user", actor_json(r.actor)},
                                                  {"expires_at", instant_json(r.expires_at)}});
  res.set_header("Set-Cookie", api.session_cookie(r.token));
  return res;
}

Response login(Api& api, Request& req) {
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string user = rd.required_string("username", 100);
  std::string pass = rd.required_string("password", 200);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  std::string remote = req.remote_addr;
  if (api.app.config().trust_proxy) {
    if (auto xff = req.header("x-forwarded-for")) {
      std::string_view v = *xff;
      auto comma = v.rfind(',');
      v = comma == std::string_view::npos ? v : v.substr(comma + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (!v.empty() && v.size() <= 45) remote = std::string(v);
    }
  }
  auto r = api.app.login_staff(user, pass, remote);
  if (!r.ok()) return Response::problem(r.error());
  return login_reply(api, *r);
}

Response citizen_login(Api& api, Request& req) {
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string id = rd.required_string("personal_id", 12);
  std::string name = rd.optional_string("full_name", 200).value_or("");
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto r = api.app.login_citizen_dev(id, name);
  if (!r.ok()) return Response::problem(r.error());
  return login_reply(api, *r);
}

Response logout(Api& api, Request& req) {
  auto s = api.session(req);
  if (!s.ok()) return Response::problem(s.error());
  if (auto st = api.app.logout(*req.cookie(api.cookie_name())); !st.ok()) return Response::problem(st.error());
  Response res = Response::no_content();
  res.set_header("Set-Cookie", api.clear_cookie());
  return res;
}

Response me(Api& api, Request& req) {
  auto s = api.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return Response::json(200, json::object{{"user", actor_json(s->actor)}, {"csrf_token", s->csrf}});
}

}  // namespace

void add_auth_routes(http::Router& r, Api& api) {
  r.add("POST", "/api/v1/auth/login", [&api](Request& q) { return login(api, q); });
  r.add("POST", "/api/v1/auth/citizen-dev-login", [&api](Request& q) { return citizen_login(api, q); });
  r.add("POST", "/api/v1/auth/logout", [&api](Request& q) { return logout(api, q); });
  r.add("GET", "/api/v1/auth/me", [&api](Request& q) { return me(api, q); });
}

}  // namespace motcua::api
