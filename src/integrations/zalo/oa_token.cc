#include "integrations/zalo/oa_token.h"

#include <boost/json.hpp>

#include "common/time.h"
#include "integrations/http_client.h"

namespace motcua::integrations::zalo {
namespace json = boost::json;

namespace {

std::string base(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

// -124: "Access token is invalid" (ZNS); -216: "Access token is invalid or expired" (OA API).
bool is_token_refusal(int64_t error) { return error == -124 || error == -216; }

Status TokenSource::load_locked() {
  if (vault_) {
    MC_ASSIGN(auto saved, vault_->load());
    if (saved && !saved->access_token.empty()) {
      t_ = *saved;
      return ok_status();
    }
  }
  if (!t_) t_ = app::zalo::OaTokens{o_.access_token, o_.refresh_token, 0};
  return ok_status();
}

Status TokenSource::refresh_locked() {
  if (!can_refresh() || t_->refresh_token.empty())
    return make_error(ErrorKind::unavailable, "Mã truy cập Zalo OA hết hạn và chưa cấu hình làm mới (MOTCUA_ZALO_OAUTH_URL, "
                                              "MOTCUA_ZALO_APP_SECRET, MOTCUA_ZALO_REFRESH_TOKEN)");
  const std::string form = http::form_body(
      {{"app_id", o_.app_id}, {"grant_type", "refresh_token"}, {"refresh_token", t_->refresh_token}});
  MC_ASSIGN(auto a, http::post_body(base(o_.oauth_url) + "/v4/oa/access_token", form, "application/x-www-form-urlencoded",
                              {{"secret_key", o_.app_secret}}, o_.timeout_s));
  boost::system::error_code ec;
  auto v = json::parse(a.body, ec);
  if (a.status != 200 || ec || !v.is_object())
    return make_error(ErrorKind::unavailable, "Làm mới mã truy cập Zalo OA: trả lời HTTP " + std::to_string(a.status));
  const auto& o = v.as_object();
  auto text = [&](const char* k) -> std::string {
    auto* x = o.if_contains(k);
    if (!x) return "";
    if (x->is_string()) return std::string(x->as_string());
    if (x->is_int64()) return std::to_string(x->as_int64());
    return "";
  };
  const std::string access = text("access_token"), refresh = text("refresh_token"), expires = text("expires_in");
  if (access.empty() || refresh.empty()) {
    std::string why = text("error_description");
    if (why.empty()) why = text("message");
    return make_error(ErrorKind::unavailable,
                      "Zalo từ chối làm mới mã truy cập OA (" + text("error") + (why.empty() ? "" : ": " + why) +
                          "): cần cấp quyền lại cho ứng dụng");
  }
  int64_t secs = 0;
  if (!expires.empty() && expires.size() < 12 && expires.find_first_not_of("0123456789") == std::string::npos)
    secs = std::stoll(expires);
  app::zalo::OaTokens fresh{access, refresh, secs > 0 ? now_ms() + secs * 1000 : 0};
  // Saved before use: the old refresh token no longer works.
  if (vault_) MC_TRY(vault_->save(fresh));
  t_ = fresh;
  return ok_status();
}

Result<std::string> TokenSource::current() {
  std::lock_guard lock(m_);
  if (!t_) MC_TRY(load_locked());
  if (t_->expires_at && now_ms() >= t_->expires_at - 60'000 && can_refresh()) {
    // Another process may have refreshed already.
    const std::string before = t_->access_token;
    MC_TRY(load_locked());
    if (t_->access_token == before || (t_->expires_at && now_ms() >= t_->expires_at - 60'000)) MC_TRY(refresh_locked());
  }
  return t_->access_token;
}

Result<std::string> TokenSource::after_refusal(const std::string& refused) {
  std::lock_guard lock(m_);
  MC_TRY(load_locked());
  if (t_->access_token != refused) return t_->access_token;
  auto st = refresh_locked();
  if (!st.ok()) {
    // Two processes may refresh with the same single-use token: the loser finds the winner's.
    MC_TRY(load_locked());
    if (t_->access_token != refused) return t_->access_token;
    return st.error();
  }
  return t_->access_token;
}

}  // namespace motcua::integrations::zalo
