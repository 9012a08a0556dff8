#include "store/feedback_answered_repo.h"

#include <map>
#include <tuple>

#include "store/feedback_repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

constexpr const char* kCols = "a.case_id, a.agency_id, a.channel, a.field, a.answered_at, a.due_at, a.timeliness, a.dissatisfied";

FeedbackAnsweredRec answered_of(const sql::Row& r) {
  return FeedbackAnsweredRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), i64_or0(r, 5), r.text(6), r.i64(7) != 0};
}

}  // namespace

Result<std::optional<FeedbackAnsweredRec>> get_feedback_answered(sql::Connection& c, const std::string& case_id) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM feedback_answered a WHERE a.case_id = ?",
                               Params{txt(case_id)}));
  if (rows.empty()) return std::optional<FeedbackAnsweredRec>{};
  return std::optional<FeedbackAnsweredRec>{answered_of(rows[0])};
}

Status insert_feedback_answered(sql::Connection& c, const FeedbackAnsweredRec& r) {
  MC_TRY(c.exec("INSERT INTO feedback_answered (case_id, agency_id, channel, field, answered_at, due_at, timeliness, dissatisfied)"
                " VALUES (?,?,?,?,?,?,?,?)",
                Params{txt(r.case_id), txt(r.agency_id), txt(r.channel), txt(r.field), num(r.answered_at), opt_ms(r.due_at),
                       txt(r.timeliness), flag(r.dissatisfied)}));
  return ok_status();
}

Status set_feedback_dissatisfied(sql::Connection& c, const std::string& case_id) {
  MC_TRY(c.exec("UPDATE feedback_answered SET dissatisfied = 1 WHERE case_id = ?", Params{txt(case_id)}));
  return ok_status();
}

Result<std::vector<FeedbackListRow>> feedback_answered_rows(sql::Connection& c, const FeedbackListQuery& q) {
  std::string sql = std::string("SELECT ") + kCols +
                    ", f.code, f.title, f.kind, f.state, f.sender_name,"
                    " (SELECT r.score FROM feedback_ratings r WHERE r.case_id = a.case_id ORDER BY r.round DESC LIMIT 1)"
                    " FROM feedback_answered a JOIN feedback_cases f ON f.id = a.case_id"
                    " WHERE a.agency_id = ? AND a.answered_at >= ? AND a.answered_at < ?"
                    " AND (a.answered_at > ? OR (a.answered_at = ? AND a.case_id > ?))";
  Params p{txt(q.agency_id), num(q.from), num(q.to), num(q.after_at), num(q.after_at), txt(q.after_id)};
  if (!q.field.empty()) {
    sql += " AND a.field = ?";
    p.push_back(txt(q.field));
  }
  if (q.on_time) sql += " AND a.timeliness <> 'late'";
  if (q.not_dissatisfied) sql += " AND a.dissatisfied = 0";
  sql += " ORDER BY a.answered_at, a.case_id LIMIT ?";
  p.push_back(num(q.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<FeedbackListRow> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(FeedbackListRow{answered_of(r), r.text(8), r.text(9), r.text(10), r.text(11), r.text(13), r.text(12)});
  return out;
}

Result<std::vector<FeedbackAnsweredRec>> all_feedback_answered(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM feedback_answered a ORDER BY a.case_id", Params{}));
  std::vector<FeedbackAnsweredRec> out;
  for (auto& r : rows) out.push_back(answered_of(r));
  return out;
}

Result<std::vector<FirstAnswer>> first_feedback_answers(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT e.case_id, e.data, c.agency_id, c.channel, c.field, e.at FROM feedback_events e"
                               " JOIN feedback_cases c ON c.id = e.case_id WHERE e.action = 'answer' AND e.id ="
                               " (SELECT MIN(x.id) FROM feedback_events x WHERE x.case_id = e.case_id AND x.action = 'answer')"
                               " ORDER BY e.case_id",
                               Params{}));
  std::vector<FirstAnswer> out;
  for (auto& r : rows) out.push_back(FirstAnswer{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5)});
  return out;
}

Result<std::vector<std::string>> feedback_cases_dissatisfied(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT DISTINCT case_id FROM feedback_ratings WHERE score = 'dissatisfied' ORDER BY case_id",
                               Params{}));
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.text(0));
  return out;
}

Status replace_feedback_answered(sql::Connection& c, const std::vector<FeedbackAnsweredRec>& rows) {
  MC_TRY(c.exec("DELETE FROM feedback_answered", Params{}));
  MC_TRY(c.exec("DELETE FROM feedback_counters WHERE metric IN ('case_answered', 'case_answered_on_time',"
                " 'case_answered_dissatisfied')",
                Params{}));
  for (const auto& r : rows) {
    MC_TRY(insert_feedback_answered(c, r));
    const std::string period = format_date(local_date(r.answered_at)).substr(0, 7);
    MC_TRY(bump_feedback_counter(c, period, r.agency_id, r.channel, r.field, "case_answered"));
    if (r.timeliness != "late") MC_TRY(bump_feedback_counter(c, period, r.agency_id, r.channel, r.field, "case_answered_on_time"));
    if (r.dissatisfied) MC_TRY(bump_feedback_counter(c, period, r.agency_id, r.channel, r.field, "case_answered_dissatisfied"));
  }
  return ok_status();
}

}  // namespace motcua::store
