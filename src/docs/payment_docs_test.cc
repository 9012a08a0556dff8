#include "docs/payment_docs.h"

#include <gtest/gtest.h>

#include "docs/test_util.h"

namespace motcua::docs {
namespace {

PaymentReceipt receipt() {
  PaymentReceipt r;
  r.receipt_no = "BL-MC261204193000a1b2";
  r.dossier_code = "000.00.12.H51-261204-0007";
  r.procedure_name = "Đăng ký lại khai sinh";
  r.payer_name = "Trần Thị Bích <script>";
  r.lines = {{"Lệ phí đăng ký hộ tịch", 50000}, {"Phí cấp bản sao trích lục", 8000}};
  r.amount = 58000;
  r.provider_label = "VNPay";
  r.order_ref = "MC261204193000a1b2";
  r.provider_txn = "14000001";
  r.paid_at = 1796380200000;  // 2026-12-04 10:30 UTC = 17:30 in Vietnam
  r.base_url = "https://dichvucong.quangngai.gov.vn";
  return r;
}

TEST(PaymentReceipt, PrintsWhatWasPaidWithDiacritics) {
  auto pdf = render_payment_receipt({"UBND TỈNH QUẢNG NGÃI", "UBND phường Cẩm Thành", "Quảng Ngãi"}, receipt());
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  EXPECT_EQ(pdf->rfind("%PDF", 0), 0u);
  if (!testing::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  auto text = testing::pdf_text(*pdf);
  ASSERT_TRUE(text);
  for (const char* s : {"BIÊN LAI THU PHÍ, LỆ PHÍ (ĐIỆN TỬ)", "BL-MC261204193000a1b2", "000.00.12.H51-261204-0007",
                        "Lệ phí đăng ký hộ tịch", "50.000", "58.000", "VNPay", "14000001", "Trần Thị Bích <script>",
                        "17 giờ 30 phút, ngày 04/12/2026"})
    EXPECT_NE(text->find(s), std::string::npos) << s << "\n" << *text;
}

TEST(PaymentReceipt, RefusesWhatIsMissingOrNotUtf8) {
  auto r = receipt();
  r.receipt_no.clear();
  EXPECT_FALSE(render_payment_receipt({"", "UBND phường Cẩm Thành", "Quảng Ngãi"}, r).ok());
  r = receipt();
  r.payer_name = "\xff\xfe";
  auto bad = render_payment_receipt({"", "UBND phường Cẩm Thành", "Quảng Ngãi"}, r);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
}

TEST(ReconcileXlsx, IsAWorkbook) {
  ReconcileSheet s;
  s.provider_label = "VNPay";
  s.date = "2026-12-04";
  s.ours = 3;
  s.theirs = 3;
  s.matched = 2;
  s.rows.push_back({"MC1", "Số tiền khác nhau", "paid", "paid", "d1", 50000, 40000});
  auto x = render_reconcile_xlsx(s);
  ASSERT_TRUE(x.ok()) << x.error().detail;
  EXPECT_EQ(x->substr(0, 2), "PK");
  if (!testing::have_tool("unzip")) GTEST_SKIP();
  std::string path = testing::write_temp(*x, ".xlsx");
  auto sheet = testing::run("unzip -p '" + path + "' xl/sharedStrings.xml");
  ASSERT_TRUE(sheet);
  EXPECT_NE(sheet->find("Số tiền khác nhau"), std::string::npos);
  EXPECT_NE(sheet->find("MC1"), std::string::npos);
}

}  // namespace
}  // namespace motcua::docs
