#include "domain/eform/validate.h"

#include <cmath>

#include <boost/json.hpp>

#include "common/text.h"
#include "domain/org/identity.h"

namespace motcua::eform {
namespace json = boost::json;

// The messages, word for word those of web/src/ui/eform/validate.ts.
namespace msg {
constexpr const char* kNotObject = "Phải là một nhóm thông tin.";
constexpr const char* kNotList = "Phải là một danh sách.";
constexpr const char* kUnknown = "Trường này không có trong biểu mẫu.";
constexpr const char* kRequired = "Thông tin bắt buộc.";
constexpr const char* kConfirm = "Cần xác nhận mục này.";
constexpr const char* kNotText = "Phải là văn bản.";
constexpr const char* kControl = "Có ký tự điều khiển hoặc ký tự ẩn không được phép.";
constexpr const char* kNotNumber = "Phải là một số.";
constexpr const char* kNotInteger = "Phải là số nguyên.";
constexpr const char* kDateFormat = "Ngày phải theo dạng năm-tháng-ngày (YYYY-MM-DD).";
constexpr const char* kDateReal = "Ngày không có thật.";
constexpr const char* kAfterToday = "Ngày không được sau hôm nay.";
constexpr const char* kBeforeToday = "Ngày không được trước hôm nay.";
constexpr const char* kChoice = "Lựa chọn không có trong danh sách.";
constexpr const char* kBoolean = "Phải là có hoặc không.";
constexpr const char* kPhone = "Số điện thoại gồm 9 đến 12 chữ số, không có dấu cách.";
constexpr const char* kEmail = "Địa chỉ thư điện tử không hợp lệ.";
constexpr const char* kUnitId = "Mã đơn vị hành chính không hợp lệ.";
constexpr const char* kUnit = "Chọn xã, phường, đặc khu.";
std::string too_long(int64_t n) { return "Tối đa " + std::to_string(n) + " ký tự."; }
std::string below(int64_t n) { return "Không được nhỏ hơn " + std::to_string(n) + "."; }
std::string above(int64_t n) { return "Không được lớn hơn " + std::to_string(n) + "."; }
std::string few(int64_t n) { return "Cần ít nhất " + std::to_string(n) + " mục."; }
std::string many(int64_t n) { return "Tối đa " + std::to_string(n) + " mục."; }
// dd/mm/yyyy, as people write dates.
std::string vn(const Date& d) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d/%02d/%04d", d.day, d.month, d.year);
  return b;
}
std::string date_before(const Date& d) { return "Ngày không được trước " + vn(d) + "."; }
std::string date_after(const Date& d) { return "Ngày không được sau " + vn(d) + "."; }
}  // namespace msg

namespace {

bool empty_value(const json::value* v) {
  return !v || v->is_null() || (v->is_string() && v->as_string().empty());
}

bool shown(const Field& f, const json::object& siblings) {
  if (!f.when) return true;
  const json::value* v = siblings.if_contains(f.when->field);
  if (!v) return false;
  for (auto& want : f.when->values)
    if (*v == want) return true;
  return false;
}

// Text rules: no control or invisible format characters; length in code points.
std::optional<std::string> text_problem(std::string_view s, bool multiline, int64_t max) {
  if (!is_valid_utf8(s)) return std::string(msg::kControl);
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    char32_t cp = next_code_point(s, i);
    bool allowed_ws = cp == '\t' || (multiline && cp == '\n');
    if ((cp < 0x20 && !allowed_ws) || cp == 0x7F || is_invisible_control(cp)) return std::string(msg::kControl);
  }
  if (int64_t(n) > max) return msg::too_long(max);
  return std::nullopt;
}

bool is_email(std::string_view s) {
  if (s.size() > 254) return false;
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || s.find('@', at + 1) != std::string_view::npos) return false;
  auto local_ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-';
  };
  for (char c : s.substr(0, at))
    if (!local_ok(c)) return false;
  std::string_view dom = s.substr(at + 1);
  size_t labels = 0;
  while (true) {
    size_t dot = dom.find('.');
    std::string_view label = dom.substr(0, dot);
    if (label.empty()) return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    dom = dom.substr(dot + 1);
  }
  return labels >= 2;
}

// A real day of the proleptic Gregorian calendar, years 0001–9999 (the browser's check too).
std::optional<Date> real_date(std::string_view s) {
  int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
      d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  return Date{y, m, d};
}

