// The only translation unit that includes Beast/Asio.
#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "http/router.h"

namespace motcua::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using beast::error_code;

class Session;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  ServerOptions opt;
  Handler handler;
  std::function<bool(const Request&)> on_io_thread;  // requests whose handler never blocks

  std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions;  // guarded by mu
  uint64_t next_id = 0;                                            // guarded by mu
  bool started = false, stopping = false, stopped = false;         // guarded by mu
  std::atomic<bool> closing{false};

  // Declared after what sessions touch in their destructors: destroyed before it.
  net::io_context ioc;
  // Keeps run() going while no socket operation is pending (e.g. every connection is waiting
  // for its handler on the worker pool).
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::steady_timer> retry_timer;
  std::vector<std::thread> io_threads;
  std::unique_ptr<net::thread_pool> workers;

  Impl(ServerOptions o, Handler h, std::function<bool(const Request&)> inline_pred)
      : opt(std::move(o)),
        handler(std::move(h)),
        on_io_thread(std::move(inline_pred)),
        ioc(std::max(1, opt.io_threads)) {}

  void accept();
  void on_accept(error_code ec, tcp::socket sock);
};

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && beast::iequals(a, b);
}

bool safe_header(std::string_view s) { return s.find_first_of("\r\n") == std::string_view::npos && !s.empty(); }

