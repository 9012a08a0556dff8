// The Quyết định 766 feedback indicators and the lists behind them (issue 14, migration 032), on a
// manual clock: cases filed and answered in March 2026 (on time, late, at a department and at a
// commune), one reopened and answered again in April, one rated dissatisfied in April. The
// indicators count cases, each once in the month of its first answer; a late rating moves its
// answer's month. For a past month and every scope (province, level, one agency, field) each
// list holds exactly its number, page after page; kpi-verify recounts the rows and counters.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "app/app.h"
#include "app/kpi/feedback_recount.h"
#include "app/kpi/index766.h"

namespace motcua::app {
namespace {

namespace i766 = kpi::i766;

Millis at(int month, int day, int hour = 9) { return local_instant(Date{2026, month, day}, hour * 60); }

class FeedbackLists : public ::testing::Test {
 protected:
  static inline std::filesystem::path dir;
  static inline std::shared_ptr<ManualClock> clock;
  static inline std::unique_ptr<App> app;
  static inline std::string k1, k2, k3, k4;  // see SetUpTestSuite
  static constexpr const char* kCitizen = "051090007099";

  static Actor staff(const std::string& username) {
    auto l = app->identity().login_staff(username, "MotCua@2026", "127.0.0.1");
    EXPECT_TRUE(l.ok()) << username;
    return l.ok() ? l->actor : Actor{};
  }
  static Actor citizen() {
    Actor a;
    a.kind = Actor::Kind::citizen;
    a.id = kCitizen;
    a.full_name = "Lê Văn Tám";
    return a;
  }
  static std::string file(const std::string& title) {
    feedback::Submission s;
    s.kind = feedback::Kind::phan_anh;
    s.title = title;
    s.content = "Nội dung phản ánh của ông Lê Văn Tám về " + title + ".";
    s.sender_name = "Lê Văn Tám";
    s.sender_phone = "0905123456";
    s.citizen_id = kCitizen;
    auto f = app->feedback().file(s);
    EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().detail);
    return f.ok() ? f->case_id : std::string();
  }
  static void act(const Actor& a, const std::string& id, StaffAction in) {
    auto r = app->feedback().act(a, id, in);
    ASSERT_TRUE(r.ok()) << in.action << ": " << r.error().detail;
  }
  static void classify(const std::string& id, const std::string& field, const std::string& agency) {
    act(staff("tiepnhan.ttphcc"), id, StaffAction{"classify", field, "phan_anh", agency, "", "", false, ""});
  }
  // The leader takes the case (a case is assigned before it is answered), then answers it.
  static void answer(const std::string& agency_leader, const std::string& id) {
    const Actor leader = staff(agency_leader);
    auto v = app->feedback().view(leader, id);
    ASSERT_TRUE(v.ok()) << v.error().detail;
    if (v->c.assignee_id.empty()) act(leader, id, StaffAction{"assign", "", "", "", leader.id, "", false, ""});
    act(leader, id, StaffAction{"answer", "", "", "", "", "Đã kiểm tra và trả lời ông.", false, ""});
  }

