// Method + path routing by segments. Patterns are literal segments and `{name}` parameters:
// "/api/v1/dossiers/{id}/forms/{nn}". A literal segment beats a parameter at the same position
// (backtracking, so "/a/new" and "/a/{id}" coexist). Parameters match one non-empty segment;
// a trailing slash is significant.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace motcua::http {

// What a route asks of the server before its body is read (docs/architecture.md, "HTTP").
struct RouteOptions {
  size_t max_body = 0;         // bytes; 0: the router's default (Router::kDefaultMaxBody)
  bool needs_session = false;  // a body is read only once the router's BodyGate admits the request
  // The body is written to a file as it arrives (Request::body_file), never held in memory:
  // large uploads cost the server a disk file, not RAM.
  bool to_disk = false;
};

// A route as the server sees it from the request line alone.
struct RouteInfo {
  bool found = false;  // a handler for method+path (HEAD falls back to GET)
  bool async = false;  // added with add_async (exact method only)
  bool needs_session = false;
  bool to_disk = false;
  size_t max_body = 0;  // for a path without a route: the default
};

// Decides from the request line and headers alone (the body not read yet, `req.body` empty)
// whether a request to a `needs_session` route may send its body: nullopt admits it; a
// Response refuses it (sent as is, then the connection closes without reading the body).
// `may_block` false: it runs on an io thread and must not block; it may return
// Response::on_worker() to be called again on a worker with `may_block` true.
using BodyGate = std::function<std::optional<Response>(const Request& req, bool may_block)>;

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers a handler. Precondition: pattern starts with '/'; the same method+shape is not
  // registered twice (throws std::invalid_argument: a programming error at start-up).
  void add(std::string method, std::string pattern, Handler h, RouteOptions o = {});
  // The same, for a handler that never blocks (it answers later through
  // Request::answer_later when it waits for something): the server runs it on the io thread,
  // sparing the hand-over to a worker and back.
  void add_async(std::string method, std::string pattern, Handler h, RouteOptions o = {});
  // Changes the options of a route added before (throws std::invalid_argument if there is none).
  void set_options(std::string_view method, std::string_view pattern, RouteOptions o);

  // Body limit of routes added without one: JSON commands are small.
  static constexpr size_t kDefaultMaxBody = 64 << 10;
  void set_default_max_body(size_t bytes) { default_max_body_ = bytes; }
  // The route of method+path, for the server to decide before reading a body.
  RouteInfo route(std::string_view method, std::string_view path) const;
  // Installed by the layer that knows sessions (api); called by the server for
  // `needs_session` routes before their body is read.
  void set_body_gate(BodyGate g) { body_gate_ = std::move(g); }
  const BodyGate& body_gate() const { return body_gate_; }

  // Whether the request's route was added with add_async (the server asks before dispatching).
  bool is_async(const Request& req) const;

  // Finds the handler and calls it with req.params filled.
  //  - no path matches: 404 problem "Không tìm thấy đường dẫn";
  //  - path matches, method does not: 405 problem with an Allow header;
  //  - HEAD falls back to the GET handler (the server drops the body);
  //  - a handler that throws: 500 problem carrying the correlation id; the exception text
  //    goes to stderr only.
  // Response::problem() inside the handler sees req.correlation_id.
  Response dispatch(Request& req) const;

  // Makes a Handler for Server that dispatches through this router (kept alive by reference:
  // the router must outlive the server).
  Handler as_handler() const;
  // For Server's `on_io_thread`: is_async, by reference like as_handler.
  std::function<bool(const Request&)> as_async_predicate() const;

  struct Node;  // the route trie (router.cc)

 private:
  void add_route(std::string method, std::string pattern, Handler h, bool async, RouteOptions o);
  std::unique_ptr<Node> root_;
  size_t default_max_body_ = kDefaultMaxBody;
  BodyGate body_gate_;
};

// Calls `h` catching everything: an escaped exception becomes a 500 problem and a stderr line.
Response call_guarded(const Handler& h, Request& req);

}  // namespace motcua::http
