#include "integrations/dvcqg/portal_client.h"

#include <algorithm>

#include "integrations/dvcqg/protocol.h"
#include "integrations/http_client.h"

namespace motcua::integrations::dvcqg {
namespace json = boost::json;

Result<std::string> PortalClient::session(bool fresh) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!fresh && !session_.empty()) return session_;
  }
  auto r = http::post_json(opt_.url + "/auth", login_body(opt_.username, opt_.password), {}, opt_.timeout_s);
  if (!r.ok()) return make_error(ErrorKind::unavailable, "Không đăng nhập được Cổng DVCQG: " + r.error().detail);
  Answer a = classify(r->status, r->body);
  if (a.outcome != Outcome::ok || a.session.empty())
    return make_error(ErrorKind::unavailable, "Không đăng nhập được Cổng DVCQG: " +
                                                  (a.detail.empty() ? std::string("không nhận được phiên") : a.detail));
  std::lock_guard<std::mutex> lock(mu_);
  session_ = a.session;
  return session_;
}

Result<json::object> PortalClient::call(const std::string& service, const json::object& fields, const std::string& key) {
  for (int round = 0; round < 2; ++round) {
    MC_ASSIGN(auto s, session(round > 0));
    json::object body{{"session", s}, {"madonvi", opt_.madonvi}, {"service", service}};
    for (auto& [k, v] : fields) body[k] = v;
    std::vector<std::pair<std::string, std::string>> headers;
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    auto r = http::post_json(opt_.url + "/integration", json::serialize(body), headers, opt_.timeout_s);
    if (!r.ok()) return make_error(ErrorKind::unavailable, service + ": " + r.error().detail);
    Answer a = classify(r->status, r->body);
    switch (a.outcome) {
      case Outcome::ok: {
        boost::system::error_code ec;
        auto v = json::parse(r->body, ec);
        return ec || !v.is_object() ? json::object{} : std::move(v.as_object());
      }
      case Outcome::session_expired:
        if (round == 0) continue;  // log in again and repeat once
        return make_error(ErrorKind::unavailable, service + ": " + a.detail);
      case Outcome::transient: return make_error(ErrorKind::unavailable, service + ": " + a.detail);
      case Outcome::refused: return make_error(ErrorKind::invalid, service + ": " + a.detail);
    }
  }
  return make_error(ErrorKind::unavailable, service + ": phiên làm việc hết hạn lặp lại");
}

Result<std::string> PortalClient::fetch(const std::string& url, int64_t max_bytes) {
  // Only what the portal itself serves: a file address elsewhere is not followed.
  if (url.rfind(opt_.url + "/", 0) != 0)
    return make_error(ErrorKind::invalid, "Đường dẫn tệp không thuộc Cổng DVCQG: " + url.substr(0, 200));
  http::Request rq;
  rq.url = url;
  rq.post = false;
  rq.timeout_ms = opt_.timeout_s * 6 * 1000;  // a file, not a message: more time
  rq.connect_timeout_ms = rq.timeout_ms;
  rq.max_bytes = size_t(std::max<int64_t>(max_bytes, 0));
  auto r = http::send(rq);
  if (!r.ok() && r.error().kind == ErrorKind::too_large)
    return make_error(ErrorKind::invalid, "Tệp trên Cổng DVCQG vượt quá giới hạn dung lượng");
  if (!r.ok()) return make_error(ErrorKind::unavailable, "Không tải được tệp: " + r.error().detail);
  if (r->status != 200) return make_error(ErrorKind::unavailable, "Không tải được tệp (HTTP " + std::to_string(r->status) + ")");
  return std::move(r->body);
}

}  // namespace motcua::integrations::dvcqg
