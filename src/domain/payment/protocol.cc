#include "domain/payment/protocol.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>

namespace motcua::payment {

namespace {
std::string hex(const unsigned char* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string o(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    o[2 * i] = d[p[i] >> 4];
    o[2 * i + 1] = d[p[i] & 15];
  }
  return o;
}
const std::string& at(const std::map<std::string, std::string>& m, const std::string& k) {
  static const std::string empty;
  auto it = m.find(k);
  return it == m.end() ? empty : it->second;
}
}  // namespace

std::string sha256_hex_of(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return hex(md, sizeof md);
}

std::string hmac_sha512_hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha512(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(), md,
       &len);
  return hex(md, len);
}

bool same_digest(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= (std::tolower((unsigned char)a[i]) ^ std::tolower((unsigned char)b[i]));
  return diff == 0;
}

std::string paygov_sign_input(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                              std::string_view secret) {
  std::string s;
  for (auto& f : order) {
    s += at(msg, f);
    s += '|';
  }
  s += secret;
  return s;
}

std::string paygov_checksum(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                            std::string_view secret) {
  return sha256_hex_of(paygov_sign_input(msg, order, secret));
}

bool paygov_verify(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                   std::string_view secret) {
  return same_digest(at(msg, "MaXacThuc"), paygov_checksum(msg, order, secret));
}

std::optional<PaygovStatus> parse_paygov_status(std::string_view s) {
  if (s == "1") return PaygovStatus::success;
  if (s == "3") return PaygovStatus::pending;
  if (s == "4") return PaygovStatus::failed;
  return std::nullopt;
}

std::string vnpay_urlencode(std::string_view s) {
  static const char* d = "0123456789ABCDEF";
  std::string o;
  o.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') o += char(c);
    else if (c == ' ') o += '+';
    else {
      o += '%';
      o += d[c >> 4];
      o += d[c & 15];
    }
  }
  return o;
}

std::string vnpay_sign_data(const std::map<std::string, std::string>& params) {
  std::string s;
  for (auto& [k, v] : params) {  // std::map: sorted by name, byte order
    if (k == "vnp_SecureHash" || k == "vnp_SecureHashType") continue;
    if (!s.empty()) s += '&';
    s += vnpay_urlencode(k);
    s += '=';
    s += vnpay_urlencode(v);
  }
  return s;
}

std::string vnpay_secure_hash(const std::map<std::string, std::string>& params, std::string_view secret) {
  return hmac_sha512_hex(secret, vnpay_sign_data(params));
}

bool vnpay_verify(const std::map<std::string, std::string>& params, std::string_view secret) {
  return same_digest(at(params, "vnp_SecureHash"), vnpay_secure_hash(params, secret));
}

std::string vnpay_query_string(const std::map<std::string, std::string>& params, std::string_view secret) {
  return vnpay_sign_data(params) + "&vnp_SecureHash=" + vnpay_secure_hash(params, secret);
}

std::string vnpay_amount(int64_t vnd) { return std::to_string(vnd) + "00"; }

std::optional<int64_t> vnpay_amount_to_vnd(std::string_view t) {
  if (t.empty() || t.size() > 18 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int64_t v = std::stoll(std::string(t));
  if (v % 100 != 0) return std::nullopt;
  return v / 100;
}

std::string vnpay_pipe_hash(const std::map<std::string, std::string>& msg, const std::vector<std::string>& order,
                            std::string_view secret) {
  std::string s;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i) s += '|';
    s += at(msg, order[i]);
  }
  return hmac_sha512_hex(secret, s);
}

Outcome vnpay_outcome(std::string_view rc, std::string_view ts) {
  if (rc == "00" && ts == "00") return Outcome::paid;
  if (ts == "01") return Outcome::pending;
  return Outcome::failed;
}

std::string vn_timestamp(int64_t utc_ms) {
  std::time_t t = std::time_t(utc_ms / 1000 + 7 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

}  // namespace motcua::payment
