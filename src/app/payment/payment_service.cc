// Payments of dossier fees: starting one, the platforms' callbacks, the re-query job, receipts and
// the daily reconciliation (payment_service.h).
#include "app/payment/payment_service.h"

#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "app/idempotency.h"
#include "app/journal.h"
#include "app/payment/fees.h"
#include "common/crypto.h"
#include "common/text.h"
#include "docs/payment_docs.h"
#include "domain/dossier/code.h"
#include "domain/dossier/history.h"
#include "domain/dossier/state.h"
#include "domain/dossier/transitions.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using payment::Outcome;

namespace {

constexpr Millis kReuseMs = 15 * 60 * 1000;      // a pending attempt is offered again for this long
constexpr Millis kExpireMs = 24 * 3600 * 1000;  // a payment still pending after a day has failed

const char* state_of(Outcome o) {
  switch (o) {
    case Outcome::paid: return "paid";
    case Outcome::failed: return "failed";
    case Outcome::pending: return "pending";
  }
  return "pending";
}

Error not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.", "not_found"); }

// What the dossier owes now and at which moment, or why nothing can be paid online.
struct Owed {
  payment::FeeQuote quote;
  std::string purpose;  // filing | agency | "" (nothing to pay now)
};

// The exemptions granted when the agency last asked for payment (request_payment's `items`,
// recorded in its history entry's data as `exemptions`).
std::vector<std::string> granted_exemptions(const std::vector<store::EventRec>& events) {
  std::vector<std::string> out;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (!dossier::is(it->action, dossier::Action::request_payment)) continue;
    boost::system::error_code ec;
    auto v = json::parse(it->data, ec);
    if (!ec && v.is_object())
      if (auto* e = v.as_object().if_contains("exemptions"); e && e->is_array())
        for (auto& x : e->as_array())
          if (x.is_string()) out.emplace_back(x.as_string());
    break;
  }
  return out;
}

// The pages and copies the official counted when the agency last asked for payment (a per-page
// fee; request_payment's `pages` and `copies`, recorded in its history entry's data).
std::optional<payment::PageCount> counted_pages(const std::vector<store::EventRec>& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (!dossier::is(it->action, dossier::Action::request_payment)) continue;
    boost::system::error_code ec;
    auto v = json::parse(it->data, ec);
    if (ec || !v.is_object()) return std::nullopt;
    auto* pages = v.as_object().if_contains("pages");
    auto* copies = v.as_object().if_contains("copies");
    if (!pages || !copies || !pages->is_int64() || !copies->is_int64()) return std::nullopt;
    return payment::PageCount{pages->as_int64(), copies->as_int64()};
  }
  return std::nullopt;
}

Owed owed(const store::DossierRec& d, const store::ProcedureRec& proc, const std::vector<store::PaymentRec>& pays,
          const std::vector<store::EventRec>& events) {
  Owed o;
  int64_t paid = 0;
  for (auto& p : pays)
    if (p.state == "paid") paid += p.amount;
  using dossier::State;
  if (d.state == dossier::to_string(State::awaiting_payment)) o.purpose = "agency";
  else if (d.state == dossier::to_string(State::submitted) && dossier::channel_from_code(int(d.channel)) == dossier::Channel::online && d.received_at == 0) o.purpose = "filing";
  // Exemptions are granted by the official who asks for payment (a citizen never exempts themself).
  const bool agency = o.purpose == "agency";
  o.quote = payment::quote(fees_of(proc), agency ? payment::Moment::agency : payment::Moment::filing, paid,
                           agency ? granted_exemptions(events) : std::vector<std::string>{},
                           agency ? counted_pages(events) : std::nullopt);
  if (o.purpose.empty() && o.quote.status == payment::FeeStatus::due) {
    o.quote.status = payment::FeeStatus::none;
    o.quote.amount = 0;
    o.quote.message_vi = "Hồ sơ hiện không có khoản phí, lệ phí nào phải nộp trực tuyến.";
  }
  return o;
}

Error cannot_pay(const payment::FeeQuote& q) {
  const char* code = q.status == payment::FeeStatus::unverified  ? "fee_unverified"
                     : q.status == payment::FeeStatus::not_fixed ? "fee_not_fixed"
                                                                 : "no_payment_due";
  return make_error(ErrorKind::conflict, q.message_vi, code);
}

}  // namespace

