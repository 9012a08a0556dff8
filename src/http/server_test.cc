// End-to-end tests over real loopback sockets (a small blocking POSIX client, no Beast here).
#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "http/router.h"

namespace motcua::http {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

class Client {
 public:
  explicit Client(uint16_t port, int timeout_ms = 5000) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return ok_; }
  bool send(std::string_view s) {
    while (!s.empty()) {
      ssize_t n = ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      s.remove_prefix(size_t(n));
    }
    return true;
  }
  // Reads one response; nullopt on EOF/timeout/garbage.
  std::optional<Reply> read(bool head = false) {
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return std::nullopt;
    Reply r;
    std::string_view hdr(buf_.data(), end);
    if (hdr.substr(0, 9) != "HTTP/1.1 " && hdr.substr(0, 9) != "HTTP/1.0 ") return std::nullopt;
    r.status = std::stoi(std::string(hdr.substr(9, 3)));
    size_t pos = hdr.find("\r\n");
    while (pos != std::string_view::npos && pos < hdr.size()) {
      size_t next = hdr.find("\r\n", pos + 2);
      std::string_view line = hdr.substr(pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
      size_t c = line.find(':');
      if (c != std::string_view::npos) {
        std::string k(line.substr(0, c));
        for (char& ch : k) ch = char(std::tolower(static_cast<unsigned char>(ch)));
        std::string_view v = line.substr(c + 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        r.headers[k] = std::string(v);
      }
      pos = next;
    }
    buf_.erase(0, end + 4);
    size_t len = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
    if (head) len = 0;
    while (buf_.size() < len)
      if (!fill()) return std::nullopt;
    r.body = buf_.substr(0, len);
    buf_.erase(0, len);
    return r;
  }
  // True if the server closed the connection (EOF) within the receive timeout.
  bool closed_by_peer() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool fill() {
    char tmp[16384];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, size_t(n));
    return true;
  }
  int fd_ = -1;
  bool ok_ = false;
  std::string buf_;
};

std::string get(std::string_view path, std::string_view extra = {}) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) + "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add("GET", "/hello", [](Request& q) {
      return Response::text(200, "xin chào " + q.query_param("name").value_or("bạn"));
    });
    router.add("POST", "/echo", [](Request& q) {
      boost::json::object o{{"len", q.body.size()},
                            {"ct", q.header("content-type").value_or("")},
                            {"remote", q.remote_addr},
                            {"cid", q.correlation_id}};
      return Response::json(201, o);
    });
    router.add("GET", "/sleep", [](Request&) {
      std::this_thread::sleep_for(20ms);
      return Response::text(200, "ok");
    });
    router.add("GET", "/slow", [](Request&) {
      std::this_thread::sleep_for(300ms);
      return Response::text(200, "slow ok");
    });
    router.add("GET", "/cached", [](Request&) {
      Response r = Response::text(200, "c");
      r.set_header("Cache-Control", "public, max-age=60");
      r.headers.emplace_back("Set-Cookie", "a=1");
      r.headers.emplace_back("Set-Cookie", "b=2");
      return r;
    });
    router.add("GET", "/boom", [](Request&) -> Response { throw std::logic_error("db password=hunter2"); });
    router.add("GET", "/items/{id}", [](Request& q) { return Response::text(200, q.params["id"]); });
    // Non-blocking handlers: answered later from another thread (as after a group commit), or
    // at once, or by a builder that throws.
    router.add_async("POST", "/later/{id}", [](Request& q) {
      if (!q.answer_later) return Response::text(500, "not on the io thread");
      std::thread([answer = q.answer_later, id = q.params["id"], body = q.body] {
        std::this_thread::sleep_for(20ms);
        answer([id, body] { return Response::text(201, id + ":" + body); });
      }).detach();
      return Response::later();
    });
    router.add_async("GET", "/now", [](Request& q) { return Response::text(200, q.answer_later ? "io" : "worker"); });
    router.add_async("GET", "/miss", [](Request& q) {
      return q.answer_later ? Response::on_worker() : Response::text(200, "worker");
    });
    router.add_async("GET", "/later-boom", [](Request& q) {
      q.answer_later([]() -> Response { throw std::runtime_error("secret detail"); });
      return Response::later();
    });
    router.add("GET", "/inject", [](Request&) {
      Response r = Response::text(200, "i");
      r.headers.emplace_back("X-Bad", "a\r\nSet-Cookie: evil=1");
      return r;
    });
  }
  uint16_t start(ServerOptions opt = {}) {
    opt.port = 0;
    if (opt.stop_grace_seconds == 5) opt.stop_grace_seconds = 2;
    server = std::make_unique<Server>(opt, router.as_handler(), router.as_async_predicate());
    auto p = server->start();
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().detail);
    return p.ok() ? *p : 0;
  }
  void TearDown() override { server.reset(); }

  Router router;
  std::unique_ptr<Server> server;
};

