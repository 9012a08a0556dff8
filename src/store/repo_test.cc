// The repository on both engines: migrations, dossier codes under concurrency, the audit chain
// (tampering detected), optimistic locking. PostgreSQL runs when MOTCUA_TEST_PG is set
// (scripts/run_tests.sh starts a throw-away cluster).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <thread>

#include "store/dvcqg_repo.h"
#include "store/kpi_repo.h"
#include "store/kpi_synced_repo.h"
#include "store/kpi_rollup.h"
#include "store/kpi_step_repo.h"
#include "store/migrations.h"
#include "store/repo.h"

namespace motcua::store {
namespace {

class RepoTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    open_empty();
    if (HasFatalFailure() || IsSkipped()) return;
    auto st = migrate(*db_);
    ASSERT_TRUE(st.ok()) << st.error().detail << " " << st.error().code;
    ASSERT_TRUE(db_->write([](sql::Connection& c) { return insert_agency(c, agency_a1()); }).ok());
  }
  static AgencyRec agency_a1() {
    AgencyRec a;
    a.id = "a1";
    a.eid = "000.00.12.H51";
    a.name = "Sở Tư pháp";
    a.type = "department";
    return a;
  }
  // A store without any tables (a new SQLite file; PostgreSQL's public schema emptied).
  void open_empty() {
    if (db_) db_->close();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
    if (GetParam() == sql::Engine::sqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("motcua-repo-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(counter_++));
      std::filesystem::create_directories(dir_);
      sql::SqliteOptions o;
      o.path = (dir_ / "t.db").string();
      auto db = sql::Database::open_sqlite(o);
      ASSERT_TRUE(db.ok()) << db.error().detail;
      db_ = std::move(db).value();
    } else {
      const char* pg = std::getenv("MOTCUA_TEST_PG");
      if (!pg || !*pg) GTEST_SKIP() << "MOTCUA_TEST_PG not set";
      sql::PostgresOptions o;
      o.conninfo = pg;
      auto db = sql::Database::open_postgres(o);
      ASSERT_TRUE(db.ok()) << db.error().detail;
      db_ = std::move(db).value();
      ASSERT_TRUE(db_->write([](sql::Connection& c) {
                       return c.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
                     }).ok());
    }
  }
  void TearDown() override {
    if (db_) db_->close();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<sql::Database> db_;
  std::filesystem::path dir_;
  static inline std::atomic<int> counter_{0};
};

TEST_P(RepoTest, MigrationsAreIdempotent) {
  ASSERT_TRUE(migrate(*db_).ok());
  ASSERT_TRUE(db_->read([](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM schema_migrations"));
                   EXPECT_GE(rows[0].i64(0), 1);
                   return ok_status();
                 }).ok());
}

TEST_P(RepoTest, CodeSequenceIsUniqueUnderConcurrency) {
  std::vector<std::thread> ts;
  std::mutex mu;
  std::vector<int64_t> got;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        int64_t n = 0;
        auto st = db_->write([&](sql::Connection& c) -> Status {
          MC_ASSIGN(auto taken, take_code_seq(c, "a1", "2026-11-28", 9999));
          n = taken.value_or(0);
          return ok_status();
        });
        ASSERT_TRUE(st.ok());
        std::lock_guard lk(mu);
        got.push_back(n);
      }
    });
  for (auto& t : ts) t.join();
  std::set<int64_t> uniq(got.begin(), got.end());
  EXPECT_EQ(uniq.size(), 400u);
  EXPECT_EQ(*uniq.begin(), 1);
  EXPECT_EQ(*uniq.rbegin(), 400);
  // A new day starts again at 1.
  ASSERT_TRUE(db_->write([](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto n, take_code_seq(c, "a1", "2026-11-29", 9999));
                   EXPECT_EQ(n, std::optional<int64_t>(1));
                   return ok_status();
                 }).ok());
}

TEST_P(RepoTest, CodeSequenceStopsAtItsLimitWithoutTakingANumber) {
  auto take = [&](int64_t max) {
    std::optional<int64_t> n;
    EXPECT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(n, take_code_seq(c, "a1", "2026-11-30", max));
                     return ok_status();
                   }).ok());
    return n;
  };
  EXPECT_EQ(take(2), std::optional<int64_t>(1));
  EXPECT_EQ(take(2), std::optional<int64_t>(2));
  EXPECT_EQ(take(2), std::nullopt);  // the online quota, say: refused …
  EXPECT_EQ(take(2), std::nullopt);
  EXPECT_EQ(take(9999), std::optional<int64_t>(3));  // … and the counter still gets the next number
}

