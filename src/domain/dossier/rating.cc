#include "domain/dossier/rating.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>

#include "common/crypto.h"

namespace motcua::dossier {
namespace {

constexpr std::array<std::string_view, kScoreCount> kScoreNames = {"very_satisfied", "satisfied", "dissatisfied"};
constexpr std::array<std::string_view, kScoreCount> kScoreLabels = {"Rất hài lòng", "Hài lòng", "Không hài lòng"};

std::string base64url(const unsigned char* p, size_t n) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | p[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::string hmac_raw(std::string_view secret, const std::string& msg) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), int(secret.size()), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
       out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string mac_of(std::string_view secret, std::string_view dossier_id, int64_t expires_s) {
  std::string msg = "rating-link|" + std::string(dossier_id) + "|" + std::to_string(expires_s);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), int(secret.size()), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
       out, &len);
  return base64url(out, len);
}

Error not_found() {
  return make_error(ErrorKind::not_found,
                    "Liên kết đánh giá không đúng. Vui lòng mở lại đúng liên kết trong tin nhắn mời đánh giá.",
                    "rating_link_not_found");
}

}  // namespace

std::string_view to_string(Score s) { return kScoreNames[static_cast<size_t>(s)]; }

std::optional<Score> parse_score(std::string_view s) {
  for (size_t i = 0; i < kScoreNames.size(); ++i)
    if (kScoreNames[i] == s) return static_cast<Score>(i);
  return std::nullopt;
}

std::string_view score_label_vi(Score s) { return kScoreLabels[static_cast<size_t>(s)]; }

std::string_view to_string(RatingChannel c) {
  switch (c) {
    case RatingChannel::web: return "web";
    case RatingChannel::link: return "link";
    case RatingChannel::kiosk: return "kiosk";
  }
  return "";
}

Status may_rate(State s) {
  if (s == State::resolved || s == State::returned) return ok_status();
  return make_error(ErrorKind::conflict, "Hồ sơ chỉ được đánh giá sau khi đã có kết quả giải quyết.", "not_rateable");
}

std::string sign_rating_link(std::string_view secret, std::string_view dossier_id, Millis expires_at) {
  const int64_t s = expires_at / 1000;
  return std::string(dossier_id) + "." + std::to_string(s) + "." + mac_of(secret, dossier_id, s);
}

Result<RatingLink> verify_rating_link(std::string_view secret, std::string_view token, Millis now) {
  if (token.size() > 200 || secret.empty()) return not_found();
  const size_t a = token.find('.');
  if (a == std::string_view::npos) return not_found();
  const size_t b = token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos) return not_found();
  std::string_view id = token.substr(0, a), exp = token.substr(a + 1, b - a - 1), mac = token.substr(b + 1);
  if (id.empty() || id.size() > 64 || id.find_first_not_of("0123456789abcdef-") != std::string_view::npos)
    return not_found();
  int64_t s = 0;
  auto [p, ec] = std::from_chars(exp.data(), exp.data() + exp.size(), s);
  if (exp.empty() || exp.size() > 12 || ec != std::errc() || p != exp.data() + exp.size() || s <= 0) return not_found();
  if (!constant_time_equal(mac, mac_of(secret, id, s))) return not_found();
  if (now >= s * 1000)
    return make_error(ErrorKind::gone, "Liên kết đánh giá đã hết hạn.", "rating_link_expired");
  return RatingLink{std::string(id), s * 1000};
}

std::string kiosk_pairing_code(std::string_view secret, std::string_view kiosk_id) {
  std::string mac = hmac_raw(secret, "kiosk-pairing|" + std::string(kiosk_id));
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(mac[size_t(i)]);
  std::string code = std::to_string(v % 100000000ULL);
  return std::string(8 - code.size(), '0') + code;
}

}  // namespace motcua::dossier
