#include "http/json_input.h"

#include <boost/json/basic_parser_impl.hpp>

#include <cmath>
#include <limits>

#include "common/text.h"
#include "http/utf8.h"

namespace motcua::http {
namespace {

namespace json = boost::json;

enum class Why { none, not_object, too_deep, too_long, too_many, duplicate, bad_text, bad_number };

// basic_parser handler that builds a json::object while enforcing our limits.
struct Builder {
  constexpr static std::size_t max_object_size = std::size_t(-1);
  constexpr static std::size_t max_array_size = std::size_t(-1);
  constexpr static std::size_t max_key_size = std::size_t(-1);
  constexpr static std::size_t max_string_size = std::size_t(-1);

  const JsonLimits* lim = nullptr;
  Why why = Why::none;
  std::string dup_key;
  std::vector<json::value> stack;  // open containers; stack[0] is the top object
  std::vector<std::string> keys;   // pending key per open object (parallel to stack)
  std::string buf;                 // current string/key being assembled
  json::value result;

  bool stop(Why w, json::error_code& ec) {
    why = w;
    ec = json::error::test_failure;  // any error: `why` says what happened
    return false;
  }
  bool put(json::value v, json::error_code& ec) {
    if (stack.empty()) {
      if (!v.is_object()) return stop(Why::not_object, ec);
      result = std::move(v);
      return true;
    }
    json::value& top = stack.back();
    if (top.is_array()) {
      auto& a = top.get_array();
      if (a.size() >= lim->max_array_items) return stop(Why::too_many, ec);
      a.push_back(std::move(v));
    } else {
      top.get_object().emplace(keys.back(), std::move(v));
    }
    return true;
  }
  bool open(json::value v, json::error_code& ec) {
    if (stack.empty() && !v.is_object()) return stop(Why::not_object, ec);
    if (stack.size() >= lim->max_depth) return stop(Why::too_deep, ec);
    stack.push_back(std::move(v));
    keys.emplace_back();
    return true;
  }
  bool close(json::error_code& ec) {
    json::value v = std::move(stack.back());
    stack.pop_back();
    keys.pop_back();
    return put(std::move(v), ec);
  }
  bool text_part(std::string_view s, std::size_t n, json::error_code& ec) {
    if (n > lim->max_string_bytes) return stop(Why::too_long, ec);
    if (s.find('\0') != std::string_view::npos) return stop(Why::bad_text, ec);
    buf.append(s);
    return true;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code& ec) { return open(json::object(), ec); }
  bool on_object_end(std::size_t, json::error_code& ec) { return close(ec); }
  bool on_array_begin(json::error_code& ec) { return open(json::array(), ec); }
  bool on_array_end(std::size_t, json::error_code& ec) { return close(ec); }
  bool on_string_part(json::string_view s, std::size_t n, json::error_code& ec) {
    return text_part(s, n, ec);
  }
  bool on_string(json::string_view s, std::size_t n, json::error_code& ec) {
    if (!text_part(s, n, ec)) return false;
    bool ok = put(json::value(json::string(buf)), ec);
    buf.clear();
    return ok;
  }
  bool on_key_part(json::string_view s, std::size_t n, json::error_code& ec) { return text_part(s, n, ec); }
  bool on_key(json::string_view s, std::size_t n, json::error_code& ec) {
    if (!text_part(s, n, ec)) return false;
    if (stack.back().get_object().contains(buf)) {
      dup_key = buf;
      return stop(Why::duplicate, ec);
    }
    keys.back() = std::move(buf);
    buf.clear();
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code& ec) { return put(i, ec); }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code& ec) { return put(u, ec); }
  bool on_double(double d, json::string_view, json::error_code& ec) {
    if (!std::isfinite(d)) return stop(Why::bad_number, ec);
    return put(d, ec);
  }
  bool on_bool(bool b, json::error_code& ec) { return put(b, ec); }
  bool on_null(json::error_code& ec) { return put(nullptr, ec); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

Error invalid(std::string detail) { return make_error(ErrorKind::invalid, std::move(detail), "invalid_json"); }

const char* kBad = "Nội dung JSON không hợp lệ: ";

}  // namespace

Result<json::object> parse_json_object(std::string_view body, const JsonLimits& limits) {
  if (body.size() > limits.max_bytes)
    return make_error(ErrorKind::too_large, "Nội dung gửi lên vượt quá giới hạn cho phép", "too_large");
  if (!detail::valid_utf8(body)) return invalid("Dữ liệu không phải UTF-8 hợp lệ");
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return invalid(std::string(kBad) + "nội dung trống");

  json::parse_options opt;
  opt.max_depth = limits.max_depth + 1;  // our own check fires first, with our message
  json::basic_parser<Builder> p(opt);
  p.handler().lim = &limits;
  json::error_code ec;
  size_t used = p.write_some(false, body.data(), body.size(), ec);
  if (!ec && used < body.size()) ec = json::error::extra_data;
  if (!ec) return std::move(p.handler().result.get_object());

  const Builder& b = p.handler();
  switch (b.why) {
    case Why::not_object: return invalid(std::string(kBad) + "phải là một đối tượng JSON ({…})");
    case Why::too_deep: return invalid("JSON lồng quá sâu");
    case Why::too_long: return invalid("Chuỗi quá dài");
    case Why::too_many: return invalid("Mảng có quá nhiều phần tử");
    case Why::duplicate: return invalid(std::string(kBad) + "khóa bị lặp lại: \"" + b.dup_key + "\"");
    case Why::bad_text: return invalid("Dữ liệu không phải UTF-8 hợp lệ");
    case Why::bad_number: return invalid(std::string(kBad) + "số vượt quá phạm vi");
    case Why::none: break;
  }
  // Boost reports a high surrogate escape not followed by "\u" as a plain syntax error just
  // after the escape: recognise it so the caller gets the precise reason.
  auto after_high_surrogate = [&] {
    if (used < 6 || used > body.size()) return false;
    std::string_view e = body.substr(used - 6, 4);
    return e[0] == '\\' && e[1] == 'u' && (e[2] == 'd' || e[2] == 'D') &&
           std::string_view("89abAB").find(e[3]) != std::string_view::npos;
  };
  std::string where = " (vị trí byte " + std::to_string(used) + ")";
  if (ec == json::error::too_deep) return invalid("JSON lồng quá sâu");
  if (ec == json::error::extra_data) return invalid(std::string(kBad) + "có dữ liệu thừa sau đối tượng" + where);
  if (ec == json::error::incomplete) return invalid(std::string(kBad) + "dữ liệu bị cắt ngang");
  if (ec == json::error::exponent_overflow) return invalid(std::string(kBad) + "số vượt quá phạm vi" + where);
  if (ec == json::error::illegal_leading_surrogate || ec == json::error::illegal_trailing_surrogate ||
      ec == json::error::expected_utf16_escape || (ec == json::error::syntax && after_high_surrogate()))
    return invalid("Dữ liệu không phải UTF-8 hợp lệ");
  if (ec == json::error::expected_hex_digit) return invalid(std::string(kBad) + "chuỗi thoát không hợp lệ" + where);
  return invalid(std::string(kBad) + "lỗi cú pháp" + where);
}

// ---------------------------------------------------------------------------------------------

ObjectReader::ObjectReader(const json::object& obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {}

std::string ObjectReader::field_name(std::string_view key) const {
  if (prefix_.empty()) return std::string(key);
  std::string s = prefix_;
  s += '.';
  s += key;
  return s;
}

void ObjectReader::add_error(std::string field, std::string detail) {
  errors_.push_back(FieldError{std::move(field), std::move(detail)});
}

void ObjectReader::fail(std::string_view key, std::string detail) { add_error(field_name(key), std::move(detail)); }

void ObjectReader::absorb(const Status& s) {
  if (s.ok()) return;
  const Error& e = s.error();
  if (e.fields.empty()) {
    add_error(prefix_, e.detail);
    return;
  }
  errors_.insert(errors_.end(), e.fields.begin(), e.fields.end());
}

const json::value* ObjectReader::lookup(std::string_view key) {
  if (known_.find(key) == known_.end()) known_.emplace(key);
  const json::value* v = obj_.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  return v;
}

void ObjectReader::ignore(std::string_view key) {
  if (known_.find(key) == known_.end()) known_.emplace(key);
}

bool ObjectReader::check_text(std::string_view key, std::string_view s, size_t max_chars, bool allow_empty) {
  if (s.empty() && !allow_empty) {
    fail(key, "Không được để trống");
    return false;
  }
  // The parser already guarantees valid UTF-8; check controls (C0 except \t \n, DEL, C1).
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool bad = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ||
               (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                static_cast<unsigned char>(s[i + 1]) <= 0x9F);
    if (bad) {
      fail(key, "Chứa ký tự điều khiển không hợp lệ");
      return false;
    }
  }
  if (!detail::valid_utf8(s)) {  // objects not produced by parse_json_object
    fail(key, "Dữ liệu không phải UTF-8 hợp lệ");
    return false;
  }
  // A bidi control makes a name display as something else (in the staff app, the PDFs, the
  // messages): no field of ours has a use for one.
  if (has_bidi_control(s)) {
    fail(key, "Chứa ký tự điều khiển hướng văn bản (bidi) không được phép");
    return false;
  }
  if (detail::utf8_count(s) > max_chars) {
    fail(key, "Không được dài quá " + std::to_string(max_chars) + " ký tự");
    return false;
  }
  return true;
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key, size_t max_chars,
                                                         bool allow_empty) {
  const json::value* v = lookup(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "Phải là chuỗi ký tự");
    return std::nullopt;
  }
  std::string_view s = v->get_string();
  if (!check_text(key, s, max_chars, allow_empty)) return std::nullopt;
  return std::string(s);
}

std::string ObjectReader::required_string(std::string_view key, size_t max_chars, bool allow_empty) {
  if (!obj_.if_contains(key) || obj_.at(key).is_null()) {
    ignore(key);
    fail(key, "Trường này là bắt buộc");
    return {};
  }
  return optional_string(key, max_chars, allow_empty).value_or(std::string{});
}

std::optional<int64_t> ObjectReader::to_int(std::string_view key, const json::value& v, int64_t min, int64_t max) {
  auto range = [&] {
    fail(key, "Phải nằm trong khoảng " + std::to_string(min) + " đến " + std::to_string(max));
    return std::nullopt;
  };
  if (v.is_int64()) {
    int64_t i = v.get_int64();
    if (i < min || i > max) return range();
    return i;
  }
  if (v.is_uint64()) return range();  // only values above INT64_MAX are stored as uint64
  if (v.is_double()) {
    double d = v.get_double();
    if (std::trunc(d) == d) {  // integral but written with fraction/exponent, or too big
      if (d < -9.2e18 || d > 9.2e18 || int64_t(d) < min || int64_t(d) > max) return range();
      return int64_t(d);
    }
  }
  fail(key, "Phải là số nguyên");
  return std::nullopt;
}

std::optional<int64_t> ObjectReader::optional_int(std::string_view key, int64_t min, int64_t max) {
  const json::value* v = lookup(key);
  if (!v) return std::nullopt;
  return to_int(key, *v, min, max);
}

int64_t ObjectReader::required_int(std::string_view key, int64_t min, int64_t max) {
  const json::value* v = lookup(key);
  if (!v) {
    fail(key, "Trường này là bắt buộc");
    return 0;
  }
  return to_int(key, *v, min, max).value_or(0);
}

bool ObjectReader::optional_bool(std::string_view key, bool def) {
  const json::value* v = lookup(key);
  if (!v) return def;
  if (!v->is_bool()) {
    fail(key, "Phải là true hoặc false");
    return def;
  }
  return v->get_bool();
}

bool ObjectReader::required_bool(std::string_view key) {
  if (!lookup(key)) {
    fail(key, "Trường này là bắt buộc");
    return false;
  }
  return optional_bool(key, false);
}

const json::object* ObjectReader::optional_object(std::string_view key) {
  const json::value* v = lookup(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(key, "Phải là một đối tượng");
    return nullptr;
  }
  return &v->get_object();
}

const json::object* ObjectReader::required_object(std::string_view key) {
  if (!lookup(key)) {
    fail(key, "Trường này là bắt buộc");
    return nullptr;
  }
  return optional_object(key);
}

const json::array* ObjectReader::optional_array(std::string_view key, size_t max_items) {
  const json::value* v = lookup(key);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(key, "Phải là một danh sách");
    return nullptr;
  }
  if (v->get_array().size() > max_items) {
    fail(key, "Không được quá " + std::to_string(max_items) + " phần tử");
    return nullptr;
  }
  return &v->get_array();
}

