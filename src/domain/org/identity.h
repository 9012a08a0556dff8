// Identity numbers and name masking for citizens and organisations. Pure checks, no look-ups.
#pragma once
#include <string>
#include <string_view>

#include "common/result.h"

namespace motcua::org {

enum class Sex { male, female };

struct PersonalIdInfo {
  std::string province_code;  // 3 digits: province where the birth was registered (old 63 codes)
  Sex sex = Sex::male;
  int birth_year = 0;         // full year, e.g. 1987
};

// Personal identification number (số định danh cá nhân / CCCD), Thông tư 07/2016/TT-BCA art. 7:
//   digits 1-3  province code of birth registration, one of the 63 pre-2025 codes 001..096;
//   digit  4    sex and century: 0/1 male/female born 1900-1999, 2/3 2000-2099, 4/5 2100-2199,
//               6/7 2200-2299, 8/9 2300-2399 (even = male, odd = female);
//   digits 5-6  last two digits of the birth year;
//   digits 7-12 random (no check digit, so nothing more can be verified).
// A birth year after `current_year` is rejected. Errors: ErrorKind::invalid, code
// "invalid_personal_id", Vietnamese detail saying which part is wrong. Exactly 12 ASCII digits:
// no spaces or separators are stripped.
Result<PersonalIdInfo> check_personal_id(std::string_view id, int current_year);
// True if `code` is one of the 63 birth-registration province codes.
bool is_personal_id_province(std::string_view code);

// Tax code (mã số thuế): "dddddddddd" or "dddddddddd-ddd" (dependent unit, suffix 001..999).
// Check digit (digit 10) over digits 1-9 with weights 31,29,23,19,17,13,7,5,3:
// c = 10 − (Σ mod 11); a number whose Σ mod 11 is 0 (c would be 10) is never issued.
// Source: the rule as implemented by python-stdnum / stdnum-js `vn/mst` and by vn-ident, whose
// worked example (check digit of 010004751 is 6 → 0100047516) we reproduce in the tests.
bool is_valid_tax_code(std::string_view);

// Privacy mask for public pages: each word keeps its first letter, every other code point
// becomes '*'; whitespace is kept as is. Input is NFC-normalised first so "ễ" counts as one
// code point whatever the input form: "Nguyễn Văn An" → "N***** V** A*". Invalid UTF-8 → "***".
std::string mask_name(std::string_view full_name_utf8);

// Mask for an identity number (personal ID, tax code) shown to readers who need to know whose
// dossier it is but not the number (a consulted agency): every character becomes '*' except the
// last 3, which are kept only when at least 6 stay hidden ("051090004321" → "*********321").
// Anything but printable ASCII (no such number has it) → "***"; "" stays "".
std::string mask_identity_number(std::string_view number);

}  // namespace motcua::org
