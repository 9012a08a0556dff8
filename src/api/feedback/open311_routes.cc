// A public API in the shape of Open311 GeoReport v2 (services list, create a request, request
// status) so that other applications file feedback cases: every request is filed through the
// feedback context's Intake (channel open311) under the same rules as the portal. JSON only
// (the .json format); errors as GeoReport's array of {code, description}, in Vietnamese.
#include <boost/json.hpp>

#include "api/context.h"
#include "api/feedback/feedback_json.h"
#include "common/text.h"
#include "domain/feedback/case.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Response open311_error(int status, const std::string& description) {
  JsonWriter w;
  w.begin_array().begin_object().field("code", status).field("description", description).end_object().end_array();
  return Response::json_text(status, w.take());
}

int status_of(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid: return 400;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::too_large: return 413;
    case ErrorKind::unsupported: return 415;
    case ErrorKind::too_many: return 429;
    case ErrorKind::unavailable: return 503;
    default: return 500;
  }
}

Response open311_problem(const Error& e) {
  std::string d = e.detail;
  for (auto& f : e.fields) d += "; " + f.field + ": " + f.detail;
  return open311_error(status_of(e.kind), d);
}

// Ids (service_request_id, service_code, account, device, address and jurisdiction ids, the
// api_key) are short: ours are PAKN- and 8 characters. A longer one is refused before any
// lookup, naming the field and the limit, and is never echoed back.
constexpr size_t kMaxIdChars = 64;

std::optional<Response> id_too_long(std::string_view field, std::string_view value) {
  if (utf8_length(value) <= kMaxIdChars) return std::nullopt;
  return open311_error(400, "Trường «" + std::string(field) + "» dài tối đa " + std::to_string(kMaxIdChars) +
                                " ký tự.");
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded → pairs; nullopt on bad percent-encoding or invalid UTF-8.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  auto decode = [](std::string_view s) -> std::optional<std::string> {
    std::string o;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') o += ' ';
      else if (s[i] == '%') {
        if (i + 2 >= s.size()) return std::nullopt;
        int a = hex(s[i + 1]), b = hex(s[i + 2]);
        if (a < 0 || b < 0) return std::nullopt;
        o += char(a * 16 + b);
        i += 2;
      } else o += s[i];
    }
    if (!is_valid_utf8(o) || o.find('\0') != std::string::npos) return std::nullopt;
    return o;
  };
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view part = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    auto k = decode(part.substr(0, eq));
    auto v = decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
    if (!k || !v) return std::nullopt;
    out.emplace_back(std::move(*k), std::move(*v));
  }
  return out;
}

// The case's kind in words, as the feedback domain names it; "Chưa phân loại" before classification.
std::string_view service_name(const std::string& kind) {
  auto k = ::motcua::feedback::parse_kind(kind);
  return k ? ::motcua::feedback::kind_vi(*k) : std::string_view("Chưa phân loại");
}

void write_request(JsonWriter& w, const app::PublicCase& p) {
  w.begin_object()
      .field("service_request_id", p.code)
      .field("status", p.open ? "open" : "closed")
      .field("status_notes", p.state_label)
      .field("service_code", p.kind.empty() ? "chua_phan_loai" : p.kind)
      .field("service_name", service_name(p.kind))
      .nullable("description", p.title)
      .field("agency_responsible", p.agency_name)
      .nullable("service_notice", p.answer);
  w.key("requested_datetime").string(format_rfc3339_local(p.received_at));
  w.key("updated_datetime").string(format_rfc3339_local(p.updated_at));
  w.key("expected_datetime");
  if (p.due_at && p.open) w.string(format_rfc3339_local(p.due_at));
  else w.null();
  w.end_object();
}

Response services(Request&) {
  JsonWriter w;
  w.begin_array();
  w.begin_object()
      .field("service_code", "phan_anh")
      .field("service_name", "Phản ánh")
      .field("description", "Phản ánh về hành vi chậm trễ, gây phiền hà hoặc không thực hiện, thực hiện không đúng quy định hành chính của cơ quan, cán bộ, công chức")
      .field("metadata", false)
      .field("type", "realtime")
      .field("keywords", "phản ánh, hành vi hành chính, thủ tục hành chính")
      .field("group", "Phản ánh, kiến nghị")
      .end_object();
  w.begin_object()
      .field("service_code", "kien_nghi")
      .field("service_name", "Kiến nghị")
      .field("description", "Kiến nghị về quy định hành chính: không phù hợp thực tế, không đồng bộ, không thống nhất, không hợp pháp hoặc phương án xử lý")
      .field("metadata", false)
      .field("type", "realtime")
      .field("keywords", "kiến nghị, quy định hành chính")
      .field("group", "Phản ánh, kiến nghị")
      .end_object();
  w.end_array();
  return Response::json_text(200, w.take());
}

