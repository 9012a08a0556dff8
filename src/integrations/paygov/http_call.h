// One JSON POST with libcurl for the payment adapters (paygov INIT/QUERY/statement, VNPay querydr).
#pragma once
#include <string>

#include "common/result.h"

namespace motcua::integrations::payments {

struct Answer {
  long status = 0;
  std::string body;
};

// ErrorKind::unavailable when nothing came back (refused, timed out, reset).
Result<Answer> post_json(const std::string& url, const std::string& body, long timeout_ms);

}  // namespace motcua::integrations::payments
