#include "domain/dossier/code.h"

#include <cctype>
#include <cstdio>

#include "common/crypto.h"

namespace motcua::dossier {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool valid_day(Date d) {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  // Round-trip through the day count rejects 30 February and friends.
  return civil_from_days(days_from_civil(d)) == d;
}

}  // namespace

bool is_valid_agency_eid(std::string_view s) {
  // DDD.DD.DD.[HG]DD
  if (s.size() != 13) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (i) {
      case 3: case 6: case 9:
        if (c != '.') return false;
        break;
      case 10:
        if (c != 'H' && c != 'G') return false;
        break;
      default:
        if (!is_digit(c)) return false;
    }
  }
  return true;
}

Result<std::string> format_dossier_code(std::string_view agency_eid, Date local_day, int seq) {
  if (!is_valid_agency_eid(agency_eid))
    return make_error(ErrorKind::invalid, "Mã định danh cơ quan tiếp nhận không hợp lệ", "invalid_agency_eid");
  if (local_day.year < 2000 || local_day.year > 2099 || !valid_day(local_day))
    return make_error(ErrorKind::invalid, "Ngày tiếp nhận không hợp lệ để lập mã hồ sơ", "invalid_date");
  if (seq < 1) return make_error(ErrorKind::invalid, "Số thứ tự hồ sơ phải bắt đầu từ 1", "invalid_seq");
  if (seq > kMaxDailySeq)
    return make_error(ErrorKind::unavailable, "Đã hết số hồ sơ trong ngày", "dossier_seq_exhausted");
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%02d%02d%02d-%04d", local_day.year % 100, local_day.month,
                local_day.day, seq);
  std::string out(agency_eid);
  out += tail;
  return out;
}

std::optional<ParsedCode> parse_dossier_code(std::string_view s) {
  // <13-char eid>-<6 digits>-<4 digits>
  if (s.size() != 13 + 1 + 6 + 1 + 4) return std::nullopt;
  std::string_view eid = s.substr(0, 13), ymd = s.substr(14, 6), seq = s.substr(21, 4);
  if (!is_valid_agency_eid(eid) || s[13] != '-' || s[20] != '-') return std::nullopt;
  if (!all_digits(ymd) || !all_digits(seq)) return std::nullopt;
  Date d{2000 + to_int(ymd.substr(0, 2)), to_int(ymd.substr(2, 2)), to_int(ymd.substr(4, 2))};
  if (!valid_day(d)) return std::nullopt;
  int n = to_int(seq);
  if (n < 1) return std::nullopt;
  return ParsedCode{std::string(eid), d, n};
}

bool is_acceptable_code(std::string_view s) {
  if (parse_dossier_code(s)) return true;
  if (s.empty() || s.size() > kMaxForeignCodeLength) return false;
  for (char c : s) {
    bool ok = is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string tracking_key(std::string_view dossier_id) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // 32: 5 bits each
  const std::string h = sha256_hex(std::string("motcua-tracking-key:").append(dossier_id));
  std::string out;
  for (size_t i = 0; i < 8; ++i) {
    // Two hex digits (8 bits) per character; the top 5 pick the letter.
    int byte = std::stoi(h.substr(2 * i, 2), nullptr, 16);
    out += kAlphabet[size_t(byte >> 3)];
  }
  return out;
}

bool tracking_key_matches(std::string_view dossier_id, std::string_view typed) {
  std::string t;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    t += char(std::toupper(static_cast<unsigned char>(ch)));
  }
  return t.size() == 8 && t == tracking_key(dossier_id);
}

}  // namespace motcua::dossier
