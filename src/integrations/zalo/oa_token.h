// The Zalo OA's access token, refreshed when it expires. Zalo's OAuth v4 for Official Accounts
// (docs/integrations.md): POST <oauth>/v4/oa/access_token with the header `secret_key: <app
// secret>` and the form app_id, grant_type=refresh_token, refresh_token; answered
// {"access_token", "refresh_token", "expires_in": "<seconds>"} — the refresh token is single use,
// so the new pair is saved (app/zalo/token_vault.h) before it is used. Shared by the ZNS
// channel and the OA message sender; thread-safe.
#pragma once
#include <mutex>
#include <optional>
#include <string>

#include "app/zalo/token_vault.h"
#include "common/result.h"

namespace motcua::integrations::zalo {

struct TokenOptions {
  std::string access_token;   // MOTCUA_ZALO_ACCESS_TOKEN: used until the vault holds a newer one
  std::string refresh_token;  // MOTCUA_ZALO_REFRESH_TOKEN: the first refresh token
  std::string oauth_url;      // e.g. https://oauth.zaloapp.com ("" = never refreshed)
  std::string app_id, app_secret;
  long timeout_s = 20;
};

class TokenSource {
 public:
  // `vault` may be null (tokens then live in memory only); it must outlive this.
  TokenSource(TokenOptions o, app::zalo::TokenVault* vault) : o_(std::move(o)), vault_(vault) {}
  // The token to call with: refreshed first when it is known to expire within a minute.
  Result<std::string> current();
  // Zalo refused `refused` as invalid or expired: the token another process has since saved,
  // else a refreshed one. unavailable when it cannot be refreshed (no refresh configuration, or
  // Zalo refuses the refresh token: an administrator must authorise the OA again).
  Result<std::string> after_refusal(const std::string& refused);
  bool can_refresh() const { return !o_.oauth_url.empty() && !o_.app_id.empty() && !o_.app_secret.empty(); }

 private:
  Status load_locked();
  Status refresh_locked();
  TokenOptions o_;
  app::zalo::TokenVault* vault_;
  std::mutex m_;
  std::optional<app::zalo::OaTokens> t_;
};

// Zalo's answers that mean "this access token is invalid or has expired".
bool is_token_refusal(int64_t error);

}  // namespace motcua::integrations::zalo