TEST_F(ServerTest, GetWithSecurityHeaders) {
  uint16_t port = start();
  ASSERT_NE(port, 0);
  Client c(port);
  ASSERT_TRUE(c.connected());
  c.send(get("/hello?name=An%20B%C3%ACnh"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "xin chào An Bình");
  EXPECT_EQ(r->headers["content-length"], std::to_string(r->body.size()));
  EXPECT_EQ(r->headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r->headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r->headers["referrer-policy"], "no-referrer");
  EXPECT_EQ(r->headers["x-frame-options"], "DENY");
  EXPECT_EQ(r->headers["content-security-policy"], "default-src 'self'; frame-ancestors 'none'");
  EXPECT_EQ(r->headers["cache-control"], "no-store");
  EXPECT_EQ(r->headers["x-request-id"].size(), 32u);
}

TEST_F(ServerTest, PostWithBodyAndKeepAlive) {
  uint16_t port = start();
  Client c(port);
  std::string body = R"({"a":"Nguyễn"})";
  std::string ids;
  for (int i = 0; i < 5; ++i) {
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body);
    auto r = c.read();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 201);
    auto v = boost::json::parse(r->body).as_object();
    EXPECT_EQ(v.at("len").to_number<uint64_t>(), body.size());
    EXPECT_EQ(v.at("ct").as_string(), "application/json");
    EXPECT_EQ(v.at("remote").as_string(), "127.0.0.1");
    EXPECT_EQ(v.at("cid").as_string(), r->headers["x-request-id"]);
    EXPECT_EQ(ids.find(r->headers["x-request-id"]), std::string::npos);
    ids += r->headers["x-request-id"];
  }
  // Chunked body works too.
  c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(boost::json::parse(r->body).as_object().at("len").to_number<uint64_t>(), 5u);
  // Connection: close is honoured.
  c.send(get("/hello", "Connection: close\r\n"));
  r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(ServerTest, ExpectContinue) {
  uint16_t port = start();
  Client c(port);
  c.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  auto interim = c.read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  c.send("abcd");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
}

TEST_F(ServerTest, HeadAndHandlerHeaders) {
  uint16_t port = start();
  Client c(port);
  c.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  auto r = c.read(/*head=*/true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->headers["content-length"], std::to_string(std::string("xin chào bạn").size()));
  c.send(get("/cached"));  // same connection still in sync: HEAD sent no body
  r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "c");
  EXPECT_EQ(r->headers["cache-control"], "public, max-age=60");
  c.send(get("/inject"));
  r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->headers.count("x-bad"), 0u);
  EXPECT_EQ(r->headers.count("set-cookie"), 0u);
}

