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
  EXPECT_FALSE(r->fees.has_value());       // not listed: not compared
  EXPECT_FALSE(r->components.has_value());
}

TEST(DvcqgCatalogue, FeesAndComponentsRead) {
  auto r = parse_export_record(json::parse(R"({"MATTHC":"1","CACHTHUCTHUCHIEN":[{"THOIGIAN":[{
      "THOIGIANGIAIQUYET":3,"DONVITINH":"Ngày làm việc",
      "PHILEPHI":[{"MAPHILEPHI":"LP01","MOTA":"Lệ phí","SOTIEN":8000.0,"DONVI":"Đồng"},
                  {"MAPHILEPHI":"LP02","MOTA":"Phí","SOTIEN":"2000"}]}]}],
    "THANHPHANHOSO":[{"TRUONGHOP":"","GIAYTO":[{"MAGIAYTO":"G1","TENGIAYTO":"Tờ khai"},{"TENGIAYTO":"Bản sao"}]},
                     {"GIAYTO":[{"TENGIAYTO":"Giấy ủy quyền"}]}]})"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->fees.has_value());
  ASSERT_EQ(r->fees->size(), 2u);
  EXPECT_EQ((*r->fees)[0].code, "LP01");
  EXPECT_EQ((*r->fees)[0].amount_vnd, 8000);
  EXPECT_EQ((*r->fees)[1].amount_vnd, 2000);
  EXPECT_EQ(*r->components, (std::vector<std::string>{"Tờ khai", "Bản sao", "Giấy ủy quyền"}));
}

}  // namespace
}  // namespace motcua::integrations::dvcqg
