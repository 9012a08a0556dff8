// SMS brandname through eSMS.vn's published HTTP API (developers: esms.vn, "Gửi tin Chăm sóc
// khách hàng (SmsType 2) dạng POST"): POST <base>/MainService.svc/json/SendMultipleMessage_V4_post_json/
// with the JSON body {ApiKey, SecretKey, Phone, Content, Brandname, SmsType "2", IsUnicode "0",
// Sandbox "0", RequestId}, answered {"CodeResult": "100", "SMSID": "…"} on success. RequestId is
// the notice's idempotency key (eSMS uses it to refuse a repeat). The text is sent without
// diacritics (IsUnicode 0: 160 characters a segment) and at most kMaxSmsChars long.
#pragma once
#include <string>

#include "app/notify/channel.h"

namespace motcua::integrations::sms {

inline constexpr size_t kMaxSmsChars = 459;  // three concatenated GSM segments of 153

// Vietnamese text as a brandname SMS carries it: diacritics removed (đ → d, Đ → D, case kept),
// anything outside printable ASCII replaced by a space, runs of spaces collapsed, at most
// kMaxSmsChars (cut on a word, ending "...").
std::string sms_text(const std::string& utf8);

struct EsmsOptions {
  std::string base_url;  // e.g. https://rest.esms.vn
  std::string api_key, secret_key, brandname;
  long timeout_s = 20;
};

class EsmsChannel final : public app::notify::ChannelAdapter {
 public:
  explicit EsmsChannel(EsmsOptions o) : o_(std::move(o)) {}
  // CodeResult 100: sent. 99 (unknown error) and HTTP failures: retried. Any other code (bad
  // key, brandname, phone or content): permanent.
  Status send(const app::notify::Outgoing& m) override;

 private:
  EsmsOptions o_;
};

}  // namespace motcua::integrations::sms
