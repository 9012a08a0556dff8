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
#include <boost/beast/http/file_body.hpp>

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
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
  const Router* router = nullptr;       // route options and the body gate (Server(opt, router))
  std::atomic<size_t> body_bytes{0};    // bodies being read or handled, across connections
  std::unordered_map<std::string, size_t> per_address;  // open connections by peer; guarded by mu
  std::atomic<bool> trim_pending{false};

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
  // A large body was freed: call opt.trim_memory once, a second from now.
  void large_body_freed();
};

namespace {

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// A connection's read buffer is shrunk back between requests when it grew past this.
constexpr size_t kKeptBuffer = 16 << 10;
// Freeing a body this large asks for ServerOptions::trim_memory.
constexpr size_t kLargeBody = 1 << 20;
// What a body written to disk (a to_disk route) holds of the memory budget: the read buffer.
constexpr size_t kSpoolMemory = 256 << 10;
constexpr std::string_view kBadFraming =
    "Khung yêu cầu HTTP không hợp lệ: Content-Length phải là một số duy nhất; Transfer-Encoding chỉ được là "
    "đúng một mã chunked và không đi kèm Content-Length";

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && beast::iequals(a, b);
}

// (find_first_of with a set calls memchr once per character: this was ~2% of a health answer)
bool has_crlf(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n') return true;
  return false;
}
bool safe_header(std::string_view s) { return !s.empty() && !has_crlf(s); }

