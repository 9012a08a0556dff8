#include "domain/eform/schema.h"

#include <set>

#include <boost/json.hpp>

#include "common/time.h"

namespace motcua::eform {
namespace json = boost::json;

namespace {

constexpr std::string_view kTypeNames[] = {"text",        "number", "date",  "choice",  "address",
                                           "personal_id", "phone",  "email", "boolean", "group"};

struct Parser {
  std::vector<FieldError> errors;
  void fail(std::string where, std::string why) { errors.push_back({std::move(where), std::move(why)}); }

  // Every key of `o` must be in `known`.
  void only(const json::object& o, const std::string& where, std::initializer_list<std::string_view> known) {
    for (auto& kv : o) {
      bool ok = false;
      for (auto k : known) ok = ok || kv.key() == k;
      if (!ok) fail(where + "." + std::string(kv.key()), "Khóa không được hỗ trợ trong biểu mẫu");
    }
  }
  std::string str(const json::object& o, std::string_view k, const std::string& where, bool required, size_t max = 2000) {
    auto* v = o.if_contains(k);
    if (!v || v->is_null()) {
      if (required) fail(where + "." + std::string(k), "Bắt buộc");
      return "";
    }
    if (!v->is_string() || v->as_string().size() > max) {
      fail(where + "." + std::string(k), "Phải là chuỗi, tối đa " + std::to_string(max) + " byte");
      return "";
    }
    return std::string(v->as_string());
  }
  bool boolean(const json::object& o, std::string_view k, const std::string& where) {
    auto* v = o.if_contains(k);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) { fail(where + "." + std::string(k), "Phải là true hoặc false"); return false; }
    return v->as_bool();
  }
  std::optional<int64_t> integer(const json::object& o, std::string_view k, const std::string& where, int64_t lo,
                                 int64_t hi) {
    auto* v = o.if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_int64() || v->as_int64() < lo || v->as_int64() > hi) {
      fail(where + "." + std::string(k), "Phải là số nguyên từ " + std::to_string(lo) + " đến " + std::to_string(hi));
      return std::nullopt;
    }
    return v->as_int64();
  }

  static bool valid_name(std::string_view n) {
    if (n.empty() || n.size() > 60 || !(n[0] >= 'a' && n[0] <= 'z')) return false;
    for (char c : n)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
  }

  void fields(const json::value* v, const std::string& where, std::vector<Field>& out, size_t depth) {
    if (!v || !v->is_array() || v->as_array().empty()) {
      fail(where, "Cần một danh sách trường không rỗng");
      return;
    }
    if (depth > kMaxDepth) { fail(where, "Nhóm lồng quá sâu"); return; }
    if (v->as_array().size() > 200) { fail(where, "Tối đa 200 trường mỗi nhóm"); return; }
    std::set<std::string> names;
    size_t i = 0;
    for (auto& fv : v->as_array()) {
      std::string at = where + "[" + std::to_string(i++) + "]";
      if (!fv.is_object()) { fail(at, "Mỗi trường phải là một đối tượng"); continue; }
      out.push_back(field(fv.as_object(), at, depth));
      if (!names.insert(out.back().name).second) fail(at + ".name", "Tên trường bị lặp lại");
    }
    // `when` names a sibling of the right kind, declared before the field that depends on it.
    for (size_t k = 0; k < out.size(); ++k) {
      if (!out[k].when) continue;
      bool found = false;
      for (size_t j = 0; j < k; ++j) {
        if (out[j].name != out[k].when->field) continue;
        found = out[j].type == FieldType::choice || out[j].type == FieldType::boolean;
      }
      if (!found)
        fail(where + "[" + std::to_string(k) + "].when.field",
             "Phải là tên một trường chọn (choice) hoặc có/không (boolean) đứng trước, cùng nhóm");
    }
  }

