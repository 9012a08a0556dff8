#include "integrations/mail/mime_parse.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "common/text.h"

namespace motcua::integrations::mail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

// Bytes in `charset` → UTF-8; invalid sequences dropped. UTF-8 and ASCII are checked, not converted.
std::string to_utf8(std::string_view bytes, std::string_view charset) {
  std::string cs = lower(trim(charset));
  if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii") {
    if (is_valid_utf8(bytes)) return std::string(bytes);
    cs = "utf-8";
  }
  iconv_t cd = iconv_open("UTF-8//IGNORE", cs.c_str());
  if (cd == (iconv_t)-1) cd = iconv_open("UTF-8//IGNORE", "UTF-8");
  if (cd == (iconv_t)-1) return "";
  std::string out;
  std::string in(bytes);
  char* ip = in.data();
  size_t il = in.size();
  char buf[4096];
  while (il > 0) {
    char* op = buf;
    size_t ol = sizeof buf;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    out.append(buf, size_t(op - buf));
    if (r == size_t(-1)) {
      if (errno == E2BIG) continue;
      if (il > 0) {  // an invalid byte: skip it
        ++ip;
        --il;
      }
    }
  }
  {  // flush what a stateful charset (e.g. one with combining marks) still holds
    char* op = buf;
    size_t ol = sizeof buf;
    iconv(cd, nullptr, nullptr, &op, &ol);
    out.append(buf, size_t(op - buf));
  }
  iconv_close(cd);
  return is_valid_utf8(out) ? out : "";
}

