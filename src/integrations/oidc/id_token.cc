#include "integrations/oidc/id_token.h"

#include <optional>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace motcua::integrations::oidc {
namespace json = boost::json;

namespace {

Error refuse(const char* code, std::string detail) {
  return make_error(ErrorKind::unauthenticated, std::move(detail), code);
}

int b64val(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

const json::string* str_of(const json::object& o, std::string_view k) {
  const json::value* v = o.if_contains(k);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

// A NumericDate (seconds), integral or not; nullopt when absent or not a number.
std::optional<int64_t> seconds_of(const json::object& o, std::string_view k) {
  const json::value* v = o.if_contains(k);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return int64_t(v->as_uint64());
  if (v->is_double()) return int64_t(v->as_double());
  return std::nullopt;
}

Result<json::object> parse_object(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return refuse("id_token_malformed", "Mã định danh (ID token) không đúng định dạng.");
  return std::move(v.as_object());
}

}  // namespace

std::string base64url_decode(std::string_view in, bool* ok) {
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  *ok = true;
  for (char c : in) {
    if (c == '=') break;  // tolerated padding
    int v = b64val(c);
    if (v < 0) { *ok = false; return {}; }
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((acc >> bits) & 0xff));
    }
  }
  if (bits >= 6) *ok = false;  // a lone 6-bit group is not a byte
  return out;
}

Jwk::~Jwk() {
  if (pkey_) EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_));
}

Jwk::Jwk(Jwk&& o) noexcept : kid_(std::move(o.kid_)), kty_(std::move(o.kty_)), use_(std::move(o.use_)), pkey_(o.pkey_) {
  o.pkey_ = nullptr;
}

Result<Jwk> Jwk::from_json(const json::object& jwk) {
  const Error bad = make_error(ErrorKind::unavailable, "Khóa công khai của nhà cung cấp định danh không hợp lệ.", "jwks_invalid");
  Jwk k;
  if (auto* s = str_of(jwk, "kid")) k.kid_ = std::string(*s);
  if (auto* s = str_of(jwk, "use")) k.use_ = std::string(*s);
  auto* kty = str_of(jwk, "kty");
  if (!kty) return bad;
  k.kty_ = std::string(*kty);
  auto field = [&](const char* name, std::string& out) {
    auto* s = str_of(jwk, name);
    if (!s) return false;
    bool ok = false;
    out = base64url_decode(*s, &ok);
    return ok && !out.empty();
  };
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  BIGNUM *n = nullptr, *e = nullptr;
  const char* type = nullptr;
  std::string pub;
  bool ok = bld != nullptr;
  if (ok && k.kty_ == "RSA") {
    std::string nb, eb;
    ok = field("n", nb) && field("e", eb) && nb.size() >= 256;  // at least 2048 bits
    if (ok) {
      n = BN_bin2bn(reinterpret_cast<const unsigned char*>(nb.data()), int(nb.size()), nullptr);
      e = BN_bin2bn(reinterpret_cast<const unsigned char*>(eb.data()), int(eb.size()), nullptr);
      ok = n && e && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) &&
           OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
      type = "RSA";
    }
  } else if (ok && k.kty_ == "EC") {
    auto* crv = str_of(jwk, "crv");
    std::string x, y;
    ok = crv && *crv == "P-256" && field("x", x) && field("y", y) && x.size() == 32 && y.size() == 32;
    if (ok) {
      pub = std::string(1, '\x04') + x + y;
      ok = OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) &&
           OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size());
      type = "EC";
    }
  } else {
    ok = false;
  }
  EVP_PKEY* pkey = nullptr;
  if (ok) {
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    ok = params && ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
         EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1 && pkey;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
  }
  BN_free(n);
  BN_free(e);
  OSSL_PARAM_BLD_free(bld);
  if (!ok) {
    if (pkey) EVP_PKEY_free(pkey);
    return bad;
  }
  k.pkey_ = pkey;
  return k;
}

bool Jwk::verify(std::string_view alg, std::string_view input, std::string_view sig) const {
  if (!pkey_) return false;
  std::string der;
  if (alg == "RS256") {
    if (kty_ != "RSA") return false;
    der = std::string(sig);
  } else if (alg == "ES256") {
    if (kty_ != "EC" || sig.size() != 64) return false;
    ECDSA_SIG* es = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(sig.data()) + 32, 32, nullptr);
    if (!es || !r || !s || ECDSA_SIG_set0(es, r, s) != 1) {
      BN_free(r);
      BN_free(s);
      ECDSA_SIG_free(es);
      return false;
    }
    unsigned char* buf = nullptr;
    int len = i2d_ECDSA_SIG(es, &buf);
    if (len > 0) der.assign(reinterpret_cast<char*>(buf), size_t(len));
    OPENSSL_free(buf);
    ECDSA_SIG_free(es);
    if (der.empty()) return false;
  } else {
    return false;
  }
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  bool good = md && EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(pkey_)) == 1 &&
              EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                               reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(md);
  return good;
}

