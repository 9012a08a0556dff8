// One connection's worth of the national portal's session protocol (protocol.h): logs in on
// first use, keeps the session, logs in again and repeats a call once when the portal says the
// session expired. Shared by the relay's sink and the inbound pull; thread-safe.
#pragma once
#include <mutex>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "common/result.h"

namespace motcua::integrations::dvcqg {

struct Options {
  std::string url;       // the portal's base URL (…/auth and …/integration are appended)
  std::string username;  // the province's account on the portal
  std::string password;
  std::string madonvi;   // the province's unit code on the portal
  long timeout_s = 10;
};

class PortalClient {
 public:
  explicit PortalClient(Options o) : opt_(std::move(o)) {}
  const Options& options() const { return opt_; }
  // Calls `service` with `fields` merged into the body (after session, madonvi, service).
  // `key`: sent as Idempotency-Key ("" = none). Errors: ErrorKind::unavailable for what may pass
  // (no answer, 5xx, garbage, a session refused twice), ErrorKind::invalid for a refusal of the
  // content. Returns the answer object.
  Result<boost::json::object> call(const std::string& service, const boost::json::object& fields,
                                   const std::string& key = "");
  // GET of a file the portal serves (only under its base URL), at most `max_bytes`.
  Result<std::string> fetch(const std::string& url, int64_t max_bytes);

 private:
  Result<std::string> session(bool fresh);
  Options opt_;
  std::mutex mu_;
  std::string session_;
};

}  // namespace motcua::integrations::dvcqg
