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
  EXPECT_EQ(clean_file_name("C:\\Users\\an\\Giấy khai sinh.pdf"), "Giấy khai sinh.pdf");
  EXPECT_EQ(clean_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(clean_file_name("a\r\nb\".pdf"), "ab.pdf");
  EXPECT_EQ(clean_file_name(""), "tai-lieu");
  EXPECT_EQ(clean_file_name("..."), "tai-lieu");
  EXPECT_EQ(clean_file_name(std::string("t\xC3\x28.pdf")), "t");
  EXPECT_LE(clean_file_name(std::string(500, 'x')).size(), 200u);
}

}  // namespace motcua::dossier
