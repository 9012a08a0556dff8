#include "integrations/mail/imap_client.h"

#include <curl/curl.h>
#include <poll.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace motcua::integrations::mail {

struct ImapSession::Impl {
  CURL* curl = nullptr;
  curl_socket_t sock = CURL_SOCKET_BAD;
  std::string buf;  // received, not consumed
  int tag = 0;
  long timeout_s = 30;
  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }

  Error down(const std::string& why) { return make_error(ErrorKind::unavailable, "Hộp thư IMAP: " + why); }

  bool wait(bool for_read) {
    pollfd p{int(sock), short(for_read ? POLLIN : POLLOUT), 0};
    return ::poll(&p, 1, int(timeout_s * 1000)) > 0;
  }

  Status send_all(const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
      size_t n = 0;
      CURLcode rc = curl_easy_send(curl, s.data() + off, s.size() - off, &n);
      if (rc == CURLE_AGAIN) {
        if (!wait(false)) return down("hết thời gian chờ gửi");
        continue;
      }
      if (rc != CURLE_OK) return down(curl_easy_strerror(rc));
      off += n;
    }
    return ok_status();
  }

  // Reads more bytes into buf.
  Status more() {
    char tmp[16384];
    for (;;) {
      size_t n = 0;
      CURLcode rc = curl_easy_recv(curl, tmp, sizeof tmp, &n);
      if (rc == CURLE_AGAIN) {
        if (!wait(true)) return down("hết thời gian chờ trả lời");
        continue;
      }
      if (rc != CURLE_OK) return down(curl_easy_strerror(rc));
      if (n == 0) return down("máy chủ đóng kết nối");
      buf.append(tmp, n);
      return ok_status();
    }
  }

  Result<std::string> line() {
    for (;;) {
      size_t nl = buf.find("\r\n");
      if (nl != std::string::npos) {
        std::string l = buf.substr(0, nl);
        buf.erase(0, nl + 2);
        return l;
      }
      if (buf.size() > (1 << 20)) return down("dòng trả lời quá dài");
      MC_TRY(more());
    }
  }

  Result<std::string> bytes(size_t n) {
    while (buf.size() < n) MC_TRY(more());
    std::string out = buf.substr(0, n);
    buf.erase(0, n);
    return out;
  }
};

