// kpi received_digitised (Quyết định 766 components_digitised; app/kpi/digitised.h): the rule
// itself, then the counter the transactions move, hand-counted — a counter dossier whose scans
// are all attached on its reception day counts once, by the upload that completes them; one
// scanned the next day does not; one scanned before reception counts at reception — and
// kpi-verify recounts exactly that.
#include "app/kpi/digitised.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/app.h"
#include "app/kpi/recount.h"
#include "app/test_support.h"

namespace motcua::app {
namespace {

store::DocumentRec file(const std::string& component, Millis at) {
  store::DocumentRec d;
  d.component = component;
  d.uploaded_at = at;
  return d;
}

const Millis kReceived = local_instant(Date{2026, 4, 20}, 10 * 60);
const int64_t kCounter = 1, kOnline = 2, kPost = 3;

TEST(DigitisedRule, EveryPaperComponentScannedBeforeTheEndOfTheReceptionDay) {
  const std::vector<ComponentRecord> comps{{"Tờ khai", "original", 1, true, ""},
                                           {"Giấy khai sinh", "copy", 1, true, ""},
                                           {"Giấy ủy quyền", "original", 1, false, ""}};  // not handed in
  const Millis midnight = local_instant(Date{2026, 4, 21}, 0);
  EXPECT_EQ(digitise_deadline(kReceived), midnight);
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, comps, {}));
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, comps, {file("Tờ khai", kReceived)}));
  EXPECT_TRUE(digitised_at_reception(kCounter, kReceived, comps,
                                     {file("Tờ khai", kReceived), file("Giấy khai sinh", midnight - 1)}));
  EXPECT_TRUE(digitised_at_reception(kPost, kReceived, comps,
                                     {file("Tờ khai", kReceived - 3600000), file("Giấy khai sinh", kReceived)}));
  // The next day is too late; a file under another name (or none) is not the component's scan.
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, comps, {file("Tờ khai", kReceived), file("Giấy khai sinh", midnight)}));
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, comps, {file("Tờ khai", kReceived), file("", kReceived)}));
  // Taken from the population database: nothing on paper to scan.
  const std::vector<ComponentRecord> reused{{"Tờ khai", "original", 1, true, ""}, {"CCCD", "copy", 1, true, "csdl_dan_cu"}};
  EXPECT_TRUE(digitised_at_reception(kCounter, kReceived, reused, {file("Tờ khai", kReceived)}));
  // Online: electronic from the start. Not received, or nothing provided: not digitised.
  EXPECT_TRUE(digitised_at_reception(kOnline, kReceived, comps, {}));
  EXPECT_FALSE(digitised_at_reception(kOnline, 0, comps, {}));
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, {}, {}));
  EXPECT_FALSE(digitised_at_reception(kCounter, kReceived, {{"Tờ khai", "original", 1, false, ""}}, {}));
}

class DigitisedCounter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("motcua-digitised-" + std::to_string(::getpid()));
    clock_ = std::make_shared<ManualClock>(kReceived);
    auto app = App::open(test_support::fresh_config(dir_), clock_);
    ASSERT_TRUE(app.ok()) << app.error().detail;
    app_ = std::move(app).value();
    ASSERT_TRUE(app_->seed().ok());
    auto login = app_->identity().login_staff("tiepnhan.camthanh", "MotCua@2026", "127.0.0.1");
    ASSERT_TRUE(login.ok()) << login.error().detail;
    desk_ = login->actor;
    auto procs = test_support::working_day_procedures(*app_, "ubnd-camthanh");
    ASSERT_FALSE(procs.empty());
    procedure_ = procs.back().id;
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string intake(bool receive) {
    IntakeInput in;
    in.procedure_id = procedure_;
    in.channel = dossier::Channel::counter;
    in.receive = receive;
    in.applicant.full_name = "Nguyễn Văn An";
    in.applicant.id_number = "051090001234";
    in.components = {{"Tờ khai", "original", 1, true}, {"Giấy khai sinh", "copy", 1, true}, {"Giấy ủy quyền", "original", 1, false}};
    auto v = app_->dossiers().intake(desk_, in, "", "");
    EXPECT_TRUE(v.ok()) << v.error().detail;
    return v.ok() ? v->dossier.id : std::string();
  }
  void scan(const std::string& id, const std::string& component) {
    const std::string pdf = "%PDF-1.4\n% scan of " + component + "\n%%EOF\n";
    auto d = app_->dossiers().upload(desk_, id, UploadInput{"scan.pdf", component, pdf});
    ASSERT_TRUE(d.ok()) << d.error().detail;
  }
  int64_t digitised(const std::string& day = "2026-04-20") {
    return test_support::count(*app_, "SELECT COALESCE(SUM(received_digitised), 0) FROM kpi_daily WHERE day = '" + day + "'");
  }
  std::filesystem::path dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<App> app_;
  Actor desk_;
  std::string procedure_;
};

TEST_F(DigitisedCounter, CountedOnceOnTheReceptionDayByTheTransactionThatCompletesIt) {
  // Received at the counter, then scanned: the second scan completes it (the missing component
  // is not asked for); a further file changes nothing.
  const std::string a = intake(true);
  EXPECT_EQ(digitised(), 0);
  scan(a, "Tờ khai");
  EXPECT_EQ(digitised(), 0);
  clock_->advance(5 * 60000);
  scan(a, "Giấy khai sinh");
  EXPECT_EQ(digitised(), 1);
  scan(a, "Tờ khai");
  EXPECT_EQ(digitised(), 1);
  // Scanned before reception (filed, then received): counted by the reception.
  const std::string c = intake(false);
  scan(c, "Tờ khai");
  scan(c, "Giấy khai sinh");
  EXPECT_EQ(digitised(), 1);
  ActionInput rcv;
  rcv.action = "receive";
  auto r = app_->dossiers().act(desk_, c, rcv);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(digitised(), 2);
  // Received without scans, one scan today and the other the next morning: not digitised.
  const std::string b = intake(true);
  scan(b, "Tờ khai");
  clock_->set(local_instant(Date{2026, 4, 21}, 8 * 60));
  scan(b, "Giấy khai sinh");
  EXPECT_EQ(digitised(), 2);
  EXPECT_EQ(digitised("2026-04-21"), 0);
  // Three received that day, two of them digitised; kpi-verify recounts exactly that.
  EXPECT_EQ(test_support::count(*app_, "SELECT SUM(received) FROM kpi_daily WHERE day = '2026-04-20'"), 3);
  auto check = verify_kpi(app_->db(), *app_->calendar().current(), false);
  ASSERT_TRUE(check.ok()) << check.error().detail;
  EXPECT_TRUE(check->differences.empty()) << check->differences.front();
  // A tampered counter is named.
  ASSERT_TRUE(app_->db().write([](sql::Connection& cn) {
    return cn.exec_script("UPDATE kpi_daily SET received_digitised = received_digitised + 1 WHERE day = '2026-04-20'");
  }).ok());
  check = verify_kpi(app_->db(), *app_->calendar().current(), false);
  ASSERT_TRUE(check.ok());
  bool named = false;
  for (const auto& d : check->differences) named = named || d.find("Bộ đếm received_digitised") != std::string::npos;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace motcua::app
