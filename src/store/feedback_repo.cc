#include "store/feedback_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

constexpr const char* kCols =
    "id, code, channel, kind, state, title, content, sender_name, sender_phone, sender_email, sender_address,"
    " citizen_id, zalo_user_id, external_id, received_by, dossier_id, dossier_code, wants_private, verdict,"
    " refusal_reason, field, agency_id, assignee_id, received_at, classify_due_at, clock_from, due_at, remind_at,"
    " reminded_at, escalated_at, escalated_to, answer, answered_by, answered_at, timeliness, published,"
    " published_at, public_text, public_folded, reopened, closed_at, version, created_at, updated_at";

FeedbackCaseRec case_of(const sql::Row& r) {
  FeedbackCaseRec c;
  size_t i = 0;
  auto t = [&]() -> std::string { return r.text(i++); };
  auto n = [&]() -> int64_t { return i64_or0(r, i++); };
  c.id = t(); c.code = t(); c.channel = t(); c.kind = t(); c.state = t(); c.title = t(); c.content = t();
  c.sender_name = t(); c.sender_phone = t(); c.sender_email = t(); c.sender_address = t();
  c.citizen_id = t(); c.zalo_user_id = t(); c.external_id = t(); c.received_by = t();
  c.dossier_id = t(); c.dossier_code = t(); c.wants_private = n() != 0; c.verdict = t(); c.refusal_reason = t();
  c.field = t(); c.agency_id = t(); c.assignee_id = t();
  c.received_at = n(); c.classify_due_at = n(); c.clock_from = n(); c.due_at = n(); c.remind_at = n();
  c.reminded_at = n(); c.escalated_at = n(); c.escalated_to = t();
  c.answer = t(); c.answered_by = t(); c.answered_at = n(); c.timeliness = t();
  c.published = n() != 0; c.published_at = n(); c.public_text = t(); c.public_folded = t();
  c.reopened = n() != 0; c.closed_at = n(); c.version = n(); c.created_at = n(); c.updated_at = n();
  return c;
}

Params params_of(const FeedbackCaseRec& c) {
  return Params{txt(c.id), txt(c.code), txt(c.channel), opt(c.kind), txt(c.state), txt(c.title), txt(c.content),
                opt(c.sender_name), opt(c.sender_phone), opt(c.sender_email), opt(c.sender_address),
                opt(c.citizen_id), opt(c.zalo_user_id), opt(c.external_id), opt(c.received_by),
                opt(c.dossier_id), opt(c.dossier_code), flag(c.wants_private), txt(c.verdict), opt(c.refusal_reason),
                opt(c.field), txt(c.agency_id), opt(c.assignee_id),
                num(c.received_at), opt_ms(c.classify_due_at), opt_ms(c.clock_from), opt_ms(c.due_at),
                opt_ms(c.remind_at), opt_ms(c.reminded_at), opt_ms(c.escalated_at), opt(c.escalated_to),
                opt(c.answer), opt(c.answered_by), opt_ms(c.answered_at), opt(c.timeliness),
                flag(c.published), opt_ms(c.published_at), opt(c.public_text), opt(c.public_folded),
                flag(c.reopened), opt_ms(c.closed_at), num(c.version), num(c.created_at), num(c.updated_at)};
}

Result<std::optional<FeedbackCaseRec>> one(sql::Connection& c, const std::string& where, Params p) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM feedback_cases WHERE " + where, p));
  if (rows.empty()) return std::optional<FeedbackCaseRec>{};
  return std::optional<FeedbackCaseRec>{case_of(rows[0])};
}

std::string placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

Result<std::vector<FeedbackCaseRec>> many(sql::Connection& c, const std::string& sql, const Params& p) {
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<FeedbackCaseRec> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(case_of(r));
  return out;
}

}  // namespace

Status insert_feedback_case(sql::Connection& c, const FeedbackCaseRec& r) {
  Params p = params_of(r);
  MC_TRY(c.exec(std::string("INSERT INTO feedback_cases (") + kCols + ") VALUES (" + placeholders(p.size()) + ")", p));
  return ok_status();
}

