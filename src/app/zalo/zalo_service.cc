#include "app/zalo/zalo_service.h"

#include <cstdio>

#include <boost/json.hpp>

#include "app/journal.h"
#include "common/crypto.h"
#include "domain/dossier/code.h"
#include "store/repo.h"
#include "store/zalo_repo.h"

namespace motcua::app {
namespace json = boost::json;
using zalo::Command;

namespace {

constexpr Millis kLinkCodeTtl = 15 * 60 * 1000;

class StoreVault final : public zalo::TokenVault {
 public:
  explicit StoreVault(sql::Database& db) : db_(db) {}
  Result<std::optional<zalo::OaTokens>> load() override {
    std::optional<zalo::OaTokens> out;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(auto r, store::get_zalo_tokens(c));
      if (r) out = zalo::OaTokens{r->access_token, r->refresh_token, r->expires_at};
      return ok_status();
    }));
    return out;
  }
  Status save(const zalo::OaTokens& t) override {
    return db_.write([&](sql::Connection& c) -> Status {
      return store::put_zalo_tokens(c, store::ZaloTokensRec{t.access_token, t.refresh_token, t.expires_at, now_ms()});
    });
  }

 private:
  sql::Database& db_;
};

std::string day(Millis t) {
  if (!t) return "";
  Date d = local_date(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

Status reply(sql::Connection& c, const std::string& user_id, const std::string& text, Millis at) {
  json::object payload{{"user_id", user_id}, {"text", text}};
  return store::insert_outbox(c, kZaloReplyTopic, json::serialize(payload), at, "zalo:" + user_id);
}

std::string help_text(const Config& cfg) {
  return "Xin chào! Ông/Bà có thể nhắn:\n"
         "• «tra cứu <mã hồ sơ>» để xem tình trạng hồ sơ;\n"
         "• «phản ánh <nội dung>» hoặc «kiến nghị <nội dung>» để gửi phản ánh, kiến nghị;\n"
         "• «liên kết» để nhận thông báo về hồ sơ của mình qua Zalo;\n"
         "• «hủy liên kết» để thôi nhận.\n"
         "Cổng dịch vụ công: " +
         cfg.public_url;
}

Error replayed() {
  return make_error(ErrorKind::conflict, "Sự kiện Zalo này đã được nhận trước đó (gửi lặp lại): không xử lý lại.",
                    "zalo_event_replayed");
}

}  // namespace

ZaloService::ZaloService(const Config& cfg, sql::Database& db, DossierService& dossiers, feedback::Intake* intake,
                         const Clock& clock)
    : cfg_(cfg), db_(db), dossiers_(dossiers), intake_(intake), clock_(clock),
      vault_(std::make_unique<StoreVault>(db)) {}

Result<std::string> ZaloService::lookup_text(const std::string& code) {
  if (code.empty()) return std::string("Vui lòng nhắn «tra cứu» kèm mã hồ sơ, ví dụ: tra cứu 000.00.01.H55-250301-0001.");
  if (code.size() > 50 || !dossier::is_acceptable_code(code))
    return std::string("Mã hồ sơ không hợp lệ. Mã hồ sơ in trên giấy tiếp nhận, ví dụ 000.00.01.H55-250301-0001.");
  auto p = dossiers_.public_lookup(code, "");
  if (!p.ok()) {
    if (p.error().kind == ErrorKind::not_found) return "Không tìm thấy hồ sơ có mã " + code + ".";
    return p.error();
  }
  // Only what the public tracking page shows to whoever holds the code alone.
  std::string t = "Hồ sơ " + p->code + ": " + p->national_status_name + ".";
  if (p->received_at) t += "\nNgày tiếp nhận: " + day(p->received_at) + ".";
  if (p->due_at) t += "\nNgày hẹn trả kết quả: " + day(p->due_at) + ".";
  if (p->returned_at) t += "\nĐã trả kết quả ngày " + day(p->returned_at) + ".";
  else if (p->result_ready) t += "\nĐã có kết quả, mời Ông/Bà đến nhận.";
  t += "\nTra cứu chi tiết (cần mã tra cứu in trên giấy tiếp nhận): " + cfg_.public_url + "/tra-cuu";
  return t;
}

Result<std::string> ZaloService::feedback_text(const zalo::OaEvent& e, const Command& cmd) {
  if (!intake_)
    return "Kênh nhận phản ánh, kiến nghị qua Zalo chưa mở. Ông/Bà vui lòng gửi trên Cổng dịch vụ công: " +
           cfg_.public_url;
  if (cmd.argument.empty())
    return std::string("Vui lòng nhắn «phản ánh» (hoặc «kiến nghị») kèm nội dung trong cùng một tin, ví dụ: "
                       "phản ánh Bộ phận một cửa hẹn trả kết quả nhưng chưa trả.");
  feedback::Submission s;
  s.channel = feedback::Channel::zalo;
  s.kind = cmd.proposal ? feedback::Kind::kien_nghi : feedback::Kind::phan_anh;
  s.content = cmd.argument;
  s.zalo_user_id = e.user_id;
  s.external_id = e.msg_id;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto f, store::get_zalo_follower(c, e.user_id));
    if (f && f->following) s.citizen_id = f->citizen_id;
    return ok_status();
  }));
  auto filed = intake_->file(s);
  if (!filed.ok()) {
    const auto& err = filed.error();
    // Anything but the rules' refusal: not filed now; 503 so that Zalo delivers the event again.
    if (err.kind != ErrorKind::invalid && err.kind != ErrorKind::too_large)
      return make_error(ErrorKind::unavailable, "Chưa ghi được phản ánh (" + err.detail + "); Zalo sẽ gửi lại.",
                        "zalo_feedback_later");
    std::string t = "Chưa tiếp nhận được phản ánh, kiến nghị: " + err.detail;
    for (auto& f : err.fields) t += "\n• " + f.detail;
    return t;
  }
  if (!filed->accepted)  // recorded and counted, not handled: the rules' answer, with the code
    return "Mã " + filed->code + ". " + filed->reply;
  return std::string(cmd.proposal ? "Đã tiếp nhận kiến nghị" : "Đã tiếp nhận phản ánh") + " của Ông/Bà, mã " +
         filed->code + ". Ông/Bà sẽ nhận trả lời qua Zalo; theo dõi tại " + cfg_.public_url + "/phan-anh-kien-nghi";
}

