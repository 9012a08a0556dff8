// Method + path routing by segments. Patterns are literal segments and `{name}` parameters:
// "/api/v1/dossiers/{id}/forms/{nn}". A literal segment beats a parameter at the same position
// (backtracking, so "/a/new" and "/a/{id}" coexist). Parameters match one non-empty segment;
// a trailing slash is significant.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"

namespace motcua::http {

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Registers a handler. Precondition: pattern starts with '/'; the same method+shape is not
  // registered twice (throws std::invalid_argument: a programming error at start-up).
  void add(std::string method, std::string pattern, Handler h);
  // The same, for a handler that never blocks (it answers later through
  // Request::answer_later when it waits for something): the server runs it on the io thread,
  // sparing the hand-over to a worker and back.
  void add_async(std::string method, std::string pattern, Handler h);
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
  void add_route(std::string method, std::string pattern, Handler h, bool async);
  std::unique_ptr<Node> root_;
};

// Calls `h` catching everything: an escaped exception becomes a 500 problem and a stderr line.
Response call_guarded(const Handler& h, Request& req);

}  // namespace motcua::http
