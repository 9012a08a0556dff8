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

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& w, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (i > from ? " " : "") + w[i];
  return out;
}

// Words (upper case) that start the name of an administrative unit: what follows them, up to a
// comma, is a place name ("PHƯỜNG CẨM THÀNH", "TỈNH QUẢNG NGÃI") and stays on one line.
size_t unit_word_at(const std::vector<std::string>& w, size_t i) {
  auto is = [&](size_t k, const char* s) { return k < w.size() && w[k] == s; };
  if (is(i, "THÀNH") && is(i + 1, "PHỐ")) return 2;
  if (is(i, "THỊ") && (is(i + 1, "XÃ") || is(i + 1, "TRẤN"))) return 2;
  if (is(i, "ĐẶC") && is(i + 1, "KHU")) return 2;
  for (const char* u : {"TỈNH", "PHƯỜNG", "XÃ", "HUYỆN", "QUẬN"})
    if (is(i, u)) return 1;
  return 0;
}

// Two-syllable words common in agency names: a line break between their syllables reads as a
// broken word, so it is avoided when another break fits.
bool compound(const std::string& a, const std::string& b) {
  static const char* const kWords[][2] = {
      {"ỦY", "BAN"},       {"NHÂN", "DÂN"},     {"TRUNG", "TÂM"},    {"PHỤC", "VỤ"},
      {"HÀNH", "CHÍNH"},   {"VĂN", "PHÒNG"},    {"ĐĂNG", "KÝ"},      {"ĐẤT", "ĐAI"},
      {"TƯ", "PHÁP"},      {"XÂY", "DỰNG"},     {"NỘI", "VỤ"},       {"TÀI", "CHÍNH"},
      {"GIÁO", "DỤC"},     {"ĐÀO", "TẠO"},      {"Y", "TẾ"},         {"CÔNG", "THƯƠNG"},
      {"NÔNG", "NGHIỆP"},  {"MÔI", "TRƯỜNG"},   {"KHOA", "HỌC"},     {"CÔNG", "NGHỆ"},
      {"VĂN", "HÓA"},      {"THỂ", "THAO"},     {"DU", "LỊCH"},      {"DÂN", "TỘC"},
      {"TÔN", "GIÁO"},     {"BỘ", "PHẬN"},      {"MỘT", "CỬA"},      {"TIẾP", "NHẬN"},
      {"KẾT", "QUẢ"},      {"CHI", "NHÁNH"},    {"CÔNG", "AN"},      {"BẢO", "HIỂM"},
      {"XÃ", "HỘI"},       {"LAO", "ĐỘNG"},     {"THƯƠNG", "BINH"},  {"KẾ", "HOẠCH"},
      {"ĐẦU", "TƯ"},       {"GIAO", "THÔNG"},   {"VẬN", "TẢI"},      {"THÔNG", "TIN"},
      {"TRUYỀN", "THÔNG"}, {"NGOẠI", "VỤ"},     {"THANH", "TRA"},    {"QUẢN", "LÝ"},
      {"CÔNG", "CHỨNG"},   {"THI", "HÀNH"},     {"DÂN", "SỰ"},       {"HẢI", "QUAN"},
  };
  for (const auto& k : kWords)
    if (a == k[0] && b == k[1]) return true;
  return false;
}

}  // namespace

