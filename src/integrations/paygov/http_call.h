// What the payment adapters (paygov INIT/QUERY/statement, VNPay querydr) share: one JSON POST
// over the adapters' HTTP client (timeout in milliseconds, answers up to 4 MiB), and the fields
// of a JSON answer.
#pragma once
#include <string>

#include <boost/json.hpp>

#include "app/payment/gateway.h"
#include "common/result.h"
#include "integrations/http_client.h"

namespace motcua::integrations::payments {

using Answer = http::Answer;

// ErrorKind::unavailable when nothing came back (refused, timed out, reset, too large).
Result<Answer> post_json(const std::string& url, const std::string& body, long timeout_ms);

// Top-level strings and integers of a JSON object, as text (what the signatures are made of).
app::Fields flat(const boost::json::object& o);

}  // namespace motcua::integrations::payments
