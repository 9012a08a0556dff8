#include "integrations/oidc/http_fetch.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace motcua::integrations::oidc {

namespace {
size_t collect(char* p, size_t size, size_t n, void* out) {
  auto* s = static_cast<std::string*>(out);
  if (s->size() + size * n > (1u << 20)) return 0;  // an identity provider's answer is small
  s->append(p, size * n);
  return size * n;
}

Result<Fetched> perform(CURL* h, long timeout_s) {
  Fetched f;
  curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout_s);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, std::min<long>(timeout_s, 5));
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &f.body);
  CURLcode rc = curl_easy_perform(h);
  if (rc == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &f.status);
  if (rc != CURLE_OK)
    return make_error(ErrorKind::unavailable, "Nhà cung cấp định danh (VNeID) không trả lời. Vui lòng thử lại sau.",
                      std::string("provider_unavailable"));
  return f;
}

CURL* handle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return curl_easy_init();
}
}  // namespace

std::string form_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(char(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

Result<Fetched> http_get(const std::string& url, long timeout_s) {
  CURL* h = handle();
  if (!h) return make_error(ErrorKind::internal, "Không khởi tạo được kết nối đến nhà cung cấp định danh.");
  curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  auto r = perform(h, timeout_s);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return r;
}

Result<Fetched> http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
                               const std::string& user, const std::string& password, long timeout_s) {
  CURL* h = handle();
  if (!h) return make_error(ErrorKind::internal, "Không khởi tạo được kết nối đến nhà cung cấp định danh.");
  std::string body;
  for (auto& [k, v] : form) {
    if (!body.empty()) body += '&';
    body += form_encode(k) + "=" + form_encode(v);
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
  headers = curl_slist_append(headers, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, long(body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  std::string u = form_encode(user), pw = form_encode(password);
  if (!user.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, u.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, pw.c_str());
  }
  auto r = perform(h, timeout_s);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return r;
}

}  // namespace motcua::integrations::oidc