PaymentService::PaymentService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, DossierService& dossiers,
                               const Clock& clock)
    : cfg_(cfg), db_(db), catalogue_(catalogue), dossiers_(dossiers), clock_(clock) {}

PaymentService::~PaymentService() { stop_jobs(); }

void PaymentService::configure(const PaymentConfig& pc) { pc_ = pc; }

void PaymentService::add_gateway(std::unique_ptr<PaymentGateway> g) {
  std::string n(g->name());
  gateways_[n] = std::move(g);
}

bool PaymentService::has_gateway(std::string_view name) const { return gateways_.find(name) != gateways_.end(); }

PaymentGateway* PaymentService::gateway(std::string_view name) {
  auto it = gateways_.find(name);
  return it == gateways_.end() ? nullptr : it->second.get();
}

std::string PaymentService::callback_base() const {
  std::string b = pc_.callback_url.empty() ? cfg_.public_url : pc_.callback_url;
  while (!b.empty() && b.back() == '/') b.pop_back();
  return b;
}

Result<PaymentsView> PaymentService::payments(const Actor& a, const std::string& dossier_id) {
  // The dossier's own read rule (404 for another citizen's, 403 for another agency's).
  MC_ASSIGN(auto view, dossiers_.dossier(a, dossier_id));
  if (view.consulted_only) return make_error(ErrorKind::forbidden, "Cơ quan được lấy ý kiến không xem thanh toán của hồ sơ.", "forbidden");
  PaymentsView v;
  v.dossier_id = view.dossier.id;
  v.dossier_code = view.dossier.code;
  v.dossier_state = view.dossier.state;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(v.payments, store::dossier_payments(c, dossier_id));
    return ok_status();
  }));
  MC_ASSIGN(auto proc, catalogue_.procedure(view.dossier.procedure_id));
  if (!proc) return make_error(ErrorKind::internal, "Thiếu thủ tục của hồ sơ");
  Owed o = owed(view.dossier, proc->rec, v.payments, view.events);
  v.quote = o.quote;
  std::optional<payment::Moment> stage;
  if (o.purpose == "agency") stage = payment::Moment::agency;
  else if (o.purpose == "filing") stage = payment::Moment::filing;
  v.exemptions = payment::exemptions_of(fees_of(proc->rec), stage, granted_exemptions(view.events));
  for (auto& [name, g] : gateways_) v.providers.push_back(name);
  v.may_pay = a.is_citizen() && view.dossier.owner_personal_id == a.id && !o.purpose.empty() &&
              o.quote.status == payment::FeeStatus::due && !v.providers.empty();
  return v;
}

