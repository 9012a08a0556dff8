// The KPI delta collector (store/kpi_deltas.h): merged per row, written in one fixed order, only
// at the job's end, dropped with a failing job; on both engines (PostgreSQL when MOTCUA_TEST_PG
// is set).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "store/kpi_deltas.h"
#include "store/migrations.h"

namespace motcua::store {
namespace {

using Table = KpiDeltas::Table;
constexpr size_t kReceived = 0, kResolved = 1;  // kKpiColumns order

TEST(KpiDeltas, MergesPerRowAndOrdersByTableThenKey) {
  KpiDeltas d;
  const KpiKey b{"a2", "2026-12-05", "p1", 1}, a{"a1", "2026-12-05", "p9", 2}, a_p2{"a1", "2026-12-05", "p2", 2};
  ASSERT_TRUE(d.add_daily(b, "received").ok());
  ASSERT_TRUE(d.add_daily(a, "resolved").ok());
  ASSERT_TRUE(d.add_daily(a, "resolved").ok());
  ASSERT_TRUE(d.add_daily(a_p2, "received").ok());
  EXPECT_FALSE(d.add_daily(a, "no_such_column").ok());
  d.add_due(b, "", 1);
  d.add_due(b, "", -1);          // a move out and back in: nothing to write
  d.add_due(a, "2026-12-20", 1);
  d.add_due(a_p2, "2026-12-20", 1);
  d.add_due(a, "", -1);
  auto rows = d.rows();
  ASSERT_EQ(rows.size(), 3u + 3u + 2u + 2u);
  // kpi_daily by key: a1/p2, a1/p9, a2/p1.
  EXPECT_EQ(rows[0].table, Table::daily);
  EXPECT_EQ(rows[0].k, a_p2);
  EXPECT_EQ(rows[1].k, a);
  EXPECT_EQ(rows[1].v[kResolved], 2);
  EXPECT_EQ(rows[2].k, b);
  EXPECT_EQ(rows[2].v[kReceived], 1);
  // kpi_due by (key, due day); b's zero row is left out.
  EXPECT_EQ(rows[3].table, Table::due);
  EXPECT_EQ(rows[3].k, a_p2);
  EXPECT_EQ(rows[4].k, a);
  EXPECT_EQ(rows[4].due_day, "");
  EXPECT_EQ(rows[4].n, -1);
  EXPECT_EQ(rows[5].k, a);
  EXPECT_EQ(rows[5].due_day, "2026-12-20");
  // The agency rollups last, summed over procedures.
  EXPECT_EQ(rows[6].table, Table::agency_daily);
  EXPECT_EQ(rows[6].k, (KpiKey{"a1", "2026-12-05", "", 2}));
  EXPECT_EQ(rows[6].v[kReceived], 1);
  EXPECT_EQ(rows[6].v[kResolved], 2);
  EXPECT_EQ(rows[7].k.agency_id, "a2");
  EXPECT_EQ(rows[8].table, Table::agency_due);
  EXPECT_EQ(rows[8].due_day, "");
  EXPECT_EQ(rows[8].n, -1);
  EXPECT_EQ(rows[9].due_day, "2026-12-20");
  EXPECT_EQ(rows[9].n, 2);
}

class KpiDeltasDb : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    std::unique_ptr<sql::Database> raw;
    if (GetParam() == sql::Engine::sqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("motcua-kpid-" + std::to_string(::getpid()));
      std::filesystem::create_directories(dir_);
      sql::SqliteOptions o;
      o.path = (dir_ / "t.db").string();
      auto db = sql::Database::open_sqlite(o);
      ASSERT_TRUE(db.ok()) << db.error().detail;
      raw = std::move(db).value();
    } else {
      const char* pg = std::getenv("MOTCUA_TEST_PG");
      if (!pg || !*pg) GTEST_SKIP() << "MOTCUA_TEST_PG not set";
      sql::PostgresOptions o;
      o.conninfo = pg;
      auto db = sql::Database::open_postgres(o);
      ASSERT_TRUE(db.ok()) << db.error().detail;
      raw = std::move(db).value();
      ASSERT_TRUE(raw->write([](sql::Connection& c) {
                       return c.exec_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
                     }).ok());
    }
    auto st = migrate(*raw);
    ASSERT_TRUE(st.ok()) << st.error().detail;
    db_ = defer_kpi_writes(std::move(raw));
  }
  void TearDown() override {
    if (db_) db_->close();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  int64_t scalar(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(auto rows, c.query(sql));
                     n = rows.empty() || rows[0].is_null(0) ? 0 : rows[0].i64(0);
                     return ok_status();
                   }).ok());
    return n;
  }
  std::unique_ptr<sql::Database> db_;
  std::filesystem::path dir_;
};

