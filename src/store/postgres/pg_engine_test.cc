// PostgreSQL-only behaviour: retries on serialization failure, reconnection after a lost
// connection, session settings.
#include <gtest/gtest.h>

#include <atomic>

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
