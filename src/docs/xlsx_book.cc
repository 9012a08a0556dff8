#include "docs/xlsx_book.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <xlsxwriter.h>

#include "common/text.h"
#include "docs/format.h"

namespace motcua::docs::xlsx {
namespace {

// Deletes the temp file however we leave.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

Status check(const Sheet& s) {
  if (s.columns.empty()) return make_error(ErrorKind::invalid, "Bảng tính không có cột nào.", "xlsx_invalid");
  if (s.name.empty() || utf8_length(s.name) > 31 || s.name.find_first_of("[]:*?/\\") != std::string::npos)
    return make_error(ErrorKind::invalid, "Tên trang tính không hợp lệ: " + s.name, "xlsx_invalid");
  for (const auto& r : s.rows)
    if (r.size() > s.columns.size())
      return make_error(ErrorKind::invalid, "Một dòng có nhiều ô hơn số cột.", "xlsx_invalid");
  return ok_status();
}

struct Formats {
  lxw_format *left, *left_b, *title, *sub, *head, *text, *integer, *vnd, *percent, *decimal, *note;
};

Formats formats(lxw_workbook* wb) {
  auto make = [wb](bool bold, bool border, uint8_t align, double size = 11) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  };
  Formats f{};
  f.left = make(false, false, LXW_ALIGN_CENTER);
  f.left_b = make(true, false, LXW_ALIGN_CENTER);
  f.title = make(true, false, LXW_ALIGN_CENTER, 14);
  f.sub = make(false, false, LXW_ALIGN_CENTER);
  format_set_italic(f.sub);
  f.head = make(true, true, LXW_ALIGN_CENTER, 10);
  format_set_text_wrap(f.head);
  format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
  f.text = make(false, true, LXW_ALIGN_LEFT, 10);
  format_set_text_wrap(f.text);
  f.integer = make(false, true, LXW_ALIGN_RIGHT, 10);
  format_set_num_format(f.integer, "#,##0");
  f.vnd = make(false, true, LXW_ALIGN_RIGHT, 10);
  format_set_num_format(f.vnd, "#,##0");
  f.percent = make(false, true, LXW_ALIGN_RIGHT, 10);
  format_set_num_format(f.percent, "0.0%");
  f.decimal = make(false, true, LXW_ALIGN_RIGHT, 10);
  format_set_num_format(f.decimal, "0.00");
  f.note = make(false, false, LXW_ALIGN_LEFT, 10);
  format_set_italic(f.note);
  return f;
}

lxw_format* format_of(const Formats& f, Kind k) {
  switch (k) {
    case Kind::text: return f.text;
    case Kind::integer: return f.integer;
    case Kind::vnd: return f.vnd;
    case Kind::percent: return f.percent;
    case Kind::decimal: return f.decimal;
  }
  return f.text;
}

void write_sheet(lxw_workbook* wb, const Formats& f, const Sheet& s) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
  const lxw_col_t last = static_cast<lxw_col_t>(s.columns.size() - 1);
  for (lxw_col_t c = 0; c <= last; ++c) worksheet_set_column(ws, c, c, s.columns[c].width, nullptr);
  lxw_row_t row = 0;
  const Heading& h = s.heading;
  // The left block takes up to the first half of the columns, the motto the rest.
  const lxw_col_t mid = last >= 3 ? last / 2 : last;
  auto span = [&](lxw_row_t r, lxw_col_t a, lxw_col_t b, const std::string& text, lxw_format* fmt) {
    if (a == b)
      worksheet_write_string(ws, r, a, text.c_str(), fmt);
    else
      worksheet_merge_range(ws, r, a, r, b, text.c_str(), fmt);
  };
  if (!h.agency_name.empty() || h.motto) {
    const bool split = !h.agency_name.empty() && h.motto && last >= 1;
    const lxw_col_t left_end = split ? mid : last;
    const lxw_col_t right_start = split ? std::min<lxw_col_t>(mid + 1, last) : 0;
    if (!h.agency_name.empty()) {
      span(0, 0, left_end, detail::upper(h.parent_name), f.left);
      span(1, 0, left_end, detail::upper(h.agency_name), f.left_b);
    }
    if (h.motto) {
      span(0, right_start, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f.left_b);
      span(1, right_start, last, "Độc lập - Tự do - Hạnh phúc", f.left_b);
    }
    row = 3;
  }
  if (!h.title.empty()) span(row++, 0, last, h.title, f.title);
  if (!h.subtitle.empty()) span(row++, 0, last, h.subtitle, f.sub);
  if (row > 0) ++row;

  const lxw_row_t head = row;
  worksheet_set_row(ws, head, 48, nullptr);
  for (lxw_col_t c = 0; c <= last; ++c) worksheet_write_string(ws, head, c, s.columns[c].title.c_str(), f.head);
  row = head + 1;
  for (const auto& cells : s.rows) {
    for (lxw_col_t c = 0; c <= last; ++c) {
      lxw_format* fmt = format_of(f, s.columns[c].kind);
      const Cell* cell = c < cells.size() ? &cells[c] : nullptr;
      if (!cell || std::holds_alternative<std::monostate>(*cell)) {
        worksheet_write_blank(ws, row, c, fmt);
      } else if (auto t = std::get_if<std::string>(cell)) {
        worksheet_write_string(ws, row, c, t->c_str(), f.text);
      } else if (auto i = std::get_if<int64_t>(cell)) {
        worksheet_write_number(ws, row, c, static_cast<double>(*i), fmt);
      } else {
        worksheet_write_number(ws, row, c, std::get<double>(*cell), fmt);
      }
    }
    ++row;
  }
  ++row;
  for (const auto& n : s.notes) worksheet_write_string(ws, row++, 0, n.c_str(), f.note);
  worksheet_freeze_panes(ws, head + 1, 0);
  worksheet_repeat_rows(ws, head, head);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
}

}  // namespace

Result<std::string> write_book(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) return make_error(ErrorKind::invalid, "Sổ tính không có trang nào.", "xlsx_invalid");
  for (const auto& s : sheets) MC_TRY(check(s));
  TempFile tmp;
  {
    std::string tpl = "/tmp/motcua-report-XXXXXX.xlsx";
    int fd = ::mkstemps(tpl.data(), 5);
    if (fd < 0) return make_error(ErrorKind::internal, "Không tạo được tệp tạm để ghi bảng tính.", "xlsx_tmp");
    ::close(fd);
    tmp.path = tpl;
  }
  lxw_workbook* wb = workbook_new(tmp.path.c_str());
  if (wb == nullptr) return make_error(ErrorKind::internal, "Không tạo được bảng tính Excel.", "xlsx_failed");
  Formats f = formats(wb);
  for (const auto& s : sheets) write_sheet(wb, f, s);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return make_error(ErrorKind::internal, std::string("Lỗi khi ghi bảng tính: ") + lxw_strerror(err), "xlsx_failed");
  std::ifstream in(tmp.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof())
    return make_error(ErrorKind::internal, "Không đọc lại được bảng tính.", "xlsx_failed");
  return bytes;
}

}  // namespace motcua::docs::xlsx
