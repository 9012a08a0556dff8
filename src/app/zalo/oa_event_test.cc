// The Zalo OA webhook's checks: the signature exactly as Zalo publishes it (a vector computed
// with Python's hashlib), forged and tampered deliveries, the replay window, and the bot's
// reading of texts.
#include "app/zalo/oa_event.h"

#include <gtest/gtest.h>

namespace motcua::app::zalo {
namespace {

const std::string kApp = "4291763606161179100";
const std::string kSecret = "oa-secret-key";
const Millis kAt = 1764892800000;  // 2025-12-05T00:00:00Z

std::string text_event(const std::string& text, const std::string& ts = "1764892800000") {
  return R"({"app_id":"4291763606161179100","sender":{"id":"8493201"},"user_id_by_app":"55","recipient":{"id":"oa1"},)"
         R"("event_name":"user_send_text","message":{"text":")" +
         text + R"(","msg_id":"m-1"},"timestamp":")" + ts + R"("})";
}

TEST(ZaloEvent, MacIsSha256OfAppIdBodyTimestampAndOaSecret) {
  // python3 -c 'import hashlib;print(hashlib.sha256(b"a1{\"x\":1}123s3").hexdigest())'
  EXPECT_EQ(event_mac("a1", R"({"x":1})", "123", "s3"),
            "mac=1d396267c16d3cef33800bf4b3ea5e9e445bb55488f521640da5fc647a4045b5");
}

TEST(ZaloEvent, AGoodDeliveryIsReadWithItsSender) {
  const std::string body = text_event("tra cứu 000.00.01.H55-250301-0001");
  auto e = verify_event(body, event_mac(kApp, body, "1764892800000", kSecret), kApp, kSecret, kAt + 1000, 300'000);
  ASSERT_TRUE(e.ok()) << e.error().detail;
  EXPECT_EQ(e->event_name, "user_send_text");
  EXPECT_EQ(e->user_id, "8493201");
  EXPECT_EQ(e->msg_id, "m-1");
  EXPECT_EQ(e->at, kAt);
  EXPECT_EQ(replay_key(*e, body), "msg:m-1");
}

TEST(ZaloEvent, ForgedOrTamperedDeliveriesAreRefused) {
  const std::string body = text_event("xin chào");
  const std::string good = event_mac(kApp, body, "1764892800000", kSecret);
  for (const std::string& sig : {std::string(), std::string("mac=00"), event_mac(kApp, body, "1764892800000", "other"),
                                 good.substr(4)}) {
    auto e = verify_event(body, sig, kApp, kSecret, kAt, 300'000);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, "zalo_signature_invalid");
  }
  // The body changed after signing (the text), the signature kept.
  auto e = verify_event(text_event("xin chao"), good, kApp, kSecret, kAt, 300'000);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "zalo_signature_invalid");
}

TEST(ZaloEvent, EventsOutsideTheWindowAreRefusedEvenWhenSigned) {
  const std::string body = text_event("a");
  const std::string sig = event_mac(kApp, body, "1764892800000", kSecret);
  EXPECT_TRUE(verify_event(body, sig, kApp, kSecret, kAt + 300'000, 300'000).ok());
  auto late = verify_event(body, sig, kApp, kSecret, kAt + 300'001, 300'000);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "zalo_event_stale");
  auto early = verify_event(body, sig, kApp, kSecret, kAt - 300'001, 300'000);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "zalo_event_stale");
}

TEST(ZaloEvent, AnotherAppsEventIsRefused) {
  std::string body = text_event("a");
  body.replace(body.find(kApp), kApp.size(), "999");
  auto e = verify_event(body, event_mac(kApp, body, "1764892800000", kSecret), kApp, kSecret, kAt, 300'000);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().kind, ErrorKind::invalid);
}

TEST(ZaloEvent, FollowEventsAreKeyedByTheirBody) {
  const std::string body =
      R"({"oa_id":"oa1","follower":{"id":"777"},"user_id_by_app":"5","event_name":"follow","source":"oa_profile",)"
      R"("app_id":"4291763606161179100","timestamp":"1764892800000"})";
  auto e = parse_event(body);
  ASSERT_TRUE(e.ok()) << e.error().detail;
  EXPECT_EQ(e->user_id, "777");
  EXPECT_EQ(replay_key(*e, body).rfind("body:", 0), 0u);
}

TEST(ZaloEvent, MalformedBodiesAreInvalid) {
  for (const char* b : {"", "[]", "{}", R"({"event_name":"follow","app_id":"1","timestamp":"x1"})",
                        R"({"event_name":"user_send_text","app_id":"1","timestamp":"1","sender":{"id":"2"},"message":{"text":"a"}})"}) {
    auto e = parse_event(b);
    EXPECT_FALSE(e.ok()) << b;
  }
  std::string huge(2001, 'a');
  EXPECT_FALSE(parse_event(text_event(huge)).ok());
}

TEST(ZaloCommand, TextsAreReadWithoutDiacriticsOrCase) {
  auto c = parse_command("Tra Cứu   000.00.01.H55-250301-0001 ");
  EXPECT_EQ(c.kind, Command::Kind::lookup);
  EXPECT_EQ(c.argument, "000.00.01.H55-250301-0001");
  EXPECT_EQ(parse_command("000.00.01.H55-250301-0001").kind, Command::Kind::lookup);
  auto f = parse_command("phản ánh Cán bộ hẹn trả nhưng chưa trả");
  EXPECT_EQ(f.kind, Command::Kind::feedback);
  EXPECT_FALSE(f.proposal);
  EXPECT_EQ(f.argument, "Cán bộ hẹn trả nhưng chưa trả");
  auto k = parse_command("KIẾN NGHỊ rút ngắn thời hạn");
  EXPECT_TRUE(k.proposal);
  EXPECT_EQ(parse_command("liên kết").kind, Command::Kind::link);
  EXPECT_EQ(parse_command("Hủy liên kết").kind, Command::Kind::unlink);
  EXPECT_EQ(parse_command("liên kết ngay").kind, Command::Kind::link);
  EXPECT_EQ(parse_command("xin chào").kind, Command::Kind::help);
  EXPECT_EQ(parse_command("phản ánhx").kind, Command::Kind::help);
}

}  // namespace
}  // namespace motcua::app::zalo