TEST_P(RepoTest, AuditChainDetectsTampering) {
  for (int i = 0; i < 20; ++i)
    ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                     auto r = append_audit(c, 1000 + i, "staff:a", "dossier.receive", "dossier:" + std::to_string(i), "{}");
                     return r.ok() ? ok_status() : Status(r.take_error());
                   }).ok());
  AuditCheck chk;
  auto verify = [&] {
    return db_->read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(chk, verify_audit(c));
      return ok_status();
    });
  };
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.records, 20);
  EXPECT_EQ(chk.first_broken, 0);
  EXPECT_EQ(chk.chains, 1);  // one writer at a time: one chain (chain 0 on SQLite, the backend's own on PostgreSQL)
  // Which chain the one connection appended to.
  int64_t chain = -1;
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query("SELECT DISTINCT chain FROM audit_log"));
                   chain = rows.at(0).i64(0);
                   return ok_status();
                 }).ok());
  if (GetParam() == sql::Engine::sqlite) EXPECT_EQ(chain, 0);
  std::vector<sql::Value> ch{chain};

  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(c.exec("UPDATE audit_log SET detail = '{\"x\":1}' WHERE chain = ? AND seq = 7", ch));
                   return ok_status();
                 }).ok());
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 7);
  EXPECT_EQ(chk.broken_chain, chain);

  // Rewriting the record's own hash is caught by the next record's link.
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query("SELECT seq, at, actor, action, object, detail, prev_hash, hash "
                                                "FROM audit_log WHERE chain = ? AND seq = 7", ch));
                   AuditRec r{rows[0].i64(0), rows[0].i64(1), rows[0].text(2), rows[0].text(3),
                              rows[0].text(4), rows[0].text(5), rows[0].text(6), "", chain};
                   std::vector<sql::Value> p{audit_hash(r), chain};
                   MC_TRY(c.exec("UPDATE audit_log SET hash = ? WHERE chain = ? AND seq = 7", p));
                   return ok_status();
                 }).ok());
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 8);

  // Deleting the last record is caught by the head (record 7 first restored to its original).
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query("SELECT seq, at, actor, action, object, prev_hash FROM audit_log "
                                                "WHERE chain = ? AND seq = 7", ch));
                   AuditRec r{rows[0].i64(0), rows[0].i64(1), rows[0].text(2), rows[0].text(3),
                              rows[0].text(4), "{}", rows[0].text(5), "", chain};
                   std::vector<sql::Value> p{audit_hash(r), chain};
                   MC_TRY(c.exec("UPDATE audit_log SET detail = '{}', hash = ? WHERE chain = ? AND seq = 7", p));
                   MC_TRY(c.exec("DELETE FROM audit_log WHERE chain = ? AND seq = 20", ch));
                   return ok_status();
                 }).ok());
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 20);
}

