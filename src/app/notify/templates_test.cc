#include "app/notify/templates.h"

#include <gtest/gtest.h>

#include "app/notify/notify_service.h"
#include "app/test_support.h"

namespace motcua::app {
namespace {
using notify::clean_value;
using notify::render;

TEST(NotifyTemplates, AValueBringsNoLineBreakOrControlIntoTheText) {
  EXPECT_EQ(clean_value("Nguyễn\r\nBcc: x@y.vn"), "Nguyễn Bcc: x@y.vn");
  EXPECT_EQ(clean_value("A\x1b[31mB\x7f"), "A [31mB");
  EXPECT_EQ(clean_value("An\u202Egnp.exe"), "An gnp.exe");     // bidi override
  EXPECT_EQ(clean_value("  a \t\t b  "), "a b");
  EXPECT_EQ(clean_value("\xff\xfe"), "");                      // not UTF-8: nothing
  EXPECT_EQ(clean_value("Nguyễn Văn An", 6), "Nguyễ…");         // code points, not bytes
  EXPECT_EQ(clean_value("abc", 3), "abc");
}

TEST(NotifyTemplates, RendersPlaceholdersAndDropsUnknownOnes) {
  notify::Values v{{"code", "000.00.12.H51-261128-0007"}, {"name", "Lê\nThị"}};
  EXPECT_EQ(render("Hồ sơ {{code}} của {{name}}{{unknown}}.\nHết", v),
            "Hồ sơ 000.00.12.H51-261128-0007 của Lê Thị.\nHết");
  EXPECT_EQ(render("{{code", v), "{{code");
}

TEST(NotifyTemplates, BuildsEachChannelFromTheData) {
  auto t = notify::Templates::parse(R"({"_comment": "x",
    "received": {"email": {"subject": "Đã tiếp nhận {{code}}\n", "body": "Kính gửi {{name}}\n{{tracking_url}}"},
                 "sms": {"text": "Ho so {{code}}"},
                 "zalo": {"template_id": "301001", "params": {"customer_name": {"value": "{{name}}", "max": 5}}}}})");
  ASSERT_TRUE(t.ok());
  notify::Values v{{"code", "C-1"}, {"name", "Nguyễn Văn An"}, {"tracking_url", "https://x.vn/tra-cuu/C-1"}};
  auto mail = t->build("received", notify::Channel::email, v);
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->subject, "Đã tiếp nhận C-1");
  EXPECT_EQ(mail->text, "Kính gửi Nguyễn Văn An\nhttps://x.vn/tra-cuu/C-1");
  auto zns = t->build("received", notify::Channel::zalo, v);
  ASSERT_TRUE(zns);
  EXPECT_EQ(zns->zns_template_id, "301001");
  ASSERT_EQ(zns->zns_params.size(), 1u);
  EXPECT_EQ(zns->zns_params[0].value, "Nguy…");  // within the parameter's limit
  EXPECT_FALSE(t->build("apology", notify::Channel::sms, v));
  EXPECT_FALSE(notify::Templates::parse("[1]").ok());
}

TEST(NotifyTemplates, TheRepositorysTemplatesCoverEveryEventAndChannel) {
  auto t = notify::Templates::load(test_support::source_dir() + "/data/seed/notification_templates.json");
  ASSERT_TRUE(t.ok()) << t.error().detail;
  for (int e = 0; e < motcua::notify::kEventCount; ++e)
    for (auto ch : {notify::Channel::email, notify::Channel::sms, notify::Channel::zalo})
      EXPECT_TRUE(t->build(std::string(motcua::notify::to_string(motcua::notify::Event(e))), ch, {}))
          << motcua::notify::to_string(motcua::notify::Event(e)) << " " << motcua::notify::to_string(ch);
}

TEST(NotifyContacts, PhonesEmailsAndMasks) {
  EXPECT_EQ(normalise_phone("0905 123 456").value_or(""), "0905123456");
  EXPECT_EQ(normalise_phone("+84905123456").value_or(""), "0905123456");
  EXPECT_EQ(normalise_phone("84905123456").value_or(""), "0905123456");
  EXPECT_FALSE(normalise_phone("0005123456"));
  EXPECT_FALSE(normalise_phone("09051234"));
  EXPECT_FALSE(normalise_phone("0905123456\r\n"));
  EXPECT_TRUE(is_plain_email("an.nguyen@example.vn"));
  EXPECT_FALSE(is_plain_email("an@example.vn\r\nBcc: x@y.vn"));
  EXPECT_FALSE(is_plain_email("An <an@example.vn>"));
  EXPECT_FALSE(is_plain_email("an@localhost"));
  EXPECT_FALSE(is_plain_email("a@b@c.vn"));
  EXPECT_FALSE(is_plain_email("nguyễn@example.vn"));
  EXPECT_EQ(mask_address("email", "an.nguyen@example.vn"), "a***@example.vn");
  EXPECT_EQ(mask_address("sms", "0905123456"), "090****456");
}

}  // namespace
}  // namespace motcua::app