// A handler bug surfaced by the server (a throwing answer builder, a misplaced later()).
Response internal_error(const std::string& id) {
  return Response::problem(500, "Lỗi hệ thống",
                           "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau; mã tra cứu: " + id, "internal");
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& srv, tcp::socket&& sock) : srv_(srv), stream_(std::move(sock)) {
    error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Session() {
    std::lock_guard lk(srv_.mu);
    srv_.sessions.erase(id_);
    srv_.cv.notify_all();
  }

  void start(uint64_t id) {
    id_ = id;
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // From any thread: close now if idle, else after the current response.
  void post_shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->close_after_ = true;
      if (!self->busy_) self->close();
    });
  }

 private:
  void read_header() {
    if (close_after_) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(std::min<size_t>(srv_.opt.max_header_bytes, UINT32_MAX)));
    parser_->body_limit(srv_.opt.max_body_bytes);
    int secs = requests_ == 0 ? srv_.opt.read_timeout_seconds : srv_.opt.keepalive_timeout_seconds;
    stream_.expires_after(std::chrono::seconds(secs));
    bhttp::async_read_header(stream_, buf_, *parser_,
                             [self = shared_from_this()](error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    t0_ = std::chrono::steady_clock::now();
    auto& m = parser_->get();
    if (auto cl = parser_->content_length(); cl && *cl > srv_.opt.max_body_bytes)
      return fail(413, "Nội dung gửi lên vượt quá giới hạn cho phép");
    stream_.expires_after(std::chrono::seconds(srv_.opt.read_timeout_seconds));
    if (parser_->is_done()) return on_body({});
    auto it = m.find(bhttp::field::expect);
    if (it != m.end() && iequal(it->value(), "100-continue")) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](error_code ec, size_t) {
                         if (ec) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buf_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->on_read_error(ec);
      self->on_body(ec);
    });
  }

  void on_read_error(error_code ec) {
    if (ec == bhttp::error::header_limit) return fail(431, "Phần tiêu đề của yêu cầu quá lớn");
    if (ec == bhttp::error::body_limit) return fail(413, "Nội dung gửi lên vượt quá giới hạn cho phép");
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == beast::error::timeout || ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category())
      return close();  // peer gone, slow client, socket error, or our own close
    fail(400, "Yêu cầu HTTP không hợp lệ");
  }

  void on_body(error_code) {
    auto& m = parser_->get();
    Request req;
    req.method = std::string(m.method_string());
    req.target = std::string(m.target());
    req.headers.reserve(std::distance(m.begin(), m.end()));
    for (const auto& f : m) {
      std::string name(f.name_string());
      for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    req.body = std::move(m.body());
    req.remote_addr = remote_;
    req.correlation_id = new_correlation_id();
    keep_alive_ = m.keep_alive();
    version_ = m.version();
    head_ = m.method() == bhttp::verb::head;
    parser_.reset();
    ++requests_;

    if (auto st = decode_target(req.target, req); !st.ok()) {
      keep_alive_ = false;
      CorrelationScope scope(req.correlation_id);
      return write(Response::problem(st.error()), std::move(req.correlation_id), std::move(req.method),
                   std::move(req.target));
    }
    stream_.expires_never();  // the handler may take a while; no socket op is pending
    if (!srv_.workers || (srv_.on_io_thread && srv_.on_io_thread(req))) return run_here(std::move(req));
    run_on_worker(std::move(req));
  }

  void run_on_worker(Request req) {
    net::post(*srv_.workers, [self = shared_from_this(), req = std::move(req)]() mutable {
      Response r = call_guarded(self->srv_.handler, req);
      if (r.status < 0) r = internal_error(req.correlation_id);  // later()/on_worker() on a worker
      net::post(self->stream_.get_executor(), [self, r = std::move(r), id = std::move(req.correlation_id),
                                                method = std::move(req.method),
                                                target = std::move(req.target)]() mutable {
        self->write(std::move(r), std::move(id), std::move(method), std::move(target));
      });
    });
  }

  // Runs a non-blocking handler on this io thread. It may answer now, or return
  // Response::later() and call req.answer_later once: the builder then runs on this
  // connection's strand and its response is written.
  void run_here(Request req) {
    // `srv` keeps the io_context alive should the answer come after the Server object is gone.
    req.answer_later = [self = shared_from_this(), srv = srv_.shared_from_this(), id = req.correlation_id,
                        method = req.method, target = req.target](ResponseBuilder build) {
      net::post(self->stream_.get_executor(), [self, build = std::move(build), id, method, target]() mutable {
        CorrelationScope scope(id);
        std::optional<Response> r;
        try {
          r = build();
        } catch (const std::exception& e) {
          std::fprintf(stderr, "[http] deferred handler exception id=%s: %s\n", id.c_str(), e.what());
        } catch (...) {
          std::fprintf(stderr, "[http] deferred handler exception id=%s\n", id.c_str());
        }
        if (!r || r->status < 0) r = internal_error(id);
        self->write(std::move(*r), std::move(id), std::move(method), std::move(target));
      });
    };
    Response r = call_guarded(srv_.handler, req);
    if (r.is_later()) return;  // answer_later writes
    if (r.is_on_worker() && srv_.workers) {
      req.answer_later = nullptr;
      return run_on_worker(std::move(req));
    }
    if (r.is_on_worker()) r = internal_error(req.correlation_id);  // no worker pool configured
    write(std::move(r), std::move(req.correlation_id), std::move(req.method), std::move(req.target));
  }

  // A server-generated error: respond and close.
  void fail(int status, std::string detail) {
    busy_ = true;
    keep_alive_ = false;
    linger_ = true;
    head_ = false;
    version_ = 11;
    if (t0_ == std::chrono::steady_clock::time_point{}) t0_ = std::chrono::steady_clock::now();
    std::string id = new_correlation_id();
    parser_.reset();
    CorrelationScope scope(id);
    write(Response::problem(status, std::string(title_for(status)), std::move(detail)), std::move(id), "-", "-");
  }

  void write(Response r, std::string id, std::string method, std::string target) {
    res_ = {};
    res_.version(version_ == 10 ? 10 : 11);
    res_.result(static_cast<unsigned>(r.status));
    bool cache = false, nosniff = false, referrer = false, frame = false, csp = false;
    for (auto& [k, v] : r.headers) {
      if (!safe_header(k) || v.find_first_of("\r\n") != std::string::npos) {
        std::fprintf(stderr, "[http] dropped unsafe response header id=%s\n", id.c_str());
        continue;
      }
      if (iequal(k, "content-length") || iequal(k, "connection") || iequal(k, "x-request-id")) continue;
      cache |= iequal(k, "cache-control");
      nosniff |= iequal(k, "x-content-type-options");
      referrer |= iequal(k, "referrer-policy");
      frame |= iequal(k, "x-frame-options");
      csp |= iequal(k, "content-security-policy");
      res_.insert(k, v);
    }
    if (!nosniff) res_.set("X-Content-Type-Options", "nosniff");
    if (!referrer) res_.set("Referrer-Policy", "no-referrer");
    if (!frame) res_.set("X-Frame-Options", "DENY");
    if (!csp) res_.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    if (!cache) res_.set(bhttp::field::cache_control, "no-store");
    res_.set("X-Request-Id", id);
    const bool no_body = r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200);
    if (!no_body) res_.content_length(r.body.size());
    if (!no_body && !head_) res_.body() = std::move(r.body);
    if (close_after_ || srv_.closing.load(std::memory_order_relaxed)) keep_alive_ = false;
    res_.keep_alive(keep_alive_);

    if (srv_.opt.access_log) {
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0_).count();
      std::fprintf(stderr, "%s %s %s %d %zu %.1fms %s\n", remote_.c_str(), method.c_str(), target.c_str(),
                   r.status, res_.body().size(), ms, id.c_str());
    }
    stream_.expires_after(std::chrono::seconds(srv_.opt.read_timeout_seconds));
    bhttp::async_write(stream_, res_, [self = shared_from_this()](error_code ec, size_t) { self->on_write(ec); });
  }

  void on_write(error_code ec) {
    busy_ = false;
    res_ = {};
    if (!ec && linger_) return linger();
    if (ec || !keep_alive_) return close();
    read_header();
  }

  // After an error response sent before the request was read to its end: stop sending, then
  // discard what the client still sends for a moment so that closing does not reset the
  // connection before the client has read our response.
  void linger() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain_.resize(16 << 10);
    drain_some(0);
  }
  void drain_some(size_t total) {
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this(), total](error_code ec, size_t n) {
      if (ec || total + n > (4u << 20)) return self->close();
      self->drain_some(total + n);
    });
  }

  void close() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  Server::Impl& srv_;
  uint64_t id_ = 0;
  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  std::string remote_;
  std::chrono::steady_clock::time_point t0_{};
  uint64_t requests_ = 0;
  unsigned version_ = 11;
  std::string drain_;
  bool keep_alive_ = false, head_ = false, busy_ = false, close_after_ = false, linger_ = false;
};

