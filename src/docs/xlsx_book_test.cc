// The reusable workbook writer: what it writes can be read back (the sheet's XML inside the zip).
#include "docs/xlsx_book.h"

#include <gtest/gtest.h>

namespace motcua::docs::xlsx {
namespace {

Sheet sample() {
  Sheet s;
  s.name = "Rà soát";
  s.heading = Heading{"Ủy ban nhân dân tỉnh Quảng Ngãi", "Văn phòng UBND tỉnh", true, "BẢNG TÍNH", "Năm 2026"};
  s.columns = {{"Mã", Kind::text, 12}, {"Số hồ sơ", Kind::integer}, {"Chi phí", Kind::vnd}, {"Tỷ lệ", Kind::percent}};
  s.rows = {{std::string("1.001193"), int64_t(12), int64_t(785000), 0.25}, {std::string("2.000806")}};
  s.notes = {"Nguồn: thử nghiệm"};
  return s;
}

TEST(XlsxBook, WritesAZipWorkbook) {
  auto bytes = write_book({sample()});
  ASSERT_TRUE(bytes.ok()) << bytes.error().detail;
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip container
  EXPECT_NE(bytes->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(XlsxBook, RefusesWhatExcelWouldNotOpen) {
  Sheet bad = sample();
  bad.name = "a/b";
  EXPECT_EQ(write_book({bad}).error().code, "xlsx_invalid");
  bad = sample();
  bad.name = std::string(32, 'x');
  EXPECT_FALSE(write_book({bad}).ok());
  bad = sample();
  bad.rows.push_back({int64_t(1), int64_t(2), int64_t(3), int64_t(4), int64_t(5)});
  EXPECT_FALSE(write_book({bad}).ok());
  bad = sample();
  bad.columns.clear();
  EXPECT_FALSE(write_book({bad}).ok());
  EXPECT_FALSE(write_book({}).ok());
}

}  // namespace
}  // namespace motcua::docs::xlsx
