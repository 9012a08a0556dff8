#include "integrations/sms/esms_channel.h"

#include <boost/json.hpp>

#include "common/text.h"
#include "integrations/http_client.h"

namespace motcua::integrations::sms {
namespace json = boost::json;

std::string sms_text(const std::string& in) {
  std::string out = unaccent_vi(in);
  if (out.size() > kMaxSmsChars) {
    size_t cut = out.rfind(' ', kMaxSmsChars - 3);
    if (cut == std::string::npos || cut < kMaxSmsChars / 2) cut = kMaxSmsChars - 3;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

Status EsmsChannel::send(const app::notify::Outgoing& m) {
  const std::string text = sms_text(m.text);
  if (text.empty()) return make_error(ErrorKind::invalid, "Tin nhắn rỗng");
  json::object body{{"ApiKey", o_.api_key},   {"SecretKey", o_.secret_key}, {"Phone", m.to},
                    {"Content", text},        {"Brandname", o_.brandname},  {"SmsType", "2"},
                    {"IsUnicode", "0"},       {"Sandbox", "0"},             {"RequestId", m.idempotency_key}};
  std::string url = o_.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  MC_ASSIGN(auto a, http::post_json(url + "/MainService.svc/json/SendMultipleMessage_V4_post_json/", json::serialize(body), {},
                              o_.timeout_s));
  if (a.status != 200) return make_error(ErrorKind::unavailable, "Dịch vụ SMS trả lời HTTP " + std::to_string(a.status));
  boost::system::error_code ec;
  auto v = json::parse(a.body, ec);
  if (ec || !v.is_object()) return make_error(ErrorKind::unavailable, "Dịch vụ SMS trả lời không đúng định dạng");
  std::string code;
  if (auto* c = v.as_object().if_contains("CodeResult"); c && c->is_string()) code = std::string(c->as_string());
  if (code == "100") return ok_status();
  std::string why = "Dịch vụ SMS trả mã " + (code.empty() ? std::string("?") : code);
  if (auto* e = v.as_object().if_contains("ErrorMessage"); e && e->is_string()) why += ": " + std::string(e->as_string());
  if (code == "99" || code.empty()) return make_error(ErrorKind::unavailable, why);
  return make_error(ErrorKind::invalid, why);
}

}  // namespace motcua::integrations::sms
