// Payments of dossier fees (DOMAIN.md §6): the fee comes from the procedure version
// (domain/payment/fee.h), never from the browser; the applicant pays through a provider
// (gateway.h); every attempt and every change is in the ledger (migration 012); callbacks are
// idempotent; pending payments are re-queried with backoff; a paid dossier moves on by itself
// (DossierService::payment_settled, in the same transaction); a paid payment has an e-receipt.
//
// Who may do what: the dossier's applicant (its owner citizen) starts a payment; the applicant
// and staff who may read the dossier list its payments and download receipts; anyone else gets
// 404 as for the dossier itself. Callbacks are not sessions: they are believed only when their
// signature checks, their order is ours and their amount is the order's.
#pragma once
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "app/payment/gateway.h"
#include "app/payment/payment_config.h"
#include "common/result.h"
#include "domain/payment/fee.h"
#include "store/payment_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct PaymentsView {
  std::string dossier_id, dossier_code, dossier_state;
  payment::FeeQuote quote;              // what is owed now (status due: may pay online)
  // The exemptions the fees of this stage allow (every stage when nothing is owed now), and
  // whether the agency granted each one for this dossier: what the citizen is told at payment.
  std::vector<payment::ExemptionOffer> exemptions;
  bool may_pay = false;                 // this reader may start a payment now
  std::vector<std::string> providers;   // offered: "paygov", "vnpay"
  std::vector<store::PaymentRec> payments;  // oldest first
};

struct StartPayment {
  std::string provider;  // paygov | vnpay
  std::string client_ip;
};

// What a callback came to, for the protocol's answer (RspCode / MaLoi).
enum class CallbackOutcome { applied, duplicate, unknown_order, bad_amount, bad_checksum, error };

struct ReturnPage {
  bool signature_ok = false;
  std::string dossier_id, dossier_code, state;  // our state of the payment as it is now
  int64_t amount = 0;
};

struct ReceiptFile {
  std::string file_name;
  std::string pdf;
};

struct ReconcileLine {
  std::string order_ref, issue;  // missing_at_platform | missing_in_ledger | amount | state
  std::string our_state, their_state;
  int64_t our_amount = 0, their_amount = 0;
  std::string dossier_id;
};
struct Reconciliation {
  std::string provider, date;
  int64_t ours = 0, theirs = 0, matched = 0;
  std::vector<ReconcileLine> differences;
};

class PaymentService {
 public:
  PaymentService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, DossierService& dossiers,
                 const Clock& clock);
  ~PaymentService();
  PaymentService(const PaymentService&) = delete;
  PaymentService& operator=(const PaymentService&) = delete;

  // Wiring (cli/main.cc): the providers configured and the settings they came with.
  void configure(const PaymentConfig& pc);
  void add_gateway(std::unique_ptr<PaymentGateway> g);
  bool has_gateway(std::string_view name) const;

  Result<PaymentsView> payments(const Actor& a, const std::string& dossier_id);
  // Starts (or, for the same request, returns) a payment of what the dossier owes now. 409
  // no_payment_due / fee_unverified / fee_not_fixed when there is nothing to pay online.
  Result<store::PaymentRec> start(const Actor& a, const std::string& dossier_id, const StartPayment& in,
                                  const std::string& idempotency_key = {}, const std::string& body_hash = {});
  // CONFIRM (paygov) / IPN (vnpay). Every outcome is recorded (ledger when the order is ours,
  // audit for refusals).
  CallbackOutcome callback(const std::string& provider, const Fields& fields, const std::string& remote);
  // The browser coming back from the platform: what to show (changes nothing).
  Result<ReturnPage> browser_return(const std::string& provider, const Fields& fields);
  Result<ReceiptFile> receipt(const Actor& a, const std::string& dossier_id, const std::string& payment_id);

  // One pass of the re-query job: pending payments whose time has come are asked about; returns
  // how many were asked.
  Result<int> requery_due(int limit = 50);
  // The job's thread (serve): a pass whenever one may be due (every requery_ms / 4, at least 50 ms).
  void start_jobs();
  void stop_jobs();

  // Our ledger against the platform's statement for a local day.
  Result<Reconciliation> reconcile(const std::string& provider, const std::string& date);

 private:
  PaymentGateway* gateway(std::string_view name);
  // Applies what the platform says to a pending payment, in the caller's transaction.
  Status apply(sql::Connection& c, store::PaymentRec& p, const ProviderStatus& st, const std::string& via, Millis now);
  std::string callback_base() const;

  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  DossierService& dossiers_;
  const Clock& clock_;
  PaymentConfig pc_;
  std::map<std::string, std::unique_ptr<PaymentGateway>, std::less<>> gateways_;
  std::thread job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace motcua::app
