// Reading the messages citizens send to the feedback mailbox: RFC 2047 headers in several
// charsets, multipart bodies with text/plain, text/html and attachments in base64 and
// quoted-printable, and what the reader keeps of the attachments.
#include "integrations/mail/mime_parse.h"

#include <gtest/gtest.h>

#include "integrations/mail/mailbox_reader.h"
#include "integrations/smtp/mime.h"

namespace motcua::integrations::mail {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

TEST(MimeHeader, EncodedWordsInBAndQAndLatin1) {
  EXPECT_EQ(decode_header("=?UTF-8?B?UGjhuqNuIMOhbmggduG7gSBo4buTIHPGoQ==?="), "Phản ánh về hồ sơ");
  EXPECT_EQ(decode_header("=?utf-8?q?H=E1=BB=93_s=C6=A1?= 123"), "Hồ sơ 123");
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  EXPECT_EQ(decode_header("=?UTF-8?B?Tmd1eeG7hW4g?=  =?UTF-8?B?VsSDbiBBbg==?="), "Nguyễn Văn An");
  EXPECT_EQ(decode_header("=?ISO-8859-1?Q?Caf=E9?="), "Café");
  EXPECT_EQ(decode_header("plain text"), "plain text");
  EXPECT_EQ(decode_header("=?UTF-8?X?broken?="), "=?UTF-8?X?broken?=");
}

TEST(MimeParse, OurOwnOutgoingMessageReadsBack) {
  smtp::Mail out;
  out.from_name = "Nguyễn Văn An";
  out.from_address = "an@example.vn";
  out.to_address = "phananh@motcua.local";
  out.subject = "Phản ánh: chậm trả kết quả <script>";
  out.text = "Hồ sơ 000.00.01.H55-250301-0001 quá hạn.\nXin trả lời.";
  out.message_id = "abc-123";
  auto raw = smtp::build_message(out);
  ASSERT_TRUE(raw.ok()) << raw.error().detail;
  auto m = parse_mail(*raw);
  ASSERT_TRUE(m.ok()) << m.error().detail;
  EXPECT_EQ(m->from_name, "Nguyễn Văn An");
  EXPECT_EQ(m->from_address, "an@example.vn");
  EXPECT_EQ(m->subject, "Phản ánh: chậm trả kết quả <script>");
  EXPECT_EQ(m->message_id.rfind("abc-123@", 0), 0u);
  EXPECT_NE(m->text.find("quá hạn."), std::string::npos);
  EXPECT_NE(m->html.find("quá hạn."), std::string::npos);  // the HTML alternative, read too
  EXPECT_TRUE(m->attachments.empty());
}

std::string multipart_with_attachments() {
  return "From: \"=?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?=\" <an@example.vn>\r\n"
         "Subject: =?UTF-8?B?UGjhuqNuIMOhbmg=?=\r\n"
         "Message-ID: <m1@example.vn>\r\n"
         "MIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n"
         "preamble\r\n"
         "--XX\r\n"
         "Content-Type: multipart/alternative; boundary=YY\r\n\r\n"
         "--YY\r\n"
         "Content-Type: text/plain; charset=iso-8859-1\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
         "Xin ch=E0o c=E1c b=E1n, d=F2ng d=E0i =\r\nn=E8y\r\n"
         "--YY\r\n"
         "Content-Type: text/html; charset=utf-8\r\n\r\n"
         "<p>Xin ch&agrave;o</p><script>alert(1)</script>\r\n"
         "--YY--\r\n"
         "--XX\r\n"
         "Content-Type: application/octet-stream; name=\"=?UTF-8?B?aOG7kyBzxqEucGRm?=\"\r\n"
         "Content-Disposition: attachment; filename*=UTF-8''h%E1%BB%93%20s%C6%A1.pdf\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         smtp::base64(kPdf, 76) +
         "\r\n"
         "--XX\r\n"
         "Content-Type: image/png; name=\"virus.png\"\r\n"
         "Content-Disposition: attachment; filename=\"../../virus.png\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         smtp::base64("MZ\x90\x00this is an exe", 76) +
         "\r\n"
         "--XX--\r\n";
}

TEST(MimeParse, MultipartWithCharsetsAndAttachments) {
  auto m = parse_mail(multipart_with_attachments());
  ASSERT_TRUE(m.ok()) << m.error().detail;
  EXPECT_EQ(m->from_name, "Nguyễn Văn An");
  EXPECT_EQ(m->subject, "Phản ánh");
  EXPECT_EQ(m->message_id, "m1@example.vn");
  EXPECT_EQ(m->text, "Xin chào các bán, dòng dài nèy");  // Latin-1 through iconv, soft break joined
  ASSERT_EQ(m->attachments.size(), 2u);
  EXPECT_EQ(m->attachments[0].file_name, "hồ sơ.pdf");  // RFC 2231 wins over the Content-Type name
  EXPECT_EQ(m->attachments[0].bytes, kPdf);
  EXPECT_EQ(m->attachments[1].declared_type, "image/png");
}

TEST(MailboxSubmission, KeepsOnlyRecognisedFilesWithinLimits) {
  auto m = parse_mail(multipart_with_attachments());
  ASSERT_TRUE(m.ok());
  ReaderLimits lim;
  auto s = to_submission(*m, "raw", lim);
  EXPECT_EQ(s.channel, app::feedback::Channel::email);
  EXPECT_EQ(s.external_id, "m1@example.vn");
  EXPECT_EQ(s.sender_email, "an@example.vn");
  EXPECT_EQ(s.title, "Phản ánh");
  ASSERT_EQ(s.attachments.size(), 1u);
  EXPECT_EQ(s.attachments[0].content_type, "application/pdf");  // detected, not the declared octet-stream
  EXPECT_EQ(s.attachments[0].file_name, "hồ sơ.pdf");
  // The disguised executable is left out and named for the official.
  EXPECT_NE(s.content.find("virus.png: không phải PDF, JPEG hoặc PNG"), std::string::npos);
  lim.max_attachments = 0;
  auto none = to_submission(*m, "raw", lim);
  EXPECT_TRUE(none.attachments.empty());
  EXPECT_NE(none.content.find("quá 0 tệp"), std::string::npos);
  lim.max_attachments = 10;
  lim.max_file_bytes = 10;
  EXPECT_TRUE(to_submission(*m, "raw", lim).attachments.empty());
}

TEST(MailboxSubmission, HtmlOnlyMailsGiveTheirTextAndNoIdGivesAHash) {
  const std::string raw =
      "From: b@example.vn\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
      "<div>Dòng 1</div><div>A &amp; B &lt;b&gt; &#7871;</div><style>p{}</style><script>x()</script>";
  auto m = parse_mail(raw);
  ASSERT_TRUE(m.ok());
  auto s = to_submission(*m, raw, ReaderLimits{});
  EXPECT_EQ(s.content, "Dòng 1\nA & B <b> ế");
  EXPECT_EQ(s.external_id.rfind("sha256:", 0), 0u);
  EXPECT_EQ(s.sender_email, "b@example.vn");
}

TEST(MimeParse, HeadersOnlyOrEndlessNestingIsRefusedOrBounded) {
  EXPECT_FALSE(parse_mail("").ok());
  std::string deep = "Content-Type: multipart/mixed; boundary=a\r\n\r\n";
  for (int i = 0; i < 20; ++i) deep += "--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n";
  auto m = parse_mail(deep);
  EXPECT_TRUE(m.ok() || m.error().kind == ErrorKind::invalid || m.error().kind == ErrorKind::too_large);
}

}  // namespace
}  // namespace motcua::integrations::mail