Result<store::PaymentRec> PaymentService::start(const Actor& a, const std::string& dossier_id, const StartPayment& in,
                                                const std::string& idempotency_key, const std::string& body_hash) {
  if (!a.is_citizen()) {
    if (a.is_staff())
      return make_error(ErrorKind::forbidden, "Chỉ người nộp hồ sơ thanh toán trực tuyến; cán bộ thu phí tại quầy.",
                        "only_applicant");
    return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  }
  PaymentGateway* g = gateway(in.provider);
  if (!g) {
    std::string offered;
    for (auto& [name, gw] : gateways_) offered += (offered.empty() ? "" : ", ") + name;
    Error e = make_error(ErrorKind::invalid, "Cổng thanh toán không hợp lệ.", "invalid_provider");
    e.fields.push_back({"provider", offered.empty() ? "Chưa có cổng thanh toán nào được cấu hình"
                                                    : "Chọn một trong các cổng: " + offered});
    return e;
  }
  const Idempotency idem = idempotency(a, idempotency_key, "payment", dossier_id, body_hash);
  const Millis now = clock_.now();
  store::DossierRec d;
  std::optional<store::PaymentRec> earlier;
  Owed o;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto found, store::get_dossier(c, dossier_id));
    if (!found || found->owner_personal_id != a.id) return not_found();
    d = *found;
    MC_ASSIGN(auto first, earlier_reply(c, idem));
    if (first) {
      MC_ASSIGN(earlier, store::get_payment(c, *first));
      return ok_status();
    }
    MC_ASSIGN(auto pays, store::dossier_payments(c, dossier_id));
    MC_ASSIGN(auto events, store::list_events(c, dossier_id));
    MC_ASSIGN(auto proc, catalogue_.procedure(d.procedure_id));
    if (!proc) return make_error(ErrorKind::internal, "Thiếu thủ tục của hồ sơ");
    o = owed(d, proc->rec, pays, events);
    if (o.purpose.empty() || o.quote.status != payment::FeeStatus::due) return cannot_pay(o.quote);
    // A pending attempt for the same amount through the same platform is offered again.
    for (auto it = pays.rbegin(); it != pays.rend(); ++it)
      if (it->state == "pending" && it->provider == in.provider && it->amount == o.quote.amount &&
          it->purpose == o.purpose && now - it->created_at < kReuseMs) {
        earlier = *it;
        break;
      }
    return ok_status();
  }));
  if (earlier) return *earlier;

  store::PaymentRec p;
  p.id = new_id();
  p.dossier_id = d.id;
  p.owner_personal_id = d.owner_personal_id;
  p.provider = in.provider;
  p.order_ref = "MC" + payment::vn_timestamp(now).substr(2) + random_hex(4);
  p.purpose = o.purpose;
  p.amount = o.quote.amount;
  // VNPay's vnp_OrderInfo must be Vietnamese without diacritics (ASCII only).
  p.description = unaccent_vi("Nộp phí, lệ phí hồ sơ " + d.code);
  p.created_at = p.updated_at = now;
  InitRequest r{p.order_ref, p.amount, p.description, d.code,
                callback_base() + "/api/v1/payments/" + in.provider + "/return", in.client_ip, now};
  auto init = g->init(r);
  if (init.ok()) {
    p.state = "pending";
    p.pay_url = init->pay_url;
    p.provider_txn = init->provider_txn;
    p.next_query_at = now + pc_.requery_ms;
  } else {
    p.state = "failed";  // the attempt is recorded all the same
  }
  json::array lines;
  for (auto& l : o.quote.lines)
    lines.push_back(json::object{{"code", l.code}, {"name", l.name}, {"amount", l.amount}, {"exempted", l.exempted}});
  // A failed INIT is recorded as a failed attempt but not under the Idempotency-Key: its retry
  // runs afresh.
  const Idempotency none{idem.subject, "", ""};
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(bool locked, store::lock_dossier(c, d.id));
    (void)locked;
    MC_ASSIGN(Created made, with_idempotency(c, init.ok() ? idem : none, now, [&]() -> Result<std::string> {
      // The dossier may have moved on since the read: what it owes is decided again here.
      MC_ASSIGN(auto again, store::get_dossier(c, d.id));
      MC_ASSIGN(auto pays, store::dossier_payments(c, d.id));
      MC_ASSIGN(auto events, store::list_events(c, d.id));
      MC_ASSIGN(auto proc, catalogue_.procedure(d.procedure_id));
      if (!again || !proc) return not_found();
      Owed now_owed = owed(*again, proc->rec, pays, events);
      if (now_owed.purpose != p.purpose || now_owed.quote.amount != p.amount) return cannot_pay(now_owed.quote);
      // Two first requests at once: the second answers the first's attempt (its own INIT is
      // never used; the platform lets an unpaid order expire).
      for (auto& q : pays)
        if (init.ok() && q.state == "pending" && q.provider == p.provider && q.amount == p.amount &&
            q.purpose == p.purpose && now - q.created_at < kReuseMs)
          return q.id;
      MC_TRY(store::insert_payment(c, p));
      json::object detail{{"provider", p.provider}, {"order_ref", p.order_ref}, {"lines", lines},
                          {"purpose", p.purpose}};
      if (!init.ok()) detail["init_error"] = init.error().detail;
      MC_TRY(store::append_ledger(c, {0, p.id, now, "created", "", p.state, p.amount, a.label(), json::serialize(detail)}));
      MC_TRY(audit(c, now, a.label(), "payment.created", "payment:" + p.id,
                   {{"dossier_id", d.id}, {"order_ref", p.order_ref}, {"amount", p.amount}, {"provider", p.provider},
                    {"state", p.state}}));
      return p.id;
    }));
    MC_ASSIGN(auto stored, store::get_payment(c, made.id));
    if (!stored) return make_error(ErrorKind::internal, "Không đọc lại được giao dịch thanh toán");
    p = *stored;
    return ok_status();
  }));
  if (!init.ok())
    return make_error(ErrorKind::unavailable,
                      std::string(g->label_vi()) + " tạm thời không trả lời. Vui lòng thử lại sau ít phút.",
                      "provider_unavailable");
  return p;
}