// Several chains: each checked on its own, tied together by anchors (every 256th record of a
// chain names the other chains' heads), so that cutting a chain's tail behind an anchor is
// caught even when its head row is rewritten to match; a chain deleted whole is caught by its
// head, and a head deleted with its chain by the anchors.
TEST_P(RepoTest, AuditChainsAreTiedByAnchors) {
  auto add = [&](int64_t chain, int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                       auto r = append_audit_to(c, chain, 5000 + i, "staff:b", "dossier.handover", "dossier:x", "{}");
                       return r.ok() ? ok_status() : Status(r.take_error());
                     }).ok());
  };
  add(0, 10);
  add(2, 10);
  add(1, kAuditAnchorEvery);  // its 256th record is followed by an anchor naming chains 0 and 2
  add(2, 5);
  AuditCheck chk;
  auto verify = [&] {
    return db_->read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(chk, verify_audit(c));
      return ok_status();
    });
  };
  auto sql = [&](const std::string& q) {
    ASSERT_TRUE(db_->write([&](sql::Connection& c) { return c.exec_script(q); }).ok()) << q;
  };
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 0) << chk.reason;
  EXPECT_EQ(chk.records, 10 + kAuditAnchorEvery + 1 + 15);
  EXPECT_EQ(chk.chains, 3);
  EXPECT_EQ(chk.anchors, 1);
  const std::string seal = chk.seal;
  const std::vector<std::string> kept = chk.heads;  // as `audit-verify --save-heads` keeps them
  EXPECT_EQ(kept.size(), 3u);
  add(0, 1);
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 0);
  EXPECT_NE(chk.seal, seal);
  auto verify_kept = [&] {
    return db_->read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(chk, verify_audit(c, kept));
      return ok_status();
    });
  };
  ASSERT_TRUE(verify_kept().ok());
  EXPECT_EQ(chk.first_broken, 0) << chk.reason;  // the log goes on from the kept heads

  // Chain 2's last 2 records cut, its head rewritten: no anchor names them, the kept heads do.
  sql("DELETE FROM audit_log WHERE chain = 2 AND seq > 13;"
      "UPDATE audit_chains SET seq = 13, hash = (SELECT hash FROM audit_log WHERE chain = 2 AND seq = 13) WHERE chain = 2;");
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.first_broken, 0) << "beyond the last anchor only the kept heads show a cut tail";
  ASSERT_TRUE(verify_kept().ok());
  EXPECT_EQ(chk.broken_chain, 2);
  EXPECT_EQ(chk.first_broken, 15);
  EXPECT_NE(chk.reason.find("ngoài CSDL"), std::string::npos) << chk.reason;

  // Chain 2 cut back to 5 records, its head rewritten to match: only the anchor (which named
  // record 10 of chain 2) shows it.
  sql("DELETE FROM audit_log WHERE chain = 2 AND seq > 5;"
      "UPDATE audit_chains SET seq = 5, hash = (SELECT hash FROM audit_log WHERE chain = 2 AND seq = 5) WHERE chain = 2;");
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.broken_chain, 2);
  EXPECT_EQ(chk.first_broken, 10);
  EXPECT_NE(chk.reason.find("mốc neo"), std::string::npos) << chk.reason;

  // A chain deleted whole, its head kept: caught by the head.
  sql("DELETE FROM audit_log WHERE chain = 2;");
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.broken_chain, 2);
  EXPECT_EQ(chk.first_broken, 1);

  // ... and its head with it: caught by the anchor.
  sql("DELETE FROM audit_chains WHERE chain = 2;");
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.broken_chain, 2);
  EXPECT_EQ(chk.first_broken, 10);

  // A record in a chain that has no head.
  sql("INSERT INTO audit_log (chain, seq, at, actor, action, object, detail, prev_hash, hash)"
      " VALUES (99, 1, 1, 'x', 'x', 'x', '{}', '0', '0');");
  ASSERT_TRUE(verify().ok());
  EXPECT_EQ(chk.broken_chain, 99);
}

// Concurrent writers on PostgreSQL append to different chains instead of waiting for one head;
// every chain stays whole.
TEST_P(RepoTest, ConcurrentAuditWritersUseSeveralChains) {
  if (GetParam() != sql::Engine::postgres) GTEST_SKIP() << "SQLite has one writer (chain 0)";
  std::vector<std::thread> ts;
  std::atomic<int> failed{0};
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        auto st = db_->write([&](sql::Connection& c) -> Status {
          auto r = append_audit(c, 1000 + i, "staff:t" + std::to_string(t), "dossier.intake", "dossier:y", "{}");
          if (!r.ok()) return Status(r.take_error());
          // Hold the head a moment, as a use case's other writes do.
          MC_TRY(c.exec_script("SELECT pg_sleep(0.002)"));
          return ok_status();
        });
        if (!st.ok()) ++failed;
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(failed.load(), 0);
  AuditCheck chk;
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(chk, verify_audit(c));
                   return ok_status();
                 }).ok());
  EXPECT_EQ(chk.first_broken, 0) << chk.reason;
  EXPECT_EQ(chk.records, 8 * 40);
  EXPECT_GT(chk.chains, 1);
}

TEST_P(RepoTest, OptimisticLockOnDossier) {
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  DossierRec d;
  d.id = "d1"; d.code = "000.00.12.H51-261128-0001"; d.procedure_id = "p1"; d.receiving_agency_id = "a1";
  d.competent_agency_id = "a1"; d.state = "submitted"; d.applicant_name = "Nguyễn Văn An";
  d.applicant_name_folded = "nguyen van an"; d.applicant_doc = "{}"; d.doc = "{}"; d.created_at = d.updated_at = 1;
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   return insert_dossier(c, d);
                 }).ok());
  DossierRec a = d, b = d;
  a.version = b.version = 2;
  a.state = "received";
  b.state = "refused";
  ASSERT_TRUE(db_->write([&](sql::Connection& c) { return update_dossier(c, a); }).ok());
  auto st = db_->write([&](sql::Connection& c) { return update_dossier(c, b); });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::conflict);
  std::optional<DossierRec> got;
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(got, get_dossier_by_code(c, d.code));
                   return ok_status();
                 }).ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->state, "received");
  EXPECT_EQ(got->applicant_name, "Nguyễn Văn An");
  DossierFilter f;
  f.agency_ids = {"a1"};
  f.search = "Nguyen";
  f.search_folded = "nguyen";
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto list, list_dossiers(c, f));
                   EXPECT_EQ(list.size(), 1u);
                   return ok_status();
                 }).ok());
}

