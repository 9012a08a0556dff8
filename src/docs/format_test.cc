#include "docs/format.h"

#include <gtest/gtest.h>

#include "docs/docs.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

using testing::at;

TEST(DocsFormat, DateLineFollowsDecree30) {
  EXPECT_EQ(detail::date_line("Quảng Ngãi", Date{2026, 11, 28}), "Quảng Ngãi, ngày 28 tháng 11 năm 2026");
  EXPECT_EQ(detail::date_line("Quảng Ngãi", Date{2026, 2, 5}), "Quảng Ngãi, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(detail::long_date(Date{2026, 3, 9}), "ngày 09 tháng 3 năm 2026");
}

TEST(DocsFormat, TimesAreLocal) {
  Millis t = at("2026-11-28T03:30:00Z");  // 10:30 in Quảng Ngãi
  EXPECT_EQ(detail::time_and_date(t), "10 giờ 30 phút, ngày 28/11/2026");
  EXPECT_EQ(detail::compact_time(t), "28/11/2026 10:30");
  EXPECT_EQ(detail::short_date(at("2026-11-27T17:05:00Z")), "28/11/2026");
}

TEST(DocsFormat, MoneyAndCase) {
  EXPECT_EQ(detail::money(0), "0 đồng");
  EXPECT_EQ(detail::money(200000), "200.000 đồng");
  EXPECT_EQ(detail::money(1250000), "1.250.000 đồng");
  EXPECT_EQ(detail::upper("Sở Tư pháp tỉnh Quảng Ngãi"), "SỞ TƯ PHÁP TỈNH QUẢNG NGÃI");
  EXPECT_EQ(detail::upper("ủy ban nhân dân xã đức phổ"), "ỦY BAN NHÂN DÂN XÃ ĐỨC PHỔ");
  EXPECT_EQ(detail::or_dots("", 5), ".....");
}

TEST(DocsFormat, TrackingUrl) {
  EXPECT_EQ(tracking_url("https://dvc.quangngai.gov.vn/", "000.00.12.H51-261128-0007"),
            "https://dvc.quangngai.gov.vn/tra-cuu/000.00.12.H51-261128-0007");
  EXPECT_EQ(tracking_url("https://x.vn", "A B/C?"), "https://x.vn/tra-cuu/A%20B%2FC%3F");
  // With the tracking key, the QR code opens the full lookup.
  EXPECT_EQ(tracking_url("https://x.vn", "000.00.12.H51-261128-0007", "AB3D-EF7H"),
            "https://x.vn/tra-cuu/000.00.12.H51-261128-0007?k=AB3D-EF7H");
}

}  // namespace
}  // namespace motcua::docs