Status PaymentService::apply(sql::Connection& c, store::PaymentRec& p, const ProviderStatus& st, const std::string& via,
                             Millis now) {
  const std::string from = p.state;
  std::string to = state_of(st.outcome);
  const std::string actor = "provider:" + p.provider;
  if (to == "pending" && via == "query" && now - p.created_at > kExpireMs) to = "failed";  // never paid
  MC_TRY(store::append_ledger(c, {0, p.id, now, via, from, to, st.amount, actor, st.raw}));
  if (!st.provider_txn.empty()) p.provider_txn = st.provider_txn;
  if (to == "pending") {
    if (via == "query") {
      p.query_attempts += 1;
      int shift = int(std::min<int64_t>(p.query_attempts, 20));
      p.next_query_at = now + std::min(pc_.requery_max_ms, pc_.requery_ms << shift);
    }
    p.updated_at = now;
    p.version += 1;
    return store::update_payment(c, p);
  }
  p.state = to;
  p.updated_at = now;
  p.next_query_at = 0;
  if (to == "paid") {
    p.paid_at = now;
    p.receipt_no = "BL-" + p.order_ref;
  }
  p.version += 1;
  MC_TRY(store::update_payment(c, p));
  MC_TRY(store::append_ledger(c, {0, p.id, now, "state", from, to, p.amount, actor,
                                  json::serialize(json::object{{"via", via}, {"receipt_no", p.receipt_no}})}));
  MC_TRY(audit(c, now, actor, "payment." + to, "payment:" + p.id,
               {{"dossier_id", p.dossier_id}, {"order_ref", p.order_ref}, {"amount", p.amount}, {"via", via}}));
  if (to == "paid")
    MC_TRY(dossiers_.payment_settled(c, p.dossier_id,
                                     SettledPayment{p.id, p.order_ref, p.provider, p.purpose, p.amount, p.receipt_no},
                                     now));
  return ok_status();
}

CallbackOutcome PaymentService::callback(const std::string& provider, const Fields& fields, const std::string& remote) {
  PaymentGateway* g = gateway(provider);
  if (!g) return CallbackOutcome::error;
  const CallbackFacts f = g->read_callback(fields);
  const Millis now = clock_.now();
  const std::string actor = "provider:" + provider;
  CallbackOutcome out = CallbackOutcome::error;
  // Refusals are audited (a forged or replayed message is evidence); the order's ledger gets them too.
  auto refuse = [&](sql::Connection& c, const std::optional<store::PaymentRec>& p, const char* reason) -> Status {
    json::object detail{{"reason", reason}, {"order_ref", f.order_ref}, {"remote", remote}};
    if (f.status.amount) detail["amount"] = *f.status.amount;
    if (p) MC_TRY(store::append_ledger(c, {0, p->id, now, "refused", p->state, p->state, f.status.amount, actor,
                                           json::serialize(json::object{{"reason", reason}, {"message", f.status.raw}})}));
    return audit(c, now, actor, "payment.callback_refused", p ? "payment:" + p->id : "payment-order:" + f.order_ref,
                 detail);
  };
  auto st = db_.write([&](sql::Connection& c) -> Status {
    std::optional<store::PaymentRec> p;
    if (!f.order_ref.empty() && f.order_ref.size() <= 64) {
      MC_ASSIGN(bool exists, store::lock_payment_order(c, f.order_ref));
      if (exists) {
        MC_ASSIGN(p, store::payment_by_order(c, f.order_ref));
      }
    }
    if (p && p->provider != provider) p.reset();  // another platform's order is not this one's
    if (!f.signature_ok) {
      out = CallbackOutcome::bad_checksum;
      return refuse(c, p, "bad_checksum");
    }
    if (!p) {
      out = CallbackOutcome::unknown_order;
      return refuse(c, p, "unknown_order");
    }
    if (!f.status.amount || *f.status.amount != p->amount) {
      out = CallbackOutcome::bad_amount;
      return refuse(c, p, "bad_amount");
    }
    if (p->state != "pending") {
      out = CallbackOutcome::duplicate;
      return store::append_ledger(c, {0, p->id, now, "callback", p->state, p->state, f.status.amount, actor,
                                      json::serialize(json::object{{"duplicate", true}, {"message", f.status.raw}})});
    }
    out = CallbackOutcome::applied;
    return apply(c, *p, f.status, "callback", now);
  });
  if (!st.ok()) return CallbackOutcome::error;
  return out;
}