// The portal's confirmations move the progress-published counter (migration 034) once per
// decision: not before the decision, once when a message carrying it is accepted (first delivery),
// never again for a repeat of that row, a later state, or an older row recorded late.
TEST_P(RepoTest, ConfirmedDecisionCountsOnceOnItsDay) {
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  DossierRec d;
  d.id = "d1"; d.code = "000.00.12.H51-261128-0001"; d.procedure_id = "p1"; d.receiving_agency_id = "a1";
  d.competent_agency_id = "a1"; d.state = "received"; d.applicant_name = "Nguyễn Văn An";
  d.applicant_name_folded = "nguyen van an"; d.applicant_doc = "{}"; d.doc = "{}"; d.created_at = d.updated_at = 1;
  d.received_at = 1'764'300'000'000;            // 2025-11-28 10:20 +07:00
  const Millis decided = 1'764'640'000'000;     // 2025-12-02 (local day)
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   return insert_dossier(c, d);
                 }).ok());
  auto record = [&](int64_t status, int64_t outbox, Millis dec) {
    ASSERT_TRUE(db_->write([&](sql::Connection& c) { return record_dvcqg_sync(c, "d1", d.code, status, outbox, 5, dec); }).ok());
  };
  auto progress = [&]() {
    std::vector<SyncedRow> fine, agency, recount;
    EXPECT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(fine, all_synced(c, SyncCounter::progress));
                     MC_ASSIGN(agency, all_agency_synced(c, SyncCounter::progress));
                     MC_ASSIGN(recount, recount_synced(c, SyncCounter::progress));
                     return ok_status();
                   }).ok());
    EXPECT_EQ(fine.size(), recount.size());
    for (size_t i = 0; i < std::min(fine.size(), recount.size()); ++i) EXPECT_EQ(fine[i].n, recount[i].n);
    std::map<std::string, int64_t> out;
    for (auto& r : fine) out[r.k.agency_id + "|" + r.k.day + "|" + r.k.procedure_id] += r.n;
    for (auto& r : agency) out[r.k.agency_id + "|" + r.k.day + "|*"] += r.n;
    return out;
  };
  record(2, 10, 0);   // received: nothing decided
  record(4, 11, 0);   // in progress
  EXPECT_TRUE(progress().empty());
  const std::map<std::string, int64_t> once{{"a1|2025-12-02|p1", 1}, {"a1|2025-12-02|*", 1}};
  record(9, 12, decided);  // the decision accepted
  EXPECT_EQ(progress(), once);
  record(9, 12, decided);  // the same row delivered again (a lease ran out)
  record(10, 13, decided);  // the result returned: a later state
  record(4, 11, 0);  // an older row recorded late
  EXPECT_EQ(progress(), once);
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto st, get_dvcqg_sync(c, "d1"));
                   EXPECT_EQ(st.decided_at, decided);
                   EXPECT_EQ(st.confirmed_status, 10);
                   EXPECT_EQ(st.messages, 6);
                   MC_ASSIGN(int64_t n, sum_synced(c, {"a1"}, "2025-12-01", "2025-12-31", "", "p1", SyncCounter::progress));
                   EXPECT_EQ(n, 1);
                   MC_ASSIGN(n, sum_synced(c, {"a1"}, "2025-11-01", "2025-11-30", "", "", SyncCounter::progress));
                   EXPECT_EQ(n, 0);  // counted on the decision's day, not the reception's
                   MC_ASSIGN(n, sum_synced(c, {"a1"}, "2025-11-01", "2025-11-30", "", ""));
                   EXPECT_EQ(n, 1);  // the synced counter: on the reception's day
                   return ok_status();
                 }).ok());
}

