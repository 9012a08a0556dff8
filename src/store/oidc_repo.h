// Logins through the national OpenID Connect provider under way (migration 015).
#pragma once
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct OidcLoginRec {
  std::string state_hash, nonce, verifier, browser_hash;
  Millis created_at = 0, expires_at = 0, used_at = 0;  // used_at 0 = not used yet
};

Status insert_oidc_login(sql::Connection& c, const OidcLoginRec& r);
// The login whose state hashes to `state_hash`, locked for this transaction on PostgreSQL
// (FOR UPDATE: two callbacks with one state take turns, the second sees it used).
Result<std::optional<OidcLoginRec>> get_oidc_login_for_update(sql::Connection& c, const std::string& state_hash);
Status mark_oidc_login_used(sql::Connection& c, const std::string& state_hash, Millis at);
// Forgets logins whose time ran out before `before` (used or not).
Status delete_oidc_logins_before(sql::Connection& c, Millis before);

}  // namespace motcua::store
