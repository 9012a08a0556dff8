// Where the payment providers are and how we sign for them: read from the environment at start-up
// (docs/operations.md, «Payments»). A provider is offered only when its URL and secret are set.
//
//   MOTCUA_PAYGOV_URL         base URL of the national payment platform's API (INIT, QUERY, statement)
//   MOTCUA_PAYGOV_MERCHANT    our merchant code there (MaDoiTac)
//   MOTCUA_PAYGOV_SECRET      the shared secret of MaXacThuc
//   MOTCUA_VNPAY_URL          VNPay's payment page (…/paymentv2/vpcpay.html)
//   MOTCUA_VNPAY_API_URL      VNPay's merchant API (querydr; …/merchant_webapi/api/transaction)
//   MOTCUA_VNPAY_TMN_CODE     our terminal code (vnp_TmnCode)
//   MOTCUA_VNPAY_SECRET       the hash secret of vnp_SecureHash
//   MOTCUA_PAYMENT_CALLBACK_URL  our base URL as the platforms reach it (return URL, statement
//                             of our own); default MOTCUA_PUBLIC_URL
//   MOTCUA_PAYMENT_REQUERY_MS first re-query of a pending payment after this long (default 60000),
//                             then doubling per attempt up to MOTCUA_PAYMENT_REQUERY_MAX_MS (3600000)
//   MOTCUA_PAYMENT_TIMEOUT_MS a call to a platform gives up after this long (default 10000)
#pragma once
#include <cstdint>
#include <string>

namespace motcua::app {

struct PaymentConfig {
  std::string paygov_url, paygov_merchant = "MOTCUA", paygov_secret;
  std::string vnpay_url, vnpay_api_url, vnpay_tmn_code = "MOTCUA01", vnpay_secret;
  std::string callback_url;  // "" = Config::public_url
  int64_t requery_ms = 60000, requery_max_ms = 3600000;
  int64_t timeout_ms = 10000;
  bool paygov_on() const { return !paygov_url.empty() && !paygov_secret.empty(); }
  bool vnpay_on() const { return !vnpay_url.empty() && !vnpay_secret.empty(); }
};

PaymentConfig load_payment_config_from_env();

}  // namespace motcua::app
