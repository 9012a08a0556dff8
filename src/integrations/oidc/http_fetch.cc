#include "integrations/oidc/http_fetch.h"

#include "common/encoding.h"

namespace motcua::integrations::oidc {

namespace {
Result<Fetched> call(http::Request r, long timeout_s) {
  r.accept = "application/json";
  r.timeout_ms = timeout_s * 1000;
  r.connect_timeout_ms = 5'000;
  r.max_bytes = 1u << 20;  // an identity provider's answer is small
  auto a = http::send(r);
  if (!a.ok())
    return make_error(ErrorKind::unavailable, "Nhà cung cấp định danh (VNeID) không trả lời. Vui lòng thử lại sau.",
                      std::string("provider_unavailable"));
  return a;
}
}  // namespace

Result<Fetched> http_get(const std::string& url, long timeout_s) {
  http::Request r;
  r.url = url;
  r.post = false;
  return call(std::move(r), timeout_s);
}

Result<Fetched> http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
                               const std::string& user, const std::string& password, long timeout_s) {
  http::Request r;
  r.url = url;
  r.body = http::form_body(form);
  r.content_type = "application/x-www-form-urlencoded";
  if (!user.empty()) {
    r.basic_user = percent_encode(user);
    r.basic_password = percent_encode(password);
  }
  return call(std::move(r), timeout_s);
}

}  // namespace motcua::integrations::oidc
