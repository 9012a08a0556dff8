// E-mail notifications over SMTP through libcurl (smtp:// or smtps://; STARTTLS is asked for
// when the server offers it). The message is built by mime.h; its Message-ID is the notice's
// idempotency key, so a repeat is recognisable by the receiving side.
#pragma once
#include <string>

#include "app/notify/channel.h"
#include "common/time.h"

namespace motcua::integrations::smtp {

struct SmtpOptions {
  std::string url;                  // smtp://host:port
  std::string from;                 // "Name <box@host>"
  std::string user, password;       // optional AUTH
  long timeout_s = 20;
};

class SmtpChannel final : public app::notify::ChannelAdapter {
 public:
  explicit SmtpChannel(SmtpOptions o);
  // 5xx answers (mailbox refused) are permanent (ErrorKind::invalid); connection failures,
  // timeouts and 4xx answers are retried.
  Status send(const app::notify::Outgoing& m) override;

 private:
  SmtpOptions o_;
};

}  // namespace motcua::integrations::smtp
