#include "domain/calendar/working_time.h"

#include <gtest/gtest.h>

#include "domain/calendar/test_calendars.h"

namespace motcua::calendar {
namespace {

using testing::at;
using testing::province;

Millis due_or_die(const Calendar& c, Millis received, int64_t amount, TimeUnit unit) {
  auto r = c.due(received, amount, unit);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? r.value() : 0;
}

std::string show(Millis t) { return format_rfc3339_local(t); }

TEST(WorkingTime, InWorkingHoursAndNextOpening) {
  Calendar c = province();
  EXPECT_TRUE(c.in_working_hours(at(2026, 3, 9, 7, 0)));
  EXPECT_TRUE(c.in_working_hours(at(2026, 3, 9, 11, 29)));
  EXPECT_FALSE(c.in_working_hours(at(2026, 3, 9, 11, 30)));
  EXPECT_FALSE(c.in_working_hours(at(2026, 3, 9, 6, 59)));
  EXPECT_TRUE(c.in_working_hours(at(2026, 3, 9, 13, 30)));
  EXPECT_FALSE(c.in_working_hours(at(2026, 3, 9, 17, 0)));
  EXPECT_FALSE(c.in_working_hours(at(2026, 3, 7, 9, 0)));   // Saturday
  EXPECT_FALSE(c.in_working_hours(at(2026, 2, 18, 9, 0)));  // Tết
  EXPECT_TRUE(c.in_working_hours(at(2025, 4, 26, 9, 0)));   // make-up Saturday

  EXPECT_EQ(c.next_opening(at(2026, 3, 9, 9, 15)), at(2026, 3, 9, 9, 15));
  EXPECT_EQ(c.next_opening(at(2026, 3, 9, 6, 0)), at(2026, 3, 9, 7, 0));
  EXPECT_EQ(c.next_opening(at(2026, 3, 9, 11, 45)), at(2026, 3, 9, 13, 30));
  EXPECT_EQ(c.next_opening(at(2026, 3, 9, 17, 0)), at(2026, 3, 10, 7, 0));
  EXPECT_EQ(c.next_opening(at(2026, 3, 6, 20, 0)), at(2026, 3, 9, 7, 0));  // Friday night → Monday
  EXPECT_EQ(c.next_working_day_start(Date{2026, 2, 13}), at(2026, 2, 23, 7, 0));
  EXPECT_EQ(c.next_working_day(Date{2025, 4, 25}), (Date{2025, 4, 26}));
  EXPECT_EQ(c.day_end(Date{2026, 3, 9}), at(2026, 3, 9, 17, 0));
}

TEST(WorkingTime, FridayAfternoonPlusOneWorkingDay) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 6, 16, 30), 1, TimeUnit::working_days)), show(at(2026, 3, 9, 16, 30)));
}

TEST(WorkingTime, ReceivedOnSaturday) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 7, 10, 0), 1, TimeUnit::working_days)), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 7, 10, 0), 2, TimeUnit::working_days)), show(at(2026, 3, 10, 17, 0)));
}

TEST(WorkingTime, ReceivedAtLunchStartsAt1330) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 11, 45), 2, TimeUnit::working_hours)), show(at(2026, 3, 10, 15, 30)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 11, 45), 0, TimeUnit::working_days)), show(at(2026, 3, 10, 13, 30)));
}

TEST(WorkingTime, ThreeWorkingDaysAcrossTet2026) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 2, 13, 10, 0), 3, TimeUnit::working_days)), show(at(2026, 2, 25, 10, 0)));
}

TEST(WorkingTime, AcrossTet2025AndTheSwap) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2025, 1, 24, 10, 0), 1, TimeUnit::working_days)), show(at(2025, 2, 3, 10, 0)));
  // Make-up Saturday 26/4/2025 is working time.
  EXPECT_EQ(show(due_or_die(c, at(2025, 4, 25, 16, 0), 1, TimeUnit::working_days)), show(at(2025, 4, 26, 16, 0)));
  // 30/4, 1/5 and the swapped Friday 2/5 are off.
  EXPECT_EQ(show(due_or_die(c, at(2025, 4, 29, 10, 0), 1, TimeUnit::working_days)), show(at(2025, 5, 5, 10, 0)));
}

