// kpi-verify over the living demo desk (a few hundred dossiers driven through the real use cases
// across the end of a quarter): the counters the transactions moved are exactly the recount; a
// tampered one is named and repaired; migration 017's backfill gives the same daily counters and
// the same stock "in progress" for every day, and kpi-verify --repair makes the rest exact.
#include "app/kpi/recount.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/demo_desk.h"
#include "store/kpi_repo.h"
#include "store/migrations.h"

namespace motcua::app {
namespace {

const Millis kNow = local_instant(Date{2026, 4, 20}, 10 * 60);

class Recount : public ::testing::Test {
 protected:
  static inline std::filesystem::path dir;
  static inline std::shared_ptr<ManualClock> clock;
  static inline std::unique_ptr<App> app;

  static void SetUpTestSuite() {
    dir = std::filesystem::temp_directory_path() / ("motcua-recount-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Config cfg;
    cfg.db = "sqlite:" + (dir / "t.db").string();
    cfg.seed_dir = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path().string() +
                   "/data/seed";
    cfg.files_dir = (dir / "files").string();
    cfg.synchronous_full = false;
    clock = std::make_shared<ManualClock>(kNow);
    auto opened = App::open(cfg, clock);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    app = std::move(opened).value();
    ASSERT_TRUE(app->seed().ok());
    DemoDeskOptions opt;
    opt.now = kNow;
    opt.weeks = 8;
    auto rep = fill_demo_desk(*app, *clock, opt);
    ASSERT_TRUE(rep.ok()) << rep.error().detail;
  }
  static void TearDownTestSuite() {
    app.reset();
    std::filesystem::remove_all(dir);
  }

  KpiCheck check(bool repair = false) {
    auto r = verify_kpi(app->db(), *app->calendar().current(), repair);
    EXPECT_TRUE(r.ok()) << r.error().detail;
    return r.ok() ? *r : KpiCheck{};
  }
  void exec(const std::string& script) {
    ASSERT_TRUE(app->db().write([&](sql::Connection& c) { return c.exec_script(script); }).ok()) << script;
  }
  template <class F>
  auto read(F f) {
    decltype(f(std::declval<sql::Connection&>()).value()) out{};
    EXPECT_TRUE(app->db().read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(out, f(c));
      return ok_status();
    }).ok());
    return out;
  }
  std::vector<kpi::Stock> stocks() {
    std::vector<kpi::Stock> out;
    for (Date d{2026, 2, 20}; d <= Date{2026, 4, 20}; d = add_days(d, 1)) {
      auto s = read([&](sql::Connection& c) { return store::stock_at(c, {}, format_date(d), false); });
      out.push_back(s.empty() ? kpi::Stock{} : kpi::Stock{s[0].in_progress, s[0].overdue});
    }
    return out;
  }
};

TEST_F(Recount, TheTransactionsCountedExactlyWhatTheDossiersSay) {
  KpiCheck r = check();
  EXPECT_GT(r.dossiers, 300);
  EXPECT_GT(r.daily_rows, 100);
  EXPECT_GT(r.due_rows, 100);
  EXPECT_TRUE(r.differences.empty()) << r.differences.front();
  // The stock crosses the quarter: dossiers open at the close of 31 March, some of them late.
  auto q1 = read([](sql::Connection& c) { return store::stock_at(c, {}, "2026-03-31", false); });
  ASSERT_EQ(q1.size(), 1u);
  EXPECT_GT(q1[0].in_progress, 0);
  EXPECT_GT(q1[0].overdue, 0);
}

TEST_F(Recount, ATamperedCounterIsNamedAndRepaired) {
  exec("UPDATE kpi_daily SET received = received + 5 WHERE rowid = (SELECT MIN(rowid) FROM kpi_daily)");
  KpiCheck r = check(/*repair=*/true);
  // The row itself, and its agency's rollup that no longer adds up to it.
  ASSERT_EQ(r.differences.size(), 2u);
  EXPECT_NE(r.differences[0].find("Tổng hợp theo cơ quan"), std::string::npos) << r.differences[0];
  EXPECT_NE(r.differences[1].find("Bộ đếm received"), std::string::npos) << r.differences[1];
  EXPECT_TRUE(r.repaired);
  EXPECT_TRUE(check().differences.empty());
}

TEST_F(Recount, MigrationBackfillMatchesTheTransactions) {
  auto daily = read([](sql::Connection& c) { return store::all_daily(c); });
  auto before = stocks();
  // The store as 016 left it, then 017 (and 020's counters) over the same dossiers.
  exec("DROP VIEW kpi_counters; DROP TABLE kpi_daily; DROP TABLE kpi_due; DROP TABLE kpi_agency_daily;"
       " DROP TABLE kpi_agency_due; DROP INDEX dossiers_competent_received;"
       " DROP INDEX dossiers_competent_resolved; CREATE TABLE kpi_counters (agency_id TEXT NOT NULL, period TEXT NOT"
       " NULL, metric TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (agency_id, period, metric));");
  for (const auto& m : store::embedded_migrations())
    if (std::string(m.engine) == "sqlite" && std::string(m.name).rfind("017", 0) == 0) exec(m.sql);
  // 020's population columns and their backfill (its last part) over the same dossiers.
  for (const auto& m : store::embedded_migrations())
    if (std::string(m.engine) == "sqlite" && std::string(m.name).rfind("020", 0) == 0) {
      const std::string sql = m.sql;
      exec(sql.substr(sql.find("-- kpi population_reused")));
    }
  // 033's received_digitised column and its backfill (its last part), likewise.
  for (const auto& m : store::embedded_migrations())
    if (std::string(m.engine) == "sqlite" && std::string(m.name).rfind("033", 0) == 0) {
      const std::string sql = m.sql;
      exec(sql.substr(sql.find("-- kpi received_digitised")));
    }
  auto after = read([](sql::Connection& c) { return store::all_daily(c); });
  ASSERT_EQ(after.size(), daily.size());
  for (size_t i = 0; i < daily.size(); ++i) {
    EXPECT_EQ(after[i].k, daily[i].k);
    EXPECT_EQ(after[i].v, daily[i].v) << daily[i].k.agency_id << " " << daily[i].k.day;
  }
  auto rollups = read([](sql::Connection& c) { return store::rollup_differences(c); });
  EXPECT_TRUE(rollups.empty()) << rollups.front();
  auto backfilled = stocks();
  ASSERT_EQ(backfilled.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(backfilled[i].in_progress, before[i].in_progress) << i;
  // Overdue from the backfill may differ where a pause moved a due day; the repair is exact.
  check(/*repair=*/true);
  EXPECT_EQ(stocks(), before);
  EXPECT_TRUE(check().differences.empty());
}

}  // namespace
}  // namespace motcua::app
