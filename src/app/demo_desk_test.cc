// The living demo desk: every state of the lifecycle is there, overdue and near-due dossiers
// too, the audit chain holds, and the KPI counters are exactly what the dossiers and their
// histories say (the generator drives the real use cases, never the tables).
#include "app/demo_desk.h"
#include "app/integration/population.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "app/dossier/details.h"
#include "store/repo.h"

namespace motcua::app {
namespace {

std::string source_dir() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

// The desk is filled as `make run` fills it: as of now (to the minute), so that a rule of the
// calendar or of the desk that the plan no longer fits shows here first. A failure names the
// instant; `motcua seed-demo --now <instant>` replays it.
const Millis kNow = now_ms() / kMinute * kMinute;

struct Filled {
  std::filesystem::path dir;
  std::shared_ptr<ManualClock> clock;
  std::unique_ptr<App> app;
  DemoDeskReport report;
};

// A fresh seeded store in its own temp dir, filled as of `now`.
std::unique_ptr<Filled> fill(const std::string& name, Millis now, uint64_t seed = DemoDeskOptions{}.seed) {
  auto f = std::make_unique<Filled>();
  f->dir = std::filesystem::temp_directory_path() / ("motcua-demo-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(f->dir);
  std::filesystem::create_directories(f->dir);
  Config cfg;
  cfg.db = "sqlite:" + (f->dir / "t.db").string();
  cfg.seed_dir = source_dir() + "/data/seed";
  cfg.files_dir = (f->dir / "files").string();
  cfg.synchronous_full = false;
  f->clock = std::make_shared<ManualClock>(now);
  auto app = App::open(cfg, f->clock);
  EXPECT_TRUE(app.ok()) << app.error().detail;
  if (!app.ok()) return nullptr;
  f->app = std::move(app).value();
  EXPECT_TRUE(f->app->seed().ok());
  DemoDeskOptions opt;
  opt.now = now;
  opt.seed = seed;
  auto rep = fill_demo_desk(*f->app, *f->clock, opt);
  EXPECT_TRUE(rep.ok()) << rep.error().detail;
  if (!rep.ok()) return nullptr;
  f->report = *rep;
  return f;
}

class DemoDeskTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { desk_ = fill("suite", kNow).release(); }
  static void TearDownTestSuite() {
    if (!desk_) return;
    auto dir = desk_->dir;
    delete desk_;
    desk_ = nullptr;
    std::filesystem::remove_all(dir);
  }
  void SetUp() override { ASSERT_NE(desk_, nullptr) << "the generator failed at " << format_rfc3339_local(kNow); }

  App& app() { return *desk_->app; }
  // Rows of a read-only query, each as text columns.
  std::vector<std::vector<std::string>> rows(const std::string& sql, size_t cols) {
    std::vector<std::vector<std::string>> out;
    EXPECT_TRUE(app().db().read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rs, c.query(sql));
                   for (auto& r : rs) {
                     std::vector<std::string> row;
                     for (size_t i = 0; i < cols; ++i) row.push_back(cell(r.cols.at(i)));
                     out.push_back(std::move(row));
                   }
                   return ok_status();
                 }).ok());
    return out;
  }
  // A column as text: NULL → "", numbers in decimal.
  static std::string cell(const sql::Value& v) {
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) return std::to_string(int64_t(*p));
    return "";
  }
  int64_t count(const std::string& sql) { return std::stoll(rows(sql, 1).at(0).at(0)); }
  Actor login(const std::string& username) {
    auto l = app().identity().login_staff(username, "MotCua@2026", "127.0.0.1");
    EXPECT_TRUE(l.ok()) << username;
    return l.ok() ? l->actor : Actor{};
  }

  static Filled* desk_;
};
Filled* DemoDeskTest::desk_ = nullptr;

