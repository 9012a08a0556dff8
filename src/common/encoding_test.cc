#include "common/encoding.h"

#include <gtest/gtest.h>

namespace motcua {

TEST(HtmlEscape, AllFiveCharactersAndNothingElse) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tô & 'Lê'</a>"), "&lt;a href=&quot;x&quot;&gt;Tô &amp; &#39;Lê&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("Hồ sơ 1"), "Hồ sơ 1");
}

TEST(PercentEncode, UnreservedKeptEveryOtherByteEncoded) {
  EXPECT_EQ(percent_encode("a-Z_0.~ b+/=&"), "a-Z_0.~%20b%2B%2F%3D%26");
  EXPECT_EQ(percent_encode("Lê"), "L%C3%AA");
  EXPECT_EQ(percent_encode("(a)*!'", "-_.!~*'()"), "(a)*!'");
  EXPECT_EQ(percent_encode(std::string_view("\0x", 2)), "%00x");
}

TEST(Base64Url, NoPaddingUrlAlphabet) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

}  // namespace motcua