bool is_unit_id(std::string_view s) {
  if (s.empty() || s.size() > 50) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '@' || c == '.'))
      return false;
  return true;
}

struct Checker {
  Date today;
  bool partial = false;
  std::vector<FieldError> errors;
  void fail(const std::string& path, std::string why) { errors.push_back({path, std::move(why)}); }
  // A value still missing: a problem only in a form to submit.
  void missing(const std::string& path, std::string why) {
    if (!partial) fail(path, std::move(why));
  }

  static std::string join(const std::string& prefix, std::string_view name) {
    return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
  }

  std::optional<Date> bound(const std::string& b) const {
    if (b.empty()) return std::nullopt;
    if (b == "today") return today;
    return real_date(b);
  }

  void group(const std::vector<Field>& fields, const json::value& v, const std::string& path) {
    if (!v.is_object()) { fail(path, msg::kNotObject); return; }
    const json::object& o = v.as_object();
    for (auto& f : fields) {
      if (!shown(f, o)) continue;
      field(f, o.if_contains(f.name), join(path, f.name));
    }
    for (auto& kv : o) {
      bool known = false;
      for (auto& f : fields) known = known || f.name == kv.key();
      if (!known) fail(join(path, kv.key()), msg::kUnknown);
    }
  }

  void field(const Field& f, const json::value* v, const std::string& path) {
    if (f.type == FieldType::group && f.repeat) {
      if (!v || v->is_null()) {
        if (f.required || f.min_items > 0) missing(path, f.min_items > 0 ? msg::few(f.min_items) : msg::kRequired);
        return;
      }
      if (!v->is_array()) { fail(path, msg::kNotList); return; }
      auto& a = v->as_array();
      if (a.empty() && f.required && f.min_items == 0) { missing(path, msg::kRequired); return; }
      if (int64_t(a.size()) < f.min_items) { missing(path, msg::few(f.min_items)); return; }
      if (int64_t(a.size()) > f.max_items) { fail(path, msg::many(f.max_items)); return; }
      for (size_t i = 0; i < a.size(); ++i) group(f.fields, a[i], path + "[" + std::to_string(i) + "]");
      return;
    }
    if (f.type == FieldType::group) {
      if (!v || v->is_null()) {
        if (f.required) missing(path, msg::kRequired);
        return;
      }
      group(f.fields, *v, path);
      return;
    }
    if (f.type == FieldType::boolean) {
      if (!v || v->is_null()) {
        if (f.required) missing(path, msg::kConfirm);
        return;
      }
      if (!v->is_bool()) { fail(path, msg::kBoolean); return; }
      if (f.required && !v->as_bool()) missing(path, msg::kConfirm);
      return;
    }
    if (f.type == FieldType::address) {
      if (!v || v->is_null()) {
        if (f.required) missing(path, msg::kRequired);
        return;
      }
      address(f, *v, path);
      return;
    }
    if (empty_value(v)) {
      if (f.required) missing(path, msg::kRequired);
      return;
    }
    if (f.type == FieldType::number) {
      if (!v->is_number()) { fail(path, msg::kNotNumber); return; }
      double d = v->is_double() ? v->as_double() : v->is_int64() ? double(v->as_int64()) : double(v->as_uint64());
      if (f.integer && std::trunc(d) != d) { fail(path, msg::kNotInteger); return; }
      if (f.min && d < double(*f.min)) fail(path, msg::below(*f.min));
      else if (f.max && d > double(*f.max)) fail(path, msg::above(*f.max));
      return;
    }
    if (!v->is_string()) { fail(path, msg::kNotText); return; }
    std::string_view s = v->as_string();
    switch (f.type) {
      case FieldType::text:
        if (auto p = text_problem(s, f.multiline, f.max_length)) fail(path, *p);
        return;
      case FieldType::date: {
        bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
        for (size_t i = 0; shape && i < 10; ++i) shape = (i == 4 || i == 7) || (s[i] >= '0' && s[i] <= '9');
        if (!shape) { fail(path, msg::kDateFormat); return; }
        auto d = real_date(s);
        if (!d) { fail(path, msg::kDateReal); return; }
        auto lo = bound(f.min_date), hi = bound(f.max_date);
        if (lo && days_from_civil(*d) < days_from_civil(*lo))
          fail(path, f.min_date == "today" ? msg::kBeforeToday : msg::date_before(*lo));
        else if (hi && days_from_civil(*d) > days_from_civil(*hi))
          fail(path, f.max_date == "today" ? msg::kAfterToday : msg::date_after(*hi));
        return;
      }
      case FieldType::choice:
        for (auto& o : f.options)
          if (o.value == s) return;
        fail(path, msg::kChoice);
        return;
      case FieldType::personal_id:
        if (auto r = org::check_personal_id(s, today.year); !r.ok()) fail(path, r.error().detail + ".");
        return;
      case FieldType::phone: {
        bool ok = s.size() >= 9 && s.size() <= 12;
        for (char c : s) ok = ok && c >= '0' && c <= '9';
        if (!ok) fail(path, msg::kPhone);
        return;
      }
      case FieldType::email:
        if (!is_email(s)) fail(path, msg::kEmail);
        return;
      default:
        return;
    }
  }