// The competent-agency index only holds dossiers received by another agency (migration 006):
// a queue still lists every dossier of the agency, by either column, once, in due order.
TEST_P(RepoTest, QueueFindsDossiersByEitherAgencyOnceInDueOrder) {
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  AgencyRec center;
  center.id = "center"; center.eid = "000.00.01.H51"; center.name = "Trung tâm Phục vụ hành chính công";
  center.type = "service_center";
  auto dossier = [](const char* id, const char* recv, const char* comp, Millis due) {
    DossierRec d;
    d.id = id; d.code = std::string("000.00.12.H51-261128-") + id; d.procedure_id = "p1";
    d.receiving_agency_id = recv; d.competent_agency_id = comp; d.state = "received";
    d.applicant_name = "Trần Thị Bình"; d.applicant_name_folded = "tran thi binh"; d.applicant_doc = "{}";
    d.doc = "{}"; d.created_at = d.updated_at = 1; d.due_at = due;
    return d;
  };
  // Own dossiers of a1, one received at the centre for a1, one of the centre's own.
  std::vector<DossierRec> all = {dossier("0001", "a1", "a1", 300), dossier("0002", "center", "a1", 100),
                                 dossier("0003", "a1", "a1", 200), dossier("0004", "center", "center", 50)};
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_agency(c, center));
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   for (auto& d : all) MC_TRY(insert_dossier(c, d));
                   return ok_status();
                 }).ok());
  auto ids = [&](std::vector<std::string> agencies) {
    DossierFilter f;
    f.agency_ids = std::move(agencies);
    f.states = {"received"};
    std::vector<std::string> out;
    EXPECT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(auto list, list_dossiers(c, f));
                     for (auto& d : list) out.push_back(d.id);
                     return ok_status();
                   }).ok());
    return out;
  };
  EXPECT_EQ(ids({"a1"}), (std::vector<std::string>{"0002", "0003", "0001"}));
  EXPECT_EQ(ids({"center"}), (std::vector<std::string>{"0004", "0002"}));
  EXPECT_EQ(ids({"a1", "center"}), (std::vector<std::string>{"0004", "0002", "0003", "0001"}));
}

