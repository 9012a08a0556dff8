// The HTTP/1.1 server (Beast, hidden in server.cc). Accepts and does socket I/O on
// `io_threads`; calls the handler on a pool of `worker_threads` (handlers may block, e.g. on a
// database group commit) and writes the response back on the connection's strand.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/message.h"

namespace motcua::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port, returned by start()
  int io_threads = 2;
  int worker_threads = 32;  // 0: call the handler inline on the io thread (non-blocking handlers only)
  size_t max_body_bytes = 1 << 20;   // larger → 413 (by Content-Length before reading, or while reading chunks)
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
// Errors produced by the server itself are problem+json: 400 malformed request or undecodable
// target (bad percent-encoding, invalid UTF-8), 413, 431; connections then close.
class Server {
 public:
  // `on_io_thread`, when given, names the requests whose handler never blocks (e.g.
  // Router::is_async): they run on the io thread and may answer later (Request::answer_later).
  Server(ServerOptions opt, Handler handler, std::function<bool(const Request&)> on_io_thread = {});
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
