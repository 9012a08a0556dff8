// Printable documents of the one-stop process: the forms of Thông tư 03/2025/TT-VPCP
// (2025 numbering, see DOMAIN.md §4) as A4 PDFs, and the dossier register also as .xlsx.
//
// Pure rendering: plain structs in, bytes out. No store, no clock (every date shown comes from
// the input), no files left behind. Text is UTF-8 (NFC is applied before drawing); invalid
// UTF-8 is an `invalid` error naming the field. Instants are UTC milliseconds and are shown in
// Asia/Ho_Chi_Minh local time (UTC+7). Money is int64 VND.
//
// Fonts: Noto Serif / Noto Sans (Debian fonts-noto-core) through Pango, so Vietnamese
// diacritics are shaped and embedded with a ToUnicode map (copy/paste and pdftotext read back
// the exact text). If the fonts are missing, rendering returns an `unavailable` error.
//
// Thread safety: every function may be called concurrently from several threads.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace motcua::docs {

// Top-left block of every form: "UBND TỈNH QUẢNG NGÃI" / "SỞ TƯ PHÁP" (both upper-cased when
// drawn; the name in bold) and the place used in the date line ("Quảng Ngãi, ngày ...").
struct AgencyHeader {
  std::string parent_name;  // may be empty
  std::string name;         // required
  std::string place;        // required, e.g. "Quảng Ngãi"
};

// One paper or file of the dossier (thành phần hồ sơ) as listed on form 01. Form 01 prints
// every component it is given: the caller passes only what was actually received.
struct Component {
  std::string name;
  std::string kind;  // "Bản chính", "Bản sao", "Bản sao chứng thực", "Bản điện tử", ... ("" blank)
  int count = 1;     // ≤ 0 prints a blank (not known)
  std::string note;
};

// One row of the control sheet (form 06): a step of the internal process. The dossier goes
// from `giver` to `receiver` (the unit in `unit_name`) at `at`, to be done by `due_at`;
// `result` is the step's outcome class. A step not reached yet has only `number` and
// `unit_name` (the other cells print blank). Rows print in the order given.
struct StepRow {
  std::string unit_name;     // tên bước, cơ quan / bộ phận nhận
  Millis at = 0;             // thời gian giao, nhận (0: blank)
  std::string giver;         // người giao: "Nguyễn Văn A — Chuyên viên"
  std::string receiver;      // người nhận
  std::string result;        // "Trước hạn" / "Đúng hạn" / "Quá hạn" / "Đang xử lý" / ""
  std::string note;
  Millis due_at = 0;         // hạn xử lý của bước, printed dd/mm/yyyy HH:mm (0: blank)
  int number = 0;            // TT: the step's number in the process (0: the row's position)
};

// Everything forms 01..06 may show. Each form uses a subset (see render_form); fields it does
// not use are ignored. Empty optional text prints as a dotted blank for hand filling.
struct DossierForm {
  std::string code;              // required: mã hồ sơ, ≤ 50 bytes, e.g. 000.00.12.H51-261128-0007
  std::string document_number;   // "Số: ..." under the agency name (forms 04, 05), optional
  std::string procedure_name;    // required: tên thủ tục hành chính
  std::string applicant_name;    // required
  std::string applicant_id;      // CCCD / mã số doanh nghiệp
  std::string applicant_address;
  std::string applicant_phone;
  std::string applicant_email;
  std::string receiving_unit;    // "Bộ phận Một cửa Sở Tư pháp"; default: the agency name
  std::string receiving_officer; // người tiếp nhận / hướng dẫn (signs forms 01..03)
  std::string officer_phone;     // contact for questions (form 02)
  std::string signer_title;      // form 04/05 signer, default "THỦ TRƯỞNG CƠ QUAN"
  std::string signer_name;
  std::vector<Component> components;
  int dossier_sets = 1;          // số lượng hồ sơ (bộ)
  std::string processing_time;   // "05 ngày làm việc" (thời hạn giải quyết theo quy định)
  Millis received_at = 0;        // required by forms 01, 03, 04, 05, 06
  Millis due_at = 0;             // required by forms 01, 04
  std::string channel_label;     // "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính công ích"
  std::string return_place;      // đăng ký nhận kết quả tại
  std::optional<int64_t> fee_vnd;  // phí, lệ phí; shown as "50.000 đồng"
  std::string fee_text;          // overrides fee_vnd when set, e.g. "Miễn phí"
  std::vector<std::string> items;  // form 02: what to supplement; 03/05: reasons
  std::string reason;            // form 02: lý do; 04: reason for the delay; 05: main reason
  std::optional<Millis> new_due; // form 04: new appointment (required there)
  std::vector<StepRow> steps;    // form 06
  std::string base_url;          // required: public site, e.g. "https://dichvucong.quangngai.gov.vn"
  // The dossier's tracking key (mã tra cứu): carried by the QR code and printed in the footer, so
  // the applicant sees the full public lookup. "" = code only.
  std::string tracking_key;
  Millis issued_at = 0;          // required: the date line of the form
  // A training copy's mark (Config::training: "BẢN ĐÀO TẠO — không có giá trị pháp lý"), drawn
  // on every page: a line in the top margin and a diagonal watermark. "" = none.
  std::string watermark;
};

