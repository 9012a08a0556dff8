// Staff login (argon2id, throttled), development citizen login, sessions.
#include <string>

#include "app/identity/attempts.h"
#include "app/identity/identity_service.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "domain/org/identity.h"
#include "store/repo.h"

namespace motcua::app {
namespace {
constexpr AttemptRule kPerAccount{5, 15 * kMinute, 15 * kMinute, "Đăng nhập sai quá nhiều lần.", "login_throttled"};
constexpr AttemptRule kPerAddress{30, 15 * kMinute, 15 * kMinute, "Đăng nhập sai quá nhiều lần từ địa chỉ này.",
                                  "login_throttled"};
constexpr Millis kSessionCacheMs = 5'000;

const std::string& dummy_hash() {
  static const std::string h = hash_password("not-a-real-password");
  return h;
}

LoginResult new_session_tokens(Millis now, Millis expires) {
  LoginResult r;
  r.token = random_hex(32);
  r.csrf = random_hex(16);
  r.expires_at = expires;
  (void)now;
  return r;
}
}  // namespace

Result<LoginResult> IdentityService::login_staff(const std::string& username, const std::string& password,
                                     const std::string& remote) {
  Millis now = now_ms();
  const std::string ukey = "user:" + username, akey = "addr:" + remote;
  // Counted before the password is checked (attempts.h): 16 parallel guesses get 5 checks.
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(reserve_attempt(c, ukey, kPerAccount, now));
    return reserve_attempt(c, akey, kPerAddress, now);
  }));
  std::optional<store::StaffRec> staff;
  std::vector<store::GrantRec> grants;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(staff, store::find_staff(c, username, false));
    if (staff) {
      MC_ASSIGN(grants, store::grants_of(c, staff->id));
    }
    return ok_status();
  }));
  // Verify outside any transaction: argon2id is deliberately slow.
  bool good = verify_password(staff ? staff->password_hash : dummy_hash(), password) && staff && staff->active;
  if (!good) {
    MC_TRY(db_.write([&](sql::Connection& c) -> Status {
      return audit(c, now, "anonymous", "login_failed", "staff:" + username, {{"remote", remote}});
    }));
    return make_error(ErrorKind::unauthenticated, "Tên đăng nhập hoặc mật khẩu không đúng.", "bad_credentials");
  }
  LoginResult r = new_session_tokens(now, now + cfg_.session_absolute_hours * kHour);
  r.actor.kind = Actor::Kind::staff;
  r.actor.id = staff->id;
  r.actor.username = staff->username;
  r.actor.full_name = staff->full_name;
  r.actor.grants = current_grants(grants, format_date(local_date(now)));
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(clear_attempts(c, ukey));
    MC_TRY(return_attempt(c, akey, kPerAddress));
    MC_TRY(store::insert_session(c, store::SessionRec{sha256_hex(r.token), "staff", staff->id, r.csrf, now, now,
                                                      r.expires_at, "password"}));
    return audit(c, now, r.actor.label(), "login", "staff:" + staff->id);
  }));
  return r;
}

Result<LoginResult> IdentityService::login_citizen_dev(const std::string& personal_id, const std::string& full_name) {
  if (!cfg_.dev_citizen_login)
    return make_error(ErrorKind::forbidden, "Đăng nhập thử nghiệm bằng số định danh đã tắt. Vui lòng đăng nhập qua "
                                            "Cổng Dịch vụ công quốc gia.", "dev_login_disabled");
  Millis now = now_ms();
  auto id = org::check_personal_id(personal_id, local_date(now).year);
  if (!id.ok()) {
    Error e = id.take_error();
    e.fields.push_back(FieldError{"personal_id", e.detail});
    return e;
  }
  LoginResult r = new_session_tokens(now, now + cfg_.session_absolute_hours * kHour);
  r.actor.kind = Actor::Kind::citizen;
  r.actor.id = personal_id;
  r.actor.login_method = "dev";
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto existing, store::get_citizen(c, personal_id));
    if (existing) {
      r.actor.full_name = existing->full_name;
    } else {
      r.actor.full_name = full_name;
      MC_TRY(store::upsert_citizen(c, store::CitizenRec{personal_id, full_name, ""}));
    }
    MC_TRY(store::insert_session(c, store::SessionRec{sha256_hex(r.token), "citizen", personal_id, r.csrf, now, now,
                                                      r.expires_at, "dev"}));
    return audit(c, now, r.actor.label(), "login", "citizen:" + personal_id, {{"method", "dev"}});
  }));
  return r;
}

