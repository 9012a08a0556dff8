#include "docs/report_table.h"

#include "docs/blocks.h"

namespace motcua::docs {
using namespace detail;

Result<std::string> render_table_report_pdf(const TableReport& r) {
  if (r.columns.empty()) return make_error(ErrorKind::invalid, "Báo cáo không có cột số liệu.", "no_columns");
  for (const auto& row : r.rows)
    if (row.size() > r.columns.size())
      return make_error(ErrorKind::invalid, "Một dòng báo cáo có nhiều ô hơn số cột.", "row_too_long");
  Page p;  // A4 landscape: the forms' tables are wide
  p.width = kA4H, p.height = kA4W;
  p.left = 15 * kMm, p.right = 12 * kMm, p.top = 12 * kMm, p.bottom = 12 * kMm;
  Doc d{p};
  MC_TRY(d.open(r.title + " - " + r.agency.name, ""));
  d.set_footer_reserve(14);
  d.set_page_hook([](Doc& doc, int page) {
    Style fs{Face::sans, 8, false, false, Align::center};
    doc.text_at(doc.left(), doc.page().height - doc.page().bottom - 10, doc.content_width(),
                "Trang " + std::to_string(page), fs);
  });
  const bool dated = r.dated;
  national_header(d, r.agency, r.doc_number, dated ? &r.date : nullptr);
  title(d, r.title, r.subtitle.empty() ? Spans{} : Spans{{r.subtitle, false, true}});
  TableSpec t;
  for (const auto& c : r.columns) t.cols.push_back({c.title, c.weight, c.number ? Align::right : Align::left});
  t.head = Style{Face::sans, 8, true, false, Align::center};
  t.body = Style{Face::sans, 8.5};
  t.body.break_words = true;
  t.pad = 2.5;
  t.number_row = true;
  std::vector<std::vector<std::string>> rows = r.rows;
  for (auto& row : rows) row.resize(r.columns.size());
  d.table(t, rows);
  d.gap(6);
  std::vector<Line> notes;
  for (const auto& n : r.notes) notes.push_back(Line{Spans{{n, false, true}}, Style{Face::sans, 8.5}, 0, 2});
  closing(d, notes, {Signer{r.signer_title.empty() ? "THỦ TRƯỞNG CƠ QUAN" : r.signer_title,
                            "(Ký, ghi rõ họ tên và đóng dấu)", r.signer_name}});
  return d.finish();
}

}  // namespace motcua::docs