TEST_F(ServerTest, BodyTooLargeByContentLength) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  uint16_t port = start(o);
  Client c(port);
  // Announce 10 MB but send nothing: the server answers from the headers alone.
  c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->headers["content-type"], "application/problem+json; charset=utf-8");
  auto v = boost::json::parse(r->body).as_object();
  EXPECT_EQ(v.at("detail").as_string(), "Nội dung gửi lên vượt quá giới hạn cho phép");
  EXPECT_EQ(v.at("status").as_int64(), 413);
  EXPECT_EQ(v.at("correlation_id").as_string(), r->headers["x-request-id"]);

  // Chunked, discovered while reading.
  Client c2(port);
  std::string chunk(600, 'x');
  c2.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + chunk + "\r\n258\r\n" +
          chunk + "\r\n0\r\n\r\n");
  r = c2.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, BodyTooLargeWhileClientKeepsSending) {
  uint16_t port = start();  // 1 MiB limit
  Client c(port);
  std::string big(2 << 20, 'x');
  std::thread sender([&] {
    c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n");
    c.send(big);  // the server drains it briefly so that our read still sees the 413
  });
  auto r = c.read();
  sender.join();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->headers["connection"], "close");
}

TEST_F(ServerTest, ConnectionLimit) {
  ServerOptions o;
  o.max_connections = 2;
  uint16_t port = start(o);
  Client a(port), b(port);
  a.send(get("/hello"));
  b.send(get("/hello"));
  ASSERT_TRUE(a.read());
  ASSERT_TRUE(b.read());
  Client c(port);
  EXPECT_TRUE(c.closed_by_peer());
  a.send(get("/hello"));  // existing connections unaffected
  EXPECT_TRUE(a.read());
}

