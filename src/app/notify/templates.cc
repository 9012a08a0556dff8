#include "app/notify/templates.h"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "common/text.h"

namespace motcua::app::notify {
namespace json = boost::json;

namespace {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string clean_value(const std::string& v, size_t max_chars) {
  if (!is_valid_utf8(v)) return "";
  std::string nfc = to_nfc(v).value_or(v);
  std::string out;
  size_t n = 0, i = 0;
  bool space = false;
  while (i < nfc.size()) {
    char32_t cp = next_code_point(nfc, i);
    bool control = cp < 0x20 || cp == 0x7F || is_invisible_control(cp) || cp == 0x2028 || cp == 0x2029;
    if (control || cp == ' ') {
      if (!space && !out.empty()) out += ' ', ++n;  // runs of spaces and controls become one space
      space = true;
      continue;
    }
    space = false;
    if (max_chars && n + 1 > max_chars) {
      // cut: leave room for the ellipsis
      while (n > max_chars - 1 && !out.empty()) {
        size_t back = out.size() - 1;
        while (back > 0 && (static_cast<unsigned char>(out[back]) & 0xC0) == 0x80) --back;
        out.resize(back);
        --n;
      }
      while (!out.empty() && out.back() == ' ') out.pop_back(), --n;
      out += "…";
      return out;
    }
    append_utf8(out, cp);
    ++n;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string render(const std::string& tpl, const Values& values) {
  std::string out;
  size_t i = 0;
  while (i < tpl.size()) {
    size_t open = tpl.find("{{", i);
    if (open == std::string::npos) break;
    size_t close = tpl.find("}}", open + 2);
    if (close == std::string::npos) break;
    out.append(tpl, i, open - i);
    std::string key = tpl.substr(open + 2, close - open - 2);
    if (auto it = values.find(key); it != values.end()) out += clean_value(it->second);
    i = close + 2;
  }
  out.append(tpl, i, std::string::npos);
  return out;
}

Result<Templates> Templates::parse(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return make_error(ErrorKind::invalid, "Tệp mẫu thông báo không phải JSON hợp lệ");
  Templates t;
  for (auto& [event, chans] : v.as_object()) {
    if (!chans.is_object()) continue;
    if (!motcua::notify::parse_event(event)) continue;  // "_comment" and the like
    for (auto& [ch, body] : chans.as_object()) {
      if (!body.is_object() || !motcua::notify::parse_channel(ch)) continue;
      auto& o = body.as_object();
      Entry e{str(o, "subject"), str(o, "body"), str(o, "text"), str(o, "template_id"), {}};
      if (auto* ps = o.if_contains("params"); ps && ps->is_object())
        for (auto& [name, p] : ps->as_object()) {
          if (!p.is_object()) continue;
          size_t max = 30;
          if (auto* m = p.as_object().if_contains("max"); m && m->is_int64()) max = size_t(std::max<int64_t>(1, m->as_int64()));
          e.params.push_back({std::string(name), {str(p.as_object(), "value"), max}});
        }
      t.raw_[{std::string(event), std::string(ch)}] = std::move(e);
    }
  }
  return t;
}

Result<Templates> Templates::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorKind::invalid, "Không đọc được tệp mẫu thông báo " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

std::optional<Outgoing> Templates::build(const std::string& event, motcua::notify::Channel ch,
                                         const Values& values) const {
  auto it = raw_.find({event, std::string(motcua::notify::to_string(ch))});
  if (it == raw_.end()) return std::nullopt;
  const Entry& e = it->second;
  Outgoing m;
  m.channel = ch;
  switch (ch) {
    case motcua::notify::Channel::email:
      m.subject = clean_value(render(e.subject, values), 200);  // a subject is one line
      m.text = render(e.body, values);
      break;
    case motcua::notify::Channel::sms:
      m.text = clean_value(render(e.text, values));
      break;
    case motcua::notify::Channel::zalo:
      m.zns_template_id = e.zns_template_id;
      for (auto& [name, vm] : e.params) m.zns_params.push_back(ZnsParam{name, clean_value(render(vm.first, values), vm.second), vm.second});
      break;
  }
  return m;
}

}  // namespace motcua::app::notify