Response create(Routes<app::FeedbackService>& ctx, Request& req) {
  if (auto st = within_limit(ctx.gate.limits.filings, ctx.gate.client_address(req), 1,
                             "Bạn gửi quá nhiều phản ánh, kiến nghị trong thời gian ngắn.");
      !st.ok())
    return open311_problem(st.error());
  // The Idempotency-Key header is this API's own, not GeoReport's: its errors are problem+json
  // as on every creating POST of the API.
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  auto form = parse_form(req.body);
  if (!form) return open311_error(400, "Dữ liệu gửi lên không đúng dạng application/x-www-form-urlencoded (UTF-8).");
  app::feedback::Submission s;
  s.channel = app::feedback::Channel::open311;
  std::string first, last, service;
  for (auto& [k, v] : *form) {
    if (utf8_length(k) > kMaxIdChars)
      return open311_error(400, "Tên trường dài tối đa " + std::to_string(kMaxIdChars) + " ký tự.");
    if (v.size() > 40000) return open311_error(400, "Trường «" + k + "» quá dài.");
    if (k == "service_code" || k == "api_key" || k == "jurisdiction_id" || k == "address_id" || k == "device_id" ||
        k == "account_id")
      if (auto bad = id_too_long(k, v)) return *bad;
    if (k == "service_code") service = v;
    else if (k == "description") s.content = v;
    else if (k == "first_name") first = v;
    else if (k == "last_name") last = v;
    else if (k == "email") s.sender_email = v;
    else if (k == "phone") s.sender_phone = v;
    else if (k == "address_string") s.sender_address = v;
    else if (k == "api_key" || k == "jurisdiction_id" || k == "lat" || k == "long" || k == "address_id" ||
             k == "device_id" || k == "account_id" || k == "media_url") continue;  // accepted, not used
    else return open311_error(400, "Trường không được hỗ trợ: «" + k + "».");
  }
  if (service == "phan_anh") s.kind = app::feedback::Kind::phan_anh;
  else if (service == "kien_nghi") s.kind = app::feedback::Kind::kien_nghi;
  else return open311_error(400, "service_code phải là phan_anh hoặc kien_nghi (xem /open311/v2/services.json).");
  // GeoReport names people as first and last name; Vietnamese names are family name first.
  s.sender_name = last.empty() ? first : first.empty() ? last : last + " " + first;
  auto f = ctx.service.file_as(app::Actor{}, std::move(s), idem->key, idem->body_hash);
  if (!f.ok() && f.error().code == "idempotency_mismatch") return Response::problem(f.error());
  if (!f.ok()) return open311_problem(f.error());
  JsonWriter w;
  w.begin_array().begin_object()
      .field("service_request_id", f->code)
      .field("service_notice", f->accepted ? "Đã tiếp nhận phản ánh, kiến nghị; theo dõi bằng mã " + f->code : f->reply)
      .key("account_id").null()
      .end_object().end_array();
  return Response::json_text(201, w.take());
}

Response one_request(Routes<app::FeedbackService>& ctx, Request& req) {
  std::string id = req.params["file"];
  if (id.size() < 6 || id.substr(id.size() - 5) != ".json")
    return open311_error(404, "Chỉ hỗ trợ định dạng .json.");
  id.resize(id.size() - 5);
  if (auto bad = id_too_long("service_request_id", id)) return *bad;
  auto p = ctx.service.public_case(id);
  if (!p.ok()) return open311_problem(p.error());
  JsonWriter w;
  w.begin_array();
  write_request(w, *p);
  w.end_array();
  return Response::json_text(200, w.take());
}

Response many_requests(Routes<app::FeedbackService>& ctx, Request& req) {
  auto ids = req.query_param("service_request_id");
  if (!ids || ids->empty())
    return open311_error(400, "Cần service_request_id (một hoặc nhiều mã, cách nhau bằng dấu phẩy).");
  JsonWriter w;
  w.begin_array();
  std::string_view rest = *ids;
  int n = 0;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string id(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (++n > 50) return open311_error(400, "Tối đa 50 mã mỗi lần tra cứu.");
    if (auto bad = id_too_long("service_request_id", id)) return *bad;
    auto p = ctx.service.public_case(id);
    if (p.ok()) write_request(w, *p);
  }
  w.end_array();
  return Response::json_text(200, w.take());
}

}  // namespace

void add_open311_routes(http::Router& r, Routes<app::FeedbackService>& ctx) {
  r.add("GET", "/open311/v2/services.json", [](Request& req) { return services(req); });
  r.add("POST", "/open311/v2/requests.json", [&ctx](Request& req) { return create(ctx, req); });
  r.add("GET", "/open311/v2/requests.json", [&ctx](Request& req) { return many_requests(ctx, req); });
  r.add("GET", "/open311/v2/requests/{file}", [&ctx](Request& req) { return one_request(ctx, req); });
}

}  // namespace motcua::api
