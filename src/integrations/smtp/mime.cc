#include "integrations/smtp/mime.h"

#include <cctype>
#include <cstdio>

#include "app/notify/notify_service.h"
#include "common/encoding.h"

namespace motcua::integrations::smtp {

namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool plain_ascii(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch >= 0x7F) return false;
  return s.find("=?") == std::string_view::npos;
}

}  // namespace

std::string base64(std::string_view in, size_t line) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4 + 8);
  size_t col = 0;
  auto put = [&](char c) {
    out += c;
    if (line && ++col == line) out += "\r\n", col = 0;
  };
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    put(kB64[n >> 18]), put(kB64[(n >> 12) & 63]), put(kB64[(n >> 6) & 63]), put(kB64[n & 63]);
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    put(kB64[n >> 18]), put(kB64[(n >> 12) & 63]), put('='), put('=');
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    put(kB64[n >> 18]), put(kB64[(n >> 12) & 63]), put(kB64[(n >> 6) & 63]), put('=');
  }
  if (line && col) out += "\r\n";
  return out;
}

std::string encode_header_text(std::string_view s) {
  if (plain_ascii(s) && s.size() <= 900) return std::string(s);
  // Each word carries at most 45 bytes (60 base64 characters + 12 of framing ≤ 75), cut on a
  // UTF-8 character boundary so every word decodes on its own (RFC 2047 §5).
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = std::min<size_t>(45, s.size() - i);
    while (n > 0 && i + n < s.size() && (uint8_t(s[i + n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<size_t>(45, s.size() - i);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(s.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string text_to_html(std::string_view s) {
  std::string esc = html_escape(s), out;
  for (char ch : esc) {
    if (ch == '\r') continue;
    if (ch == '\n') out += "<br>\r\n";
    else out += ch;
  }
  return out;
}

std::string rfc5322_date(Millis t) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Date d = local_date(t);
  int m = local_minute_of_day(t);
  int sec = int(((t + kVnOffset) / 1000) % 60);
  if (sec < 0) sec += 60;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0700", days[weekday(d)], d.day, months[d.month - 1],
                d.year, m / 60, m % 60, sec);
  return buf;
}

std::pair<std::string, std::string> split_mailbox(std::string_view from) {
  auto lt = from.rfind('<');
  auto gt = from.rfind('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt) return {"", std::string(from)};
  std::string name(from.substr(0, lt));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return {name, std::string(from.substr(lt + 1, gt - lt - 1))};
}

Result<std::string> build_message(const Mail& m) {
  if (!app::is_plain_email(m.to_address))
    return make_error(ErrorKind::invalid, "Địa chỉ người nhận không hợp lệ");
  if (!app::is_plain_email(m.from_address))
    return make_error(ErrorKind::invalid, "Địa chỉ người gửi (MOTCUA_MAIL_FROM) không hợp lệ");
  if (m.message_id.empty()) return make_error(ErrorKind::invalid, "Thiếu Message-ID");
  for (char ch : m.message_id)
    if (!(isalnum(uint8_t(ch)) || ch == '.' || ch == '-' || ch == '_'))
      return make_error(ErrorKind::invalid, "Message-ID có ký tự không hợp lệ");
  const std::string domain = m.from_address.substr(m.from_address.find('@') + 1);
  const std::string boundary = "=_motcua_" + m.message_id;
  std::string out;
  out += "From: " + (m.from_name.empty() ? "" : encode_header_text(app::notify::clean_value(m.from_name)) + " ") + "<" +
         m.from_address + ">\r\n";
  out += "To: <" + m.to_address + ">\r\n";
  out += "Subject: " + encode_header_text(app::notify::clean_value(m.subject)) + "\r\n";
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  std::string text;  // canonical form: CRLF line ends
  for (char ch : m.text) {
    if (ch == '\r') continue;
    if (ch == '\n') text += "\r\n";
    else text += ch;
  }
  out += base64(text, 76);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  const std::string html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>\r\n<p>" +
                           text_to_html(m.text) + "</p>\r\n</body></html>\r\n";
  out += base64(html, 76);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace motcua::integrations::smtp
