// JSON text written straight into a string, for responses built on the hot path (the dossier
// view answers every intake): no document tree, no allocation per value. Commas are placed by
// the writer; the caller opens and closes objects and arrays in order and gives each value in
// an object a key first. Strings must be valid UTF-8 (everything stored was validated on input).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace motcua {

class JsonWriter {
 public:
  JsonWriter();
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view k);  // written as given: the API's own names, never escaped
  JsonWriter& string(std::string_view s);
  JsonWriter& number(int64_t n);
  // A number kept in hundredths, written with at most two decimals: 169 → 1.69, 150 → 1.5, 200 → 2.
  JsonWriter& hundredths(int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // A value that is already JSON text: an object or array this system serialised and stored.
  // Anything that does not start like one is written as {} rather than break the document.
  JsonWriter& raw(std::string_view json);

  // key(k) then the value; an empty string_view for nullable() is null.
  JsonWriter& field(std::string_view k, std::string_view s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, const char* s) { return key(k).string(s); }  // not as bool
  JsonWriter& field(std::string_view k, int64_t n) { return key(k).number(n); }
  JsonWriter& field(std::string_view k, int n) { return key(k).number(n); }
  JsonWriter& field(std::string_view k, bool b) { return key(k).boolean(b); }
  JsonWriter& nullable(std::string_view k, std::string_view s) {
    key(k);
    return s.empty() ? null() : string(s);
  }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  static constexpr size_t kInitialCapacity = 4096;  // a dossier view is ~2-3 KB
  void before_value();
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  std::string out_;
  bool comma_ = false;      // a value was written at this level: the next one needs a comma
  bool after_key_ = false;  // a key was written: its value follows without a comma
};

}  // namespace motcua
