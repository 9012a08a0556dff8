#include "common/text.h"

#include <utf8proc.h>

#include <cstdlib>

namespace motcua {

bool is_valid_utf8(std::string_view s) {
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

static std::optional<std::string> map(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    utf8proc_ssize_t(s.size()), &out, utf8proc_option_t(options));
  if (n < 0) return std::nullopt;
  std::string r(reinterpret_cast<char*>(out), size_t(n));
  std::free(out);
  return r;
}

std::optional<std::string> to_nfc(std::string_view s) { return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::string nfc_or_same(std::string s) { return to_nfc(s).value_or(s); }

std::string fold_vi(std::string_view s) {
  auto m = map(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (!m) return {};
  std::string out;
  out.reserve(m->size());
  bool space = true;  // drops leading whitespace
  for (size_t i = 0; i < m->size(); ++i) {
    unsigned char c = (unsigned char)(*m)[i];
    if (c == 0xC4 && i + 1 < m->size() && ((unsigned char)(*m)[i + 1] == 0x91 || (unsigned char)(*m)[i + 1] == 0x90)) {
      out += 'd';  // đ (U+0111) / Đ (U+0110) have no decomposition
      ++i;
      space = false;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!space) out += ' ';
      space = true;
    } else {
      out += char(c);
      space = false;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string unaccent_vi(std::string_view s) {
  auto m = map(s, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
  if (!m) return {};
  std::string out;
  out.reserve(m->size());
  bool space = true;  // drops leading spaces
  for (size_t i = 0; i < m->size(); ++i) {
    unsigned char c = (unsigned char)(*m)[i];
    if (c == 0xC4 && i + 1 < m->size() && ((unsigned char)(*m)[i + 1] == 0x91 || (unsigned char)(*m)[i + 1] == 0x90)) {
      out += (unsigned char)(*m)[i + 1] == 0x91 ? 'd' : 'D';  // đ (U+0111) / Đ (U+0110) have no decomposition
      ++i;
      space = false;
    } else if (c >= 0x21 && c < 0x7F) {
      out += char(c);
      space = false;
    } else {
      if (c >= 0x80)
        while (i + 1 < m->size() && ((unsigned char)(*m)[i + 1] & 0xC0) == 0x80) ++i;  // the rest of the character
      if (!space) out += ' ';
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return char32_t(static_cast<unsigned char>(k < s.size() ? s[k] : 0)); };
  char32_t c = b(i);
  if (c < 0x80) return ++i, c;
  if ((c >> 5) == 6) return i += 2, ((c & 0x1F) << 6) | (b(i - 1) & 0x3F);
  if ((c >> 4) == 14) return i += 3, ((c & 0x0F) << 12) | ((b(i - 2) & 0x3F) << 6) | (b(i - 1) & 0x3F);
  i += 4;
  return ((c & 0x07) << 18) | ((b(i - 3) & 0x3F) << 12) | ((b(i - 2) & 0x3F) << 6) | (b(i - 1) & 0x3F);
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool is_invisible_control(char32_t cp) {
  return is_bidi_control(cp) || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
         (cp >= 0x80 && cp <= 0x9F);
}

bool has_bidi_control(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Every bidi control is a 2- or 3-byte sequence starting 0xD8 or 0xE2: skip the rest fast.
    auto c = static_cast<unsigned char>(s[i]);
    if (c != 0xD8 && c != 0xE2) {
      i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
      continue;
    }
    if (is_bidi_control(next_code_point(s, i))) return true;
  }
  return false;
}

}  // namespace motcua
