// A small IMAP4rev1 (RFC 3501) session over libcurl's connection: libcurl connects, starts TLS
// (imaps:// or STARTTLS when offered) and logs in; the commands the reader needs are then sent
// over that connection. libcurl's own FETCH uses BODY[], which marks the message \Seen as it is
// read; the reader must mark it only once the case is filed, so it fetches with BODY.PEEK[]
// itself. Not thread-safe: one session per reader.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace motcua::integrations::mail {

struct MailboxOptions {
  std::string url;  // imap://host:port/MAILBOX or imaps://… (MAILBOX defaults to INBOX)
  std::string user, password;
  long timeout_s = 30;
};

class ImapSession {
 public:
  // Connects, logs in and selects the mailbox (read-write). unavailable on any failure.
  static Result<std::unique_ptr<ImapSession>> open(const MailboxOptions& o);
  ~ImapSession();
  ImapSession(const ImapSession&) = delete;
  ImapSession& operator=(const ImapSession&) = delete;

  // UIDs of the messages without \Seen, ascending.
  Result<std::vector<uint64_t>> unseen();
  // RFC822.SIZE of one message (bytes); 0 when it is gone.
  Result<uint64_t> size(uint64_t uid);
  // The whole message (BODY.PEEK[]: its flags are left as they are).
  Result<std::string> fetch(uint64_t uid);
  // Adds flags, e.g. "\\Seen" or "\\Seen \\Flagged".
  Status add_flags(uint64_t uid, const std::string& flags);
  void logout();

 private:
  struct Impl;
  explicit ImapSession(std::unique_ptr<Impl> i);
  // Sends one tagged command and reads up to its tagged answer; the untagged lines (with
  // their literals inlined) are returned. NO/BAD answers are errors.
  Result<std::vector<std::string>> command(const std::string& cmd, size_t max_literal = 64 << 20);
  std::unique_ptr<Impl> impl_;
};

}  // namespace motcua::integrations::mail
