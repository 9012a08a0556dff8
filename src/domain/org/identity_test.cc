#include "domain/org/identity.h"

#include <gtest/gtest.h>

#include <string>

namespace motcua::org {
namespace {

TEST(PersonalId, Valid) {
  auto a = check_personal_id("001087123456", 2026);  // Hà Nội, male, 1987
  ASSERT_TRUE(a.ok()) << a.error().detail;
  EXPECT_EQ(a->province_code, "001");
  EXPECT_EQ(a->sex, Sex::male);
  EXPECT_EQ(a->birth_year, 1987);

  auto b = check_personal_id("079301000123", 2026);  // TP HCM, female, 2001
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->province_code, "079");
  EXPECT_EQ(b->sex, Sex::female);
  EXPECT_EQ(b->birth_year, 2001);

  auto c = check_personal_id("062199000001", 2026);  // Kon Tum, female, 1999
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sex, Sex::female);
  EXPECT_EQ(c->birth_year, 1999);

  auto d = check_personal_id("051000999999", 2026);  // Quảng Ngãi, male, 1900
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->birth_year, 1900);

  auto e = check_personal_id("096226000000", 2026);  // Cà Mau, male, 2026 (this year)
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->birth_year, 2026);
}

TEST(PersonalId, Shape) {
  for (const char* bad : {"", "00108712345", "0010871234567", "00108712345a", "001 87123456",
                          "001-87123456", "０01087123456"}) {
    auto r = check_personal_id(bad, 2026);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_EQ(r.error().code, "invalid_personal_id");
    EXPECT_EQ(r.error().detail, "Số định danh cá nhân phải gồm đúng 12 chữ số");
  }
}

TEST(PersonalId, Province) {
  for (const char* bad : {"000087123456", "003087123456", "005087123456", "097087123456",
                          "099087123456", "100087123456", "013087123456", "090087123456"}) {
    auto r = check_personal_id(bad, 2026);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
    EXPECT_NE(r.error().detail.find("tỉnh"), std::string::npos) << r.error().detail;
    EXPECT_NE(r.error().detail.find(std::string(bad, 3)), std::string::npos) << r.error().detail;
  }
  int n = 0;
  for (int i = 0; i < 1000; ++i) {
    char buf[4];
    snprintf(buf, sizeof buf, "%03d", i);
    n += is_personal_id_province(buf);
  }
  EXPECT_EQ(n, 63);
  EXPECT_TRUE(is_personal_id_province("001"));
  EXPECT_TRUE(is_personal_id_province("096"));
  EXPECT_TRUE(is_personal_id_province("062"));
  EXPECT_FALSE(is_personal_id_province("1"));
  EXPECT_FALSE(is_personal_id_province("0011"));
}

TEST(PersonalId, CenturyAndFuture) {
  // 2/3 → 2000s: 2025 is fine in 2025, not in 2024.
  EXPECT_TRUE(check_personal_id("001225000000", 2025).ok());
  auto fut = check_personal_id("001225000000", 2024);
  ASSERT_FALSE(fut.ok());
  EXPECT_EQ(fut.error().kind, ErrorKind::invalid);
  EXPECT_NE(fut.error().detail.find("2025"), std::string::npos) << fut.error().detail;
  // 4..9 → 2100s..2300s: always in the future for now, but decoded per the circular.
  auto y2100 = check_personal_id("001400000000", 2026);
  ASSERT_FALSE(y2100.ok());
  EXPECT_NE(y2100.error().detail.find("2100"), std::string::npos) << y2100.error().detail;
  auto f = check_personal_id("001599000000", 2199);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->birth_year, 2199);
  EXPECT_EQ(f->sex, Sex::female);
  auto m = check_personal_id("001605000000", 3000);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->birth_year, 2205);
  EXPECT_EQ(m->sex, Sex::male);
  auto n = check_personal_id("001901000000", 3000);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->birth_year, 2301);
  EXPECT_EQ(n->sex, Sex::female);
}

