#include "domain/org/identity.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace motcua::org {
namespace {

// Birth-registration province codes of the personal identification number (Thông tư
// 07/2016/TT-BCA, annex): the 63 provinces before the 2025 merger. Sorted.
constexpr std::array<std::string_view, 63> kProvinces = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

Error id_error(std::string detail) {
  return make_error(ErrorKind::invalid, std::move(detail), "invalid_personal_id");
}

}  // namespace

bool is_personal_id_province(std::string_view code) {
  return std::binary_search(kProvinces.begin(), kProvinces.end(), code);
}

Result<PersonalIdInfo> check_personal_id(std::string_view id, int current_year) {
  if (id.size() != 12 || !std::all_of(id.begin(), id.end(), is_digit))
    return id_error("Số định danh cá nhân phải gồm đúng 12 chữ số");
  std::string_view province = id.substr(0, 3);
  if (!is_personal_id_province(province))
    return id_error("Mã tỉnh nơi đăng ký khai sinh «" + std::string(province) +
                    "» (3 chữ số đầu của số định danh cá nhân) không hợp lệ");
  int sc = id[3] - '0';  // sex and century: even male, odd female; 0/1 → 1900s … 8/9 → 2300s
  int year = 1900 + (sc / 2) * 100 + (id[4] - '0') * 10 + (id[5] - '0');
  if (year > current_year)
    return id_error("Năm sinh " + std::to_string(year) +
                    " mã hoá trong số định danh cá nhân (chữ số thứ 4 đến 6) lớn hơn năm hiện tại");
  PersonalIdInfo info;
  info.province_code = std::string(province);
  info.sex = sc % 2 == 0 ? Sex::male : Sex::female;
  info.birth_year = year;
  return info;
}

bool is_valid_tax_code(std::string_view s) {
  if (s.size() != 10 && s.size() != 14) return false;
  std::string_view main = s.substr(0, 10);
  if (!std::all_of(main.begin(), main.end(), is_digit)) return false;
  if (s.size() == 14) {
    std::string_view suffix = s.substr(11);
    if (s[10] != '-' || !std::all_of(suffix.begin(), suffix.end(), is_digit) || suffix == "000") return false;
  }
  static constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (main[i] - '0') * kWeights[i];
  int check = 10 - sum % 11;  // 1..10; 10 cannot be written as one digit: never issued
  return check <= 9 && main[9] - '0' == check;
}

std::string mask_name(std::string_view full_name_utf8) {
  auto nfc = to_nfc(full_name_utf8);
  if (!nfc) return "***";
  std::string out;
  out.reserve(nfc->size());
  bool in_word = false;
  for (size_t i = 0; i < nfc->size();) {
    unsigned char c = (unsigned char)(*nfc)[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;  // valid UTF-8 after to_nfc
    len = std::min(len, nfc->size() - i);
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      out += char(c);
      in_word = false;
    } else if (!in_word) {
      out.append(*nfc, i, len);  // first code point of the word, kept
      in_word = true;
    } else {
      out += '*';
    }
    i += len;
  }
  return out;
}

std::string mask_identity_number(std::string_view number) {
  for (char ch : number)
    if (ch < 0x21 || ch > 0x7e) return "***";
  constexpr size_t kShown = 3, kMinHidden = 6;
  size_t shown = number.size() >= kShown + kMinHidden ? kShown : 0;
  return std::string(number.size() - shown, '*') + std::string(number.substr(number.size() - shown));
}

}  // namespace motcua::org
