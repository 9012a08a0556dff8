// Internal UTF-8 helpers of the http module (strict RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace motcua::http::detail {

// Length in bytes of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
inline size_t utf8_seq_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const size_t n = s.size();
  uint8_t c = b(i);
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (i + 1 >= n) return 0;
    uint8_t c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // UTF-16 surrogates
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (i + 1 >= n) return 0;
    uint8_t c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // > U+10FFFF
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

inline bool valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Fast path over ASCII, 8 bytes at a time would be nicer; bytes are fine here.
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t k = utf8_seq_len(s, i);
    if (k == 0) return false;
    i += k;
  }
  return true;
}

// Code points in valid UTF-8.
inline size_t utf8_count(std::string_view s) {
  size_t n = 0;
  for (char ch : s)
    if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace motcua::http::detail
