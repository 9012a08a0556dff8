#include "docs/canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "docs/format.h"

namespace motcua::docs {
namespace detail {
namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int len) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
  return CAIRO_STATUS_SUCCESS;
}

const char* family(Face f) { return f == Face::sans ? "Noto Sans" : "Noto Serif"; }

PangoFontDescription* font_of(const Style& st) {
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, family(st.face));
  pango_font_description_set_size(d, static_cast<gint>(st.size * PANGO_SCALE));
  pango_font_description_set_weight(d, st.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(d, st.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return d;
}

// A Pango context drawing in points (72 dpi) without hinting, as a PDF wants.
PangoContext* make_context(cairo_t* cr) {
  PangoContext* ctx = pango_cairo_create_context(cr);
  pango_cairo_context_set_resolution(ctx, 72);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  return ctx;
}

Status check_fonts_in(PangoContext* ctx) {
  for (Face f : {Face::serif, Face::sans}) {
    Style st{f, 12};
    PangoFontDescription* want = font_of(st);
    PangoFont* font = pango_context_load_font(ctx, want);
    pango_font_description_free(want);
    std::string got;
    if (font != nullptr) {
      PangoFontDescription* d = pango_font_describe(font);
      const char* fam = pango_font_description_get_family(d);
      got = fam ? fam : "";
      pango_font_description_free(d);
      g_object_unref(font);
    }
    if (got != family(f)) {
      return make_error(ErrorKind::unavailable,
                        std::string("Thiếu phông chữ ") + family(f) +
                            " (gói fonts-noto-core) để in biểu mẫu.",
                        "fonts_missing");
    }
  }
  return ok_status();
}

}  // namespace

std::vector<std::pair<size_t, size_t>> place_name_ranges(std::string_view text) {
  struct Token {
    size_t b, e;  // bytes [b, e) of a run of non-space characters
  };
  std::vector<Token> t;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > b) t.push_back({b, i});
  }
  auto lower = [&](size_t k) {
    gchar* l = g_utf8_strdown(text.data() + t[k].b, static_cast<gssize>(t[k].e - t[k].b));
    std::string out = l ? l : "";
    g_free(l);
    return out;
  };
  auto is = [&](size_t k, const char* w) { return k < t.size() && lower(k) == w; };
  auto starts_name = [&](size_t k) {  // "Cẩm", "CẨM", "5": a proper name's syllable
    gunichar c = g_utf8_get_char_validated(text.data() + t[k].b, static_cast<gssize>(t[k].e - t[k].b));
    return c != static_cast<gunichar>(-1) && c != static_cast<gunichar>(-2) &&
           (g_unichar_isupper(c) || g_unichar_istitle(c) || g_unichar_isdigit(c));
  };
  auto trailing_punct = [&](size_t k) {
    size_t e = t[k].e;
    while (e > t[k].b && std::strchr(",.;:)", text[e - 1]) != nullptr) --e;
    return e;
  };
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t k = 0; k < t.size(); ++k) {
    size_t unit = 0;
    if ((is(k, "thành") && is(k + 1, "phố")) || (is(k, "thị") && (is(k + 1, "xã") || is(k + 1, "trấn"))) ||
        (is(k, "đặc") && is(k + 1, "khu")))
      unit = 2;
    else if (is(k, "phường") || is(k, "xã") || is(k, "tỉnh") || is(k, "huyện") || is(k, "quận"))
      unit = 1;
    if (unit == 0 || trailing_punct(k + unit - 1) != t[k + unit - 1].e) continue;
    size_t end = 0, j = k + unit;
    for (; j < t.size() && starts_name(j); ++j) {
      end = trailing_punct(j);
      if (end != t[j].e) {
        ++j;
        break;
      }
    }
    if (end > 0) {
      out.emplace_back(t[k].b, end);
      k = j - 1;
    }
  }
  return out;
}

Doc::Doc(Page page) : page_(page) {}

Doc::~Doc() {
  if (pango_) g_object_unref(pango_);
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

Status Doc::open(const std::string& title, const std::string& create_date) {
  surface_ = cairo_pdf_surface_create_for_stream(append_to_string, &out_, page_.width,
                                                 page_.height);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::internal, "Không tạo được tệp PDF.", "pdf_failed");
  }
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "MotCua");
  if (!create_date.empty()) {
    // Fixed from the input, so the same input gives the same bytes.
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE, create_date.c_str());
  }
  cr_ = cairo_create(surface_);
  pango_ = make_context(cr_);
  MC_TRY(check_fonts_in(pango_));
  y = page_.top;
  return ok_status();
}