TEST(WorkingTime, WorkingHoursAndPeriodEnds) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 9, 10, 0), 4, TimeUnit::working_hours)), show(at(2026, 3, 9, 16, 0)));
  // Ending exactly at the end of a period gives that end, not the next opening.
  EXPECT_EQ(show(c.add_working_minutes(at(2026, 3, 9, 7, 0), 270)), show(at(2026, 3, 9, 11, 30)));
  EXPECT_EQ(show(c.add_working_minutes(at(2026, 3, 9, 7, 0), 271)), show(at(2026, 3, 9, 13, 31)));
  EXPECT_EQ(show(c.add_working_minutes(at(2026, 3, 9, 7, 0), 480)), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(c.add_working_minutes(at(2026, 3, 9, 7, 0), -5)), show(at(2026, 3, 9, 7, 0)));
  EXPECT_EQ(show(c.add_working_minutes(at(2026, 3, 9, 18, 0), 0)), show(at(2026, 3, 10, 7, 0)));
  // 8 working hours = 1 working day.
  EXPECT_EQ(due_or_die(c, at(2026, 3, 9, 9, 0), 8, TimeUnit::working_hours),
            due_or_die(c, at(2026, 3, 9, 9, 0), 1, TimeUnit::working_days));
}

TEST(WorkingTime, CalendarDays) {
  Calendar c = province();
  // Wednesday + 4 days = Sunday → Monday, same time of day.
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 4, 10, 0), 4, TimeUnit::calendar_days)), show(at(2026, 3, 9, 10, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 4, 10, 0), 5, TimeUnit::calendar_days)), show(at(2026, 3, 9, 10, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 4, 10, 0), 6, TimeUnit::calendar_days)), show(at(2026, 3, 10, 10, 0)));
  // Received Saturday evening: counts from Monday 07:00.
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 7, 19, 0), 2, TimeUnit::calendar_days)), show(at(2026, 3, 11, 7, 0)));
  // Ending in Tết 2026 → first working day after it.
  EXPECT_EQ(show(due_or_die(c, at(2026, 2, 10, 14, 0), 7, TimeUnit::calendar_days)), show(at(2026, 2, 23, 14, 0)));
}

TEST(WorkingTime, SameDay) {
  Calendar c = province();
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 14, 59), 0, TimeUnit::same_day)), show(at(2026, 3, 10, 17, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 15, 0), 0, TimeUnit::same_day)), show(at(2026, 3, 10, 17, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 15, 1), 0, TimeUnit::same_day)), show(at(2026, 3, 11, 17, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 10, 6, 30), 1, TimeUnit::same_day)), show(at(2026, 3, 10, 17, 0)));
  // Friday after 15:00 → Monday.
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 13, 15, 30), 0, TimeUnit::same_day)), show(at(2026, 3, 16, 17, 0)));
  // Friday evening and Saturday → Monday.
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 13, 18, 0), 0, TimeUnit::same_day)), show(at(2026, 3, 16, 17, 0)));
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 14, 9, 0), 0, TimeUnit::same_day)), show(at(2026, 3, 16, 17, 0)));
  // Wednesday 29/4/2026 after 15:00; 30/4, 1/5 off, weekend → Monday 4/5.
  EXPECT_EQ(show(due_or_die(c, at(2026, 4, 29, 15, 30), 0, TimeUnit::same_day)), show(at(2026, 5, 4, 17, 0)));
}

