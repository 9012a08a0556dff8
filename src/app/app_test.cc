// One use case, one transaction: intake writes the dossier, its history, the audit chain, one
// national-portal sync message and the KPI counters together (and nothing when it fails).
#include "app/app.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "store/repo.h"

namespace motcua::app {
namespace {

std::string source_dir() {
  // src/app/app_test.cc → repository root
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("motcua-app-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Config cfg;
    cfg.db = "sqlite:" + (dir_ / "t.db").string();
    cfg.seed_dir = source_dir() + "/data/seed";
    cfg.files_dir = (dir_ / "files").string();
    auto app = App::open(cfg);
    ASSERT_TRUE(app.ok()) << app.error().detail;
    app_ = std::move(app).value();
    ASSERT_TRUE(app_->seed().ok());
    auto login = app_->login_staff("tiepnhan.camthanh", "MotCua@2026", "127.0.0.1");
    ASSERT_TRUE(login.ok()) << login.error().detail;
    desk_ = login->actor;
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(app_->db().read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query(sql));
                   n = rows.at(0).i64(0);
                   return ok_status();
                 }).ok());
    return n;
  }
  IntakeInput counter_intake() {
    auto procs = app_->procedures("ubnd-camthanh", "", 200);
    EXPECT_TRUE(procs.ok());
    IntakeInput in;
    for (auto& p : *procs)
      if (p.time_unit == "working_days") in.procedure_id = p.id;
    in.channel = 1;
    in.receive = true;
    in.applicant.full_name = "Nguyễn Văn An";
    in.applicant.id_number = "051090001234";
    return in;
  }
  std::filesystem::path dir_;
  std::unique_ptr<App> app_;
  Actor desk_;
};

TEST_F(AppTest, IntakeWritesEverythingInOneTransaction) {
  int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto v = app_->intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok()) << v.error().detail;
  const std::string id = v->dossier.id;
  EXPECT_EQ(v->dossier.state, "received");
  EXPECT_EQ(v->events.size(), 2u);  // intake, receive
  EXPECT_EQ(v->steps.size(), 2u);   // reception done, processing opened
  // One audit record for the use case, "intake", describing where it ended.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log") - audit_before, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.intake' AND detail LIKE '%\"to\":\"received\"%'"), 1);
  // One sync message to the national portal, carrying the received status (2).
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%\"status\":2%'"), 1);
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE agency_id = 'ubnd-camthanh' AND metric = 'received'"), 1);
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE agency_id = 'ubnd-camthanh' AND metric = 'received_counter'"), 1);
  auto chain = app_->verify_audit();
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->first_broken, 0);
}

TEST_F(AppTest, AFailedActionLeavesNoTrace) {
  auto v = app_->intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok());
  int64_t events = count("SELECT COUNT(*) FROM dossier_events");
  int64_t audit = count("SELECT COUNT(*) FROM audit_log");
  int64_t outbox = count("SELECT COUNT(*) FROM outbox");
  ActionInput bad;
  bad.action = "return_result";  // illegal in "received"
  bad.return_method = "counter";
  bad.received_by = "A";
  auto r = app_->act(desk_, v->dossier.id, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossier_events"), events);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), outbox);
}

TEST_F(AppTest, ResolutionCountsOnTimeClass) {
  auto v = app_->intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok());
  auto login = [&](const char* u) { return app_->login_staff(u, "MotCua@2026", "127.0.0.1")->actor; };
  Actor specialist = login("chuyenvien.camthanh"), leader = login("lanhdao.camthanh");
  ActionInput start;
  start.action = "start_processing";
  ASSERT_TRUE(app_->act(specialist, v->dossier.id, start).ok());
  ActionInput grant;
  grant.action = "resolve_granted";
  auto done = app_->act(leader, v->dossier.id, grant);
  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_EQ(done->dossier.timeliness, "early");
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE metric = 'resolved_early'"), 1);
}

TEST_F(AppTest, AsyncIntakeAnswersOnTheWriterAndFinishesElsewhere) {
  ASSERT_TRUE(app_->writes_async());
  std::promise<Result<App::IntakeCommit>> p;
  app_->intake_async(desk_, counter_intake(), "k1", "h1", [&](Result<App::IntakeCommit> c) { p.set_value(std::move(c)); });
  auto c = p.get_future().get();
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_FALSE(c->replayed);
  const std::string id = c->view.dossier.id;
  // Durable and visible when answered.
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers WHERE id = '" + id + "'"), 1);
  auto v = app_->finish_intake(desk_, std::move(*c));
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->due.working_minutes_left.has_value());  // annotated by finish_intake
  // The same key and request again: a replay, read back by finish_intake.
  std::promise<Result<App::IntakeCommit>> p2;
  app_->intake_async(desk_, counter_intake(), "k1", "h1", [&](Result<App::IntakeCommit> r) { p2.set_value(std::move(r)); });
  auto again = p2.get_future().get();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  auto v2 = app_->finish_intake(desk_, std::move(*again));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->dossier.id, id);
  EXPECT_EQ(v2->dossier.code, v->dossier.code);
  // A check that fails answers at once, on the calling thread, writing nothing.
  IntakeInput bad = counter_intake();
  bad.procedure_id = "no-such-procedure";
  bool answered = false;
  app_->intake_async(desk_, bad, "", "", [&](Result<App::IntakeCommit> r) {
    answered = true;
    EXPECT_FALSE(r.ok());
  });
  EXPECT_TRUE(answered);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers"), 1);
}

TEST_F(AppTest, SessionCacheSaysWhenTheStoreIsNeeded) {
  auto login = app_->login_staff("chuyenvien.camthanh", "MotCua@2026", "127.0.0.1");
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(app_->authenticate_cached(login->token).has_value());  // never looked up yet
  ASSERT_TRUE(app_->authenticate(login->token).ok());
  auto cached = app_->authenticate_cached(login->token);
  ASSERT_TRUE(cached.has_value());
  ASSERT_TRUE(cached->ok());
  EXPECT_EQ(cached->value().actor.username, "chuyenvien.camthanh");
  auto bad = app_->authenticate_cached("short");  // refused without the store
  ASSERT_TRUE(bad.has_value());
  EXPECT_FALSE(bad->ok());
}

}  // namespace
}  // namespace motcua::app
