// The e-mail on the wire: nothing typed by a citizen or an official adds a header or breaks the
// structure; Vietnamese headers are RFC 2047 words that decode back; the HTML part is escaped.
#include "integrations/smtp/mime.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "integrations/sms/esms_channel.h"
#include "integrations/zalo/zns_channel.h"

namespace motcua::integrations {
namespace {

std::string unbase64(const std::string& in) {
  static const std::string k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto p = k.find(c);
    if (p == std::string::npos) continue;
    val = (val << 6) + int(p);
    bits += 6;
    if (bits >= 0) {
      out += char((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

// The header block of a message (up to the first empty line), unfolded.
std::string headers_of(const std::string& msg) {
  std::string h = msg.substr(0, msg.find("\r\n\r\n"));
  return std::regex_replace(h, std::regex("\r\n "), " ");
}

TEST(Mime, VietnameseHeadersAreEncodedWordsThatDecodeBack) {
  const std::string subject = "Đã tiếp nhận hồ sơ 000.00.12.H51-261128-0007 — Nguyễn Thị Minh Khai";
  std::string enc = smtp::encode_header_text(subject);
  std::string decoded;
  std::smatch m;
  std::string rest = enc;
  while (std::regex_search(rest, m, std::regex("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="))) {
    EXPECT_LE(m[0].length(), 75);
    decoded += unbase64(m[1]);
    rest = m.suffix();
  }
  EXPECT_EQ(decoded, subject);
  for (char ch : enc) EXPECT_TRUE(ch == '\r' || ch == '\n' || (ch >= 0x20 && ch < 0x7F));
  EXPECT_EQ(smtp::encode_header_text("Plain ASCII"), "Plain ASCII");
  EXPECT_NE(smtp::encode_header_text("=?UTF-8?B?SGk=?=").find("=?UTF-8?B?PT9VVEYtOD9CP1NHaz0/PQ==?="), std::string::npos);
}

TEST(Mime, NoHeaderCanBeInjected) {
  smtp::Mail mail{"Bộ phận Một cửa\r\nBcc: evil@x.vn", "khong-tra-loi@motcua.vn", "an@example.vn",
                  "Hồ sơ\r\nBcc: evil@x.vn\r\n\r\n<script>", "Kính gửi <script>alert(1)</script>\nDòng 2",
                  "motcua-outbox-7-email", 1'800'000'000'000};
  auto msg = smtp::build_message(mail);
  ASSERT_TRUE(msg.ok()) << msg.error().detail;
  std::string h = headers_of(*msg);
  EXPECT_EQ(h.find("Bcc:"), std::string::npos) << h;
  EXPECT_EQ(h.find("<script>"), std::string::npos);
  // Every header line is one of ours.
  std::istringstream lines(h);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_TRUE(std::regex_match(line, std::regex("(From|To|Subject|Date|Message-ID|MIME-Version|Auto-Submitted|Content-Type): .*")))
        << line;
  }
  EXPECT_NE(h.find("Message-ID: <motcua-outbox-7-email@motcua.vn>"), std::string::npos);
  // The HTML part: escaped.
  auto html_at = msg->find("text/html");
  ASSERT_NE(html_at, std::string::npos);
  std::string body = msg->substr(msg->find("\r\n\r\n", html_at) + 4);
  std::string html = unbase64(body.substr(0, body.find("--=_motcua")));
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  // Addresses must be plain mailboxes.
  mail.to_address = "an@example.vn>\r\nBcc: evil@x.vn";
  EXPECT_EQ(smtp::build_message(mail).error().kind, ErrorKind::invalid);
  mail.to_address = "an@example.vn";
  mail.message_id = "x\r\nBcc: y";
  EXPECT_EQ(smtp::build_message(mail).error().kind, ErrorKind::invalid);
}

TEST(Mime, MailboxAndDate) {
  auto [name, addr] = smtp::split_mailbox("\"UBND tỉnh\" <motcua@quangngai.gov.vn>");
  EXPECT_EQ(name, "UBND tỉnh");
  EXPECT_EQ(addr, "motcua@quangngai.gov.vn");
  EXPECT_EQ(smtp::split_mailbox("a@b.vn").second, "a@b.vn");
  EXPECT_EQ(smtp::rfc5322_date(1'764'902'400'000), "Fri, 05 Dec 2025 09:40:00 +0700");
}

TEST(SmsText, PlainTextWithinTheLimit) {
  EXPECT_EQ(sms::sms_text("Hồ sơ ĐÃ được tiếp nhận"), "Ho so DA duoc tiep nhan");
  EXPECT_EQ(sms::sms_text("A\r\nB\x01\tC"), "A B C");
  EXPECT_EQ(sms::sms_text("Tên <b>&"), "Ten <b>&");
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += "hồ sơ ";
  std::string s = sms::sms_text(long_text);
  EXPECT_LE(s.size(), sms::kMaxSmsChars);
  EXPECT_EQ(s.substr(s.size() - 3), "...");
  for (char ch : s) EXPECT_TRUE(ch >= 0x20 && ch < 0x7F);
}

TEST(Zns, InternationalPhone) {
  EXPECT_EQ(zalo::international_phone("0905123456"), "84905123456");
}

}  // namespace
}  // namespace motcua::integrations