Status update_feedback_case(sql::Connection& c, const FeedbackCaseRec& r) {
  Params p{opt(r.kind), txt(r.state), opt(r.field), txt(r.agency_id), opt(r.assignee_id),
           opt(r.refusal_reason), opt_ms(r.classify_due_at), opt_ms(r.clock_from), opt_ms(r.due_at),
           opt_ms(r.remind_at), opt_ms(r.reminded_at), opt_ms(r.escalated_at), opt(r.escalated_to), opt(r.answer),
           opt(r.answered_by), opt_ms(r.answered_at), opt(r.timeliness), flag(r.published), opt_ms(r.published_at),
           opt(r.public_text), opt(r.public_folded), flag(r.reopened), opt_ms(r.closed_at), num(r.version),
           num(r.updated_at), txt(r.id), num(r.version - 1)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE feedback_cases SET kind = ?, state = ?, field = ?, agency_id = ?, assignee_id = ?,"
                              " refusal_reason = ?, classify_due_at = ?, clock_from = ?, due_at = ?, remind_at = ?,"
                              " reminded_at = ?, escalated_at = ?, escalated_to = ?, answer = ?, answered_by = ?,"
                              " answered_at = ?, timeliness = ?, published = ?, published_at = ?, public_text = ?,"
                              " public_folded = ?, reopened = ?, closed_at = ?, version = ?, updated_at = ?"
                              " WHERE id = ? AND version = ?",
                              p));
  if (n != 1)
    return make_error(ErrorKind::conflict, "Phản ánh, kiến nghị vừa được người khác cập nhật; vui lòng tải lại.", "stale");
  return ok_status();
}

Result<std::optional<FeedbackCaseRec>> get_feedback_case(sql::Connection& c, const std::string& id) {
  return one(c, "id = ?", Params{txt(id)});
}

Result<std::optional<FeedbackCaseRec>> feedback_case_by_code(sql::Connection& c, const std::string& code) {
  return one(c, "code = ?", Params{txt(code)});
}

Result<std::optional<FeedbackCaseRec>> feedback_case_by_external(sql::Connection& c, const std::string& channel,
                                                                 const std::string& external_id) {
  return one(c, "channel = ? AND external_id = ?", Params{txt(channel), txt(external_id)});
}

Result<std::vector<FeedbackCaseRec>> list_feedback_cases(sql::Connection& c, const FeedbackFilter& f) {
  Params p;
  std::string where;
  if (!f.citizen_id.empty()) {
    where = "citizen_id = ?";
    p.push_back(txt(f.citizen_id));
  } else if (!f.all) {
    if (f.agency_ids.empty() && f.escalated_to.empty()) return std::vector<FeedbackCaseRec>{};
    std::string any;
    if (!f.agency_ids.empty()) {
      any = "agency_id IN (" + placeholders(f.agency_ids.size()) + ")";
      for (auto& a : f.agency_ids) p.push_back(txt(a));
    }
    if (!f.escalated_to.empty()) {
      any += (any.empty() ? "" : " OR ") + std::string("escalated_to IN (") + placeholders(f.escalated_to.size()) + ")";
      for (auto& a : f.escalated_to) p.push_back(txt(a));
    }
    where = "(" + any + ")";
  } else {
    where = "1 = 1";
  }
  if (!f.dossier_id.empty()) {
    where += " AND dossier_id = ?";
    p.push_back(txt(f.dossier_id));
  }
  if (!f.states.empty()) {
    where += " AND state IN (" + placeholders(f.states.size()) + ")";
    for (auto& s : f.states) p.push_back(txt(s));
  }
  if (f.before) {
    where += " AND (created_at < ? OR (created_at = ? AND id < ?))";
    p.push_back(num(f.before->first));
    p.push_back(num(f.before->first));
    p.push_back(txt(f.before->second));
  }
  p.push_back(num(f.limit));
  return many(c, std::string("SELECT ") + kCols + " FROM feedback_cases WHERE " + where +
                     " ORDER BY created_at DESC, id DESC LIMIT ?",
              p);
}

Result<std::vector<FeedbackCaseRec>> feedback_to_remind(sql::Connection& c, Millis now, int limit) {
  return many(c, std::string("SELECT ") + kCols +
                     " FROM feedback_cases WHERE reminded_at IS NULL AND remind_at IS NOT NULL AND remind_at <= ?"
                     " AND state IN ('classified','assigned','transferred','reopened') ORDER BY remind_at LIMIT ?",
              Params{num(now), num(limit)});
}

Result<std::vector<FeedbackCaseRec>> feedback_to_escalate(sql::Connection& c, Millis now, int limit) {
  return many(c, std::string("SELECT ") + kCols +
                     " FROM feedback_cases WHERE escalated_at IS NULL AND due_at IS NOT NULL AND due_at < ?"
                     " AND state IN ('classified','assigned','transferred','reopened') ORDER BY due_at LIMIT ?",
              Params{num(now), num(limit)});
}

