// What the demo desk's citizens do besides filing (app/demo_desk.h): pay a fee online when the
// agency asks for it, and rate a dossier once its result is returned. Each goes through the
// service the real citizen reaches: PaymentService::start, then the IPN that VNPay would send
// (signed here with the run's own secret and handed to PaymentService::callback, as the IPN
// route does); CitizenService::rate (logged in), rate_at_kiosk (the desk's kiosk, paired by the
// official who returns the result) or rate_by_link (the invitation the return enqueued). So the
// ledger, the dossier's history, the audit chain and every counter move as in production.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/app.h"

namespace motcua::app {

// The provider the demo pays through: seed-demo registers a VnpayGateway with this terminal and
// secret (cli/main.cc) and the demo signs the IPN with the same secret.
struct DemoVnpay {
  std::string tmn_code, secret;
};

class DemoCitizens {
 public:
  DemoCitizens(App& app, std::optional<DemoVnpay> vnpay) : app_(app), vnpay_(std::move(vnpay)) {}

  // Whether online payments can be made (a gateway was given); else the desk records the
  // payment at the counter.
  bool pays_online() const { return vnpay_.has_value(); }

  // The citizen starts a payment of what the dossier owes now (VNPay).
  Status start_payment(const Actor& citizen, const std::string& dossier_id);
  // VNPay's IPN for the dossier's pending payment: paid, or cancelled by the customer (code 24).
  Status ipn(const std::string& dossier_id, bool paid, Millis now);

  // The official `returned_by` has just handed the result over at the desk: the desk's kiosk
  // (paired the first time) shows it. Returns whether a kiosk shows it.
  Result<bool> kiosk_ready(const Actor& returned_by);
  // Rates the dossier: at the kiosk of `returned_by` when it still shows this dossier's code,
  // else logged in as `citizen` (the owner, when they filed or paid online), else by the
  // invitation's link.
  // Returns the channel used ("kiosk" | "web" | "link"), or "" when none could (nobody to reach).
  Result<std::string> rate(const std::string& dossier_id, const std::string& code, const Actor* returned_by,
                           const Actor* citizen, const std::string& score, const std::string& comment);

  int64_t payments = 0, cancelled = 0;
  std::map<std::string, int64_t> ratings_by_channel;

 private:
  struct Kiosk {
    std::string token, csrf;
  };
  App& app_;
  std::optional<DemoVnpay> vnpay_;
  std::map<std::string, Kiosk> kiosks_;  // staff id → the kiosk at their desk
  int64_t txn_ = 0;
};

}  // namespace motcua::app
