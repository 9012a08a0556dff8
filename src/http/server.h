// The HTTP/1.1 server (Beast, hidden in server.cc). Accepts and does socket I/O on
// `io_threads`; calls the handler on a pool of `worker_threads` (handlers may block, e.g. on a
// database group commit) and writes the response back on the connection's strand.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/message.h"
#include "http/router.h"

namespace motcua::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port, returned by start()
  int io_threads = 2;
  int worker_threads = 32;  // 0: call the handler inline on the io thread (non-blocking handlers only)
  // Without a Router: the body limit of every request (413 beyond, by Content-Length before
  // reading, or while reading chunks). With one, each route's own (RouteOptions::max_body).
  size_t max_body_bytes = 1 << 20;
  // The bytes of request bodies being read or handled, across all connections: a body that
  // would pass it is refused before it is read, 503 with Retry-After (0: no limit). A body's
  // share is its Content-Length, or its route's limit when chunked; returned once answered.
  size_t max_body_memory = size_t(256) << 20;
  // Open connections from one peer address; more are answered 503 and closed (0: no limit).
  // Behind a reverse proxy every client has the proxy's address: raise it or set 0 there.
  size_t max_connections_per_address = 64;
  // Called on a worker about a second after a large body (1 MiB or more) was freed, coalesced:
  // e.g. to hand the allocator's free pages back to the OS (tcmalloc keeps them otherwise).
  std::function<void()> trim_memory;
  // Where bodies of to_disk routes are written while they arrive ("" = the system's temp dir).
  // Best on the same file system as where handlers keep them (a rename, not a copy).
  std::string spool_dir;
  size_t max_header_bytes = 16 << 10;  // request line + headers; larger → 431
  int read_timeout_seconds = 30;       // to receive a whole request once it started, and to write
  int keepalive_timeout_seconds = 60;  // idle time allowed between requests on a connection
  size_t max_connections = 10000;      // further connections are accepted and closed at once
  bool access_log = false;             // one line per request on stderr
  int stop_grace_seconds = 5;          // stop() waits this long for in-flight requests
};

// Every response gets: Content-Length, X-Request-Id (fresh random hex, also Request::
// correlation_id), X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
// X-Frame-Options: DENY, Content-Security-Policy: default-src 'self'; frame-ancestors 'none',
// and Cache-Control: no-store unless the handler set those headers itself.
// HEAD is passed to the handler as is (the Router maps it to GET); its body is dropped.
// Errors produced by the server itself are problem+json: 400 malformed request, undecodable
// target (bad percent-encoding, invalid UTF-8), not exactly one Host (HTTP/1.1), or a
// Transfer-Encoding that is not exactly "chunked" or comes with a Content-Length; 501 for a
// transfer coding other than chunked; 413; 431; 503 (bodies' memory budget, or too many
// connections from one address) with Retry-After; connections then close.
class Server {
 public:
  // `on_io_thread`, when given, names the requests whose handler never blocks (e.g.
  // Router::is_async): they run on the io thread and may answer later (Request::answer_later).
  Server(ServerOptions opt, Handler handler, std::function<bool(const Request&)> on_io_thread = {});
  // Over a router (kept by reference: it must outlive the server): each route's body limit,
  // its async flag, and the router's BodyGate for routes that need a session, all decided
  // from the request's header before its body is read.
  Server(ServerOptions opt, const Router& router);
  ~Server();  // stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, starts the threads; returns the bound port. Call once.
  Result<uint16_t> start();
  // Graceful: stops accepting, closes idle connections, lets in-flight requests finish (up to
  // stop_grace_seconds), then stops the threads. Idempotent; safe from any thread but a
  // handler's.
  void stop();
  // Blocks until stop() has completed.
  void wait();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace motcua::http
