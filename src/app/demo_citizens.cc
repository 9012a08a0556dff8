// The demo desk's citizens paying online and rating (demo_citizens.h).
#include "app/demo_citizens.h"

#include <boost/json.hpp>

#include "domain/payment/protocol.h"
#include "store/payment_repo.h"

namespace motcua::app {
namespace json = boost::json;

Status DemoCitizens::start_payment(const Actor& citizen, const std::string& dossier_id) {
  auto p = app_.payments().start(citizen, dossier_id, StartPayment{"vnpay", "127.0.0.1"});
  if (!p.ok()) return p.error();
  if (p->state != "pending") return make_error(ErrorKind::internal, "Giao dịch thanh toán mẫu không ở trạng thái chờ");
  return ok_status();
}

Status DemoCitizens::ipn(const std::string& dossier_id, bool paid, Millis now) {
  if (!vnpay_) return make_error(ErrorKind::internal, "Dữ liệu mẫu không có cổng thanh toán");
  std::optional<store::PaymentRec> pending;
  MC_TRY(app_.db().read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto pays, store::dossier_payments(c, dossier_id));
    for (auto& p : pays)
      if (p.state == "pending") pending = p;
    return ok_status();
  }));
  if (!pending) return make_error(ErrorKind::internal, "Không có giao dịch đang chờ để VNPay báo kết quả");
  // The fields VNPay's IPN carries (as tools/sim/vnpay sends them), signed with the terminal's secret.
  const std::string txn = std::to_string(14000000 + ++txn_);
  Fields f{{"vnp_Amount", payment::vnpay_amount(pending->amount)},
           {"vnp_BankCode", "NCB"},
           {"vnp_BankTranNo", "VNP" + txn},
           {"vnp_CardType", "ATM"},
           {"vnp_OrderInfo", pending->description},
           {"vnp_PayDate", paid ? payment::vn_timestamp(now) : ""},
           {"vnp_ResponseCode", paid ? "00" : "24"},  // 24: the customer cancelled
           {"vnp_TmnCode", vnpay_->tmn_code},
           {"vnp_TransactionNo", txn},
           {"vnp_TransactionStatus", paid ? "00" : "02"},
           {"vnp_TxnRef", pending->order_ref}};
  f["vnp_SecureHash"] = payment::vnpay_secure_hash(f, vnpay_->secret);
  if (app_.payments().callback("vnpay", f, "127.0.0.1") != CallbackOutcome::applied)
    return make_error(ErrorKind::internal, "IPN mẫu của VNPay không được ghi nhận");
  ++(paid ? payments : cancelled);
  return ok_status();
}

Result<bool> DemoCitizens::kiosk_ready(const Actor& returned_by) {
  if (kiosks_.count(returned_by.id)) return true;
  std::string agency;
  for (auto& g : returned_by.grants)
    if (g.role == org::Role::reception && agency.empty()) agency = g.agency_id;
  if (agency.empty()) return false;  // only a reception desk has a kiosk
  MC_ASSIGN(KioskPairing made, app_.citizen().create_kiosk(returned_by, "Quầy số " + std::to_string(kiosks_.size() + 1),
                                                           agency, "", ""));
  MC_ASSIGN(KioskPaired paired, app_.citizen().pair_kiosk(made.code));
  kiosks_[returned_by.id] = Kiosk{paired.token, paired.csrf};
  return true;
}

Result<std::string> DemoCitizens::rate(const std::string& dossier_id, const std::string& code, const Actor* returned_by,
                                       const Actor* citizen, const std::string& score, const std::string& comment) {
  const RatingInput in{score, comment};
  auto done = [&](const char* channel) -> Result<std::string> {
    ++ratings_by_channel[channel];
    return std::string(channel);
  };
  if (returned_by) {
    auto k = kiosks_.find(returned_by->id);
    if (k != kiosks_.end()) {
      MC_ASSIGN(KioskCurrent shown, app_.citizen().kiosk_current(k->second.token));
      if (shown.code && *shown.code == code) {  // another return since would show another dossier
        MC_TRY(app_.citizen().rate_at_kiosk(k->second.token, k->second.csrf, in, "", ""));
        return done("kiosk");
      }
    }
  }
  if (citizen) {
    MC_TRY(app_.citizen().rate(*citizen, dossier_id, in, "", ""));
    return done("web");
  }
  // The invitation the return enqueued for a reachable applicant: its link stands for them.
  std::string token;
  MC_TRY(app_.db().read([&](sql::Connection& c) -> Status {
    const std::vector<sql::Value> p{sql::Value(dossier_id)};
    MC_ASSIGN(auto rows, c.query("SELECT payload FROM outbox WHERE okey = ? AND topic = 'notify' ORDER BY id DESC", p));
    for (auto& r : rows) {
      boost::system::error_code ec;
      auto v = json::parse(r.text(0), ec);
      if (ec || !v.is_object()) continue;
      auto* url = v.as_object().if_contains("rating_url");
      if (!url || !url->is_string()) continue;
      const std::string u(url->as_string());
      if (auto at = u.rfind("/danh-gia/"); at != std::string::npos) token = u.substr(at + 10);
      break;
    }
    return ok_status();
  }));
  if (token.empty()) return std::string();
  MC_TRY(app_.citizen().rate_by_link(token, in, "", ""));
  return done("link");
}

}  // namespace motcua::app
