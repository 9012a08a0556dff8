// VNeID login through OpenID Connect: the relying party's side of the authorization code flow
// with PKCE, state and nonce (oidc.h has the provider's side).
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/identity/identity_service.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "common/encoding.h"
#include "domain/org/identity.h"
#include "store/oidc_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace {
constexpr Millis kLoginTtl = 10 * kMinute;

// base64url without padding of the bytes that `hex` spells (RFC 7636 S256: of SHA-256).
std::string base64url_of_hex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(char(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return base64url_encode(bytes);
}

std::string with_query(const std::string& endpoint, const std::vector<std::pair<std::string, std::string>>& q) {
  std::string url = endpoint;
  char sep = endpoint.find('?') == std::string::npos ? '?' : '&';
  for (auto& [k, v] : q) {
    url += sep;
    url += percent_encode(k) + "=" + percent_encode(v);
    sep = '&';
  }
  return url;
}

Error login_refused(std::string detail, std::string code) {
  return make_error(ErrorKind::unauthenticated, std::move(detail), std::move(code));
}
}  // namespace

int IdentityService::assurance_of(const std::string& acr) const {
  if (acr.empty()) return 0;
  // "acr=level,acr=level": the acr values are URIs without ',' or '='.
  const std::string& list = cfg_.oidc_acr_levels;
  size_t i = 0;
  while (i <= list.size()) {
    size_t end = list.find(',', i);
    if (end == std::string::npos) end = list.size();
    std::string item = list.substr(i, end - i);
    auto eq = item.rfind('=');
    if (eq != std::string::npos && item.substr(0, eq) == acr) {
      int level = std::atoi(item.c_str() + eq + 1);
      return level < 0 ? 0 : level > 9 ? 9 : level;
    }
    i = end + 1;
  }
  return 0;
}

Status IdentityService::refused(const std::string& reason, const std::string& remote, const std::string& subject) {
  Millis now = now_ms();
  return db_.write([&](sql::Connection& c) -> Status {
    return audit(c, now, "anonymous", "login_refused", subject.empty() ? "citizen:?" : "citizen:" + subject,
                 boost::json::object{{"method", "vneid"}, {"reason", reason}, {"remote", remote}});
  });
}

std::string IdentityService::end_session_url(const std::string& id_token) {
  if (!oidc_) return {};
  auto ep = oidc_->endpoints();
  if (!ep.ok() || ep->end_session_endpoint.empty()) return {};
  std::vector<std::pair<std::string, std::string>> q;
  if (!id_token.empty()) q.emplace_back("id_token_hint", id_token);
  q.emplace_back("client_id", cfg_.oidc_client_id);
  q.emplace_back("post_logout_redirect_uri", cfg_.oidc_post_logout_redirect_uri);
  return with_query(ep->end_session_endpoint, q);
}

Result<VneidStart> IdentityService::start_vneid(const std::string& remote) {
  if (!oidc_)
    return make_error(ErrorKind::not_found, "Đăng nhập bằng VNeID chưa được cấu hình trên hệ thống này.", "vneid_not_configured");
  MC_ASSIGN(auto ep, oidc_->endpoints());
  Millis now = now_ms();
  const std::string state = random_hex(32), nonce = random_hex(32), verifier = random_hex(48);
  VneidStart out;
  out.browser_token = random_hex(32);
  store::OidcLoginRec rec{sha256_hex(state), nonce, verifier, sha256_hex(out.browser_token), now, now + kLoginTtl, 0};
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::delete_oidc_logins_before(c, now));  // the table holds at most ten minutes of logins
    return store::insert_oidc_login(c, rec);
  }));
  (void)remote;
  out.authorization_url = with_query(ep.authorization_endpoint, {{"response_type", "code"},
                                                                 {"client_id", cfg_.oidc_client_id},
                                                                 {"redirect_uri", cfg_.oidc_redirect_uri},
                                                                 {"scope", cfg_.oidc_scope},
                                                                 {"state", state},
                                                                 {"nonce", nonce},
                                                                 {"code_challenge", base64url_of_hex(sha256_hex(verifier))},
                                                                 {"code_challenge_method", "S256"}});
  return out;
}

