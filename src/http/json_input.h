// Strict JSON input: bounded parsing of request bodies and a field reader that reports every
// problem of a body at once (missing, wrong type, out of range, unknown field).
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace motcua::http {

struct JsonLimits {
  size_t max_bytes = 1 << 20;         // whole body
  size_t max_depth = 16;              // nesting of objects/arrays; the top object is depth 1
  size_t max_string_bytes = 64 << 10; // any string or key, in bytes after unescaping
  size_t max_array_items = 10'000;    // per array
};

// Parses a body that must be exactly one JSON object (RFC 8259, no comments, no trailing
// commas, whitespace around it allowed).
// Errors (all with a Vietnamese `detail`):
//  - body larger than max_bytes              → ErrorKind::too_large  (413)
//  - invalid UTF-8 anywhere (raw bytes; overlongs, encoded surrogates, > U+10FFFF)
//                                            → invalid "Dữ liệu không phải UTF-8 hợp lệ"
//  - a lone surrogate escape ("\ud800") or "\u0000" in a string or key
//                                            → invalid "Dữ liệu không phải UTF-8 hợp lệ"
//    (decision: the decoded text could not be stored as valid UTF-8 / C strings, so reject)
//  - nesting deeper than max_depth           → invalid "JSON lồng quá sâu"
//  - string or key longer than the limit     → invalid "Chuỗi quá dài"
//  - array longer than the limit             → invalid "Mảng có quá nhiều phần tử"
//  - a key repeated in one object            → invalid "... khóa bị lặp lại: \"k\""
//  - top level not an object, syntax error, trailing data, NaN/Infinity, numbers that
//    overflow a double (1e400)               → invalid "Nội dung JSON không hợp lệ: …"
// Integers that fit int64 are int64, larger ones up to uint64 are uint64, others double.
Result<boost::json::object> parse_json_object(std::string_view body, const JsonLimits& limits = {});

// Reads fields of one JSON object, strictly. Each accessor marks its key as known and, on a
// problem, records a FieldError (field = prefix + key, Vietnamese detail) and returns a
// neutral value ("" / nullopt / 0 / def / nullptr). finish() then reports every recorded
// problem plus every key never asked for ("Trường không được hỗ trợ") in one
// ErrorKind::invalid error "Dữ liệu gửi lên không hợp lệ" (code "validation").
// `null` counts as absent. Strings: any C0 control character other than \n and \t, DEL and
// C1 controls are rejected; nothing is trimmed or normalised (NFC is NOT applied here: do it
// in the use case if the field needs it). Lengths are Unicode code points.
// The reader keeps a reference to the object: it must outlive the reader.
class ObjectReader {
 public:
  // prefix: name of this object in error fields, e.g. "applicant" gives "applicant.name".
  explicit ObjectReader(const boost::json::object& obj, std::string prefix = {});

  std::string required_string(std::string_view key, size_t max_chars, bool allow_empty = false);
  std::optional<std::string> optional_string(std::string_view key, size_t max_chars,
                                             bool allow_empty = false);
  int64_t required_int(std::string_view key, int64_t min, int64_t max);
  std::optional<int64_t> optional_int(std::string_view key, int64_t min, int64_t max);
  bool required_bool(std::string_view key);
  bool optional_bool(std::string_view key, bool def);
  const boost::json::object* required_object(std::string_view key);
  const boost::json::object* optional_object(std::string_view key);
  const boost::json::array* required_array(std::string_view key, size_t max_items);
  const boost::json::array* optional_array(std::string_view key, size_t max_items);
  // Array of strings (each checked like optional_string with allow_empty=false); absent → {}.
  std::vector<std::string> optional_string_array(std::string_view key, size_t max_items,
                                                 size_t max_chars);
  // Any JSON value, unchecked (nullptr if absent or null). Marks the key as known.
  const boost::json::value* optional_value(std::string_view key);
  // Marks keys as known without reading them.
  void ignore(std::string_view key);

  // "prefix.key" (or "key" without prefix): for nested readers and custom errors.
  std::string field_name(std::string_view key) const;
  // Records an extra problem found by the caller (field is used as is).
  void add_error(std::string field, std::string detail);
  // Folds a nested reader's finish() (or any Status) into this reader.
  void absorb(const Status& s);
  bool has_errors() const { return !errors_.empty(); }

  Status finish();

 private:
  const boost::json::value* lookup(std::string_view key);  // marks known; null → nullptr
  void fail(std::string_view key, std::string detail);
  bool check_text(std::string_view key, std::string_view s, size_t max_chars, bool allow_empty);
  std::optional<int64_t> to_int(std::string_view key, const boost::json::value& v, int64_t min,
                                int64_t max);

  const boost::json::object& obj_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

// Parses `body` as a JSON object (default limits) and hands a reader to `fill`; returns the
// parse error or the reader's verdict (missing, mistyped or unknown fields).
template <class F>
Status read_json_body(std::string_view body, F&& fill) {
  MC_ASSIGN(auto obj, parse_json_object(body));
  ObjectReader rd(obj);
  fill(rd);
  return rd.finish();
}

}  // namespace motcua::http
