// HTTP request/response values exchanged between the server, the router and handlers.
// No Beast/Asio here: handlers see only these plain structs.
#pragma once
#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace motcua::http {

struct Response;
// Builds a response; see Request::answer_later.
using ResponseBuilder = std::function<Response()>;

// A request body the server wrote to a file instead of memory (RouteOptions::to_disk). The file
// is removed when the last Request holding it is gone, unless a handler moved it away first.
struct SpooledBody {
  std::string path;
  size_t size = 0;
  SpooledBody() = default;
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;
  ~SpooledBody();
};

struct Request {
  std::string method;  // upper case as sent ("GET", "POST", ...)
  std::string target;  // raw request-target, e.g. "/api/v1/x?q=%C3%A1"
  std::string path;    // percent-decoded, valid UTF-8, no NUL; starts with '/'
  std::vector<std::pair<std::string, std::string>> query;    // decoded ('+' = space), in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;
  std::shared_ptr<const SpooledBody> body_file;  // instead of `body` on a to_disk route
  std::string remote_addr;                    // peer IP as text
  std::map<std::string, std::string> params;  // filled by the Router from {name} segments
  std::string correlation_id;                 // X-Request-Id of this exchange
  // Set only while a handler runs on the connection's io thread (Router::add_async): such a
  // handler must not block. It may return Response::later() and then call answer_later exactly
  // once, from any thread: `build` runs on the connection's io thread and its Response is sent.
  std::function<void(ResponseBuilder build)> answer_later;

  // First header with this (lower-case) name. The view points into `headers`.
  std::optional<std::string_view> header(std::string_view lower_name) const;
  // First query parameter with this name.
  std::optional<std::string> query_param(std::string_view name) const;
  // Value of a cookie from the Cookie header(s); first occurrence wins.
  std::optional<std::string> cookie(std::string_view name) const;
};

// Splits `target` into path and query of `req` (percent-decoding both). Fails with
// ErrorKind::invalid (Vietnamese detail) on a non origin-form target, bad percent-encoding,
// a decoded NUL, or invalid UTF-8 in the path or the query.
Status decode_target(std::string_view target, Request& req);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // as sent (any case)
  std::string body;

  // Replaces every header with this name (case-insensitive) by one `name: value`.
  void set_header(std::string_view name, std::string_view value);
  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive

  // application/json; charset=utf-8
  static Response json(int status, const boost::json::value& v);
  // The same content type for a body that is already JSON text (JsonWriter).
  static Response json_text(int status, std::string body);
  // application/problem+json from an Error: status from its kind, type
  // "https://motcua.vn/problems/<code or kind>", errors[] from its fields, and the
  // correlation id of the request being handled on this thread (see CorrelationScope).
  static Response problem(const Error& e);
  // Same shape from an explicit status; type suffix defaults to a name for the status.
  static Response problem(int status, std::string title, std::string detail_vi,
                          std::string type_suffix = {});
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();  // 204, no body
  // "Answered through Request::answer_later": the server sends nothing now.
  static Response later();
  bool is_later() const { return status == kLater; }
  // From a handler on the io thread that finds it would have to block after all (a cache
  // miss, say): the server runs the same request again on a worker.
  static Response on_worker();
  bool is_on_worker() const { return status == kOnWorker; }
  static constexpr int kLater = -1, kOnWorker = -2;
};

// HTTP status for an error kind (invalid 400, unauthenticated 401, ... internal 500).
int status_for(ErrorKind k);
// Short machine name of a kind ("invalid", "not_found", ...), used in problem type URIs.
std::string_view kind_name(ErrorKind k);
// Short Vietnamese title for a status ("Yêu cầu không hợp lệ" for 400, ...).
std::string_view title_for(int status);

// While alive, Response::problem() on this thread stamps `id` as correlation_id.
// The server and Router::dispatch set one around each handler call.
class CorrelationScope {
 public:
  explicit CorrelationScope(std::string_view id);
  ~CorrelationScope();
  CorrelationScope(const CorrelationScope&) = delete;
  CorrelationScope& operator=(const CorrelationScope&) = delete;
  static std::string_view current();

 private:
  std::string_view prev_;
};

// A request handler (the Router's dispatch, or any function). May block; may throw (the
// caller turns an exception into a 500 problem).
using Handler = std::function<Response(Request&)>;

// 32 random hex characters (fast thread-local PRNG; an identifier, not a secret).
std::string new_correlation_id();

}  // namespace motcua::http
