// Payments and their ledger (migration 012; app/payment). A payment is one attempt to pay a fee
// of a dossier through one provider; the ledger keeps every event of it (created, callbacks,
// queries, state changes, refusals) in order. Amounts in VND.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct PaymentRec {
  std::string id, dossier_id, owner_personal_id, provider, order_ref, purpose;
  int64_t amount = 0;
  std::string description, state, pay_url, provider_txn;
  Millis created_at = 0, updated_at = 0, paid_at = 0, next_query_at = 0;
  int64_t query_attempts = 0;
  std::string receipt_no;
  int64_t version = 1;
};

struct LedgerRec {
  int64_t id = 0;
  std::string payment_id;
  Millis at = 0;
  std::string kind, from_state, to_state;
  std::optional<int64_t> amount;
  std::string actor, detail;  // detail: JSON
};

Status insert_payment(sql::Connection& c, const PaymentRec& p);
// Writes state, provider_txn, paid_at, next_query_at, query_attempts, receipt_no, updated_at and
// version = p.version when the stored version is p.version - 1; conflict "stale" otherwise.
Status update_payment(sql::Connection& c, const PaymentRec& p);
Result<std::optional<PaymentRec>> get_payment(sql::Connection& c, const std::string& id);
Result<std::optional<PaymentRec>> payment_by_order(sql::Connection& c, const std::string& order_ref);
// A dossier's payments, oldest first.
Result<std::vector<PaymentRec>> dossier_payments(sql::Connection& c, const std::string& dossier_id);
// Pending payments whose next look is due (next_query_at <= now), oldest first.
Result<std::vector<PaymentRec>> payments_to_query(sql::Connection& c, Millis now, int limit);
// Payments of `provider` created or paid within [from, to) (UTC ms).
Result<std::vector<PaymentRec>> payments_between(sql::Connection& c, const std::string& provider, Millis from, Millis to);
// Locks the payment's row for the rest of the transaction (PostgreSQL; a no-op write on SQLite,
// whose single writer already serialises). false when there is no such order.
Result<bool> lock_payment_order(sql::Connection& c, const std::string& order_ref);

Status append_ledger(sql::Connection& c, const LedgerRec& r);
Result<std::vector<LedgerRec>> payment_ledger(sql::Connection& c, const std::string& payment_id);

}  // namespace motcua::store
