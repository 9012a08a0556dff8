// GET and form POST for the OpenID Connect adapter, over the adapters' HTTP client (answers up
// to 1 MiB, JSON asked for).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "integrations/http_client.h"

namespace motcua::integrations::oidc {

using Fetched = http::Answer;

// ErrorKind::unavailable (code provider_unavailable) when no answer came (refused, timed out, too large).
Result<Fetched> http_get(const std::string& url, long timeout_s);
// application/x-www-form-urlencoded POST of `form` (encoded here), with HTTP Basic credentials
// when `user` is not empty (client_secret_basic: both parts form-encoded first, RFC 6749 §2.3.1).
Result<Fetched> http_post_form(const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
                               const std::string& user, const std::string& password, long timeout_s);

}  // namespace motcua::integrations::oidc