  void address(const Field& f, const json::value& v, const std::string& path) {
    if (!v.is_object()) { fail(path, msg::kNotObject); return; }
    const json::object& o = v.as_object();
    const json::value* line = o.if_contains("line");
    if (empty_value(line)) missing(path + ".line", msg::kRequired);
    else if (!line->is_string()) fail(path + ".line", msg::kNotText);
    else if (auto p = text_problem(line->as_string(), false, kAddressLineMax)) fail(path + ".line", *p);
    const json::value* unit = o.if_contains("unit_id");
    const json::value* former = o.if_contains("former_unit_id");
    bool any = false;
    for (auto [key, u] : {std::pair{"unit_id", unit}, std::pair{"former_unit_id", former}}) {
      if (empty_value(u)) continue;
      if (!u->is_string() || !is_unit_id(u->as_string())) fail(path + "." + key, msg::kUnitId);
      any = true;
    }
    if (!any) missing(path + ".unit_id", msg::kUnit);
    for (auto& kv : o)
      if (kv.key() != "line" && kv.key() != "unit_id" && kv.key() != "former_unit_id")
        fail(path + "." + std::string(kv.key()), msg::kUnknown);
  }
};

void prune_group(const std::vector<Field>& fields, const json::object& in, json::object& out) {
  for (auto& f : fields) {
    if (!shown(f, in)) continue;
    const json::value* v = in.if_contains(f.name);
    if (empty_value(v)) continue;
    if (f.type == FieldType::group && f.repeat && v->is_array()) {
      json::array items;
      for (auto& item : v->as_array()) {
        json::object o;
        if (item.is_object()) prune_group(f.fields, item.as_object(), o);
        items.push_back(std::move(o));
      }
      out[f.name] = std::move(items);
    } else if (f.type == FieldType::group && v->is_object()) {
      json::object o;
      prune_group(f.fields, v->as_object(), o);
      out[f.name] = std::move(o);
    } else if (f.type == FieldType::address && v->is_object()) {
      json::object o;
      for (auto& kv : v->as_object())
        if (!empty_value(&kv.value())) o[kv.key()] = kv.value();
      out[f.name] = std::move(o);
    } else {
      out[f.name] = *v;
    }
  }
}

}  // namespace

std::vector<FieldError> validate(const Schema& s, const json::value& data, Date today, Completeness mode) {
  Checker c{today, mode == Completeness::partial, {}};
  c.group(s.fields, data, "");
  if (!c.errors.empty() && c.errors.front().field.empty()) c.errors.front().field = "";
  return std::move(c.errors);
}

void normalize(json::value& v) {
  if (v.is_string()) {
    if (auto n = to_nfc(v.as_string())) v = json::string(*n);
  } else if (v.is_array()) {
    for (auto& x : v.as_array()) normalize(x);
  } else if (v.is_object()) {
    for (auto& kv : v.as_object()) normalize(kv.value());
  }
}

json::object prune(const Schema& s, const json::object& data) {
  json::object out;
  prune_group(s.fields, data, out);
  return out;
}

const json::value* value_at(const json::object& data, std::string_view path) {
  const json::object* o = &data;
  while (true) {
    size_t dot = path.find('.');
    const json::value* v = o->if_contains(path.substr(0, dot));
    if (!v || dot == std::string_view::npos) return v;
    if (!v->is_object()) return nullptr;
    o = &v->as_object();
    path = path.substr(dot + 1);
  }
}

}  // namespace motcua::eform