Result<LoginResult> IdentityService::finish_vneid(const std::string& state, const std::string& code,
                                                  const std::string& provider_error, const std::string& browser_token,
                                                  const std::string& remote) {
  if (!oidc_)
    return make_error(ErrorKind::not_found, "Đăng nhập bằng VNeID chưa được cấu hình trên hệ thống này.", "vneid_not_configured");
  const Error bad_state = login_refused("Phiên đăng nhập VNeID không hợp lệ, đã dùng hoặc đã hết hạn. Vui lòng đăng nhập lại.",
                                        "oidc_bad_state");
  if (state.empty() || state.size() > 128) {
    MC_TRY(refused("bad_state", remote));
    return bad_state;
  }
  // The state is spent here, in its own transaction, before anything else is tried: a second
  // callback with it (replayed, or racing) finds it used.
  Millis now = now_ms();
  std::optional<store::OidcLoginRec> rec;
  std::string why;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    why.clear();
    MC_ASSIGN(rec, store::get_oidc_login_for_update(c, sha256_hex(state)));
    if (!rec) why = "unknown_state";
    else if (rec->used_at) why = "replayed_state";
    else if (now >= rec->expires_at) why = "expired_state";
    else if (browser_token.empty() || !constant_time_equal(sha256_hex(browser_token), rec->browser_hash))
      why = "other_browser";
    if (rec && !rec->used_at) MC_TRY(store::mark_oidc_login_used(c, rec->state_hash, now));
    if (!why.empty())
      return audit(c, now, "anonymous", "login_refused", "citizen:?",
                   boost::json::object{{"method", "vneid"}, {"reason", why}, {"remote", remote}});
    return ok_status();
  }));
  if (!why.empty()) return bad_state;
  if (!provider_error.empty() || code.empty()) {
    MC_TRY(refused(provider_error.empty() ? "no_code" : "provider_error:" + provider_error.substr(0, 64), remote));
    return login_refused("Đăng nhập bằng VNeID chưa hoàn tất (đã hủy hoặc bị từ chối). Vui lòng thử lại.",
                         "oidc_provider_error");
  }
  if (code.size() > 2048) {
    MC_TRY(refused("bad_code", remote));
    return login_refused("Mã đăng nhập không hợp lệ.", "oidc_bad_code");
  }
  auto who = oidc_->redeem(code, rec->verifier, rec->nonce, now_ms());
  if (!who.ok()) {
    Error e = who.take_error();
    MC_TRY(refused(e.code.empty() ? "provider" : e.code, remote));
    return e;
  }
  now = now_ms();
  auto pid = org::check_personal_id(who->personal_id, local_date(now).year);
  if (!pid.ok()) {
    MC_TRY(refused("invalid_personal_id", remote));
    return login_refused("Số định danh cá nhân do nhà cung cấp định danh trả về không hợp lệ.", "oidc_bad_personal_id");
  }
  const int level = assurance_of(who->acr);
  LoginResult r;
  r.token = random_hex(32);
  r.csrf = random_hex(16);
  r.expires_at = now + cfg_.session_absolute_hours * kHour;
  r.actor.kind = Actor::Kind::citizen;
  r.actor.id = who->personal_id;
  r.actor.login_method = "vneid";
  r.actor.assurance = level;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto existing, store::get_citizen(c, who->personal_id));
    // The national identity is authoritative for the name; a phone the citizen gave stays.
    r.actor.full_name = who->full_name.empty() && existing ? existing->full_name : who->full_name;
    MC_TRY(store::upsert_citizen(c, store::CitizenRec{who->personal_id, r.actor.full_name, existing ? existing->phone : ""}));
    store::SessionRec s{sha256_hex(r.token), "citizen", who->personal_id, r.csrf, now, now, r.expires_at, "vneid",
                        level, who->acr, who->id_token};
    MC_TRY(store::insert_session(c, s));
    return audit(c, now, r.actor.label(), "login", "citizen:" + who->personal_id,
                 boost::json::object{{"method", "vneid"}, {"acr", who->acr}, {"assurance", level}, {"remote", remote}});
  }));
  return r;
}

}  // namespace motcua::app
