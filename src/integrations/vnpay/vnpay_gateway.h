// VNPay (API 2.1.0): the signed redirect to its payment page, the IPN and the browser's return
// (vnp_SecureHash, HMAC-SHA512), querydr, and the day's statement (assumed; see
// docs/integrations.md «Payments»).
#pragma once
#include "app/payment/gateway.h"
#include "app/payment/payment_config.h"

namespace motcua::integrations {

class VnpayGateway final : public app::PaymentGateway {
 public:
  explicit VnpayGateway(const app::PaymentConfig& c);
  std::string_view name() const override { return "vnpay"; }
  std::string_view label_vi() const override { return "VNPay"; }
  Result<app::InitReply> init(const app::InitRequest& r) override;
  Result<app::ProviderStatus> query(const store::PaymentRec& p, Millis now) override;
  app::CallbackFacts read_callback(const app::Fields& f) const override;
  app::CallbackFacts read_return(const app::Fields& f) const override { return read_callback(f); }
  Result<std::vector<app::StatementLine>> statement(const std::string& date) override;

 private:
  std::string pay_url_, api_url_, tmn_, secret_;
  long timeout_ms_;
};

}  // namespace motcua::integrations
