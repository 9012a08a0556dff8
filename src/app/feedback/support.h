// Shared pieces of the feedback use cases: the record every step writes (history entry, audit
// record, counters, notices) and small text helpers. Not part of the App API.
#pragma once
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/actor.h"
#include "common/result.h"
#include "domain/feedback/case.h"
#include "domain/feedback/metric.h"
#include "store/feedback_repo.h"
#include "store/sql/database.h"

namespace motcua::app::fbsupport {


struct Step {
  std::string actor;         // Actor::label(), "channel:<name>" or "system"
  std::string action;        // fbd::Action stored name, or "filed"
  std::string from_state;    // "" when filed
  std::string note;
  boost::json::object data;
  std::vector<::motcua::feedback::Metric> metrics;  // counters moved, each by one, at the case's agency/field/channel
  std::string metrics_agency;        // "" = the case's agency
};
// Writes the history entry, the audit record and the counters of one step of `c` (already in
// its new state), in the caller's transaction.
Status record(sql::Connection& conn, const store::FeedbackCaseRec& c, const Step& s, Millis now);

// The case's first answer as the index counts it (store/feedback_answered_repo.h): recorded once,
// with c as it stands after the answer; returns the counters it moves (none on a later answer).
Result<std::vector<::motcua::feedback::Metric>> count_first_answer(sql::Connection& conn, const store::FeedbackCaseRec& c);
// An answer of the case was rated dissatisfied: the index's row is marked once, and its month's
// case_answered_dissatisfied counter moves (the month of the first answer, not of the rating).
Status count_dissatisfied(sql::Connection& conn, const std::string& case_id);

// A notice to the sender (outbox topic "notify", event feedback_*) when they can be reached:
// their e-mail and phone as given. The payload carries its own addresses and values, since a case
// is no dossier.
// When the case came by Zalo (or its citizen linked a Zalo account that still follows the OA),
// the same step also writes an outbox row `zalo.reply` {"user_id","text"} (app/zalo's contract),
// unless `by_zalo` is false (the Zalo channel answers its own filing).
Status notify_sender(sql::Connection& conn, const store::FeedbackCaseRec& c, const std::string& event,
                     const boost::json::object& values, Millis now, bool by_zalo = true);

// The text of a step told on Zalo (an OA message is plain text): values lose control characters
// (line breaks kept in the answer), the whole is cut to Zalo's 2,000 characters.
std::string zalo_text(const std::string& event, const store::FeedbackCaseRec& c, const boost::json::object& values);
// Plain text for an OA message: no control characters but line breaks, at most `max` code points.
std::string clean_for_zalo(const std::string& s, size_t max);
// A notice to an agency (reminder, escalation) at its alert address in the rules, if any; the
// outbox row is written either way (the staff app shows the same from the case's flags).
Status notify_agency(sql::Connection& conn, const store::FeedbackCaseRec& c, const std::string& event,
                     const std::string& address, const boost::json::object& values, Millis now);

// The facts the state machine needs, as the case stands.
::motcua::feedback::Facts facts_of(const store::FeedbackCaseRec& c);

// The first `n` code points of `s`, "…" appended when cut.
std::string first_chars(const std::string& s, size_t n);
// Trimmed of ASCII whitespace.
std::string trim(const std::string& s);
// A new public code: "PAKN-" and 8 characters of an unambiguous alphabet.
std::string new_code();

}  // namespace motcua::app::fbsupport
