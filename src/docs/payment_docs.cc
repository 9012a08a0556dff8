// The e-receipt of a fee paid online and the reconciliation workbook (payment_docs.h).
#include "docs/payment_docs.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <fstream>
#include <iterator>

#include "common/text.h"
#include "docs/blocks.h"
#include "docs/format.h"

namespace motcua::docs {

Result<std::string> render_payment_receipt(const AgencyHeader& agency, const PaymentReceipt& r) {
  using namespace detail;
  for (const std::string* s : {&r.receipt_no, &r.dossier_code, &r.procedure_name, &r.payer_name, &r.provider_label,
                               &r.order_ref, &r.provider_txn, &agency.name, &agency.parent_name, &agency.place})
    if (!is_valid_utf8(*s)) return make_error(ErrorKind::invalid, "Biên lai có dữ liệu không phải UTF-8.", "invalid_utf8");
  if (r.receipt_no.empty() || r.dossier_code.empty() || r.paid_at == 0 || agency.name.empty())
    return make_error(ErrorKind::invalid, "Biên lai thiếu số, mã hồ sơ hoặc thời điểm thanh toán.", "invalid_receipt");
  MC_ASSIGN(Matrix qr, qr_matrix(tracking_url(r.base_url, r.dossier_code, r.tracking_key)));
  Doc d{Page{}};
  const std::string title_text = "BIÊN LAI THU PHÍ, LỆ PHÍ (ĐIỆN TỬ)";
  MC_TRY(d.open(title_text + " - " + r.receipt_no, format_rfc3339_local(r.paid_at)));
  d.set_watermark(r.watermark);
  tracking_footer(d, tracking_url(r.base_url, r.dossier_code), r.tracking_key);
  Date date = local_date(r.paid_at);
  national_header(d, agency, "", &date);
  title(d, title_text, Spans{{"Số: "}, {r.receipt_no, true}}, &qr, r.dossier_code);
  field(d, "Người nộp", r.payer_name);
  field(d, "Mã hồ sơ", r.dossier_code, true);
  field(d, "Thủ tục hành chính", r.procedure_name);
  d.gap(4);
  TableSpec spec;
  spec.cols = {{"TT", 0.6, Align::center}, {"Khoản thu", 5}, {"Số tiền", 2, Align::right}};
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < r.lines.size(); ++i)
    rows.push_back({std::to_string(i + 1), r.lines[i].first, money(r.lines[i].second)});
  rows.push_back({"", "Tổng cộng", money(r.amount)});
  d.table(spec, rows);
  d.gap(6);
  field(d, "Hình thức nộp", "Thanh toán trực tuyến qua " + r.provider_label);
  field(d, "Thời điểm thanh toán", time_and_date(r.paid_at));
  field(d, "Mã giao dịch của hệ thống", r.order_ref);
  field(d, "Mã giao dịch của cổng thanh toán", r.provider_txn);
  d.gap(6);
  d.para("Biên lai điện tử do hệ thống Một cửa lập tự động khi cổng thanh toán xác nhận giao dịch; có giá trị "
         "để đối chiếu với hồ sơ.",
         body_style());
  return d.finish();
}

namespace {
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};
}  // namespace

Result<std::string> render_reconcile_xlsx(const ReconcileSheet& s) {
  using detail::nfc;
  TempFile tmp;
  {
    std::string tpl = "/tmp/motcua-reconcile-XXXXXX.xlsx";
    int fd = ::mkstemps(tpl.data(), 5);
    if (fd < 0) return make_error(ErrorKind::internal, "Không tạo được tệp tạm để ghi bảng đối soát.", "xlsx_tmp");
    ::close(fd);
    tmp.path = tpl;
  }
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (!wb) return make_error(ErrorKind::internal, "Không tạo được bảng đối soát Excel.", "xlsx_failed");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Đối soát");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  lxw_format* amount = workbook_add_format(wb);
  format_set_border(amount, LXW_BORDER_THIN);
  format_set_num_format(amount, "#,##0");
  std::string title = "ĐỐI SOÁT GIAO DỊCH THANH TOÁN NGÀY " + s.date + " — " + s.provider_label;
  worksheet_write_string(ws, 0, 0, nfc(title).c_str(), bold);
  std::string summary = "Sổ của hệ thống: " + std::to_string(s.ours) + " giao dịch; bảng kê của cổng: " +
                        std::to_string(s.theirs) + "; khớp: " + std::to_string(s.matched) +
                        "; chênh lệch: " + std::to_string(s.rows.size());
  worksheet_write_string(ws, 1, 0, nfc(summary).c_str(), nullptr);
  const char* cols[] = {"TT", "Mã giao dịch", "Chênh lệch", "Trạng thái (hệ thống)", "Trạng thái (cổng)",
                        "Số tiền (hệ thống)", "Số tiền (cổng)", "Mã hồ sơ nội bộ"};
  const double widths[] = {5, 26, 36, 18, 18, 16, 16, 38};
  for (lxw_col_t c = 0; c < 8; ++c) {
    worksheet_set_column(ws, c, c, widths[c], nullptr);
    worksheet_write_string(ws, 3, c, cols[c], head);
  }
  for (size_t i = 0; i < s.rows.size(); ++i) {
    const auto& r = s.rows[i];
    lxw_row_t row = lxw_row_t(4 + i);
    worksheet_write_number(ws, row, 0, double(i + 1), cell);
    worksheet_write_string(ws, row, 1, nfc(r.order_ref).c_str(), cell);
    worksheet_write_string(ws, row, 2, nfc(r.issue_vi).c_str(), cell);
    worksheet_write_string(ws, row, 3, nfc(r.our_state).c_str(), cell);
    worksheet_write_string(ws, row, 4, nfc(r.their_state).c_str(), cell);
    worksheet_write_number(ws, row, 5, double(r.our_amount), amount);
    worksheet_write_number(ws, row, 6, double(r.their_amount), amount);
    worksheet_write_string(ws, row, 7, nfc(r.dossier_id).c_str(), cell);
  }
  worksheet_freeze_panes(ws, 4, 0);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return make_error(ErrorKind::internal, std::string("Lỗi khi ghi bảng đối soát: ") + lxw_strerror(err), "xlsx_failed");
  std::ifstream in(tmp.path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace motcua::docs
