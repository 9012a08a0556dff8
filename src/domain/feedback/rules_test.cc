#include "domain/feedback/rules.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/calendar/test_calendars.h"

#ifndef MOTCUA_SOURCE_DIR
#define MOTCUA_SOURCE_DIR "."
#endif

namespace motcua::feedback {
namespace {


Rules seed() {
  std::ifstream f(std::string(MOTCUA_SOURCE_DIR) + "/data/seed/feedback_rules.json");
  std::stringstream ss;
  ss << f.rdbuf();
  auto r = parse_rules(ss.str());
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
  return r.ok() ? *r : Rules{};
}

calendar::Calendar cal2026() {
  auto y = calendar::testing::official_2026();
  return calendar::Calendar(calendar::default_hours(), y.days);
}

TEST(FeedbackRules, SeedFileCarriesEveryRuleWithItsBasis) {
  Rules r = seed();
  EXPECT_EQ(r.intake_agency_id, "ttphcc");
  // NĐ 20/2008 Điều 9.1.d: passed on to the competent agency within 05 working days
  // (docs/legal_sources.md §2); the decree sets no handling period, so those two are the
  // province's choice and say so.
  EXPECT_EQ(r.classify.amount, 5);
  EXPECT_NE(r.classify.basis.find("Điều 9"), std::string::npos);
  EXPECT_EQ(r.handle_phan_anh.amount, 10);
  EXPECT_EQ(r.handle_kien_nghi.amount, 20);
  EXPECT_EQ(r.handle_phan_anh.basis.rfind("Giả định", 0), 0u);
  EXPECT_EQ(r.handle_kien_nghi.basis.rfind("Giả định", 0), 0u);
  EXPECT_EQ(r.on_transfer, OnTransfer::restart);
  EXPECT_NE(r.identity_basis.find("Điều 7"), std::string::npos);
  EXPECT_TRUE(r.knows_field("Hộ tịch"));
  EXPECT_FALSE(r.knows_field("Không có"));
}

TEST(FeedbackRules, PeriodWithoutBasisIsRefused) {
  auto r = parse_rules(R"({"intake_agency_id":"x","identity":{"anonymous_reply":"a","incomplete_reply":"b"},
    "deadlines":{"classify":{"amount":3,"unit":"working_days"}},"fields":["Khác"]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("căn cứ pháp lý"), std::string::npos);
}

TEST(FeedbackRules, AnonymousAndIncompleteGetTheirAnswers) {
  Rules r = seed();
  auto anon = check_intake(r, Sender{});
  EXPECT_EQ(anon.verdict, Verdict::refuse_anonymous);
  EXPECT_EQ(anon.code(), "anonymous");
  EXPECT_NE(anon.reason.find("không ghi rõ họ tên"), std::string::npos);
  auto incomplete = check_intake(r, Sender{true});
  EXPECT_EQ(incomplete.verdict, Verdict::refuse_incomplete);
  EXPECT_NE(incomplete.reason.find("số điện thoại"), std::string::npos);
  EXPECT_EQ(check_intake(r, Sender{true, true}).verdict, Verdict::accept);
  EXPECT_EQ(check_intake(r, Sender{true, false, false, true}).verdict, Verdict::accept);
  // A logged-in citizen is named by the session, yet still needs a way to be answered.
  Sender citizen;
  citizen.citizen = true;
  EXPECT_EQ(check_intake(r, citizen).verdict, Verdict::refuse_incomplete);
  citizen.email = true;
  EXPECT_EQ(check_intake(r, citizen).code(), "accepted");
}

TEST(FeedbackRules, AZaloFollowerIsIdentifiedOnlyWhenTheRulesSaySo) {
  Rules r = seed();
  ASSERT_TRUE(r.zalo_follower_identified);
  Sender follower;
  follower.zalo = true;
  EXPECT_EQ(check_intake(r, follower).verdict, Verdict::accept);
  r.zalo_follower_identified = false;
  EXPECT_EQ(check_intake(r, follower).verdict, Verdict::refuse_anonymous);
}

TEST(FeedbackRules, TextLimits) {
  Rules r = seed();
  EXPECT_TRUE(check_text(r, "", "Cán bộ hẹn ba lần chưa trả kết quả").ok());
  auto empty = check_text(r, "", "   \n");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields.at(0).field, "content");
  EXPECT_FALSE(check_text(r, "", "ngắn").ok());
  EXPECT_FALSE(check_text(r, std::string(201, 'a'), "Nội dung đủ dài để xét").ok());
  // Lengths are code points: 200 Vietnamese letters of 2–3 bytes each fit.
  std::string title;
  for (int i = 0; i < 200; ++i) title += "ệ";
  EXPECT_TRUE(check_text(r, title, "Nội dung đủ dài để xét").ok());
}

TEST(FeedbackRules, HandlingDeadlineSkipsTet2026) {
  Rules r = seed();
  auto cal = cal2026();
  // Filed Thursday 12 Feb 2026 at 09:00: 10 working days skip the Tết week (16–20 Feb off).
  Millis from = local_instant(Date{2026, 2, 12}, 9 * 60);
  auto due = due_after(cal, from, r.handle_phan_anh);
  ASSERT_TRUE(due.ok());
  // 12 Feb from 09:00 (360 min), 13 Feb (480), Tết 14–22 Feb, then 23, 24, 25, 26, 27 Feb,
  // 2, 3, 4 Mar (3840) and 120 minutes of Thursday 5 March.
  EXPECT_EQ(*due, local_instant(Date{2026, 3, 5}, 9 * 60));
}

TEST(FeedbackRules, FiledAtNightStartsAtTheNextOpening) {
  Rules r = seed();
  auto cal = cal2026();
  // Friday 4 Dec 2026 at 22:00 → Monday 7 Dec 07:00; 5 working days end at 17:00 on
  // Friday 11 December.
  Millis from = local_instant(Date{2026, 12, 4}, 22 * 60);
  auto due = due_after(cal, from, r.classify);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(*due, local_instant(Date{2026, 12, 11}, 17 * 60));
}

TEST(FeedbackRules, ReminderTwoWorkingDaysBeforeTheEnd) {
  Rules r = seed();
  auto cal = cal2026();
  Millis from = local_instant(Date{2026, 12, 1}, 8 * 60);  // Tuesday 08:00
  auto due = due_after(cal, from, r.handle_phan_anh);
  auto rem = remind_at(r, cal, from, r.handle_phan_anh);
  ASSERT_TRUE(due.ok() && rem.ok());
  EXPECT_EQ(cal.working_minutes_between(*rem, *due), 2 * 480);
  // A period no longer than the reminder reminds at once.
  Period short_one{1, calendar::TimeUnit::working_days, "x"};
  EXPECT_EQ(*remind_at(r, cal, from, short_one), from);
}

TEST(FeedbackRules, RedactRemovesPersonalData) {
  const std::string in =
      "Tôi là Nguyễn Văn An, số điện thoại 0905 123 456, CCCD 001203004567, thư an.nguyen@example.vn. "
      "Hồ sơ 123 ngày 12/3 của ông nguyễn văn an.";
  std::string out = redact(in, {"Nguyễn Văn An"});
  EXPECT_EQ(out.find("0905"), std::string::npos);
  EXPECT_EQ(out.find("001203004567"), std::string::npos);
  EXPECT_EQ(out.find("example.vn"), std::string::npos);
  EXPECT_EQ(out.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_NE(out.find("Hồ sơ 123 ngày 12/3"), std::string::npos);  // short numbers are kept
  EXPECT_NE(out.find("[đã ẩn]"), std::string::npos);
  EXPECT_EQ(redact("<script>alert(1)</script>", {}), "<script>alert(1)</script>");  // stored as-is
}

}  // namespace
}  // namespace motcua::feedback