TEST(TaxCode, CheckDigit) {
  // Worked example: 0·31+1·29+0·23+0·19+0·17+4·13+7·7+5·5+1·3 = 158; 158 mod 11 = 4; 10−4 = 6.
  EXPECT_TRUE(is_valid_tax_code("0100047516"));
  EXPECT_FALSE(is_valid_tax_code("0100047515"));
  EXPECT_FALSE(is_valid_tax_code("0100047517"));
  // 0·31+3·29+0+0+5·17+8·13+8·7+5·5+6·3 = 87+85+104+56+25+18 = 375; 375 mod 11 = 1; → 9.
  EXPECT_TRUE(is_valid_tax_code("0300588569"));
  EXPECT_FALSE(is_valid_tax_code("0300588560"));
  // 4·31+3·29+0+0+1·17+2·13+3·7+4·5+5·3 = 124+87+17+26+21+20+15 = 310; 310 mod 11 = 2; → 8.
  EXPECT_TRUE(is_valid_tax_code("4300123458"));
  // 0·31+1·29+0·23+1·19+2·17+3·13+4·7+5·5+6·3 = 29+19+34+39+28+25+18 = 192; mod 11 = 5; → 5.
  EXPECT_TRUE(is_valid_tax_code("0101234565"));
  // 1·29+5·3 = 44 ≡ 0 (mod 11): the check would be 10, so no digit makes it valid.
  for (char c = '0'; c <= '9'; ++c) EXPECT_FALSE(is_valid_tax_code(std::string("010000005") + c));
  EXPECT_FALSE(is_valid_tax_code("0000000000"));
}

TEST(TaxCode, Shape) {
  EXPECT_TRUE(is_valid_tax_code("0100047516-001"));
  EXPECT_TRUE(is_valid_tax_code("0100047516-999"));
  EXPECT_FALSE(is_valid_tax_code("0100047516-000"));
  EXPECT_FALSE(is_valid_tax_code("0100047515-001"));
  EXPECT_FALSE(is_valid_tax_code("0100047516-01"));
  EXPECT_FALSE(is_valid_tax_code("0100047516-0001"));
  EXPECT_FALSE(is_valid_tax_code("0100047516001"));
  EXPECT_FALSE(is_valid_tax_code("0100047516-"));
  EXPECT_FALSE(is_valid_tax_code("010004751"));
  EXPECT_FALSE(is_valid_tax_code("01000475160"));
  EXPECT_FALSE(is_valid_tax_code(" 0100047516"));
  EXPECT_FALSE(is_valid_tax_code("01000A7516"));
  EXPECT_FALSE(is_valid_tax_code(""));
}

TEST(MaskIdentityNumber, KeepsTheLastThree) {
  EXPECT_EQ(mask_identity_number("051090004321"), "*********321");
  EXPECT_EQ(mask_identity_number("0100047516"), "*******516");
  EXPECT_EQ(mask_identity_number("0100047516-001"), "***********001");
  EXPECT_EQ(mask_identity_number("123456789"), "******789");  // 6 hidden: the least that shows digits
  EXPECT_EQ(mask_identity_number("12345678"), "********");
  EXPECT_EQ(mask_identity_number("12"), "**");
  EXPECT_EQ(mask_identity_number(""), "");
  EXPECT_EQ(mask_identity_number("05109000 4321"), "***");     // not an identity number
  EXPECT_EQ(mask_identity_number("0510900043\xC3\xA9"), "***");
}

TEST(MaskName, Vietnamese) {
  EXPECT_EQ(mask_name("Nguyễn Văn An"), "N***** V** A*");
  EXPECT_EQ(mask_name("Đặng Thị Ánh Tuyết"), "Đ*** T** Á** T****");
  EXPECT_EQ(mask_name("Ông Ích Khiêm"), "Ô** Í** K****");
  EXPECT_EQ(mask_name("Ý"), "Ý");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("An  Bình"), "A*  B***");   // spacing kept
  EXPECT_EQ(mask_name(" Lê "), " L* ");
  // Decomposed input (e + U+0302 + U+0303 for "ễ") counts as one code point after NFC.
  EXPECT_EQ(mask_name("Nguye\xCC\x82\xCC\x83n"), "N*****");
  // A decomposed first letter keeps its marks: "Ấ" = A + U+0302 + U+0301.
  EXPECT_EQ(mask_name("A\xCC\x82\xCC\x81n"), "Ấ*");
  EXPECT_EQ(mask_name("\xC3\x28"), "***");
}

}  // namespace
}  // namespace motcua::org