int b64val(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string base64_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : s) {
    if (c == '=') break;
    int v = b64val(c);
    if (v < 0) continue;
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xFF);
    }
  }
  return out;
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable (RFC 2045 §6.7); `header`: RFC 2047's Q, where '_' is a space.
std::string qp_decode(std::string_view s, bool header) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (header && c == '_') {
      out += ' ';
    } else if (c == '=') {
      if (i + 1 < s.size() && (s[i + 1] == '\r' || s[i + 1] == '\n')) {  // soft line break
        ++i;
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      } else if (i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
        out += char(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
        i += 2;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}

struct Headers {
  std::map<std::string, std::string> h;  // lower-case name → unfolded value (first occurrence)
  std::string get(const std::string& n) const {
    auto it = h.find(n);
    return it == h.end() ? "" : it->second;
  }
};

// Splits headers from body; headers unfolded.
bool split_message(std::string_view raw, Headers& hs, std::string_view& body) {
  size_t end = std::string_view::npos, skip = 0;
  if (raw.starts_with("\r\n")) end = 0, skip = 2;
  else if (raw.starts_with("\n")) end = 0, skip = 1;
  else {
    size_t a = raw.find("\r\n\r\n"), b = raw.find("\n\n");
    if (a != std::string_view::npos && (b == std::string_view::npos || a < b)) end = a + 2, skip = 2;
    else if (b != std::string_view::npos) end = b + 1, skip = 1;
  }
  if (end == std::string_view::npos) {  // headers only
    end = raw.size();
    skip = 0;
  }
  std::string_view head = raw.substr(0, end);
  body = end + skip <= raw.size() ? raw.substr(end + skip) : std::string_view{};
  std::string name, value;
  auto flush = [&] {
    if (!name.empty() && !hs.h.count(name)) hs.h[name] = trim(value);
    name.clear();
    value.clear();
  };
  size_t pos = 0;
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (line.empty()) continue;
    if (line[0] == ' ' || line[0] == '\t') {
      value += ' ';
      value += trim(line);
      continue;
    }
    flush();
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    name = lower(trim(line.substr(0, colon)));
    value = std::string(line.substr(colon + 1));
  }
  flush();
  return true;
}

// "text/plain; charset=utf-8; name=\"a.pdf\"" → value and lower-case parameter names. RFC 2231
// `name*=charset''percent-encoded` is decoded too.
std::string header_params(const std::string& v, std::map<std::string, std::string>& params) {
  size_t semi = v.find(';');
  std::string main = lower(trim(v.substr(0, semi)));
  while (semi != std::string::npos) {
    size_t start = semi + 1;
    // find next ';' outside quotes
    size_t i = start;
    bool q = false;
    for (; i < v.size(); ++i) {
      if (v[i] == '"') q = !q;
      else if (v[i] == ';' && !q) break;
    }
    std::string item = trim(std::string_view(v).substr(start, i - start));
    semi = i < v.size() ? i : std::string::npos;
    size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    std::string k = lower(trim(item.substr(0, eq)));
    std::string val = trim(item.substr(eq + 1));
    if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
    if (!k.empty() && k.back() == '*') {  // RFC 2231: charset'lang'%XX…
      k.pop_back();
      size_t a = val.find('\''), b = a == std::string::npos ? a : val.find('\'', a + 1);
      if (b != std::string::npos) {
        std::string cs = val.substr(0, a), raw;
        for (size_t j = b + 1; j < val.size(); ++j) {
          if (val[j] == '%' && j + 2 < val.size() && hexval(val[j + 1]) >= 0 && hexval(val[j + 2]) >= 0) {
            raw += char(hexval(val[j + 1]) * 16 + hexval(val[j + 2]));
            j += 2;
          } else {
            raw += val[j];
          }
        }
        val = to_utf8(raw, cs);
      }
    }
    params[k] = val;
  }
  return main;
}

std::string decode_body(std::string_view body, const std::string& encoding) {
  const std::string e = lower(trim(encoding));
  if (e == "base64") return base64_decode(body);
  if (e == "quoted-printable") return qp_decode(body, false);
  return std::string(body);
}

struct Walker {
  Mail& mail;
  int max_parts;
  int parts = 0;

  Status part(std::string_view raw, int depth, const std::string& default_type) {
    if (++parts > max_parts) return make_error(ErrorKind::too_large, "Thư có quá nhiều phần MIME");
    if (depth > 8) return make_error(ErrorKind::invalid, "Thư lồng nhau quá sâu");
    Headers hs;
    std::string_view body;
    split_message(raw, hs, body);
    std::map<std::string, std::string> tp, dp;
    std::string ctype = header_params(hs.get("content-type"), tp);
    if (ctype.empty()) ctype = default_type;
    std::string disp = header_params(hs.get("content-disposition"), dp);
    if (ctype.starts_with("multipart/")) {
      const std::string boundary = tp["boundary"];
      if (boundary.empty() || boundary.size() > 200) return make_error(ErrorKind::invalid, "Thư MIME thiếu boundary");
      const std::string delim = "--" + boundary;
      const std::string sub_default = ctype == "multipart/digest" ? "message/rfc822" : "text/plain";
      size_t pos = body.find(delim);
      while (pos != std::string_view::npos) {
        size_t line_end = body.find('\n', pos);
        if (body.substr(pos + delim.size()).starts_with("--")) break;  // closing delimiter
        if (line_end == std::string_view::npos) break;
        size_t next = body.find("\n" + delim, line_end);
        size_t content_end = next == std::string_view::npos ? body.size() : next;
        std::string_view content = body.substr(line_end + 1, content_end - line_end - 1);
        if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
        MC_TRY(part(content, depth + 1, sub_default));
        pos = next == std::string_view::npos ? next : next + 1;
      }
      return ok_status();
    }
    std::string name = dp.count("filename") ? dp["filename"] : tp.count("name") ? tp["name"] : "";
    name = decode_header(name);
    const bool attachment = disp == "attachment" || (!name.empty() && disp != "inline") ||
                            !(ctype == "text/plain" || ctype == "text/html");
    std::string bytes = decode_body(body, hs.get("content-transfer-encoding"));
    if (!attachment) {
      std::string text = to_utf8(bytes, tp["charset"]);
      std::string& into = ctype == "text/html" ? mail.html : mail.text;
      if (into.empty()) {
        into = std::move(text);
        return ok_status();
      }
      if (ctype == "text/plain") {  // several plain parts (a message split around an attachment)
        into += "\n" + text;
        return ok_status();
      }
    }
    mail.attachments.push_back(MailPart{name, ctype, std::move(bytes)});
    return ok_status();
  }
};

}  // namespace