TEST_P(KpiDeltasDb, WrittenOnlyAtTheJobsEnd) {
  const KpiKey k{"a1", "2026-12-05", "p1", 1};
  auto st = db_->write([&](sql::Connection& c) -> Status {
    KpiDeltas* d = kpi_deltas_of(c);
    if (!d) return make_error(ErrorKind::internal, "no deltas bound");
    MC_TRY(d->add_daily(k, "received"));
    MC_TRY(d->add_daily(k, "received"));
    d->add_due(k, "2026-12-20", 1);
    // Nothing is written while the job runs: the counter rows are not locked yet.
    MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM kpi_daily"));
    EXPECT_EQ(rows[0].i64(0), 0);
    MC_ASSIGN(auto due, c.query("SELECT COUNT(*) FROM kpi_agency_due"));
    EXPECT_EQ(due[0].i64(0), 0);
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().detail;
  EXPECT_EQ(scalar("SELECT received FROM kpi_daily WHERE agency_id = 'a1' AND procedure_id = 'p1'"), 2);
  EXPECT_EQ(scalar("SELECT received FROM kpi_agency_daily WHERE agency_id = 'a1' AND channel = 1"), 2);
  EXPECT_EQ(scalar("SELECT n FROM kpi_due WHERE due_day = '2026-12-20'"), 1);
  EXPECT_EQ(scalar("SELECT n FROM kpi_agency_due WHERE due_day = '2026-12-20'"), 1);
  // A second job adds to the same rows.
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(kpi_deltas_of(c)->add_daily(k, "received"));
                   kpi_deltas_of(c)->add_due(k, "2026-12-20", -1);
                   return ok_status();
                 }).ok());
  EXPECT_EQ(scalar("SELECT received FROM kpi_daily WHERE agency_id = 'a1'"), 3);
  EXPECT_EQ(scalar("SELECT received FROM kpi_agency_daily WHERE agency_id = 'a1'"), 3);
  EXPECT_EQ(scalar("SELECT n FROM kpi_due WHERE due_day = '2026-12-20'"), 0);
  EXPECT_EQ(scalar("SELECT n FROM kpi_agency_due WHERE due_day = '2026-12-20'"), 0);
}

TEST_P(KpiDeltasDb, AFailingJobWritesNoCounter) {
  const KpiKey k{"a1", "2026-12-05", "p1", 1};
  auto st = db_->write([&](sql::Connection& c) -> Status {
    MC_TRY(kpi_deltas_of(c)->add_daily(k, "received"));
    kpi_deltas_of(c)->add_due(k, "", 1);
    return make_error(ErrorKind::conflict, "refused");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_daily"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_agency_daily"), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_due"), 0);
}

TEST_P(KpiDeltasDb, NoDeltasOutsideAWriteJob) {
  ASSERT_TRUE(db_->read([](sql::Connection& c) -> Status {
                   EXPECT_EQ(kpi_deltas_of(c), nullptr);
                   return ok_status();
                 }).ok());
}

// Writers adding the same rows in opposite orders never deadlock (the flush orders them) and
// lose no increment.
TEST_P(KpiDeltasDb, ConcurrentJobsInOppositeOrdersAddUp) {
  const KpiKey x{"a1", "2026-12-05", "p1", 1}, y{"a2", "2026-12-05", "p2", 1};
  std::atomic<int> failed{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 6; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        auto st = db_->write([&](sql::Connection& c) -> Status {
          KpiDeltas* d = kpi_deltas_of(c);
          const KpiKey& first = t % 2 ? x : y;
          const KpiKey& second = t % 2 ? y : x;
          MC_TRY(d->add_daily(first, "received"));
          d->add_due(first, "", 1);
          MC_TRY(d->add_daily(second, "received"));
          d->add_due(second, "", 1);
          return ok_status();
        });
        if (!st.ok()) ++failed;
      }
    });
  for (auto& th : ts) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(db_->stats().retries, 0);  // no deadlock was retried
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_daily"), 2 * 6 * 40);
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_agency_daily"), 2 * 6 * 40);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_agency_due"), 2 * 6 * 40);
}

INSTANTIATE_TEST_SUITE_P(Engines, KpiDeltasDb, ::testing::Values(sql::Engine::sqlite, sql::Engine::postgres),
                         [](const auto& info) { return info.param == sql::Engine::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace motcua::store