TEST(WorkingTime, PaperHandover) {
  Calendar c = province();
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 9, 14, 0))), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 9, 15, 0))), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 9, 6, 30))), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 9, 12, 0))), show(at(2026, 3, 9, 17, 0)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 9, 15, 30))), show(at(2026, 3, 10, 11, 30)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 13, 16, 0))), show(at(2026, 3, 16, 11, 30)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 3, 14, 9, 0))), show(at(2026, 3, 16, 11, 30)));
  EXPECT_EQ(show(c.paper_handover_due(at(2026, 2, 13, 16, 0))), show(at(2026, 2, 23, 11, 30)));
}

TEST(WorkingTime, DueErrors) {
  Calendar c = province();
  auto none = c.due(at(2026, 3, 9, 9, 0), 5, TimeUnit::none);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::invalid);
  EXPECT_EQ(none.error().detail, "Thủ tục không quy định thời hạn giải quyết");
  EXPECT_EQ(c.due(at(2026, 3, 9, 9, 0), -1, TimeUnit::working_days).error().kind, ErrorKind::invalid);
  EXPECT_FALSE(c.due(at(2026, 3, 9, 9, 0), 3651, TimeUnit::working_days).ok());
  EXPECT_FALSE(c.due(at(2026, 3, 9, 9, 0), 3651, TimeUnit::calendar_days).ok());
  EXPECT_FALSE(c.due(at(2026, 3, 9, 9, 0), 3650 * 8 + 1, TimeUnit::working_hours).ok());
  EXPECT_TRUE(c.due(at(2026, 3, 9, 9, 0), 3650 * 8, TimeUnit::working_hours).ok());
  EXPECT_TRUE(c.due(at(2026, 3, 9, 9, 0), 3650, TimeUnit::working_days).ok());
  EXPECT_EQ(due_or_die(c, at(2026, 3, 7, 9, 0), 0, TimeUnit::working_days), at(2026, 3, 9, 7, 0));
}

TEST(WorkingTime, MinutesBetween) {
  Calendar c = province();
  EXPECT_EQ(c.working_minutes_between(at(2026, 3, 6, 16, 0), at(2026, 3, 9, 8, 0)), 120);
  EXPECT_EQ(c.working_minutes_between(at(2026, 3, 9, 8, 0), at(2026, 3, 6, 16, 0)), -120);
  EXPECT_EQ(c.working_minutes_between(at(2026, 3, 9, 8, 0), at(2026, 3, 9, 8, 0)), 0);
  EXPECT_EQ(c.working_minutes_between(at(2026, 3, 9, 11, 0), at(2026, 3, 9, 14, 0)), 60);
  EXPECT_EQ(c.working_minutes_between(at(2026, 2, 13, 17, 0), at(2026, 2, 23, 7, 0)), 0);  // Tết
  EXPECT_EQ(c.working_minutes_between(at(2026, 3, 9, 0, 0), at(2026, 3, 16, 0, 0)), 5 * 480);
  // Inverse of add_working_minutes from an opening.
  Millis s = at(2026, 2, 12, 9, 10);
  EXPECT_EQ(c.working_minutes_between(s, c.add_working_minutes(s, 2000)), 2000);
}

TEST(WorkingTime, PauseAcrossWeekendExtendsByWorkingMinutesOnly) {
  Calendar c = province();
  Millis due = at(2026, 3, 11, 10, 0);
  // Paused Friday 16:00, resumed Monday 08:00: 120 working minutes elapsed.
  EXPECT_EQ(show(c.extend_for_pause(due, at(2026, 3, 6, 16, 0), at(2026, 3, 9, 8, 0))), show(at(2026, 3, 11, 14, 0)));
  // Pause entirely outside working time: unchanged.
  EXPECT_EQ(c.extend_for_pause(due, at(2026, 3, 7, 8, 0), at(2026, 3, 8, 20, 0)), due);
  EXPECT_EQ(c.extend_for_pause(due, at(2026, 3, 9, 8, 0), at(2026, 3, 9, 7, 0)), due);
  // Due at 17:00, one working hour paused → next day 08:00.
  EXPECT_EQ(show(c.extend_for_pause(at(2026, 3, 11, 17, 0), at(2026, 3, 9, 8, 0), at(2026, 3, 9, 9, 0))),
            show(at(2026, 3, 12, 8, 0)));
}

