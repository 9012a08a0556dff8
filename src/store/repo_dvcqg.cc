#include "store/dvcqg_repo.h"

#include <algorithm>

#include "store/kpi_synced_repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status record_dvcqg_sync(sql::Connection& c, const std::string& dossier_id, const std::string& code, int64_t status,
                         int64_t outbox_id, Millis at, Millis decided_at) {
  // The dossier's agency, procedure and reception as they stand now (migration 030): a later
  // change leaves an unsent dvcqg outbox row until its own delivery writes them again.
  Params id{txt(dossier_id)};
  MC_ASSIGN(auto cur, c.query("SELECT competent_agency_id, procedure_id, COALESCE(received_at, 0) FROM dossiers WHERE id = ?", id));
  const std::string agency = cur.empty() ? "" : cur[0].text(0), procedure = cur.empty() ? "" : cur[0].text(1);
  const Millis received = cur.empty() ? 0 : cur[0].i64(2);
  const auto now_key = synced_key(agency, procedure, received);
  // The synced counter (migration 027) follows the row in this transaction: a new row counts
  // once; a repeat, a retry or a later state moves it only when the row's key changes. The
  // progress counter (migration 034) likewise, on the decision the portal confirmed.
  Params ins{txt(dossier_id), txt(code), num(status), num(outbox_id), num(at), txt(agency), txt(procedure), num(received),
             num(std::max<Millis>(decided_at, 0))};
  MC_ASSIGN(int64_t added, c.exec("INSERT INTO dvcqg_sync (dossier_id, code, status, messages, outbox_id, synced_at, agency_id,"
                                  " procedure_id, received_at, decided_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)"
                                  " ON CONFLICT (dossier_id) DO NOTHING",
                                  ins));
  if (added == 1) {
    if (now_key) MC_TRY(add_synced(c, *now_key, 1));
    if (auto k = synced_key(agency, procedure, decided_at)) MC_TRY(add_synced(c, *k, 1, SyncCounter::progress));
    return ok_status();
  }
  // The row exists (a concurrent first write has committed: DO NOTHING waited for it): locked
  // while its old keys are read, so two deliveries of one dossier move the counters one after the other.
  MC_ASSIGN(auto old, c.query(std::string("SELECT agency_id, procedure_id, received_at, decided_at FROM dvcqg_sync WHERE dossier_id = ?") +
                                  (c.engine() == sql::Engine::postgres ? " FOR UPDATE" : ""),
                              id));
  // The first confirmed decision stays: a repeat of it, or a later state, confirms nothing new.
  const Millis old_decided = old.empty() ? 0 : old[0].i64(3);
  const Millis decided = old_decided > 0 ? old_decided : std::max<Millis>(decided_at, 0);
  Params up{txt(agency), txt(procedure), num(received), num(decided), num(outbox_id), txt(code), num(outbox_id), num(status),
            num(outbox_id), num(at), num(outbox_id), num(outbox_id), txt(dossier_id)};
  MC_TRY(c.exec("UPDATE dvcqg_sync SET messages = messages + 1, agency_id = ?, procedure_id = ?, received_at = ?, decided_at = ?,"
                " code = CASE WHEN ? > outbox_id THEN ? ELSE code END,"
                " status = CASE WHEN ? > outbox_id THEN ? ELSE status END,"
                " synced_at = CASE WHEN ? > outbox_id THEN ? ELSE synced_at END,"
                " outbox_id = CASE WHEN ? > outbox_id THEN ? ELSE outbox_id END WHERE dossier_id = ?",
                up));
  const auto old_key = old.empty() ? std::nullopt : synced_key(old[0].text(0), old[0].text(1), old[0].i64(2));
  if (old_key != now_key) {
    if (old_key) MC_TRY(add_synced(c, *old_key, -1));
    if (now_key) MC_TRY(add_synced(c, *now_key, 1));
  }
  const auto old_progress = old.empty() ? std::nullopt : synced_key(old[0].text(0), old[0].text(1), old_decided);
  const auto now_progress = synced_key(agency, procedure, decided);
  if (old_progress != now_progress) {
    if (old_progress) MC_TRY(add_synced(c, *old_progress, -1, SyncCounter::progress));
    if (now_progress) MC_TRY(add_synced(c, *now_progress, 1, SyncCounter::progress));
  }
  return ok_status();
}

Result<DvcqgSyncState> get_dvcqg_sync(sql::Connection& c, const std::string& dossier_id) {
  DvcqgSyncState s;
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto done, c.query("SELECT status, synced_at, messages, decided_at FROM dvcqg_sync WHERE dossier_id = ?", p));
  if (!done.empty()) {
    s.confirmed_status = done[0].i64(0);
    s.synced_at = done[0].i64(1);
    s.messages = done[0].i64(2);
    s.decided_at = done[0].i64(3);
    s.state = "synced";
  }
  MC_ASSIGN(auto rows, c.query("SELECT state, attempts, last_error FROM outbox WHERE sink = 'dvcqg' AND okey = ?"
                               " AND state <> 'sent' ORDER BY id",
                               p));
  s.waiting = int64_t(rows.size());
  if (rows.empty()) return s;
  bool parked = false;
  for (auto& r : rows) parked = parked || r.text(0) == "parked";
  s.attempts = rows[0].i64(1);
  s.last_error = rows[0].is_null(2) ? "" : rows[0].text(2);
  for (auto& r : rows)
    if (r.text(0) == "parked" && !r.is_null(2)) {
      s.last_error = r.text(2);
      break;
    }
  s.state = parked ? "parked" : s.attempts > 0 ? "retrying" : "pending";
  return s;
}

