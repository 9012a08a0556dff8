// Identity: who may come in (staff logins with throttling, the development citizen login),
// their sessions (kept in the store, cached here for a few seconds), and the staff accounts and
// role grants that administrators manage.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.h"
#include "app/config.h"
#include "app/identity/oidc.h"
#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct LoginResult {
  std::string token;  // the session cookie value (only its hash is stored)
  std::string csrf;
  Actor actor;
  Millis expires_at = 0;
};

struct SessionInfo {
  Actor actor;
  std::string csrf;
};

// The start of a VNeID login: where to send the browser, and the value of the short-lived
// cookie that binds the login to this browser (its hash is stored with the state).
struct VneidStart {
  std::string authorization_url;
  std::string browser_token;
};

// What a logout asks of the browser next: "" or the provider's end_session URL (a VNeID
// session: RP-initiated logout with id_token_hint and post_logout_redirect_uri).
struct LogoutResult {
  std::string end_session_url;
};

// Staff administration (staff_admin.cc).
struct GrantInput {
  std::string agency_id, role, from, to;  // to "" = open-ended
};

struct NewStaffInput {
  std::string username, full_name, password;
  std::vector<GrantInput> grants;
  std::string email;  // optional contact address (as set_staff_email), "" = none
};

// A staff account as administrators see it (the password hash is never shown).
struct StaffView {
  store::StaffRec staff;
  std::vector<store::StaffGrantRec> grants;  // every grant, ended ones included
  std::string email;                          // contact address (migration 028), "" = none
};

class IdentityService {
 public:
  IdentityService(const Config& cfg, sql::Database& db) : cfg_(cfg), db_(db) {}

  // --- logins and sessions (sessions.cc) ---
  Result<LoginResult> login_staff(const std::string& username, const std::string& password, const std::string& remote);
  Result<LoginResult> login_citizen_dev(const std::string& personal_id, const std::string& full_name);
  Result<SessionInfo> authenticate(const std::string& token);
  // authenticate() from memory alone: nullopt when the store must be read (not cached, stale,
  // or its once-a-minute touch is due).
  std::optional<Result<SessionInfo>> authenticate_cached(const std::string& token);
  // Ends our session; for a VNeID session also says where the provider's session is ended.
  Result<LogoutResult> logout(const std::string& token);

  // --- VNeID login through OpenID Connect (vneid_login.cc) ---
  // The adapter (integrations/oidc) is set by the composition root when MOTCUA_OIDC_ISSUER is.
  void set_oidc_provider(std::shared_ptr<oidc::Provider> p) { oidc_ = std::move(p); }
  bool vneid_on() const { return oidc_ != nullptr; }
  // Keeps a new state, nonce and PKCE verifier (single use, 10 minutes) and builds the
  // authorization request (response_type=code, S256 code challenge).
  Result<VneidStart> start_vneid(const std::string& remote);
  // The callback: `state` must be one we issued to this browser (`browser_token`), unused and
  // unexpired; it is spent before the code is exchanged. The ID token is checked by the adapter;
  // the personal ID number must be valid (domain/org/identity.h). Every refusal is audited
  // (action "login_refused", with its reason code) and answered as unauthenticated with a
  // Vietnamese detail. `provider_error`: the error parameter the provider sent instead of a code.
  Result<LoginResult> finish_vneid(const std::string& state, const std::string& code, const std::string& provider_error,
                                   const std::string& browser_token, const std::string& remote);

  // --- staff administration (staff_admin.cc) ---
  // Staff: a province admin manages everybody; a unit admin only grants at agencies where they
  // hold unit_admin, never the province roles. Every change is audited.
  Result<std::vector<StaffView>> list_staff(const Actor& a, const std::string& agency_id);
  Result<StaffView> create_staff(const Actor& a, const NewStaffInput& in, const std::string& idempotency_key = {},
                                 const std::string& body_hash = {});
  Result<StaffView> add_grant(const Actor& a, const std::string& staff_id, const GrantInput& g,
                              const std::string& idempotency_key = {}, const std::string& body_hash = {});
  // Ends a grant on `to` (inclusive); the row is kept as history.
  Result<StaffView> end_grant(const Actor& a, const std::string& staff_id, int64_t grant_id, const std::string& to);
  // Admin reset: also ends the member's sessions.
  Status reset_password(const Actor& a, const std::string& staff_id, const std::string& password);
  // Also ends the user's other sessions (a stolen session must not outlive the change); the
  // session whose token is `session_token` stays.
  Status change_own_password(const Actor& a, const std::string& current, const std::string& next,
                             const std::string& session_token);
  // Deactivating also deletes the member's sessions (logged out at once).
  Result<StaffView> set_staff_active(const Actor& a, const std::string& staff_id, bool active);
  // The contact address ("" removes it): a plain mailbox address, else 400 on `email`. Audited
  // (`staff.email`, the addresses masked).
  Result<StaffView> set_staff_email(const Actor& a, const std::string& staff_id, const std::string& email);

 private:
  // Drops cached sessions of a staff member (after a change to their account or grants).
  void forget_sessions_of(const std::string& staff_id);
  const Config& cfg_;
  sql::Database& db_;
  // Sessions recently read from the store, so a request does not cost three queries. An entry
  // lives a few seconds: a logout in another process takes effect within that time.
  struct CachedSession {
    SessionInfo info;
    Millis expires_at = 0, last_seen = 0, fetched_at = 0;
    // What this entry answers at `now` without the store: nothing (stale, or a touch is due),
    // that the session has expired, or the session itself.
    enum class Says { nothing, expired, valid };
    Says at(Millis now, Millis idle) const;
  };
  // The level (0 when not listed) of an acr value, from Config::oidc_acr_levels.
  int assurance_of(const std::string& acr) const;
  // The provider's end_session URL for a session opened with `id_token` ("" when the provider
  // has none or is not configured).
  std::string end_session_url(const std::string& id_token);
  Status refused(const std::string& reason, const std::string& remote, const std::string& subject = {});
  std::shared_ptr<oidc::Provider> oidc_;
  std::mutex sess_mu_;
  std::unordered_map<std::string, CachedSession> sessions_;
};

}  // namespace motcua::app
