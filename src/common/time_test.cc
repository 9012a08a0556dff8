#include "common/time.h"

#include <gtest/gtest.h>

#include <set>

#include "common/crypto.h"

namespace motcua {

TEST(Time, CivilRoundTrip) {
  for (int64_t z = -1000; z < 100000; z += 37) EXPECT_EQ(days_from_civil(civil_from_days(z)), z);
  EXPECT_EQ(weekday(Date{2026, 11, 28}), 6);  // Saturday
  EXPECT_EQ(weekday(Date{2026, 2, 17}), 2);   // Tuesday, Tết Bính Ngọ
}

TEST(Time, LocalIsUtcPlus7) {
  Millis t = *parse_rfc3339("2026-11-27T17:30:00Z");  // 00:30 on the 28th in Hà Nội
  EXPECT_EQ(local_date(t), (Date{2026, 11, 28}));
  EXPECT_EQ(local_minute_of_day(t), 30);
  EXPECT_EQ(format_rfc3339_local(t), "2026-11-28T00:30:00+07:00");
  EXPECT_EQ(local_instant(Date{2026, 11, 28}, 30), t);
}

TEST(Time, FormatsZeroPaddedFieldsAndRoundTrips) {
  EXPECT_EQ(format_date(Date{2026, 1, 5}), "2026-01-05");
  EXPECT_EQ(format_date(Date{999, 12, 31}), "0999-12-31");
  EXPECT_EQ(format_date(Date{10000, 1, 1}), "10000-01-01");  // outside the fixed field: printf's form
  EXPECT_EQ(format_rfc3339_local(*parse_rfc3339("2026-12-31T16:59:59Z")), "2026-12-31T23:59:59+07:00");
  EXPECT_EQ(format_rfc3339_local(*parse_rfc3339("2026-12-31T17:00:00Z")), "2027-01-01T00:00:00+07:00");
  // Every second-aligned instant formats to text that parses back to itself.
  for (Millis t = 0; t < Millis(4102444800000); t += Millis(7919) * 60 * 1000 + 17000) {
    Millis s = t - t % 1000;
    auto back = parse_rfc3339(format_rfc3339_local(s));
    ASSERT_TRUE(back) << format_rfc3339_local(s);
    ASSERT_EQ(*back, s) << format_rfc3339_local(s);
  }
}

TEST(Time, ParseRfc3339) {
  EXPECT_EQ(*parse_rfc3339("2026-11-28T07:00:00+07:00"), *parse_rfc3339("2026-11-28T00:00:00Z"));
  EXPECT_EQ(*parse_rfc3339("2026-11-28T00:00:00.250Z") - *parse_rfc3339("2026-11-28T00:00:00Z"), 250);
  EXPECT_FALSE(parse_rfc3339("2026-11-28"));
  EXPECT_FALSE(parse_rfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-11-28T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-11-28T10:00:00+07:00x"));
  EXPECT_FALSE(parse_rfc3339("2026-11-28T10:00:00"));
}

TEST(Time, ParseDate) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-1-01"));
  EXPECT_FALSE(parse_date("２０２５-01-01"));
}

TEST(Crypto, PasswordsAndIds) {
  std::string h = hash_password("MotCua@2026");
  EXPECT_TRUE(verify_password(h, "MotCua@2026"));
  EXPECT_FALSE(verify_password(h, "motcua@2026"));
  EXPECT_EQ(new_id().size(), 36u);
  EXPECT_NE(new_id(), new_id());
  // Ids drawn across many refills of the per-thread random pool never repeat and keep the
  // UUIDv7 version and variant.
  std::set<std::string> ids;
  for (int i = 0; i < 2000; ++i) {
    std::string id = new_id();
    ASSERT_EQ(id[14], '7');
    ASSERT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
    ids.insert(std::move(id));
  }
  EXPECT_EQ(ids.size(), 2000u);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace motcua
