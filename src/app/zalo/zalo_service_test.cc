// Feedback by Zalo through the feedback context's Intake (the contract app/feedback/intake.h):
// a signed "phản ánh …" becomes one Submission (channel zalo, external_id = msg_id) and the
// case's code goes back to the follower; the rules' refusal is answered; a store that cannot
// file now leaves no trace, so Zalo's next delivery files it. The Intake here records what it is
// given (test only: the real one is the feedback context's).
#include "app/zalo/zalo_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/test_support.h"

namespace motcua::app {
namespace {

class RecordingIntake final : public feedback::Intake {
 public:
  ErrorKind fail = ErrorKind::internal;  // internal: do not fail
  std::vector<feedback::Submission> got;
  Result<feedback::Filed> file(const feedback::Submission& s) override {
    if (fail == ErrorKind::invalid) {
      Error e = make_error(ErrorKind::invalid, "Phản ánh chưa đủ thông tin.");
      e.fields.push_back({"sender_name", "Cần họ tên người phản ánh"});
      return e;
    }
    if (fail == ErrorKind::unavailable) return make_error(ErrorKind::unavailable, "CSDL bận");
    got.push_back(s);
    return feedback::Filed{"case-1", "PAKN-2026-000123", false};
  }
};

struct Fixture {
  std::unique_ptr<App> app;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(1'796'400'000'000);
  RecordingIntake intake;
  std::unique_ptr<ZaloService> zalo;
  Config cfg;
  int seq = 0;

  Fixture() {
    cfg = test_support::fresh_config(std::filesystem::temp_directory_path() / "motcua-zalo-service-test");
    cfg.synchronous_full = false;
    cfg.zalo_app_id = "app-1";
    cfg.zalo_oa_secret = "oa-secret";
    auto a = App::open(cfg, clock);
    EXPECT_TRUE(a.ok()) << a.error().detail;
    app = std::move(a).value();
    zalo = std::make_unique<ZaloService>(cfg, app->db(), app->dossiers(), &intake, *clock);
  }

  Result<ZaloWebhookResult> text(const std::string& user, const std::string& t, const std::string& msg_id) {
    const std::string ts = std::to_string(clock->now());
    const std::string body = boost::json::serialize(boost::json::object{
        {"app_id", "app-1"}, {"event_name", "user_send_text"}, {"timestamp", ts},
        {"sender", boost::json::object{{"id", user}}}, {"recipient", boost::json::object{{"id", "oa"}}},
        {"message", boost::json::object{{"text", t}, {"msg_id", msg_id}}}});
    return zalo->receive(body, zalo::event_mac("app-1", body, ts, "oa-secret"));
  }

  std::vector<std::string> replies(const std::string& user) {
    std::vector<std::string> out;
    EXPECT_TRUE(app->db().read([&](sql::Connection& c) -> Status {
                     MC_ASSIGN(auto rows, c.query("SELECT payload FROM outbox WHERE topic = 'zalo.reply' ORDER BY id"));
                     for (auto& r : rows) {
                       auto v = boost::json::parse(r.text(0)).as_object();
                       if (v.at("user_id").as_string() == user) out.push_back(std::string(v.at("text").as_string()));
                     }
                     return ok_status();
                   }).ok());
    return out;
  }
};

TEST(ZaloFeedback, ATextBecomesOneSubmissionAndTheCodeGoesBack) {
  Fixture f;
  auto r = f.text("u1", "Phản ánh  Bộ phận một cửa hẹn trả nhưng chưa trả", "m-100");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->action, "feedback");
  ASSERT_EQ(f.intake.got.size(), 1u);
  const auto& s = f.intake.got[0];
  EXPECT_EQ(s.channel, feedback::Channel::zalo);
  EXPECT_EQ(s.kind, feedback::Kind::phan_anh);
  EXPECT_EQ(s.content, "Bộ phận một cửa hẹn trả nhưng chưa trả");
  EXPECT_EQ(s.zalo_user_id, "u1");
  EXPECT_EQ(s.external_id, "m-100");
  EXPECT_TRUE(s.citizen_id.empty());
  auto out = f.replies("u1");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("Đã tiếp nhận phản ánh của Ông/Bà, mã PAKN-2026-000123"), std::string::npos);
  // The same delivery again: refused, nothing filed or answered twice.
  auto again = f.text("u1", "Phản ánh  Bộ phận một cửa hẹn trả nhưng chưa trả", "m-100");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "zalo_event_replayed");
  EXPECT_EQ(f.intake.got.size(), 1u);
  EXPECT_EQ(f.replies("u1").size(), 1u);
}

TEST(ZaloFeedback, AProposalIsAKienNghi) {
  Fixture f;
  ASSERT_TRUE(f.text("u2", "kiến nghị Mở cửa thứ Bảy", "m-200").ok());
  ASSERT_EQ(f.intake.got.size(), 1u);
  EXPECT_EQ(f.intake.got[0].kind, feedback::Kind::kien_nghi);
  EXPECT_NE(f.replies("u2")[0].find("Đã tiếp nhận kiến nghị"), std::string::npos);
}

TEST(ZaloFeedback, TheRulesRefusalIsAnsweredWithTheirReasons) {
  Fixture f;
  f.intake.fail = ErrorKind::invalid;
  ASSERT_TRUE(f.text("u3", "phản ánh x", "m-300").ok());
  auto out = f.replies("u3");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].find("Chưa tiếp nhận được phản ánh, kiến nghị: Phản ánh chưa đủ thông tin."), std::string::npos);
  EXPECT_NE(out[0].find("Cần họ tên người phản ánh"), std::string::npos);
}

TEST(ZaloFeedback, AStoreThatCannotFileNowLeavesNoTraceAndTheNextDeliveryFiles) {
  Fixture f;
  f.intake.fail = ErrorKind::unavailable;
  auto r = f.text("u4", "phản ánh chậm", "m-400");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(test_support::count(*f.app, "SELECT COUNT(*) FROM zalo_events"), 0);
  EXPECT_TRUE(f.replies("u4").empty());
  f.intake.fail = ErrorKind::internal;
  ASSERT_TRUE(f.text("u4", "phản ánh chậm", "m-400").ok());
  EXPECT_EQ(f.intake.got.size(), 1u);
}

TEST(ZaloFeedback, WithoutTheFeedbackContextTheBotSaysSoAndFilesNothing) {
  Fixture f;
  ZaloService bare(f.cfg, f.app->db(), f.app->dossiers(), nullptr, *f.clock);
  const std::string ts = std::to_string(f.clock->now());
  const std::string body = R"({"app_id":"app-1","event_name":"user_send_text","timestamp":")" + ts +
                           R"(","sender":{"id":"u5"},"message":{"text":"phản ánh a","msg_id":"m-500"}})";
  ASSERT_TRUE(bare.receive(body, zalo::event_mac("app-1", body, ts, "oa-secret")).ok());
  EXPECT_NE(f.replies("u5")[0].find("chưa mở"), std::string::npos);
  EXPECT_TRUE(f.intake.got.empty());
}

}  // namespace
}  // namespace motcua::app