TEST_F(DemoDeskTest, EveryStateIsThereAcrossAgenciesAndChannels) {
  const auto& rep = desk_->report;
  EXPECT_GE(rep.dossiers, 200);
  EXPECT_LE(rep.dossiers, 600);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers"), rep.dossiers);
  for (const char* state : {"submitted", "received", "in_progress", "supplement_requested", "awaiting_payment", "resolved",
                            "returned", "refused", "withdrawn", "stopped"})
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM dossiers WHERE state = '") + state + "'"), 1) << state;
  // In progress at each step of the internal process.
  for (const char* role : {"specialist", "head", "leader"})
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM dossiers d JOIN dossier_steps s ON s.dossier_id = d.id "
                                "WHERE d.state = 'in_progress' AND COALESCE(s.finished_at, 0) = 0 "
                                "AND s.role = '") + role + "'"), 1) << role;
  // A supplement asked at the reception check and one asked during processing (paused clock).
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE state = 'supplement_requested' AND COALESCE(received_at, 0) = 0"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE state = 'supplement_requested' AND COALESCE(received_at, 0) <> 0 AND COALESCE(paused_at, 0) <> 0"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE state = 'awaiting_payment' AND COALESCE(paused_at, 0) <> 0"), 1);
  // Results ready and waiting, granted and refused; returned early, on time and late.
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE state = 'resolved' AND COALESCE(returned_at, 0) = 0"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE resolution = 'refused'"), 1);
  for (const char* cls : {"early", "on_time", "late"})
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM dossiers WHERE state = 'returned' AND timeliness = '") + cls + "'"), 1)
        << cls;
  // Apologies (late stays late: one of them returned late), consultations answered and open.
  EXPECT_GE(count("SELECT COUNT(*) FROM dossier_events WHERE action = 'apologise'"), 2);
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE COALESCE(original_due_at, 0) <> 0 AND state = 'returned' AND timeliness = 'late'"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM consultations WHERE COALESCE(answered_at, 0) <> 0"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM consultations WHERE answered_at IS NULL"), 1);
  // Online, counter and post; several agencies; citizens' and officials' files.
  for (int ch : {1, 2, 3}) EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE channel = " + std::to_string(ch)), 1) << ch;
  EXPECT_GE(count("SELECT COUNT(DISTINCT competent_agency_id) FROM dossiers"), 5);
  EXPECT_GE(count("SELECT COUNT(DISTINCT receiving_agency_id) FROM dossiers"), 5);
  EXPECT_GE(count("SELECT COUNT(*) FROM documents WHERE uploaded_by LIKE 'citizen:%'"), 1);
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE doc LIKE '%\"return_method\":\"electronic\"%'"), 1);
  // Over the last weeks, never after now.
  EXPECT_GE(count("SELECT COUNT(*) FROM dossiers WHERE submitted_at < " + std::to_string(kNow - 28 * kDay)), 10);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers WHERE submitted_at < " + std::to_string(kNow - 7 * 7 * kDay)), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossier_events WHERE at >= " + std::to_string(kNow)), 0);
}

TEST_F(DemoDeskTest, SomeAreOverdueAndSomeNearTheirDueTime) {
  // The desk's own overdue filter, as each agency's leader sees it.
  std::set<std::string> overdue;  // a dossier received at one agency for another is in both queues
  for (const char* leader : {"lanhdao.camthanh", "lanhdao.kontum", "lanhdao.sxd", "lanhdao.snv", "lanhdao.vpdkdd"}) {
    QueueQuery q;
    q.queue = "all";
    q.overdue_only = true;
    q.limit = 200;
    auto page = app().dossiers().queue(login(leader), q);
    ASSERT_TRUE(page.ok()) << page.error().detail;
    for (auto& due : page->due) {
      ASSERT_TRUE(due.working_minutes_left.has_value());
      EXPECT_LE(*due.working_minutes_left, 0);
    }
    for (auto& d : page->items) overdue.insert(d.id);
  }
  EXPECT_GE(overdue.size(), 3u);
  EXPECT_EQ(int64_t(overdue.size()), desk_->report.overdue);
  // Near due: within one working day, as the dossier view says.
  Actor monitor = login("giamsat.tinh");
  int64_t near = 0;
  for (auto& r : rows("SELECT id FROM dossiers WHERE state IN ('received', 'in_progress')", 1)) {
    auto v = app().dossiers().dossier(monitor, r[0]);
    ASSERT_TRUE(v.ok());
    if (v->due.near_due) ++near;
  }
  EXPECT_GE(near, 3);
  EXPECT_EQ(near, desk_->report.near_due);
}

