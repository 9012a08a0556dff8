// The national OpenID Connect provider (VNeID through the national portal) over HTTP(S) with
// libcurl: discovery (<issuer>/.well-known/openid-configuration, cached an hour), the JWKS
// (cached, fetched again on a kid it does not know, at most every 10 s), the token endpoint
// (authorization code + PKCE verifier, client_secret_basic), and the ID token's checks
// (id_token.h). Implements app::oidc::Provider.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/identity/oidc.h"
#include "integrations/oidc/id_token.h"

namespace motcua::integrations::oidc {

struct Options {
  std::string issuer, client_id, client_secret, redirect_uri;
  std::string id_claim = "SoDinhDanh";  // the claim holding the 12-digit personal ID number
  long timeout_s = 10;
  int64_t leeway_s = 60;
};

class HttpProvider : public app::oidc::Provider {
 public:
  explicit HttpProvider(Options o) : o_(std::move(o)) {}
  Result<app::oidc::Endpoints> endpoints() override;
  Result<app::oidc::Identity> redeem(const std::string& code, const std::string& verifier, const std::string& nonce,
                                     Millis now) override;

 private:
  Result<std::vector<std::shared_ptr<const Jwk>>> keys(bool refresh, Millis now);
  Options o_;
  std::mutex mu_;
  app::oidc::Endpoints ep_;
  Millis ep_at_ = 0;
  std::vector<std::shared_ptr<const Jwk>> keys_;
  Millis keys_at_ = 0;
};

// Reads the person from checked claims: the personal ID number from `id_claim` (a string of
// digits), the name ("name", else "HoVaTen"), "birthdate", "acr", "sid".
Result<app::oidc::Identity> identity_from_claims(const boost::json::object& claims, const std::string& id_claim);

}  // namespace motcua::integrations::oidc