PangoLayout* Doc::layout(const Spans& spans, const Style& st, double w) {
  std::string text;
  PangoAttrList* attrs = pango_attr_list_new();
  for (const Span& s : spans) {
    auto start = static_cast<guint>(text.size());
    text += nfc(s.text);
    auto end = static_cast<guint>(text.size());
    if (s.bold && end > start) {
      PangoAttribute* a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert(attrs, a);
    }
    if (s.italic && end > start) {
      PangoAttribute* a = pango_attr_style_new(PANGO_STYLE_ITALIC);
      a->start_index = start;
      a->end_index = end;
      pango_attr_list_insert(attrs, a);
    }
  }
  PangoLayout* l = pango_layout_new(pango_);
  PangoFontDescription* d = font_of(st);
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  if (w > 0) {
    // A place name ("phường Cẩm Thành", "tỉnh Quảng Ngãi") is not broken across lines when it
    // fits on one.
    for (auto [b, e] : place_name_ranges(text)) {
      pango_layout_set_text(l, text.data() + b, static_cast<int>(e - b));
      int pw = 0, ph = 0;
      pango_layout_get_size(l, &pw, &ph);
      if (pw * 1.05 > w * PANGO_SCALE) continue;  // margin for bold spans
      PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
      a->start_index = static_cast<guint>(b);
      a->end_index = static_cast<guint>(e);
      pango_attr_list_insert(attrs, a);
    }
  }
  pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  if (w > 0) {
    pango_layout_set_width(l, static_cast<int>(w * PANGO_SCALE));
    pango_layout_set_wrap(l, st.break_words ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
  }
  switch (st.align) {
    case Align::left: pango_layout_set_alignment(l, PANGO_ALIGN_LEFT); break;
    case Align::center: pango_layout_set_alignment(l, PANGO_ALIGN_CENTER); break;
    case Align::right: pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT); break;
    case Align::justify:
      pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
      pango_layout_set_justify(l, TRUE);
      break;
  }
  if (st.line_spacing != 1.0) pango_layout_set_line_spacing(l, static_cast<float>(st.line_spacing));
  return l;
}

double Doc::text_at(double x, double top, double w, const Spans& spans, const Style& st,
                    bool draw) {
  PangoLayout* l = layout(spans, st, w);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  if (draw) {
    cairo_move_to(cr_, x, top);
    pango_cairo_show_layout(cr_, l);
  }
  g_object_unref(l);
  return static_cast<double>(lh) / PANGO_SCALE;
}

double Doc::text_width(const std::string& s, const Style& st) {
  PangoLayout* l = layout(Spans{{s}}, st, 0);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  g_object_unref(l);
  return static_cast<double>(lw) / PANGO_SCALE;
}

void Doc::need(double h) {
  if (y + h > bottom_limit() && y > page_.top + 0.5) new_page();
}

void Doc::end_page() {
  if (!watermark_.empty()) draw_watermark();
  if (hook_) hook_(*this, page_no_);
  cairo_show_page(cr_);
}

void Doc::draw_watermark() {
  cairo_save(cr_);
  // The whole line, in the top margin above the national header.
  cairo_set_source_rgb(cr_, 0.65, 0.11, 0.14);
  Style line_style{Face::sans, 9, true, false, Align::center};
  const double h = text_at(left(), 0, content_width(), watermark_, line_style, false);
  text_at(left(), std::max(2 * kMm, (page_.top - h) / 2), content_width(), watermark_, line_style);
  // Its first words, large and light, along the page's diagonal (drawn last, over the form,
  // transparent enough to read it through).
  const std::string big = watermark_.substr(0, std::min(watermark_.find(" — "), watermark_.size()));
  Style big_style{Face::sans, 56, true, false, Align::center};
  PangoLayout* l = layout(Spans{{big}}, big_style, 0);
  int lw = 0, lh = 0;
  pango_layout_get_size(l, &lw, &lh);
  cairo_set_source_rgba(cr_, 0.65, 0.11, 0.14, 0.13);
  cairo_translate(cr_, page_.width / 2, page_.height / 2);
  cairo_rotate(cr_, -std::atan2(page_.height, page_.width));
  cairo_move_to(cr_, -lw / 2.0 / PANGO_SCALE, -lh / 2.0 / PANGO_SCALE);
  // As outlines, not text: copying or extracting the form's text is not cut through by it.
  pango_cairo_layout_path(cr_, l);
  cairo_fill(cr_);
  g_object_unref(l);
  cairo_restore(cr_);
}

void Doc::new_page() {
  end_page();
  ++page_no_;
  y = page_.top;
}

double Doc::para_height(const Spans& spans, const Style& st, double indent, double after) {
  return text_at(0, 0, content_width() - indent, spans, st, false) + after;
}

void Doc::para(const Spans& spans, const Style& st, double indent, double after) {
  double w = content_width() - indent;
  double h = text_at(0, 0, w, spans, st, false);
  need(h);
  text_at(left() + indent, y, w, spans, st);
  y += h + after;
}