TEST_F(DemoDeskTest, TheAuditChainHolds) {
  auto chain = app().verify_audit();
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->first_broken, 0) << chain->reason;
  EXPECT_GT(chain->records, desk_->report.dossiers);
}

// Every counter is what the dossiers and their histories say, per agency and month.
TEST_F(DemoDeskTest, KpiCountersAgreeWithTheDossiers) {
  using Key = std::tuple<std::string, std::string, std::string>;  // agency, YYYY-MM, metric
  std::map<Key, int64_t> expected, stored;
  auto month = [](const std::string& ms) { return format_date(local_date(std::stoll(ms))).substr(0, 7); };
  for (auto& r : rows("SELECT competent_agency_id, channel, received_at, resolved_at, timeliness, returned_at FROM dossiers", 6)) {
    const std::string& ag = r[0];
    if (!r[2].empty() && r[2] != "0") {
      ++expected[{ag, month(r[2]), "received"}];
      ++expected[{ag, month(r[2]), r[1] == "2" ? "received_online" : r[1] == "3" ? "received_post" : "received_counter"}];
    }
    if (!r[3].empty() && r[3] != "0") {
      ++expected[{ag, month(r[3]), "resolved"}];
      ++expected[{ag, month(r[3]), "resolved_" + r[4]}];
    }
    if (!r[5].empty() && r[5] != "0") ++expected[{ag, month(r[5]), "returned"}];
  }
  // A decision whose result is a signed file among the documents: an electronic result.
  for (auto& r : rows("SELECT competent_agency_id, resolved_at, doc FROM dossiers WHERE resolved_at > 0", 3)) {
    auto result = parse_details(r[2]).result;
    if (result && !result->document_id.empty()) ++expected[{r[0], month(r[1]), "results_electronic"}];
  }
  for (auto& r : rows("SELECT d.competent_agency_id, e.at, e.action FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id "
                      "WHERE e.action IN ('refuse', 'withdraw', 'stop', 'apologise')", 3)) {
    const std::string metric = r[2] == "refuse" ? "refused" : r[2] == "withdraw" ? "withdrawn" : r[2] == "stop" ? "stopped" : "apologised";
    ++expected[{r[0], month(r[1]), metric}];
  }
  // Components the population database could have replaced: handed in (asked) or taken from it
  // (reused), counted at intake.
  for (auto& r : rows("SELECT d.competent_agency_id, d.submitted_at, d.doc, p.doc FROM dossiers d"
                      " JOIN procedures p ON p.id = d.procedure_id", 4)) {
    auto replaceable = replaceable_components(r[3], "csdl_dan_cu");
    for (auto& c : parse_details(r[2]).components)
      for (auto& x : replaceable)
        if (c.provided && c.name == x.name) ++expected[{r[0], month(r[1]), c.source.empty() ? "population_asked" : "population_reused"}];
  }
  // Ratings, in the month they were given, for the competent agency.
  for (auto& r : rows("SELECT agency_id, rated_at, score FROM ratings", 3)) ++expected[{r[0], month(r[1]), "rated_" + r[2]}];
  for (auto& r : rows("SELECT agency_id, period, metric, n FROM kpi_counters", 4)) stored[{r[0], r[1], r[2]}] = std::stoll(r[3]);
  EXPECT_EQ(stored, expected);
  // The desk's months: the counters span more than one.
  std::set<std::string> months;
  for (auto& [k, n] : stored) months.insert(std::get<1>(k));
  EXPECT_GE(months.size(), 2u);
}

