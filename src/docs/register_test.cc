#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "docs/docs.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

using testing::at;

RegisterForm sample_register(int n) {
  RegisterForm reg;
  reg.agency = testing::sample_agency();
  reg.from = Date{2026, 11, 1};
  reg.to = Date{2026, 11, 30};
  reg.issued_at = at("2026-12-01T08:00:00+07:00");
  const char* names[] = {"Nguyễn Thị Hồng Nhung", "Trần Quốc Việt", "Lê Thị Ánh Tuyết",
                         "Công ty TNHH Thương mại Dịch vụ Sa Huỳnh"};
  for (int i = 0; i < n; ++i) {
    RegisterRow r;
    char code[64];
    std::snprintf(code, sizeof code, "000.00.12.H51-2611%02d-%04d", 1 + i % 28, i + 1);
    r.code = code;
    r.procedure_name = i % 3 ? "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"
                             : "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp";
    r.applicant_name = names[i % 4];
    r.applicant_address = "Phường Nghĩa Chánh, tỉnh Quảng Ngãi";
    r.applicant_phone = "0905 123 4" + std::to_string(10 + i % 90);
    r.received_at = at("2026-11-02T08:15:00+07:00") + i * kHour;
    r.due_at = r.received_at + 10 * kDay;
    if (i % 2 == 0) r.transferred_at = r.received_at + 2 * kHour;
    if (i % 3 == 0) r.resolved_at = r.received_at + 5 * kDay;
    if (i % 6 == 0) r.returned_at = r.received_at + 6 * kDay;
    if (i % 7 == 0) r.note = "Trả qua bưu chính công ích";
    reg.rows.push_back(r);
  }
  return reg;
}

int pdf_pages(const std::string& pdf) {
  std::regex page(R"(/Type\s*/Page[^s])");
  return static_cast<int>(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page),
                                        std::sregex_iterator()));
}

TEST(DocsRegister, PdfPaginatesWithRepeatedHeader) {
  RegisterForm reg = sample_register(120);
  auto pdf = render_register_pdf(reg);
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  if (const char* dir = std::getenv("MOTCUA_DOCS_SAMPLE_DIR")) {
    std::ofstream(std::string(dir) + "/form_07.pdf", std::ios::binary) << *pdf;
  }
  int pages = pdf_pages(*pdf);
  EXPECT_GE(pages, 4);
  if (!testing::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext missing";
  std::string t = *testing::pdf_text(*pdf);
  EXPECT_EQ(testing::count(t, "\f"), pages);
  EXPECT_NE(t.find("SỔ THEO DÕI HỒ SƠ"), std::string::npos);
  EXPECT_NE(t.find("Từ ngày 01/11/2026 đến ngày 30/11/2026"), std::string::npos);
  EXPECT_NE(t.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(t.find("Nguyễn Thị Hồng Nhung"), std::string::npos);
  EXPECT_NE(t.find(reg.rows.back().code), std::string::npos);
  EXPECT_EQ(testing::count(t, "Mã hồ sơ"), pages) << "table header on every page";
  EXPECT_NE(t.find("Trang 1/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(t.find("Trang " + std::to_string(pages) + "/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(t.find("Tổng số: 120 hồ sơ."), std::string::npos);
  for (int i = 1; i <= 120; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "-%04d", i);
    EXPECT_NE(t.find(code), std::string::npos) << "row " << i;
  }
}

TEST(DocsRegister, EmptyAndInvalid) {
  RegisterForm reg = sample_register(0);
  auto pdf = render_register_pdf(reg);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf_pages(*pdf), 1);
  reg.to = Date{2026, 10, 1};
  EXPECT_EQ(render_register_pdf(reg).error().kind, ErrorKind::invalid);
  EXPECT_EQ(render_register_xlsx(reg).error().kind, ErrorKind::invalid);
}

TEST(DocsRegister, Xlsx) {
  RegisterForm reg = sample_register(120);
  auto x = render_register_xlsx(reg);
  ASSERT_TRUE(x.ok()) << x.error().detail;
  ASSERT_GT(x->size(), 1000u);
  EXPECT_EQ(x->substr(0, 2), "PK");
  EXPECT_NE(x->find("xl/worksheets/sheet1.xml"), std::string::npos);
  if (const char* dir = std::getenv("MOTCUA_DOCS_SAMPLE_DIR")) {
    std::ofstream(std::string(dir) + "/form_07.xlsx", std::ios::binary) << *x;
  }
  if (!testing::have_tool("unzip")) GTEST_SKIP() << "unzip missing";
  std::string path = testing::write_temp(*x, ".xlsx");
  auto strings = testing::run("unzip -p '" + path + "' xl/sharedStrings.xml");
  auto sheet = testing::run("unzip -p '" + path + "' xl/workbook.xml");
  ::unlink(path.c_str());
  ASSERT_TRUE(strings && sheet);
  EXPECT_NE(strings->find("Nguyễn Thị Hồng Nhung"), std::string::npos);
  EXPECT_NE(strings->find(reg.rows.back().code), std::string::npos);
  EXPECT_NE(strings->find("SỔ THEO DÕI HỒ SƠ"), std::string::npos);
  EXPECT_NE(sheet->find("Sổ theo dõi hồ sơ"), std::string::npos);
}

}  // namespace
}  // namespace motcua::docs
