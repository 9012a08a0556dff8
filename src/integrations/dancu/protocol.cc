#include "integrations/dancu/protocol.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include <memory>

#include "common/crypto.h"
#include "common/encoding.h"
#include "common/text.h"

namespace motcua::integrations::dancu {

namespace {

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(in.data()),
                          int(in.size()));
  out.resize(size_t(n));
  return out;
}

std::string element(std::string_view name, std::string_view value) {
  std::string n(name);
  return "<dan:" + n + ">" + html_escape(value) + "</dan:" + n + ">";  // its references are XML's too
}

bool named(const xmlNode* n, std::string_view local) {
  return n && n->type == XML_ELEMENT_NODE && n->name && local == reinterpret_cast<const char*>(n->name);
}
bool in_ns(const xmlNode* n, std::string_view ns) {
  return n && n->ns && n->ns->href && ns == reinterpret_cast<const char*>(n->ns->href);
}
const xmlNode* child(const xmlNode* n, std::string_view local) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (named(c, local)) return c;
  return nullptr;
}

Error garbage(std::string why) {
  return make_error(ErrorKind::unavailable, "Câu trả lời của Cơ sở dữ liệu quốc gia về dân cư không hợp lệ: " + why);
}

// The text of an element: valid UTF-8, no control characters, at most `max` code points, NFC.
Result<std::string> text_of(const xmlNode* n, size_t max) {
  if (!n) return std::string();
  std::unique_ptr<xmlChar, void (*)(void*)> raw(xmlNodeGetContent(n), xmlFree);
  std::string s = raw ? reinterpret_cast<const char*>(raw.get()) : "";
  // Trim the layout whitespace around the value.
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  if (!is_valid_utf8(s)) return garbage("văn bản không phải UTF-8");
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return garbage("văn bản có ký tự điều khiển");
  if (utf8_length(s) > max) return garbage("văn bản quá dài");
  return to_nfc(s).value_or(s);
}

Result<std::string> text_at(const xmlNode* n, std::string_view local, size_t max) { return text_of(child(n, local), max); }

// "yyyyMMdd" → "YYYY-MM-DD"; "yyyy" stays; anything else is garbage.
Result<std::string> birth_date_of(const xmlNode* n) {
  MC_ASSIGN(std::string full, text_at(n, "NgayThangNam", 8));
  MC_ASSIGN(std::string year, text_at(n, "Nam", 4));
  auto digits = [](const std::string& s) {
    for (char ch : s)
      if (ch < '0' || ch > '9') return false;
    return true;
  };
  if (full.size() == 8 && digits(full)) return full.substr(0, 4) + "-" + full.substr(4, 2) + "-" + full.substr(6, 2);
  if (!full.empty()) return garbage("ngày sinh không đúng dạng yyyyMMdd");
  if (year.size() == 4 && digits(year)) return year;
  if (!year.empty()) return garbage("năm sinh không đúng dạng yyyy");
  return std::string();
}

std::string gender_of(const std::string& code) {
  if (code == "1") return "Nam";
  if (code == "2") return "Nữ";
  return code == "0" ? "" : code;  // a name rather than a code is kept as given
}

Result<app::PersonRecord> person_of(const xmlNode* c) {
  app::PersonRecord p;
  MC_ASSIGN(p.id_number, text_at(c, "SoDinhDanh", 12));
  if (const xmlNode* name = child(c, "HoVaTen")) {
    std::string full;
    for (const char* part : {"Ho", "ChuDem", "Ten"}) {
      MC_ASSIGN(std::string w, text_at(name, part, 100));
      if (!w.empty()) full += (full.empty() ? "" : " ") + w;
    }
    if (full.empty()) {
      MC_ASSIGN(full, text_of(name, 200));  // the name as one text
    }
    p.full_name = std::move(full);
  }
  if (const xmlNode* b = child(c, "NgayThangNamSinh")) {
    MC_ASSIGN(p.birth_date, birth_date_of(b));
  }
  MC_ASSIGN(std::string gender, text_at(c, "GioiTinh", 20));
  p.gender = gender_of(gender);
  MC_ASSIGN(p.ethnicity, text_at(c, "DanToc", 50));
  MC_ASSIGN(p.nationality, text_at(c, "QuocTich", 50));
  if (const xmlNode* q = child(c, "QueQuan")) {
    MC_ASSIGN(p.home_town, text_at(q, "ChiTiet", 500));
  }
  if (const xmlNode* t = child(c, "ThuongTru")) {
    MC_ASSIGN(p.permanent_address, text_at(t, "ChiTiet", 500));
  }
  if (const xmlNode* o = child(c, "NoiOHienTai")) {
    MC_ASSIGN(p.current_address, text_at(o, "ChiTiet", 500));
  }
  return p;
}

bool same(const app::PersonRecord& a, const app::PersonRecord& b) {
  return a.id_number == b.id_number && a.full_name == b.full_name && a.birth_date == b.birth_date &&
         a.gender == b.gender && a.ethnicity == b.ethnicity && a.nationality == b.nationality &&
         a.home_town == b.home_town && a.permanent_address == b.permanent_address &&
         a.current_address == b.current_address;
}

// Names compared as people write them: case, diacritics and spacing aside.
std::string name_key(std::string_view s) {
  std::string f = fold_vi(s), out;
  for (char ch : f)
    if (ch != ' ') out += ch;
  return out;
}

}  // namespace