Result<std::vector<FeedbackCaseRec>> search_published_feedback(sql::Connection& c, const std::vector<std::string>& words,
                                                               std::optional<std::pair<Millis, std::string>> before,
                                                               int limit) {
  Params p;
  const bool pg = c.engine() == sql::Engine::postgres;
  // Full text (migration 028): every word; the last one also as the start of a word (typed on,
  // as the catalogue search reads it). A prefix of every word would merge the postings of every
  // word sharing two letters ("co" → co, con, cong…) for little gain. Words are ASCII letters
  // and digits (catalogue::search_words); quotes are dropped all the same.
  std::string match;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string q;
    for (char ch : words[i])
      if (ch != '"' && ch != '\'') q += ch;
    if (q.empty()) continue;
    const bool last = i + 1 == words.size();
    if (pg) match += std::string(match.empty() ? "" : " & ") + "'" + q + "'" + (last ? ":*" : "");
    else match += std::string(match.empty() ? "" : " ") + "\"" + q + "\"" + (last ? "*" : "");
  }
  if (!match.empty() && !pg) {
    // FTS5 rowids count down with each publication (feedback_search_keys): the index yields the
    // newest matches first and stops at the page; the cursor is the last case's place there.
    p.push_back(txt(match));
    std::string inner = "SELECT rowid FROM feedback_search WHERE feedback_search MATCH ?";
    if (before) {
      inner += " AND rowid > (SELECT n FROM feedback_search_keys WHERE case_id = ?)";
      p.push_back(txt(before->second));
    }
    inner += " ORDER BY rowid LIMIT ?";
    p.push_back(num(limit));
    return many(c, std::string("SELECT ") + kCols +
                       " FROM feedback_search_keys JOIN feedback_cases ON feedback_cases.id = feedback_search_keys.case_id"
                       " WHERE feedback_search_keys.n IN (" + inner + ") AND published = 1"
                       " ORDER BY feedback_search_keys.n",
                p);
  }
  std::string after;  // the cursor: published before the previous page's last case
  Params cursor;
  if (before) {
    after = " AND (published_at < ? OR (published_at = ? AND id < ?))";
    cursor = {num(before->first), num(before->first), txt(before->second)};
  }
  if (match.empty()) {
    for (auto& v : cursor) p.push_back(v);
    p.push_back(num(limit));
    return many(c, std::string("SELECT ") + kCols + " FROM feedback_cases WHERE published = 1" + after +
                       " ORDER BY published_at DESC, id DESC LIMIT ?",
                p);
  }
  // PostgreSQL cannot tell a rare word from a common one here (a word outside the statistics'
  // common elements, and every prefix, is estimated at 0.5 % of the rows), so one query shape is
  // wrong for one of them: walking the publication order read all 100,000 cases for a case's
  // number (~190 ms), the GIN match sorted every case for a word in all of them. So: (1) look
  // for the page among the newest kProbe published cases (a word in more than ~1 % of them
  // fills it there); (2) when it is not full and there were kProbe of them, the word is rare:
  // its GIN matches, sorted (docs/performance.md, "PostgreSQL at 1,000,000 dossiers").
  constexpr int kProbe = 2000;
  const std::string newest = "SELECT * FROM feedback_cases WHERE published = 1" + after +
                             " ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kProbe);
  p = cursor;
  p.push_back(txt(match));
  p.push_back(num(limit));
  MC_ASSIGN(auto page, many(c, std::string("SELECT ") + kCols + " FROM (" + newest +
                                   ") feedback_cases WHERE public_search @@ to_tsquery('simple', ?)"
                                   " ORDER BY published_at DESC, id DESC LIMIT ?",
                            p));
  if (int(page.size()) >= limit) return page;
  MC_ASSIGN(auto seen, c.query("SELECT COUNT(*) FROM (SELECT 1 FROM feedback_cases WHERE published = 1" + after +
                                   " ORDER BY published_at DESC, id DESC LIMIT " + std::to_string(kProbe) + ") w",
                               cursor));
  if (seen.empty() || seen[0].i64(0) < kProbe) return page;  // every case left was looked at
  p = {txt(match)};
  for (auto& v : cursor) p.push_back(v);
  p.push_back(num(limit));
  return many(c, "WITH m AS MATERIALIZED (SELECT " + std::string(kCols) +
                     " FROM feedback_cases WHERE published = 1 AND public_search @@ to_tsquery('simple', ?)" + after +
                     ") SELECT * FROM m ORDER BY published_at DESC, id DESC LIMIT ?",
              p);
}

