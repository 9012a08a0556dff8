// A periodic report (forms 06a, 07b) as a landscape A4 PDF: the official header (agency block,
// national motto, place and date), the title and period, one table of figures with a numbered
// column row, the notes under it and the signer. The caller lays out the columns and rows; this
// module draws them as the forms do (docs/blocks.h).
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "docs/docs.h"

namespace motcua::docs {

struct ReportColumn {
  std::string title;
  double weight = 1;    // share of the table width
  bool number = true;   // right-aligned figures
};

struct TableReport {
  AgencyHeader agency;       // issuing body (parent, name, place)
  std::string doc_number;    // "Số: ..." ("" = blank)
  Date date{};               // the place-and-date line, printed when `dated`
  bool dated = false;
  std::string title, subtitle;
  std::vector<ReportColumn> columns;
  std::vector<std::vector<std::string>> rows;  // the last row is usually the total
  std::vector<std::string> notes;
  std::string signer_title;  // e.g. "THỦ TRƯỞNG CƠ QUAN"
  std::string signer_name;
};

// ErrorKind::invalid without columns or with a row longer than the columns; `unavailable` when
// the fonts are missing.
Result<std::string> render_table_report_pdf(const TableReport& r);

}  // namespace motcua::docs
