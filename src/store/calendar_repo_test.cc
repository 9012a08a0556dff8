// The calendar's years (migration 009) and the dossiers due in a span, on both engines.
// PostgreSQL runs when MOTCUA_TEST_PG is set (a throw-away cluster: the public schema is emptied).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "store/migrations.h"
#include "store/repo.h"

namespace motcua::store {
namespace {

class CalendarRepoTest : public ::testing::TestWithParam<sql::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == sql::Engine::sqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("motcua-calrepo-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
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

TEST_P(CalendarRepoTest, Migration009RecordsOfficialYearsAndDropsRuleRows) {
  ASSERT_TRUE(migrate(*db_, "009").ok());
  ASSERT_TRUE(db_->write([](sql::Connection& c) -> Status {
                   MC_TRY(put_calendar_day(c, CalendarDayRec{"2024-02-09", false, "Tết Nguyên đán", "rule"}, "seed", 1));
                   MC_TRY(put_calendar_day(c, CalendarDayRec{"2025-01-27", false, "Tết Nguyên đán", "official"}, "seed", 1));
                   MC_TRY(put_calendar_day(c, CalendarDayRec{"2025-04-26", true, "Làm bù", "official"}, "seed", 1));
                   MC_TRY(put_calendar_day(c, CalendarDayRec{"2026-02-16", false, "Tết Nguyên đán", "official"}, "seed", 1));
                   MC_TRY(put_calendar_day(c, CalendarDayRec{"2027-09-03", false, "Quốc khánh", "admin"}, "staff:a", 2));
                   return put_calendar_day(c, CalendarDayRec{"2028-01-01", false, "Tết Dương lịch", "rule"}, "seed", 1);
                 }).ok());
  auto st = migrate(*db_);
  ASSERT_TRUE(st.ok()) << st.error().detail;
  ASSERT_TRUE(db_->read([](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto years, list_calendar_years(c));
                   EXPECT_EQ(years.size(), 2u);
                   if (years.size() == 2) {
                     EXPECT_EQ(years[0].year, 2025);
                     EXPECT_EQ(years[1].year, 2026);
                     EXPECT_EQ(years[0].decided_by, "migration 009");
                   }
                   MC_ASSIGN(auto days, list_calendar_days(c));
                   std::vector<std::string> dates;
                   for (auto& d : days) dates.push_back(d.date + "/" + d.origin);
                   EXPECT_EQ(dates, (std::vector<std::string>{"2025-01-27/official", "2025-04-26/official",
                                                              "2026-02-16/official", "2027-09-03/admin"}));
                   return ok_status();
                 }).ok());
  // Recording a decision again replaces its citation (upsert).
  ASSERT_TRUE(db_->write([](sql::Connection& c) {
                   return put_calendar_year(c, CalendarYearRec{2025, "Thông báo số 1", "staff:a", 5});
                 }).ok());
  ASSERT_TRUE(db_->read([](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto years, list_calendar_years(c));
                   EXPECT_EQ(years.size(), 2u);
                   EXPECT_EQ(years.at(0).source, "Thông báo số 1");
                   EXPECT_EQ(years.at(0).decided_at, 5);
                   return ok_status();
                 }).ok());
}

TEST_P(CalendarRepoTest, DossiersDueInASpan) {
  ASSERT_TRUE(migrate(*db_).ok());
  ProcedureRec p;
  p.id = "p1"; p.national_code = "1.001193"; p.name = "Đăng ký khai sinh"; p.name_folded = "dang ky khai sinh";
  p.time_unit = "working_days"; p.doc = "{}";
  AgencyRec a;
  a.id = "a1"; a.eid = "000.00.12.H51"; a.name = "Sở Tư pháp"; a.type = "department";
  struct Row { const char* id; const char* code; const char* state; int64_t due; };
  const Row rows[] = {{"d1", "C-1", "received", 1000}, {"d2", "C-2", "in_progress", 1500},
                      {"d3", "C-3", "returned", 1200}, {"d4", "C-4", "received", 3000},
                      {"d5", "C-5", "in_progress", 0}};
  ASSERT_TRUE(db_->write([&](sql::Connection& c) -> Status {
                   MC_TRY(insert_agency(c, a));
                   MC_TRY(insert_procedure(c, p, {"a1"}));
                   for (const auto& r : rows) {
                     DossierRec d;
                     d.id = r.id; d.code = r.code; d.procedure_id = "p1"; d.receiving_agency_id = "a1";
                     d.competent_agency_id = "a1"; d.state = r.state; d.applicant_name = "Lê Văn C";
                     d.applicant_name_folded = "le van c"; d.applicant_doc = "{}"; d.doc = "{}";
                     d.due_at = r.due; d.created_at = d.updated_at = 1;
                     MC_TRY(insert_dossier(c, d));
                   }
                   return ok_status();
                 }).ok());
  const std::vector<std::string> open{"received", "in_progress"};
  ASSERT_TRUE(db_->read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto n, count_due_in_spans(c, open, std::vector<Millis>{1000, 3000}));
                   EXPECT_EQ(n, std::vector<int64_t>{2});  // d1, d2; d3 is returned, d4 at the end, d5 has none
                   MC_ASSIGN(auto spans, count_due_in_spans(c, open, std::vector<Millis>{0, 1200, 2000, 3001, 5000}));
                   EXPECT_EQ(spans, (std::vector<int64_t>{1, 1, 1, 0}));
                   MC_ASSIGN(auto first, due_between(c, open, 0, 4000, 2));
                   EXPECT_EQ(first.size(), 2u);
                   if (first.size() == 2) {
                     EXPECT_EQ(first[0].second, "C-1");
                     EXPECT_EQ(first[1].second, "C-2");
                   }
                   MC_ASSIGN(auto latest, latest_due(c, open));
                   EXPECT_EQ(latest, 3000);
                   MC_ASSIGN(auto none, latest_due(c, std::vector<std::string>{"stopped"}));
                   EXPECT_EQ(none, 0);
                   return ok_status();
                 }).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, CalendarRepoTest, ::testing::Values(sql::Engine::sqlite, sql::Engine::postgres),
                         [](const auto& info) { return info.param == sql::Engine::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace motcua::store
