// bare_beast: the HTTP yardstick for `make bench` (docs/performance.md, "Honest yardsticks").
//
// The least a Beast server on this machine must do to answer a small JSON request: the same
// Boost.Beast/Asio as `motcua serve`, the same threading (one io_context run by N io threads,
// a strand per connection, TCP_NODELAY, keep-alive, the same header limit) and the same
// answer on the wire as our GET /api/v1/health (body and headers, byte for byte the same
// length), but nothing else: no router, no worker hand-over, no header copies, no request id
// drawn per request. Our health ÷ this is what our HTTP layer costs.
//
// Usage: bare_beast <port> [io_threads=2]   (port 0: an ephemeral one)
// Prints "listening <port>" on stdout once it accepts; runs until SIGINT/SIGTERM.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

const std::string kBody = R"({"status":"ok","training":false})";
const std::string kPath = "/api/v1/health";

class Conn : public std::enable_shared_from_this<Conn> {
 public:
  explicit Conn(tcp::socket&& s) : stream_(std::move(s)) {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(16 << 10);
    parser_->body_limit(64 << 10);
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_read(stream_, buf_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close();
      self->answer();
    });
  }
  void answer() {
    auto& req = parser_->get();
    res_ = {};
    res_.version(req.version());
    res_.keep_alive(req.keep_alive());
    if (req.method() == bhttp::verb::get && req.target() == kPath) {
      res_.result(bhttp::status::ok);
      res_.set(bhttp::field::content_type, "application/json; charset=utf-8");
      res_.body() = kBody;
    } else {
      res_.result(bhttp::status::not_found);
      res_.set(bhttp::field::content_type, "text/plain");
      res_.body() = "not found";
    }
    // The headers our server adds to every answer, so that both send the same bytes.
    res_.set("X-Content-Type-Options", "nosniff");
    res_.set("Referrer-Policy", "no-referrer");
    res_.set("X-Frame-Options", "DENY");
    res_.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    res_.set(bhttp::field::cache_control, "no-store");
    res_.set("X-Request-Id", "00000000000000000000000000000000");
    res_.prepare_payload();
    keep_ = req.keep_alive();
    parser_.reset();
    bhttp::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec || !self->keep_) return self->close();
      self->read();
    });
  }
  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  bool keep_ = false;
};

void accept(tcp::acceptor& a, net::io_context& ioc) {
  a.async_accept(net::make_strand(ioc), [&a, &ioc](beast::error_code ec, tcp::socket s) {
    if (!ec) std::make_shared<Conn>(std::move(s))->start();
    if (ec != net::error::operation_aborted) accept(a, ioc);
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bare_beast <port> [io_threads=2]\n");
    return 2;
  }
  int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
  net::io_context ioc(threads);
  tcp::acceptor acceptor(net::make_strand(ioc));
  tcp::endpoint ep(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::atoi(argv[1])));
  acceptor.open(ep.protocol());
  acceptor.set_option(net::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(net::socket_base::max_listen_connections);
  std::printf("listening %u\n", unsigned(acceptor.local_endpoint().port()));
  std::fflush(stdout);
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
  accept(acceptor, ioc);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