Result<ZaloWebhookResult> ZaloService::receive(std::string_view body, std::string_view signature) {
  if (!cfg_.zalo_webhook_on()) return make_error(ErrorKind::not_found, "Không tìm thấy.");
  const Millis now = clock_.now();
  MC_ASSIGN(auto e, zalo::verify_event(body, signature, cfg_.zalo_app_id, cfg_.zalo_oa_secret, now,
                                       cfg_.zalo_webhook_window_s * 1000));
  const std::string key = zalo::replay_key(e, body);
  bool seen = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(seen, store::zalo_event_seen(c, key));
    return ok_status();
  }));
  if (seen) return replayed();

  ZaloWebhookResult out{e.event_name, "ignored"};
  Command cmd;
  std::string text;  // the answer decided before the transaction (lookup, feedback, help)
  if (e.event_name == "user_send_text") {
    cmd = zalo::parse_command(e.text);
    switch (cmd.kind) {
      case Command::Kind::lookup: {
        out.action = "lookup";
        // Codes are predictable: a follower may look up as many a minute as an address may on
        // the public page (MOTCUA_LOOKUP_PER_MINUTE), counting every event they sent.
        int64_t recent = 0;
        MC_TRY(db_.read([&](sql::Connection& c) -> Status {
          MC_ASSIGN(recent, store::zalo_events_since(c, e.user_id, now - 60'000));
          return ok_status();
        }));
        if (recent >= cfg_.lookup_per_minute) {
          text = "Ông/Bà đã tra cứu nhiều lần trong một phút. Vui lòng thử lại sau ít phút.";
          break;
        }
        MC_ASSIGN(text, lookup_text(cmd.argument));
        break;
      }
      case Command::Kind::feedback: {
        out.action = "feedback";
        MC_ASSIGN(text, feedback_text(e, cmd));
        break;
      }
      case Command::Kind::link: out.action = "link"; break;
      case Command::Kind::unlink: out.action = "unlink"; break;
      case Command::Kind::help:
        out.action = "help";
        text = help_text(cfg_);
        break;
    }
  } else if (e.event_name == "follow" || e.event_name == "unfollow") {
    out.action = e.event_name;
  }

  bool replay = false;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(bool fresh, store::insert_zalo_event_once(c, key, e.event_name, e.user_id, now));
    if (!fresh) {  // a concurrent delivery of the same event won
      replay = true;
      return ok_status();
    }
    // Keys older than the window can no longer be replayed (the timestamp check refuses them).
    MC_TRY(store::prune_zalo_events(c, now - 2 * cfg_.zalo_webhook_window_s * 1000 - 3'600'000, 100));
    const std::string who = "zalo:" + e.user_id;
    if (out.action == "follow" || out.action == "unfollow") {
      const bool follows = out.action == "follow";
      MC_TRY(store::put_zalo_following(c, e.user_id, follows, now));
      MC_TRY(audit(c, now, who, follows ? "zalo.follow" : "zalo.unfollow", who));
      if (follows) text = help_text(cfg_);
    } else if (e.event_name == "user_send_text") {
      MC_ASSIGN(auto f, store::get_zalo_follower(c, e.user_id));
      if (!f) MC_TRY(store::put_zalo_following(c, e.user_id, true, now));
      if (out.action == "link") {
        const std::string code = random_hex(16);
        MC_TRY(store::insert_zalo_link_code(
            c, store::ZaloLinkCodeRec{sha256_hex(code), e.user_id, now, now + kLinkCodeTtl, 0}));
        text = "Để nhận thông báo về hồ sơ của mình qua Zalo, Ông/Bà đăng nhập Cổng dịch vụ công và xác nhận "
               "liên kết trong 15 phút tại: " +
               cfg_.public_url + "/ho-so-cua-toi/lien-ket-zalo?ma=" + code + "\nKhông chia sẻ liên kết này cho người khác.";
      } else if (out.action == "unlink") {
        if (f && !f->citizen_id.empty()) {
          MC_TRY(store::set_zalo_link(c, e.user_id, "", now));
          MC_TRY(audit(c, now, who, "zalo.unlink", "citizen:" + f->citizen_id));
          text = "Đã hủy liên kết. Ông/Bà sẽ không nhận thông báo hồ sơ qua Zalo nữa.";
        } else {
          text = "Tài khoản Zalo này chưa liên kết với công dân nào.";
        }
      }
    }
    if (!text.empty()) MC_TRY(reply(c, e.user_id, text, now));
    return ok_status();
  }));
  if (replay) return replayed();
  return out;
}