  static void SetUpTestSuite() {
    dir = std::filesystem::temp_directory_path() / ("motcua-fb766-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    Config cfg;
    cfg.db = "sqlite:" + (dir / "t.db").string();
    cfg.seed_dir = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path().string() +
                   "/data/seed";
    cfg.files_dir = (dir / "files").string();
    cfg.synchronous_full = false;
    clock = std::make_shared<ManualClock>(at(3, 2));
    auto opened = App::open(cfg, clock);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    app = std::move(opened).value();
    ASSERT_TRUE(app->seed().ok());
    // Monday 2 March: four cases, three to the Department of Justice, one to a commune.
    k1 = file("hộ tịch chậm");
    k2 = file("thái độ cán bộ");
    k3 = file("đường xã hư hỏng");
    k4 = file("khai sinh sai tên");
    classify(k1, "Hộ tịch", "stp");
    classify(k2, "Khác", "stp");
    classify(k3, "Khác", "ubnd-camthanh");
    classify(k4, "Hộ tịch", "stp");
    clock->set(at(3, 3));
    answer("lanhdao.stp", k1);  // on time
    clock->set(at(3, 4));
    answer("lanhdao.camthanh", k3);  // on time
    clock->set(at(3, 5));
    answer("lanhdao.stp", k4);  // on time
    clock->set(at(3, 6));
    ASSERT_TRUE(app->feedback().reopen(citizen(), k4, "Tên vẫn sai.").ok());  // round 1 rated dissatisfied by it
    ASSERT_TRUE(app->feedback().rate(citizen(), k3, CaseRating{"very_satisfied", ""}).ok());
    clock->set(at(3, 25));
    answer("lanhdao.stp", k2);  // due ten working days after 2 March: late
    clock->set(at(4, 2));
    answer("lanhdao.stp", k4);  // the second answer, in April: the case is not counted again
    clock->set(at(4, 3));
    ASSERT_TRUE(app->feedback().rate(citizen(), k1, CaseRating{"dissatisfied", "Chưa rõ"}).ok());  // March's k1
  }
  static void TearDownTestSuite() {
    app.reset();
    std::filesystem::remove_all(dir);
  }

  struct Sides {
    i766::Measure on_time, satisfaction;
  };
  Sides figures(const Actor& a, KpiQuery q) {
    auto v = app->index766().view(a, q);
    EXPECT_TRUE(v.ok()) << v.error().detail;
    if (!v.ok()) return {};
    return {v->measures[size_t(i766::Indicator::feedback_on_time)],
            v->measures[size_t(i766::Indicator::feedback_satisfaction)]};
  }
  // Every page of a list, one item a page: the list's total, its case ids (distinct).
  std::pair<int64_t, std::vector<std::string>> walk(const Actor& a, const KpiQuery& q, i766::List l) {
    std::vector<std::string> ids;
    std::string cursor;
    int64_t total = -1;
    for (int i = 0; i < 100; ++i) {
      auto p = app->index766().list(a, q, l, cursor, 1);
      EXPECT_TRUE(p.ok()) << p.error().detail;
      if (!p.ok()) break;
      EXPECT_EQ(p->kind, i766::ListKind::feedback);
      total = p->dossiers.total;
      for (auto& f : p->feedback) ids.push_back(f.a.case_id);
      if (p->dossiers.next.empty()) break;
      cursor = p->dossiers.next;
    }
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    return {total, ids};
  }
  // Each side of both indicators is exactly its list; returns the cases of each list.
  void expect(const Actor& a, const KpiQuery& q, int64_t answered, std::set<std::string> on_time,
              std::set<std::string> not_dissatisfied) {
    SCOPED_TRACE(q.scope + " " + q.field + " " + q.from);
    Sides s = figures(a, q);
    EXPECT_TRUE(s.on_time.measured);
    EXPECT_EQ(s.on_time.den, answered);
    EXPECT_EQ(s.satisfaction.den, answered);
    EXPECT_EQ(s.on_time.num, int64_t(on_time.size()));
    EXPECT_EQ(s.satisfaction.num, int64_t(not_dissatisfied.size()));
    auto [n, all] = walk(a, q, i766::List::feedback_answered);
    EXPECT_EQ(n, answered);
    EXPECT_EQ(int64_t(all.size()), answered);
    auto [n1, ot] = walk(a, q, i766::List::feedback_answered_on_time);
    EXPECT_EQ(n1, int64_t(on_time.size()));
    EXPECT_EQ(std::set<std::string>(ot.begin(), ot.end()), on_time);
    auto [n2, nd] = walk(a, q, i766::List::feedback_answered_not_dissatisfied);
    EXPECT_EQ(n2, int64_t(not_dissatisfied.size()));
    EXPECT_EQ(std::set<std::string>(nd.begin(), nd.end()), not_dissatisfied);
  }
};

TEST_F(FeedbackLists, APastMonthCountsEachCaseOnceInEveryScope) {
  const Actor monitor = staff("giamsat.tinh");
  const KpiQuery march{"province", "", "", "2026-03-01", "2026-03-31"};
  // Four cases first answered in March (k4 answered again in April); k2 late; k1 (rated in
  // April) and k4 (reopened) dissatisfied.
  expect(monitor, march, 4, {k1, k3, k4}, {k2, k3});
  expect(monitor, KpiQuery{"level:commune", "", "", "2026-03-01", "2026-03-31"}, 1, {k3}, {k3});
  expect(monitor, KpiQuery{"level:province", "", "", "2026-03-01", "2026-03-31"}, 3, {k1, k4}, {k2});
  expect(monitor, KpiQuery{"province", "Hộ tịch", "", "2026-03-01", "2026-03-31"}, 2, {k1, k4}, {});
  expect(staff("lanhdao.stp"), KpiQuery{"agency:stp", "", "", "2026-03-01", "2026-03-31"}, 3, {k1, k4}, {k2});
  expect(monitor, KpiQuery{"province", "", "", "2026-01-01", "2026-06-30"}, 4, {k1, k3, k4}, {k2, k3});
  // April: the second answer of k4 and the rating of k1 add no case.
  expect(monitor, KpiQuery{"province", "", "", "2026-04-01", "2026-04-30"}, 0, {}, {});
}

TEST_F(FeedbackLists, APeriodOfPartMonthsHasNoFeedbackListUnlessItReachesToday) {
  const Actor monitor = staff("giamsat.tinh");
  // Today is 3 April: March and April so far are whole (nothing is answered later).
  expect(monitor, KpiQuery{"province", "", "", "2026-03-01", "2026-04-03"}, 4, {k1, k3, k4}, {k2, k3});
  EXPECT_FALSE(figures(monitor, KpiQuery{"province", "", "", "2026-03-01", "2026-04-02"}).on_time.measured);
  const KpiQuery part{"province", "", "", "2026-03-02", "2026-03-31"};
  EXPECT_FALSE(figures(monitor, part).on_time.measured);
  auto p = app->index766().list(monitor, part, i766::List::feedback_answered, "", 50);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind, ErrorKind::invalid);
  // One agency's leader reads only their agency.
  auto other = app->index766().list(staff("lanhdao.stp"), KpiQuery{"agency:ubnd-camthanh", "", "", "2026-03-01", "2026-03-31"},
                                    i766::List::feedback_answered, "", 50);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::forbidden);
}

TEST_F(FeedbackLists, KpiVerifyRecountsTheCasesAndTheirCounters) {
  auto r = verify_feedback_answered(app->db(), false);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->cases, 4);
  EXPECT_TRUE(r->differences.empty()) << r->differences.front();
  // A tampered row and counter are named, then repaired from the history.
  ASSERT_TRUE(app->db().write([&](sql::Connection& c) {
    return c.exec_script("UPDATE feedback_answered SET dissatisfied = 0 WHERE case_id = '" + k1 +
                         "'; UPDATE feedback_counters SET n = n + 1 WHERE metric = 'case_answered' AND agency_id = 'stp' AND field = 'Khác';");
  }).ok());
  r = verify_feedback_answered(app->db(), true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->differences.size(), 2u);
  EXPECT_TRUE(r->repaired);
  r = verify_feedback_answered(app->db(), false);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->differences.empty()) << r->differences.front();
  expect(staff("giamsat.tinh"), KpiQuery{"province", "", "", "2026-03-01", "2026-03-31"}, 4, {k1, k3, k4}, {k2, k3});
}

}  // namespace
}  // namespace motcua::app
