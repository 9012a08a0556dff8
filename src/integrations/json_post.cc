#include "integrations/json_post.h"

#include <curl/curl.h>

namespace motcua::integrations {

namespace {
size_t write_cb(char* p, size_t size, size_t n, void* user) {
  auto* s = static_cast<std::string*>(user);
  if (s->size() + size * n > (1u << 20)) return 0;  // an answer over 1 MiB is not one we expect
  s->append(p, size * n);
  return size * n;
}
}  // namespace

Result<HttpAnswer> post_json(const std::string& url, const std::string& body,
                             const std::vector<std::pair<std::string, std::string>>& headers, long timeout_s) {
  return post_body(url, body, "application/json; charset=utf-8", headers, timeout_s);
}

Result<HttpAnswer> post_body(const std::string& url, const std::string& body, const std::string& content_type,
                             const std::vector<std::pair<std::string, std::string>>& headers, long timeout_s) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)init;
  // One handle per thread, reset between calls: the handle keeps its connection cache, so calls
  // from one relay worker to the same host reuse an open (keep-alive, TLS-resumed) connection
  // instead of a new TCP and TLS handshake each time (docs/performance.md, "Relay connections").
  thread_local struct Handle {
    CURL* curl = curl_easy_init();
    ~Handle() {
      if (curl) curl_easy_cleanup(curl);
    }
  } handle;
  CURL* curl = handle.curl;
  if (!curl) return make_error(ErrorKind::unavailable, "Không khởi tạo được kết nối HTTP");
  curl_easy_reset(curl);  // options of the previous call gone; live connections kept
  curl_slist* h = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
  // JSON and form posts expect JSON back (Zalo's OAuth answers JSON to a form); SOAP expects XML.
  if (content_type.find("xml") == std::string::npos) h = curl_slist_append(h, "Accept: application/json");
  for (auto& [k, v] : headers) h = curl_slist_append(h, (k + ": " + v).c_str());
  HttpAnswer a;
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_s);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(10L, timeout_s));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);  // the list is freed now; the handle lives on
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(h);
  if (rc != CURLE_OK)
    return make_error(ErrorKind::unavailable, std::string("Không gọi được dịch vụ: ") + (err[0] ? err : curl_easy_strerror(rc)));
  return a;
}

}  // namespace motcua::integrations
