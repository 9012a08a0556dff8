#include "integrations/dvcqg/catalogue_source.h"

#include <gtest/gtest.h>

namespace motcua::integrations::dvcqg {
namespace {
namespace json = boost::json;

TEST(DvcqgCatalogue, ExportRecordRead) {
  auto v = json::parse(R"({"MATTHC":"1.001234","TENTTHC":"Đăng ký khai sinh",
    "LINHVUCTHUCHIEN":[{"MALINHVUC":"HT","TENLINHVUC":"Hộ tịch"}],
    "CACHTHUCTHUCHIEN":[{"KENH":"1","THOIGIAN":[{"THOIGIANGIAIQUYET":"5","DONVITINH":"Ngày làm việc"}]}]})");
  auto r = parse_export_record(v);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->national_code, "1.001234");
  EXPECT_EQ(r->field, "Hộ tịch");
  EXPECT_EQ(r->time_amount, 5);
  EXPECT_EQ(r->time_unit, calendar::TimeUnit::working_days);
  auto days = parse_export_record(json::parse(
      R"({"MATTHC":"2","CACHTHUCTHUCHIEN":[{"THOIGIAN":[{"THOIGIANGIAIQUYET":30,"DONVITINH":"Ngày"}]}]})"));
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(days->time_unit, calendar::TimeUnit::calendar_days);
  EXPECT_EQ(days->time_amount, 30);
  auto odd = parse_export_record(json::parse(R"({"MATTHC":"3","CACHTHUCTHUCHIEN":[{"THOIGIAN":[{"DONVITINH":"Tháng"}]}]})"));
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ(odd->time_unit, std::nullopt);  // unknown: not compared
  EXPECT_FALSE(parse_export_record(json::parse(R"({"TENTTHC":"x"})")).ok());
  EXPECT_FALSE(parse_export_record(json::value("x")).ok());
}

}  // namespace
}  // namespace motcua::integrations::dvcqg