Result<ReturnPage> PaymentService::browser_return(const std::string& provider, const Fields& fields) {
  PaymentGateway* g = gateway(provider);
  if (!g) return make_error(ErrorKind::not_found, "Không có cổng thanh toán này.", "not_found");
  const CallbackFacts f = g->read_return(fields);
  ReturnPage page;
  page.signature_ok = f.signature_ok;
  if (!f.signature_ok) return page;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto p, store::payment_by_order(c, f.order_ref));
    if (!p || p->provider != provider) return ok_status();
    MC_ASSIGN(auto d, store::get_dossier(c, p->dossier_id));
    page.dossier_id = p->dossier_id;
    page.dossier_code = d ? d->code : "";
    page.state = p->state;
    page.amount = p->amount;
    return ok_status();
  }));
  return page;
}

Result<ReceiptFile> PaymentService::receipt(const Actor& a, const std::string& dossier_id, const std::string& payment_id) {
  MC_ASSIGN(auto view, dossiers_.dossier(a, dossier_id));
  if (view.consulted_only) return make_error(ErrorKind::forbidden, "Cơ quan được lấy ý kiến không xem thanh toán của hồ sơ.", "forbidden");
  std::optional<store::PaymentRec> p;
  std::vector<store::LedgerRec> ledger;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(p, store::get_payment(c, payment_id));
    if (p && p->dossier_id == dossier_id) {
      MC_ASSIGN(ledger, store::payment_ledger(c, p->id));
    }
    return ok_status();
  }));
  if (!p || p->dossier_id != dossier_id)
    return make_error(ErrorKind::not_found, "Không tìm thấy giao dịch thanh toán.", "not_found");
  if (p->state != "paid")
    return make_error(ErrorKind::conflict, "Giao dịch chưa được cổng thanh toán xác nhận nên chưa có biên lai.",
                      "not_paid");
  MC_ASSIGN(auto agency, catalogue_.agency(view.dossier.receiving_agency_id));
  if (!agency) return make_error(ErrorKind::internal, "Thiếu cơ quan của hồ sơ");
  docs::AgencyHeader head{"", agency->name, "Quảng Ngãi"};
  if (!agency->parent_id.empty()) {
    MC_ASSIGN(auto parent, catalogue_.agency(agency->parent_id));
    if (parent) head.parent_name = parent->name;
  }
  docs::PaymentReceipt r;
  r.receipt_no = p->receipt_no;
  r.dossier_code = view.dossier.code;
  r.procedure_name = view.procedure.name;
  r.payer_name = view.dossier.applicant_name;
  r.amount = p->amount;
  r.order_ref = p->order_ref;
  r.provider_txn = p->provider_txn;
  r.paid_at = p->paid_at;
  r.base_url = cfg_.public_url;
  r.tracking_key = dossier::tracking_key(view.dossier.id);
  if (cfg_.training) r.watermark = "BẢN ĐÀO TẠO — không có giá trị pháp lý";
  if (PaymentGateway* g = gateway(p->provider)) r.provider_label = std::string(g->label_vi());
  else r.provider_label = p->provider;
  // The lines as charged when the attempt was created (its ledger's first entry).
  for (auto& l : ledger) {
    if (l.kind != "created") continue;
    boost::system::error_code ec;
    auto v = json::parse(l.detail, ec);
    if (ec || !v.is_object()) break;
    if (auto* ls = v.as_object().if_contains("lines"); ls && ls->is_array())
      for (auto& x : ls->as_array())
        if (x.is_object() && x.as_object().contains("name") && x.as_object().contains("amount"))
          r.lines.emplace_back(std::string(x.as_object().at("name").as_string()), x.as_object().at("amount").to_number<int64_t>());
    break;
  }
  if (r.lines.empty()) r.lines.emplace_back("Phí, lệ phí", p->amount);
  MC_ASSIGN(auto pdf, docs::render_payment_receipt(head, r));
  return ReceiptFile{"bien-lai-" + p->receipt_no + ".pdf", std::move(pdf)};
}

