// PostgreSQL-only behaviour: retries on serialization failure, reconnection after a lost
// connection, session settings.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "store/postgres/pg_database.h"
#include "store/sql/test_support.h"

namespace motcua::sql::pg {
namespace {

using Params = std::vector<Value>;

class PgEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    auto ci = sqltest::pg_conninfo(&why);
    if (!ci) GTEST_SKIP() << "PostgreSQL unavailable: " << why;
    conninfo_ = *ci;
  }
  std::unique_ptr<PgDatabase> open(int pool) {
    auto r = PgDatabase::open(PostgresOptions{conninfo_, pool});
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(r).value() : nullptr;
  }
  std::string conninfo_;
};

TEST_F(PgEngine, SessionIsUtcAndUtf8) {
  auto db = open(1);
  ASSERT_TRUE(db);
  std::string tz, enc;
  ASSERT_TRUE(db->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT current_setting('TimeZone'), current_setting('client_encoding')", {}));
    tz = r.at(0).text(0);
    enc = r.at(0).text(1);
    return ok_status();
  }).ok());
  EXPECT_EQ(tz, "UTC");
  EXPECT_EQ(enc, "UTF8");
}

// Each session claims the lowest number no other live session of the database holds, so the
// connections of every process are numbered apart (the KPI counter slots use it); a number is
// free again once its session ends.
TEST_F(PgEngine, SessionsAreNumberedApart) {
  std::vector<std::unique_ptr<PgConn>> conns;
  std::set<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto c = PgConn::connect(conninfo_);
    ASSERT_TRUE(c.ok()) << c.error().detail;
    ids.insert((*c)->session_id());
    conns.push_back(std::move(c).value());
  }
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_LT(*ids.rbegin(), 64);  // small numbers, not pids
  const int64_t freed = conns[2]->session_id();
  conns[2].reset();
  // The server ends the old session a moment after the client left: try for up to 5 s.
  int64_t got = -1;
  for (int attempt = 0; attempt < 100 && got != freed; ++attempt) {
    if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto again = PgConn::connect(conninfo_);
    ASSERT_TRUE(again.ok());
    got = (*again)->session_id();
  }
  EXPECT_EQ(got, freed);
}

TEST_F(PgEngine, SerializationFailureIsRetried) {
  auto db = open(2);
  ASSERT_TRUE(db);
  std::atomic<int> attempts{0};
  Status st = db->write([&](Connection& c) -> Status {
    if (attempts++ < 2)
      return c.exec_script(
          "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure'; END $$");
    return ok_status();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(attempts.load(), 3);
  EXPECT_EQ(db->stats().retries, 2);

  attempts = 0;
  st = db->write([&](Connection& c) -> Status {
    ++attempts;
    return c.exec_script(
        "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'deadlock_detected'; END $$");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(attempts.load(), PgDatabase::kMaxAttempts);
}

TEST_F(PgEngine, ReconnectsAfterTheServerDropsTheConnection) {
  auto victim = open(1);
  auto killer = open(1);
  ASSERT_TRUE(victim && killer);
  int64_t pid = 0;
  ASSERT_TRUE(victim->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT pg_backend_pid()", {}));
    pid = r.at(0).i64(0);
    return ok_status();
  }).ok());
  ASSERT_TRUE(killer->write([&](Connection& c) -> Status {
    MC_TRY(c.query("SELECT pg_terminate_backend(CAST(? AS INTEGER))", Params{pid}));
    return ok_status();
  }).ok());
  // The next transaction notices at BEGIN, reconnects and runs.
  int64_t pid2 = 0;
  Status st = victim->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT pg_backend_pid()", {}));
    pid2 = r.at(0).i64(0);
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  EXPECT_NE(pid2, pid);
}

}  // namespace
}  // namespace motcua::sql::pg
