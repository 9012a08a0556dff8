// The national population database's lookup as provinces call it through the government
// data-sharing platform (NDXP, and provincial LGSPs in front of it): SOAP 1.1 over HTTPS, the
// request `TraCuuThongTinCongDan` in namespace http://dancuquocgia.bca, the answer a
// `CongdanCollection` of `CongDan` in namespace http://www.mic.gov.vn/dancu/1.0, the caller
// authenticated by headers. Pure: no I/O. docs/integrations.md says what is taken from where
// and what is assumed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/integration/population.h"
#include "common/result.h"

namespace motcua::integrations::dancu {

inline constexpr std::string_view kRequestNs = "http://dancuquocgia.bca";
inline constexpr std::string_view kAnswerNs = "http://www.mic.gov.vn/dancu/1.0";
inline constexpr std::string_view kSoapNs = "http://schemas.xmlsoap.org/soap/envelope/";

struct Credentials {
  std::string username;       // the account the platform issued to the province
  std::string secret;         // its secret key
  std::string auth_url;       // the service address the signature covers
  std::string x_road_client;  // X-Road-Client: the province's member/subsystem on the platform
  std::string api_key;        // ApiKey
};

// Timestamp (ms since 1970), Authorization: Basic base64(username ":" sha256hex(auth_url username
// timestamp secret)), X-Road-Client, ApiKey, SOAPAction "".
std::vector<std::pair<std::string, std::string>> auth_headers(const Credentials& c, int64_t timestamp_ms);
// The Authorization value alone (for the simulator's tests).
std::string authorization(const Credentials& c, int64_t timestamp_ms);

struct LookupRequest {
  std::string request_id;  // MaYeuCau
  std::string service;     // MaDVC: the public service the lookup is made for
  std::string integration = "037";  // MaTichHop: the lookup of one citizen
  std::string officer;     // MaCanBo: who asks
  std::string unit;        // MaDonVi: the province's unit code
  std::string account;     // TaiKhoan
  std::string id_number;   // SoDinhDanh
  std::string full_name;   // HoVaTen
  std::string birth_date;  // YYYY-MM-DD or YYYY (sent as NgayThangNam yyyyMMdd or Nam yyyy)
};
std::string request_xml(const LookupRequest& r);

// What the answer holds: the people of the collection (each checked: valid UTF-8 without control
// characters, within sizes, as NFC), or a SOAP fault. ErrorKind::unavailable for what is not a
// SOAP envelope with one of those (garbage, a DTD, too deep, unknown body).
struct Answer {
  bool fault = false;
  std::string fault_text;
  std::vector<app::PersonRecord> people;
};
Result<Answer> parse_answer(std::string_view xml);

// The one person the answer is about, checked against what was asked: nullopt when the
// database has no such person; ErrorKind::unavailable when the answer is a fault, names another
// number, another name or birth date, or holds different records for the number.
Result<std::optional<app::PersonRecord>> person_for(const Answer& a, const LookupRequest& asked);

}  // namespace motcua::integrations::dancu