std::vector<std::string> agency_lines(Doc& d, const std::string& text, Style& st, double w,
                                      double min_size) {
  // One line, shrinking down to min_size.
  Style one = fit(d, text, st, w, min_size);
  if (d.text_width(text, one) <= w) {
    st = one;
    return {text};
  }
  std::vector<std::string> words = split_spaces(text);
  // Where a line may not break: inside a place name (after a unit word, up to a comma).
  std::vector<bool> glued(words.size() + 1, false);  // glued[i]: no break before word i
  std::vector<bool> unit_start(words.size() + 1, false);
  for (size_t i = 0; i < words.size();) {
    size_t u = unit_word_at(words, i);
    if (u == 0) {
      ++i;
      continue;
    }
    unit_start[i] = true;
    size_t j = i + 1;
    for (; j < words.size(); ++j) {
      glued[j] = true;
      if (words[j].back() == ',') {
        ++j;
        break;
      }
    }
    i = j;
  }
  // Two lines. Breaks by preference: (0) before a unit word or after a comma, (1) any other
  // space outside a place name and a known two-syllable word, (2) inside such a word, (3) inside
  // a place name. The first kind that fits at some size down to min_size wins, at the largest
  // such size, with its most even break.
  auto tier = [&](size_t i) {
    if (glued[i]) return 3;
    if (compound(words[i - 1], words[i])) return 2;
    return (unit_start[i] || words[i - 1].back() == ',') ? 0 : 1;
  };
  for (int want = 0; want <= 3; ++want) {
    for (Style s = st; s.size >= min_size - 1e-9; s.size -= 0.25) {
      double best = 1e18;
      size_t at = 0;
      for (size_t i = 1; i < words.size(); ++i) {
        if (tier(i) > want) continue;
        double w1 = d.text_width(join(words, 0, i), s), w2 = d.text_width(join(words, i, words.size()), s);
        if (w1 > w || w2 > w) continue;
        if (std::max(w1, w2) < best) {
          best = std::max(w1, w2);
          at = i;
        }
      }
      if (at != 0) {
        st = s;
        return {join(words, 0, at), join(words, at, words.size())};
      }
    }
  }
  // Too long for two lines even at min_size: Pango wraps it at spaces (never inside a word).
  st.size = min_size;
  return {text};
}

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
    Style ps = parent;
    for (const std::string& l : agency_lines(d, upper(a.parent_name), ps, lw, 10.5))
      ly += d.text_at(lx, ly, lw, l, ps);
  }
  Style name = parent;
  name.bold = true;
  double widest = 0;
  for (const std::string& l : agency_lines(d, upper(a.name), name, lw, 10.5)) {
    ly += d.text_at(lx, ly, lw, l, name);
    widest = std::max(widest, d.text_width(l, name));
  }
  double rule = std::min(widest, lw) / 3;
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

void tracking_footer(Doc& d, const std::string& url, const std::string& key) {
  d.set_footer_reserve(14);
  d.set_page_hook([url, key](Doc& doc, int) {
    Style hint{Face::sans, 7.5, false, true, Align::left};
    Spans s = key.empty() ? Spans{{"Tra cứu tình trạng hồ sơ tại "}, {url}, {" hoặc quét mã QR trên phiếu."}}
                          : Spans{{"Tra cứu tình trạng hồ sơ tại "}, {url}, {" với mã tra cứu "}, {key, true},
                                  {" hoặc quét mã QR trên phiếu."}};
    doc.text_at(doc.left(), doc.page().height - doc.page().bottom - 9, doc.content_width(), s, hint);
  });
}

namespace {

// The signature block at the cursor: its height (from the cursor, the gap above included),
// drawn only when `draw`.
double signature_block(Doc& d, const std::vector<Signer>& signers,
                       const std::vector<std::string>& recipients, bool draw) {
  const double half = d.content_width() / 2;
  Style ts{Face::serif, 12, true, false, Align::center};
  Style hs{Face::serif, 11, false, true, Align::center};
  const double space = 58;  // room to sign (and stamp)
  const double gap = 8;
  const double top = d.y + gap;
  double bottom = top;
  for (size_t i = 0; i < signers.size(); ++i) {
    const Signer& s = signers[i];
    double x = (signers.size() == 1 || i == 1) ? d.left() + half : d.left();
    double y = top;
    y += d.text_at(x, y, half, upper(s.title), ts, draw);
    y += d.text_at(x, y, half, s.hint, hs, draw);
    y += space;
    if (!s.name.empty()) y += d.text_at(x, y, half, s.name, ts, draw);
    bottom = std::max(bottom, y);
  }
  if (signers.size() == 1 && !recipients.empty()) {
    double y = top;
    Style rs{Face::serif, 12, true, true, Align::left};
    y += d.text_at(d.left(), y, half, "Nơi nhận:", rs, draw);
    Style is{Face::serif, 11};
    for (const std::string& r : recipients) y += d.text_at(d.left(), y, half, r, is, draw);
    bottom = std::max(bottom, y);
  }
  return bottom - d.y;
}

}  // namespace

void signatures(Doc& d, const std::vector<Signer>& signers,
                const std::vector<std::string>& recipients) {
  d.need(signature_block(d, signers, recipients, false));
  d.y += signature_block(d, signers, recipients, true) + 6;
}

void closing(Doc& d, const std::vector<Line>& last_lines, const std::vector<Signer>& signers,
             const std::vector<std::string>& recipients) {
  // Keep-together: the lines and the block move to the next page as one when they do not fit.
  double h = signature_block(d, signers, recipients, false);
  for (const Line& l : last_lines) h += d.para_height(l.spans, l.style, l.indent, l.after);
  d.need(h);
  for (const Line& l : last_lines) d.para(l.spans, l.style, l.indent, l.after);
  signatures(d, signers, recipients);
}

void field(Doc& d, const std::string& label, const std::string& value, bool bold_value) {
  Style s = body_style();
  s.align = Align::left;
  d.para(Spans{{label + ": "}, {or_dots(value, 60), bold_value}}, s);
}

}  // namespace motcua::docs::detail
