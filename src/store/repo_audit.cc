#include "common/crypto.h"
#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

std::string audit_hash(const AuditRec& r) {
  std::string s = r.prev_hash + "|" + std::to_string(r.seq) + "|" + std::to_string(r.at) + "|" + r.actor + "|" +
                  r.action + "|" + r.object + "|" + r.detail;
  return sha256_hex(s);
}

Result<AuditRec> append_audit(Connection& c, Millis at, const std::string& actor, const std::string& action,
                              const std::string& object, const std::string& detail) {
  // The UPDATE takes the head row's lock (PostgreSQL) so concurrent writers chain one by one.
  MC_ASSIGN(auto head, write_and_read(c, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1", " RETURNING seq, hash",
                                      "SELECT seq, hash FROM audit_head WHERE id = 1", {}, {}));
  if (head.empty()) return make_error(ErrorKind::internal, "Thiếu đầu chuỗi nhật ký kiểm toán");
  AuditRec r{head[0].i64(0), at, actor, action, object, detail, head[0].text(1), ""};
  r.hash = audit_hash(r);
  Params h{txt(r.hash)};
  MC_TRY(c.exec("UPDATE audit_head SET hash = ? WHERE id = 1", h));
  Params p{num(r.seq), num(r.at), txt(r.actor), txt(r.action), txt(r.object), txt(r.detail), txt(r.prev_hash), txt(r.hash)};
  MC_TRY(c.exec("INSERT INTO audit_log (seq, at, actor, action, object, detail, prev_hash, hash)"
                " VALUES (?,?,?,?,?,?,?,?)", p));
  return r;
}

Result<AuditCheck> verify_audit(Connection& c) {
  AuditCheck out;
  std::string prev = std::string(64, '0');
  int64_t expect = 1, after = 0;
  for (;;) {
    Params p{num(after)};
    MC_ASSIGN(auto rows, c.query("SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit_log"
                                 " WHERE seq > ? ORDER BY seq LIMIT 5000", p));
    if (rows.empty()) break;
    for (auto& row : rows) {
      AuditRec r{row.i64(0), row.i64(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6), row.text(7)};
      ++out.records;
      if (r.seq != expect) { out.first_broken = expect; out.reason = "thiếu bản ghi số " + std::to_string(expect); return out; }
      if (r.prev_hash != prev) { out.first_broken = r.seq; out.reason = "liên kết với bản ghi trước bị sai"; return out; }
      if (audit_hash(r) != r.hash) { out.first_broken = r.seq; out.reason = "nội dung bản ghi đã bị sửa"; return out; }
      prev = r.hash;
      ++expect;
      after = r.seq;
    }
  }
  MC_ASSIGN(auto head, c.query("SELECT seq, hash FROM audit_head WHERE id = 1"));
  if (!head.empty() && (head[0].i64(0) != expect - 1 || head[0].text(1) != prev)) {
    out.first_broken = expect;
    out.reason = "đầu chuỗi không khớp bản ghi cuối (có bản ghi bị xoá)";
  }
  return out;
}

Status insert_outbox(Connection& c, const std::string& topic, const std::string& payload, Millis at) {
  Params p{txt(topic), txt(payload), num(at)};
  MC_TRY(c.exec("INSERT INTO outbox (topic, payload, created_at) VALUES (?,?,?)", p));
  return ok_status();
}

Status bump_kpi(Connection& c, const std::string& agency_id, const std::string& period, const std::string& metric,
                int64_t delta) {
  Params p{txt(agency_id), txt(period), txt(metric), num(delta)};
  MC_TRY(c.exec("INSERT INTO kpi_counters (agency_id, period, metric, n) VALUES (?,?,?,?) ON CONFLICT"
                " (agency_id, period, metric) DO UPDATE SET n = kpi_counters.n + excluded.n", p));
  return ok_status();
}

Status bump_kpis(Connection& c, const std::string& agency_id, const std::string& period,
                 const std::vector<std::string>& metrics) {
  if (metrics.empty()) return ok_status();
  std::string sql = "INSERT INTO kpi_counters (agency_id, period, metric, n) VALUES ";
  Params p;
  for (size_t i = 0; i < metrics.size(); ++i) {
    sql += i ? ",(?,?,?,1)" : "(?,?,?,1)";
    p.push_back(txt(agency_id));
    p.push_back(txt(period));
    p.push_back(txt(metrics[i]));
  }
  sql += " ON CONFLICT (agency_id, period, metric) DO UPDATE SET n = kpi_counters.n + excluded.n";
  MC_TRY(c.exec(sql, p));
  return ok_status();
}

Result<int64_t> get_kpi(Connection& c, const std::string& agency_id, const std::string& period, const std::string& metric) {
  Params p{txt(agency_id), txt(period), txt(metric)};
  MC_ASSIGN(auto rows, c.query("SELECT n FROM kpi_counters WHERE agency_id = ? AND period = ? AND metric = ?", p));
  return rows.empty() ? 0 : rows[0].i64(0);
}

Result<std::optional<IdempotentReply>> get_idempotent(Connection& c, const std::string& subject, const std::string& key) {
  Params p{txt(subject), txt(key)};
  MC_ASSIGN(auto rows, c.query("SELECT request_hash, status, response FROM idempotency WHERE subject = ? AND key = ?", p));
  if (rows.empty()) return std::optional<IdempotentReply>{};
  return std::optional<IdempotentReply>{IdempotentReply{rows[0].text(0), rows[0].i64(1), rows[0].text(2)}};
}

Status put_idempotent(Connection& c, const std::string& subject, const std::string& key, const IdempotentReply& r,
                      Millis at) {
  Params p{txt(subject), txt(key), txt(r.request_hash), num(r.status), txt(r.response), num(at)};
  MC_TRY(c.exec("INSERT INTO idempotency (subject, key, request_hash, status, response, created_at)"
                " VALUES (?,?,?,?,?,?)", p));
  return ok_status();
}

}  // namespace motcua::store
