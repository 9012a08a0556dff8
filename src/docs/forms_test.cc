#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "docs/docs.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

using testing::pdf_text;

const char* kMotto1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char* kMotto2 = "Độc lập - Tự do - Hạnh phúc";

// Renders form n and returns its text (skips the test when pdftotext is missing).
std::string text_of(int n, const DossierForm& f) {
  auto pdf = render_form(n, testing::sample_agency(), f);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().detail);
  if (!pdf.ok()) return {};
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  if (const char* dir = std::getenv("MOTCUA_DOCS_SAMPLE_DIR")) {
    std::ofstream(std::string(dir) + "/form_0" + std::to_string(n) + ".pdf", std::ios::binary) << *pdf;
  }
  auto text = pdf_text(*pdf);
  EXPECT_TRUE(text) << "pdftotext failed";
  return text.value_or("");
}

class DocsForms : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    if (!testing::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) missing";
  }
};

TEST_P(DocsForms, CommonPartsReadBackExactly) {
  int n = GetParam();
  DossierForm f = testing::sample_form();
  std::string t = text_of(n, f);
  EXPECT_NE(t.find(kMotto1), std::string::npos) << t;
  EXPECT_NE(t.find(kMotto2), std::string::npos) << t;
  EXPECT_NE(t.find("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"), std::string::npos) << t;
  EXPECT_NE(t.find("SỞ TƯ PHÁP"), std::string::npos) << t;
  EXPECT_NE(t.find("Quảng Ngãi, ngày 28 tháng 11 năm 2026"), std::string::npos) << t;
  EXPECT_NE(t.find(std::string(form_title(n))), std::string::npos) << t;
  EXPECT_NE(t.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
  EXPECT_NE(t.find("Cấp Phiếu lý lịch tư pháp"), std::string::npos) << t;
  EXPECT_NE(t.find(f.code), std::string::npos) << t;
  // The tracking URL is printed beside the QR code.
  EXPECT_NE(t.find("tra-cuu/" + f.code), std::string::npos) << t;
  // One page each with this sample.
  EXPECT_EQ(testing::count(t, "\f"), 1) << t;
}

INSTANTIATE_TEST_SUITE_P(All, DocsForms, ::testing::Range(1, 7));

class DocsFormText : public DocsForms {};

TEST_F(DocsFormText, Form01Receipt) {
  std::string t = text_of(1, testing::sample_form());
  EXPECT_NE(t.find("4. Thời gian nhận hồ sơ: 10 giờ 30 phút, ngày 28/11/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("16 giờ 00 phút, ngày 11/12/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("Căn cước công dân"), std::string::npos) << t;
  EXPECT_NE(t.find("Bản sao chứng thực"), std::string::npos) << t;
  EXPECT_NE(t.find("200.000 đồng"), std::string::npos) << t;
  EXPECT_NE(t.find("NGƯỜI TIẾP NHẬN HỒ SƠ"), std::string::npos) << t;
  EXPECT_NE(t.find("Trần Văn Đức"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form02Supplement) {
  std::string t = text_of(2, testing::sample_form());
  EXPECT_NE(t.find("1. Bản sao Giấy khai sinh có chứng thực"), std::string::npos) << t;
  EXPECT_NE(t.find("2. Ảnh chân dung 4x6"), std::string::npos) << t;
  EXPECT_NE(t.find("NGƯỜI HƯỚNG DẪN"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form03Refusal) {
  DossierForm f = testing::sample_form();
  f.items = {"Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp"};
  std::string t = text_of(3, f);
  EXPECT_NE(t.find("1. Thủ tục không thuộc thẩm quyền"), std::string::npos) << t;
  EXPECT_NE(t.find("thông báo không tiếp nhận"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form04Apology) {
  std::string t = text_of(4, testing::sample_form());
  EXPECT_NE(t.find("Kính gửi: Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
  EXPECT_NE(t.find("09 giờ 00 phút, ngày 18/12/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("Số: 125/TB-STP"), std::string::npos) << t;
  EXPECT_NE(t.find("Lê Quang Vũ"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form05Stop) {
  std::string t = text_of(5, testing::sample_form());
  EXPECT_NE(t.find("thông báo dừng giải quyết hồ sơ"), std::string::npos) << t;
  EXPECT_NE(t.find("Hồ sơ cần xác minh thêm thông tin tại Công an tỉnh"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form06ControlSheet) {
  std::string t = text_of(6, testing::sample_form());
  EXPECT_NE(t.find("Phòng Hành chính"), std::string::npos) << t;
  EXPECT_NE(t.find("Võ Minh Tuấn"), std::string::npos) << t;
  EXPECT_NE(t.find("Trước hạn"), std::string::npos) << t;
  EXPECT_NE(t.find("Người giao"), std::string::npos) << t;
}

TEST_F(DocsFormText, DecomposedInputIsNormalised) {
  DossierForm f = testing::sample_form();
  f.applicant_name = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x82\xcc\x80ng Nhung";  // NFD
  std::string t = text_of(1, f);
  EXPECT_NE(t.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
}

TEST_F(DocsFormText, LongControlSheetPaginates) {
  DossierForm f = testing::sample_form();
  for (int i = 0; i < 20; ++i) f.steps.push_back(f.steps[i % 2]);
  std::string t = text_of(6, f);
  EXPECT_GE(testing::count(t, "\f"), 2);
  EXPECT_GE(testing::count(t, "Tên cơ quan, bộ"), 2) << t;  // header repeated
}

TEST(DocsFormErrors, InvalidInput) {
  AgencyHeader a = testing::sample_agency();
  DossierForm f = testing::sample_form();
  EXPECT_EQ(render_form(0, a, f).error().kind, ErrorKind::invalid);
  EXPECT_EQ(render_form(7, a, f).error().kind, ErrorKind::invalid);

  DossierForm bad = f;
  bad.code.clear();
  bad.applicant_name = "\xff\xfe";
  auto r = render_form(1, a, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "code");
  EXPECT_EQ(r.error().fields[1].field, "applicant_name");

  DossierForm no_items = f;
  no_items.items.clear();
  EXPECT_EQ(render_form(2, a, no_items).error().fields.at(0).field, "items");
  DossierForm no_new_due = f;
  no_new_due.new_due.reset();
  EXPECT_EQ(render_form(4, a, no_new_due).error().fields.at(0).field, "new_due");
  // Blank optional fields are fine (dotted for hand filling).
  DossierForm sparse = f;
  sparse.applicant_phone.clear();
  sparse.applicant_email.clear();
  sparse.components.clear();
  sparse.steps.clear();
  for (int n = 1; n <= 6; ++n) EXPECT_TRUE(render_form(n, a, sparse).ok()) << n;
}

TEST(DocsFormErrors, FontsPresent) { EXPECT_TRUE(check_fonts().ok()); }

TEST(DocsFormErrors, SameInputSameBytes) {
  auto a = render_form(1, testing::sample_agency(), testing::sample_form());
  auto b = render_form(1, testing::sample_agency(), testing::sample_form());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(DocsFormErrors, ConcurrentRenderingGivesSameBytes) {
  auto ref = render_form(1, testing::sample_agency(), testing::sample_form());
  ASSERT_TRUE(ref.ok());
  std::vector<std::string> out(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&out, i] {
      for (int k = 0; k < 5; ++k) {
        auto r = render_form(1 + (k % 6), testing::sample_agency(), testing::sample_form());
        if (!r.ok()) return;
      }
      auto r = render_form(1, testing::sample_agency(), testing::sample_form());
      if (r.ok()) out[i] = *r;
    });
  }
  for (auto& t : ts) t.join();
  for (const auto& o : out) EXPECT_EQ(o, *ref);
}

}  // namespace
}  // namespace motcua::docs
