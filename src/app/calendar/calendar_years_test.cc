// The calendar in force for a year nobody seeded, and a year's official decision recorded over
// dossiers already appointed in it: kept unless their day becomes a day off, then moved to the
// next working day, written to the dossier, its history, the audit chain and the portal's outbox
// in the decision's transaction.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/app.h"
#include "app/test_support.h"
#include "domain/calendar/holidays.h"
#include "store/repo.h"

namespace motcua::app {
namespace {

Millis at(int y, int mo, int d, int h) { return local_instant(Date{y, mo, d}, h * 60); }

class CalendarYearsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("motcua-calyears-" + std::to_string(::getpid()));
    Config cfg = test_support::fresh_config(dir_);
    // Dossiers are received in January 2031, a year without seed data.
    clock_ = std::make_shared<ManualClock>(at(2031, 1, 13, 9));
    auto app = App::open(cfg, clock_);
    ASSERT_TRUE(app.ok()) << app.error().detail;
    app_ = std::move(app).value();
    ASSERT_TRUE(app_->seed().ok());
    desk_ = login("tiepnhan.camthanh");
    admin_ = login("quantritinh.tinh");
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  Actor login(const std::string& user) {
    auto l = app_->identity().login_staff(user, "MotCua@2026", "127.0.0.1");
    EXPECT_TRUE(l.ok()) << user;
    return l.ok() ? l->actor : Actor{};
  }
  int64_t count(const std::string& sql) { return test_support::count(*app_, sql); }
  DossierView receive() {
    IntakeInput in;
    int64_t longest = 0;
    for (auto& p : test_support::working_day_procedures(*app_, "ubnd-camthanh"))
      if (p.time_amount > longest) {
        longest = p.time_amount;
        in.procedure_id = p.id;
      }
    in.channel = dossier::Channel::counter;
    in.receive = true;
    in.applicant.full_name = "Nguyễn Văn An";
    in.applicant.id_number = "051090001234";
    auto v = app_->dossiers().intake(desk_, in, "", "");
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().detail);
    return v.ok() ? *v : DossierView{};
  }
  std::filesystem::path dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<App> app_;
  Actor desk_, admin_;
};

TEST_F(CalendarYearsTest, AYearWithoutSeedDataHasItsTetAndDeadlinesSkipIt) {
  auto cal = app_->calendar().current();
  // Tết 2031: Thursday 23 Jan (Hồ Ngọc Đức's tables); off Wed 22 .. Sun 26, Mon 27 and Tue 28
  // in compensation for the weekend days.
  for (int d = 22; d <= 28; ++d) EXPECT_FALSE(cal->is_working_day(Date{2031, 1, d})) << d;
  EXPECT_EQ(cal->reason(Date{2031, 1, 23}), "Tết Nguyên đán");
  EXPECT_TRUE(cal->is_working_day(Date{2031, 1, 29}));
  // A dossier received on Monday 13 Jan 2031 is due after the Tết week, as the calendar says.
  auto v = receive();
  auto expect = cal->due(v.dossier.received_at, v.procedure.time_amount, calendar::TimeUnit::working_days);
  ASSERT_TRUE(expect.ok());
  EXPECT_EQ(v.dossier.due_at, *expect);
  EXPECT_GT(local_date(v.dossier.due_at), (Date{2031, 1, 28}));
}

TEST_F(CalendarYearsTest, TheDecisionKeepsAppointmentsUnlessTheirDayIsOff) {
  auto a = receive();
  clock_->set(at(2031, 1, 13, 10));
  auto b = receive();
  const Date day_a = local_date(a.dossier.due_at);
  ASSERT_EQ(day_a.year, 2031);

  // The years as the province administrator sees them: 2031 from the rules, two dossiers.
  auto years = app_->calendar().years(admin_);
  ASSERT_TRUE(years.ok()) << years.error().detail;
  const YearStatus* y2031 = nullptr;
  for (const auto& y : *years)
    if (y.year == 2031) y2031 = &y;
  ASSERT_NE(y2031, nullptr);
  EXPECT_FALSE(y2031->official);
  EXPECT_EQ(y2031->dossiers_due, 2);
  EXPECT_EQ(y2031->sample_codes.front(), a.dossier.code);
  EXPECT_EQ(app_->calendar().years(desk_).error().kind, ErrorKind::forbidden);

  // The decision: the rules of 2031, and the day of a's appointment off as well.
  YearDecision d{2031, "Thông báo thử nghiệm", calendar::rule_days_for_year(2031)};
  d.days.push_back(calendar::DayRule{day_a, false, "Nghỉ (quyết định thử nghiệm)"});
  EXPECT_EQ(app_->calendar().decide_year(desk_, d).error().kind, ErrorKind::forbidden);
  const int64_t audit_before = count("SELECT COUNT(*) FROM audit_log");
  const int64_t outbox_before = count("SELECT COUNT(*) FROM outbox");
  auto r = app_->calendar().decide_year(admin_, d);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(r->changed);
  const bool b_same_day = local_date(b.dossier.due_at) == day_a;
  ASSERT_EQ(r->moved.size(), b_same_day ? 2u : 1u);
  EXPECT_EQ(r->moved[0].code, a.dossier.code);
  EXPECT_EQ(r->moved[0].from, a.dossier.due_at);
  // The same time on the next working day, never earlier.
  auto cal = app_->calendar().current();
  EXPECT_FALSE(cal->is_working_day(day_a));
  const Date next = cal->next_working_day(day_a);
  EXPECT_EQ(r->moved[0].to, a.dossier.due_at + (days_from_civil(next) - days_from_civil(day_a)) * kDay);

  auto after = app_->dossiers().dossier(desk_, a.dossier.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->dossier.due_at, r->moved[0].to);
  EXPECT_EQ(after->dossier.version, a.dossier.version + 1);
  ASSERT_FALSE(after->events.empty());
  EXPECT_EQ(after->events.back().action, "appointment_moved");
  EXPECT_EQ(after->events.back().actor, admin_.label());
  // Per moved dossier: its audit record and a sync message; and the decision's own record.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log") - audit_before, int64_t(r->moved.size()) + 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.decide_year'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox") - outbox_before, int64_t(r->moved.size()));
  if (!b_same_day) {
    auto kept = app_->dossiers().dossier(desk_, b.dossier.id);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->dossier.due_at, b.dossier.due_at);
  }

  // Recorded once: the same decision again writes nothing.
  auto again = app_->calendar().decide_year(admin_, d);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  EXPECT_TRUE(again->moved.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.decide_year'"), 1);
  years = app_->calendar().years(admin_);
  ASSERT_TRUE(years.ok());
  for (const auto& y : *years)
    if (y.year == 2031) EXPECT_TRUE(y.official);
}

}  // namespace
}  // namespace motcua::app
