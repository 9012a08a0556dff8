#include "common/text.h"

#include <gtest/gtest.h>

namespace motcua {

TEST(Text, FoldVietnamese) {
  EXPECT_EQ(fold_vi("Đăng ký khai sinh"), "dang ky khai sinh");
  EXPECT_EQ(fold_vi("  NGUYỄN   Văn  Ân "), "nguyen van an");
  EXPECT_EQ(fold_vi("Ủy ban nhân dân xã Đắk Hà"), "uy ban nhan dan xa dak ha");
  EXPECT_EQ(fold_vi("\xC3\x28"), "");
}

TEST(Text, Nfc) {
  // "ế" decomposed (e + U+0302 + U+0301) composes to one code point.
  EXPECT_EQ(*to_nfc("e\xCC\x82\xCC\x81"), "\xE1\xBA\xBF");
  EXPECT_FALSE(to_nfc("\xC0\xAF"));
  EXPECT_TRUE(is_valid_utf8("Hồ sơ"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(utf8_length("Hồ sơ"), 5u);
}

}  // namespace motcua
