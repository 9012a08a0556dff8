// The Zalo Official Account webhook as Zalo publishes it (docs/integrations.md, "Zalo OA"):
// a POST whose JSON body names the event (`event_name`), the app (`app_id`), the time
// (`timestamp`, milliseconds, as a string) and the people, signed in the header
//   X-ZEvent-Signature: mac=<hex SHA-256 of app_id + body + timestamp + OA secret key>
// Pure functions: checking the signature and the window, reading the event, reading a
// follower's text as a command to the bot.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace motcua::app::zalo {

// "mac=" + hex SHA-256(app_id + body + timestamp + oa_secret).
std::string event_mac(std::string_view app_id, std::string_view body, std::string_view timestamp,
                      std::string_view oa_secret);

struct OaEvent {
  std::string event_name;  // user_send_text, follow, unfollow, … (others are recorded, not acted on)
  std::string app_id;
  std::string timestamp;   // as sent (it is part of the signature)
  Millis at = 0;
  std::string user_id;     // the follower: sender.id for messages, follower.id for follow/unfollow
  std::string msg_id;      // message events
  std::string text;        // user_send_text
};

// Reads the event from the body (any other field is ignored). invalid: not JSON, no
// event_name/timestamp/app_id, no user, a text that is not valid UTF-8 or longer than 2,000
// characters (Zalo's own limit for a text message).
Result<OaEvent> parse_event(std::string_view body);

// The whole check of a delivery: `signature` is the header as received. unauthenticated
// (code zalo_signature_invalid) when it is missing or does not match — compared in constant
// time; unauthenticated (zalo_event_stale) when the event's time is more than `window_ms` away
// from `now`; invalid when the app id is not ours.
Result<OaEvent> verify_event(std::string_view body, std::string_view signature, std::string_view app_id,
                             std::string_view oa_secret, Millis now, Millis window_ms);

// The key a replay is recognised by: the message id, else the SHA-256 of the body.
std::string replay_key(const OaEvent& e, std::string_view body);

// What a follower's text asks of the bot. Words are read without diacritics or case.
struct Command {
  enum class Kind { help, lookup, feedback, link, unlink } kind = Kind::help;
  std::string argument;   // lookup: the dossier code; feedback: the text after the keyword
  bool proposal = false;  // feedback: "kiến nghị" rather than "phản ánh"
};
//   "tra cứu <mã>" or a dossier code alone → lookup; "phản ánh <nội dung>" / "kiến nghị <nội
//   dung>" → feedback; "liên kết" → link; "hủy liên kết" → unlink; anything else → help.
Command parse_command(std::string_view text);

}  // namespace motcua::app::zalo
