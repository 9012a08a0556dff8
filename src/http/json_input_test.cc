#include "http/json_input.h"

#include <gtest/gtest.h>

namespace motcua::http {
namespace {

std::string detail_of(std::string_view body, const JsonLimits& lim = {}) {
  auto r = parse_json_object(body, lim);
  if (r.ok()) return "OK";
  return r.error().detail;
}

TEST(ParseJson, AcceptsObject) {
  auto r = parse_json_object(R"( {"a":1,"b":"Nguyễn Văn An","c":[true,null,1.5],"d":{"e":-3}} )");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("a").as_int64(), 1);
  EXPECT_EQ(r->at("b").as_string(), "Nguyễn Văn An");
  EXPECT_EQ(r->at("d").as_object().at("e").as_int64(), -3);
}

TEST(ParseJson, RejectsNonObjectAndSyntax) {
  EXPECT_EQ(detail_of("[1,2]"), "Nội dung JSON không hợp lệ: phải là một đối tượng JSON ({…})");
  EXPECT_EQ(detail_of("\"x\""), "Nội dung JSON không hợp lệ: phải là một đối tượng JSON ({…})");
  EXPECT_EQ(detail_of("42"), "Nội dung JSON không hợp lệ: phải là một đối tượng JSON ({…})");
  EXPECT_EQ(detail_of(""), "Nội dung JSON không hợp lệ: nội dung trống");
  EXPECT_EQ(detail_of("{} x"), "Nội dung JSON không hợp lệ: có dữ liệu thừa sau đối tượng (vị trí byte 3)");
  EXPECT_EQ(detail_of("{}{}").rfind("Nội dung JSON không hợp lệ: có dữ liệu thừa", 0), 0u);
  EXPECT_EQ(detail_of("{\"a\":1"), "Nội dung JSON không hợp lệ: dữ liệu bị cắt ngang");
  EXPECT_EQ(detail_of("{\"a\":NaN}").rfind("Nội dung JSON không hợp lệ: lỗi cú pháp", 0), 0u);
  EXPECT_EQ(detail_of("{\"a\":Infinity}").rfind("Nội dung JSON không hợp lệ:", 0), 0u);
  EXPECT_EQ(detail_of("{\"a\":1,}").rfind("Nội dung JSON không hợp lệ:", 0), 0u);  // trailing comma
  EXPECT_EQ(detail_of("{/*c*/}").rfind("Nội dung JSON không hợp lệ:", 0), 0u);     // comment
  EXPECT_EQ(detail_of("{'a':1}").rfind("Nội dung JSON không hợp lệ:", 0), 0u);
  EXPECT_EQ(detail_of("{\"a\":1e400}").rfind("Nội dung JSON không hợp lệ: số vượt quá phạm vi", 0), 0u);
  EXPECT_EQ(detail_of("{\"a\":\"x\ty\"}").rfind("Nội dung JSON không hợp lệ:", 0), 0u);  // raw control char
  auto r = parse_json_object("[");
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
}

TEST(ParseJson, DeepNesting) {
  EXPECT_EQ(detail_of("{\"a\":" + std::string(10000, '[')), "JSON lồng quá sâu");
  std::string objs;
  for (int i = 0; i < 10000; ++i) objs += "{\"a\":";
  EXPECT_EQ(detail_of(objs), "JSON lồng quá sâu");
  // Exactly at the limit: the top object plus 15 nested arrays is depth 16.
  std::string ok = "{\"a\":" + std::string(15, '[') + std::string(15, ']') + "}";
  EXPECT_EQ(detail_of(ok), "OK");
  std::string deep = "{\"a\":" + std::string(16, '[') + std::string(16, ']') + "}";
  EXPECT_EQ(detail_of(deep), "JSON lồng quá sâu");
}

TEST(ParseJson, BodyTooLarge) {
  std::string big = "{\"a\":\"" + std::string(2 << 20, 'x') + "\"}";
  auto r = parse_json_object(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::too_large);
  EXPECT_EQ(r.error().detail, "Nội dung gửi lên vượt quá giới hạn cho phép");
}

TEST(ParseJson, LongStringsAndArrays) {
  std::string s = "{\"a\":\"" + std::string((64 << 10) + 1, 'x') + "\"}";
  EXPECT_EQ(detail_of(s), "Chuỗi quá dài");
  std::string k = "{\"" + std::string((64 << 10) + 1, 'k') + "\":1}";
  EXPECT_EQ(detail_of(k), "Chuỗi quá dài");
  std::string exact = "{\"a\":\"" + std::string(64 << 10, 'x') + "\"}";
  EXPECT_EQ(detail_of(exact), "OK");
  std::string arr = "{\"a\":[";
  for (int i = 0; i < 10001; ++i) arr += i ? ",0" : "0";
  arr += "]}";
  EXPECT_EQ(detail_of(arr), "Mảng có quá nhiều phần tử");
  JsonLimits lim;
  lim.max_array_items = 20000;
  EXPECT_EQ(detail_of(arr, lim), "OK");
}

TEST(ParseJson, InvalidUtf8) {
  const char* kBad = "Dữ liệu không phải UTF-8 hợp lệ";
  EXPECT_EQ(detail_of("{\"a\":\"\xC3\x28\"}"), kBad);          // bad continuation
  EXPECT_EQ(detail_of("{\"a\":\"\xC0\xAF\"}"), kBad);          // overlong '/'
  EXPECT_EQ(detail_of("{\"a\":\"\xE0\x80\xAF\"}"), kBad);      // overlong 3-byte
  EXPECT_EQ(detail_of("{\"a\":\"\xED\xA0\x80\"}"), kBad);      // encoded surrogate
  EXPECT_EQ(detail_of("{\"a\":\"\xF4\x90\x80\x80\"}"), kBad);  // > U+10FFFF
  EXPECT_EQ(detail_of("{\"a\":\"\xFF\"}"), kBad);
  EXPECT_EQ(detail_of("{\"\xC3\x28\":1}"), kBad);              // in a key
  EXPECT_EQ(detail_of("{\"a\":\"abc\xE1\xBB\"}"), kBad);       // truncated sequence
  // Escapes: a lone surrogate cannot become valid UTF-8: rejected. A pair is fine.
  EXPECT_EQ(detail_of(R"({"a":"\ud800"})"), kBad);
  EXPECT_EQ(detail_of(R"({"a":"\ud800x"})"), kBad);
  EXPECT_EQ(detail_of(R"({"a":"\udc00"})"), kBad);
  EXPECT_EQ(detail_of(R"({"a":"\uD800\u0041"})"), kBad);
  EXPECT_EQ(detail_of(R"({"a":"\\ud800"})"), "OK");  // an escaped backslash, then text
  EXPECT_EQ(detail_of(R"({"\ud800":1})"), kBad);
  EXPECT_EQ(detail_of(R"({"a":"\u0000"})"), kBad);  // NUL: not storable as text; rejected
  auto ok = parse_json_object(R"({"a":"\ud83d\ude00 \u1ea1"})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->at("a").as_string(), "\xF0\x9F\x98\x80 ạ");
}

TEST(ParseJson, DuplicateKeys) {
  EXPECT_EQ(detail_of(R"({"a":1,"a":2})"), "Nội dung JSON không hợp lệ: khóa bị lặp lại: \"a\"");
  EXPECT_EQ(detail_of(R"({"o":{"b":1,"b":1}})"), "Nội dung JSON không hợp lệ: khóa bị lặp lại: \"b\"");
  EXPECT_EQ(detail_of(R"({"a":{"b":1},"b":{"b":1}})"), "OK");  // same key in different objects
  EXPECT_EQ(detail_of(R"({"a\u0062":1,"ab":2})"), "Nội dung JSON không hợp lệ: khóa bị lặp lại: \"ab\"");
}

TEST(ParseJson, Numbers) {
  auto r = parse_json_object(R"({"a":9223372036854775807,"b":18446744073709551615,"c":1e3,"d":-0.5})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->at("a").is_int64());
  EXPECT_TRUE(r->at("b").is_uint64());
  EXPECT_TRUE(r->at("c").is_double());
}

// --- ObjectReader --------------------------------------------------------------------------

boost::json::object obj(std::string_view s) {
  auto r = parse_json_object(s);
  EXPECT_TRUE(r.ok()) << s;
  return r.ok() ? r.value() : boost::json::object{};
}

std::map<std::string, std::string> fields(const Status& s) {
  std::map<std::string, std::string> m;
  if (s.ok()) return m;
  for (auto& f : s.error().fields) m[f.field] = f.detail;
  return m;
}

TEST(ObjectReader, ReadsValidBody) {
  auto o = obj(R"({"name":"Nguyễn Văn An","age":30,"email":null,"agree":true,
                   "applicant":{"id":"001"},"tags":["a","b"],"note":"dòng 1\ndòng 2\tx"})");
  ObjectReader r(o);
  EXPECT_EQ(r.required_string("name", 13), "Nguyễn Văn An");  // 13 code points, 19 bytes
  EXPECT_EQ(r.required_int("age", 0, 150), 30);
  EXPECT_EQ(r.optional_string("email", 100), std::nullopt);  // null = absent
  EXPECT_EQ(r.optional_string("phone", 100), std::nullopt);
  EXPECT_TRUE(r.optional_bool("agree", false));
  EXPECT_FALSE(r.optional_bool("missing", false));
  const auto* a = r.optional_object("applicant");
  ASSERT_NE(a, nullptr);
  ObjectReader ar(*a, r.field_name("applicant"));
  EXPECT_EQ(ar.required_string("id", 12), "001");
  r.absorb(ar.finish());
  EXPECT_EQ(r.optional_string_array("tags", 5, 10), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.optional_string("note", 100), "dòng 1\ndòng 2\tx");
  EXPECT_TRUE(r.finish().ok());
}

TEST(ObjectReader, ReportsEverythingAtOnce) {
  auto o = obj(R"({"name":"","age":"30","count":200,"flag":1,"extra":1,"bio":"abcdef",
                   "ctl":"a\u0007b","cr":"a\r\nb","c1":"a\u0085b","rlo":"An\u202Enaud","applicant":{"x":1},
                   "list":[1,2,3],"big":99999999999999999999,"frac":1.5,"neg":-9223372036854775808})");
  ObjectReader r(o);
  r.required_string("name", 10);
  r.required_string("missing", 10);
  r.required_int("age", 0, 150);
  r.required_int("count", 0, 100);
  r.optional_bool("flag", false);
  r.optional_string("bio", 5);
  r.optional_string("ctl", 100);
  r.optional_string("cr", 100);
  r.optional_string("c1", 100);
  r.optional_string("rlo", 100);
  if (auto* a = r.optional_object("applicant")) {
    ObjectReader ar(*a, "applicant");
    ar.required_string("id", 12);
    r.absorb(ar.finish());
  }
  EXPECT_EQ(r.optional_array("list", 2), nullptr);
  r.optional_int("big", INT64_MIN, INT64_MAX);
  r.optional_int("frac", 0, 10);
  EXPECT_EQ(r.optional_int("neg", INT64_MIN, 0), INT64_MIN);
  r.add_error("custom", "Lỗi riêng");
  Status s = r.finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::invalid);
  EXPECT_EQ(s.error().detail, "Dữ liệu gửi lên không hợp lệ");
  EXPECT_EQ(s.error().code, "validation");
  auto f = fields(s);
  EXPECT_EQ(f["name"], "Không được để trống");
  EXPECT_EQ(f["missing"], "Trường này là bắt buộc");
  EXPECT_EQ(f["age"], "Phải là số nguyên");
  EXPECT_EQ(f["count"], "Phải nằm trong khoảng 0 đến 100");
  EXPECT_EQ(f["flag"], "Phải là true hoặc false");
  EXPECT_EQ(f["extra"], "Trường không được hỗ trợ");
  EXPECT_EQ(f["bio"], "Không được dài quá 5 ký tự");
  EXPECT_EQ(f["ctl"], "Chứa ký tự điều khiển không hợp lệ");
  EXPECT_EQ(f["cr"], "Chứa ký tự điều khiển không hợp lệ");
  EXPECT_EQ(f["c1"], "Chứa ký tự điều khiển không hợp lệ");
  EXPECT_EQ(f["rlo"], "Chứa ký tự điều khiển hướng văn bản (bidi) không được phép");
  EXPECT_EQ(f["applicant.id"], "Trường này là bắt buộc");
  EXPECT_EQ(f["applicant.x"], "Trường không được hỗ trợ");
  EXPECT_EQ(f["list"], "Không được quá 2 phần tử");
  EXPECT_EQ(f["big"], "Phải nằm trong khoảng -9223372036854775808 đến 9223372036854775807");
  EXPECT_EQ(f["frac"], "Phải là số nguyên");
  EXPECT_EQ(f["custom"], "Lỗi riêng");
  EXPECT_EQ(f.count("neg"), 0u);
  EXPECT_EQ(f.size(), 17u);
}

