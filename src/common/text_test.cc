#include "common/text.h"

#include <gtest/gtest.h>

namespace motcua {

TEST(Text, FoldVietnamese) {
  EXPECT_EQ(fold_vi("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(fold_vi("  NGUYỄN   Văn  Ân "), "nguyen van an");
  EXPECT_EQ(fold_vi("Ủy ban nhân dân xã Đắk Hà"), "uy ban nhan dan xa dak ha");
  EXPECT_EQ(fold_vi("\xC3\x28"), "");
}

TEST(Text, UnaccentKeepsCaseAndPrintableAscii) {
  EXPECT_EQ(unaccent_vi("Nộp phí, lệ phí hồ sơ 000.00.12.H34-261204-0001"),
            "Nop phi, le phi ho so 000.00.12.H34-261204-0001");
  EXPECT_EQ(unaccent_vi("  ĐẮK HÀ\r\n đường\tLê Lợi  "), "DAK HA duong Le Loi");
  EXPECT_EQ(unaccent_vi("Tên <b>& 漢字 €5"), "Ten <b>& 5");  // other scripts become a space
  EXPECT_EQ(unaccent_vi("\xC3\x28"), "");
  for (char c : unaccent_vi("Ủy ban nhân dân tỉnh Quảng Ngãi — Một cửa")) EXPECT_TRUE(c >= 0x20 && c < 0x7F);
}

TEST(Text, Nfc) {
  // "ế" decomposed (e + U+0302 + U+0301) composes to one code point.
  EXPECT_EQ(*to_nfc("e\xCC\x82\xCC\x81"), "\xE1\xBA\xBF");
  EXPECT_FALSE(to_nfc("\xC0\xAF"));
  EXPECT_EQ(nfc_or_same("e\xCC\x82\xCC\x81"), "\xE1\xBA\xBF");
  EXPECT_EQ(nfc_or_same("\xC0\xAF"), "\xC0\xAF");  // left for the caller's UTF-8 check to refuse
  EXPECT_TRUE(is_valid_utf8("Hồ sơ"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(utf8_length("Hồ sơ"), 5u);
}

TEST(Text, BidiControls) {
  EXPECT_TRUE(has_bidi_control("Nguy\u1EC5n \u202EnA"));
  EXPECT_TRUE(has_bidi_control("a\u2066b"));
  EXPECT_TRUE(has_bidi_control("\u200F"));
  EXPECT_TRUE(has_bidi_control("x\u061C"));
  EXPECT_FALSE(has_bidi_control("Nguyễn Văn An — “Tết” 2027 ₫"));  // E2 80 94, E2 80 9C, E2 82 AB
  EXPECT_FALSE(has_bidi_control("a\u200Bb"));  // zero-width space is invisible but not bidi
  EXPECT_TRUE(is_invisible_control(0x200B));
  EXPECT_TRUE(is_invisible_control(0x85));
  EXPECT_FALSE(is_invisible_control(U'ễ'));
}

TEST(Text, NextCodePoint) {
  std::string s = "aễ\u202E😀";
  size_t i = 0;
  EXPECT_EQ(next_code_point(s, i), U'a');
  EXPECT_EQ(next_code_point(s, i), U'ễ');
  EXPECT_EQ(next_code_point(s, i), char32_t(0x202E));
  EXPECT_EQ(next_code_point(s, i), char32_t(0x1F600));
  EXPECT_EQ(i, s.size());
}

}  // namespace motcua
