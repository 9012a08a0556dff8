#include "integrations/zalo/zns_channel.h"

#include <boost/json.hpp>

#include "common/text.h"
#include "integrations/http_client.h"

namespace motcua::integrations::zalo {
namespace json = boost::json;

std::string international_phone(const std::string& p) {
  if (p.size() == 10 && p[0] == '0') return "84" + p.substr(1);
  return p;
}

Status ZnsChannel::send(const app::notify::Outgoing& m) {
  if (m.to.starts_with(kZaloFollowerPrefix)) {
    if (!o_.messenger) return make_error(ErrorKind::invalid, "Chưa cấu hình gửi tin Zalo OA (MOTCUA_ZALO_OA_URL)");
    return o_.messenger->send_text(m.to.substr(std::string_view(kZaloFollowerPrefix).size()), m.text);
  }
  if (o_.base_url.empty()) return make_error(ErrorKind::invalid, "Chưa cấu hình Zalo ZNS (MOTCUA_ZALO_URL)");
  if (m.zns_template_id.empty()) return make_error(ErrorKind::invalid, "Mẫu ZNS chưa có template_id");
  json::object data;
  for (auto& p : m.zns_params) {
    if (utf8_length(p.value) > p.max_chars)
      return make_error(ErrorKind::invalid, "Tham số ZNS «" + p.name + "» dài quá " + std::to_string(p.max_chars) + " ký tự");
    data[p.name] = p.value;
  }
  json::object body{{"phone", international_phone(m.to)},
                    {"template_id", m.zns_template_id},
                    {"template_data", data},
                    {"tracking_id", m.idempotency_key}};
  std::string url = o_.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string text = json::serialize(body);
  auto call = [&](const std::string& token) -> Result<json::value> {
    MC_ASSIGN(auto a, http::post_json(url + "/message/template", text, {{"access_token", token}}, o_.timeout_s));
    if (a.status != 200) return make_error(ErrorKind::unavailable, "Zalo ZNS trả lời HTTP " + std::to_string(a.status));
    boost::system::error_code ec;
    auto v = json::parse(a.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error") || !v.as_object().at("error").is_int64())
      return make_error(ErrorKind::unavailable, "Zalo ZNS trả lời không đúng định dạng");
    return v;
  };
  MC_ASSIGN(auto token, o_.tokens->current());
  MC_ASSIGN(auto v, call(token));
  if (is_token_refusal(v.as_object().at("error").as_int64())) {
    MC_ASSIGN(token, o_.tokens->after_refusal(token));
    MC_ASSIGN(v, call(token));
  }
  const int64_t err = v.as_object().at("error").as_int64();
  if (err == 0) return ok_status();
  std::string msg;
  if (auto* s = v.as_object().if_contains("message"); s && s->is_string()) msg = std::string(s->as_string());
  std::string why = "Zalo ZNS lỗi " + std::to_string(err) + (msg.empty() ? "" : ": " + msg);
  // The recipient or the template is wrong: sending again cannot help.
  if (err == -108 || err == -118 || err == -131 || err == -139) return make_error(ErrorKind::invalid, why);
  return make_error(ErrorKind::unavailable, why);
}

}  // namespace motcua::integrations::zalo
