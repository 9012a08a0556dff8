// Zalo notifications through ZNS template messages, as Zalo publishes the API
// (developers.zalo.me, "Zalo Notification Service"): POST <base>/message/template with the
// Official Account's `access_token` header and the JSON body
//   {"phone": "84…", "template_id": "…", "template_data": {…}, "tracking_id": "…"}
// answered {"error": 0, "message": "Success", "data": {"msg_id": "…", …}}. The template is approved
// by Zalo beforehand; each parameter is within its type's limit (templates JSON "max").
#pragma once
#include <memory>
#include <string>

#include "app/notify/channel.h"
#include "integrations/zalo/oa_message.h"
#include "integrations/zalo/oa_token.h"

namespace motcua::integrations::zalo {

struct ZnsOptions {
  std::string base_url;  // e.g. https://business.openapi.zalo.me
  std::shared_ptr<TokenSource> tokens;  // the OA's access token, refreshed when Zalo refuses it
  long timeout_s = 20;
  // A citizen who linked their Zalo account (app/zalo) is written to as "zalo-user:<id>": the
  // notice goes as an OA text message to that follower (null: such notices are refused).
  std::shared_ptr<OaMessenger> messenger;
};
using app::notify::kZaloFollowerPrefix;

// "0905123456" → "84905123456" (ZNS takes the international form without '+').
std::string international_phone(const std::string& national);

class ZnsChannel final : public app::notify::ChannelAdapter {
 public:
  explicit ZnsChannel(ZnsOptions o) : o_(std::move(o)) {}
  // A parameter over its limit or a missing template id is refused before sending (invalid);
  // HTTP failures and non-zero `error` answers are retried, except the ones that name the
  // recipient or the template as wrong (see docs/integrations.md), which are permanent. An
  // invalid or expired token is refreshed and the message sent once more.
  Status send(const app::notify::Outgoing& m) override;

 private:
  ZnsOptions o_;
};

}  // namespace motcua::integrations::zalo
