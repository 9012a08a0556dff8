#include "domain/dossier/document_rules.h"

#include <gtest/gtest.h>

namespace motcua::dossier {

TEST(DocumentRules, DetectsByContentNotName) {
  EXPECT_EQ(*detect_document_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(*detect_document_type(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(*detect_document_type(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "image/png");
  auto html = detect_document_type("<html><script>alert(1)</script>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().kind, ErrorKind::unsupported);
  EXPECT_NE(html.error().detail.find("PDF, JPEG hoặc PNG"), std::string::npos);
  EXPECT_FALSE(detect_document_type("%PD").ok());
  EXPECT_FALSE(detect_document_type("").ok());
  EXPECT_FALSE(detect_document_type("GIF89a").ok());
}

TEST(DocumentRules, SizeLimits) {
  UploadLimits l;
  EXPECT_TRUE(check_upload_size(l, 1, 0, 0).ok());
  EXPECT_TRUE(check_upload_size(l, 20LL << 20, 0, 0).ok());
  EXPECT_EQ(check_upload_size(l, (20LL << 20) + 1, 0, 0).error().code, "file_too_large");
  EXPECT_EQ(check_upload_size(l, 10, 100LL << 20, 3).error().code, "dossier_too_large");
  EXPECT_EQ(check_upload_size(l, 10, 0, 100).error().code, "too_many_files");
  EXPECT_EQ(check_upload_size(l, 0, 0, 0).error().code, "empty_file");
}

TEST(DocumentRules, CleanFileName) {
  EXPECT_EQ(clean_file_name("C:\\Users\\an\\Giấy khai sinh.pdf", "application/pdf"), "Giấy khai sinh.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd", "application/pdf"), "passwd.pdf");
  EXPECT_EQ(clean_file_name("a\r\nb\".pdf", "application/pdf"), "ab.pdf");
  EXPECT_EQ(clean_file_name("", "image/png"), "tai-lieu.png");
  EXPECT_EQ(clean_file_name("...", "image/jpeg"), "tai-lieu.jpg");
  EXPECT_EQ(clean_file_name(std::string("t\xC3\x28.pdf"), "application/pdf"), "t.pdf");
  EXPECT_LE(clean_file_name(std::string(500, 'x'), "application/pdf").size(), 200u);
  EXPECT_TRUE(clean_file_name(std::string(500, 'x'), "application/pdf").ends_with(".pdf"));
}

// The extension always names the detected type: a PDF sent as "hoa-don.exe" is kept as
// "hoa-don.pdf" (not "hoa-don.exe.pdf", which Windows shows as "hoa-don.exe").
TEST(DocumentRules, CleanFileNameExtensionFollowsContent) {
  EXPECT_EQ(clean_file_name("hoa-don.exe", "application/pdf"), "hoa-don.pdf");
  EXPECT_EQ(clean_file_name("anh.PNG", "image/png"), "anh.PNG");
  EXPECT_EQ(clean_file_name("anh.jpeg", "image/jpeg"), "anh.jpeg");
  EXPECT_EQ(clean_file_name("anh.png", "image/jpeg"), "anh.jpg");
  EXPECT_EQ(clean_file_name("Giấy khai sinh", "application/pdf"), "Giấy khai sinh.pdf");
  EXPECT_EQ(clean_file_name("bao-cao.tar.gz", "application/pdf"), "bao-cao.tar.pdf");
  EXPECT_EQ(clean_file_name("ảnh.", "image/png"), "ảnh.png");
}

// Bidirectional controls would let "hoa-don\u202Efdp.exe" display as "hoa-donexe.pdf";
// zero-width and C1 controls are dropped too.
TEST(DocumentRules, CleanFileNameDropsBidiAndInvisibleControls) {
  EXPECT_EQ(clean_file_name("hoa-don\u202Efdp.exe", "application/pdf"), "hoa-donfdp.pdf");
  EXPECT_EQ(clean_file_name("a\u2066b\u2069c\u200Fd\u200Be.pdf", "application/pdf"), "abcde.pdf");
  EXPECT_EQ(clean_file_name("x\u0085y.png", "image/png"), "xy.png");
  EXPECT_EQ(clean_file_name("\u202E", "image/png"), "tai-lieu.png");
}

}  // namespace motcua::dossier
