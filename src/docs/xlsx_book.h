// A small, reusable .xlsx writer for the reports (the procedure review today; forms 06a/07b
// later): sheets of typed columns under an optional official heading, with notes below. It hides
// libxlsxwriter (Debian 12: 1.1.4, which only writes to a named file: a private temp file is
// written and read back). Text is written as given (callers pass NFC UTF-8).
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/result.h"

namespace motcua::docs::xlsx {

// How a column's numbers are shown. Money is int64 VND ("#,##0"); percent takes a fraction
// (0.25 → 25,0%); decimal two places.
enum class Kind { text, integer, vnd, percent, decimal };

struct Column {
  std::string title;
  Kind kind = Kind::text;
  double width = 14;  // characters
};

// NULL (blank), text, integer, or real number.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

// The heading of an official report: the issuing body on the left (parent above, in capitals),
// the national motto on the right, then the title and a line under it (period, scope).
struct Heading {
  std::string parent_name, agency_name;  // "" = no left block
  bool motto = true;
  std::string title, subtitle;
};

struct Sheet {
  std::string name;  // at most 31 characters, none of []:*?/\ (checked)
  Heading heading;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each at most columns.size() cells
  std::vector<std::string> notes;       // lines under the table (sources, caveats)
};

// The workbook's bytes. ErrorKind::invalid for a sheet without columns, a bad sheet name or a
// row longer than its columns; ErrorKind::internal when the file cannot be written.
Result<std::string> write_book(const std::vector<Sheet>& sheets);

}  // namespace motcua::docs::xlsx
