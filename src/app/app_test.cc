// One use case, one transaction: intake writes the dossier, its history, the audit chain, one
// national-portal sync message and the KPI counters together (and nothing when it fails).
#include "app/app.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "app/test_support.h"
#include "store/repo.h"

namespace motcua::app {
namespace {

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("motcua-app-" + std::to_string(::getpid()));
    Config cfg = test_support::fresh_config(dir_);
    auto app = App::open(cfg);
    ASSERT_TRUE(app.ok()) << app.error().detail;
    app_ = std::move(app).value();
    ASSERT_TRUE(app_->seed().ok());
    auto login = app_->identity().login_staff("tiepnhan.camthanh", "MotCua@2026", "127.0.0.1");
    ASSERT_TRUE(login.ok()) << login.error().detail;
    desk_ = login->actor;
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t count(const std::string& sql) { return test_support::count(*app_, sql); }
  IntakeInput counter_intake() {
    IntakeInput in;
    auto procs = test_support::working_day_procedures(*app_, "ubnd-camthanh");
    if (!procs.empty()) in.procedure_id = procs.back().id;
    in.channel = dossier::Channel::counter;
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
  auto v = app_->dossiers().intake(desk_, counter_intake(), "", "");
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
  auto v = app_->dossiers().intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok());
  int64_t events = count("SELECT COUNT(*) FROM dossier_events");
  int64_t audit = count("SELECT COUNT(*) FROM audit_log");
  int64_t outbox = count("SELECT COUNT(*) FROM outbox");
  ActionInput bad;
  bad.action = "return_result";  // illegal in "received"
  bad.return_method = "counter";
  bad.received_by = "A";
  auto r = app_->dossiers().act(desk_, v->dossier.id, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossier_events"), events);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), outbox);
}

// The desk of Cẩm Thành: one person per role (data/seed/staff.json).
struct Desk {
  Actor specialist, head, leader, clerk;
};

class DeskTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto login = [&](const char* u) { return app_->identity().login_staff(u, "MotCua@2026", "127.0.0.1")->actor; };
    desk = {login("chuyenvien.camthanh"), login("truongphong.camthanh"), login("lanhdao.camthanh"),
            login("vanthu.camthanh")};
  }
  Result<DossierView> act(const Actor& who, const std::string& id, const char* action, std::string assignee = "") {
    ActionInput in;
    in.action = action;
    in.assignee_id = std::move(assignee);
    return app_->dossiers().act(who, id, in);
  }
  // The open step's role, as the control sheet says.
  static std::string open_role(const DossierView& v) {
    for (auto it = v.steps.rbegin(); it != v.steps.rend(); ++it)
      if (it->finished_at == 0) return it->role;
    return "";
  }
  static std::vector<std::string> allowed(const DossierView& v) {
    std::vector<std::string> out;
    for (auto a : v.allowed_actions.value_or(std::vector<dossier::Action>{})) out.emplace_back(dossier::to_string(a));
    return out;
  }
  const Actor& holder_of(const std::string& role) {
    return role == "head" ? desk.head : role == "leader" ? desk.leader : role == "clerk" ? desk.clerk : desk.specialist;
  }
  // Received at the counter, taken by the specialist, handed on step by step to the leader.
  std::string at_leader_step() {
    auto v = app_->dossiers().intake(desk_, counter_intake(), "", "");
    EXPECT_TRUE(v.ok());
    const std::string id = v->dossier.id;
    auto cur = act(desk.specialist, id, "start_processing");
    EXPECT_TRUE(cur.ok()) << cur.error().detail;
    while (cur.ok() && open_role(*cur) != "leader") {
      std::string role = open_role(*cur);
      cur = act(holder_of(role), id, "handover");
      EXPECT_TRUE(cur.ok()) << cur.error().detail;
    }
    return id;
  }
  ResultInput result_doc() {
    return ResultInput{"125/QĐ-UBND", format_date(local_date(now_ms())), "Nguyễn Văn Lãnh", "", "counter"};
  }
  Desk desk;
};

TEST_F(DeskTest, ResolutionCountsOnTimeClass) {
  const std::string id = at_leader_step();
  ActionInput grant;
  grant.action = "resolve_granted";
  grant.result = result_doc();
  auto done = app_->dossiers().act(desk.leader, id, grant);
  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_EQ(done->dossier.timeliness, "early");
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE metric = 'resolved_early'"), 1);
}

