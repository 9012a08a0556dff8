// The mailbox reader against a real IMAP server (dovecot on loopback, started by
// tests/api/test_mailbox.py through scripts/imap_test_server.sh; skipped without
// MOTCUA_TEST_IMAP="<url> <user> <password>"). Mails are delivered with IMAP APPEND; the
// feedback context's Intake is stood in for by one that records what it is given (test only:
// the production reader runs only with the real one).
#include "integrations/mail/mailbox_reader.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sstream>

#include "common/crypto.h"
#include "integrations/smtp/mime.h"

namespace motcua::integrations::mail {
namespace {

class RecordingIntake final : public app::feedback::Intake {
 public:
  bool down = false;  // answers unavailable, as a store that is busy or stopped
  std::vector<app::feedback::Submission> filed;
  std::set<std::string> ids;
  Result<app::feedback::Filed> file(const app::feedback::Submission& s) override {
    if (down) return make_error(ErrorKind::unavailable, "CSDL bận");
    if (s.content.empty() && s.title.empty()) return make_error(ErrorKind::invalid, "Phản ánh không có nội dung");
    const bool repeated = !ids.insert(s.external_id).second;
    if (!repeated) filed.push_back(s);
    return app::feedback::Filed{"case-" + s.external_id, "PA-" + std::to_string(ids.size()), repeated};
  }
};

struct Live {
  MailboxOptions o;
  bool on = false;
  Live() {
    const char* v = std::getenv("MOTCUA_TEST_IMAP");
    if (!v) return;
    std::istringstream in(v);
    std::string url;
    in >> url >> o.user >> o.password;
    o.url = url;
    on = !url.empty();
  }
};

size_t read_cb(char* buf, size_t size, size_t n, void* user) {
  auto* s = static_cast<std::string_view*>(user);
  size_t k = std::min(size * n, s->size());
  std::memcpy(buf, s->data(), k);
  s->remove_prefix(k);
  return k;
}

// IMAP APPEND through libcurl's upload to imap://host/MAILBOX, or a custom command in MAILBOX
// ("" for CREATE). libcurl appends with the \Seen flag; new_mail() clears it, as mail delivered
// by the mail server arrives.
void imap(const MailboxOptions& o, const std::string& mailbox, const std::string* message, const std::string& custom = {}) {
  CURL* c = curl_easy_init();
  const std::string root = o.url.substr(0, o.url.rfind('/') + 1);
  const std::string url = root + mailbox;
  std::string_view left = message ? std::string_view(*message) : std::string_view();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, o.user.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, o.password.c_str());
  if (message) {
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &left);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(message->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom.c_str());
  }
  ASSERT_EQ(curl_easy_perform(c), CURLE_OK) << (custom.empty() ? "APPEND" : custom);
  curl_easy_cleanup(c);
}

std::string message(const std::string& id, const std::string& subject, const std::string& text) {
  smtp::Mail m;
  m.from_name = "Trần Thị Bình";
  m.from_address = "binh@example.vn";
  m.to_address = "phananh@motcua.local";
  m.subject = subject;
  m.text = text;
  m.message_id = id;
  auto raw = smtp::build_message(m);
  return raw.ok() ? *raw : "";
}

TEST(MailboxReaderLive, FilesEachNewMailOnceAndMarksItSeenOnlyAfterwards) {
  Live live;
  if (!live.on) GTEST_SKIP() << "MOTCUA_TEST_IMAP not set (tests/api/test_mailbox.py starts dovecot)";
  const std::string box = "T" + random_hex(6);
  imap(live.o, "", nullptr, "CREATE " + box);
  MailboxOptions o = live.o;
  o.url = live.o.url.substr(0, live.o.url.rfind('/') + 1) + box;
  const std::string a = message("a-" + box, "Phản ánh chậm trả kết quả", "Hồ sơ của tôi quá hạn 5 ngày.");
  const std::string b = message("b-" + box, "Kiến nghị", "Nên nhận hồ sơ cả thứ Bảy.");
  std::string big = message("c-" + box, "Lớn", std::string(300'000, 'x'));
  auto new_mail = [&](const std::string& m) {
    imap(live.o, box, &m);
    imap(live.o, box, nullptr, "STORE * -FLAGS (\\Seen)");
  };
  new_mail(a);
  new_mail(b);
  new_mail(big);

  RecordingIntake intake;
  ReaderLimits lim;
  lim.max_message_bytes = 200'000;
  MailboxReader reader(o, intake, lim);

  // The store is down: nothing filed, nothing marked — the mails wait for the next poll.
  intake.down = true;
  auto r0 = reader.poll_once();
  ASSERT_TRUE(r0.ok()) << r0.error().detail;
  EXPECT_EQ(r0->failed, 1);
  {
    auto s = ImapSession::open(o);
    ASSERT_TRUE(s.ok()) << s.error().detail;
    auto unseen = (*s)->unseen();
    ASSERT_TRUE(unseen.ok());
    EXPECT_EQ(unseen->size(), 3u);
  }

  intake.down = false;
  auto r1 = reader.poll_once();
  ASSERT_TRUE(r1.ok()) << r1.error().detail;
  EXPECT_EQ(r1->filed, 2);
  EXPECT_EQ(r1->refused, 1);  // over the size limit: \Seen \Flagged for the operator
  ASSERT_EQ(intake.filed.size(), 2u);
  EXPECT_EQ(intake.filed[0].channel, app::feedback::Channel::email);
  EXPECT_EQ(intake.filed[0].title, "Phản ánh chậm trả kết quả");
  EXPECT_EQ(intake.filed[0].sender_name, "Trần Thị Bình");
  EXPECT_EQ(intake.filed[0].sender_email, "binh@example.vn");
  EXPECT_EQ(intake.filed[0].external_id.rfind("a-" + box + "@", 0), 0u);
  EXPECT_NE(intake.filed[0].content.find("quá hạn 5 ngày"), std::string::npos);

  // Nothing left unseen; a second poll files nothing.
  auto r2 = reader.poll_once();
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->filed + r2->repeated + r2->refused + r2->failed, 0);

  // The same message delivered again (same Message-ID): Intake answers the first case.
  new_mail(a);
  auto r3 = reader.poll_once();
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->repeated, 1);
  EXPECT_EQ(intake.filed.size(), 2u);
}

TEST(MailboxReaderLive, AWrongPasswordIsUnavailable) {
  Live live;
  if (!live.on) GTEST_SKIP() << "MOTCUA_TEST_IMAP not set";
  MailboxOptions o = live.o;
  o.password = "wrong";
  RecordingIntake intake;
  MailboxReader reader(o, intake, ReaderLimits{});
  auto r = reader.poll_once();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::unavailable);
}

}  // namespace
}  // namespace motcua::integrations::mail
