#include "integrations/paygov/http_call.h"

namespace motcua::integrations::payments {

Result<Answer> post_json(const std::string& url, const std::string& body, long timeout_ms) {
  http::Request r;
  r.url = url;
  r.body = body;
  r.content_type = "application/json; charset=utf-8";
  r.accept = "application/json";
  r.timeout_ms = timeout_ms;
  r.connect_timeout_ms = 5'000;
  r.max_bytes = 4u << 20;  // an answer over 4 MiB is not a payment platform's
  auto a = http::send(r);
  if (!a.ok()) return make_error(ErrorKind::unavailable, "Cổng thanh toán không trả lời.", std::string("provider_unavailable"));
  return a;
}

app::Fields flat(const boost::json::object& o) {
  app::Fields f;
  for (auto& [k, v] : o) {
    if (v.is_string()) f[std::string(k)] = std::string(v.as_string());
    else if (v.is_int64()) f[std::string(k)] = std::to_string(v.as_int64());
    else if (v.is_uint64()) f[std::string(k)] = std::to_string(v.as_uint64());
  }
  return f;
}

}  // namespace motcua::integrations::payments