struct RegisterRow {
  std::string code;
  std::string procedure_name;
  std::string applicant_name;
  std::string applicant_address;  // address and phone share a column
  std::string applicant_phone;
  Millis received_at = 0;
  Millis due_at = 0;
  std::optional<Millis> transferred_at;  // chuyển hồ sơ đến cơ quan giải quyết
  std::optional<Millis> resolved_at;     // có kết quả giải quyết
  std::optional<Millis> returned_at;     // trả kết quả
  std::string signed_by;                 // ký nhận (name of who collected), usually blank
  std::string note;
};

struct RegisterForm {
  AgencyHeader agency;
  Date from, to;  // inclusive local dates of the period
  std::vector<RegisterRow> rows;
  Millis issued_at = 0;  // date line (and the PDF's creation date); 0 → no date line
  std::string watermark;  // as DossierForm::watermark
};

// A QR symbol: size × size modules (quiet zone not included), row-major, true = dark.
struct Matrix {
  int size = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// QR (byte mode, error correction level M, smallest version that fits) of `payload`.
Result<Matrix> qr_matrix(std::string_view payload);

// `<base_url>/tra-cuu/<code>[?k=<key>]`: a trailing '/' of base_url is dropped; the code and the
// key are percent-encoded except for unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string tracking_url(std::string_view base_url, std::string_view code, std::string_view key = {});

// Form `number` (1..6), A4 portrait PDF bytes:
//   1 Giấy tiếp nhận hồ sơ và hẹn trả kết quả           (received_at, due_at)
//   2 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ           (items non-empty)
//   3 Phiếu từ chối tiếp nhận giải quyết hồ sơ          (items or reason)
//   4 Phiếu xin lỗi và hẹn lại ngày trả kết quả         (received_at, due_at, new_due)
//   5 Thông báo dừng giải quyết hồ sơ                   (items or reason)
//   6 Phiếu kiểm soát quá trình giải quyết hồ sơ        (steps may be empty: blank rows)
// Layout rules (docs/forms.md): text wraps at spaces only (only a table cell may split a token
// wider than its column); the issuing agency's name breaks between words, before the unit word
// when it needs two lines; place names ("phường Cẩm Thành") stay on one line when they fit; the
// closing lines of 01-05 stay on one page with their signature block.
// Errors: `invalid` for an unknown number, a missing required field or invalid UTF-8;
// `unavailable` when the fonts are not installed; `internal` when cairo fails.
Result<std::string> render_form(int number, const AgencyHeader& agency, const DossierForm& form);

// Form 07, sổ theo dõi hồ sơ: A4 landscape, paginated, the table header repeated on each page,
// "Trang i/n" in the footer.
Result<std::string> render_register_pdf(const RegisterForm& reg);
// The same register as an .xlsx workbook: one sheet, the same columns, instants as Excel
// date-times in local time (format dd/mm/yyyy hh:mm), header rows frozen and repeated when
// printed (A4 landscape, one page wide).
Result<std::string> render_register_xlsx(const RegisterForm& reg);

// The form's title as printed, e.g. form_title(1) == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";
// "" for an unknown number. Number 7 is the register.
std::string_view form_title(int number);

// OK when Pango resolves "Noto Serif" and "Noto Sans" to those families (not a fallback).
Status check_fonts();

}  // namespace motcua::docs
