// Login, logout and "who am I" for staff and (in development) citizens.
#include <cctype>
#include <string_view>

#include <boost/json.hpp>

#include "api/context.h"
#include "api/views.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Response login_reply(Gate& gate, const app::LoginResult& r) {
  Response res = Response::json(200, json::object{{"csrf_token", r.csrf}, {"user", actor_json(r.actor)},
                                                  {"expires_at", instant_json(r.expires_at)}});
  res.set_header("Set-Cookie", gate.session_cookie(r.token));
  return res;
}

bool iequal_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower((unsigned char)s[i]) != prefix[i]) return false;
  return true;
}

// The scheme://host[:port] part of an absolute URL ("" when it has none).
std::string_view origin_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  auto path = url.find('/', scheme + 3);
  return path == std::string_view::npos ? url : url.substr(0, path);
}

// A login comes from our own pages as JSON. A page of another site can post a form
// (text/plain, no CORS preflight) that would log the visitor's browser into an account of the
// attacker's choosing (login CSRF): such a request is refused before anything is checked.
Status check_login_request(const Gate& gate, const Request& req) {
  auto type = req.header("content-type");
  if (!type || !iequal_prefix(*type, "application/json"))
    return make_error(ErrorKind::unsupported, "Yêu cầu đăng nhập phải gửi dữ liệu JSON (Content-Type: application/json).",
                      "unsupported_media_type");
  const Error foreign = make_error(ErrorKind::forbidden, "Yêu cầu đăng nhập đến từ một trang web khác; vui lòng "
                                                         "đăng nhập trên trang của hệ thống.",
                                   "foreign_origin");
  if (auto site = req.header("sec-fetch-site"); site && *site == "cross-site") return foreign;
  if (auto origin = req.header("origin")) {
    auto host = req.header("host");
    bool own = (host && (*origin == "http://" + std::string(*host) || *origin == "https://" + std::string(*host))) ||
               *origin == origin_of(gate.config.public_url);
    if (!own) return foreign;
  }
  return ok_status();
}

Response login(Gate& gate, Request& req) {
  if (auto st = check_login_request(gate, req); !st.ok()) return Response::problem(st.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string user = rd.required_string("username", 100);
  std::string pass = rd.required_string("password", 200);
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  std::string remote = gate.client_address(req);
  auto r = gate.identity.login_staff(user, pass, remote);
  if (!r.ok()) return Response::problem(r.error());
  return login_reply(gate, *r);
}

Response citizen_login(Gate& gate, Request& req) {
  if (auto st = check_login_request(gate, req); !st.ok()) return Response::problem(st.error());
  auto body = http::parse_json_object(req.body);
  if (!body.ok()) return Response::problem(body.error());
  http::ObjectReader rd(*body);
  std::string id = rd.required_string("personal_id", 12);
  std::string name = rd.optional_string("full_name", 200).value_or("");
  if (auto st = rd.finish(); !st.ok()) return Response::problem(st.error());
  auto r = gate.identity.login_citizen_dev(id, name);
  if (!r.ok()) return Response::problem(r.error());
  return login_reply(gate, *r);
}

Response logout(Gate& gate, Request& req) {
  auto s = gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto out = gate.identity.logout(*req.cookie(gate.cookie_name()));
  if (!out.ok()) return Response::problem(out.error());
  // A VNeID session: the browser goes on to the provider to end its session there too.
  Response res = out->end_session_url.empty()
                     ? Response::no_content()
                     : Response::json(200, json::object{{"end_session_url", out->end_session_url}});
  res.set_header("Set-Cookie", gate.clear_cookie());
  return res;
}

Response me(Gate& gate, Request& req) {
  auto s = gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  return Response::json(200, json::object{{"user", actor_json(s->actor)}, {"csrf_token", s->csrf}});
}

}  // namespace

void add_auth_routes(http::Router& r, Gate& gate) {
  r.add("POST", "/api/v1/auth/login", [&gate](Request& q) { return login(gate, q); });
  r.add("POST", "/api/v1/auth/citizen-dev-login", [&gate](Request& q) { return citizen_login(gate, q); });
  r.add("POST", "/api/v1/auth/logout", [&gate](Request& q) { return logout(gate, q); });
  r.add("GET", "/api/v1/auth/me", [&gate](Request& q) { return me(gate, q); });
}

}  // namespace motcua::api
