#include "app/zalo/oa_event.h"

#include <boost/json.hpp>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/code.h"

namespace motcua::app::zalo {
namespace json = boost::json;

namespace {

std::string str_of(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return "";
}

std::string id_in(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v || !v->is_object()) return "";
  return str_of(v->as_object(), "id");
}

Error bad(const std::string& why) { return make_error(ErrorKind::invalid, why, "zalo_event_invalid"); }

// The text with its first `words` words (by spaces) removed and trimmed.
std::string after_words(std::string_view text, int words) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  };
  skip_space();
  for (int w = 0; w < words; ++w) {
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') ++i;
    skip_space();
  }
  std::string out(text.substr(i));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t'))
    out.pop_back();
  return out;
}

bool starts_with_words(const std::string& folded, std::string_view words) {
  return folded == words || (folded.starts_with(words) && folded.size() > words.size() && folded[words.size()] == ' ');
}

}  // namespace

std::string event_mac(std::string_view app_id, std::string_view body, std::string_view timestamp,
                      std::string_view oa_secret) {
  std::string all;
  all.reserve(app_id.size() + body.size() + timestamp.size() + oa_secret.size());
  all.append(app_id).append(body).append(timestamp).append(oa_secret);
  return "mac=" + sha256_hex(all);
}

Result<OaEvent> parse_event(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return bad("Sự kiện Zalo không phải JSON hợp lệ.");
  const auto& o = v.as_object();
  OaEvent e;
  e.event_name = str_of(o, "event_name");
  e.app_id = str_of(o, "app_id");
  e.timestamp = str_of(o, "timestamp");
  if (e.event_name.empty() || e.event_name.size() > 64) return bad("Sự kiện Zalo thiếu event_name.");
  if (e.app_id.empty()) return bad("Sự kiện Zalo thiếu app_id.");
  if (e.timestamp.empty() || e.timestamp.size() > 16 ||
      e.timestamp.find_first_not_of("0123456789") != std::string::npos)
    return bad("Sự kiện Zalo thiếu hoặc sai timestamp (mili giây).");
  e.at = std::stoll(e.timestamp);
  if (e.event_name == "follow" || e.event_name == "unfollow") {
    e.user_id = id_in(o, "follower");
  } else {
    e.user_id = id_in(o, "sender");
    if (auto* m = o.if_contains("message"); m && m->is_object()) {
      e.msg_id = str_of(m->as_object(), "msg_id");
      e.text = str_of(m->as_object(), "text");
    }
  }
  if (e.user_id.empty() || e.user_id.size() > 64) return bad("Sự kiện Zalo thiếu người gửi.");
  if (e.msg_id.size() > 128) return bad("Mã tin nhắn Zalo quá dài.");
  if (!is_valid_utf8(e.text)) return bad("Tin nhắn Zalo không phải UTF-8 hợp lệ.");
  if (utf8_length(e.text) > 2000) return bad("Tin nhắn Zalo dài quá 2.000 ký tự.");
  if (e.event_name == "user_send_text" && e.msg_id.empty()) return bad("Tin nhắn Zalo thiếu msg_id.");
  return e;
}

Result<OaEvent> verify_event(std::string_view body, std::string_view signature, std::string_view app_id,
                             std::string_view oa_secret, Millis now, Millis window_ms) {
  auto forged = [] {
    return make_error(ErrorKind::unauthenticated,
                      "Chữ ký X-ZEvent-Signature không đúng: sự kiện không đến từ Zalo hoặc đã bị sửa.",
                      "zalo_signature_invalid");
  };
  if (signature.empty() || signature.size() > 200) return forged();
  MC_ASSIGN(auto e, parse_event(body));
  // The signature covers the body as sent; the timestamp is the one inside it.
  if (!constant_time_equal(event_mac(app_id, body, e.timestamp, oa_secret), signature)) return forged();
  if (e.app_id != app_id) return bad("Sự kiện Zalo của ứng dụng khác.");
  if (e.at < now - window_ms || e.at > now + window_ms)
    return make_error(ErrorKind::unauthenticated,
                      "Sự kiện Zalo quá cũ hoặc có thời điểm không hợp lệ (ngoài khoảng cho phép): không nhận.",
                      "zalo_event_stale");
  return e;
}

std::string replay_key(const OaEvent& e, std::string_view body) {
  if (!e.msg_id.empty()) return "msg:" + e.msg_id;
  return "body:" + sha256_hex(body);
}

Command parse_command(std::string_view text) {
  const std::string f = fold_vi(text);
  Command c;
  if (starts_with_words(f, "huy lien ket")) return Command{Command::Kind::unlink, "", false};
  if (starts_with_words(f, "lien ket")) return Command{Command::Kind::link, "", false};
  if (starts_with_words(f, "tra cuu")) {
    c.kind = Command::Kind::lookup;
    c.argument = after_words(text, 2);
    return c;
  }
  if (starts_with_words(f, "phan anh") || starts_with_words(f, "kien nghi")) {
    c.kind = Command::Kind::feedback;
    c.proposal = starts_with_words(f, "kien nghi");
    c.argument = after_words(text, 2);
    return c;
  }
  std::string trimmed = after_words(text, 0);
  if (!trimmed.empty() && trimmed.size() <= 50 && dossier::parse_dossier_code(trimmed)) {
    c.kind = Command::Kind::lookup;
    c.argument = trimmed;
  }
  return c;
}

}  // namespace motcua::app::zalo
