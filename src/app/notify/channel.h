// The port each messaging adapter implements (src/integrations/{smtp,zalo,sms}): one message to
// one address. Texts arrive rendered from the templates (templates.h) with every placeholder
// value already cleaned of control characters; the adapter encodes them for its medium (e-mail
// headers RFC 2047, SMS length and alphabet, ZNS parameter limits).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/notify/event.h"

namespace motcua::app::notify {

struct ZnsParam {
  std::string name, value;
  size_t max_chars = 30;  // Zalo's limit for the parameter's type (the template says)
};

// The address of a Zalo delivery to a follower linked to the citizen (app/zalo): the OA
// follower's id after this prefix; the adapter sends `text` as an OA message.
inline constexpr const char* kZaloFollowerPrefix = "zalo-user:";

struct Outgoing {
  motcua::notify::Channel channel = motcua::notify::Channel::email;
  std::string to;               // e-mail address, or phone number (digits, national form 0…)
  std::string subject;          // e-mail
  std::string text;             // e-mail body (plain text, UTF-8) or SMS text
  std::string zns_template_id;  // Zalo
  std::vector<ZnsParam> zns_params;
  // Stable for this notice and channel: the same on every attempt (Message-ID, tracking_id,
  // RequestId), so the remote side can drop a repeat.
  std::string idempotency_key;
};

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;
  // OK: accepted by the provider. An error: not sent this time (retried later with backoff);
  // ErrorKind::invalid: refused for its content or address (never retried).
  // May block on the network; must be thread-safe.
  virtual Status send(const Outgoing& m) = 0;
};

}  // namespace motcua::app::notify
