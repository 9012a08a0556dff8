// CONTRACT between the feedback context (app/feedback: cases, rules, handling) and the channels
// that bring cases in from outside (the portal and hotline routes, the mailbox reader, the Zalo
// Official Account webhook, the Open311 API). A channel turns what it received into one
// Submission and calls Intake::file; the feedback context validates it against the rules in force
// (what a case must carry, DOMAIN.md §8), writes the case, its history, audit and counters in one
// transaction, and answers the case's public code. A channel never writes case rows itself.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace motcua::app::feedback {

enum class Channel { portal, hotline, email, zalo, open311 };
enum class Kind { phan_anh, kien_nghi };  // feedback on conduct/handling, or a proposal on rules

struct Attachment {
  std::string file_name;     // as the sender named it (cleaned by the channel of path parts)
  std::string content_type;  // as detected from the bytes, not as claimed
  std::string bytes;
};

struct Submission {
  Channel channel = Channel::portal;
  std::optional<Kind> kind;   // unknown when the channel cannot tell (e-mail, Zalo): classified later
  std::string title;          // may be empty (then derived from the content)
  std::string content;        // UTF-8 text as received; escaping is the reader's job, never stored escaped
  // Who sent it. Empty fields are what the sender did not give; the rules decide whether the case
  // is accepted, accepted as anonymous (answered nowhere, still counted), or refused with a reason.
  std::string sender_name, sender_phone, sender_email, sender_address;
  std::string citizen_id;     // the logged-in citizen's 12-digit number, when filed from a session
  std::string zalo_user_id;   // the OA follower who sent it (Zalo channel)
  std::optional<std::string> dossier_code;  // a dossier the case is about, as the sender gave it
  bool wants_private = false;  // the sender asks that the answer is not published
  std::vector<Attachment> attachments;
  // The channel's own id for what it received (Message-ID, Zalo msg_id, Open311 token): a second
  // Submission with the same (channel, external_id) answers the first case, writes nothing.
  std::string external_id;
  std::string received_by;    // staff user id for the hotline desk, empty otherwise
};

struct Filed {
  std::string case_id;
  std::string code;           // the public code the sender follows the case by
  bool repeated = false;      // this external_id had already been filed
  // Added by the feedback context (issue 16): whether the rules accept the case for handling,
  // and, when they do not (anonymous, no way to answer), the Vietnamese answer the channel
  // gives the sender. The case is recorded and counted either way.
  bool accepted = true;
  std::string reply;
};

class Intake {
 public:
  virtual ~Intake() = default;
  // invalid (with field errors, Vietnamese): the rules refuse it; too_large: attachments over the
  // limits; never half-written.
  virtual Result<Filed> file(const Submission& s) = 0;
};

}  // namespace motcua::app::feedback