TEST(ObjectReader, WrongTypes) {
  auto o = obj(R"({"s":1,"o":[],"a":{},"b":"true","i":true,"arr":[1,"x"]})");
  ObjectReader r(o);
  r.optional_string("s", 5);
  r.optional_object("o");
  r.optional_array("a", 5);
  r.required_bool("b");
  r.optional_int("i", 0, 5);
  r.optional_string_array("arr", 5, 5);
  auto f = fields(r.finish());
  EXPECT_EQ(f["s"], "Phải là chuỗi ký tự");
  EXPECT_EQ(f["o"], "Phải là một đối tượng");
  EXPECT_EQ(f["a"], "Phải là một danh sách");
  EXPECT_EQ(f["b"], "Phải là true hoặc false");
  EXPECT_EQ(f["i"], "Phải là số nguyên");
  EXPECT_EQ(f["arr[0]"], "Phải là chuỗi ký tự");
  EXPECT_EQ(f.size(), 6u);
}

TEST(ObjectReader, IgnoreAndRaw) {
  auto o = obj(R"({"form":{"anything":[1]},"csrf":"x"})");
  ObjectReader r(o);
  EXPECT_NE(r.optional_value("form"), nullptr);
  r.ignore("csrf");
  EXPECT_TRUE(r.finish().ok());
}

}  // namespace
}  // namespace motcua::http
