// Unicode text helpers (utf8proc). Input text is stored in NFC; search compares folded forms.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

bool is_valid_utf8(std::string_view s);
// NFC-normalised copy, or nullopt when `s` is not valid UTF-8.
std::optional<std::string> to_nfc(std::string_view s);
// NFC-normalised copy, or `s` as it came when it is not valid UTF-8 (for input whose validation
// refuses bad UTF-8 with its own message).
std::string nfc_or_same(std::string s);
// Lower case, diacritics removed, đ→d, runs of whitespace collapsed: "Đăng ký  Khai sinh" →
// "dang ky khai sinh". Invalid UTF-8 yields "".
std::string fold_vi(std::string_view s);
// Vietnamese as systems that take only ASCII want it (SMS brandname, VNPay's order text):
// diacritics removed, đ→d, Đ→D, case kept; anything else outside printable ASCII (spaces,
// controls, other scripts) becomes one space, trimmed: "Nộp phí  hồ sơ\n" → "Nop phi ho so".
// Invalid UTF-8 yields "".
std::string unaccent_vi(std::string_view s);
size_t utf8_length(std::string_view s);  // code points (valid UTF-8 assumed)

// Bidirectional controls (U+061C, U+200E/F, U+202A..E, U+2066..9): they reorder how text is
// shown, so a name or a file name could display as something it is not.
bool is_bidi_control(char32_t cp);
// Invisible format characters a name has no use for: the bidi controls, zero-width space and
// joiners (U+200B..D), word joiner (U+2060), BOM (U+FEFF), and the C1 controls (U+0080..9F).
bool is_invisible_control(char32_t cp);
// Whether valid UTF-8 `s` holds a bidi control.
bool has_bidi_control(std::string_view s);
// Decodes the code point at s[i] of valid UTF-8 and advances i past it.
char32_t next_code_point(std::string_view s, size_t& i);

}  // namespace motcua
