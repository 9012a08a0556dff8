#include "integrations/http_client.h"

#include <curl/curl.h>

#include <algorithm>

#include "common/encoding.h"

namespace motcua::integrations::http {

namespace {
struct Sink {
  std::string* out;
  size_t max;
  bool over = false;
};

size_t collect(char* p, size_t size, size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  if (s->out->size() + size * n > s->max) {
    s->over = true;
    return 0;  // libcurl stops the transfer
  }
  s->out->append(p, size * n);
  return size * n;
}
}  // namespace

Result<Answer> send(const Request& r) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)init;
  // One handle per thread, reset between calls: the handle keeps its connection cache, so calls
  // from one worker to the same host reuse an open (keep-alive, TLS-resumed) connection instead
  // of a new TCP and TLS handshake each time (docs/performance.md, "Relay connections").
  thread_local struct Handle {
    CURL* curl = curl_easy_init();
    ~Handle() {
      if (curl) curl_easy_cleanup(curl);
    }
  } handle;
  CURL* curl = handle.curl;
  if (!curl) return make_error(ErrorKind::unavailable, "Không khởi tạo được kết nối HTTP", std::string("no_answer"));
  curl_easy_reset(curl);  // options of the previous call gone; live connections kept

  curl_slist* h = nullptr;
  if (r.post && !r.content_type.empty()) h = curl_slist_append(h, ("Content-Type: " + r.content_type).c_str());
  if (!r.accept.empty()) h = curl_slist_append(h, ("Accept: " + r.accept).c_str());
  for (auto& [k, v] : r.headers) h = curl_slist_append(h, (k + ": " + v).c_str());

  Answer a;
  Sink sink{&a.body, r.max_bytes};
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  if (h) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
  if (r.post) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
  }
  if (!r.basic_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, r.basic_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, r.basic_password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(r.connect_timeout_ms, r.timeout_ms));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
  // The list, the buffer and the strings die with this call; the handle lives on.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(h);
  if (sink.over)
    return make_error(ErrorKind::too_large, "Câu trả lời của dịch vụ vượt quá giới hạn dung lượng", std::string("too_large"));
  if (rc != CURLE_OK)
    return make_error(ErrorKind::unavailable, std::string("Không gọi được dịch vụ: ") + (err[0] ? err : curl_easy_strerror(rc)),
                      std::string("no_answer"));
  return a;
}

Result<Answer> post_body(const std::string& url, const std::string& body, const std::string& content_type,
                         const Headers& headers, long timeout_s) {
  Request r;
  r.url = url;
  r.body = body;
  r.content_type = content_type;
  // JSON and form posts expect JSON back (Zalo's OAuth answers JSON to a form); SOAP expects XML.
  if (content_type.find("xml") == std::string::npos) r.accept = "application/json";
  r.headers = headers;
  r.timeout_ms = timeout_s * 1000;
  r.connect_timeout_ms = 10'000;
  auto a = send(r);
  if (!a.ok() && a.error().kind != ErrorKind::unavailable)
    return make_error(ErrorKind::unavailable, "Không gọi được dịch vụ: " + a.error().detail, a.error().code);
  return a;
}

Result<Answer> post_json(const std::string& url, const std::string& body, const Headers& headers, long timeout_s) {
  return post_body(url, body, "application/json; charset=utf-8", headers, timeout_s);
}

std::string form_body(const Headers& fields) {
  std::string body;
  for (auto& [k, v] : fields) {
    if (!body.empty()) body += '&';
    body += percent_encode(k) + "=" + percent_encode(v);
  }
  return body;
}

}  // namespace motcua::integrations::http
