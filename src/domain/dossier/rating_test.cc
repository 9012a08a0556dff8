#include "domain/dossier/rating.h"

#include <gtest/gtest.h>

namespace motcua::dossier {
namespace {

constexpr std::string_view kSecret = "bí-mật-của-máy-chủ-0123456789abcdef";
constexpr std::string_view kId = "019ac9f2-7b1e-7c3a-9d2e-4f5a6b7c8d9e";
constexpr Millis kNow = 1796000000000;  // 2026-11-30
constexpr Millis kDay = 86400000;

TEST(RatingLink, AGoodLinkNamesItsDossierUntilItExpires) {
  std::string t = sign_rating_link(kSecret, kId, kNow + 30 * kDay);
  auto r = verify_rating_link(kSecret, t, kNow);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->dossier_id, kId);
  EXPECT_EQ(r->expires_at, (kNow + 30 * kDay) / 1000 * 1000);
  EXPECT_TRUE(verify_rating_link(kSecret, t, kNow + 30 * kDay - 1000).ok());
  auto late = verify_rating_link(kSecret, t, kNow + 30 * kDay);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().kind, ErrorKind::gone);
  EXPECT_EQ(late.error().code, "rating_link_expired");
}

void expect_not_found(std::string_view token, std::string_view secret = kSecret) {
  auto r = verify_rating_link(secret, token, kNow);
  ASSERT_FALSE(r.ok()) << token;
  EXPECT_EQ(r.error().kind, ErrorKind::not_found) << token;
  EXPECT_EQ(r.error().code, "rating_link_not_found") << token;
}

TEST(RatingLink, ForgedTamperedOrMalformedIsNotFound) {
  std::string t = sign_rating_link(kSecret, kId, kNow + kDay);
  expect_not_found(t, "another-secret");
  // Another dossier, a later expiry, a changed mac: each breaks the signature.
  std::string other = t;
  other[0] = other[0] == '0' ? '1' : '0';
  expect_not_found(other);
  size_t a = t.find('.'), b = t.find('.', a + 1);
  expect_not_found(t.substr(0, a + 1) + std::to_string((kNow + 90 * kDay) / 1000) + t.substr(b));
  std::string mac = t;
  mac.back() = mac.back() == 'A' ? 'B' : 'A';
  expect_not_found(mac);
  for (std::string_view bad : {"", ".", "..", "abc", "a.b.c", "x.1.y.z", "019ac9f2.-5.abc", "019ac9f2..abc"})
    expect_not_found(bad);
  expect_not_found(t + "." );
  expect_not_found(std::string(300, 'a'));
  expect_not_found(t, "");  // no secret configured: nothing verifies
  // An expired forgery says "not found", never "expired": it learns nothing.
  std::string old = sign_rating_link("another-secret", kId, kNow - kDay);
  expect_not_found(old);
}

TEST(RatingLink, TokenIsUrlSafe) {
  std::string t = sign_rating_link(kSecret, kId, kNow + kDay);
  EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."), std::string::npos);
  EXPECT_LT(t.size(), 120u);
}

TEST(Rating, ScoresAndWhenARatingIsTaken) {
  for (int i = 0; i < kScoreCount; ++i) {
    auto s = static_cast<Score>(i);
    EXPECT_EQ(parse_score(to_string(s)), s);
    EXPECT_FALSE(score_label_vi(s).empty());
  }
  EXPECT_EQ(score_label_vi(Score::very_satisfied), "Rất hài lòng");
  EXPECT_EQ(score_label_vi(Score::dissatisfied), "Không hài lòng");
  EXPECT_FALSE(parse_score("neutral"));
  EXPECT_TRUE(may_rate(State::resolved).ok());
  EXPECT_TRUE(may_rate(State::returned).ok());
  for (State s : {State::submitted, State::in_progress, State::withdrawn, State::refused, State::stopped}) {
    auto st = may_rate(s);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "not_rateable");
  }
}

}  // namespace
}  // namespace motcua::dossier

namespace motcua::dossier {
namespace {

TEST(KioskPairingCode, EightDigitsFixedByIdAndSecret) {
  std::string a = kiosk_pairing_code("secret-one", "kiosk-1");
  EXPECT_EQ(a.size(), 8u);
  EXPECT_EQ(a.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(a, kiosk_pairing_code("secret-one", "kiosk-1"));
  EXPECT_NE(a, kiosk_pairing_code("secret-two", "kiosk-1"));
  EXPECT_NE(a, kiosk_pairing_code("secret-one", "kiosk-2"));
}

}  // namespace
}  // namespace motcua::dossier