TEST(WorkingTime, Classify) {
  Millis due = at(2026, 3, 11, 10, 0);
  EXPECT_EQ(classify(due, due), Timeliness::on_time);
  EXPECT_EQ(classify(due + kMinute, due), Timeliness::late);
  EXPECT_EQ(classify(due + 1, due), Timeliness::late);
  EXPECT_EQ(classify(at(2026, 3, 11, 7, 30), due), Timeliness::on_time);
  EXPECT_EQ(classify(at(2026, 3, 11, 0, 0), due), Timeliness::on_time);
  EXPECT_EQ(classify(at(2026, 3, 10, 23, 59), due), Timeliness::early);
  EXPECT_EQ(classify(at(2026, 3, 10, 16, 0), due), Timeliness::early);
  EXPECT_EQ(timeliness_vi(Timeliness::early), "trước hạn");
  EXPECT_EQ(timeliness_vi(Timeliness::on_time), "đúng hạn");
  EXPECT_EQ(timeliness_vi(Timeliness::late), "quá hạn");
}

TEST(WorkingTime, TimelinessStoredNamesParseBack) {
  for (auto t : {Timeliness::early, Timeliness::on_time, Timeliness::late}) EXPECT_EQ(parse_timeliness(to_string(t)), t);
  EXPECT_EQ(to_string(Timeliness::on_time), "on_time");
  EXPECT_FALSE(parse_timeliness(""));  // a dossier not decided yet
  EXPECT_FALSE(parse_timeliness("Late"));
}

TEST(WorkingTime, TimeUnitStrings) {
  for (TimeUnit u : {TimeUnit::working_days, TimeUnit::working_hours, TimeUnit::calendar_days, TimeUnit::same_day,
                     TimeUnit::none}) {
    auto back = parse_time_unit(to_string(u));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value(), u);
  }
  EXPECT_EQ(to_string(TimeUnit::calendar_days), "calendar_days");
  EXPECT_EQ(parse_time_unit("days").error().kind, ErrorKind::invalid);
  EXPECT_FALSE(parse_time_unit("").ok());
}

TEST(WorkingTime, CustomHours) {
  WorkingHours h = default_hours();
  h.periods = {{450, 690}, {810, 1050}};  // 07:30–11:30, 13:30–17:30
  h.weekday_working[6] = true;           // Saturday morning too, whole day here
  Calendar c(h, {});
  EXPECT_EQ(h.minutes_per_day(), 480);
  EXPECT_TRUE(c.is_working_day(Date{2026, 3, 7}));
  EXPECT_EQ(c.reason(Date{2026, 3, 7}), "Ngày làm việc");
  EXPECT_EQ(show(due_or_die(c, at(2026, 3, 6, 17, 0), 1, TimeUnit::working_days)), show(at(2026, 3, 7, 17, 0)));
}

}  // namespace
}  // namespace motcua::calendar

namespace motcua::calendar {
namespace {

TEST(TimeUnitFromNational, TheWordsOfTheNationalProcedureDatabase) {
  EXPECT_EQ(time_unit_from_national("Ngày làm việc"), TimeUnit::working_days);
  EXPECT_EQ(time_unit_from_national("Ngày"), TimeUnit::calendar_days);
  EXPECT_EQ(time_unit_from_national("Giờ"), TimeUnit::working_hours);
  EXPECT_EQ(time_unit_from_national("Giờ làm việc"), TimeUnit::working_hours);
  EXPECT_EQ(time_unit_from_national("Tháng"), std::nullopt);
  EXPECT_EQ(time_unit_from_national(""), std::nullopt);
}

}  // namespace
}  // namespace motcua::calendar
