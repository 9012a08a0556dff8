// Where the Zalo OA's tokens are kept between refreshes (CONTRACT with integrations/zalo's
// token source): one record shared by every process, because Zalo's refresh token is single use
// and a refresh answers a new one — losing it would lose the OA's authorisation.
#pragma once
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace motcua::app::zalo {

struct OaTokens {
  std::string access_token, refresh_token;
  Millis expires_at = 0;  // UTC ms; 0 = unknown (used until Zalo refuses it)
};

class TokenVault {
 public:
  virtual ~TokenVault() = default;
  virtual Result<std::optional<OaTokens>> load() = 0;
  virtual Status save(const OaTokens& t) = 0;
};

}  // namespace motcua::app::zalo
