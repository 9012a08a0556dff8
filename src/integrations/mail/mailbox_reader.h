// The feedback mailbox (issue 16): a reader that polls a real mailbox over IMAP and files each
// new message as one feedback case through the feedback context's Intake (channel email,
// external_id = the Message-ID). At least once: a message is marked \Seen only after Intake
// has filed it (or answered that it had already: the same Message-ID files nothing twice), so a
// crash or a refused connection between the two files it again on the next poll, deduplicated.
// A message the rules refuse, or one over the size limit or unreadable, is marked \Seen and
// \Flagged for the mailbox's operator; a failure of the store leaves it unseen for next time.
#pragma once
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/feedback/intake.h"
#include "common/result.h"
#include "integrations/mail/imap_client.h"
#include "integrations/mail/mime_parse.h"

namespace motcua::integrations::mail {

struct ReaderLimits {
  int64_t max_message_bytes = 25LL << 20;
  int64_t max_file_bytes = 20LL << 20;  // each attachment
  int max_attachments = 10;
  int per_poll = 50;  // messages taken in one poll (the rest wait for the next)
};

// The Submission for one message (pure). Attachments are kept only as PDF, JPEG or PNG
// recognised by their bytes, within the limits; the others are left out and named at the end
// of the content so the official knows they existed. `raw` gives the external id when the
// message has no Message-ID (its SHA-256).
app::feedback::Submission to_submission(const Mail& m, std::string_view raw, const ReaderLimits& lim);

struct PollReport {
  int filed = 0, repeated = 0, refused = 0, failed = 0;
};

class MailboxReader {
 public:
  MailboxReader(MailboxOptions o, app::feedback::Intake& intake, ReaderLimits lim)
      : o_(std::move(o)), intake_(intake), lim_(lim) {}
  ~MailboxReader() { stop(); }
  // One pass over the unseen messages. unavailable when the mailbox cannot be reached.
  Result<PollReport> poll_once();
  // Polls every `every_ms` on a thread of its own until stop().
  void start(int64_t every_ms);
  void stop();

 private:
  MailboxOptions o_;
  app::feedback::Intake& intake_;
  ReaderLimits lim_;
  std::thread t_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace motcua::integrations::mail
