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

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace motcua