// bench-fill's multi-row writes (more rows than one statement holds, so several statements and a
// remainder) store exactly what the one-row functions store: dossiers, history in order, and the
// counters with their agency rollups.
TEST_P(RepoTest, BulkWritesStoreWhatOneRowWritesStore) {
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  std::vector<DossierRec> ds;
  std::vector<EventRec> es;
  for (int i = 0; i < 1203; ++i) {
    DossierRec d;
    d.id = "b" + std::to_string(i); d.code = "000.00.12.H51-261128-5000-B" + std::to_string(i); d.procedure_id = "p1";
    d.receiving_agency_id = d.competent_agency_id = "a1"; d.channel = 1 + i % 3; d.state = i % 2 ? "received" : "submitted";
    d.owner_personal_id = i % 5 ? "051090001234" : ""; d.applicant_name = "Nguyễn Văn An";
    d.applicant_name_folded = "nguyen van an"; d.applicant_doc = "{}"; d.doc = "{\"n\":" + std::to_string(i) + "}";
    d.submitted_at = d.created_at = 1000 + i; d.received_at = i % 2 ? 2000 + i : 0; d.due_at = i % 2 ? 9000 + i : 0;
    d.updated_at = 3000 + i;
    ds.push_back(d);
    for (int k = 0; k < 2; ++k)
      es.push_back(EventRec{0, d.id, 1000 + i + k, "bench", k ? "receive" : "submit", k ? "submitted" : "",
                            k ? "received" : "submitted", "", k ? "{\"due_at\":1}" : ""});
  }
  std::vector<StepRec> sheets;
  std::vector<StepRow> step_rows;
  for (int i = 0; i < 2700; ++i) {  // past one statement's rows (30,000 / 12 parameters)
    StepRec s;
    s.dossier_id = ds[size_t(i % 1203)].id; s.step = 1 + i % 4; s.name = "Bước " + std::to_string(s.step);
    s.role = i % 2 ? "specialist" : "leader"; s.agency_id = "a1"; s.handed_by = "bench";
    s.started_at = 1000 + i; s.due_at = 5000 + i; s.finished_at = i % 3 ? 7000 + i : 0; s.timeliness = i % 3 ? "early" : "";
    sheets.push_back(s);
    StepRow r{StepKey{"a1", "2026-01-" + std::to_string(10 + i % 20), "p1", 1 + i % 4, "specialist", i % 2 ? "a1" : "a2"}, {}};
    r.t.n = 1; r.t.minutes = i % 500; r.t.hist[size_t(i % 9)] = 1;
    step_rows.push_back(r);
  }
  std::vector<DailyRow> daily;
  std::vector<DueRow> due;
  for (int i = 0; i < 1500; ++i) {
    DailyRow r;
    r.k = KpiKey{i % 2 ? "a1" : "a2", "2026-01-" + std::to_string(10 + i % 20), "p" + std::to_string(i / 40), 1 + i % 2};
    for (size_t c = 0; c < r.v.size(); ++c) r.v[c] = int64_t((i + c) % 4);
    daily.push_back(r);
    due.push_back(DueRow{r.k, i % 3 ? "2026-02-0" + std::to_string(1 + i % 9) : "", int64_t(i % 5) - 2});
  }
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   MC_TRY(insert_dossiers(c, ds));
                   MC_TRY(insert_events(c, es));
                   // The same counters twice: in bulk, then row by row; every row must be double.
                   MC_TRY(add_daily_rows(c, daily));
                   MC_TRY(add_due_rows(c, due));
                   for (auto& r : daily) MC_TRY(add_daily(c, r));
                   for (auto& r : due) MC_TRY(add_due(c, r.k, r.due_day, r.n));
                   MC_TRY(insert_steps(c, sheets));
                   MC_TRY(add_step_rows(c, step_rows));
                   for (auto& r : step_rows) MC_TRY(add_step_time(c, r.k, r.t.minutes, size_t(&r - &step_rows[0]) % 9));
                   return ok_status();
                 }).ok());
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   for (int i : {0, 499, 500, 1202}) {
                     MC_ASSIGN(auto got, get_dossier_by_code(c, ds[size_t(i)].code));
                     EXPECT_TRUE(got);
                     if (!got) continue;
                     const auto& d = ds[size_t(i)];
                     EXPECT_EQ(std::tie(got->id, got->channel, got->state, got->owner_personal_id, got->doc, got->received_at,
                                        got->due_at, got->updated_at),
                               std::tie(d.id, d.channel, d.state, d.owner_personal_id, d.doc, d.received_at, d.due_at,
                                        d.updated_at));
                   }
                   MC_ASSIGN(auto rows, c.query("SELECT dossier_id, action FROM dossier_events ORDER BY id"));
                   EXPECT_EQ(rows.size(), es.size());
                   for (size_t i = 0; i < rows.size() && i < es.size(); ++i)
                     if (rows[i].text(0) != es[i].dossier_id || rows[i].text(1) != es[i].action) {
                       ADD_FAILURE() << "history out of order at " << i;
                       break;
                     }
                   MC_ASSIGN(auto got_daily, all_daily(c));
                   std::map<KpiKey, std::array<int64_t, kKpiColumns.size()>> want;
                   std::map<std::tuple<std::string, std::string, int64_t>, int64_t> want_agency;
                   for (auto& r : daily) {
                     for (size_t k = 0; k < r.v.size(); ++k) want[r.k][k] += 2 * r.v[k];
                     want_agency[{r.k.agency_id, r.k.day, r.k.channel}] += 2 * r.v[0];
                   }
                   EXPECT_EQ(got_daily.size(), want.size());
                   for (auto& r : got_daily) EXPECT_EQ(r.v, want[r.k]);
                   MC_ASSIGN(auto agency, c.query("SELECT agency_id, day, channel, SUM(received) FROM kpi_agency_daily"
                                                      " GROUP BY agency_id, day, channel"));  // over the slots (PostgreSQL)
                   EXPECT_EQ(agency.size(), want_agency.size());
                   for (auto& r : agency)
                     EXPECT_EQ(r.i64(3), (want_agency[{r.text(0), r.text(1), r.i64(2)}]));
                   MC_ASSIGN(auto got_due, all_due(c));
                   std::map<std::pair<KpiKey, std::string>, int64_t> want_due;
                   std::map<std::tuple<std::string, std::string, std::string>, int64_t> want_agency_due;
                   for (auto& r : due) {
                     want_due[{r.k, r.due_day}] += 2 * r.n;
                     want_agency_due[{r.k.agency_id, r.k.day, r.due_day}] += 2 * r.n;
                   }
                   EXPECT_EQ(got_due.size(), want_due.size());
                   for (auto& r : got_due) EXPECT_EQ(r.n, (want_due[{r.k, r.due_day}]));
                   MC_ASSIGN(auto agency_due, c.query("SELECT agency_id, day, due_day, SUM(n) FROM kpi_agency_due"
                                                          " GROUP BY agency_id, day, due_day"));  // over the slots
                   EXPECT_EQ(agency_due.size(), want_agency_due.size());
                   for (auto& r : agency_due)
                     EXPECT_EQ(r.i64(3), (want_agency_due[{r.text(0), r.text(1), r.text(2)}]));
                   // The control sheets in order, as insert_step writes them.
                   MC_ASSIGN(auto got_sheets, steps_of_range(c, "", "~"));
                   EXPECT_EQ(got_sheets.size(), sheets.size());
                   std::multiset<std::tuple<std::string, int64_t, Millis, Millis, std::string>> want_sheets, have_sheets;
                   for (auto& s : sheets) want_sheets.insert({s.dossier_id, s.step, s.started_at, s.finished_at, s.timeliness});
                   for (auto& s : got_sheets) have_sheets.insert({s.dossier_id, s.step, s.started_at, s.finished_at, s.timeliness});
                   EXPECT_EQ(have_sheets, want_sheets);
                   // The step counters: bulk + one by one = each key twice.
                   MC_ASSIGN(auto got_steps, all_steps(c));
                   std::map<StepKey, StepCounts> want_steps;
                   for (auto& r : step_rows) {
                     auto& t = want_steps[r.k];
                     t.n += 2, t.minutes += 2 * r.t.minutes;
                     for (size_t h = 0; h < kStepHistColumns; ++h) t.hist[h] += 2 * r.t.hist[h];
                   }
                   EXPECT_EQ(got_steps.size(), want_steps.size());
                   for (auto& r : got_steps)
                     EXPECT_TRUE(r.t.n == want_steps[r.k].n && r.t.minutes == want_steps[r.k].minutes &&
                                 r.t.hist == want_steps[r.k].hist) << r.k.day << " step " << r.k.step;
                   // The province's sums per agency from the agency rollups = the fine rows' per agency.
                   MC_ASSIGN(auto by_agency, sum_daily_by_agency(c, "2026-01-12", "2026-01-25"));
                   MC_ASSIGN(auto fine, sum_daily(c, KpiFilter{}, "2026-01-12", "2026-01-25", true));
                   std::map<std::pair<std::string, int64_t>, std::array<int64_t, kKpiColumns.size()>> want_by_agency, have_by_agency;
                   for (auto& t : fine)
                     for (size_t k = 0; k < t.v.size(); ++k) want_by_agency[{t.agency_id, t.channel}][k] += t.v[k];
                   for (auto& t : by_agency) {
                     EXPECT_EQ(t.field, "");
                     have_by_agency[{t.agency_id, t.channel}] = t.v;
                   }
                   EXPECT_EQ(have_by_agency.size(), 2u);  // a1 on channel 2, a2 on channel 1
                   EXPECT_EQ(have_by_agency, want_by_agency);
                   return ok_status();
                 }).ok());
}