  Field field(const json::object& o, const std::string& at, size_t depth) {
    only(o, at, {"name", "type", "label", "help", "required", "max_length", "multiline", "min", "max", "integer",
                 "min_date", "max_date", "options", "when", "repeat", "min_items", "max_items", "fields"});
    Field f;
    f.name = str(o, "name", at, true, 60);
    if (!f.name.empty() && !valid_name(f.name))
      fail(at + ".name", "Tên trường gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ");
    std::string type = str(o, "type", at, true, 20);
    if (auto t = parse_field_type(type)) f.type = *t;
    else if (!type.empty()) fail(at + ".type", "Loại trường không được hỗ trợ: " + type);
    f.label = str(o, "label", at, true, 500);
    if (f.label.empty() && o.contains("label")) fail(at + ".label", "Nhãn không được để trống");
    f.help = str(o, "help", at, false, 2000);
    f.required = boolean(o, "required", at);
    f.multiline = boolean(o, "multiline", at);
    f.integer = boolean(o, "integer", at);
    if (auto n = integer(o, "max_length", at, 1, kMaxTextLength)) f.max_length = *n;
    f.min = integer(o, "min", at, -1'000'000'000'000'000, 1'000'000'000'000'000);
    f.max = integer(o, "max", at, -1'000'000'000'000'000, 1'000'000'000'000'000);
    if (f.min && f.max && *f.min > *f.max) fail(at + ".min", "min lớn hơn max");
    for (auto k : {"min_date", "max_date"}) {
      std::string d = str(o, k, at, false, 10);
      if (!d.empty() && d != "today" && !parse_date(d)) fail(at + "." + k, "Phải là YYYY-MM-DD hoặc \"today\"");
      (std::string_view(k) == "min_date" ? f.min_date : f.max_date) = d;
    }
    if (auto* ov = o.if_contains("options")) {
      if (!ov->is_array()) fail(at + ".options", "Phải là một danh sách");
      else {
        size_t i = 0;
        std::set<std::string> values;
        for (auto& opt : ov->as_array()) {
          std::string oat = at + ".options[" + std::to_string(i++) + "]";
          if (!opt.is_object()) { fail(oat, "Mỗi lựa chọn là {value, label}"); continue; }
          only(opt.as_object(), oat, {"value", "label"});
          Option op{str(opt.as_object(), "value", oat, true, 100), str(opt.as_object(), "label", oat, true, 500)};
          if (!values.insert(op.value).second) fail(oat + ".value", "Giá trị lựa chọn bị lặp lại");
          f.options.push_back(std::move(op));
        }
      }
    }
    if (f.type == FieldType::choice && f.options.empty()) fail(at + ".options", "Trường chọn cần danh sách lựa chọn");
    if (auto* wv = o.if_contains("when")) {
      if (!wv->is_object()) fail(at + ".when", "Phải là {field, equals} hoặc {field, in}");
      else {
        auto& w = wv->as_object();
        only(w, at + ".when", {"field", "equals", "in"});
        Condition c;
        c.field = str(w, "field", at + ".when", true, 60);
        auto scalar = [](const json::value& x) { return x.is_string() || x.is_bool(); };
        if (auto* eq = w.if_contains("equals"); eq && scalar(*eq)) c.values.push_back(*eq);
        if (auto* in = w.if_contains("in"); in && in->is_array())
          for (auto& x : in->as_array())
            if (scalar(x)) c.values.push_back(x);
        if (c.values.empty() || (w.contains("equals") && w.contains("in")))
          fail(at + ".when", "Cần đúng một trong equals (chuỗi hoặc true/false) hoặc in (danh sách)");
        f.when = std::move(c);
      }
    }
    f.repeat = boolean(o, "repeat", at);
    if (auto n = integer(o, "min_items", at, 0, kMaxItems)) f.min_items = *n;
    if (auto n = integer(o, "max_items", at, 1, kMaxItems)) f.max_items = *n;
    if (f.min_items > f.max_items) fail(at + ".min_items", "min_items lớn hơn max_items");
    if (f.type == FieldType::group) fields(o.if_contains("fields"), at + ".fields", f.fields, depth + 1);
    else if (o.contains("fields")) fail(at + ".fields", "Chỉ nhóm (group) có trường con");
    if (f.repeat && f.type != FieldType::group) fail(at + ".repeat", "Chỉ nhóm (group) được lặp lại");
    return f;
  }
};

}  // namespace

std::string_view to_string(FieldType t) { return kTypeNames[int(t)]; }

std::optional<FieldType> parse_field_type(std::string_view s) {
  for (size_t i = 0; i < std::size(kTypeNames); ++i)
    if (kTypeNames[i] == s) return FieldType(i);
  return std::nullopt;
}

const Field* find_field(const Schema& s, std::string_view path) {
  const std::vector<Field>* level = &s.fields;
  const Field* found = nullptr;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view head = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    found = nullptr;
    for (auto& f : *level)
      if (f.name == head) found = &f;
    if (!found) return nullptr;
    if (!path.empty()) {
      if (found->type != FieldType::group || found->repeat) return nullptr;
      level = &found->fields;
    }
  }
  return found;
}