TEST_F(DeskTest, ASpecialistCannotCloseTheHeadsStepNorDecide) {
  auto v = app_->dossiers().intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok());
  const std::string id = v->dossier.id;
  ASSERT_TRUE(act(desk.specialist, id, "start_processing").ok());
  auto handed = act(desk.specialist, id, "handover", desk.head.id);
  ASSERT_TRUE(handed.ok()) << handed.error().detail;
  ASSERT_EQ(open_role(*handed), "head");
  auto again = act(desk.specialist, id, "handover");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "not_your_step");
  EXPECT_EQ(again.error().kind, ErrorKind::forbidden);
  ActionInput refuse;
  refuse.action = "resolve_refused";
  refuse.items = {"Không đủ điều kiện"};
  auto decided = app_->dossiers().act(desk.specialist, id, refuse);
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.error().code, "role_not_allowed");
  // The leader may not decide before the dossier reaches the leader's step either.
  auto early = app_->dossiers().act(desk.leader, id, refuse);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "not_at_decision_step");
}

TEST_F(DeskTest, TheNextHandlerMustHoldTheNextStepsRole) {
  auto v = app_->dossiers().intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(v.ok());
  const std::string id = v->dossier.id;
  auto started = act(desk.specialist, id, "start_processing");
  ASSERT_TRUE(started.ok());
  // The step taken is assigned to the specialist who took it.
  EXPECT_EQ(started->steps.back().assignee_id, desk.specialist.id);
  const std::string next_role = std::string(org::to_string(started->step_choices.at(0).role));
  auto wrong = act(desk.specialist, id, "handover", desk.clerk.id);  // a clerk is not the next step's role
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, "invalid_assignee");
  ASSERT_EQ(wrong.error().fields.size(), 1u);
  EXPECT_EQ(wrong.error().fields[0].field, "assignee_id");
  auto typed = act(desk.specialist, id, "handover", "someone-typed-by-hand");
  ASSERT_FALSE(typed.ok());
  EXPECT_EQ(typed.error().code, "invalid_assignee");
  // The view offers exactly the holders of the next step's role there.
  ASSERT_EQ(started->step_choices.size(), 1u);
  EXPECT_EQ(dossier::to_string(started->step_choices[0].action), "handover");
  ASSERT_EQ(started->step_choices[0].candidates.size(), 1u);
  EXPECT_EQ(started->step_choices[0].candidates[0].id, holder_of(next_role).id);
  auto right = act(desk.specialist, id, "handover", holder_of(next_role).id);
  ASSERT_TRUE(right.ok()) << right.error().detail;
  EXPECT_EQ(right->steps.back().assignee_id, holder_of(next_role).id);
}

TEST_F(DeskTest, TheViewSaysWhatThisReaderMayDoNow) {
  const std::string id = at_leader_step();
  auto as_leader = app_->dossiers().dossier(desk.leader, id);
  auto as_specialist = app_->dossiers().dossier(desk.specialist, id);
  ASSERT_TRUE(as_leader.ok() && as_specialist.ok());
  EXPECT_EQ(allowed(*as_leader), (std::vector<std::string>{"apologise", "stop", "resolve_granted", "resolve_refused"}));
  // The specialist may still ask for the processing supplement, payment, apologise or stop, but
  // neither close the leader's step nor decide.
  EXPECT_EQ(allowed(*as_specialist),
            (std::vector<std::string>{"request_supplement", "request_payment", "apologise", "stop"}));
}

