#include "common/json_writer.h"

namespace motcua {

JsonWriter::JsonWriter() { out_.reserve(kInitialCapacity); }

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (comma_) out_ += ',';
}

JsonWriter& JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  out_ += '"';
  out_.append(k);  // keys are the API's own names: nothing to escape
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  before_value();
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xf];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(int64_t n) {
  before_value();
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  // Digits of the magnitude, as unsigned so that INT64_MIN negates safely.
  uint64_t m = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  do {
    *--p = char('0' + m % 10);
    m /= 10;
  } while (m);
  if (n < 0) *--p = '-';
  out_.append(p, size_t(end - p));
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::hundredths(int64_t n) {
  before_value();
  if (n < 0) out_ += '-';
  uint64_t m = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  out_ += std::to_string(m / 100);
  if (uint64_t frac = m % 100; frac != 0) {
    out_ += '.';
    out_ += char('0' + frac / 10);
    if (frac % 10) out_ += char('0' + frac % 10);
  }
  comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  size_t b = json.find_first_not_of(" \t\r\n");
  const bool shaped = b != std::string_view::npos && (json[b] == '{' || json[b] == '[');
  before_value();
  if (shaped)
    out_.append(json);
  else
    out_ += "{}";
  comma_ = true;
  return *this;
}

}  // namespace motcua
