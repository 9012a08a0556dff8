// A training copy's mark (DossierForm::watermark, RegisterForm::watermark): a line in the top
// margin of every page, and a diagonal watermark drawn as outlines (so the form's text reads as
// before); nothing at all without it.
#include <gtest/gtest.h>

#include "docs/docs.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

const std::string kMark = "BẢN ĐÀO TẠO — không có giá trị pháp lý";

class DocsWatermark : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) missing";
  }
};

TEST_F(DocsWatermark, EveryFormSaysItOnEveryPageOnlyWhenAsked) {
  for (int n = 1; n <= 6; ++n) {
    DossierForm f = testing::sample_form();
    auto plain = render_form(n, testing::sample_agency(), f);
    f.watermark = kMark;
    auto marked = render_form(n, testing::sample_agency(), f);
    ASSERT_TRUE(plain.ok() && marked.ok()) << n;
    const std::string without = testing::pdf_text(*plain).value_or("");
    const std::string with = testing::pdf_text(*marked).value_or("");
    EXPECT_EQ(testing::count(without, "ĐÀO TẠO"), 0) << n;
    const auto pages = testing::pages_of(with);
    ASSERT_FALSE(pages.empty()) << n;
    for (auto& page : pages) EXPECT_EQ(testing::count(page, kMark), 1) << "form " << n;
    // Only the line is text: the rest of the form extracts exactly as without the mark.
    EXPECT_EQ(testing::count(with, "ĐÀO TẠO"), int(pages.size())) << n;
    EXPECT_NE(with.find(std::string(form_title(n))), std::string::npos) << n;
    EXPECT_NE(with.find(f.applicant_name), std::string::npos) << n;
  }
}

TEST_F(DocsWatermark, EveryPageOfTheRegister) {
  RegisterForm reg;
  reg.agency = testing::sample_agency();
  reg.from = reg.to = Date{2026, 11, 28};
  reg.issued_at = testing::at("2026-11-28T17:00:00+07:00");
  for (int i = 0; i < 60; ++i) {
    RegisterRow r;
    r.code = "000.00.12.H51-261128-" + std::to_string(1000 + i);
    r.procedure_name = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam";
    r.applicant_name = "Nguyễn Thị Hồng Nhung";
    r.received_at = testing::at("2026-11-28T08:15:00+07:00") + i * kMinute;
    r.due_at = r.received_at + 10 * kDay;
    reg.rows.push_back(r);
  }
  reg.watermark = kMark;
  auto pdf = render_register_pdf(reg);
  ASSERT_TRUE(pdf.ok());
  const auto pages = testing::pages_of(testing::pdf_text(*pdf).value_or(""));
  ASSERT_GT(pages.size(), 1u);
  for (auto& page : pages) EXPECT_EQ(testing::count(page, kMark), 1);
}

}  // namespace
}  // namespace motcua::docs