TEST_F(DeskTest, AGrantNeedsItsResultDocument) {
  const std::string id = at_leader_step();
  ActionInput grant;
  grant.action = "resolve_granted";
  auto bare = app_->dossiers().act(desk.leader, id, grant);
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, "result_not_ready");
  EXPECT_EQ(bare.error().kind, ErrorKind::conflict);
  grant.result = result_doc();
  grant.result->return_method = "electronic";  // without the signed file
  auto no_file = app_->dossiers().act(desk.leader, id, grant);
  ASSERT_FALSE(no_file.ok());
  ASSERT_EQ(no_file.error().fields.size(), 1u);
  EXPECT_EQ(no_file.error().fields[0].field, "result.document_id");
  grant.result->date = "2099-01-01";
  grant.result->return_method = "counter";
  auto future = app_->dossiers().act(desk.leader, id, grant);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().fields.at(0).field, "result.date");
  grant.result = result_doc();
  auto done = app_->dossiers().act(desk.leader, id, grant);
  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_NE(done->dossier.doc.find("\"number\":\"125/QĐ-UBND\""), std::string::npos);
  EXPECT_NE(done->dossier.doc.find("\"signer\":\"Nguyễn Văn Lãnh\""), std::string::npos);
  // The clerk's step (issuing the result) opens after the decision, closed when it is returned.
  EXPECT_EQ(open_role(*done), "clerk");
  ActionInput ret;
  ret.action = "return_result";
  ret.return_method = "counter";
  ret.received_by = "Nguyễn Văn A";
  auto returned = app_->dossiers().act(desk.clerk, id, ret);
  ASSERT_TRUE(returned.ok()) << returned.error().detail;
  EXPECT_EQ(open_role(*returned), "");
}

TEST_F(DeskTest, WithdrawalsAndStopsAreCountedUnderTheirNames) {
  auto a = app_->dossiers().intake(desk_, counter_intake(), "", "");
  auto b = app_->dossiers().intake(desk_, counter_intake(), "", "");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(act(desk_, a->dossier.id, "withdraw").ok());
  ActionInput stop;
  stop.action = "stop";
  stop.items = {"Người nộp không bổ sung nghĩa vụ"};
  ASSERT_TRUE(app_->dossiers().act(desk.specialist, b->dossier.id, stop).ok());
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE metric = 'withdrawn'"), 1);
  EXPECT_EQ(count("SELECT n FROM kpi_counters WHERE metric = 'stopped'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM kpi_counters WHERE metric IN ('withdrawd', 'stopd')"), 0);
}

TEST_F(AppTest, AsyncIntakeAnswersOnTheWriterAndFinishesElsewhere) {
  ASSERT_TRUE(app_->dossiers().writes_async());
  std::promise<Result<DossierService::IntakeCommit>> p;
  app_->dossiers().intake_async(desk_, counter_intake(), "k1", "h1", [&](Result<DossierService::IntakeCommit> c) { p.set_value(std::move(c)); });
  auto c = p.get_future().get();
  ASSERT_TRUE(c.ok()) << c.error().detail;
  EXPECT_FALSE(c->replayed);
  const std::string id = c->view.dossier.id;
  // Durable and visible when answered.
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers WHERE id = '" + id + "'"), 1);
  auto v = app_->dossiers().finish_intake(desk_, std::move(*c));
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->due.working_minutes_left.has_value());  // annotated by finish_intake
  // The same key and request again: a replay, read back by finish_intake.
  std::promise<Result<DossierService::IntakeCommit>> p2;
  app_->dossiers().intake_async(desk_, counter_intake(), "k1", "h1", [&](Result<DossierService::IntakeCommit> r) { p2.set_value(std::move(r)); });
  auto again = p2.get_future().get();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  auto v2 = app_->dossiers().finish_intake(desk_, std::move(*again));
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->dossier.id, id);
  EXPECT_EQ(v2->dossier.code, v->dossier.code);
  // A check that fails answers at once, on the calling thread, writing nothing.
  IntakeInput bad = counter_intake();
  bad.procedure_id = "no-such-procedure";
  bool answered = false;
  app_->dossiers().intake_async(desk_, bad, "", "", [&](Result<DossierService::IntakeCommit> r) {
    answered = true;
    EXPECT_FALSE(r.ok());
  });
  EXPECT_TRUE(answered);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers"), 1);
}

TEST_F(AppTest, SessionCacheSaysWhenTheStoreIsNeeded) {
  auto login = app_->identity().login_staff("chuyenvien.camthanh", "MotCua@2026", "127.0.0.1");
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(app_->identity().authenticate_cached(login->token).has_value());  // never looked up yet
  ASSERT_TRUE(app_->identity().authenticate(login->token).ok());
  auto cached = app_->identity().authenticate_cached(login->token);
  ASSERT_TRUE(cached.has_value());
  ASSERT_TRUE(cached->ok());
  EXPECT_EQ(cached->value().actor.username, "chuyenvien.camthanh");
  auto bad = app_->identity().authenticate_cached("short");  // refused without the store
  ASSERT_TRUE(bad.has_value());
  EXPECT_FALSE(bad->ok());
}

}  // namespace
}  // namespace motcua::app
