#include "domain/dossier/code.h"

#include <gtest/gtest.h>

#include <string>

namespace motcua::dossier {
namespace {

TEST(DossierCode, AgencyEid) {
  EXPECT_TRUE(is_valid_agency_eid("000.00.12.H51"));
  EXPECT_TRUE(is_valid_agency_eid("000.00.00.G09"));
  EXPECT_TRUE(is_valid_agency_eid("999.99.99.H99"));
  EXPECT_FALSE(is_valid_agency_eid(""));
  EXPECT_FALSE(is_valid_agency_eid("000.00.12.h51"));   // lower case
  EXPECT_FALSE(is_valid_agency_eid("000.00.12.K51"));   // neither H nor G
  EXPECT_FALSE(is_valid_agency_eid("000.00.12.H5"));    // short
  EXPECT_FALSE(is_valid_agency_eid("000.00.12.H511"));  // long
  EXPECT_FALSE(is_valid_agency_eid("00.000.12.H51"));   // wrong grouping
  EXPECT_FALSE(is_valid_agency_eid("000-00-12-H51"));
  EXPECT_FALSE(is_valid_agency_eid("0a0.00.12.H51"));
  EXPECT_FALSE(is_valid_agency_eid(" 000.00.12.H51"));
}

TEST(DossierCode, Format) {
  auto c = format_dossier_code("000.00.12.H51", Date{2026, 11, 28}, 7);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "000.00.12.H51-261128-0007");
  EXPECT_EQ(*format_dossier_code("000.00.12.H51", Date{2025, 1, 2}, 1), "000.00.12.H51-250102-0001");
  EXPECT_EQ(*format_dossier_code("000.00.00.G09", Date{2000, 12, 31}, 9999), "000.00.00.G09-001231-9999");
  EXPECT_EQ(*format_dossier_code("000.00.12.H51", Date{2099, 6, 15}, 123), "000.00.12.H51-990615-0123");
}

TEST(DossierCode, FormatErrors) {
  auto zero = format_dossier_code("000.00.12.H51", Date{2026, 11, 28}, 0);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().kind, ErrorKind::invalid);
  EXPECT_FALSE(format_dossier_code("000.00.12.H51", Date{2026, 11, 28}, -3).ok());

  auto full = format_dossier_code("000.00.12.H51", Date{2026, 11, 28}, 10000);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(full.error().detail, "Đã hết số hồ sơ trong ngày");

  auto eid = format_dossier_code("H51", Date{2026, 11, 28}, 1);
  ASSERT_FALSE(eid.ok());
  EXPECT_EQ(eid.error().kind, ErrorKind::invalid);
  EXPECT_FALSE(eid.error().detail.empty());

  EXPECT_FALSE(format_dossier_code("000.00.12.H51", Date{1999, 12, 31}, 1).ok());
  EXPECT_FALSE(format_dossier_code("000.00.12.H51", Date{2100, 1, 1}, 1).ok());
  EXPECT_FALSE(format_dossier_code("000.00.12.H51", Date{2026, 2, 30}, 1).ok());
  EXPECT_FALSE(format_dossier_code("000.00.12.H51", Date{2026, 13, 1}, 1).ok());
}

TEST(DossierCode, Parse) {
  auto p = parse_dossier_code("000.00.12.H51-261128-0007");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->eid, "000.00.12.H51");
  EXPECT_EQ(p->day, (Date{2026, 11, 28}));
  EXPECT_EQ(p->seq, 7);

  // Round trip.
  for (int seq : {1, 42, 999, 9999}) {
    Date d{2024, 2, 29};
    auto s = format_dossier_code("123.45.67.G89", d, seq);
    ASSERT_TRUE(s.ok());
    auto q = parse_dossier_code(*s);
    ASSERT_TRUE(q) << *s;
    EXPECT_EQ(q->eid, "123.45.67.G89");
    EXPECT_EQ(q->day, d);
    EXPECT_EQ(q->seq, seq);
  }

  EXPECT_FALSE(parse_dossier_code(""));
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261128-0000"));   // seq 0
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261128-10000"));  // 5 digits
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261128-007"));    // 3 digits
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-230229-0001"));   // 2023-02-29
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261328-0001"));   // month 13
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-2611280-0001"));
  EXPECT_FALSE(parse_dossier_code("000.00.12.X51-261128-0001"));   // bad eid
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51_261128_0001"));
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261128-0001 "));
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-26112a-0001"));
  EXPECT_FALSE(parse_dossier_code("000.00.12.H51-261128-+001"));
}

TEST(DossierCode, Acceptable) {
  EXPECT_TRUE(is_acceptable_code("000.00.12.H51-261128-0007"));
  EXPECT_TRUE(is_acceptable_code("G22.98-240101-12345"));  // a foreign system's code
  EXPECT_TRUE(is_acceptable_code("abc_DEF.123-x"));
  EXPECT_TRUE(is_acceptable_code(std::string(50, 'A')));
  EXPECT_FALSE(is_acceptable_code(std::string(51, 'A')));
  EXPECT_FALSE(is_acceptable_code(""));
  EXPECT_FALSE(is_acceptable_code("HS 001"));
  EXPECT_FALSE(is_acceptable_code("HS/001"));
  EXPECT_FALSE(is_acceptable_code("hồsơ"));
  EXPECT_FALSE(is_acceptable_code("x;drop table"));
}


TEST(TrackingKey, EightUnambiguousCharactersFromTheId) {
  const std::string id = "0190f3a2-7c1e-7b44-9a2d-5e6f7a8b9c0d";
  std::string k = tracking_key(id);
  ASSERT_EQ(k.size(), 8u);
  EXPECT_EQ(k.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), std::string::npos) << k;
  EXPECT_EQ(tracking_key(id), k);                                   // stable
  EXPECT_NE(tracking_key("0190f3a2-7c1e-7b44-9a2d-5e6f7a8b9c0e"), k);  // another dossier, another key
}

TEST(TrackingKey, MatchesAsPeopleTypeIt) {
  const std::string id = "0190f3a2-7c1e-7b44-9a2d-5e6f7a8b9c0d";
  std::string k = tracking_key(id);
  std::string lower;
  for (char c : k) lower += char(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(tracking_key_matches(id, k));
  EXPECT_TRUE(tracking_key_matches(id, lower));
  EXPECT_TRUE(tracking_key_matches(id, k.substr(0, 4) + "-" + k.substr(4)));
  EXPECT_TRUE(tracking_key_matches(id, " " + k.substr(0, 4) + " " + k.substr(4) + " "));
  EXPECT_FALSE(tracking_key_matches(id, k.substr(0, 7)));
  EXPECT_FALSE(tracking_key_matches(id, ""));
  EXPECT_FALSE(tracking_key_matches("0190f3a2-7c1e-7b44-9a2d-5e6f7a8b9c0e", k));
}

}  // namespace
}  // namespace motcua::dossier