TEST(CodeSerial, DayAndNumberOfOurCodesZeroForOthers) {
  EXPECT_EQ(code_serial("000.00.12.H51-261128-0007"), 2611280007);
  EXPECT_EQ(code_serial("000.00.12.H51-991231-9999"), 9912319999);
  EXPECT_EQ(code_serial("-000101-0001"), 1010001);  // the shortest string of the form
  EXPECT_EQ(code_serial("000.00.12.H51-261128-5000-B17"), 0);  // bench_fill's synthetic codes
  EXPECT_EQ(code_serial("G22.98-240101-12345"), 0);            // a foreign system's code
  EXPECT_EQ(code_serial("000.00.12.H51-26112a-0001"), 0);
  EXPECT_EQ(code_serial("000.00.12.H51_261128-0001"), 0);
  EXPECT_EQ(code_serial("000101-0001"), 0);
  EXPECT_EQ(code_serial(""), 0);
}

// Migration 007 moves the code's uniqueness to (code_serial, code); on SQLite it rebuilds the
// dossiers table. Rows written before it keep their children and are found by code after it,
// the value computed in SQL is store::code_serial's, and a second dossier with a code already
// taken is still refused.
// Migration 010 keeps the single chain written before it as chain 0, verified as before, and
// appends go on from its head.
TEST_P(RepoTest, AuditChainsMigrationKeepsTheOldChain) {
  open_empty();
  auto older = migrate(*db_, "010");
  ASSERT_TRUE(older.ok()) << older.error().detail;
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {  // appends as before migration 010
                   for (int i = 1; i <= 5; ++i) {
                     MC_ASSIGN(auto h, c.query("SELECT seq, hash FROM audit_head WHERE id = 1"));
                     AuditRec r{h[0].i64(0) + 1, 100 + i, "staff:a", "dossier.intake", "dossier:o", "{}", h[0].text(1), ""};
                     r.hash = audit_hash(r);
                     MC_TRY(c.exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                                   std::vector<sql::Value>{r.seq, r.hash}));
                     MC_TRY(c.exec("INSERT INTO audit_log (seq, at, actor, action, object, detail, prev_hash, hash)"
                                   " VALUES (?,?,?,?,?,?,?,?)",
                                   std::vector<sql::Value>{r.seq, r.at, r.actor, r.action, r.object, r.detail,
                                                           r.prev_hash, r.hash}));
                   }
                   return ok_status();
                 }).ok());
  auto st = migrate(*db_);
  ASSERT_TRUE(st.ok()) << st.error().detail;
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   auto r = append_audit_to(c, 0, 200, "staff:a", "dossier.receive", "dossier:o", "{}");
                   if (!r.ok()) return Status(r.take_error());
                   EXPECT_EQ(r->seq, 6);
                   return ok_status();
                 }).ok());
  AuditCheck chk;
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(chk, verify_audit(c));
                   return ok_status();
                 }).ok());
  EXPECT_EQ(chk.first_broken, 0) << chk.reason;
  EXPECT_EQ(chk.records, 6);
  EXPECT_EQ(chk.chains, 1);
}