std::string authorization(const Credentials& c, int64_t timestamp_ms) {
  const std::string ts = std::to_string(timestamp_ms);
  return "Basic " + base64(c.username + ":" + sha256_hex(c.auth_url + c.username + ts + c.secret));
}

std::vector<std::pair<std::string, std::string>> auth_headers(const Credentials& c, int64_t timestamp_ms) {
  return {{"Timestamp", std::to_string(timestamp_ms)},
          {"Authorization", authorization(c, timestamp_ms)},
          {"X-Road-Client", c.x_road_client},
          {"ApiKey", c.api_key},
          {"SOAPAction", "\"\""}};
}

std::string request_xml(const LookupRequest& r) {
  std::string birth;
  if (r.birth_date.size() == 10)
    birth = element("NgayThangNam", r.birth_date.substr(0, 4) + r.birth_date.substr(5, 2) + r.birth_date.substr(8, 2));
  else
    birth = element("Nam", r.birth_date);
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") +
         "<soapenv:Envelope xmlns:soapenv=\"" + std::string(kSoapNs) + "\" xmlns:dan=\"" + std::string(kRequestNs) +
         "\"><soapenv:Header/><soapenv:Body><dan:TraCuuThongTinCongDan>" + element("MaYeuCau", r.request_id) +
         element("MaDVC", r.service) + element("MaTichHop", r.integration) + element("MaCanBo", r.officer) +
         element("MaDonVi", r.unit) + element("TaiKhoan", r.account) + element("SoDinhDanh", r.id_number) +
         element("HoVaTen", r.full_name) + "<dan:NgayThangNamSinh>" + birth +
         "</dan:NgayThangNamSinh></dan:TraCuuThongTinCongDan></soapenv:Body></soapenv:Envelope>";
}

Result<Answer> parse_answer(std::string_view xml) {
  if (xml.empty()) return garbage("không có nội dung");
  if (xml.size() > (1u << 20)) return garbage("quá lớn");
  // No network, no entity substitution, no DTD loading (XXE): the options leave all of it off.
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      xmlReadMemory(xml.data(), int(xml.size()), "answer.xml", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeDoc);
  if (!doc) return garbage("không phải XML");
  if (doc->intSubset || doc->extSubset) return garbage("có khai báo DTD");
  const xmlNode* env = xmlDocGetRootElement(doc.get());
  if (!named(env, "Envelope") || !in_ns(env, kSoapNs)) return garbage("không phải SOAP Envelope");
  const xmlNode* body = child(env, "Body");
  if (!body) return garbage("thiếu Body");
  const xmlNode* first = nullptr;
  for (const xmlNode* c = body->children; c && !first; c = c->next)
    if (c->type == XML_ELEMENT_NODE) first = c;
  Answer a;
  if (named(first, "Fault")) {
    a.fault = true;
    MC_ASSIGN(a.fault_text, text_at(first, "faultstring", 500));
    return a;
  }
  if (!named(first, "CongdanCollection") || !in_ns(first, kAnswerNs)) return garbage("thiếu CongdanCollection");
  int n = 0;
  for (const xmlNode* c = first->children; c; c = c->next) {
    if (!named(c, "CongDan")) continue;
    if (++n > 20) return garbage("quá nhiều bản ghi");
    MC_ASSIGN(auto p, person_of(c));
    a.people.push_back(std::move(p));
  }
  return a;
}

Result<std::optional<app::PersonRecord>> person_for(const Answer& a, const LookupRequest& asked) {
  using Out = std::optional<app::PersonRecord>;
  if (a.fault)
    return make_error(ErrorKind::unavailable, "Cơ sở dữ liệu quốc gia về dân cư báo lỗi: " +
                                                  (a.fault_text.empty() ? std::string("không rõ lý do") : a.fault_text));
  // A record without a name is how the database says "no such person".
  std::vector<const app::PersonRecord*> real;
  for (auto& p : a.people)
    if (!p.full_name.empty() || !p.id_number.empty()) real.push_back(&p);
  if (real.empty()) return Out{};
  for (auto* p : real)
    if (!same(*p, *real.front()))
      return make_error(ErrorKind::unavailable,
                        "Cơ sở dữ liệu quốc gia về dân cư trả về nhiều bản ghi khác nhau cho một số định danh.");
  const app::PersonRecord& p = *real.front();
  if (p.id_number != asked.id_number)
    return make_error(ErrorKind::unavailable,
                      "Cơ sở dữ liệu quốc gia về dân cư trả về thông tin của một số định danh khác số đã hỏi.");
  if (p.full_name.empty() || name_key(p.full_name) != name_key(asked.full_name))
    return make_error(ErrorKind::unavailable,
                      "Họ tên trong câu trả lời của Cơ sở dữ liệu quốc gia về dân cư không khớp với họ tên đã hỏi.");
  const std::string year = asked.birth_date.substr(0, 4);
  if (p.birth_date.substr(0, 4) != year || (asked.birth_date.size() == 10 && p.birth_date.size() == 10 &&
                                            p.birth_date != asked.birth_date))
    return make_error(ErrorKind::unavailable,
                      "Ngày sinh trong câu trả lời của Cơ sở dữ liệu quốc gia về dân cư không khớp với ngày sinh đã hỏi.");
  return Out{p};
}

}  // namespace motcua::integrations::dancu
