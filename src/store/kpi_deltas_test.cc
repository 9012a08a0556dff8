// The KPI delta collector (store/kpi_deltas.h): merged per row, written in one fixed order, only
// at the job's end, dropped with a failing job; on both engines (PostgreSQL when MOTCUA_TEST_PG
// is set).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "store/kpi_deltas.h"
#include "store/kpi_step_repo.h"
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
  const StepKey s2{"a1", "2026-12-05", "p9", 2, "specialist", "a1"}, s3{"a1", "2026-12-05", "p9", 3, "leader", "a1"};
  ASSERT_TRUE(d.add_step(s3, 30, 0).ok());
  ASSERT_TRUE(d.add_step(s2, 600, 2).ok());
  ASSERT_TRUE(d.add_step(s2, 0, 0).ok());
  EXPECT_FALSE(d.add_step(s2, 0, kStepHistColumns).ok());
  auto rows = d.rows();
  ASSERT_EQ(rows.size(), 3u + 3u + 2u + 2u + 2u);
  // kpi_step after kpi_due, by key, merged per row (then the rollups, shifted by two).
  EXPECT_EQ(rows[6].table, Table::step);
  EXPECT_EQ(rows[6].sk, s2);
  EXPECT_EQ(rows[6].st.n, 2);
  EXPECT_EQ(rows[6].st.minutes, 600);
  EXPECT_EQ(rows[6].st.hist[0], 1);
  EXPECT_EQ(rows[6].st.hist[2], 1);
  EXPECT_EQ(rows[7].sk, s3);
  rows.erase(rows.begin() + 6, rows.begin() + 8);
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

// The engine's Database, not owned: the fixture wraps it again with another slot count.
class Borrowed final : public sql::Database {
 public:
  explicit Borrowed(sql::Database& db) : db_(db) {}
  Status write(const Job& job) override { return db_.write(job); }
  Status read(const Job& job) override { return db_.read(job); }
  sql::Engine engine() const override { return db_.engine(); }
  sql::WriteStats stats() const override { return db_.stats(); }
  void close() override {}

 private:
  sql::Database& db_;
};

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
    raw_ = std::move(raw);
    use_slots(kKpiSlots);
  }
  void use_slots(int slots) { db_ = defer_kpi_writes(std::make_unique<Borrowed>(*raw_), slots); }
  void TearDown() override {
    db_.reset();
    if (raw_) raw_->close();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  bool pg() const { return GetParam() == sql::Engine::postgres; }
  int64_t scalar(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(auto rows, c.query(sql));
                     n = rows.empty() || rows[0].is_null(0) ? 0 : rows[0].i64(0);
                     return ok_status();
                   }).ok());
    return n;
  }
  std::unique_ptr<sql::Database> raw_, db_;
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
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_daily WHERE agency_id = 'a1' AND procedure_id = 'p1'"), 2);
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_agency_daily WHERE agency_id = 'a1' AND channel = 1"), 2);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_due WHERE due_day = '2026-12-20'"), 1);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_agency_due WHERE due_day = '2026-12-20'"), 1);
  // A second job adds to the same rows.
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(kpi_deltas_of(c)->add_daily(k, "received"));
                   kpi_deltas_of(c)->add_due(k, "2026-12-20", -1);
                   return ok_status();
                 }).ok());
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_daily WHERE agency_id = 'a1'"), 3);
  EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_agency_daily WHERE agency_id = 'a1'"), 3);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_due WHERE due_day = '2026-12-20'"), 0);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_agency_due WHERE due_day = '2026-12-20'"), 0);
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