// A handler bug surfaced by the server (a throwing answer builder, a misplaced later()).
Response internal_error(const std::string& id) {
  return Response::problem(500, "Lỗi hệ thống",
                           "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau; mã tra cứu: " + id, "internal");
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `counted`: the connection holds one of its address's places (per_address); else it is
  // over the address's limit and is answered 503 at once.
  Session(Server::Impl& srv, tcp::socket&& sock, std::string remote, bool counted)
      : srv_(srv), stream_(std::move(sock)), remote_(std::move(remote)), counted_(counted) {
    error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Session() {
    release();
    std::lock_guard lk(srv_.mu);
    srv_.sessions.erase(id_);
    if (counted_) {
      auto it = srv_.per_address.find(remote_);
      if (it != srv_.per_address.end() && --it->second == 0) srv_.per_address.erase(it);
    }
    srv_.cv.notify_all();
  }

  void start(uint64_t id) {
    id_ = id;
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->counted_) return self->read_header();
      Response r = Response::problem(503, std::string(title_for(503)),
                                     "Địa chỉ của bạn đang mở quá nhiều kết nối tới máy chủ. Vui lòng thử lại sau.",
                                     "too_many_connections");
      r.set_header("Retry-After", "5");
      self->refuse(std::move(r));
    });
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
    // The body's limit is the route's, known once the header is read (on_header).
    parser_->body_limit(boost::none);
    // Between requests: nothing left of the last one but the bytes already received.
    if (buf_.size() == 0 && buf_.capacity() > kKeptBuffer) buf_.shrink_to_fit();
    int secs = requests_ == 0 ? srv_.opt.read_timeout_seconds : srv_.opt.keepalive_timeout_seconds;
    stream_.expires_after(std::chrono::seconds(secs));
    bhttp::async_read_header(stream_, buf_, *parser_,
                             [self = shared_from_this()](error_code ec, size_t) { self->on_header(ec); });
  }

  // The request line and headers are in: check the framing, find the route, and decide whether
  // the body may be read at all before reading any of it.
  void on_header(error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    t0_ = std::chrono::steady_clock::now();
    auto& m = parser_->get();
    if (auto bad = framing_error(m)) return fail(bad->status, std::move(bad->detail), std::move(bad->type));

    Request& req = req_;
    req = Request{};
    req.method = std::string(m.method_string());
    req.target = std::string(m.target());
    req.headers.reserve(std::distance(m.begin(), m.end()));
    for (const auto& f : m) {
      std::string name(f.name_string());
      for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    req.remote_addr = remote_;
    req.correlation_id = new_correlation_id();
    keep_alive_ = m.keep_alive();
    version_ = m.version();
    head_ = m.method() == bhttp::verb::head;
    ++requests_;
    if (auto st = decode_target(req.target, req); !st.ok()) {
      CorrelationScope scope(req.correlation_id);
      return refuse(Response::problem(st.error()));
    }

    RouteInfo route;
    if (srv_.router) {
      route = srv_.router->route(req.method, req.path);
    } else {
      route.max_body = srv_.opt.max_body_bytes;
      route.async = srv_.on_io_thread && srv_.on_io_thread(req);
    }
    async_ = route.async;
    to_disk_ = route.to_disk;
    max_body_ = route.max_body;
    const auto cl = parser_->content_length();
    if (cl && *cl > route.max_body) return fail(413, "Nội dung gửi lên vượt quá giới hạn cho phép");
    parser_->body_limit(route.max_body);  // a chunked body: 413 as soon as it passes the limit
    if (parser_->is_done()) return dispatch();
    const BodyGate* gate = srv_.router && route.needs_session && srv_.router->body_gate() ? &srv_.router->body_gate() : nullptr;
    if (!gate) return admit_body(cl ? size_t(*cl) : route.max_body);
    // A route for signed-in users: the session is checked from the header before any of a
    // (possibly large) body is read. From memory here; on a worker when the store must be read.
    std::optional<Response> verdict;
    try {
      verdict = (*gate)(req, false);
    } catch (...) {
      verdict = internal_error(req.correlation_id);
    }
    const size_t want = cl ? size_t(*cl) : route.max_body;
    if (!verdict) return admit_body(want);
    if (!verdict->is_on_worker() || !srv_.workers) return refuse(std::move(*verdict));
    stream_.expires_never();
    net::post(*srv_.workers, [self = shared_from_this(), gate, want] {
      std::optional<Response> v;
      try {
        CorrelationScope scope(self->req_.correlation_id);
        v = (*gate)(self->req_, true);
      } catch (...) {
        v = internal_error(self->req_.correlation_id);
      }
      if (v && v->status < 0) v = internal_error(self->req_.correlation_id);
      net::post(self->stream_.get_executor(), [self, v = std::move(v), want]() mutable {
        if (v) return self->refuse(std::move(*v));
        self->admit_body(want);
      });
    });
  }

  // RFC 9112: one Host (HTTP/1.1); a Transfer-Encoding is exactly "chunked", never beside a
  // Content-Length, never in HTTP/1.0 (section 6.1). Anything else is a framing the server and
  // a proxy in front of it could read differently (request smuggling): refused, and the
  // connection closed.
  struct BadFraming {
    int status;
    std::string detail, type;
  };
  static std::optional<BadFraming> framing_error(const bhttp::request_header<>& m) {
    int hosts = 0, te = 0, cl = 0;
    std::string_view coding;
    for (const auto& f : m) {
      switch (f.name()) {
        case bhttp::field::host: ++hosts; break;
        case bhttp::field::content_length: ++cl; break;
        case bhttp::field::transfer_encoding:
          ++te;
          coding = f.value();
          break;
        default: break;
      }
    }
    if (hosts > 1 || (hosts == 0 && m.version() >= 11))
      return BadFraming{400, "Yêu cầu HTTP/1.1 phải có đúng một tiêu đề Host", "bad_host"};
    if (te == 0) return std::nullopt;
    if (te > 1 || cl > 0 || m.version() < 11)
      return BadFraming{400, std::string(kBadFraming), "bad_framing"};
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
    if (iequal(coding, "chunked")) return std::nullopt;
    if (coding.find(',') != std::string_view::npos && coding.find_first_not_of(" \t,") != std::string_view::npos) {
      // a list: "chunked, chunked" is malformed; any other coding is one we do not implement
      bool only_chunked = true;
      size_t i = 0;
      while (i < coding.size()) {
        size_t j = coding.find(',', i);
        std::string_view t = coding.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i);
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
        if (!iequal(t, "chunked")) only_chunked = false;
        if (j == std::string_view::npos) break;
        i = j + 1;
      }
      if (only_chunked) return BadFraming{400, std::string(kBadFraming), "bad_framing"};
    }
    return BadFraming{501, "Máy chủ chỉ nhận Transfer-Encoding: chunked", "unsupported_transfer_coding"};
  }

  // The body may come: take its bytes from the budget of bodies in flight, then read it.
  void admit_body(size_t bytes) {
    // A body written to disk holds only the read buffer in memory, whatever its size.
    if (to_disk_) bytes = std::min(bytes, kSpoolMemory);
    if (!reserve(bytes)) {
      Response r = Response::problem(503, std::string(title_for(503)),
                                     "Máy chủ đang nhận quá nhiều dữ liệu cùng lúc. Vui lòng thử lại sau ít giây.",
                                     "busy");
      r.set_header("Retry-After", "5");
      return refuse(std::move(r));
    }
    stream_.expires_after(std::chrono::seconds(srv_.opt.read_timeout_seconds));
    auto& m = parser_->get();
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

  bool reserve(size_t bytes) {
    size_t cap = srv_.opt.max_body_memory;
    size_t cur = srv_.body_bytes.load(std::memory_order_relaxed);
    do {
      if (cap && bytes > cap - std::min(cap, cur)) return false;
    } while (!srv_.body_bytes.compare_exchange_weak(cur, cur + bytes, std::memory_order_relaxed));
    reserved_ += bytes;
    return true;
  }
  void release() {
    if (!reserved_) return;
    srv_.body_bytes.fetch_sub(reserved_, std::memory_order_relaxed);
    if (reserved_ >= kLargeBody && srv_.opt.trim_memory) srv_.large_body_freed();
    reserved_ = 0;
  }

  void read_body() {
    if (to_disk_) return read_body_to_disk();
    bhttp::async_read(stream_, buf_, *parser_, [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->on_read_error(ec);
      self->req_.body = std::move(self->parser_->get().body());
      self->dispatch();
    });
  }

  // The body goes to a new file in the spool directory as it arrives; the handler gets its path
  // (Request::body_file), and the file is removed with the request unless the handler moved it.
  void read_body_to_disk() {
    namespace fs = std::filesystem;
    std::error_code fec;
    fs::path dir = srv_.opt.spool_dir.empty() ? fs::temp_directory_path(fec) : fs::path(srv_.opt.spool_dir);
    fs::create_directories(dir, fec);
    std::string path = (dir / "body-XXXXXX").string();
    int fd = ::mkstemp(path.data());
    if (fd < 0) return fail(503, "Máy chủ chưa ghi được tệp tải lên. Vui lòng thử lại sau ít phút.", "busy");
    ::close(fd);
    spool_ = std::make_shared<SpooledBody>();
    spool_->path = path;
    file_parser_.emplace(std::move(*parser_));
    file_parser_->body_limit(max_body_);
    error_code ec;
    file_parser_->get().body().open(path.c_str(), beast::file_mode::write, ec);
    if (ec) {
      spool_.reset();
      file_parser_.reset();
      return fail(503, "Máy chủ chưa ghi được tệp tải lên. Vui lòng thử lại sau ít phút.", "busy");
    }
    bhttp::async_read(stream_, buf_, *file_parser_, [self = shared_from_this()](error_code ec, size_t) {
      self->file_parser_->get().body().close();
      if (ec) {
        self->spool_.reset();  // the partial file goes
        self->file_parser_.reset();
        return self->on_read_error(ec);
      }
      std::error_code sec;
      self->spool_->size = size_t(std::filesystem::file_size(self->spool_->path, sec));
      self->req_.body_file = std::move(self->spool_);
      self->file_parser_.reset();
      self->dispatch();
    });
  }

  void on_read_error(error_code ec) {
    if (ec == bhttp::error::header_limit) return fail(431, "Phần tiêu đề của yêu cầu quá lớn");
    if (ec == bhttp::error::body_limit) return fail(413, "Nội dung gửi lên vượt quá giới hạn cho phép");
    if (ec == bhttp::error::bad_transfer_encoding || ec == bhttp::error::bad_content_length ||
        ec == bhttp::error::multiple_content_length)  // e.g. two Transfer-Encoding, or one beside a length
      return fail(400, std::string(kBadFraming), "bad_framing");
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == beast::error::timeout || ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category())
      return close();  // peer gone, slow client, socket error, or our own close
    fail(400, "Yêu cầu HTTP không hợp lệ");
  }

  // The whole request is in req_: run its handler.
  void dispatch() {
    parser_.reset();
    Request req = std::move(req_);
    req_ = Request{};
    if (!srv_.workers || async_) return run_here(std::move(req));
    run_on_worker(std::move(req));
  }

  void run_on_worker(Request req) {
    stream_.expires_never();  // the handler may take a while; no socket op is pending
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
    // The request's id, method and target wait in the session (moved there, not copied, once
    // the handler says "later"): the builder runs on this strand, after run_here has returned.
    req.answer_later = [self = shared_from_this(), srv = srv_.shared_from_this()](ResponseBuilder build) {
      net::post(self->stream_.get_executor(), [self, build = std::move(build)]() mutable {
        std::string id = std::move(self->later_id_);
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
        self->write(std::move(*r), std::move(id), std::move(self->later_method_), std::move(self->later_target_));
      });
    };
    Response r = call_guarded(srv_.handler, req);
    if (r.is_later()) {  // answer_later writes
      stream_.expires_never();  // the answer may take a while; no socket op is pending
      later_id_ = std::move(req.correlation_id);
      later_method_ = std::move(req.method);
      later_target_ = std::move(req.target);
      return;
    }
    if (r.is_on_worker() && srv_.workers) {
      req.answer_later = nullptr;
      return run_on_worker(std::move(req));
    }
    if (r.is_on_worker()) r = internal_error(req.correlation_id);  // no worker pool configured
    write(std::move(r), std::move(req.correlation_id), std::move(req.method), std::move(req.target));
  }

  // A server-generated error: respond and close.
  void fail(int status, std::string detail, std::string type = {}) {
    std::string id = new_correlation_id();
    CorrelationScope scope(id);
    refuse(Response::problem(status, std::string(title_for(status)), std::move(detail), std::move(type)),
           std::move(id));
  }

  // Answers before the request's body was read (or after a framing error): the connection
  // closes after the answer, once what the client still sends has been drained for a moment.
  void refuse(Response r, std::string id = {}) {
    busy_ = true;
    keep_alive_ = false;
    linger_ = true;
    head_ = false;
    if (version_ != 10) version_ = 11;
    if (t0_ == std::chrono::steady_clock::time_point{}) t0_ = std::chrono::steady_clock::now();
    if (id.empty()) id = req_.correlation_id.empty() ? new_correlation_id() : req_.correlation_id;
    std::string method = req_.method.empty() ? "-" : std::move(req_.method);
    std::string target = req_.target.empty() ? "-" : std::move(req_.target);
    parser_.reset();
    req_ = Request{};
    write(std::move(r), std::move(id), std::move(method), std::move(target));
  }

  void write(Response r, std::string id, std::string method, std::string target) {
    res_ = {};
    res_.version(version_ == 10 ? 10 : 11);
    res_.result(static_cast<unsigned>(r.status));
    bool cache = false, nosniff = false, referrer = false, frame = false, csp = false;
    for (auto& [k, v] : r.headers) {
      if (!safe_header(k) || has_crlf(v)) {
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
    release();
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
  // A to_disk route's body: the header parser becomes a file parser once the body is admitted.
  std::optional<bhttp::request_parser<bhttp::file_body>> file_parser_;
  std::shared_ptr<SpooledBody> spool_;
  size_t max_body_ = 0;   // the route's body limit
  bool to_disk_ = false;  // the route writes its body to a file
  bhttp::response<bhttp::string_body> res_;
  std::string remote_;
  bool counted_ = true;
  std::chrono::steady_clock::time_point t0_{};
  uint64_t requests_ = 0;
  unsigned version_ = 11;
  std::string drain_;
  Request req_;          // the request whose body is being read
  std::string later_id_, later_method_, later_target_;  // of a request answered later
  size_t reserved_ = 0;  // bytes of Server::Impl::body_bytes this connection holds
  bool keep_alive_ = false, head_ = false, busy_ = false, close_after_ = false, linger_ = false, async_ = false;
};

void Server::Impl::large_body_freed() {
  if (trim_pending.exchange(true) || closing.load()) return;
  auto t = std::make_shared<net::steady_timer>(ioc, std::chrono::seconds(1));
  // `this` outlives the timer and the workers: stop() joins the io threads and the pool.
  t->async_wait([self = this, t](error_code ec) {
    auto run = [self] {
      self->trim_pending = false;
      try {
        self->opt.trim_memory();
      } catch (...) {
      }
    };
    if (ec || !self->workers) return run();
    net::post(*self->workers, run);
  });
}

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
  error_code peer_ec;
  auto peer = sock.remote_endpoint(peer_ec);
  std::string remote = peer_ec ? std::string() : peer.address().to_string();
  {
    std::lock_guard lk(mu);
    if (!stopping && sessions.size() < opt.max_connections) {
      size_t& n = per_address[remote];
      bool counted = opt.max_connections_per_address == 0 || n < opt.max_connections_per_address;
      if (counted) ++n;
      s = std::make_shared<Session>(*this, std::move(sock), std::move(remote), counted);
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

Server::Server(ServerOptions opt, const Router& router)
    : impl_(std::make_shared<Impl>(std::move(opt), router.as_handler(), nullptr)) {
  impl_->router = &router;
}

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
