#include "docs/blocks.h"

#include <algorithm>

#include "docs/format.h"

namespace motcua::docs::detail {

Style body_style() {
  Style s{Face::serif, 12};
  s.align = Align::justify;
  s.line_spacing = 1.05;
  return s;
}

namespace {

// Largest size ≤ `st.size` (down to `min` pt) at which `s` fits on one line of width `w`;
// below that the text wraps.
Style fit(Doc& d, const std::string& s, Style st, double w, double min = 9) {
  while (st.size > min && d.text_width(s, st) > w) st.size -= 0.25;
  return st;
}

}  // namespace

void national_header(Doc& d, const AgencyHeader& a, const std::string& doc_number,
                     const Date* date) {
  const double top = d.y;
  const double lw = d.content_width() * 0.42;
  const double rw = d.content_width() - lw;
  const double lx = d.left(), rx = d.left() + lw;

  // Left: the agency.
  double ly = top;
  Style parent{Face::serif, 12, false, false, Align::center};
  if (!a.parent_name.empty()) {
    std::string up = upper(a.parent_name);
    ly += d.text_at(lx, ly, lw, up, fit(d, up, parent, lw, 10.5));
  }
  Style name = parent;
  name.bold = true;
  std::string uname = upper(a.name);
  name = fit(d, uname, name, lw, 10.5);
  ly += d.text_at(lx, ly, lw, uname, name);
  double rule = std::min(d.text_width(uname, name), lw) / 3;
  ly += 1.5;
  d.line(lx + (lw - rule) / 2, ly, lx + (lw + rule) / 2, ly, 0.6);
  ly += 6;
  if (!doc_number.empty()) ly += d.text_at(lx, ly, lw, "Số: " + doc_number, parent);

  // Right: the motto.
  double ry = top;
  const std::string m1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  const std::string m2 = "Độc lập - Tự do - Hạnh phúc";
  Style s1 = fit(d, m1, Style{Face::serif, 12, true, false, Align::center}, rw);
  Style s2 = fit(d, m2, Style{Face::serif, 13, true, false, Align::center}, rw);
  ry += d.text_at(rx, ry, rw, m1, s1);
  ry += d.text_at(rx, ry, rw, m2, s2);
  double w2 = d.text_width(m2, s2);
  ry += 1.5;
  d.line(rx + (rw - w2) / 2, ry, rx + (rw + w2) / 2, ry, 0.6);
  ry += 8;
  if (date != nullptr) {
    Style ds{Face::serif, 12, false, true, Align::center};
    ry += d.text_at(rx, ry, rw, date_line(a.place, *date), ds);
  }
  d.y = std::max(ly, ry) + 16;
}

void title(Doc& d, const std::string& text, const Spans& subtitle, const Matrix* qr,
           const std::string& code) {
  const double side = 64;     // 22.6 mm, quiet zone included
  const double caption = 10;  // the code under the symbol
  const double top = d.y;
  const double inset = qr ? side + 4 : 0;
  const double w = d.content_width() - 2 * inset;
  Style t{Face::serif, 14, true, false, Align::center};
  std::string up = upper(text);
  double y = top + d.text_at(d.left() + inset, top, w, up, t) + 2;
  if (!subtitle.empty()) {
    y += d.text_at(d.left() + inset, y, w, subtitle, Style{Face::serif, 12, false, false, Align::center});
  }
  if (qr) {
    // The symbol's quiet zone (4 modules) is white: pull it up so its dark part starts level
    // with the title's cap height.
    const double qy = top - 4 * side / (qr->size + 8) + 2;
    d.qr(*qr, d.right() - side, qy, side);
    Style cs{Face::sans, 7, false, false, Align::right};
    d.text_at(d.right() - 160, qy + side - 2, 160, code, cs);
    y = std::max(y, qy + side - 2 + caption);
  }
  d.y = y + 10;
}

void tracking_footer(Doc& d, const std::string& url) {
  d.set_footer_reserve(14);
  d.set_page_hook([url](Doc& doc, int) {
    Style hint{Face::sans, 7.5, false, true, Align::left};
    Spans s{{"Tra cứu tình trạng hồ sơ tại "}, {url}, {" hoặc quét mã QR trên phiếu."}};
    doc.text_at(doc.left(), doc.page().height - doc.page().bottom - 9, doc.content_width(), s, hint);
  });
}

void signatures(Doc& d, const std::vector<Signer>& signers,
                const std::vector<std::string>& recipients) {
  const double half = d.content_width() / 2;
  Style ts{Face::serif, 12, true, false, Align::center};
  Style hs{Face::serif, 11, false, true, Align::center};
  const double space = 58;  // room to sign (and stamp)
  double need = 0;
  for (const Signer& s : signers) {
    need = std::max(need, d.text_at(0, 0, half, s.title, ts, false) +
                              d.text_at(0, 0, half, s.hint, hs, false) + space + 18);
  }
  d.gap(8);
  d.need(need);
  const double top = d.y;
  double bottom = top;
  for (size_t i = 0; i < signers.size(); ++i) {
    const Signer& s = signers[i];
    double x = (signers.size() == 1 || i == 1) ? d.left() + half : d.left();
    double y = top;
    y += d.text_at(x, y, half, upper(s.title), ts);
    y += d.text_at(x, y, half, s.hint, hs);
    y += space;
    if (!s.name.empty()) y += d.text_at(x, y, half, s.name, ts);
    bottom = std::max(bottom, y);
  }
  if (signers.size() == 1 && !recipients.empty()) {
    double y = top;
    Style rs{Face::serif, 12, true, true, Align::left};
    y += d.text_at(d.left(), y, half, "Nơi nhận:", rs);
    Style is{Face::serif, 11};
    for (const std::string& r : recipients) y += d.text_at(d.left(), y, half, r, is);
    bottom = std::max(bottom, y);
  }
  d.y = bottom + 6;
}

void field(Doc& d, const std::string& label, const std::string& value, bool bold_value) {
  Style s = body_style();
  s.align = Align::left;
  d.para(Spans{{label + ": "}, {or_dots(value, 60), bold_value}}, s);
}

}  // namespace motcua::docs::detail
