#include "integrations/dvcqg/protocol.h"

#include <gtest/gtest.h>

namespace motcua::integrations::dvcqg {
namespace {
namespace json = boost::json;

// 2026-11-28 10:30:05 in Vietnam is 03:30:05 UTC.
constexpr Millis kT = 1795836605000;

TEST(DvcqgProtocol, DatesAreVietnamWallClock) {
  EXPECT_EQ(national_time(kT), "20261128103005");
  EXPECT_EQ(national_time(0), "");
  ASSERT_TRUE(parse_national_time("20261128103005"));
  EXPECT_EQ(*parse_national_time("20261128103005"), kT);
  // Just before midnight UTC is already the next day in Vietnam.
  EXPECT_EQ(national_time(kT + 14 * kHour), "20261129003005");
  for (const char* bad : {"2026112810300", "202611281030055", "20261131103005", "20261128243005", "2026-11-28T10"})
    EXPECT_FALSE(parse_national_time(bad)) << bad;
}

TEST(DvcqgProtocol, PayloadToDossierAndProgressItems) {
  json::object p{{"service", "DongBoHoSoMC"}, {"dossier_id", "d1"}, {"code", "000.00.12.H51-261128-0007"},
                 {"status", 9}, {"at", kT}, {"procedure_id", "p1"}, {"competent_agency_id", "a1"},
                 {"receiving_agency_id", "a2"}, {"channel", 2}, {"applicant_name", "Nguyễn Văn An"},
                 {"received_at", kT - kDay}, {"due_at", kT + kDay}, {"resolved_at", kT}, {"returned_at", 0},
                 {"action", "resolve_granted"}, {"actor", "staff:lanhdao"}, {"note", ""}};
  auto e = parse_sync_event(json::serialize(p));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->dossier_id, "d1");
  EXPECT_EQ(e->status, 9);
  Facts f{{"1.005129", "Đăng ký khai sinh", "Hộ tịch"}, {"000.00.12.H51", "UBND xã A"}, {"000.00.13.H51", "UBND xã B"}};
  auto item = dossier_item(*e, f);
  EXPECT_EQ(item.at("MaHoSo").as_string(), "000.00.12.H51-261128-0007");
  EXPECT_EQ(item.at("MaTTHC").as_string(), "1.005129");
  EXPECT_EQ(item.at("TrangThaiHoSo").as_string(), "9");
  EXPECT_EQ(item.at("NgayTiepNhan").as_string(), "20261127103005");
  EXPECT_EQ(item.at("NgayHenTra").as_string(), "20261129103005");
  EXPECT_EQ(item.at("NgayTra").as_string(), "");
  EXPECT_EQ(item.at("DonViXuLy").as_string(), "UBND xã A");
  auto step = progress_item(*e, f);
  EXPECT_EQ(step.at("TrangThai").as_string(), "9");
  EXPECT_EQ(step.at("ThoiDiemXuLy").as_string(), "20261128103005");
  EXPECT_EQ(step.at("NguoiXuLy").as_string(), "staff:lanhdao");
  EXPECT_EQ(step.at("NoiDungXuLy").as_string(), "resolve_granted");
  auto body = json::parse(request_body("s1", "000.00.00.H51", "DongBoHoSoMC", item, true)).as_object();
  EXPECT_EQ(body.at("session").as_string(), "s1");
  EXPECT_EQ(body.at("isUpdating").as_string(), "True");
  EXPECT_EQ(body.at("data").as_array().size(), 1u);
  // An older row (code only) still parses; a row without a code is refused.
  auto old = parse_sync_event(R"({"service":"DongBoHoSoMC","code":"X-1","status":2,"at":1})");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->dossier_id, "X-1");
  EXPECT_EQ(parse_sync_event(R"({"status":2})").error().kind, ErrorKind::invalid);
  EXPECT_EQ(parse_sync_event("nope").error().kind, ErrorKind::invalid);
}

TEST(DvcqgProtocol, AnswersClassified) {
  EXPECT_EQ(classify(200, R"({"error_code":0,"message":"ok"})").outcome, Outcome::ok);
  EXPECT_EQ(classify(200, R"({"error_code":"00"})").outcome, Outcome::ok);
  EXPECT_EQ(classify(200, R"({"error_code":0,"session":"abc"})").session, "abc");
  EXPECT_EQ(classify(200, R"({"error_code":-1,"message":"het han"})").outcome, Outcome::session_expired);
  EXPECT_EQ(classify(401, "").outcome, Outcome::session_expired);
  EXPECT_EQ(classify(500, "x").outcome, Outcome::transient);
  EXPECT_EQ(classify(503, "").outcome, Outcome::transient);
  EXPECT_EQ(classify(200, "<html>").outcome, Outcome::transient);
  EXPECT_EQ(classify(200, R"({"message":"no code"})").outcome, Outcome::transient);
  EXPECT_EQ(classify(200, R"({"error_code":"abc"})").outcome, Outcome::transient);
  auto refused = classify(200, R"({"error_code":2,"message":"TrangThaiHoSo: không thể chuyển từ 2 sang 10"})");
  EXPECT_EQ(refused.outcome, Outcome::refused);
  EXPECT_NE(refused.detail.find("không thể chuyển"), std::string::npos);
  EXPECT_EQ(classify(404, "").outcome, Outcome::refused);
}

}  // namespace
}  // namespace motcua::integrations::dvcqg
