#include "docs/format.h"

#include <glib.h>

#include <cstdio>

#include "common/text.h"
#include "docs/docs.h"

namespace motcua::docs {
namespace detail {
namespace {

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

}  // namespace

std::string long_date(Date d) {
  std::string day = d.day < 10 ? two(d.day) : std::to_string(d.day);
  std::string month = d.month <= 2 ? two(d.month) : std::to_string(d.month);
  return "ngày " + day + " tháng " + month + " năm " + std::to_string(d.year);
}

std::string date_line(std::string_view place, Date d) {
  return std::string(place) + ", " + long_date(d);
}

std::string short_date(Date d) {
  return two(d.day) + "/" + two(d.month) + "/" + std::to_string(d.year);
}

std::string short_date(Millis t) { return short_date(local_date(t)); }

std::string time_and_date(Millis t) {
  int m = local_minute_of_day(t);
  return two(m / 60) + " giờ " + two(m % 60) + " phút, ngày " + short_date(t);
}

std::string compact_time(Millis t) {
  int m = local_minute_of_day(t);
  return short_date(t) + " " + two(m / 60) + ":" + two(m % 60);
}

std::string money(int64_t vnd) {
  bool neg = vnd < 0;
  uint64_t v = neg ? 0 - static_cast<uint64_t>(vnd) : static_cast<uint64_t>(vnd);
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (neg ? "-" : "") + out + " đồng";
}

std::string upper(std::string_view s) {
  gchar* u = g_utf8_strup(s.data(), static_cast<gssize>(s.size()));
  std::string out = u ? u : "";
  g_free(u);
  return nfc(out);
}

std::string nfc(std::string_view s) {
  auto n = to_nfc(s);
  return n ? std::move(*n) : std::string(s);
}

std::string or_dots(std::string_view s, int dots) {
  if (!s.empty()) return std::string(s);
  return std::string(static_cast<size_t>(dots), '.');
}

}  // namespace detail

std::string tracking_url(std::string_view base_url, std::string_view code, std::string_view key) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  static const char* hex = "0123456789ABCDEF";
  auto encode = [](std::string& out, std::string_view text) {
    for (unsigned char c : text) {
      bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
  };
  std::string out(base_url);
  out += "/tra-cuu/";
  encode(out, code);
  if (!key.empty()) {
    out += "?k=";
    encode(out, key);
  }
  return out;
}

}  // namespace motcua::docs