Status insert_feedback_event(sql::Connection& c, const FeedbackEventRec& e) {
  Params p{txt(e.case_id), num(e.at), txt(e.actor), txt(e.action), opt(e.from_state), txt(e.to_state), opt(e.note),
           opt(e.data)};
  MC_TRY(c.exec("INSERT INTO feedback_events (case_id, at, actor, action, from_state, to_state, note, data)"
                " VALUES (?,?,?,?,?,?,?,?)",
                p));
  return ok_status();
}

Result<std::vector<FeedbackEventRec>> list_feedback_events(sql::Connection& c, const std::string& case_id) {
  MC_ASSIGN(auto rows, c.query("SELECT id, case_id, at, actor, action, from_state, to_state, note, data"
                               " FROM feedback_events WHERE case_id = ? ORDER BY id",
                               Params{txt(case_id)}));
  std::vector<FeedbackEventRec> out;
  for (auto& r : rows)
    out.push_back(FeedbackEventRec{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                                   r.text(8)});
  return out;
}

Status insert_feedback_attachment(sql::Connection& c, const FeedbackAttachmentRec& a) {
  Params p{txt(a.id), txt(a.case_id), txt(a.file_name), txt(a.content_type), num(a.size_bytes), txt(a.sha256),
           txt(a.uploaded_by), num(a.uploaded_at), num(a.position)};
  MC_TRY(c.exec("INSERT INTO feedback_attachments (id, case_id, file_name, content_type, size_bytes, sha256,"
                " uploaded_by, uploaded_at, position) VALUES (?,?,?,?,?,?,?,?,?)",
                p));
  return ok_status();
}

Result<std::vector<FeedbackAttachmentRec>> list_feedback_attachments(sql::Connection& c, const std::string& case_id) {
  MC_ASSIGN(auto rows, c.query("SELECT id, case_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at,"
                               " position FROM feedback_attachments WHERE case_id = ? ORDER BY position",
                               Params{txt(case_id)}));
  std::vector<FeedbackAttachmentRec> out;
  for (auto& r : rows)
    out.push_back(FeedbackAttachmentRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.text(5), r.text(6),
                                        r.i64(7), r.i64(8)});
  return out;
}

Status insert_feedback_rating(sql::Connection& c, const FeedbackRatingRec& r) {
  Params p{txt(r.case_id), num(r.round), txt(r.score), opt(r.comment), txt(r.rated_by), num(r.rated_at)};
  MC_TRY(c.exec("INSERT INTO feedback_ratings (case_id, round, score, comment, rated_by, rated_at) VALUES (?,?,?,?,?,?)",
                p));
  return ok_status();
}

Result<std::vector<FeedbackRatingRec>> list_feedback_ratings(sql::Connection& c, const std::string& case_id) {
  MC_ASSIGN(auto rows, c.query("SELECT case_id, round, score, comment, rated_by, rated_at FROM feedback_ratings"
                               " WHERE case_id = ? ORDER BY round",
                               Params{txt(case_id)}));
  std::vector<FeedbackRatingRec> out;
  for (auto& r : rows) out.push_back(FeedbackRatingRec{r.text(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.i64(5)});
  return out;
}

Status bump_feedback_counter(sql::Connection& c, const std::string& period, const std::string& agency_id,
                             const std::string& channel, const std::string& field, const std::string& metric,
                             int64_t delta) {
  Params p{txt(period), txt(agency_id), txt(channel), txt(field), txt(metric), num(delta)};
  MC_TRY(c.exec("INSERT INTO feedback_counters (period, agency_id, channel, field, metric, n) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT (period, agency_id, channel, field, metric) DO UPDATE SET n = feedback_counters.n + excluded.n",
                p));
  return ok_status();
}

Result<std::vector<FeedbackCounterRec>> feedback_counters(sql::Connection& c, const std::string& from,
                                                          const std::string& to, const std::string& agency_id) {
  Params p{txt(from), txt(to)};
  std::string sql = "SELECT period, agency_id, channel, field, metric, n FROM feedback_counters WHERE period >= ? AND period <= ?";
  if (!agency_id.empty()) {
    sql += " AND agency_id = ?";
    p.push_back(txt(agency_id));
  }
  sql += " ORDER BY period, agency_id, channel, field, metric";
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<FeedbackCounterRec> out;
  for (auto& r : rows) out.push_back(FeedbackCounterRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5)});
  return out;
}

}  // namespace motcua::store
