// The rules in force for feedback cases, as data (data/seed/feedback_rules.json) with the legal
// basis of each (docs/feedback.md says which article each comes from and what is assumed):
// what a case must carry to be handled, the deadlines of each step in the working calendar,
// the attachment limits, the reopen window, and how personal data is removed from a published
// answer. Pure: parse() reads text, the rest are functions of values.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/calendar/working_time.h"
#include "domain/feedback/case.h"

namespace motcua::feedback {

struct Period {
  int64_t amount = 0;
  calendar::TimeUnit unit = calendar::TimeUnit::working_days;
  std::string basis;  // the article this period comes from
};

enum class OnTransfer { restart, keep };  // the handling clock at the competent agency

struct Rules {
  std::string version, basis;       // e.g. "NĐ 20/2008/NĐ-CP, sửa đổi bởi NĐ 48/2013/NĐ-CP"
  std::string intake_agency_id;     // who receives and classifies what names no agency
  // What a case must carry (who sent it, how to answer them).
  bool require_name = true, require_contact = true;
  // A follower of the province's Zalo OA writes from a Zalo account (registered to a mobile
  // number) and is answered there: taken as identified and reachable (assumed, docs/feedback.md).
  bool zalo_follower_identified = false;
  std::string identity_basis;
  size_t max_title_chars = 200, max_content_chars = 10000, min_content_chars = 10;
  // Attachments (same content-type check as dossier documents: PDF, JPEG, PNG).
  int max_files = 5;
  int64_t max_file_bytes = 5LL << 20, max_total_bytes = 10LL << 20;
  Period classify;                  // received → classified (and sent on to the agency)
  Period handle_phan_anh, handle_kien_nghi;  // classified → answered
  OnTransfer on_transfer = OnTransfer::restart;
  std::string transfer_basis;
  int64_t remind_before_working_days = 2;
  Period reopen_window;             // after the answer, the sender may reopen once within it
  std::vector<std::string> fields;  // the fields (lĩnh vực) a case is classified into
  // The Vietnamese answers to a case that cannot be handled.
  std::string anonymous_reply, incomplete_reply;

  const Period& handle(Kind k) const { return k == Kind::phan_anh ? handle_phan_anh : handle_kien_nghi; }
  bool knows_field(std::string_view f) const;
};

// Parses the rules file; ErrorKind::invalid with a Vietnamese detail naming what is wrong.
Result<Rules> parse_rules(std::string_view json_text);

// What the sender gave (after trimming).
struct Sender {
  bool name = false, phone = false, email = false, address = false, citizen = false;
  bool zalo = false;  // sent by a follower of the OA, who can be answered on Zalo
};

enum class Verdict { accept, refuse_anonymous, refuse_incomplete };
struct IntakeDecision {
  Verdict verdict = Verdict::accept;
  std::string reason;  // Vietnamese; empty when accepted
  std::string code() const;  // "accepted", "anonymous", "incomplete"
};
// A case with content is always recorded and counted; these rules say whether it is handled.
// No name (and no logged-in citizen) → refuse_anonymous; a name but no way to answer (phone,
// e-mail or postal address) → refuse_incomplete; otherwise accept.
IntakeDecision check_intake(const Rules& r, const Sender& s);

// The content itself: invalid (nothing written) when empty, too short or too long.
Status check_text(const Rules& r, std::string_view title, std::string_view content);

// Due instant of `p` counted from `from` in the calendar (the effective start is the next
// working opening, as for dossiers).
Result<Millis> due_after(const calendar::Calendar& cal, Millis from, const Period& p);
// When the reminder of a handling period counted from `from` falls: `remind_before_working_days`
// before its end (in working time), or at the start when the period is shorter.
Result<Millis> remind_at(const Rules& r, const calendar::Calendar& cal, Millis from, const Period& p);

// Personal data removed from text to be published: e-mail addresses, runs of 9 or more digits
// (phone numbers, personal identification numbers; spaces, dots and dashes inside count), and
// every occurrence of each of `names` (case-insensitive on ASCII, exact otherwise), each
// replaced by "[đã ẩn]".
std::string redact(std::string_view text, const std::vector<std::string>& names);

}  // namespace motcua::feedback
