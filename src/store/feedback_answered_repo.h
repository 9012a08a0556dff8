// The feedback cases the Quyết định 766 index counts as answered (migration 032): one row per
// case, at its first answer; the rows behind the feedback lists, and what kpi-verify recounts
// them from. Each list read is one agency's range of feedback_answered_agency.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct FeedbackAnsweredRec {
  std::string case_id, agency_id, channel, field;
  Millis answered_at = 0, due_at = 0;  // due_at 0: not recorded (answers before migration 032)
  std::string timeliness;              // early | on_time | late
  bool dissatisfied = false;
};

Result<std::optional<FeedbackAnsweredRec>> get_feedback_answered(sql::Connection& c, const std::string& case_id);
Status insert_feedback_answered(sql::Connection& c, const FeedbackAnsweredRec& r);
Status set_feedback_dissatisfied(sql::Connection& c, const std::string& case_id);

// One page of a feedback list: the cases of `agency_id` first answered in [from, to), after
// (after_at, after_id), at most `limit`, ordered by (answered_at, case_id); field "" = any;
// `on_time`: not late; `not_dissatisfied`: never rated dissatisfied. With the case's code, title
// and current state, and the round-1 rating if any.
struct FeedbackListQuery {
  std::string agency_id, field;
  Millis from = 0, to = 0, after_at = 0;
  std::string after_id;
  bool on_time = false, not_dissatisfied = false;
  int64_t limit = 50;
};
struct FeedbackListRow {
  FeedbackAnsweredRec a;
  std::string code, title, kind, state, rating;  // rating: the latest answer's score, "" = none
  std::string sender_name;                       // only to redact the title; never answered
};
Result<std::vector<FeedbackListRow>> feedback_answered_rows(sql::Connection& c, const FeedbackListQuery& q);

// What kpi-verify reads (app/kpi/feedback_recount.h): every row; every first answer entry (case,
// instant, the entry's data, the case's agency, channel and field); the cases rated dissatisfied.
Result<std::vector<FeedbackAnsweredRec>> all_feedback_answered(sql::Connection& c);
struct FirstAnswer {
  std::string case_id, data, agency_id, channel, field;
  Millis at = 0;
};
Result<std::vector<FirstAnswer>> first_feedback_answers(sql::Connection& c);
Result<std::vector<std::string>> feedback_cases_dissatisfied(sql::Connection& c);
// Replaces every row and the three counters (case_answered*) of every month by `rows` and their sums.
Status replace_feedback_answered(sql::Connection& c, const std::vector<FeedbackAnsweredRec>& rows);

}  // namespace motcua::store