Result<ZaloLinkView> ZaloService::link_status(const Actor& a) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  ZaloLinkView v;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto f, store::zalo_follower_of_citizen(c, a.id));
    if (f) v = ZaloLinkView{true, f->following, f->linked_at};
    return ok_status();
  }));
  return v;
}

Result<ZaloLinkView> ZaloService::confirm_link(const Actor& a, const std::string& code) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  if (code.empty() || code.size() > 64 || code.find_first_not_of("0123456789abcdef") != std::string::npos) {
    Error e = make_error(ErrorKind::invalid, "Mã liên kết không hợp lệ.", "zalo_link_invalid");
    e.fields.push_back({"code", "Mã liên kết là chuỗi trong liên kết Zalo đã gửi (chữ số và a–f)"});
    return e;
  }
  const Millis now = clock_.now();
  const std::string hash = sha256_hex(code);
  ZaloLinkView v;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto lc, store::get_zalo_link_code(c, hash));
    if (!lc) return make_error(ErrorKind::not_found, "Không tìm thấy mã liên kết Zalo.", "zalo_link_unknown");
    MC_ASSIGN(auto f, store::get_zalo_follower(c, lc->user_id));
    if (lc->used_at) {
      if (f && f->citizen_id == a.id) {  // the same confirmation again
        v = ZaloLinkView{true, f->following, f->linked_at};
        return ok_status();
      }
      return make_error(ErrorKind::gone, "Liên kết Zalo này đã được dùng. Nhắn «liên kết» cho Zalo OA để nhận liên kết mới.",
                        "zalo_link_used");
    }
    if (lc->expires_at <= now)
      return make_error(ErrorKind::gone, "Liên kết Zalo đã hết hạn (15 phút). Nhắn «liên kết» cho Zalo OA để nhận liên kết mới.",
                        "zalo_link_expired");
    if (!f || !f->following)
      return make_error(ErrorKind::conflict, "Tài khoản Zalo này không còn quan tâm Zalo OA của tỉnh.", "zalo_not_following");
    MC_ASSIGN(auto before, store::zalo_follower_of_citizen(c, a.id));
    if (before && before->user_id != f->user_id) MC_TRY(store::set_zalo_link(c, before->user_id, "", now));
    MC_ASSIGN(bool used, store::use_zalo_link_code(c, hash, now));
    if (!used) return make_error(ErrorKind::gone, "Liên kết Zalo này đã được dùng.", "zalo_link_used");
    MC_TRY(store::set_zalo_link(c, f->user_id, a.id, now));
    MC_TRY(audit(c, now, a.label(), "zalo.link", "zalo:" + f->user_id));
    MC_TRY(reply(c, f->user_id,
                 "Đã liên kết tài khoản Zalo với tài khoản Cổng dịch vụ công của Ông/Bà. Thông báo về hồ sơ sẽ được "
                 "gửi qua Zalo. Nhắn «hủy liên kết» để thôi nhận.",
                 now));
    v = ZaloLinkView{true, true, now};
    return ok_status();
  }));
  return v;
}

Result<ZaloLinkView> ZaloService::unlink(const Actor& a) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  const Millis now = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto f, store::zalo_follower_of_citizen(c, a.id));
    if (!f) return ok_status();
    MC_TRY(store::set_zalo_link(c, f->user_id, "", now));
    MC_TRY(audit(c, now, a.label(), "zalo.unlink", "zalo:" + f->user_id));
    if (f->following)
      MC_TRY(reply(c, f->user_id, "Đã hủy liên kết tài khoản Zalo với Cổng dịch vụ công theo yêu cầu của Ông/Bà.", now));
    return ok_status();
  }));
  return ZaloLinkView{};
}

}  // namespace motcua::app