Result<int> PaymentService::requery_due(int limit) {
  const Millis now = clock_.now();
  std::vector<store::PaymentRec> due;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(due, store::payments_to_query(c, now, limit));
    return ok_status();
  }));
  int asked = 0;
  for (auto& p0 : due) {
    PaymentGateway* g = gateway(p0.provider);
    if (!g) continue;
    ++asked;
    auto st = g->query(p0, now);
    const Millis at = clock_.now();
    auto w = db_.write([&](sql::Connection& c) -> Status {
      MC_ASSIGN(bool exists, store::lock_payment_order(c, p0.order_ref));
      if (!exists) return ok_status();
      MC_ASSIGN(auto p, store::get_payment(c, p0.id));
      if (!p || p->state != "pending") return ok_status();  // a callback came first
      if (!st.ok()) {
        ProviderStatus still;
        still.raw = json::serialize(json::object{{"error", st.error().detail}});
        return apply(c, *p, still, "query", at);
      }
      if (st->outcome == Outcome::paid && (!st->amount || *st->amount != p->amount)) {
        // The platform's answer does not match the order: never believed; looked at again later.
        MC_TRY(audit(c, at, "provider:" + p->provider, "payment.query_refused", "payment:" + p->id,
                     {{"reason", "bad_amount"}, {"order_ref", p->order_ref}}));
        ProviderStatus still;
        still.raw = json::serialize(json::object{{"refused", "bad_amount"}, {"message", st->raw}});
        return apply(c, *p, still, "query", at);
      }
      return apply(c, *p, *st, "query", at);
    });
    (void)w;  // a failed write is retried at the next pass (the row is unchanged)
  }
  return asked;
}

void PaymentService::start_jobs() {
  if (job_.joinable() || gateways_.empty()) return;
  stopping_ = false;
  job_ = std::thread([this] {
    const auto period = std::chrono::milliseconds(std::max<int64_t>(50, std::min<int64_t>(pc_.requery_ms / 4, 15000)));
    std::unique_lock lk(mu_);
    while (!stopping_) {
      lk.unlock();
      (void)requery_due();
      lk.lock();
      cv_.wait_for(lk, period, [this] { return stopping_; });
    }
  });
}

void PaymentService::stop_jobs() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (job_.joinable()) job_.join();
}

Result<Reconciliation> PaymentService::reconcile(const std::string& provider, const std::string& date) {
  auto day = parse_date(date);
  if (!day) return make_error(ErrorKind::invalid, "Ngày đối soát phải có dạng YYYY-MM-DD.", "invalid_date");
  PaymentGateway* g = gateway(provider);
  if (!g) return make_error(ErrorKind::invalid, "Cổng thanh toán " + provider + " chưa được cấu hình.", "invalid_provider");
  const Millis from = local_instant(*day, 0), to = from + 24 * 3600 * 1000;
  Reconciliation r;
  r.provider = provider;
  r.date = date;
  MC_ASSIGN(auto theirs, g->statement(date));
  std::vector<store::PaymentRec> ours;
  std::map<std::string, store::PaymentRec> by_ref;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(ours, store::payments_between(c, provider, from, to));
    for (auto& p : ours) by_ref[p.order_ref] = p;
    // An order the platform lists that our day does not hold may still be ours (another day).
    for (auto& t : theirs)
      if (!by_ref.count(t.order_ref)) {
        MC_ASSIGN(auto p, store::payment_by_order(c, t.order_ref));
        if (p && p->provider == provider) by_ref[t.order_ref] = *p;
      }
    return ok_status();
  }));
  r.ours = int64_t(std::count_if(ours.begin(), ours.end(), [](auto& p) { return p.state == "paid"; }));
  r.theirs = int64_t(theirs.size());
  std::set<std::string> listed;
  for (auto& t : theirs) {
    listed.insert(t.order_ref);
    auto it = by_ref.find(t.order_ref);
    if (it == by_ref.end()) {
      r.differences.push_back({t.order_ref, "missing_in_ledger", "", t.state, 0, t.amount, ""});
      continue;
    }
    const auto& p = it->second;
    bool same = true;
    if (p.amount != t.amount) {
      r.differences.push_back({t.order_ref, "amount", p.state, t.state, p.amount, t.amount, p.dossier_id});
      same = false;
    }
    if (p.state != t.state) {
      r.differences.push_back({t.order_ref, "state", p.state, t.state, p.amount, t.amount, p.dossier_id});
      same = false;
    }
    if (same) ++r.matched;
  }
  for (auto& p : ours)
    if (p.state == "paid" && !listed.count(p.order_ref))
      r.differences.push_back({p.order_ref, "missing_at_platform", p.state, "", p.amount, 0, p.dossier_id});
  return r;
}

}  // namespace motcua::app
