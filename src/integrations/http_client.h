// The one HTTP(S) client of the adapters (DVCQG, Zalo, SMS, the population database, the payment
// platforms, the identity provider): libcurl, one handle per thread kept alive between calls,
// time limits, a cap on the answer's size, failures as values. Mail (SMTP, IMAP) is not HTTP and
// keeps its own libcurl use (integrations/smtp, integrations/mail).
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace motcua::integrations::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Answer {
  long status = 0;
  std::string body;
};

struct Request {
  std::string url;                 // http:// or https:// only; redirects are not followed
  bool post = true;                // false: GET (no body)
  std::string body;
  std::string content_type;        // with a POST
  std::string accept;              // "" sends no Accept header
  Headers headers;
  std::string basic_user;          // HTTP Basic when not empty (sent as given)
  std::string basic_password;
  long timeout_ms = 10'000;        // the whole exchange
  long connect_timeout_ms = 10'000;
  size_t max_bytes = 1u << 20;     // a longer answer is cut off and refused
};

// Any status is an answer. Failures: ErrorKind::too_large (code "too_large") when the answer
// passed max_bytes; otherwise ErrorKind::unavailable (code "no_answer") when no answer came
// (refused, timed out, reset), with libcurl's reason after "Không gọi được dịch vụ: ".
Result<Answer> send(const Request& r);

// A POST of `body` with the given Content-Type, timeout in seconds (connect ≤ 10 s), answers up
// to 1 MiB; asks for JSON back unless the body is XML (SOAP adapters). Any failure is
// ErrorKind::unavailable.
Result<Answer> post_body(const std::string& url, const std::string& body, const std::string& content_type,
                         const Headers& headers, long timeout_s);
Result<Answer> post_json(const std::string& url, const std::string& body, const Headers& headers, long timeout_s);

// application/x-www-form-urlencoded: k=v&k=v, both sides percent_encode'd (common/encoding.h).
std::string form_body(const Headers& fields);

}  // namespace motcua::integrations::http
