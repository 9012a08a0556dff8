#include "integrations/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace motcua::integrations::http {
namespace {

// A loopback HTTP/1.1 server answering every request on a connection with `body` (keep-alive),
// counting the connections it accepted.
class TinyServer {
 public:
  explicit TinyServer(std::string body) : body_(std::move(body)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t n = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &n);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 8);
    th_ = std::thread([this] { run(); });
  }
  ~TinyServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    th_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/x"; }
  int connections() const { return accepted_; }

 private:
  void run() {
    for (;;) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++accepted_;
      std::thread([body = body_, c] { serve(c, body); }).detach();  // outlives nothing it needs
    }
  }
  static void serve(int c, const std::string& body) {
    std::string in;
    char buf[4096];
    for (;;) {
      ssize_t k = ::recv(c, buf, sizeof buf, 0);
      if (k <= 0) break;
      in.append(buf, size_t(k));
      size_t end = in.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      size_t len = 0;
      if (auto p = in.find("Content-Length: "); p != std::string::npos && p < end) len = std::stoul(in.substr(p + 16));
      if (in.size() < end + 4 + len) continue;
      in.erase(0, end + 4 + len);
      std::string out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
      if (::send(c, out.data(), out.size(), MSG_NOSIGNAL) < 0) break;
    }
    ::close(c);
  }
  std::string body_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::thread th_;
};

TEST(HttpClient, AnswersAndKeepsTheConnection) {
  TinyServer s("{\"ok\":true}");
  for (int i = 0; i < 3; ++i) {
    auto a = post_json(s.url(), "{}", {{"X-Test", "1"}}, 5);
    ASSERT_TRUE(a.ok()) << a.error().detail;
    EXPECT_EQ(a->status, 200);
    EXPECT_EQ(a->body, "{\"ok\":true}");
  }
  EXPECT_EQ(s.connections(), 1);  // one handle per thread: the connection is reused
}

TEST(HttpClient, AnswerOverTheCapIsTooLarge) {
  TinyServer s(std::string(2000, 'x'));
  Request r;
  r.url = s.url();
  r.post = false;
  r.max_bytes = 1000;
  auto a = send(r);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ErrorKind::too_large);
  r.max_bytes = 2000;
  EXPECT_TRUE(send(r).ok());
}

TEST(HttpClient, NoAnswerIsUnavailableAndOnlyHttpIsSpoken) {
  std::string closed;
  {
    TinyServer gone("");  // a port nobody listens on once this server is gone
    closed = gone.url();
  }
  auto a = post_json(closed, "{}", {}, 2);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(a.error().detail.rfind("Không gọi được dịch vụ: ", 0), 0u);
  Request r;
  r.url = "file:///etc/passwd";
  r.post = false;
  auto f = send(r);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().kind, ErrorKind::unavailable);
}

TEST(HttpClient, FormBodyEncodesBothSides) {
  EXPECT_EQ(form_body({{"grant_type", "refresh_token"}, {"a b", "Lê&="}}), "grant_type=refresh_token&a%20b=L%C3%AA%26%3D");
}

}  // namespace
}  // namespace motcua::integrations::http
