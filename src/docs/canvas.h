// Drawing layer of the docs module (internal): a PDF being written into a string, with
// Pango text blocks, a flowing cursor with page breaks, tables and QR symbols.
// Units are PDF points (1/72 inch); y grows downwards.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "docs/docs.h"

typedef struct _cairo_surface cairo_surface_t;
typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;

namespace motcua::docs::detail {

constexpr double kMm = 72.0 / 25.4;
constexpr double kA4W = 210 * kMm, kA4H = 297 * kMm;

enum class Face { serif, sans };
enum class Align { left, center, right, justify };

struct Style {
  Face face = Face::serif;
  double size = 12;  // points
  bool bold = false, italic = false;
  Align align = Align::left;
  double line_spacing = 1.0;  // factor of the font's natural line height
  // Wrapping happens at spaces and other line-break opportunities only (PANGO_WRAP_WORD); a
  // word is never split. With `break_words` a word wider than the whole line (a long code or
  // e-mail in a narrow table cell) may be split as a last resort (PANGO_WRAP_WORD_CHAR). Table
  // body cells set it; running text and headings do not.
  bool break_words = false;
};

// A piece of a paragraph; bold/italic add to the paragraph's style.
struct Span {
  std::string text;
  bool bold = false, italic = false;
};
using Spans = std::vector<Span>;

struct Column {
  std::string title;
  double weight = 1;  // share of the table width
  Align align = Align::left;
};

struct TableSpec {
  std::vector<Column> cols;
  Style head{Face::serif, 10, true, false, Align::center};
  Style body{Face::serif, 10};
  double pad = 3;            // inner padding of each cell
  bool number_row = false;   // a "(1) (2) ..." row under the titles, as in the registers
  double min_row_height = 0;
};

struct Page {
  double width = kA4W, height = kA4H;
  double left = 20 * kMm, right = 15 * kMm, top = 15 * kMm, bottom = 15 * kMm;
};

// Byte ranges of the place names in `text` that a line should not break: an administrative unit
// word (phường, xã, tỉnh, huyện, quận, thành phố, thị xã, thị trấn, đặc khu; any case) and the
// capitalised syllables or number after it, up to a comma or other punctuation ("phường Cẩm
// Thành", "TỈNH QUẢNG NGÃI", "Quận 1"). Doc keeps each on one line when it fits the width.
std::vector<std::pair<size_t, size_t>> place_name_ranges(std::string_view text);

class Doc {
 public:
  // Called after a page's content, before it is emitted (footers: page number, QR ...).
  using PageHook = std::function<void(Doc&, int page_number)>;

  explicit Doc(Page page);
  ~Doc();
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;

  // Fails with `unavailable` when the fonts are missing, `internal` when cairo fails.
  Status open(const std::string& title, const std::string& create_date_rfc3339);
  void set_page_hook(PageHook h) { hook_ = std::move(h); }
  // A mark drawn on every page (a training copy's): a line in the top margin and, large and
  // light, diagonally across the page. "" = none.
  void set_watermark(std::string text) { watermark_ = std::move(text); }
  // Space kept free at the bottom of every page for the hook's drawing.
  void set_footer_reserve(double pts) { footer_reserve_ = pts; }

  // Page geometry.
  const Page& page() const { return page_; }
  double left() const { return page_.left; }
  double right() const { return page_.width - page_.right; }
  double content_width() const { return right() - left(); }
  double bottom_limit() const { return page_.height - page_.bottom - footer_reserve_; }
  int page_number() const { return page_no_; }

  // Flowing cursor.
  double y = 0;
  void gap(double pts) { y += pts; }
  // Starts a new page when fewer than `h` points remain above the bottom limit.
  void need(double h);
  void new_page();

  // Height of `spans` laid out in width `w`; draws at (x, top) unless `draw` is false.
  double text_at(double x, double top, double w, const Spans& spans, const Style& st,
                 bool draw = true);
  double text_at(double x, double top, double w, const std::string& s, const Style& st,
                 bool draw = true) {
    return text_at(x, top, w, Spans{{s}}, st, draw);
  }
  // Natural (unwrapped) width of a single line.
  double text_width(const std::string& s, const Style& st);

  // A paragraph at the cursor across the content width (indented by `indent`), breaking the
  // page before it when it does not fit; advances the cursor by its height plus `after`.
  void para(const Spans& spans, const Style& st, double indent = 0, double after = 3);
  void para(const std::string& s, const Style& st, double indent = 0, double after = 3) {
    para(Spans{{s}}, st, indent, after);
  }
  // The cursor advance para() would make (height plus `after`), without drawing.
  double para_height(const Spans& spans, const Style& st, double indent = 0, double after = 3);

  // A table at the cursor across the content width; rows paginate and the header is
  // repeated at the top of each continued page. A row never splits: one taller than a whole
  // page overflows its page (cells are expected to hold a few lines).
  void table(const TableSpec& spec, const std::vector<std::vector<std::string>>& rows);

  void line(double x1, double y1, double x2, double y2, double width = 0.6);
  void rect(double x, double y, double w, double h, double width = 0.6);
  // A QR symbol with a 4-module quiet zone, `side` points square, top-left at (x, y).
  void qr(const Matrix& m, double x, double y, double side);

  // Finishes the document (runs the hook on the last page) and returns the PDF bytes.
  Result<std::string> finish();

 private:
  PangoLayout* layout(const Spans& spans, const Style& st, double w);
  std::vector<double> col_widths(const TableSpec& spec) const;
  double row_height(const TableSpec& spec, const std::vector<double>& widths,
                    const std::vector<std::string>& cells, const Style& st);
  void draw_row(const TableSpec& spec, const std::vector<double>& widths,
                const std::vector<std::string>& cells, const Style& st, double h, bool header);
  void table_header(const TableSpec& spec, const std::vector<double>& widths);
  void end_page();
  void draw_watermark();

  Page page_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* pango_ = nullptr;
  PageHook hook_;
  std::string watermark_;
  double footer_reserve_ = 0;
  int page_no_ = 1;
};

}  // namespace motcua::docs::detail
