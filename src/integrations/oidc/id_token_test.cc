// The ID token's checks with keys generated here: RS256 and ES256 signatures, refused
// algorithms (none, HS256 keyed with the public key), tampering, claims and times.
#include "integrations/oidc/id_token.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "integrations/oidc/oidc_provider.h"

namespace motcua::integrations::oidc {
namespace {
namespace json = boost::json;

constexpr int64_t kNow = 1'790'000'000;  // seconds

std::string bn_bytes(EVP_PKEY* k, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(k, name, &bn);
  std::string out(size_t(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

struct Key {
  EVP_PKEY* pkey = nullptr;
  std::string alg, kid;
  explicit Key(const char* alg_, const char* kid_, int rsa_bits = 2048) : alg(alg_), kid(kid_) {
    pkey = alg == "RS256" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(rsa_bits))
                          : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  }
  ~Key() { EVP_PKEY_free(pkey); }
  json::object jwk() const {
    if (alg == "RS256")
      return {{"kty", "RSA"}, {"kid", kid}, {"use", "sig"}, {"alg", "RS256"},
              {"n", base64url_encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_N))},
              {"e", base64url_encode(bn_bytes(pkey, OSSL_PKEY_PARAM_RSA_E))}};
    unsigned char pub[100];
    size_t len = 0;
    EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub, &len);
    std::string p(reinterpret_cast<char*>(pub), len);
    return {{"kty", "EC"}, {"crv", "P-256"}, {"kid", kid}, {"use", "sig"},
            {"x", base64url_encode(p.substr(1, 32))}, {"y", base64url_encode(p.substr(33, 32))}};
  }
  std::string sign(const std::string& input) const {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    size_t len = 0;
    EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, pkey);
    EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string sig(len, '\0');
    EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    sig.resize(len);
    EVP_MD_CTX_free(md);
    if (alg == "RS256") return sig;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, long(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(es);
    return raw;
  }
};

json::object good_claims() {
  return {{"iss", "https://vneid.example"}, {"aud", "motcua"}, {"sub", "abc"},
          {"exp", kNow + 300}, {"iat", kNow - 5}, {"nonce", "n-123"},
          {"SoDinhDanh", "001090000001"}, {"name", "Nguyễn Văn An"}, {"acr", "urn:vneid:loa:2"}};
}

std::string token(const Key& k, const json::object& claims, json::object header = {}) {
  if (header.empty()) header = {{"alg", k.alg}, {"kid", k.kid}, {"typ", "JWT"}};
  std::string input = base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(claims));
  return input + "." + base64url_encode(k.sign(input));
}

Expect expect() { return Expect{"https://vneid.example", "motcua", "n-123", kNow * 1000, 60, 600}; }

std::vector<std::shared_ptr<const Jwk>> keys_of(std::initializer_list<const Key*> ks) {
  json::array arr;
  for (auto* k : ks) arr.push_back(k->jwk());
  auto r = parse_jwks(json::serialize(json::object{{"keys", arr}}));
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r : std::vector<std::shared_ptr<const Jwk>>{};
}

std::string code_of(const Result<json::object>& r) { return r.ok() ? "ok" : r.error().code; }

TEST(IdToken, Base64urlRoundTrip) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\xff\x00\xfe", 3)}) {
    bool ok = false;
    EXPECT_EQ(base64url_decode(base64url_encode(s), &ok), s);
    EXPECT_TRUE(ok);
  }
  bool ok = true;
  base64url_decode("ab+c", &ok);
  EXPECT_FALSE(ok);  // '+' is base64, not base64url
}

TEST(IdToken, Rs256AndEs256Verify) {
  Key rsa("RS256", "r1"), ec("ES256", "e1");
  auto ks = keys_of({&rsa, &ec});
  ASSERT_EQ(ks.size(), 2u);
  auto r = verify_id_token(token(rsa, good_claims()), ks, expect());
  ASSERT_TRUE(r.ok()) << code_of(r);
  EXPECT_EQ(json::value_to<std::string>(r->at("SoDinhDanh")), "001090000001");
  EXPECT_EQ(code_of(verify_id_token(token(ec, good_claims()), ks, expect())), "ok");
}