void Server::Impl::accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](error_code ec, tcp::socket s) { on_accept(ec, std::move(s)); });
}

void Server::Impl::on_accept(error_code ec, tcp::socket sock) {
  if (ec == net::error::operation_aborted || closing.load()) return;
  if (ec) {  // e.g. out of file descriptors: back off briefly instead of spinning
    std::fprintf(stderr, "[http] accept: %s\n", ec.message().c_str());
    retry_timer->expires_after(std::chrono::milliseconds(50));
    retry_timer->async_wait([this](error_code e) {
      if (!e && !closing.load()) accept();
    });
    return;
  }
  std::shared_ptr<Session> s;
  uint64_t id = 0;
  {
    std::lock_guard lk(mu);
    if (!stopping && sessions.size() < opt.max_connections) {
      s = std::make_shared<Session>(*this, std::move(sock));
      id = ++next_id;
      sessions.emplace(id, s);
    }
  }
  if (s) {
    s->start(id);
  } else {
    error_code ignored;
    sock.close(ignored);
  }
  accept();
}

Server::Server(ServerOptions opt, Handler handler, std::function<bool(const Request&)> on_io_thread)
    : impl_(std::make_shared<Impl>(std::move(opt), std::move(handler), std::move(on_io_thread))) {}

Server::~Server() { stop(); }

Result<uint16_t> Server::start() {
  auto& I = *impl_;
  {
    std::lock_guard lk(I.mu);
    if (I.started) return make_error(ErrorKind::internal, "Máy chủ đã được khởi động", "already_started");
    I.started = true;
  }
  error_code ec;
  auto failed = [&](Error e) -> Result<uint16_t> {
    std::lock_guard lk(I.mu);
    I.stopping = I.stopped = true;
    I.cv.notify_all();
    return e;
  };
  auto addr = net::ip::make_address(I.opt.address, ec);
  if (ec)
    return failed(make_error(ErrorKind::invalid, "Địa chỉ lắng nghe không hợp lệ: " + I.opt.address, "bad_address"));
  tcp::endpoint ep(addr, I.opt.port);
  I.acceptor.emplace(net::make_strand(I.ioc));
  I.retry_timer.emplace(I.acceptor->get_executor());
  auto listen_failed = [&](const char* what) {
    return failed(make_error(ErrorKind::unavailable,
                             std::string("Không thể mở cổng lắng nghe (") + what + "): " + ec.message(),
                             "listen_failed"));
  };
  I.acceptor->open(ep.protocol(), ec);
  if (ec) return listen_failed("open");
  I.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  I.acceptor->bind(ep, ec);
  if (ec) return listen_failed("bind");
  I.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) return listen_failed("listen");
  uint16_t port = I.acceptor->local_endpoint(ec).port();
  I.work.emplace(I.ioc.get_executor());
  if (I.opt.worker_threads > 0) I.workers = std::make_unique<net::thread_pool>(I.opt.worker_threads);
  net::dispatch(I.acceptor->get_executor(), [impl = impl_.get()] { impl->accept(); });
  for (int i = 0; i < std::max(1, I.opt.io_threads); ++i)
    I.io_threads.emplace_back([impl = impl_.get()] {
      pthread_setname_np(pthread_self(), "mc-io");
      for (;;) {
        try {
          impl->ioc.run();
          return;
        } catch (const std::exception& e) {  // a bug in a completion handler: log, keep serving
          std::fprintf(stderr, "[http] io thread exception: %s\n", e.what());
        }
      }
    });
  return port;
}

void Server::stop() {
  auto& I = *impl_;
  std::vector<std::shared_ptr<Session>> live;
  {
    std::unique_lock lk(I.mu);
    if (!I.started || I.stopping) {
      I.cv.wait(lk, [&] { return !I.started || I.stopped; });
      return;
    }
    I.stopping = true;
    I.closing = true;
    for (auto& [id, w] : I.sessions)
      if (auto s = w.lock()) live.push_back(std::move(s));
  }
  net::post(I.acceptor->get_executor(), [impl = impl_.get()] {
    error_code ec;
    impl->acceptor->close(ec);
    impl->retry_timer->cancel();
  });
  for (auto& s : live) s->post_shutdown();
  live.clear();
  {
    std::unique_lock lk(I.mu);
    I.cv.wait_for(lk, std::chrono::seconds(std::max(0, I.opt.stop_grace_seconds)),
                  [&] { return I.sessions.empty(); });
  }
  I.work.reset();
  I.ioc.stop();
  for (auto& t : I.io_threads) t.join();
  I.io_threads.clear();
  if (I.workers) I.workers->join();
  {
    std::lock_guard lk(I.mu);
    I.stopped = true;
  }
  I.cv.notify_all();
}

void Server::wait() {
  auto& I = *impl_;
  std::unique_lock lk(I.mu);
  I.cv.wait(lk, [&] { return !I.started || I.stopped; });
}

}  // namespace motcua::http