std::string decode_header(std::string_view v) {
  std::string out;
  size_t i = 0;
  bool last_was_word = false;
  std::string pending_space;
  while (i < v.size()) {
    if (v.substr(i).starts_with("=?")) {
      size_t q1 = v.find('?', i + 2);
      size_t q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
      size_t end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
      if (end != std::string_view::npos && q2 == q1 + 2) {
        std::string charset(v.substr(i + 2, q1 - i - 2));
        if (auto star = charset.find('*'); star != std::string::npos) charset.resize(star);  // RFC 2231 language
        const char enc = char(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
        std::string_view text = v.substr(q2 + 1, end - q2 - 1);
        if (enc == 'B' || enc == 'Q') {
          std::string raw = enc == 'B' ? base64_decode(text) : qp_decode(text, true);
          if (!last_was_word) out += pending_space;  // space between two words is dropped
          pending_space.clear();
          out += to_utf8(raw, charset);
          last_was_word = true;
          i = end + 2;
          continue;
        }
      }
    }
    char c = v[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space += ' ';
      ++i;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += c;
    last_was_word = false;
    ++i;
  }
  if (!last_was_word) out += pending_space;
  return is_valid_utf8(out) ? trim(out) : to_utf8(trim(out), "iso-8859-1");
}

void split_address(std::string_view from, std::string& name, std::string& address) {
  name.clear();
  address.clear();
  size_t lt = from.find('<'), gt = from.find('>', lt == std::string_view::npos ? 0 : lt);
  if (lt != std::string_view::npos && gt != std::string_view::npos) {
    address = trim(from.substr(lt + 1, gt - lt - 1));
    name = trim(from.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  } else {
    address = trim(from);
    size_t comma = address.find(',');
    if (comma != std::string::npos) address.resize(comma);
  }
}

Result<Mail> parse_mail(std::string_view raw, int max_parts) {
  Headers hs;
  std::string_view body;
  split_message(raw, hs, body);
  if (hs.h.empty()) return make_error(ErrorKind::invalid, "Thư không có phần đầu (header)");
  Mail m;
  std::string mid = trim(hs.get("message-id"));
  if (mid.size() >= 2 && mid.front() == '<' && mid.back() == '>') mid = mid.substr(1, mid.size() - 2);
  if (mid.size() > 250) mid.clear();
  m.message_id = mid;
  m.subject = decode_header(hs.get("subject"));
  split_address(decode_header(hs.get("from")), m.from_name, m.from_address);
  Walker w{m, max_parts};
  MC_TRY(w.part(raw, 0, "text/plain"));
  return m;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  size_t i = 0;
  auto skip_until = [&](std::string_view close) {
    std::string lh = lower(html.substr(i));
    size_t e = lh.find(close);
    i = e == std::string::npos ? html.size() : i + e + close.size();
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t e = html.find('>', i);
      if (e == std::string_view::npos) break;
      std::string tag = lower(html.substr(i + 1, e - i - 1));
      std::string tname;
      for (char t : tag) {
        if (std::isalnum(static_cast<unsigned char>(t)) || t == '/') tname += t;
        else break;
      }
      i = e + 1;
      if (tname == "script" || tname == "style") {
        skip_until("</" + tname);
        size_t e2 = html.find('>', i);
        i = e2 == std::string_view::npos ? html.size() : e2 + 1;
        continue;
      }
      static const char* blocks[] = {"br", "p", "/p", "div", "/div", "li", "tr", "/tr", "h1", "h2", "h3", "/h1", "/h2", "/h3"};
      if (std::find(std::begin(blocks), std::end(blocks), tname) != std::end(blocks) && !out.empty() && out.back() != '\n')
        out += '\n';
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string ent(html.substr(i + 1, semi - i - 1));
        std::string rep;
        if (ent == "amp") rep = "&";
        else if (ent == "lt") rep = "<";
        else if (ent == "gt") rep = ">";
        else if (ent == "quot") rep = "\"";
        else if (ent == "#39" || ent == "apos") rep = "'";
        else if (ent == "nbsp") rep = " ";
        else if (ent.size() > 1 && ent[0] == '#') {
          long cp = ent[1] == 'x' || ent[1] == 'X' ? std::strtol(ent.c_str() + 2, nullptr, 16) : std::strtol(ent.c_str() + 1, nullptr, 10);
          if (cp > 0x1F && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
            char32_t u = char32_t(cp);
            if (u < 0x80) rep += char(u);
            else if (u < 0x800) rep += char(0xC0 | (u >> 6)), rep += char(0x80 | (u & 0x3F));
            else if (u < 0x10000)
              rep += char(0xE0 | (u >> 12)), rep += char(0x80 | ((u >> 6) & 0x3F)), rep += char(0x80 | (u & 0x3F));
            else
              rep += char(0xF0 | (u >> 18)), rep += char(0x80 | ((u >> 12) & 0x3F)), rep += char(0x80 | ((u >> 6) & 0x3F)),
                  rep += char(0x80 | (u & 0x3F));
          }
        }
        if (!rep.empty() || ent.starts_with("#")) {
          out += rep;
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  return trim(out);
}

}  // namespace motcua::integrations::mail
