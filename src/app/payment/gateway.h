// The port a payment provider's adapter implements (src/integrations/paygov, src/integrations/vnpay).
// PaymentService calls it; cli/main.cc chooses the adapters from the environment
// (payment_config.h). The adapter speaks the protocol and checks signatures with the secret
// only it holds; the service decides what a message means for the ledger and the dossier.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/payment/protocol.h"
#include "store/payment_repo.h"

namespace motcua::app {

using Fields = std::map<std::string, std::string>;

struct InitRequest {
  std::string order_ref;    // ours, unique per attempt
  int64_t amount = 0;       // VND
  std::string description;  // shown on the payment page
  std::string dossier_code;
  std::string return_url;   // where the platform sends the browser back
  std::string client_ip;
  Millis now = 0;
};

struct InitReply {
  std::string pay_url;       // where the browser goes to pay
  std::string provider_txn;  // the platform's id of the order, when it gives one at INIT
};

// What the platform says about an order (QUERY / querydr, or a callback).
struct ProviderStatus {
  payment::Outcome outcome = payment::Outcome::pending;
  std::optional<int64_t> amount;  // VND as the platform states it
  std::string provider_txn;
  std::string raw;  // the message as received (for the ledger), secrets never included
};

// A callback (CONFIRM / IPN) or a browser return, read and checked.
struct CallbackFacts {
  bool signature_ok = false;
  std::string order_ref;
  ProviderStatus status;
};

// One line of the platform's statement of a day.
struct StatementLine {
  std::string order_ref, provider_txn;
  int64_t amount = 0;
  std::string state;  // paid | pending | failed
  std::string at;     // as the platform writes it
};

class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  virtual std::string_view name() const = 0;  // "paygov" | "vnpay"
  virtual std::string_view label_vi() const = 0;  // shown to the citizen
  // INIT (paygov, a call) / the signed redirect (vnpay, built here).
  virtual Result<InitReply> init(const InitRequest& r) = 0;
  // QUERY / querydr for one of our orders. ErrorKind::unavailable when the platform does not answer.
  virtual Result<ProviderStatus> query(const store::PaymentRec& p, Millis now) = 0;
  // CONFIRM / IPN fields, checked (signature) and read; never fails: a bad message says so.
  virtual CallbackFacts read_callback(const Fields& f) const = 0;
  // The browser's return: the same reading (the state changes only on the callback or a query).
  virtual CallbackFacts read_return(const Fields& f) const = 0;
  // The platform's statement of a local day (YYYY-MM-DD).
  virtual Result<std::vector<StatementLine>> statement(const std::string& date) = 0;
};

}  // namespace motcua::app
