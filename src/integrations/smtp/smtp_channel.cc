#include "integrations/smtp/smtp_channel.h"

#include <curl/curl.h>

#include <cstring>

#include "integrations/smtp/mime.h"

namespace motcua::integrations::smtp {

namespace {

struct Reader {
  const std::string* data;
  size_t pos = 0;
};

size_t read_cb(char* buf, size_t size, size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  size_t left = r->data->size() - r->pos;
  size_t k = std::min(left, size * n);
  std::memcpy(buf, r->data->data() + r->pos, k);
  r->pos += k;
  return k;
}

}  // namespace

SmtpChannel::SmtpChannel(SmtpOptions o) : o_(std::move(o)) { curl_global_init(CURL_GLOBAL_DEFAULT); }

Status SmtpChannel::send(const app::notify::Outgoing& m) {
  auto [from_name, from_addr] = split_mailbox(o_.from);
  Mail mail{from_name, from_addr, m.to, m.subject, m.text, m.idempotency_key, now_ms()};
  MC_ASSIGN(std::string msg, build_message(mail));
  CURL* curl = curl_easy_init();
  if (!curl) return make_error(ErrorKind::unavailable, "Không khởi tạo được kết nối SMTP");
  Reader reader{&msg};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + from_addr + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(msg.size()));
  curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, o_.timeout_s);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(10L, o_.timeout_s));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!o_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, o_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, o_.password.c_str());
  }
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return ok_status();
  std::string why = "Máy chủ thư trả lời lỗi" + (code ? " " + std::to_string(code) : std::string()) + ": " +
                    (err[0] ? err : curl_easy_strerror(rc));
  if (code >= 500 && code < 600) return make_error(ErrorKind::invalid, why);
  return make_error(ErrorKind::unavailable, why);
}

}  // namespace motcua::integrations::smtp