namespace {

// "{123}" at the end of a response line: the size of the literal that follows.
std::optional<size_t> literal_size(const std::string& l) {
  if (l.empty() || l.back() != '}') return std::nullopt;
  size_t open = l.rfind('{');
  if (open == std::string::npos) return std::nullopt;
  std::string n = l.substr(open + 1, l.size() - open - 2);
  if (!n.empty() && n.back() == '+') n.pop_back();
  if (n.empty() || n.size() > 12 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return size_t(std::stoull(n));
}

std::string mailbox_of(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string box = slash == std::string::npos ? "" : url.substr(slash + 1);
  if (auto q = box.find_first_of(";?"); q != std::string::npos) box.resize(q);
  return box.empty() ? "INBOX" : box;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\r' || c == '\n') continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace

ImapSession::ImapSession(std::unique_ptr<Impl> i) : impl_(std::move(i)) {}
ImapSession::~ImapSession() = default;

Result<std::unique_ptr<ImapSession>> ImapSession::open(const MailboxOptions& o) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)init;
  auto impl = std::make_unique<Impl>();
  impl->timeout_s = o.timeout_s;
  impl->curl = curl_easy_init();
  if (!impl->curl) return impl->down("không khởi tạo được kết nối");
  // The server's root: libcurl logs in; the mailbox is selected below.
  size_t scheme = o.url.find("://");
  size_t slash = o.url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const std::string root = (slash == std::string::npos ? o.url : o.url.substr(0, slash)) + "/";
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(impl->curl, CURLOPT_URL, root.c_str());
  curl_easy_setopt(impl->curl, CURLOPT_USERNAME, o.user.c_str());
  curl_easy_setopt(impl->curl, CURLOPT_PASSWORD, o.password.c_str());
  curl_easy_setopt(impl->curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(impl->curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
  curl_easy_setopt(impl->curl, CURLOPT_CONNECTTIMEOUT, o.timeout_s);
  curl_easy_setopt(impl->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(impl->curl, CURLOPT_ERRORBUFFER, err);
  CURLcode rc = curl_easy_perform(impl->curl);
  if (rc != CURLE_OK) return impl->down(err[0] ? err : curl_easy_strerror(rc));
  if (curl_easy_getinfo(impl->curl, CURLINFO_ACTIVESOCKET, &impl->sock) != CURLE_OK || impl->sock == CURL_SOCKET_BAD)
    return impl->down("không lấy được kết nối");
  std::unique_ptr<ImapSession> s(new ImapSession(std::move(impl)));
  MC_TRY(s->command("SELECT " + quoted(mailbox_of(o.url))));
  return s;
}

Result<std::vector<std::string>> ImapSession::command(const std::string& cmd, size_t max_literal) {
  auto& i = *impl_;
  const std::string tag = "M" + std::to_string(++i.tag);
  MC_TRY(i.send_all(tag + " " + cmd + "\r\n"));
  std::vector<std::string> untagged;
  for (;;) {
    MC_ASSIGN(auto l, i.line());
    if (l.starts_with(tag + " ")) {
      std::string rest = l.substr(tag.size() + 1);
      if (rest.starts_with("OK")) return untagged;
      return make_error(ErrorKind::unavailable, "Hộp thư IMAP từ chối lệnh: " + rest.substr(0, 200));
    }
    // A response may carry literals: "{n}" then n bytes, then the line goes on.
    std::string whole = l;
    while (auto n = literal_size(l)) {
      if (*n > max_literal) return i.down("thư quá lớn");
      MC_ASSIGN(auto lit, i.bytes(*n));
      whole += "\r\n";
      whole += lit;
      MC_ASSIGN(l, i.line());
      whole += "\r\n" + l;
    }
    untagged.push_back(std::move(whole));
  }
}

Result<std::vector<uint64_t>> ImapSession::unseen() {
  MC_ASSIGN(auto lines, command("UID SEARCH UNSEEN"));
  std::vector<uint64_t> out;
  for (auto& l : lines) {
    if (!l.starts_with("* SEARCH")) continue;
    size_t p = 8;
    while (p < l.size()) {
      while (p < l.size() && l[p] == ' ') ++p;
      size_t e = p;
      while (e < l.size() && l[e] >= '0' && l[e] <= '9') ++e;
      if (e > p && e - p < 20) out.push_back(std::stoull(l.substr(p, e - p)));
      if (e == p) break;
      p = e;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<uint64_t> ImapSession::size(uint64_t uid) {
  MC_ASSIGN(auto lines, command("UID FETCH " + std::to_string(uid) + " (RFC822.SIZE)"));
  for (auto& l : lines) {
    size_t p = l.find("RFC822.SIZE ");
    if (p == std::string::npos) continue;
    return uint64_t(std::strtoull(l.c_str() + p + 12, nullptr, 10));
  }
  return uint64_t(0);
}

Result<std::string> ImapSession::fetch(uint64_t uid) {
  MC_ASSIGN(auto lines, command("UID FETCH " + std::to_string(uid) + " BODY.PEEK[]"));
  for (auto& l : lines) {
    // "* n FETCH (UID u BODY[] {size}\r\n<bytes>\r\n)"
    size_t b = l.find("BODY[] {");
    if (b == std::string::npos) continue;
    size_t close = l.find('}', b);
    size_t start = l.find("\r\n", close);
    if (close == std::string::npos || start == std::string::npos) continue;
    size_t n = std::stoull(l.substr(b + 8, close - b - 8));
    return l.substr(start + 2, n);
  }
  return make_error(ErrorKind::not_found, "Không còn thư UID " + std::to_string(uid));
}

Status ImapSession::add_flags(uint64_t uid, const std::string& flags) {
  MC_TRY(command("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (" + flags + ")"));
  return ok_status();
}

void ImapSession::logout() { (void)command("LOGOUT"); }

}  // namespace motcua::integrations::mail