TEST_F(DemoDeskTest, HistoriesAndControlSheetsAreComplete) {
  // A returned dossier went through reception, processing, the decision and the return, in order,
  // each step closed on the control sheet.
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossiers d WHERE d.state = 'returned' AND EXISTS (SELECT 1 FROM dossier_steps s "
                  "WHERE s.dossier_id = d.id AND COALESCE(s.finished_at, 0) = 0)"),
            0);
  for (const char* action : {"receive", "start_processing", "handover", "return_result"})
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM dossiers d WHERE d.state = 'returned' AND NOT EXISTS (SELECT 1 FROM "
                                "dossier_events e WHERE e.dossier_id = d.id AND e.action = '") + action + "')"),
              0)
        << action;
  // Times only move forward within a dossier's history.
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossier_events a JOIN dossier_events b ON a.dossier_id = b.dossier_id "
                  "AND b.id > a.id AND b.at < a.at"),
            0);
  // One national-portal message per status change at least.
  EXPECT_GE(count("SELECT COUNT(*) FROM outbox"), desk_->report.dossiers);
}

// About half of the returned dossiers are rated, after their return, through the kiosk of the
// desk that returned them, the invitation's link or the portal; every score is there.
TEST_F(DemoDeskTest, ReturnedDossiersAreRated) {
  const auto& rep = desk_->report;
  const int64_t returned = count("SELECT COUNT(*) FROM dossiers WHERE state = 'returned'");
  const int64_t rated = count("SELECT COUNT(*) FROM ratings");
  EXPECT_GE(rated, returned / 3);
  EXPECT_LE(rated, returned * 2 / 3);
  for (const char* score : {"very_satisfied", "satisfied", "dissatisfied"}) {
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM ratings WHERE score = '") + score + "'"), 1) << score;
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ratings WHERE score = '") + score + "'"), rep.ratings.count(score) ? rep.ratings.at(score) : 0);
  }
  for (const char* channel : {"kiosk", "link", "web"})
    EXPECT_GE(count(std::string("SELECT COUNT(*) FROM ratings WHERE channel = '") + channel + "'"), 1) << channel;
  EXPECT_EQ(count("SELECT COUNT(*) FROM ratings r JOIN dossiers d ON d.id = r.dossier_id WHERE d.state <> 'returned' "
                  "OR r.rated_at <= d.returned_at OR r.rated_at >= " + std::to_string(kNow)),
            0);
  // The history says so (one entry per rating).
  EXPECT_EQ(count("SELECT COUNT(*) FROM dossier_events WHERE action = 'rated'"), rated);
  // Without a payment provider (this test's App), the fees asked are recorded at the counter.
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments"), 0);
  EXPECT_EQ(rep.paid_online, 0);
  EXPECT_GE(rep.by_scenario.at("returned_paid_online"), 1);
}

TEST_F(DemoDeskTest, OnlyIntoAnEmptyDesk) {
  DemoDeskOptions opt;
  opt.now = kNow;
  auto again = fill_demo_desk(app(), *desk_->clock, opt);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "desk_not_empty");
}

// The same seed and instant give the same desk.
TEST_F(DemoDeskTest, TheSameSeedAndInstantGiveTheSameDesk) {
  auto again = fill("again", kNow);
  ASSERT_TRUE(again);
  auto desk = [](App& app) {
    std::vector<std::tuple<std::string, std::string, std::string, int64_t, int64_t, int64_t>> out;
    EXPECT_TRUE(app.db().read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rs, c.query("SELECT code, state, applicant_name, received_at, due_at, channel FROM dossiers "
                                              "ORDER BY code"));
                   for (auto& r : rs) out.emplace_back(r.text(0), r.text(1), r.text(2), r.i64(3), r.i64(4), r.i64(5));
                   return ok_status();
                 }).ok());
    return out;
  };
  EXPECT_EQ(desk(app()), desk(*again->app));
  EXPECT_EQ(again->report.by_state, desk_->report.by_state);
  EXPECT_EQ(again->report.use_cases, desk_->report.use_cases);
  auto dir = again->dir;
  again.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace motcua::app