Result<std::vector<std::shared_ptr<const Jwk>>> parse_jwks(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  const json::value* keys = (!ec && v.is_object()) ? v.as_object().if_contains("keys") : nullptr;
  if (!keys || !keys->is_array())
    return make_error(ErrorKind::unavailable, "Danh sách khóa (JWKS) của nhà cung cấp định danh không hợp lệ.",
                      "jwks_invalid");
  std::vector<std::shared_ptr<const Jwk>> out;
  for (auto& k : keys->as_array()) {
    if (!k.is_object()) continue;
    auto* use = str_of(k.as_object(), "use");
    if (use && *use != "sig") continue;
    auto jwk = Jwk::from_json(k.as_object());
    if (jwk.ok()) out.push_back(std::make_shared<const Jwk>(std::move(*jwk)));
  }
  return out;
}

Result<Jws> split_jws(std::string_view compact) {
  const Error bad = refuse("id_token_malformed", "Mã định danh (ID token) không đúng định dạng.");
  if (compact.size() > 16 * 1024) return bad;
  auto d1 = compact.find('.');
  if (d1 == std::string_view::npos) return bad;
  auto d2 = compact.find('.', d1 + 1);
  if (d2 == std::string_view::npos || compact.find('.', d2 + 1) != std::string_view::npos) return bad;
  bool ok1 = false, ok2 = false, ok3 = false;
  std::string h = base64url_decode(compact.substr(0, d1), &ok1);
  std::string p = base64url_decode(compact.substr(d1 + 1, d2 - d1 - 1), &ok2);
  Jws j;
  j.signature = base64url_decode(compact.substr(d2 + 1), &ok3);
  if (!ok1 || !ok2 || !ok3) return bad;
  MC_ASSIGN(j.header, parse_object(h));
  MC_ASSIGN(j.payload, parse_object(p));
  j.signing_input = std::string(compact.substr(0, d2));
  return j;
}

Status check_claims(const json::object& c, const Expect& e) {
  auto* iss = str_of(c, "iss");
  if (!iss || *iss != e.issuer)
    return refuse("id_token_issuer", "Mã định danh không do nhà cung cấp định danh đã cấu hình phát hành.");
  const json::value* aud = c.if_contains("aud");
  bool ours = false;
  size_t audiences = 0;
  if (aud && aud->is_string()) {
    ours = aud->as_string() == e.client_id;
    audiences = 1;
  } else if (aud && aud->is_array()) {
    for (auto& x : aud->as_array()) {
      ++audiences;
      if (x.is_string() && x.as_string() == e.client_id) ours = true;
    }
  }
  auto* azp = str_of(c, "azp");
  if (!ours || (azp && *azp != e.client_id) || (audiences > 1 && !azp))
    return refuse("id_token_audience", "Mã định danh không được cấp cho hệ thống này.");
  const int64_t now_s = e.now / 1000;
  auto exp = seconds_of(c, "exp");
  if (!exp || *exp + e.leeway_s <= now_s) return refuse("id_token_expired", "Mã định danh đã hết hạn. Vui lòng đăng nhập lại.");
  auto iat = seconds_of(c, "iat");
  if (!iat || *iat > now_s + e.leeway_s || *iat < now_s - e.max_age_s - e.leeway_s)
    return refuse("id_token_iat", "Thời điểm phát hành mã định danh không hợp lệ.");
  auto* nonce = str_of(c, "nonce");
  if (e.nonce.empty() || !nonce || *nonce != e.nonce)
    return refuse("id_token_nonce", "Mã định danh không thuộc phiên đăng nhập này.");
  return ok_status();
}

Result<json::object> verify_id_token(std::string_view compact, const std::vector<std::shared_ptr<const Jwk>>& keys,
                                     const Expect& e) {
  MC_ASSIGN(Jws j, split_jws(compact));
  auto* alg = str_of(j.header, "alg");
  if (!alg || (*alg != "RS256" && *alg != "ES256"))
    return refuse("id_token_alg", "Mã định danh dùng thuật toán ký không được chấp nhận.");
  if (j.header.if_contains("crit"))  // no extension is understood here
    return refuse("id_token_alg", "Mã định danh dùng phần mở rộng không được hỗ trợ.");
  std::string kid;
  if (auto* k = str_of(j.header, "kid")) kid = std::string(*k);
  const std::string want_kty = *alg == "RS256" ? "RSA" : "EC";
  // With a kid, that key; without one (a provider with a single key), any key of the type.
  bool candidate = false, verified = false;
  for (auto& k : keys) {
    if (k->kty() != want_kty || (!kid.empty() && k->kid() != kid)) continue;
    candidate = true;
    if (k->verify(*alg, j.signing_input, j.signature)) { verified = true; break; }
  }
  if (!candidate) return refuse("id_token_unknown_key", "Không tìm thấy khóa để kiểm tra chữ ký của mã định danh.");
  if (!verified) return refuse("id_token_signature", "Chữ ký của mã định danh không hợp lệ.");
  MC_TRY(check_claims(j.payload, e));
  return std::move(j.payload);
}

}  // namespace motcua::integrations::oidc
