#include "integrations/zalo/oa_message.h"

#include <boost/json.hpp>

#include "common/text.h"
#include "integrations/http_client.h"

namespace motcua::integrations::zalo {
namespace json = boost::json;

namespace {

struct Answer {
  int64_t error = 0;
  std::string message;
};

Result<Answer> call(const std::string& url, const std::string& body, const std::string& token, long timeout_s) {
  MC_ASSIGN(auto a, http::post_json(url, body, {{"access_token", token}}, timeout_s));
  if (a.status != 200) return make_error(ErrorKind::unavailable, "Zalo OA trả lời HTTP " + std::to_string(a.status));
  boost::system::error_code ec;
  auto v = json::parse(a.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("error") || !v.as_object().at("error").is_int64())
    return make_error(ErrorKind::unavailable, "Zalo OA trả lời không đúng định dạng");
  Answer out{v.as_object().at("error").as_int64(), ""};
  if (auto* m = v.as_object().if_contains("message"); m && m->is_string()) out.message = std::string(m->as_string());
  return out;
}

}  // namespace

Status OaMessenger::send_text(const std::string& user_id, const std::string& text) {
  if (user_id.empty() || text.empty() || utf8_length(text) > 2000)
    return make_error(ErrorKind::invalid, "Tin nhắn Zalo OA trống hoặc dài quá 2.000 ký tự");
  std::string base = url_;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string body = json::serialize(
      json::object{{"recipient", json::object{{"user_id", user_id}}}, {"message", json::object{{"text", text}}}});
  MC_ASSIGN(auto token, tokens_->current());
  MC_ASSIGN(auto a, call(base + "/v3.0/oa/message/cs", body, token, timeout_s_));
  if (is_token_refusal(a.error)) {
    MC_ASSIGN(token, tokens_->after_refusal(token));
    MC_ASSIGN(a, call(base + "/v3.0/oa/message/cs", body, token, timeout_s_));
  }
  if (a.error == 0) return ok_status();
  std::string why = "Zalo OA lỗi " + std::to_string(a.error) + (a.message.empty() ? "" : ": " + a.message);
  // The follower cannot be messaged (unfollowed, unknown) or the content is refused: permanent.
  if (a.error == -201 || a.error == -213 || a.error == -230) return make_error(ErrorKind::invalid, why);
  return make_error(ErrorKind::unavailable, why);
}

Status ReplySink::deliver(const app::outbox_relay::Message& m) {
  boost::system::error_code ec;
  auto v = json::parse(m.payload, ec);
  if (ec || !v.is_object()) return make_error(ErrorKind::invalid, "Trả lời Zalo không hợp lệ");
  auto& o = v.as_object();
  auto* u = o.if_contains("user_id");
  auto* t = o.if_contains("text");
  if (!u || !u->is_string() || !t || !t->is_string()) return make_error(ErrorKind::invalid, "Trả lời Zalo thiếu user_id/text");
  return m_->send_text(std::string(u->as_string()), std::string(t->as_string()));
}

}  // namespace motcua::integrations::zalo
