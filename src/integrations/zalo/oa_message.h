// Messages from the Official Account to one follower, through Zalo's OA message API
// (docs/integrations.md): POST <oa>/v3.0/oa/message/cs with the header `access_token` and
//   {"recipient": {"user_id": "…"}, "message": {"text": "…"}}
// answered {"error": 0, "message": "Success", "data": {"message_id": "…", "user_id": "…"}}.
// An answer that the token is invalid or expired refreshes it (oa_token.h) and sends once more.
#pragma once
#include <memory>
#include <string>

#include "app/outbox/sink.h"
#include "common/result.h"
#include "integrations/zalo/oa_token.h"

namespace motcua::integrations::zalo {

class OaMessenger {
 public:
  OaMessenger(std::string oa_url, std::shared_ptr<TokenSource> tokens, long timeout_s)
      : url_(std::move(oa_url)), tokens_(std::move(tokens)), timeout_s_(timeout_s) {}
  // invalid (never retried): the text is empty or over 2,000 characters, or Zalo refuses the
  // recipient or the content; unavailable otherwise (retried by the relay).
  Status send_text(const std::string& user_id, const std::string& text);

 private:
  std::string url_;
  std::shared_ptr<TokenSource> tokens_;
  long timeout_s_;
};

// The outbox relay's sink for topic `zalo.reply` (app/zalo): {"user_id", "text"} → send_text.
class ReplySink final : public app::outbox_relay::Sink {
 public:
  explicit ReplySink(std::shared_ptr<OaMessenger> m) : m_(std::move(m)) {}
  Status deliver(const app::outbox_relay::Message& m) override;

 private:
  std::shared_ptr<OaMessenger> m_;
};

}  // namespace motcua::integrations::zalo