const json::array* ObjectReader::required_array(std::string_view key, size_t max_items) {
  if (!lookup(key)) {
    fail(key, "Trường này là bắt buộc");
    return nullptr;
  }
  return optional_array(key, max_items);
}

std::vector<std::string> ObjectReader::optional_string_array(std::string_view key, size_t max_items,
                                                             size_t max_chars) {
  std::vector<std::string> out;
  const json::array* a = optional_array(key, max_items);
  if (!a) return out;
  out.reserve(a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    const json::value& v = (*a)[i];
    if (!v.is_string()) {
      fail(item_key, "Phải là chuỗi ký tự");
      continue;
    }
    std::string_view s = v.get_string();
    if (check_text(item_key, s, max_chars, false)) out.emplace_back(s);
  }
  return out;
}

const json::value* ObjectReader::optional_value(std::string_view key) { return lookup(key); }

Status ObjectReader::finish() {
  std::vector<FieldError> all = errors_;
  for (const auto& [k, v] : obj_)
    if (known_.find(std::string_view(k)) == known_.end())
      all.push_back(FieldError{field_name(k), "Trường không được hỗ trợ"});
  if (all.empty()) return ok_status();
  Error e = make_error(ErrorKind::invalid, "Dữ liệu gửi lên không hợp lệ", "validation");
  e.fields = std::move(all);
  return e;
}

}  // namespace motcua::http
