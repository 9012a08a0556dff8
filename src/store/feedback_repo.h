// The feedback context's tables (migration 018): cases, their history, attachments, ratings of
// answers and the leaders' counters. SQL written once for both engines.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct FeedbackCaseRec {
  std::string id, code, channel, kind, state, title, content;
  std::string sender_name, sender_phone, sender_email, sender_address;
  std::string citizen_id, zalo_user_id, external_id, received_by;
  std::string dossier_id, dossier_code;
  bool wants_private = false;
  std::string verdict, refusal_reason;  // verdict: accepted | anonymous | incomplete
  std::string field, agency_id, assignee_id;
  Millis received_at = 0, classify_due_at = 0, clock_from = 0, due_at = 0, remind_at = 0;
  Millis reminded_at = 0, escalated_at = 0;
  std::string escalated_to;
  std::string answer, answered_by;
  Millis answered_at = 0;
  std::string timeliness;
  bool published = false;
  Millis published_at = 0;
  std::string public_text, public_folded;
  bool reopened = false;
  Millis closed_at = 0;
  int64_t version = 1;
  Millis created_at = 0, updated_at = 0;
};

struct FeedbackEventRec {
  int64_t id = 0;
  std::string case_id;
  Millis at = 0;
  std::string actor, action, from_state, to_state, note, data;
};

struct FeedbackAttachmentRec {
  std::string id, case_id, file_name, content_type;
  int64_t size_bytes = 0;
  std::string sha256, uploaded_by;
  Millis uploaded_at = 0;
  int64_t position = 0;  // the sender's order
};

struct FeedbackRatingRec {
  std::string case_id;
  int64_t round = 1;
  std::string score, comment, rated_by;
  Millis rated_at = 0;
};

// conflict "constraint" when the code or the (channel, external_id) is taken.
Status insert_feedback_case(sql::Connection& c, const FeedbackCaseRec& r);
// Writes every mutable column when the stored version is `r.version - 1`; conflict "stale"
// otherwise (another step changed the case meanwhile).
Status update_feedback_case(sql::Connection& c, const FeedbackCaseRec& r);
Result<std::optional<FeedbackCaseRec>> get_feedback_case(sql::Connection& c, const std::string& id);
Result<std::optional<FeedbackCaseRec>> feedback_case_by_code(sql::Connection& c, const std::string& code);
Result<std::optional<FeedbackCaseRec>> feedback_case_by_external(sql::Connection& c, const std::string& channel,
                                                                 const std::string& external_id);

struct FeedbackFilter {
  std::vector<std::string> agency_ids;  // handling agency among these (empty with all=false: none)
  std::vector<std::string> escalated_to;  // … or escalated to one of these
  bool all = false;                     // province roles: every case
  std::string citizen_id;               // the citizen's own cases (then agencies are ignored)
  std::string dossier_id;               // cases naming this dossier
  std::vector<std::string> states;      // empty = any
  std::optional<std::pair<Millis, std::string>> before;  // cursor (created_at, id), newest first
  int limit = 20;
};
Result<std::vector<FeedbackCaseRec>> list_feedback_cases(sql::Connection& c, const FeedbackFilter& f);

// Open cases whose reminder (or due instant) has come and was not acted on, oldest first.
Result<std::vector<FeedbackCaseRec>> feedback_to_remind(sql::Connection& c, Millis now, int limit);
Result<std::vector<FeedbackCaseRec>> feedback_to_escalate(sql::Connection& c, Millis now, int limit);

// Published answers whose folded text holds every word (the last one also as a word's start), newest
// first: the full-text index of migration 028 (SQLite FTS5 feedback_search, PostgreSQL tsvector
// public_search), which holds only published cases' redacted folded text.
Result<std::vector<FeedbackCaseRec>> search_published_feedback(sql::Connection& c, const std::vector<std::string>& words,
                                                               std::optional<std::pair<Millis, std::string>> before,
                                                               int limit);

Status insert_feedback_event(sql::Connection& c, const FeedbackEventRec& e);
Result<std::vector<FeedbackEventRec>> list_feedback_events(sql::Connection& c, const std::string& case_id);
Status insert_feedback_attachment(sql::Connection& c, const FeedbackAttachmentRec& a);
Result<std::vector<FeedbackAttachmentRec>> list_feedback_attachments(sql::Connection& c, const std::string& case_id);
// conflict "constraint" when this answer was rated already.
Status insert_feedback_rating(sql::Connection& c, const FeedbackRatingRec& r);
Result<std::vector<FeedbackRatingRec>> list_feedback_ratings(sql::Connection& c, const std::string& case_id);

Status bump_feedback_counter(sql::Connection& c, const std::string& period, const std::string& agency_id,
                             const std::string& channel, const std::string& field, const std::string& metric,
                             int64_t delta = 1);
struct FeedbackCounterRec {
  std::string period, agency_id, channel, field, metric;
  int64_t n = 0;
};
// Counters of periods in [from, to] (YYYY-MM), of one agency ("" = all).
Result<std::vector<FeedbackCounterRec>> feedback_counters(sql::Connection& c, const std::string& from,
                                                          const std::string& to, const std::string& agency_id);

}  // namespace motcua::store
