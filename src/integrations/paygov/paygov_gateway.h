// The national payment platform (Nền tảng thanh toán trực tuyến quốc gia, on the national
// portal): INIT / QUERY / CONFIRM and the day's statement, JSON over HTTP(S), every message
// signed with MaXacThuc (domain/payment/protocol.h). What is assumed of the protocol is written
// down in docs/integrations.md («Payments»).
#pragma once
#include "app/payment/gateway.h"
#include "app/payment/payment_config.h"

namespace motcua::integrations {

class PaygovGateway final : public app::PaymentGateway {
 public:
  explicit PaygovGateway(const app::PaymentConfig& c);
  std::string_view name() const override { return "paygov"; }
  std::string_view label_vi() const override { return "Nền tảng thanh toán trực tuyến quốc gia"; }
  Result<app::InitReply> init(const app::InitRequest& r) override;
  Result<app::ProviderStatus> query(const store::PaymentRec& p, Millis now) override;
  app::CallbackFacts read_callback(const app::Fields& f) const override;
  app::CallbackFacts read_return(const app::Fields& f) const override;
  Result<std::vector<app::StatementLine>> statement(const std::string& date) override;

 private:
  Result<app::Fields> call(const std::string& path, app::Fields msg, const std::vector<std::string>& order);
  std::string url_, merchant_, secret_;
  long timeout_ms_;
};

}  // namespace motcua::integrations
