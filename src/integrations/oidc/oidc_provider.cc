#include "integrations/oidc/oidc_provider.h"

#include "integrations/oidc/http_fetch.h"

namespace motcua::integrations::oidc {
namespace json = boost::json;

namespace {
constexpr Millis kDiscoveryTtl = 3'600'000;   // an hour
constexpr Millis kJwksTtl = 3'600'000;        // an hour, and again on a kid we do not know
constexpr Millis kJwksMinRefetch = 3'000;     // not more often than this

Error unavailable(std::string why) {
  return make_error(ErrorKind::unavailable, "Nhà cung cấp định danh (VNeID) chưa sẵn sàng. Vui lòng thử lại sau.",
                    std::move(why));
}

std::string text_of(const json::object& o, std::string_view k) {
  const json::value* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
}  // namespace

Result<app::oidc::Endpoints> HttpProvider::endpoints() {
  Millis now = now_ms();
  {
    std::lock_guard lk(mu_);
    if (ep_at_ && now - ep_at_ < kDiscoveryTtl) return ep_;
  }
  std::string base = o_.issuer;
  while (!base.empty() && base.back() == '/') base.pop_back();
  MC_ASSIGN(Fetched f, http_get(base + "/.well-known/openid-configuration", o_.timeout_s));
  if (f.status != 200) return unavailable("discovery_status_" + std::to_string(f.status));
  boost::system::error_code ec;
  json::value v = json::parse(f.body, ec);
  if (ec || !v.is_object()) return unavailable("discovery_not_json");
  const auto& d = v.as_object();
  app::oidc::Endpoints ep{text_of(d, "issuer"), text_of(d, "authorization_endpoint"), text_of(d, "token_endpoint"),
                          text_of(d, "jwks_uri"), text_of(d, "end_session_endpoint")};
  // OpenID Connect Discovery §4.3: the document's issuer is exactly the one configured.
  if (ep.issuer != o_.issuer) return unavailable("discovery_issuer_mismatch");
  if (ep.authorization_endpoint.empty() || ep.token_endpoint.empty() || ep.jwks_uri.empty())
    return unavailable("discovery_incomplete");
  std::lock_guard lk(mu_);
  ep_ = ep;
  ep_at_ = now;
  return ep;
}

Result<std::vector<std::shared_ptr<const Jwk>>> HttpProvider::keys(bool refresh, Millis now) {
  {
    std::lock_guard lk(mu_);
    bool fresh = keys_at_ && now - keys_at_ < kJwksTtl;
    bool may_refetch = !keys_at_ || now - keys_at_ >= kJwksMinRefetch;
    if (fresh && (!refresh || !may_refetch)) return keys_;
  }
  MC_ASSIGN(auto ep, endpoints());
  MC_ASSIGN(Fetched f, http_get(ep.jwks_uri, o_.timeout_s));
  if (f.status != 200) return unavailable("jwks_status_" + std::to_string(f.status));
  MC_ASSIGN(auto ks, parse_jwks(f.body));
  std::lock_guard lk(mu_);
  keys_ = ks;
  keys_at_ = now;
  return ks;
}

Result<app::oidc::Identity> identity_from_claims(const json::object& c, const std::string& id_claim) {
  app::oidc::Identity id;
  id.personal_id = text_of(c, id_claim);
  if (id.personal_id.empty())
    return make_error(ErrorKind::unauthenticated, "Tài khoản định danh không có số định danh cá nhân.", "id_claim_missing");
  id.full_name = text_of(c, "name");
  if (id.full_name.empty()) id.full_name = text_of(c, "HoVaTen");
  id.birth_date = text_of(c, "birthdate");
  id.acr = text_of(c, "acr");
  id.sid = text_of(c, "sid");
  return id;
}

Result<app::oidc::Identity> HttpProvider::redeem(const std::string& code, const std::string& verifier,
                                                 const std::string& nonce, Millis now) {
  MC_ASSIGN(auto ep, endpoints());
  MC_ASSIGN(Fetched f, http_post_form(ep.token_endpoint,
                                      {{"grant_type", "authorization_code"},
                                       {"code", code},
                                       {"redirect_uri", o_.redirect_uri},
                                       {"code_verifier", verifier}},
                                      o_.client_id, o_.client_secret, o_.timeout_s));
  if (f.status == 400 || f.status == 401)
    return make_error(ErrorKind::unauthenticated,
                      "Nhà cung cấp định danh từ chối mã đăng nhập (mã đã dùng hoặc đã hết hạn). Vui lòng đăng nhập lại.",
                      "token_refused");
  if (f.status != 200) return unavailable("token_status_" + std::to_string(f.status));
  boost::system::error_code ec;
  json::value v = json::parse(f.body, ec);
  std::string id_token = (!ec && v.is_object()) ? text_of(v.as_object(), "id_token") : std::string();
  if (id_token.empty())
    return make_error(ErrorKind::unauthenticated, "Nhà cung cấp định danh không trả mã định danh (ID token).",
                      "id_token_malformed");
  Expect e{o_.issuer, o_.client_id, nonce, now, o_.leeway_s};
  MC_ASSIGN(auto ks, keys(false, now));
  auto claims = verify_id_token(id_token, ks, e);
  if (!claims.ok() && claims.error().code == "id_token_unknown_key") {  // the provider rotated its keys
    MC_ASSIGN(ks, keys(true, now));
    claims = verify_id_token(id_token, ks, e);
  }
  if (!claims.ok()) return claims.error();
  MC_ASSIGN(auto id, identity_from_claims(*claims, o_.id_claim));
  id.id_token = id_token;
  return id;
}

}  // namespace motcua::integrations::oidc