Result<DvcqgSummary> dvcqg_summary(sql::Connection& c) {
  DvcqgSummary s;
  MC_ASSIGN(auto n, c.query("SELECT count(*) FROM dossiers WHERE state <> 'draft'"));
  s.dossiers = n[0].i64(0);
  MC_ASSIGN(auto w, c.query("SELECT count(DISTINCT okey),"
                            " count(DISTINCT CASE WHEN state = 'parked' THEN okey END),"
                            " count(DISTINCT CASE WHEN state = 'pending' AND attempts > 0 THEN okey END)"
                            " FROM outbox WHERE sink = 'dvcqg' AND state <> 'sent'"));
  s.waiting = w[0].i64(0);
  s.parked = w[0].i64(1);
  s.retrying = w[0].i64(2);
  MC_ASSIGN(auto y, c.query("SELECT count(*) FROM dvcqg_sync s WHERE NOT EXISTS (SELECT 1 FROM outbox o"
                            " WHERE o.sink = 'dvcqg' AND o.okey = s.dossier_id AND o.state <> 'sent')"));
  s.synced = y[0].i64(0);
  return s;
}

Result<std::vector<DvcqgUnsent>> list_dvcqg_unsent(sql::Connection& c, int64_t before, int limit) {
  Params p{num(before), num(before), num(limit)};
  MC_ASSIGN(auto rows, c.query("SELECT id, okey, state, attempts, last_error, created_at, next_attempt_at, payload"
                               " FROM outbox WHERE sink = 'dvcqg' AND state <> 'sent' AND (? = 0 OR id < ?)"
                               " ORDER BY id DESC LIMIT ?",
                               p));
  std::vector<DvcqgUnsent> out;
  for (auto& r : rows) {
    DvcqgUnsent u;
    u.outbox_id = r.i64(0);
    u.dossier_id = r.text(1);
    u.state = r.text(2);
    u.attempts = r.i64(3);
    u.last_error = r.is_null(4) ? "" : r.text(4);
    u.created_at = r.i64(5);
    u.next_attempt_at = r.i64(6);
    u.payload = r.text(7);
    out.push_back(std::move(u));
  }
  return out;
}

Result<bool> claim_dvcqg_inbound(sql::Connection& c, const std::string& national_code, const std::string& dossier_id,
                                 const std::string& agency_id, Millis at) {
  Params p{txt(national_code), txt(dossier_id), txt(agency_id), num(at)};
  MC_ASSIGN(auto n, c.exec("INSERT INTO dvcqg_inbound (national_code, dossier_id, agency_id, received_at)"
                           " VALUES (?,?,?,?) ON CONFLICT (national_code) DO NOTHING",
                           p));
  return n == 1;
}

Result<std::string> agency_by_eid(sql::Connection& c, const std::string& eid) {
  Params p{txt(eid)};
  MC_ASSIGN(auto rows, c.query("SELECT id FROM agencies WHERE eid = ?", p));
  return rows.empty() ? std::string() : rows[0].text(0);
}

Result<std::string> procedure_in_force(sql::Connection& c, const std::string& national_code, const std::string& today) {
  Params p{txt(national_code), txt(today)};
  MC_ASSIGN(auto rows, c.query("SELECT id FROM procedures WHERE national_code = ? AND (effective_from IS NULL"
                               " OR effective_from = '' OR effective_from <= ?) ORDER BY version DESC LIMIT 1",
                               p));
  return rows.empty() ? std::string() : rows[0].text(0);
}

Result<std::vector<ProcedureRec>> procedure_versions_brief(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT id, national_code, version, name, field, time_amount, time_unit FROM procedures"));
  std::vector<ProcedureRec> out;
  for (auto& r : rows) {
    ProcedureRec p;
    p.id = r.text(0);
    p.national_code = r.text(1);
    p.version = r.i64(2);
    p.name = r.text(3);
    p.field = r.is_null(4) ? "" : r.text(4);
    p.time_amount = r.i64(5);
    p.time_unit = r.text(6);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<std::string>> dvcqg_inbound_dossier(sql::Connection& c, const std::string& national_code) {
  Params p{txt(national_code)};
  MC_ASSIGN(auto rows, c.query("SELECT dossier_id FROM dvcqg_inbound WHERE national_code = ?", p));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows[0].text(0)};
}

}  // namespace motcua::store
