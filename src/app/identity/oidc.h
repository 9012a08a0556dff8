// VNeID login through OpenID Connect (DOMAIN.md §10): what the identity context needs from the
// national provider, as an interface that an adapter implements (integrations/oidc/). The use
// case (vneid_login.cc) keeps state, nonce and PKCE verifier server-side and makes the session;
// the adapter speaks HTTP to the provider and checks the ID token.
#pragma once
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace motcua::app::oidc {

// The provider's endpoints, from <issuer>/.well-known/openid-configuration.
struct Endpoints {
  std::string issuer, authorization_endpoint, token_endpoint, jwks_uri, end_session_endpoint;
};

// What a checked ID token says about the person who logged in.
struct Identity {
  std::string personal_id;  // the 12-digit personal identification number (the key)
  std::string full_name, birth_date;  // birth_date "YYYY-MM-DD" or ""
  std::string acr;          // the authentication context class the provider asserted
  std::string sid;          // the provider's session id, when it says one
  std::string id_token;     // kept for RP-initiated logout (id_token_hint)
};

class Provider {
 public:
  virtual ~Provider() = default;
  // Discovery, cached by the adapter. ErrorKind::unavailable when the provider cannot be reached.
  virtual Result<Endpoints> endpoints() = 0;
  // Exchanges `code` at the token endpoint (client authentication and the PKCE `verifier`),
  // then checks the ID token: signature through the JWKS (refreshed once on an unknown kid),
  // iss, aud, exp/iat, `nonce`; reads the personal ID number and acr. A refused token is
  // ErrorKind::unauthenticated with a code (integrations/oidc/id_token.h; token_refused when the
  // provider refused the code, e.g. a replayed one).
  virtual Result<Identity> redeem(const std::string& code, const std::string& verifier, const std::string& nonce,
                                  Millis now) = 0;
};

}  // namespace motcua::app::oidc
