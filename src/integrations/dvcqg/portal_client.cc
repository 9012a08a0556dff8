#include "integrations/dvcqg/portal_client.h"

#include <curl/curl.h>

#include "integrations/dvcqg/protocol.h"
#include "integrations/json_post.h"

namespace motcua::integrations::dvcqg {
namespace json = boost::json;

Result<std::string> PortalClient::session(bool fresh) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!fresh && !session_.empty()) return session_;
  }
  auto r = post_json(opt_.url + "/auth", login_body(opt_.username, opt_.password), {}, opt_.timeout_s);
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
    auto r = post_json(opt_.url + "/integration", json::serialize(body), headers, opt_.timeout_s);
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

namespace {
struct Sink {
  std::string* out;
  int64_t max;
  bool over = false;
};
size_t write_cb(char* p, size_t size, size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  if (int64_t(s->out->size() + size * n) > s->max) {
    s->over = true;
    return 0;
  }
  s->out->append(p, size * n);
  return size * n;
}
}  // namespace

Result<std::string> PortalClient::fetch(const std::string& url, int64_t max_bytes) {
  // Only what the portal itself serves: a file address elsewhere is not followed.
  if (url.rfind(opt_.url + "/", 0) != 0)
    return make_error(ErrorKind::invalid, "Đường dẫn tệp không thuộc Cổng DVCQG: " + url.substr(0, 200));
  CURL* curl = curl_easy_init();
  if (!curl) return make_error(ErrorKind::unavailable, "Không khởi tạo được kết nối HTTP");
  std::string body;
  Sink sink{&body, max_bytes};
  long status = 0;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, opt_.timeout_s * 6);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (sink.over) return make_error(ErrorKind::invalid, "Tệp trên Cổng DVCQG vượt quá giới hạn dung lượng");
  if (rc != CURLE_OK) return make_error(ErrorKind::unavailable, std::string("Không tải được tệp: ") + curl_easy_strerror(rc));
  if (status != 200) return make_error(ErrorKind::unavailable, "Không tải được tệp (HTTP " + std::to_string(status) + ")");
  return body;
}

}  // namespace motcua::integrations::dvcqg