TEST_P(RepoTest, CodeSerialMigrationKeepsDossiersFindableAndUnique) {
  open_empty();
  auto older = migrate(*db_, "007");
  ASSERT_TRUE(older.ok()) << older.error().detail;
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  const std::vector<std::string> codes = {"000.00.12.H51-261128-0001", "000.00.12.H51-261128-5000-B17",
                                          "HS-NGOAI-42", "000.00.12.H51-261129-0001"};
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_agency(c, agency_a1()));
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   for (size_t i = 0; i < codes.size(); ++i) {
                     std::string id = "d" + std::to_string(i);
                     MC_TRY(c.exec("INSERT INTO dossiers (id, code, procedure_id, receiving_agency_id,"
                                   " competent_agency_id, channel, state, applicant_name, applicant_name_folded,"
                                   " applicant_doc, created_at, updated_at, doc)"
                                   " VALUES (?, ?, 'p1', 'a1', 'a1', 1, 'received', 'Lê Văn C', 'le van c',"
                                   " '{}', 1, 1, '{}')", std::vector<sql::Value>{id, codes[i]}));
                     MC_TRY(c.exec("INSERT INTO dossier_events (dossier_id, at, actor, action, to_state)"
                                   " VALUES (?, 1, 'staff:x', 'dossier.receive', 'received')", std::vector<sql::Value>{id}));
                   }
                   return ok_status();
                 }).ok());
  auto st = migrate(*db_);
  ASSERT_TRUE(st.ok()) << st.error().detail;
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   for (size_t i = 0; i < codes.size(); ++i) {
                     MC_ASSIGN(auto d, get_dossier_by_code(c, codes[i]));
                     EXPECT_TRUE(d && d->id == "d" + std::to_string(i)) << codes[i];
                     MC_ASSIGN(auto rows, c.query("SELECT code_serial FROM dossiers WHERE id = ?",
                                                  std::vector<sql::Value>{"d" + std::to_string(i)}));
                     EXPECT_EQ(rows.at(0).i64(0), code_serial(codes[i])) << codes[i];
                   }
                   MC_ASSIGN(auto n, c.query("SELECT COUNT(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"));
                   EXPECT_EQ(n.at(0).i64(0), 4);
                   return ok_status();
                 }).ok());
  // The children still reference the rebuilt table, and the code is still unique.
  ASSERT_TRUE(db_->write([](sql::Connection& c) {
                   return c.exec_script("INSERT INTO dossier_events (dossier_id, at, actor, action, to_state)"
                                        " VALUES ('d0', 2, 'staff:x', 'dossier.assign', 'in_progress')");
                 }).ok());
  EXPECT_FALSE(db_->write([](sql::Connection& c) {
                    return c.exec_script("INSERT INTO dossier_events (dossier_id, at, actor, action, to_state)"
                                         " VALUES ('nobody', 2, 'staff:x', 'dossier.assign', 'in_progress')");
                  }).ok());
  DossierRec dup;
  dup.id = "d9"; dup.code = codes[0]; dup.procedure_id = "p1"; dup.receiving_agency_id = "a1";
  dup.competent_agency_id = "a1"; dup.state = "received"; dup.applicant_name = "Lê Văn D";
  dup.applicant_name_folded = "le van d"; dup.applicant_doc = "{}"; dup.doc = "{}"; dup.created_at = dup.updated_at = 2;
  EXPECT_FALSE(db_->write([&](sql::Connection& c) { return insert_dossier(c, dup); }).ok());
  dup.code = codes[2];
  EXPECT_FALSE(db_->write([&](sql::Connection& c) { return insert_dossier(c, dup); }).ok());
  dup.code = "000.00.12.H51-261128-0002";
  EXPECT_TRUE(db_->write([&](sql::Connection& c) { return insert_dossier(c, dup); }).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, RepoTest, ::testing::Values(sql::Engine::sqlite, sql::Engine::postgres),
                         [](const auto& info) { return info.param == sql::Engine::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace motcua::store
