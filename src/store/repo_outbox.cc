#include "store/outbox_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

constexpr const char* kCols =
    "id, topic, payload, state, sink, okey, created_at, sent_at, next_attempt_at, parked_at, attempts, last_error";

OutboxRec outbox_from(const sql::Row& r) {
  OutboxRec o;
  o.id = r.i64(0);
  o.topic = r.text(1);
  o.payload = r.text(2);
  o.state = r.text(3);
  o.sink = r.text(4);
  o.okey = r.text(5);
  o.created_at = r.i64(6);
  o.sent_at = i64_or0(r, 7);
  o.next_attempt_at = r.i64(8);
  o.parked_at = i64_or0(r, 9);
  o.attempts = r.i64(10);
  o.last_error = r.text(11);
  return o;
}

}  // namespace

Result<std::vector<OutboxRec>> claim_outbox(sql::Connection& c, const std::string& sink, const std::string& worker,
                                            Millis now, Millis lease_until, int limit, bool parked_holds) {
  // An earlier pending row of the same dossier (ordering key) and sink holds the later ones back,
  // and so does a parked one for a sink whose remote side checks the order. `e.state <> 'sent'`
  // is spelled out so both engines use the partial index outbox_unsent_key (migration 016).
  const std::string due =
      "SELECT o.id FROM outbox o WHERE o.state = 'pending' AND o.sink = ? AND o.next_attempt_at <= ?"
      " AND o.claimed_until <= ? AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state <> 'sent'"
      " AND (e.state = 'pending' OR ? = 1)"
      " AND e.sink = o.sink AND e.okey = o.okey AND o.okey <> '' AND e.id < o.id) ORDER BY o.id LIMIT ?";
  Params p{txt(sink), num(now), num(now), num(parked_holds ? 1 : 0), num(limit)};
  std::vector<int64_t> ids;
  if (c.engine() == sql::Engine::postgres) {
    MC_ASSIGN(auto rows, c.query(due + " FOR UPDATE SKIP LOCKED", p));
    for (auto& r : rows) ids.push_back(r.i64(0));
  } else {
    MC_ASSIGN(auto rows, c.query(due, p));
    for (auto& r : rows) ids.push_back(r.i64(0));
  }
  std::vector<OutboxRec> out;
  for (int64_t id : ids) {
    Params q{txt(worker), num(lease_until), num(id)};
    MC_TRY(c.exec("UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?", q));
    Params k{num(id)};
    MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM outbox WHERE id = ?", k));
    if (!rows.empty()) out.push_back(outbox_from(rows.front()));
  }
  return out;
}

Status insert_attempt(sql::Connection& c, const AttemptRec& a) {
  Params p{num(a.outbox_id), txt(a.channel), num(a.at), num(a.duration_ms), txt(a.outcome), opt(a.error), txt(a.worker)};
  MC_TRY(c.exec("INSERT INTO outbox_attempts (outbox_id, channel, at, duration_ms, outcome, error, worker)"
                " VALUES (?,?,?,?,?,?,?)",
                p));
  return ok_status();
}

Result<bool> mark_outbox_sent(sql::Connection& c, int64_t id, const std::string& worker, Millis at) {
  Params p{num(at), num(id), txt(worker)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, claimed_by = NULL,"
                              " claimed_until = 0, last_error = NULL WHERE id = ? AND claimed_by = ? AND state = 'pending'",
                              p));
  return n > 0;
}

Result<bool> mark_outbox_failed(sql::Connection& c, int64_t id, const std::string& worker, const std::string& error,
                                Millis next_attempt_at) {
  Params p{txt(error), num(next_attempt_at), num(id), txt(worker)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                              " claimed_by = NULL, claimed_until = 0 WHERE id = ? AND claimed_by = ? AND state = 'pending'",
                              p));
  return n > 0;
}

Result<bool> mark_outbox_parked(sql::Connection& c, int64_t id, const std::string& worker, const std::string& error,
                                Millis at) {
  Params p{txt(error), num(at), num(id), txt(worker)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ?, parked_at = ?,"
                              " claimed_by = NULL, claimed_until = 0 WHERE id = ? AND claimed_by = ? AND state = 'pending'",
                              p));
  return n > 0;
}

Result<bool> retry_outbox(sql::Connection& c, int64_t id, Millis now) {
  Params p{num(now), num(id)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, parked_at = NULL,"
                              " claimed_by = NULL, claimed_until = 0 WHERE id = ? AND state <> 'sent'",
                              p));
  return n > 0;
}

Result<std::optional<OutboxRec>> get_outbox(sql::Connection& c, int64_t id) {
  Params p{num(id)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM outbox WHERE id = ?", p));
  if (rows.empty()) return std::optional<OutboxRec>{};
  return std::optional<OutboxRec>{outbox_from(rows.front())};
}

Result<std::vector<OutboxRec>> list_outbox(sql::Connection& c, const std::string& state, int64_t before, int limit) {
  std::string where = state == "parked"    ? "state = 'parked'"
                      : state == "failed"  ? "state = 'pending' AND attempts > 0"
                                           : "state = 'pending'";
  Params p{num(before > 0 ? before : INT64_MAX), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM outbox WHERE " + where +
                                   " AND id < ? ORDER BY id DESC LIMIT ?",
                               p));
  std::vector<OutboxRec> out;
  for (auto& r : rows) out.push_back(outbox_from(r));
  return out;
}

Result<std::vector<AttemptRec>> list_attempts(sql::Connection& c, int64_t outbox_id, int limit) {
  Params p{num(outbox_id), num(limit)};
  MC_ASSIGN(auto rows, c.query("SELECT id, outbox_id, channel, at, duration_ms, outcome, error, worker FROM outbox_attempts"
                               " WHERE outbox_id = ? ORDER BY id DESC LIMIT ?",
                               p));
  std::vector<AttemptRec> out;
  for (auto& r : rows)
    out.push_back(AttemptRec{r.i64(0), r.i64(1), r.text(2), r.i64(3), r.i64(4), r.text(5), r.text(6), r.text(7)});
  return out;
}

}  // namespace motcua::store