IdentityService::CachedSession::Says IdentityService::CachedSession::at(Millis now, Millis idle) const {
  if (now - fetched_at >= kSessionCacheMs) return Says::nothing;
  if (now >= expires_at || now - last_seen > idle) return Says::expired;
  return now - last_seen <= kMinute ? Says::valid : Says::nothing;  // else the touch is due
}

namespace {
Error session_expired() {
  return make_error(ErrorKind::unauthenticated, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
                    "session_expired");
}
}  // namespace

std::optional<Result<SessionInfo>> IdentityService::authenticate_cached(const std::string& token) {
  if (token.size() != 64) return Result<SessionInfo>(session_expired());
  Millis now = now_ms();
  std::string th = sha256_hex(token);
  std::lock_guard lk(sess_mu_);
  auto it = sessions_.find(th);
  if (it == sessions_.end()) return std::nullopt;
  switch (it->second.at(now, cfg_.session_idle_minutes * kMinute)) {
    case CachedSession::Says::expired:
      sessions_.erase(it);
      return Result<SessionInfo>(session_expired());
    case CachedSession::Says::valid:
      return Result<SessionInfo>(it->second.info);
    case CachedSession::Says::nothing:
      break;
  }
  return std::nullopt;
}

Result<SessionInfo> IdentityService::authenticate(const std::string& token) {
  if (auto cached = authenticate_cached(token)) return std::move(*cached);
  const Error expired = session_expired();
  Millis now = now_ms();
  std::string th = sha256_hex(token);
  const Millis idle = cfg_.session_idle_minutes * kMinute;
  SessionInfo out;
  std::optional<store::SessionRec> s;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::get_session(c, th));
    if (!s) return ok_status();
    if (s->subject_kind == "staff") {
      MC_ASSIGN(auto staff, store::find_staff(c, s->subject_id, true));
      if (!staff || !staff->active) { s.reset(); return ok_status(); }
      MC_ASSIGN(auto grants, store::grants_of(c, staff->id));
      out.actor.kind = Actor::Kind::staff;
      out.actor.id = staff->id;
      out.actor.username = staff->username;
      out.actor.full_name = staff->full_name;
      out.actor.grants = current_grants(grants, format_date(local_date(now)));
    } else {
      MC_ASSIGN(auto cit, store::get_citizen(c, s->subject_id));
      out.actor.kind = Actor::Kind::citizen;
      out.actor.id = s->subject_id;
      out.actor.full_name = cit ? cit->full_name : "";
      out.actor.login_method = s->login_method;
      out.actor.assurance = int(s->assurance);
    }
    return ok_status();
  }));
  if (!s || now >= s->expires_at || now - s->last_seen > idle) return expired;
  out.csrf = s->csrf;
  // Sliding idle expiry; written at most once a minute so reads stay reads. Not waited for
  // (the request may be on an io thread): a lost touch only ends the session a minute early.
  Millis seen = s->last_seen;
  if (now - s->last_seen > kMinute) {
    db_.write_async([th, now](sql::Connection& c) { return store::touch_session(c, th, now); }, [](Status) {});
    seen = now;
  }
  std::lock_guard lk(sess_mu_);
  if (sessions_.size() > 50'000) sessions_.clear();  // bounded; entries are cheap to refetch
  sessions_[th] = CachedSession{out, s->expires_at, seen, now};
  return out;
}

Result<LogoutResult> IdentityService::logout(const std::string& token) {
  Millis now = now_ms();
  std::string th = sha256_hex(token);
  {
    std::lock_guard lk(sess_mu_);
    sessions_.erase(th);
  }
  std::optional<store::SessionRec> s;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::get_session(c, th));
    if (!s) return ok_status();
    MC_TRY(store::delete_session(c, th));
    return audit(c, now, s->subject_kind + ":" + s->subject_id, "logout", "session",
                 {{"method", s->login_method}});
  }));
  LogoutResult out;
  if (s && s->login_method == "vneid") out.end_session_url = end_session_url(s->id_token);
  return out;
}

}  // namespace motcua::app
