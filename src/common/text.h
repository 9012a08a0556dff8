// Unicode text helpers (utf8proc). Input text is stored in NFC; search compares folded forms.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace motcua {

bool is_valid_utf8(std::string_view s);
// NFC-normalised copy, or nullopt when `s` is not valid UTF-8.
std::optional<std::string> to_nfc(std::string_view s);
// Lower case, diacritics removed, đ→d, runs of whitespace collapsed: "Đăng ký  Khai sinh" →
// "dang ky khai sinh". Invalid UTF-8 yields "".
std::string fold_vi(std::string_view s);
size_t utf8_length(std::string_view s);  // code points (valid UTF-8 assumed)

}  // namespace motcua
