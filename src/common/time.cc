#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace motcua {

int64_t days_from_civil(Date d) {
  using namespace std::chrono;
  return sys_days{year{d.year} / month{unsigned(d.month)} / day{unsigned(d.day)}}
      .time_since_epoch()
      .count();
}

Date civil_from_days(int64_t days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

int weekday(Date d) {
  int64_t z = days_from_civil(d);
  // 1970-01-01 was a Thursday (4).
  return int(((z % 7) + 7 + 4) % 7);
}

Date add_days(Date d, int64_t n) { return civil_from_days(days_from_civil(d) + n); }

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Date local_date(Millis t) { return civil_from_days(floor_div(t + kVnOffset, kDay)); }

int local_minute_of_day(Millis t) {
  int64_t local = t + kVnOffset;
  return int((local - floor_div(local, kDay) * kDay) / kMinute);
}

Millis local_instant(Date d, int minute_of_day) {
  return days_from_civil(d) * kDay + Millis(minute_of_day) * kMinute - kVnOffset;
}

// Zero-padded decimal into a fixed field. Dates and instants are formatted for every answer
// and in the writer's transactions; snprintf cost ~1 µs a call on the 2-core machine.
static void put_digits(char* out, int width, int v) {
  for (int i = width - 1; i >= 0; --i, v /= 10) out[i] = char('0' + v % 10);
}

static bool plain_year(const Date& d) {
  return d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 && d.day <= 99;
}

std::string format_date(Date d) {
  if (!plain_year(d)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  std::string out = "0000-00-00";
  put_digits(out.data(), 4, d.year);
  put_digits(out.data() + 5, 2, d.month);
  put_digits(out.data() + 8, 2, d.day);
  return out;
}

static bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

static bool valid_date(Date d) {
  using namespace std::chrono;
  if (d.year < 1900 || d.year > 2200) return false;
  return year_month_day{year{d.year} / month{unsigned(d.month)} / day{unsigned(d.day)}}.ok();
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day)) return std::nullopt;
  if (!valid_date(d)) return std::nullopt;
  return d;
}

std::string format_rfc3339_local(Millis t) {
  Date d = local_date(t);
  int64_t local = t + kVnOffset;
  int64_t ms_of_day = local - floor_div(local, kDay) * kDay;
  int h = int(ms_of_day / kHour), m = int(ms_of_day % kHour / kMinute), s = int(ms_of_day % kMinute / 1000);
  std::string out = format_date(d);
  out += "T00:00:00+07:00";
  put_digits(out.data() + out.size() - 14, 2, h);
  put_digits(out.data() + out.size() - 11, 2, m);
  put_digits(out.data() + out.size() - 8, 2, s);
  return out;
}

std::optional<Millis> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff...](Z|±HH:MM)
  if (s.size() < 20 || s.size() > 40) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  int h, m, sec;
  if (!digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, m) || s[16] != ':' || !digits(s, 17, 2, sec))
    return std::nullopt;
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  if (sec == 60) sec = 59;  // leap second: clamp
  size_t pos = 19;
  int64_t frac_ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    int scale = 100;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (scale > 0) frac_ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int64_t offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  Millis local = days_from_civil(*date) * kDay + h * kHour + m * kMinute + sec * 1000 + frac_ms;
  return local - offset_min * kMinute;
}

Millis now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace motcua
