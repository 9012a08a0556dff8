#include <map>
#include <set>
#include <string_view>

#include "common/crypto.h"
#include "store/repo.h"
#include "store/kpi_repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

const std::string kGenesis(64, '0');
constexpr const char* kAnchorAction = "audit.anchor";

// "1.57.<hash>" → (1, 57, hash); false when malformed.
bool parse_head(std::string_view s, int64_t& chain, int64_t& seq, std::string& hash) {
  auto d1 = s.find('.');
  auto d2 = d1 == std::string_view::npos ? d1 : s.find('.', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  try {
    chain = std::stoll(std::string(s.substr(0, d1)));
    seq = std::stoll(std::string(s.substr(d1 + 1, d2 - d1 - 1)));
  } catch (...) {
    return false;
  }
  hash = std::string(s.substr(d2 + 1));
  return seq > 0 && hash.size() == 64;
}

// The quoted items of an anchor's detail {"heads":["c.seq.hash",...]}.
std::vector<std::string_view> anchor_items(std::string_view detail) {
  std::vector<std::string_view> out;
  auto p = detail.find('[');
  if (p == std::string_view::npos) return out;
  for (;;) {
    auto a = detail.find('"', p + 1);
    if (a == std::string_view::npos) break;
    auto b = detail.find('"', a + 1);
    if (b == std::string_view::npos) break;
    out.push_back(detail.substr(a + 1, b - a - 1));
    p = b;
  }
  return out;
}

Status insert_record(Connection& c, const AuditRec& r) {
  Params h{num(r.seq), txt(r.hash), num(r.chain)};
  MC_TRY(c.exec("UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?", h));
  Params p{num(r.chain), num(r.seq), num(r.at), txt(r.actor), txt(r.action), txt(r.object), txt(r.detail),
           txt(r.prev_hash), txt(r.hash)};
  MC_TRY(c.exec("INSERT INTO audit_log (chain, seq, at, actor, action, object, detail, prev_hash, hash)"
                " VALUES (?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

}  // namespace

std::string audit_hash(const AuditRec& r) {
  std::string pos = r.chain == 0 ? std::to_string(r.seq) : std::to_string(r.chain) + "." + std::to_string(r.seq);
  std::string s = r.prev_hash + "|" + pos + "|" + std::to_string(r.at) + "|" + r.actor + "|" + r.action + "|" +
                  r.object + "|" + r.detail;
  return sha256_hex(s);
}

namespace {

// Appends after `head` (chain, seq, hash), whose row the caller's transaction holds.
Result<AuditRec> append_after(Connection& c, const std::vector<sql::Row>& head, Millis at, const std::string& actor,
                              const std::string& action, const std::string& object, const std::string& detail) {
  if (head.empty()) return make_error(ErrorKind::internal, "Thiếu đầu chuỗi nhật ký kiểm toán");
  AuditRec r{head[0].i64(1) + 1, at, actor, action, object, detail, head[0].text(2), "", head[0].i64(0)};
  r.hash = audit_hash(r);
  MC_TRY(insert_record(c, r));
  if (r.seq % kAuditAnchorEvery == 0) {
    // Anchor: the other chains' committed heads, hashed into this chain. Cutting a chain's tail
    // below a head named here then breaks this anchor, unless this chain is cut below it too.
    Params q{num(r.chain)};
    MC_ASSIGN(auto heads, c.query("SELECT chain, seq, hash FROM audit_chains WHERE seq > 0 AND chain <> ? ORDER BY chain", q));
    if (!heads.empty()) {
      std::string d = "{\"heads\":[";
      for (size_t i = 0; i < heads.size(); ++i) {
        if (i) d += ",";
        d += "\"" + std::to_string(heads[i].i64(0)) + "." + std::to_string(heads[i].i64(1)) + "." + heads[i].text(2) + "\"";
      }
      d += "]}";
      AuditRec a{r.seq + 1, at, "system", kAnchorAction, "audit", d, r.hash, "", r.chain};
      a.hash = audit_hash(a);
      MC_TRY(insert_record(c, a));
    }
  }
  return r;
}

}  // namespace

Result<AuditRec> append_audit(Connection& c, Millis at, const std::string& actor, const std::string& action,
                              const std::string& object, const std::string& detail) {
  // Take a chain head: the row lock (PostgreSQL) is held to the commit, so a chain is appended by
  // one transaction at a time; SKIP LOCKED passes over chains other transactions hold, so writers
  // of every process append side by side. Each backend starts from its own chain (pid modulo the
  // 64 rows migration 010 creates; another count only changes the spread). SQLite has one writer:
  // chain 0.
  std::vector<sql::Row> head;
  if (c.engine() == sql::Engine::postgres) {
    MC_ASSIGN(head, c.query("SELECT chain, seq, hash FROM audit_chains"
                            " ORDER BY chain >= pg_backend_pid() % 64 DESC, chain LIMIT 1 FOR UPDATE SKIP LOCKED"));
    if (head.empty()) {  // every chain held: wait for this backend's own
      MC_ASSIGN(head, c.query("SELECT chain, seq, hash FROM audit_chains WHERE chain = pg_backend_pid() % 64"
                              " FOR UPDATE"));
    }
  } else {
    MC_ASSIGN(head, c.query("SELECT chain, seq, hash FROM audit_chains WHERE chain = 0"));
  }
  return append_after(c, head, at, actor, action, object, detail);
}

Result<AuditRec> append_audit_to(Connection& c, int64_t chain, Millis at, const std::string& actor,
                                 const std::string& action, const std::string& object, const std::string& detail) {
  Params p{num(chain)};
  MC_ASSIGN(auto head, c.query(c.engine() == sql::Engine::postgres
                                   ? "SELECT chain, seq, hash FROM audit_chains WHERE chain = ? FOR UPDATE"
                                   : "SELECT chain, seq, hash FROM audit_chains WHERE chain = ?",
                               p));
  return append_after(c, head, at, actor, action, object, detail);
}

Result<AuditCheck> verify_audit(Connection& c, const std::vector<std::string>& kept) {
  AuditCheck out;
  auto source = [](std::pair<int64_t, int64_t> at) {
    return at.first < 0 ? std::string("đầu chuỗi đã lưu ngoài CSDL")
                        : "mốc neo ở chuỗi " + std::to_string(at.first) + " bản ghi " + std::to_string(at.second);
  };
  auto broken = [&](int64_t chain, int64_t seq, std::string why) {
    out.broken_chain = chain;
    out.first_broken = seq;
    out.reason = std::move(why);
    return out;
  };
  // Heads, and the seal over them.
  std::map<int64_t, std::pair<int64_t, std::string>> heads;
  MC_ASSIGN(auto hrows, c.query("SELECT chain, seq, hash FROM audit_chains ORDER BY chain"));
  std::string seal_in;
  for (auto& h : hrows) {
    heads[h.i64(0)] = {h.i64(1), h.text(2)};
    std::string item = std::to_string(h.i64(0)) + "." + std::to_string(h.i64(1)) + "." + h.text(2);
    seal_in += item + "\n";
    if (h.i64(1) > 0) out.heads.push_back(item);
  }
  out.seal = sha256_hex(seal_in);
  // What the anchors say: (chain, seq) → hash.
  std::map<std::pair<int64_t, int64_t>, std::pair<std::string, std::pair<int64_t, int64_t>>> named;
  MC_ASSIGN(auto arows, c.query("SELECT chain, seq, detail FROM audit_log WHERE action = ?", Params{txt(kAnchorAction)}));
  for (auto& a : arows) {
    ++out.anchors;
    for (auto item : anchor_items(a.text(2))) {
      int64_t ch = 0, sq = 0;
      std::string h;
      if (!parse_head(item, ch, sq, h)) return broken(a.i64(0), a.i64(1), "mốc neo không đọc được");
      auto [it, fresh] = named.try_emplace({ch, sq}, h, std::pair{a.i64(0), a.i64(1)});
      if (!fresh && it->second.first != h)
        return broken(ch, sq, "hai mốc neo ghi hai mã băm khác nhau cho cùng một bản ghi");
    }
  }
  // Heads kept outside the database: named like an anchor's, by "chain -1".
  for (auto& item : kept) {
    int64_t ch = 0, sq = 0;
    std::string h;
    if (!parse_head(item, ch, sq, h)) return broken(0, 0, "đầu chuỗi đã lưu không đọc được: " + item);
    auto [it, fresh] = named.try_emplace({ch, sq}, h, std::pair<int64_t, int64_t>{-1, 0});
    if (!fresh && it->second.first != h) return broken(ch, sq, "mã băm khác với đầu chuỗi đã lưu ngoài CSDL");
  }
  auto matched = named.size();
  size_t seen_named = 0;
  int64_t chain = -1, expect = 1;
  std::string prev;
  std::set<int64_t> walked;
  auto close_chain = [&]() -> bool {  // true when the chain's head matches its last record
    if (chain < 0) return true;
    auto& h = heads[chain];
    return h.first == expect - 1 && h.second == prev;
  };
  int64_t after_chain = -1, after_seq = 0;
  for (;;) {
    Params p{num(after_chain), num(after_chain), num(after_seq)};
    MC_ASSIGN(auto rows, c.query("SELECT chain, seq, at, actor, action, object, detail, prev_hash, hash FROM audit_log"
                                 " WHERE chain > ? OR (chain = ? AND seq > ?) ORDER BY chain, seq LIMIT 5000", p));
    if (rows.empty()) break;
    for (auto& row : rows) {
      AuditRec r{row.i64(1), row.i64(2), row.text(3), row.text(4), row.text(5), row.text(6), row.text(7), row.text(8),
                 row.i64(0)};
      if (r.chain != chain) {
        if (!close_chain())
          return broken(chain, expect, "đầu chuỗi không khớp bản ghi cuối (có bản ghi bị xoá)");
        if (!heads.count(r.chain)) return broken(r.chain, r.seq, "bản ghi thuộc một chuỗi không có đầu chuỗi");
        chain = r.chain;
        walked.insert(chain);
        expect = 1;
        prev = kGenesis;
        ++out.chains;
      }
      ++out.records;
      if (r.seq != expect) return broken(chain, expect, "thiếu bản ghi số " + std::to_string(expect));
      if (r.prev_hash != prev) return broken(chain, r.seq, "liên kết với bản ghi trước bị sai");
      if (audit_hash(r) != r.hash) return broken(chain, r.seq, "nội dung bản ghi đã bị sửa");
      if (auto it = named.find({r.chain, r.seq}); it != named.end()) {
        if (it->second.first != r.hash)
          return broken(chain, r.seq, "mã băm khác với " + source(it->second.second));
        ++seen_named;
      }
      prev = r.hash;
      ++expect;
      after_chain = r.chain;
      after_seq = r.seq;
    }
  }
  if (!close_chain()) return broken(chain, expect, "đầu chuỗi không khớp bản ghi cuối (có bản ghi bị xoá)");
  // A head that names records none of which is left: the whole chain was deleted.
  for (auto& [ch, h] : heads) {
    if (h.first > 0 && !walked.count(ch)) return broken(ch, 1, "đầu chuỗi ghi " + std::to_string(h.first) + " bản ghi, không còn bản ghi nào");
  }
  if (seen_named != matched) {
    for (auto& [k, v] : named) {
      bool found = false;
      // (re-checked by key: cheap, only on failure)
      Params p{num(k.first), num(k.second)};
      MC_ASSIGN(auto rows, c.query("SELECT 1 FROM audit_log WHERE chain = ? AND seq = ?", p));
      found = !rows.empty();
      if (!found)
        return broken(k.first, k.second,
                      source(v.second) + " ghi nhận bản ghi này, nay không còn (đuôi chuỗi bị cắt)");
    }
  }
  return out;
}

Status insert_outbox(Connection& c, const std::string& topic, const std::string& payload, Millis at,
                     const std::string& okey) {
  // The sink is the topic's prefix ("dvcqg.sync" → "dvcqg"): the relay's adapter for it.
  Params p{txt(topic), txt(payload), num(at), txt(topic.substr(0, topic.find('.'))), txt(okey), num(at)};
  MC_TRY(c.exec("INSERT INTO outbox (topic, payload, created_at, sink, okey, next_attempt_at) VALUES (?,?,?,?,?,?)", p));
  return ok_status();
}

// The month's figure of one agency, summed from the daily counters (store/kpi_repo.h).
Result<int64_t> get_kpi(Connection& c, const std::string& agency_id, const std::string& period, std::string_view column) {
  if (kpi_column_index(column) < 0) return make_error(ErrorKind::internal, "Không có bộ đếm " + std::string(column));
  Params p{txt(agency_id), txt(period + "-01"), txt(period + "-31")};
  MC_ASSIGN(auto rows, c.query("SELECT SUM(" + std::string(column) + ") FROM kpi_daily WHERE agency_id = ? AND day >= ?"
                               " AND day <= ?", p));
  return rows.empty() || rows[0].is_null(0) ? 0 : rows[0].i64(0);
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
