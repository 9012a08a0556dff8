#include "store/payment_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {
constexpr const char* kCols =
    "id, dossier_id, owner_personal_id, provider, order_ref, purpose, amount, description, state, pay_url,"
    " provider_txn, created_at, updated_at, paid_at, next_query_at, query_attempts, receipt_no, version";

PaymentRec payment_of(const sql::Row& r) {
  PaymentRec p;
  p.id = r.text(0);
  p.dossier_id = r.text(1);
  p.owner_personal_id = r.text(2);
  p.provider = r.text(3);
  p.order_ref = r.text(4);
  p.purpose = r.text(5);
  p.amount = r.i64(6);
  p.description = r.text(7);
  p.state = r.text(8);
  p.pay_url = r.text(9);
  p.provider_txn = r.text(10);
  p.created_at = r.i64(11);
  p.updated_at = r.i64(12);
  p.paid_at = i64_or0(r, 13);
  p.next_query_at = i64_or0(r, 14);
  p.query_attempts = r.i64(15);
  p.receipt_no = r.text(16);
  p.version = r.i64(17);
  return p;
}

Result<std::vector<PaymentRec>> select(sql::Connection& c, const std::string& where, const Params& p) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM payments WHERE " + where, p));
  std::vector<PaymentRec> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(payment_of(r));
  return out;
}
Result<std::optional<PaymentRec>> one(sql::Connection& c, const std::string& where, const Params& p) {
  MC_ASSIGN(auto v, select(c, where, p));
  if (v.empty()) return std::optional<PaymentRec>{};
  return std::optional<PaymentRec>{std::move(v[0])};
}
}  // namespace

Status insert_payment(sql::Connection& c, const PaymentRec& p) {
  Params q{txt(p.id), txt(p.dossier_id), opt(p.owner_personal_id), txt(p.provider), txt(p.order_ref), txt(p.purpose),
           num(p.amount), txt(p.description), txt(p.state), txt(p.pay_url), opt(p.provider_txn), num(p.created_at),
           num(p.updated_at), opt_ms(p.paid_at), opt_ms(p.next_query_at), num(p.query_attempts), opt(p.receipt_no),
           num(p.version)};
  MC_TRY(c.exec(std::string("INSERT INTO payments (") + kCols +
                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q));
  return ok_status();
}

Status update_payment(sql::Connection& c, const PaymentRec& p) {
  Params q{txt(p.state), opt(p.provider_txn), opt_ms(p.paid_at), opt_ms(p.next_query_at), num(p.query_attempts),
           opt(p.receipt_no), num(p.updated_at), num(p.version), txt(p.id), num(p.version - 1)};
  MC_ASSIGN(auto n, c.exec("UPDATE payments SET state = ?, provider_txn = ?, paid_at = ?, next_query_at = ?,"
                           " query_attempts = ?, receipt_no = ?, updated_at = ?, version = ?"
                           " WHERE id = ? AND version = ?",
                           q));
  if (n != 1) return make_error(ErrorKind::conflict, "Giao dịch thanh toán vừa được cập nhật. Vui lòng thử lại.", "stale");
  return ok_status();
}

Result<std::optional<PaymentRec>> get_payment(sql::Connection& c, const std::string& id) {
  return one(c, "id = ?", Params{txt(id)});
}
Result<std::optional<PaymentRec>> payment_by_order(sql::Connection& c, const std::string& order_ref) {
  return one(c, "order_ref = ?", Params{txt(order_ref)});
}
Result<std::vector<PaymentRec>> dossier_payments(sql::Connection& c, const std::string& dossier_id) {
  return select(c, "dossier_id = ? ORDER BY created_at, id", Params{txt(dossier_id)});
}
Result<std::vector<PaymentRec>> payments_to_query(sql::Connection& c, Millis now, int limit) {
  return select(c, "state = 'pending' AND next_query_at <= ? ORDER BY next_query_at, id LIMIT ?",
                Params{num(now), num(limit)});
}
Result<std::vector<PaymentRec>> payments_between(sql::Connection& c, const std::string& provider, Millis from, Millis to) {
  return select(c,
                "provider = ? AND ((created_at >= ? AND created_at < ?) OR (paid_at >= ? AND paid_at < ?))"
                " ORDER BY created_at, id",
                Params{txt(provider), num(from), num(to), num(from), num(to)});
}

Result<bool> lock_payment_order(sql::Connection& c, const std::string& order_ref) {
  MC_ASSIGN(auto n, c.exec("UPDATE payments SET version = version WHERE order_ref = ?", Params{txt(order_ref)}));
  return n == 1;
}

Status append_ledger(sql::Connection& c, const LedgerRec& r) {
  Params q{txt(r.payment_id), num(r.at), txt(r.kind), opt(r.from_state), opt(r.to_state),
           r.amount ? num(*r.amount) : sql::null(), txt(r.actor), txt(r.detail)};
  MC_TRY(c.exec("INSERT INTO payment_ledger (payment_id, at, kind, from_state, to_state, amount, actor, detail)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                q));
  return ok_status();
}

Result<std::vector<LedgerRec>> payment_ledger(sql::Connection& c, const std::string& payment_id) {
  MC_ASSIGN(auto rows, c.query("SELECT id, payment_id, at, kind, from_state, to_state, amount, actor, detail"
                               " FROM payment_ledger WHERE payment_id = ? ORDER BY id",
                               Params{txt(payment_id)}));
  std::vector<LedgerRec> out;
  for (auto& r : rows) {
    LedgerRec l;
    l.id = r.i64(0);
    l.payment_id = r.text(1);
    l.at = r.i64(2);
    l.kind = r.text(3);
    l.from_state = r.text(4);
    l.to_state = r.text(5);
    if (!r.is_null(6)) l.amount = r.i64(6);
    l.actor = r.text(7);
    l.detail = r.text(8);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace motcua::store