TEST_F(ServerTest, MalformedRequests) {
  ServerOptions o;
  o.max_header_bytes = 2048;
  uint16_t port = start(o);
  {
    Client c(port);
    c.send("GARBAGE\r\n\r\n");
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
  }
  {
    Client c(port);
    c.send(get("/hello", "X-Big: " + std::string(4000, 'a') + "\r\n"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
  }
  for (const char* path : {"/items/%zz", "/items/%C3%28", "/items/%C0%AF", "/items/a%00"}) {
    Client c(port);
    c.send(get(path));
    auto r = c.read();
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path;
    EXPECT_EQ(r->headers["content-type"], "application/problem+json; charset=utf-8");
  }
  {
    Client c(port);
    c.send(get("/items/h%E1%BB%93%20s%C6%A1"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "hồ sơ");
    c.send(get("/nope"));
    r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    c.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n");
    r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 405);
    EXPECT_EQ(r->headers["allow"], "GET, HEAD");
  }
}

TEST_F(ServerTest, HandlerExceptionIs500AndConnectionSurvives) {
  uint16_t port = start();
  Client c(port);
  c.send(get("/boom"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body.find("hunter2"), std::string::npos);
  EXPECT_EQ(boost::json::parse(r->body).as_object().at("correlation_id").as_string(), r->headers["x-request-id"]);
  c.send(get("/hello"));
  r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, ConcurrentBlockingHandlers) {
  uint16_t port = start();  // 32 workers
  constexpr int kClients = 64;
  std::atomic<int> ok{0};
  auto t0 = Clock::now();
  std::vector<std::thread> ts;
  for (int i = 0; i < kClients; ++i)
    ts.emplace_back([&] {
      Client c(port);
      for (int k = 0; k < 2; ++k) {  // keep-alive: two requests each
        c.send(get("/sleep"));
        auto r = c.read();
        if (r && r->status == 200) ++ok;
      }
    });
  for (auto& t : ts) t.join();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  EXPECT_EQ(ok.load(), 2 * kClients);
  RecordProperty("elapsed_ms", std::to_string(ms));
  std::printf("    %d requests of 20 ms on %d connections: %lld ms\n", 2 * kClients, kClients, (long long)ms);
  // Serial would be 128 × 20 ms = 2560 ms; 32 workers need ~4 waves of 20 ms.
  EXPECT_LT(ms, 800) << "took " << ms << " ms";
}

TEST_F(ServerTest, SlowClientTimesOut) {
  ServerOptions o;
  o.read_timeout_seconds = 1;
  uint16_t port = start(o);
  Client c(port, 4000);
  c.send("GET /hello HTTP/1.1\r\nHost:");  // never finishes
  auto t0 = Clock::now();
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_LT(Clock::now() - t0, 3s);
}

TEST_F(ServerTest, StopWithOpenConnectionsDoesNotHang) {
  uint16_t port = start();
  Client idle(port);
  idle.send(get("/hello"));
  ASSERT_TRUE(idle.read());  // now idle in keep-alive
  Client partial(port);
  partial.send("GET /hello HTTP/1.1\r\n");  // half a request
  Client inflight(port);
  inflight.send(get("/slow"));
  std::this_thread::sleep_for(100ms);  // the handler is running
  auto t0 = Clock::now();
  server->stop();
  EXPECT_LT(Clock::now() - t0, 1500ms);
  auto r = inflight.read();  // the in-flight request was answered, then closed
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "slow ok");
  EXPECT_EQ(r->headers["connection"], "close");
  EXPECT_TRUE(idle.closed_by_peer());
  EXPECT_TRUE(partial.closed_by_peer());
  server->wait();  // returns at once after stop
  server->stop();  // idempotent
  Client after(port, 500);
  EXPECT_FALSE(after.connected() && after.send(get("/hello")) && after.read());
}

TEST_F(ServerTest, InlineHandlersAndWaitFromAnotherThread) {
  ServerOptions o;
  o.worker_threads = 0;
  uint16_t port = start(o);
  std::thread waiter([&] { server->wait(); });
  Client c(port);
  c.send(get("/items/7"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "7");
  server->stop();
  waiter.join();
}

TEST_F(ServerTest, AsyncRoutesAnswerLaterOnTheConnection) {
  uint16_t port = start();
  Client c(port);
  // Two requests on one keep-alive connection, each answered from another thread.
  for (std::string id : {"a1", "b2"}) {
    ASSERT_TRUE(c.send("POST /later/" + id + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->body, id + ":hi");
    EXPECT_EQ(r->headers["x-content-type-options"], "nosniff");
  }
  c.send(get("/now"));
  auto now = c.read();
  ASSERT_TRUE(now);
  EXPECT_EQ(now->body, "io");
  // A handler that finds it would block hands the request to a worker.
  c.send(get("/miss"));
  auto miss = c.read();
  ASSERT_TRUE(miss);
  EXPECT_EQ(miss->body, "worker");
  // A builder that throws: 500 problem without the exception text; the connection survives.
  c.send(get("/later-boom"));
  auto boom = c.read();
  ASSERT_TRUE(boom);
  EXPECT_EQ(boom->status, 500);
  EXPECT_EQ(boom->body.find("secret"), std::string::npos);
  c.send(get("/hello"));
  auto after = c.read();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(ServerTest, StopWaitsForAnAnswerPendingLater) {
  uint16_t port = start();
  Client c(port);
  ASSERT_TRUE(c.send("POST /later/z HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
  std::this_thread::sleep_for(5ms);  // the handler has run; the answer comes 20 ms later
  server->stop();
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->headers["connection"], "close");
}

TEST(ServerStart, BindFailure) {
  Server a(ServerOptions{.port = 0}, [](Request&) { return Response::text(200, "a"); });
  auto pa = a.start();
  ASSERT_TRUE(pa.ok());
  ServerOptions ob;
  ob.port = *pa;
  Server b(ob, [](Request&) { return Response::text(200, "b"); });
  auto pb = b.start();
  ASSERT_FALSE(pb.ok());
  EXPECT_EQ(pb.error().kind, ErrorKind::unavailable);
  b.wait();  // a failed start counts as stopped
  ServerOptions oc;
  oc.address = "not an address";
  Server c(oc, [](Request&) { return Response::text(200, "c"); });
  EXPECT_FALSE(c.start().ok());
}

// RFC 9112 framing: anything but exactly one "chunked" coding, or a coding beside a length,
// is refused and the connection closed; what follows is never read as a second request.
TEST_F(ServerTest, TransferEncodingOtherThanChunkedIsRefusedAndCloses) {
  uint16_t port = start();
  const std::string smuggled = "GET /hello?name=smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
  struct Case {
    std::string headers;
    int status;
  };
  const Case cases[] = {
      {"Transfer-Encoding: xchunked\r\n", 501},
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: gzip\r\n", 501},
      {"Transfer-Encoding: chunked, chunked\r\n", 400},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400},
      {"Transfer-Encoding: xchunked\r\nContent-Length: " + std::to_string(smuggled.size()) + "\r\n", 400},
      {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400},
  };
  for (const auto& c : cases) {
    Client cl(port, 2000);
    cl.send("POST /echo HTTP/1.1\r\nHost: t\r\n" + c.headers + "\r\n" + smuggled);
    auto r = cl.read();
    ASSERT_TRUE(r) << c.headers;
    EXPECT_EQ(r->status, c.status) << c.headers;
    EXPECT_EQ(r->headers["connection"], "close") << c.headers;
    EXPECT_EQ(r->headers["content-type"], "application/problem+json; charset=utf-8");
    EXPECT_FALSE(cl.read()) << "a second response to the smuggled request: " << c.headers;
  }
  {  // HTTP/1.0 knows no transfer coding (RFC 9112, 6.1)
    Client cl(port, 2000);
    cl.send("POST /echo HTTP/1.0\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    auto r = cl.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
  }
  {  // exactly chunked (any letter case) is read as before
    Client cl(port);
    cl.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + smuggled);
    auto r = cl.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(boost::json::parse(r->body).at("len").as_int64(), 3);
    r = cl.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "xin chào smuggled");
  }
}

TEST_F(ServerTest, ExactlyOneHost) {
  uint16_t port = start();
  for (std::string req : {std::string("GET /hello HTTP/1.1\r\n\r\n"),
                          std::string("GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                          std::string("GET /hello HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n")}) {
    Client c(port, 2000);
    c.send(req + get("/hello"));
    auto r = c.read();
    ASSERT_TRUE(r) << req;
    EXPECT_EQ(r->status, 400) << req;
    EXPECT_EQ(r->headers["connection"], "close");
    EXPECT_FALSE(c.read()) << req;
  }
  Client c(port);  // HTTP/1.0 may omit it
  c.send("GET /hello HTTP/1.0\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

// A server over the router itself: per-route body limits and the body gate.
class RoutedServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto echo = [](Request& q) { return Response::text(201, std::to_string(q.body.size())); };
    router.add("POST", "/json", echo);                                  // the default limit
    router.add("POST", "/small", echo, {.max_body = 100});
    router.add("POST", "/upload/{id}", echo, {.max_body = 4 << 20, .needs_session = true});
    router.add("POST", "/open-upload", echo, {.max_body = 4 << 20});
    // A body spooled to disk: the handler sees the file (its size, first bytes, and whether it
    // is there), never the bytes in memory.
    router.add(
        "POST", "/to-disk",
        [this](Request& q) {
          std::string head;
          if (q.body_file) {
            spooled_path = q.body_file->path;
            std::ifstream in(q.body_file->path, std::ios::binary);
            head.resize(4);
            in.read(head.data(), 4);
            head.resize(size_t(in.gcount()));
          }
          return Response::text(201, std::to_string(q.body.size()) + " " +
                                         (q.body_file ? std::to_string(q.body_file->size) : "-") + " " + head);
        },
        {.max_body = 4 << 20, .to_disk = true});
    router.set_body_gate([this](const Request& q, bool may_block) -> std::optional<Response> {
      ++gate_calls;
      auto c = q.cookie("s");
      if (c == "slow" && !may_block) return Response::on_worker();
      if (c == "ok" || c == "slow") return std::nullopt;
      return Response::problem(401, "Chưa đăng nhập", "Vui lòng đăng nhập để tiếp tục.");
    });
  }
  uint16_t start(ServerOptions opt = {}) {
    opt.port = 0;
    opt.stop_grace_seconds = 1;
    server = std::make_unique<Server>(opt, router);
    auto p = server->start();
    EXPECT_TRUE(p.ok());
    return p.ok() ? *p : 0;
  }
  void TearDown() override { server.reset(); }
  static std::string post(std::string_view path, size_t length, std::string_view extra = {}) {
    return "POST " + std::string(path) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) +
           "Content-Length: " + std::to_string(length) + "\r\n\r\n";
  }
  Router router;
  std::unique_ptr<Server> server;
  std::atomic<int> gate_calls{0};
  std::string spooled_path;
};

TEST_F(RoutedServerTest, ToDiskRoutesWriteTheBodyToAFileRemovedAfterTheAnswer) {
  const std::string dir = ::testing::TempDir() + "/spool-" + std::to_string(::getpid());
  ServerOptions o;
  o.spool_dir = dir;
  o.max_body_memory = 1 << 20;  // far less than the body: a spooled body holds only its buffer
  uint16_t port = start(o);
  const std::string body = "%PDF" + std::string((3 << 20) - 4, 'x');
  {
    Client c(port);
    c.send(post("/to-disk", body.size()) + body);
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->body, "0 " + std::to_string(body.size()) + " %PDF");
  }
  ASSERT_FALSE(spooled_path.empty());
  EXPECT_EQ(spooled_path.rfind(dir, 0), 0u) << spooled_path;
  EXPECT_FALSE(std::filesystem::exists(spooled_path));  // removed with the request
  {  // chunked, past the route's limit: 413, and no partial file left behind
    Client c(port);
    std::string chunk(1 << 20, 'y');
    std::string req = "POST /to-disk HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 5; ++i) req += "100000\r\n" + chunk + "\r\n";
    c.send(req);
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
  std::this_thread::sleep_for(50ms);
  size_t left = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) left += e.is_regular_file();
  EXPECT_EQ(left, 0u);
  std::filesystem::remove_all(dir);
}

TEST_F(RoutedServerTest, EachRouteHasItsBodyLimitDecidedBeforeReading) {
  uint16_t port = start();
  struct Case {
    std::string path;
    size_t length;
    int status;
  };
  for (const Case& k : {Case{"/small", 100, 201}, Case{"/small", 101, 413}, Case{"/json", 64 << 10, 201},
                        Case{"/json", (64 << 10) + 1, 413}, Case{"/open-upload", 3 << 20, 201},
                        Case{"/open-upload", (4 << 20) + 1, 413}, Case{"/nowhere", (64 << 10) + 1, 413}}) {
    Client c(port);
    c.send(post(k.path, k.length));
    if (k.status == 413) {  // answered from the header alone, nothing of the body sent
      auto r = c.read();
      ASSERT_TRUE(r) << k.path;
      EXPECT_EQ(r->status, 413) << k.path << " " << k.length;
      EXPECT_EQ(r->headers["connection"], "close");
      continue;
    }
    c.send(std::string(k.length, 'x'));
    auto r = c.read();
    ASSERT_TRUE(r) << k.path;
    EXPECT_EQ(r->status, k.status) << k.path << " " << k.length;
    EXPECT_EQ(r->body, std::to_string(k.length));
  }
  {  // chunked: refused as soon as the chunks pass the route's limit
    Client c(port);
    c.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + std::string(80, 'x') +
           "\r\n50\r\n" + std::string(80, 'x') + "\r\n");
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
}

TEST_F(RoutedServerTest, SessionIsCheckedBeforeALargeBodyIsRead) {
  uint16_t port = start();
  {  // no session: 401 from the header, the 4 MB never sent
    Client c(port);
    auto t0 = Clock::now();
    c.send(post("/upload/1", 4 << 20));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->headers["connection"], "close");
    EXPECT_LT(Clock::now() - t0, 1s);
    EXPECT_TRUE(c.closed_by_peer());
  }
  {  // Expect: 100-continue is answered 401 instead of 100
    Client c(port);
    c.send(post("/upload/1", 1000, "Expect: 100-continue\r\nCookie: s=bad\r\n"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  for (const char* cookie : {"ok", "slow"}) {  // admitted from memory, or on a worker
    Client c(port);
    c.send(post("/upload/1", 3 << 20, "Cookie: s=" + std::string(cookie) + "\r\n"));
    c.send(std::string(3 << 20, 'x'));
    auto r = c.read();
    ASSERT_TRUE(r) << cookie;
    EXPECT_EQ(r->status, 201) << cookie;
    EXPECT_EQ(r->body, std::to_string(3 << 20));
  }
  int before = gate_calls;
  Client c(port);  // a body-less request to such a route is not gated (the handler decides)
  c.send("POST /upload/1 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(gate_calls, before);
}

TEST_F(RoutedServerTest, BodiesInFlightShareOneMemoryBudget) {
  ServerOptions o;
  o.max_body_memory = 3 << 20;
  uint16_t port = start(o);
  Client a(port);
  a.send(post("/open-upload", 2 << 20));  // holds 2 MB of the budget while its body comes
  std::this_thread::sleep_for(100ms);
  {
    Client b(port);
    b.send(post("/open-upload", 2 << 20));
    auto r = b.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503);
    EXPECT_EQ(r->headers["retry-after"], "5");
    EXPECT_EQ(r->headers["content-type"], "application/problem+json; charset=utf-8");
  }
  Client small(port);  // what is left still serves
  small.send(post("/json", 10) + "0123456789");
  auto r = small.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  a.send(std::string(2 << 20, 'x'));
  r = a.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  std::this_thread::sleep_for(50ms);  // the server returns it once the answer is written
  Client b(port);
  b.send(post("/open-upload", 2 << 20) + std::string(2 << 20, 'y'));
  r = b.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
}

TEST_F(RoutedServerTest, ConnectionsPerAddressAreCapped) {
  ServerOptions o;
  o.max_connections_per_address = 2;
  uint16_t port = start(o);
  auto a = std::make_unique<Client>(port);
  Client b(port);
  a->send(post("/json", 0));
  b.send(post("/json", 0));
  ASSERT_TRUE(a->read());
  ASSERT_TRUE(b.read());
  {
    Client c(port);
    c.send(post("/json", 0));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 503);
    EXPECT_EQ(r->headers["retry-after"], "5");
    EXPECT_TRUE(c.closed_by_peer());
  }
  a.reset();  // a place is given back when a connection closes
  std::this_thread::sleep_for(100ms);
  Client d(port);
  d.send(post("/json", 0));
  auto r = d.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
}

TEST_F(RoutedServerTest, FreeingALargeBodyAsksOnceToTrimMemory) {
  std::atomic<int> trims{0};
  ServerOptions o;
  o.trim_memory = [&trims] { ++trims; };
  uint16_t port = start(o);
  for (int i = 0; i < 2; ++i) {  // two large bodies in a row: one trim, a second after
    Client c(port);
    c.send(post("/open-upload", 2 << 20) + std::string(2 << 20, 'x'));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
  }
  Client small(port);  // small bodies never ask
  small.send(post("/json", 3) + "abc");
  ASSERT_TRUE(small.read());
  EXPECT_EQ(trims, 0);
  for (int i = 0; i < 40 && trims == 0; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(trims, 1);
  server.reset();  // before `trims` goes
}

TEST_F(RoutedServerTest, ReadBufferIsShrunkBetweenRequests) {
  // Not observable from outside but through memory; here: a large body then many small
  // requests on the same connection keep working (the buffer shrinks and grows again).
  uint16_t port = start();
  Client c(port);
  c.send(post("/open-upload", 1 << 20) + std::string(1 << 20, 'x'));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  for (int i = 0; i < 3; ++i) {
    c.send(post("/json", 3) + "abc");
    r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "3");
  }
}

}  // namespace
}  // namespace motcua::http