void Doc::line(double x1, double y1, double x2, double y2, double width) {
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void Doc::rect(double x, double y0, double w, double h, double width) {
  cairo_set_line_width(cr_, width);
  cairo_rectangle(cr_, x, y0, w, h);
  cairo_stroke(cr_);
}

void Doc::qr(const Matrix& m, double x, double y0, double side) {
  const int quiet = 4;
  double mod = side / (m.size + 2 * quiet);
  // One rectangle per horizontal run of dark modules; filled in one go.
  for (int r = 0; r < m.size; ++r) {
    int c = 0;
    while (c < m.size) {
      if (!m.at(c, r)) {
        ++c;
        continue;
      }
      int start = c;
      while (c < m.size && m.at(c, r)) ++c;
      cairo_rectangle(cr_, x + (quiet + start) * mod, y0 + (quiet + r) * mod, (c - start) * mod,
                      mod);
    }
  }
  cairo_set_source_rgb(cr_, 0, 0, 0);
  cairo_fill(cr_);
}

std::vector<double> Doc::col_widths(const TableSpec& spec) const {
  double total = 0;
  for (const Column& c : spec.cols) total += c.weight;
  std::vector<double> w;
  for (const Column& c : spec.cols) w.push_back(content_width() * c.weight / total);
  return w;
}

double Doc::row_height(const TableSpec& spec, const std::vector<double>& widths,
                       const std::vector<std::string>& cells, const Style& st) {
  double h = 0;
  for (size_t i = 0; i < widths.size() && i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    h = std::max(h, text_at(0, 0, widths[i] - 2 * spec.pad, cells[i], st, false));
  }
  if (h == 0) h = text_at(0, 0, 100, "X", st, false);
  return std::max(h + 2 * spec.pad, spec.min_row_height);
}

void Doc::draw_row(const TableSpec& spec, const std::vector<double>& widths,
                   const std::vector<std::string>& cells, const Style& st, double h, bool header) {
  double x = left();
  for (size_t i = 0; i < widths.size(); ++i) {
    rect(x, y, widths[i], h);
    if (i < cells.size() && !cells[i].empty()) {
      Style cs = st;
      if (!header) cs.align = spec.cols[i].align;
      double th = text_at(0, 0, widths[i] - 2 * spec.pad, cells[i], cs, false);
      // Header cells are centred vertically; body cells start at the top.
      double ty = header ? y + (h - th) / 2 : y + spec.pad;
      text_at(x + spec.pad, ty, widths[i] - 2 * spec.pad, cells[i], cs);
    }
    x += widths[i];
  }
  y += h;
}

void Doc::table_header(const TableSpec& spec, const std::vector<double>& widths) {
  std::vector<std::string> titles;
  for (const Column& c : spec.cols) titles.push_back(c.title);
  draw_row(spec, widths, titles, spec.head, row_height(spec, widths, titles, spec.head), true);
  if (spec.number_row) {
    std::vector<std::string> nums;
    for (size_t i = 0; i < spec.cols.size(); ++i) nums.push_back("(" + std::to_string(i + 1) + ")");
    Style ns = spec.head;
    ns.bold = false;
    ns.italic = true;
    ns.size = spec.head.size - 1;
    draw_row(spec, widths, nums, ns, row_height(spec, widths, nums, ns), true);
  }
}

void Doc::table(const TableSpec& spec_in, const std::vector<std::vector<std::string>>& rows) {
  // Body cells hold data (codes, e-mails, long names) in narrow columns: a token wider than its
  // column may be split rather than run over the cell's border. Titles wrap at spaces only.
  TableSpec spec = spec_in;
  spec.body.break_words = true;
  std::vector<double> widths = col_widths(spec);
  std::vector<std::string> titles;
  for (const Column& c : spec.cols) titles.push_back(c.title);
  double head_h = row_height(spec, widths, titles, spec.head) + (spec.number_row ? 20 : 0);
  // Keep the header with at least the first row.
  double first = rows.empty() ? 0 : row_height(spec, widths, rows[0], spec.body);
  need(head_h + first);
  table_header(spec, widths);
  for (const auto& r : rows) {
    double h = row_height(spec, widths, r, spec.body);
    if (y + h > bottom_limit()) {
      new_page();
      table_header(spec, widths);
    }
    draw_row(spec, widths, r, spec.body, h, false);
  }
}

Result<std::string> Doc::finish() {
  end_page();
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_status_t st = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (st != CAIRO_STATUS_SUCCESS) {
    return make_error(ErrorKind::internal,
                      std::string("Lỗi khi ghi tệp PDF: ") + cairo_status_to_string(st),
                      "pdf_failed");
  }
  return std::move(out_);
}

}  // namespace detail

Status check_fonts() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(s);
  PangoContext* ctx = detail::make_context(cr);
  Status st = detail::check_fonts_in(ctx);
  g_object_unref(ctx);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return st;
}

}  // namespace motcua::docs