TEST(IdToken, TamperedPayloadOrSignatureRefused) {
  Key rsa("RS256", "r1");
  auto ks = keys_of({&rsa});
  std::string t = token(rsa, good_claims());
  // Another payload under the same signature.
  json::object other = good_claims();
  other["SoDinhDanh"] = "001090000002";
  auto d1 = t.find('.'), d2 = t.rfind('.');
  std::string swapped = t.substr(0, d1 + 1) + base64url_encode(json::serialize(other)) + t.substr(d2);
  EXPECT_EQ(code_of(verify_id_token(swapped, ks, expect())), "id_token_signature");
  std::string flipped = t;
  flipped[d2 + 5] = flipped[d2 + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(code_of(verify_id_token(flipped, ks, expect())), "id_token_signature");
  // Signed by a key the provider does not publish under that kid.
  Key stranger("RS256", "r1");
  EXPECT_EQ(code_of(verify_id_token(token(stranger, good_claims()), ks, expect())), "id_token_signature");
}

TEST(IdToken, AlgNoneAndHs256WithThePublicKeyRefused) {
  Key rsa("RS256", "r1");
  auto ks = keys_of({&rsa});
  json::object claims = good_claims();
  std::string none = base64url_encode(R"({"alg":"none","kid":"r1"})") + "." +
                     base64url_encode(json::serialize(claims)) + ".";
  EXPECT_EQ(code_of(verify_id_token(none, ks, expect())), "id_token_alg");
  // HS256 keyed with the public key's modulus (the classic confusion attack).
  std::string input = base64url_encode(R"({"alg":"HS256","kid":"r1"})") + "." + base64url_encode(json::serialize(claims));
  std::string secret = bn_bytes(rsa.pkey, OSSL_PKEY_PARAM_RSA_N);
  unsigned char mac[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), int(secret.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &len);
  std::string hs = input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), len));
  EXPECT_EQ(code_of(verify_id_token(hs, ks, expect())), "id_token_alg");
  // ES256 named in the header over an RSA key: no key of that type.
  EXPECT_EQ(code_of(verify_id_token(token(rsa, claims, {{"alg", "ES256"}, {"kid", "r1"}}), ks, expect())),
            "id_token_unknown_key");
}

TEST(IdToken, UnknownKidAskedForAgain) {
  Key a("RS256", "old"), b("RS256", "new");
  EXPECT_EQ(code_of(verify_id_token(token(b, good_claims()), keys_of({&a}), expect())), "id_token_unknown_key");
  EXPECT_EQ(code_of(verify_id_token(token(b, good_claims()), keys_of({&a, &b}), expect())), "ok");
}

TEST(IdToken, Malformed) {
  Key rsa("RS256", "r1");
  auto ks = keys_of({&rsa});
  for (const std::string& t : std::vector<std::string>{"", "a.b", "a.b.c.d", "!!.e30.e30", "e30.bm90IGpzb24.e30"})
    EXPECT_EQ(code_of(verify_id_token(t, ks, expect())), "id_token_malformed") << t;
}

TEST(IdToken, WeakRsaKeyNotAccepted) {
  Key weak("RS256", "w", 1024);
  json::array arr{weak.jwk()};
  auto r = parse_jwks(json::serialize(json::object{{"keys", arr}}));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(IdTokenClaims, IssuerAudienceNonce) {
  auto with = [](const char* k, json::value v) {
    json::object c = good_claims();
    c[k] = std::move(v);
    return c;
  };
  EXPECT_TRUE(check_claims(good_claims(), expect()).ok());
  EXPECT_EQ(check_claims(with("iss", "https://evil.example"), expect()).error().code, "id_token_issuer");
  EXPECT_EQ(check_claims(with("aud", "another-client"), expect()).error().code, "id_token_audience");
  EXPECT_TRUE(check_claims(with("aud", json::array{"motcua"}), expect()).ok());
  EXPECT_EQ(check_claims(with("aud", json::array{"motcua", "x"}), expect()).error().code, "id_token_audience");
  json::object two = with("aud", json::array{"motcua", "x"});
  two["azp"] = "motcua";
  EXPECT_TRUE(check_claims(two, expect()).ok());
  EXPECT_EQ(check_claims(with("azp", "x"), expect()).error().code, "id_token_audience");
  EXPECT_EQ(check_claims(with("nonce", "n-999"), expect()).error().code, "id_token_nonce");
  json::object no_nonce = good_claims();
  no_nonce.erase("nonce");
  EXPECT_EQ(check_claims(no_nonce, expect()).error().code, "id_token_nonce");
}

TEST(IdTokenClaims, TimesWithLeeway) {
  auto at = [](int64_t exp, int64_t iat) {
    json::object c = good_claims();
    c["exp"] = exp;
    c["iat"] = iat;
    return check_claims(c, expect());
  };
  EXPECT_TRUE(at(kNow - 30, kNow - 100).ok());  // expired 30 s ago: within the 60 s leeway
  EXPECT_EQ(at(kNow - 60, kNow - 100).error().code, "id_token_expired");
  EXPECT_EQ(at(kNow - 3600, kNow - 4000).error().code, "id_token_expired");
  EXPECT_TRUE(at(kNow + 300, kNow + 30).ok());  // clock skew of 30 s
  EXPECT_EQ(at(kNow + 300, kNow + 120).error().code, "id_token_iat");
  EXPECT_EQ(at(kNow + 3600, kNow - 3600).error().code, "id_token_iat");  // issued an hour ago
  json::object no_exp = good_claims();
  no_exp.erase("exp");
  EXPECT_EQ(check_claims(no_exp, expect()).error().code, "id_token_expired");
}

TEST(IdTokenClaims, PersonFromClaims) {
  auto id = identity_from_claims(good_claims(), "SoDinhDanh");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->personal_id, "001090000001");
  EXPECT_EQ(id->full_name, "Nguyễn Văn An");
  EXPECT_EQ(id->acr, "urn:vneid:loa:2");
  EXPECT_EQ(identity_from_claims(good_claims(), "so_dinh_danh").error().code, "id_claim_missing");
}

}  // namespace
}  // namespace motcua::integrations::oidc
