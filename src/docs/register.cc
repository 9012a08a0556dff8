// Form 07: Sổ theo dõi hồ sơ (the dossier register), as a landscape PDF and as .xlsx.
//
// NOTE: column titles follow the template of the circular's annex as best we know it; the
// exact template wording MUST be checked against the annex of Thông tư 03/2025/TT-VPCP.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "common/text.h"
#include "docs/blocks.h"
#include "docs/format.h"

namespace motcua::docs {
namespace {

using namespace detail;

const std::vector<Column>& register_columns() {
  // Weights are the widths in points on A4 landscape (767 pt between the margins).
  static const std::vector<Column> cols = {
      {"STT", 22, Align::center},
      {"Mã hồ sơ", 110},
      {"Tên thủ tục hành chính", 110},
      {"Tên cá nhân, tổ chức", 100},
      {"Địa chỉ, số điện thoại", 93},
      {"Ngày nhận hồ sơ", 50, Align::center},
      {"Ngày hẹn trả kết quả", 50, Align::center},
      {"Ngày chuyển hồ sơ đến cơ quan giải quyết", 50, Align::center},
      {"Ngày có kết quả giải quyết", 50, Align::center},
      {"Ngày trả kết quả", 50, Align::center},
      {"Ký nhận", 34, Align::center},
      {"Ghi chú", 46},
  };
  return cols;
}

// "02/11/2026" over "08:15" in a narrow cell.
std::string cell_time(Millis t) {
  std::string s = compact_time(t);
  s[s.find(' ')] = '\n';
  return s;
}
std::string opt_time(const std::optional<Millis>& t) { return t ? cell_time(*t) : ""; }

std::string address_phone(const RegisterRow& r) {
  if (r.applicant_phone.empty()) return r.applicant_address;
  if (r.applicant_address.empty()) return r.applicant_phone;
  return r.applicant_address + "\nĐT: " + r.applicant_phone;
}

std::vector<std::string> cells_of(size_t i, const RegisterRow& r) {
  return {std::to_string(i + 1),  r.code,
          r.procedure_name,       r.applicant_name,
          address_phone(r),       cell_time(r.received_at),
          cell_time(r.due_at),    opt_time(r.transferred_at),
          opt_time(r.resolved_at), opt_time(r.returned_at),
          r.signed_by,            r.note};
}

std::string period(const RegisterForm& reg) {
  return "Từ ngày " + short_date(reg.from) + " đến ngày " + short_date(reg.to);
}

Status validate(const RegisterForm& reg) {
  std::vector<FieldError> errs;
  auto utf8 = [&](const std::string& f, const std::string& v) {
    if (!is_valid_utf8(v)) errs.push_back({f, "Không phải văn bản UTF-8 hợp lệ."});
  };
  if (reg.agency.name.empty()) errs.push_back({"agency.name", "Thiếu tên cơ quan."});
  if (reg.agency.place.empty()) errs.push_back({"agency.place", "Thiếu địa danh."});
  utf8("agency.name", reg.agency.name);
  utf8("agency.parent_name", reg.agency.parent_name);
  utf8("agency.place", reg.agency.place);
  if (reg.to < reg.from) errs.push_back({"to", "Ngày kết thúc trước ngày bắt đầu."});
  for (size_t i = 0; i < reg.rows.size(); ++i) {
    const RegisterRow& r = reg.rows[i];
    std::string p = "rows/" + std::to_string(i) + "/";
    utf8(p + "code", r.code);
    utf8(p + "procedure_name", r.procedure_name);
    utf8(p + "applicant_name", r.applicant_name);
    utf8(p + "applicant_address", r.applicant_address);
    utf8(p + "applicant_phone", r.applicant_phone);
    utf8(p + "signed_by", r.signed_by);
    utf8(p + "note", r.note);
  }
  if (errs.empty()) return ok_status();
  Error e = make_error(ErrorKind::invalid, "Thông tin sổ theo dõi hồ sơ không hợp lệ.",
                       "register_invalid");
  e.fields = std::move(errs);
  return e;
}

Page landscape() {
  Page p;
  p.width = kA4H;
  p.height = kA4W;
  p.left = 15 * kMm;
  p.right = 12 * kMm;
  p.top = 12 * kMm;
  p.bottom = 10 * kMm;
  return p;
}

// One full rendering; `total` pages are announced in the footer (0: unknown yet).
Result<std::string> draw_register(const RegisterForm& reg, int total, int* pages) {
  Doc d{landscape()};
  MC_TRY(d.open(std::string(form_title(7)) + " - " + reg.agency.name,
                reg.issued_at > 0 ? format_rfc3339_local(reg.issued_at) : ""));
  d.set_footer_reserve(14);
  d.set_watermark(reg.watermark);
  d.set_page_hook([total](Doc& doc, int page) {
    std::string s = "Trang " + std::to_string(page) + (total > 0 ? "/" + std::to_string(total) : "");
    Style fs{Face::sans, 8, false, false, Align::center};
    doc.text_at(doc.left(), doc.page().height - doc.page().bottom - 10, doc.content_width(), s,
                fs);
  });
  Date date = reg.issued_at > 0 ? local_date(reg.issued_at) : Date{};
  national_header(d, reg.agency, "", reg.issued_at > 0 ? &date : nullptr);
  title(d, std::string(form_title(7)), Spans{{period(reg), false, true}});

  TableSpec t;
  t.cols = register_columns();
  t.head = Style{Face::sans, 8, true, false, Align::center};
  t.body = Style{Face::sans, 8};
  t.pad = 2.5;
  t.number_row = true;
  std::vector<std::vector<std::string>> rows;
  rows.reserve(reg.rows.size());
  for (size_t i = 0; i < reg.rows.size(); ++i) rows.push_back(cells_of(i, reg.rows[i]));
  if (rows.empty()) rows.push_back(std::vector<std::string>(t.cols.size()));
  d.table(t, rows);
  d.gap(6);
  d.para("Tổng số: " + std::to_string(reg.rows.size()) + " hồ sơ.",
         Style{Face::sans, 9, false, true}, 0, 0);
  *pages = d.page_number();
  return d.finish();
}

}  // namespace

Result<std::string> render_register_pdf(const RegisterForm& reg) {
  MC_TRY(validate(reg));
  // Pass 1 counts the pages; pass 2 prints "Trang i/n". The footer does not change the
  // layout, so both passes break pages at the same rows.
  int pages = 0;
  MC_TRY(draw_register(reg, 0, &pages));
  return draw_register(reg, pages, &pages);
}

namespace {

lxw_datetime xl_time(Millis t) {
  Date d = local_date(t);
  int m = local_minute_of_day(t);
  return lxw_datetime{d.year, d.month, d.day, m / 60, m % 60, 0};
}

// Deletes the temp file however we leave.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

}  // namespace

Result<std::string> render_register_xlsx(const RegisterForm& reg) {
  MC_TRY(validate(reg));
  // Debian 12's libxlsxwriter (1.1.4) only writes to a named file: use a private temp file.
  TempFile tmp;
  {
    std::string tpl = "/tmp/motcua-register-XXXXXX.xlsx";
    int fd = ::mkstemps(tpl.data(), 5);
    if (fd < 0) {
      return make_error(ErrorKind::internal, "Không tạo được tệp tạm để ghi sổ Excel.", "xlsx_tmp");
    }
    ::close(fd);
    tmp.path = tpl;
  }
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (wb == nullptr) {
    return make_error(ErrorKind::internal, "Không tạo được sổ Excel.", "xlsx_failed");
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sổ theo dõi hồ sơ");

  auto fmt = [wb](bool bold, bool border, bool wrap, uint8_t align, double size = 11) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (wrap) format_set_text_wrap(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  };
  lxw_format* f_center = fmt(false, false, false, LXW_ALIGN_CENTER);
  lxw_format* f_center_b = fmt(true, false, false, LXW_ALIGN_CENTER);
  lxw_format* f_title = fmt(true, false, false, LXW_ALIGN_CENTER, 14);
  lxw_format* f_period = fmt(false, false, false, LXW_ALIGN_CENTER);
  format_set_italic(f_period);
  lxw_format* f_head = fmt(true, true, true, LXW_ALIGN_CENTER, 10);
  format_set_align(f_head, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* f_num = fmt(false, true, false, LXW_ALIGN_CENTER, 9);
  format_set_italic(f_num);
  lxw_format* f_cell = fmt(false, true, true, LXW_ALIGN_LEFT, 10);
  lxw_format* f_cell_c = fmt(false, true, true, LXW_ALIGN_CENTER, 10);
  lxw_format* f_date = fmt(false, true, true, LXW_ALIGN_CENTER, 10);
  format_set_num_format(f_date, "dd/mm/yyyy hh:mm");

  const auto& cols = register_columns();
  const lxw_col_t last = static_cast<lxw_col_t>(cols.size() - 1);
  const double widths[] = {5, 24, 36, 22, 28, 15, 15, 15, 15, 15, 12, 14};
  for (lxw_col_t c = 0; c <= last; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);

  std::string parent = upper(reg.agency.parent_name), name = upper(reg.agency.name);
  worksheet_merge_range(ws, 0, 0, 0, 3, parent.c_str(), f_center);
  worksheet_merge_range(ws, 1, 0, 1, 3, name.c_str(), f_center_b);
  worksheet_merge_range(ws, 0, 6, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f_center_b);
  worksheet_merge_range(ws, 1, 6, 1, last, "Độc lập - Tự do - Hạnh phúc", f_center_b);
  if (reg.issued_at > 0) {
    std::string dl = date_line(reg.agency.place, local_date(reg.issued_at));
    lxw_format* f_dl = fmt(false, false, false, LXW_ALIGN_CENTER);
    format_set_italic(f_dl);
    worksheet_merge_range(ws, 2, 6, 2, last, dl.c_str(), f_dl);
  }
  worksheet_merge_range(ws, 4, 0, 4, last, std::string(form_title(7)).c_str(), f_title);
  worksheet_merge_range(ws, 5, 0, 5, last, period(reg).c_str(), f_period);

  const lxw_row_t head = 7;
  worksheet_set_row(ws, head, 54, nullptr);
  for (lxw_col_t c = 0; c <= last; ++c) {
    worksheet_write_string(ws, head, c, cols[c].title.c_str(), f_head);
    worksheet_write_string(ws, head + 1, c, ("(" + std::to_string(c + 1) + ")").c_str(), f_num);
  }
  for (size_t i = 0; i < reg.rows.size(); ++i) {
    const RegisterRow& r = reg.rows[i];
    lxw_row_t row = static_cast<lxw_row_t>(head + 2 + i);
    worksheet_write_number(ws, row, 0, static_cast<double>(i + 1), f_cell_c);
    worksheet_write_string(ws, row, 1, nfc(r.code).c_str(), f_cell);
    worksheet_write_string(ws, row, 2, nfc(r.procedure_name).c_str(), f_cell);
    worksheet_write_string(ws, row, 3, nfc(r.applicant_name).c_str(), f_cell);
    worksheet_write_string(ws, row, 4, nfc(address_phone(r)).c_str(), f_cell);
    auto when = [&](lxw_col_t c, std::optional<Millis> t) {
      if (t && *t > 0) {
        lxw_datetime dt = xl_time(*t);
        worksheet_write_datetime(ws, row, c, &dt, f_date);
      } else {
        worksheet_write_blank(ws, row, c, f_date);
      }
    };
    when(5, r.received_at);
    when(6, r.due_at);
    when(7, r.transferred_at);
    when(8, r.resolved_at);
    when(9, r.returned_at);
    worksheet_write_string(ws, row, 10, nfc(r.signed_by).c_str(), f_cell);
    worksheet_write_string(ws, row, 11, nfc(r.note).c_str(), f_cell);
  }
  worksheet_freeze_panes(ws, head + 2, 0);
  worksheet_repeat_rows(ws, head, head + 1);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);

  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    return make_error(ErrorKind::internal,
                      std::string("Lỗi khi ghi sổ Excel: ") + lxw_strerror(err), "xlsx_failed");
  }
  std::ifstream in(tmp.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return make_error(ErrorKind::internal, "Không đọc lại được sổ Excel.", "xlsx_failed");
  }
  return bytes;
}

}  // namespace motcua::docs
