// One POST over HTTP(S) with libcurl, for the adapters (Zalo ZNS, SMS brandname, DVCQG, the population database).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace motcua::integrations {

struct HttpAnswer {
  long status = 0;
  std::string body;
};

// ErrorKind::unavailable when no answer came (connection refused, timeout).
// A POST of `body` with the given Content-Type (forms, SOAP adapters); post_json is this with JSON.
Result<HttpAnswer> post_body(const std::string& url, const std::string& body, const std::string& content_type,
                             const std::vector<std::pair<std::string, std::string>>& headers, long timeout_s);
Result<HttpAnswer> post_json(const std::string& url, const std::string& body,
                             const std::vector<std::pair<std::string, std::string>>& headers, long timeout_s);

}  // namespace motcua::integrations
