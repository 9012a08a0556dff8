// The checks of an OpenID Connect ID token (OpenID Connect Core 1.0 §3.1.3.7), pure: no I/O.
// A compact JWS is split and decoded, its signature verified with a key of the provider's JWKS
// (RS256 with RSA keys of at least 2048 bits, ES256 with P-256 keys, through OpenSSL), then its
// claims: iss, aud (and azp), exp/iat with a small leeway, nonce. Every refusal is an Error with
// a precise `code` (below) and a Vietnamese detail; nothing is trusted before the signature is.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "common/encoding.h"
#include "common/result.h"
#include "common/time.h"

namespace motcua::integrations::oidc {

// Error codes (Error::code) of a refused token:
//   id_token_malformed     not three base64url parts of JSON objects
//   id_token_alg           alg is not RS256/ES256 (none, HS256, …) or does not fit the key
//   id_token_unknown_key   no key of the JWKS has this kid (the caller refreshes the JWKS once)
//   id_token_signature     the signature does not verify
//   id_token_issuer        iss is not the configured issuer
//   id_token_audience      aud does not hold our client_id (or azp names another client)
//   id_token_expired       exp is past (beyond the leeway)
//   id_token_iat           iat is missing or in the future (beyond the leeway), or too old
//   id_token_nonce         nonce differs from the one sent with this login

std::string base64url_decode(std::string_view in, bool* ok);
// base64url_encode: common/encoding.h

// One verification key of the provider (kty RSA or EC P-256), built from its JWK.
class Jwk {
 public:
  ~Jwk();
  Jwk(const Jwk&) = delete;
  Jwk& operator=(const Jwk&) = delete;
  Jwk(Jwk&&) noexcept;
  // nullptr-free: an error for a key that is not a usable RSA/EC P-256 verification key.
  static Result<Jwk> from_json(const boost::json::object& jwk);
  const std::string& kid() const { return kid_; }
  const std::string& kty() const { return kty_; }  // "RSA" | "EC"
  // `alg` "RS256" | "ES256"; `sig` as in the JWS (ES256: 64 bytes r||s).
  bool verify(std::string_view alg, std::string_view signing_input, std::string_view sig) const;

 private:
  Jwk() = default;
  std::string kid_, kty_, use_;
  void* pkey_ = nullptr;  // EVP_PKEY*
};

// The keys of a JWKS document ({"keys":[...]}); keys that are not for signature verification
// (use "enc") or of another type are skipped.
Result<std::vector<std::shared_ptr<const Jwk>>> parse_jwks(std::string_view json_text);

struct Jws {
  boost::json::object header, payload;
  std::string signing_input;  // base64url(header) "." base64url(payload)
  std::string signature;      // decoded
};
Result<Jws> split_jws(std::string_view compact);

struct Expect {
  std::string issuer, client_id, nonce;
  Millis now = 0;
  int64_t leeway_s = 60;
  int64_t max_age_s = 600;  // iat older than this (ID tokens are short-lived): refused
};

// The signature, then the claims. `keys` is the JWKS as cached; id_token_unknown_key tells the
// caller to refresh it and try again.
Result<boost::json::object> verify_id_token(std::string_view compact,
                                            const std::vector<std::shared_ptr<const Jwk>>& keys, const Expect& e);
// The claims alone (after the signature): used by verify_id_token, tested on their own.
Status check_claims(const boost::json::object& claims, const Expect& e);

}  // namespace motcua::integrations::oidc
