// Satisfaction rating of a dossier by its applicant (DOMAIN.md §7): Rất hài lòng / Hài lòng /
// Không hài lòng, once per dossier, from the web, a signed link or the desk kiosk; and the signed
// rating link itself. Pure: the caller supplies the secret and the clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"
#include "domain/dossier/state.h"

namespace motcua::dossier {

enum class Score { very_satisfied, satisfied, dissatisfied };
inline constexpr int kScoreCount = 3;
std::string_view to_string(Score);  // the stored name, exactly the enumerator name
std::optional<Score> parse_score(std::string_view);
std::string_view score_label_vi(Score);  // "Rất hài lòng", "Hài lòng", "Không hài lòng"

// Where a rating came from. Stored names: "web", "link", "kiosk".
enum class RatingChannel { web, link, kiosk };
std::string_view to_string(RatingChannel);

// A dossier may be rated once its result is ready: resolved or returned. Otherwise 409
// not_rateable (Vietnamese detail).
Status may_rate(State s);

// The signed, expiring rating link: "<dossier id>.<expiry, unix seconds>.<mac>", mac =
// base64url (no padding) of HMAC-SHA256(secret, "rating-link|<dossier id>|<expiry>"). Single use
// is the store's part (one rating per dossier).
std::string sign_rating_link(std::string_view secret, std::string_view dossier_id, Millis expires_at);

struct RatingLink {
  std::string dossier_id;
  Millis expires_at = 0;  // a whole second
};
// Checks a token at `now`: malformed, not signed with `secret`, or for another dossier →
// ErrorKind::not_found "rating_link_not_found"; past its expiry → ErrorKind::gone
// "rating_link_expired" (only once the signature is good: a forged token never learns more).
Result<RatingLink> verify_rating_link(std::string_view secret, std::string_view token, Millis now);

// The 8-digit code an official reads out to pair a desk kiosk: derived from the kiosk's id under
// the server's secret (so a repeated request can answer the same code without storing it).
std::string kiosk_pairing_code(std::string_view secret, std::string_view kiosk_id);

}  // namespace motcua::dossier
