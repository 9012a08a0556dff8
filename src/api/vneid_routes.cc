// VNeID login through OpenID Connect: the browser's two stops on our side of the redirect dance
// (app/identity/vneid_login.cc does the work). A refusal is shown to the citizen as a Vietnamese
// page, or as problem+json to a client that asks for JSON (Accept: application/json).
#include <string>

#include "api/context.h"
#include "common/encoding.h"

namespace motcua::api {
using http::Request;
using http::Response;

namespace {

std::string browser_cookie_name(const Gate& gate) {
  return gate.config.secure_cookies ? "__Host-motcua_vneid" : "motcua_vneid";
}

std::string browser_cookie(const Gate& gate, const std::string& value, int max_age) {
  std::string c = browser_cookie_name(gate) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age);
  if (gate.config.secure_cookies) c += "; Secure";
  return c;
}

bool wants_json(const Request& req) {
  auto a = req.header("accept");
  return a && a->find("application/json") != std::string_view::npos;
}

Response refused(const Gate& gate, const Request& req, const Error& e) {
  Response res;
  if (wants_json(req)) {
    res = Response::problem(e);
  } else {
    std::string page =
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        "content=\"width=device-width, initial-scale=1\"><title>Đăng nhập VNeID không thành công</title></head><body>"
        "<main><h1>Đăng nhập bằng VNeID không thành công</h1><p>" +
        html_escape(e.detail) + "</p><p>Mã lỗi: <code>" + html_escape(e.code) +
        "</code></p><p><a href=\"/api/v1/auth/vneid/start\">Đăng nhập lại bằng VNeID</a> · <a href=\"/\">Về trang "
        "chủ</a></p></main></body></html>";
    res = Response::text(http::status_for(e.kind), std::move(page), "text/html; charset=utf-8");
  }
  res.set_header("Cache-Control", "no-store");
  res.headers.emplace_back("Set-Cookie", browser_cookie(gate, "", 0));
  return res;
}

Response redirect(std::string location) {
  Response res = Response::text(302, "", "text/plain; charset=utf-8");
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
  return res;
}

Response start(Gate& gate, Request& req) {
  auto s = gate.identity.start_vneid(gate.client_address(req));
  if (!s.ok()) return refused(gate, req, s.error());
  Response res = redirect(s->authorization_url);
  res.headers.emplace_back("Set-Cookie", browser_cookie(gate, s->browser_token, 600));
  return res;
}

Response callback(Gate& gate, Request& req) {
  std::string state = req.query_param("state").value_or("");
  std::string code = req.query_param("code").value_or("");
  std::string error = req.query_param("error").value_or("");
  std::string browser = req.cookie(browser_cookie_name(gate)).value_or("");
  auto r = gate.identity.finish_vneid(state, code, error, browser, gate.client_address(req));
  if (!r.ok()) return refused(gate, req, r.error());
  // The session cookie is rotated: a session this browser had before is ended.
  if (auto old = req.cookie(gate.cookie_name()); old && !old->empty()) (void)gate.identity.logout(*old);
  Response res = redirect(gate.config.oidc_after_login);
  res.headers.emplace_back("Set-Cookie", gate.session_cookie(r->token));
  res.headers.emplace_back("Set-Cookie", browser_cookie(gate, "", 0));
  return res;
}

}  // namespace

void add_vneid_routes(http::Router& r, Gate& gate) {
  r.add("GET", "/api/v1/auth/vneid/start", [&gate](Request& q) { return start(gate, q); });
  r.add("GET", "/api/v1/auth/vneid/callback", [&gate](Request& q) { return callback(gate, q); });
}

}  // namespace motcua::api
