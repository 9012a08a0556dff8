#include "store/oidc_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status insert_oidc_login(sql::Connection& c, const OidcLoginRec& r) {
  Params p{txt(r.state_hash), txt(r.nonce), txt(r.verifier), txt(r.browser_hash), num(r.created_at), num(r.expires_at)};
  MC_TRY(c.exec("INSERT INTO oidc_logins (state_hash, nonce, verifier, browser_hash, created_at, expires_at)"
                " VALUES (?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<OidcLoginRec>> get_oidc_login_for_update(sql::Connection& c, const std::string& state_hash) {
  Params p{txt(state_hash)};
  std::string q = "SELECT state_hash, nonce, verifier, browser_hash, created_at, expires_at, used_at FROM oidc_logins"
                  " WHERE state_hash = ?";
  if (c.engine() == sql::Engine::postgres) q += " FOR UPDATE";
  MC_ASSIGN(auto rows, c.query(q, p));
  if (rows.empty()) return std::optional<OidcLoginRec>{};
  auto& r = rows[0];
  return std::optional<OidcLoginRec>{
      OidcLoginRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.i64(5), i64_or0(r, 6)}};
}

Status mark_oidc_login_used(sql::Connection& c, const std::string& state_hash, Millis at) {
  Params p{num(at), txt(state_hash)};
  MC_TRY(c.exec("UPDATE oidc_logins SET used_at = ? WHERE state_hash = ?", p));
  return ok_status();
}

Status delete_oidc_logins_before(sql::Connection& c, Millis before) {
  Params p{num(before)};
  MC_TRY(c.exec("DELETE FROM oidc_logins WHERE expires_at < ?", p));
  return ok_status();
}

}  // namespace motcua::store
