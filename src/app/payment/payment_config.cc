#include "app/payment/payment_config.h"

#include <cstdlib>

namespace motcua::app {

namespace {
void str(const char* name, std::string& out) {
  if (const char* v = std::getenv(name); v && *v) out = v;
}
void num(const char* name, int64_t& out, int64_t lo, int64_t hi) {
  if (const char* v = std::getenv(name); v && *v) {
    char* end = nullptr;
    long long n = std::strtoll(v, &end, 10);
    if (end && *end == 0 && n >= lo && n <= hi) out = n;
  }
}
}  // namespace

PaymentConfig load_payment_config_from_env() {
  PaymentConfig c;
  str("MOTCUA_PAYGOV_URL", c.paygov_url);
  str("MOTCUA_PAYGOV_MERCHANT", c.paygov_merchant);
  str("MOTCUA_PAYGOV_SECRET", c.paygov_secret);
  str("MOTCUA_VNPAY_URL", c.vnpay_url);
  str("MOTCUA_VNPAY_API_URL", c.vnpay_api_url);
  str("MOTCUA_VNPAY_TMN_CODE", c.vnpay_tmn_code);
  str("MOTCUA_VNPAY_SECRET", c.vnpay_secret);
  str("MOTCUA_PAYMENT_CALLBACK_URL", c.callback_url);
  num("MOTCUA_PAYMENT_REQUERY_MS", c.requery_ms, 10, 86400000);
  num("MOTCUA_PAYMENT_REQUERY_MAX_MS", c.requery_max_ms, 10, 86400000);
  num("MOTCUA_PAYMENT_TIMEOUT_MS", c.timeout_ms, 100, 120000);
  if (c.requery_max_ms < c.requery_ms) c.requery_max_ms = c.requery_ms;
  return c;
}

}  // namespace motcua::app