Result<Schema> parse_schema(const json::value& v) {
  Parser p;
  Schema s;
  if (!v.is_object()) return make_error(ErrorKind::invalid, "Biểu mẫu điện tử phải là một đối tượng JSON", "invalid_eform");
  auto& o = v.as_object();
  p.only(o, "eform", {"format", "title", "template", "verified", "source", "fields", "applicant"});
  if (auto fmt = p.integer(o, "format", "eform", 1, 1)) s.format = int(*fmt);
  else p.fail("eform.format", "Phiên bản định dạng biểu mẫu phải là 1");
  s.title = p.str(o, "title", "eform", true, 500);
  s.template_code = p.str(o, "template", "eform", false, 100);
  s.source = p.str(o, "source", "eform", false, 4000);
  s.verified = p.boolean(o, "verified", "eform");
  p.fields(o.if_contains("fields"), "eform.fields", s.fields, 1);
  if (auto* av = o.if_contains("applicant"); av && av->is_object()) {
    auto& a = av->as_object();
    p.only(a, "eform.applicant", {"full_name", "id_number", "phone", "email", "address"});
    s.applicant.full_name = p.str(a, "full_name", "eform.applicant", false, 200);
    s.applicant.id_number = p.str(a, "id_number", "eform.applicant", false, 200);
    s.applicant.phone = p.str(a, "phone", "eform.applicant", false, 200);
    s.applicant.email = p.str(a, "email", "eform.applicant", false, 200);
    s.applicant.address = p.str(a, "address", "eform.applicant", false, 200);
  } else if (av && !av->is_null()) {
    p.fail("eform.applicant", "Phải là một đối tượng");
  }
  if (p.errors.empty()) {
    auto check = [&](const std::string& path, const char* key, std::initializer_list<FieldType> types) {
      if (path.empty()) return;
      const Field* f = find_field(s, path);
      bool ok = false;
      for (auto t : types) ok = ok || (f && f->type == t);
      if (!ok) p.fail(std::string("eform.applicant.") + key, "Không trỏ tới trường phù hợp: " + path);
    };
    check(s.applicant.full_name, "full_name", {FieldType::text});
    check(s.applicant.id_number, "id_number", {FieldType::personal_id});
    check(s.applicant.phone, "phone", {FieldType::phone});
    check(s.applicant.email, "email", {FieldType::email});
    check(s.applicant.address, "address", {FieldType::address});
  }
  if (!p.errors.empty()) {
    Error e = make_error(ErrorKind::invalid, "Biểu mẫu điện tử không hợp lệ", "invalid_eform");
    e.fields = std::move(p.errors);
    return e;
  }
  return s;
}

json::value generic_schema_json() {
  return json::parse(R"({
  "format": 1,
  "title": "Đơn đề nghị giải quyết thủ tục hành chính",
  "verified": false,
  "source": "Biểu mẫu chung của hệ thống cho thủ tục chưa có tờ khai điện tử riêng: người yêu cầu, địa chỉ, ghi chú; thành phần hồ sơ nộp kèm dưới dạng tệp.",
  "fields": [
    {"name": "requester", "type": "group", "label": "Người yêu cầu", "fields": [
      {"name": "full_name", "type": "text", "label": "Họ, chữ đệm và tên", "required": true, "max_length": 100},
      {"name": "personal_id", "type": "personal_id", "label": "Số định danh cá nhân", "required": true,
       "help": "12 chữ số trên thẻ căn cước hoặc căn cước công dân."},
      {"name": "phone", "type": "phone", "label": "Số điện thoại", "required": true},
      {"name": "email", "type": "email", "label": "Thư điện tử"}
    ]},
    {"name": "address", "type": "address", "label": "Nơi cư trú", "required": true,
     "help": "Chọn xã, phường, đặc khu hiện nay; địa chỉ trước ngày 01/7/2025 vẫn được nhận và chuyển sang đơn vị mới."},
    {"name": "note", "type": "text", "label": "Nội dung đề nghị, ghi chú", "multiline": true, "max_length": 2000}
  ],
  "applicant": {"full_name": "requester.full_name", "id_number": "requester.personal_id",
                "phone": "requester.phone", "email": "requester.email", "address": "address"}
})");
}

Schema generic_schema() {
  static const Schema s = parse_schema(generic_schema_json()).value();
  return s;
}

}  // namespace motcua::eform