// Writers adding the same rows in opposite orders never deadlock (the flush orders them by
// table, key and slot) and lose no increment. With one slot every writer shares every row, so
// only the order keeps them from deadlocking; with eight (PostgreSQL) they share a row only when
// their connections' slots meet.
void opposite_orders(sql::Database& db, std::atomic<int>& failed) {
  const KpiKey x{"a1", "2026-12-05", "p1", 1}, y{"a2", "2026-12-05", "p2", 1};
  std::vector<std::thread> ts;
  for (int t = 0; t < 6; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        auto st = db.write([&](sql::Connection& c) -> Status {
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
}

TEST_P(KpiDeltasDb, ConcurrentJobsInOppositeOrdersAddUp) {
  for (int slots : {1, kKpiSlots}) {
    SCOPED_TRACE("slots " + std::to_string(slots));
    use_slots(slots);
    std::atomic<int> failed{0};
    opposite_orders(*db_, failed);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(db_->stats().retries, 0);  // no deadlock was retried
    const int64_t rounds = slots == 1 ? 1 : 2;
    EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_daily"), rounds * 2 * 6 * 40);
    EXPECT_EQ(scalar("SELECT SUM(received) FROM kpi_agency_daily"), rounds * 2 * 6 * 40);
    EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_agency_due"), rounds * 2 * 6 * 40);
    if (slots == 1 && pg()) { EXPECT_EQ(scalar("SELECT MAX(slot) FROM kpi_daily"), 0); }
  }
}

// One key written from every slot: each reader sums over them, so every figure is the one a
// single row gives; kpi-verify's readers see one row per key, and a repair leaves slot 0 only.
TEST_P(KpiDeltasDb, EveryReaderSumsOverSlots) {
  const KpiKey k{"a1", "2026-12-05", "p1", 1};
  const StepKey sk{"a1", "2026-12-05", "p1", 2, "specialist", "a1"};
  for (int s = 0; s < kKpiSlots; ++s)
    ASSERT_TRUE(raw_->write([&](sql::Connection& c) -> Status {
                       KpiDeltas d;
                       MC_TRY(d.add_daily(k, "received"));
                       MC_TRY(d.add_daily(k, "resolved", s));
                       d.add_due(k, "2026-12-20", 1);
                       MC_TRY(d.add_step(sk, 60, 1));
                       return d.flush(c, KpiSlot{pg(), s});
                     }).ok());
  const int64_t rows_per_key = pg() ? kKpiSlots : 1;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_daily"), rows_per_key);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_agency_due"), rows_per_key);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_step"), rows_per_key);
  const int64_t resolved = kKpiSlots * (kKpiSlots - 1) / 2;  // 0 + 1 + … + 7
  ASSERT_TRUE(raw_->read([&](sql::Connection& c) -> Status {
                     // The dashboards' reads: by agency (the rollup) and by procedure (the fine rows).
                     for (const KpiFilter& f : {KpiFilter{"a1", "", "", ""}, KpiFilter{"", "", "", "p1"}}) {
                       MC_ASSIGN(auto sums, sum_daily(c, f, "2026-12-01", "2026-12-31", false));
                       EXPECT_EQ(sums.size(), 1u);
                       if (!sums.empty()) {
                         EXPECT_EQ(sums[0].v[kReceived], kKpiSlots);
                         EXPECT_EQ(sums[0].v[kResolved], resolved);
                       }
                       MC_ASSIGN(auto stock, stock_at(c, f, "2026-12-21", false));
                       EXPECT_EQ(stock.size(), 1u);
                       if (!stock.empty()) {
                         EXPECT_EQ(stock[0].in_progress, kKpiSlots);
                         EXPECT_EQ(stock[0].overdue, kKpiSlots);
                       }
                     }
                     MC_ASSIGN(auto steps, sum_steps(c, KpiFilter{"a1", "", "", ""}, "2026-12-01", "2026-12-31"));
                     EXPECT_EQ(steps.size(), 1u);
                     if (!steps.empty()) { EXPECT_EQ(steps[0].t.minutes, 60 * kKpiSlots); }
                     // kpi-verify's reads: one row per key, summed.
                     MC_ASSIGN(auto daily, all_daily(c));
                     EXPECT_EQ(daily.size(), 1u);
                     if (!daily.empty()) { EXPECT_EQ(daily[0].v[kResolved], resolved); }
                     MC_ASSIGN(auto due, all_due(c));
                     EXPECT_EQ(due.size(), 1u);
                     if (!due.empty()) { EXPECT_EQ(due[0].n, kKpiSlots); }
                     MC_ASSIGN(auto all_st, all_steps(c));
                     EXPECT_EQ(all_st.size(), 1u);
                     if (!all_st.empty()) {
                       EXPECT_EQ(all_st[0].t.n, kKpiSlots);
                       EXPECT_EQ(all_st[0].t.hist[1], kKpiSlots);
                     }
                     MC_ASSIGN(auto diffs, rollup_differences(c));
                     EXPECT_TRUE(diffs.empty()) << (diffs.empty() ? "" : diffs[0]);
                     return ok_status();
                   }).ok());
  // The repair writes what it read back, on slot 0, and clears the other slots.
  ASSERT_TRUE(raw_->write([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(auto daily, all_daily(c));
                     MC_ASSIGN(auto due, all_due(c));
                     MC_ASSIGN(auto steps, all_steps(c));
                     MC_TRY(replace_kpi(c, daily, due));
                     return replace_steps(c, steps);
                   }).ok());
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_daily"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_agency_daily"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_due"), 1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM kpi_step"), 1);
  EXPECT_EQ(scalar("SELECT SUM(resolved) FROM kpi_agency_daily"), resolved);
  EXPECT_EQ(scalar("SELECT SUM(n) FROM kpi_agency_due"), kKpiSlots);
  if (pg()) { EXPECT_EQ(scalar("SELECT MAX(slot) FROM kpi_daily") + scalar("SELECT MAX(slot) FROM kpi_step"), 0); }
}

INSTANTIATE_TEST_SUITE_P(Engines, KpiDeltasDb, ::testing::Values(sql::Engine::sqlite, sql::Engine::postgres),
                         [](const auto& info) { return info.param == sql::Engine::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace motcua::store
