#include "http/message.h"

#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>
#include <random>

#include "http/utf8.h"

namespace motcua::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

thread_local std::string_view t_correlation;

std::string_view default_suffix(int status) {
  switch (status) {
    case 400: return "invalid";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported";
    case 429: return "too_many";
    case 431: return "header_too_large";
    case 501: return "not_implemented";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "invalid";
  }
}

Response make_problem(int status, std::string_view title, std::string_view detail,
                      std::string_view suffix, const std::vector<FieldError>* fields) {
  boost::json::object o;
  std::string type = "https://motcua.vn/problems/";
  type += suffix;
  o["type"] = type;
  o["title"] = title;
  o["status"] = status;
  o["detail"] = detail;
  if (fields && !fields->empty()) {
    boost::json::array a;
    a.reserve(fields->size());
    for (const auto& f : *fields) a.push_back(boost::json::object{{"field", f.field}, {"detail", f.detail}});
    o["errors"] = std::move(a);
  }
  if (!CorrelationScope::current().empty()) o["correlation_id"] = CorrelationScope::current();
  Response r;
  r.status = status;
  r.body = boost::json::serialize(o);
  r.headers.emplace_back("Content-Type", "application/problem+json; charset=utf-8");
  return r;
}

}  // namespace

SpooledBody::~SpooledBody() {
  if (!path.empty()) ::unlink(path.c_str());  // ENOENT when a handler moved the file away
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = trim_ows(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (trim_ows(pair.substr(0, eq)) != name) continue;
      std::string_view val = trim_ows(pair.substr(eq + 1));
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      return std::string(val);
    }
  }
  return std::nullopt;
}

Status decode_target(std::string_view target, Request& req) {
  auto bad = [](const char* what) { return make_error(ErrorKind::invalid, what, "bad_target"); };
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return bad("Đường dẫn yêu cầu không hợp lệ");
  std::string path = u->path();
  if (path.empty() || path.front() != '/') return bad("Đường dẫn yêu cầu không hợp lệ");
  if (path.find('\0') != std::string::npos || !detail::valid_utf8(path))
    return bad("Đường dẫn không phải UTF-8 hợp lệ");
  req.query.clear();
  if (u->has_query()) {
    for (auto p : u->params(boost::urls::encoding_opts(true))) {
      if (p.key.empty() && !p.has_value) continue;
      if (!detail::valid_utf8(p.key) || !detail::valid_utf8(p.value) ||
          p.key.find('\0') != std::string::npos || p.value.find('\0') != std::string::npos)
        return bad("Tham số truy vấn không phải UTF-8 hợp lệ");
      req.query.emplace_back(std::move(p.key), std::move(p.value));
    }
  }
  req.path = std::move(path);
  return ok_status();
}

void Response::set_header(std::string_view name, std::string_view value) {
  bool replaced = false;
  for (auto it = headers.begin(); it != headers.end();) {
    if (iequals(it->first, name)) {
      if (!replaced) {
        it->second = value;
        replaced = true;
        ++it;
      } else {
        it = headers.erase(it);
      }
    } else {
      ++it;
    }
  }
  if (!replaced) headers.emplace_back(std::string(name), std::string(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

Response Response::json(int status, const boost::json::value& v) {
  return json_text(status, boost::json::serialize(v));
}

Response Response::json_text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::problem(const Error& e) {
  int status = status_for(e.kind);
  std::string_view suffix = e.code.empty() ? kind_name(e.kind) : std::string_view(e.code);
  std::string_view detail = e.detail.empty() ? title_for(status) : std::string_view(e.detail);
  Response r = make_problem(status, title_for(status), detail, suffix, &e.fields);
  if (e.retry_after_s > 0) r.set_header("Retry-After", std::to_string(e.retry_after_s));
  return r;
}

Response Response::problem(int status, std::string title, std::string detail_vi, std::string type_suffix) {
  std::string_view suffix = type_suffix.empty() ? default_suffix(status) : std::string_view(type_suffix);
  if (title.empty()) title = title_for(status);
  return make_problem(status, title, detail_vi, suffix, nullptr);
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

Response Response::later() {
  Response r;
  r.status = kLater;
  return r;
}

Response Response::on_worker() {
  Response r;
  r.status = kOnWorker;
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

int status_for(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid: return 400;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::too_large: return 413;
    case ErrorKind::unsupported: return 415;
    case ErrorKind::too_many: return 429;
    case ErrorKind::gone: return 410;
    case ErrorKind::unavailable: return 503;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

std::string_view kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::unauthenticated: return "unauthenticated";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::too_large: return "too_large";
    case ErrorKind::unsupported: return "unsupported";
    case ErrorKind::too_many: return "too_many";
    case ErrorKind::gone: return "gone";
    case ErrorKind::unavailable: return "unavailable";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

std::string_view title_for(int status) {
  switch (status) {
    case 400: return "Yêu cầu không hợp lệ";
    case 401: return "Chưa đăng nhập";
    case 403: return "Không có quyền truy cập";
    case 404: return "Không tìm thấy";
    case 405: return "Phương thức không được hỗ trợ";
    case 408: return "Hết thời gian chờ";
    case 409: return "Xung đột dữ liệu";
    case 410: return "Không còn hiệu lực";
    case 413: return "Nội dung quá lớn";
    case 415: return "Định dạng không được hỗ trợ";
    case 429: return "Quá nhiều yêu cầu";
    case 431: return "Tiêu đề yêu cầu quá lớn";
    case 501: return "Chưa được hỗ trợ";
    case 503: return "Dịch vụ tạm thời không khả dụng";
    default: return status >= 500 ? "Lỗi hệ thống" : "Yêu cầu không hợp lệ";
  }
}

CorrelationScope::CorrelationScope(std::string_view id) : prev_(t_correlation) { t_correlation = id; }
CorrelationScope::~CorrelationScope() { t_correlation = prev_; }
std::string_view CorrelationScope::current() { return t_correlation; }

std::string new_correlation_id() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t x = rng();
    for (int i = 0; i < 16; ++i) out[half * 16 + i] = kHex[(x >> (i * 4)) & 0xF];
  }
  return out;
}

}  // namespace motcua::http
