// The dossier's side of a confirmed payment (PaymentService calls it inside its transaction): a
// dossier awaiting payment goes back to processing by itself; a fee paid at filing is recorded.
#include <boost/json.hpp>

#include "app/dossier/dossier_service.h"
#include "app/dossier/policy.h"
#include "app/dossier/support.h"
#include "domain/dossier/history.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;

Status DossierService::payment_settled(sql::Connection& c, const std::string& dossier_id, const SettledPayment& p,
                                       Millis now) {
  MC_ASSIGN(auto found, store::get_dossier(c, dossier_id));
  if (!found) return make_error(ErrorKind::internal, "Không tìm thấy hồ sơ của giao dịch thanh toán");
  store::DossierRec d = *found;
  Actor system;
  system.kind = Actor::Kind::system;
  system.id = "system";
  json::object data{{"payment_id", p.payment_id}, {"order_ref", p.order_ref}, {"provider", p.provider},
                    {"amount", p.amount}, {"purpose", p.purpose}, {"receipt_no", p.receipt_no}};
  auto cal = calendar();
  const std::string from = d.state;
  if (p.purpose == "agency" && d.state == dossier::to_string(dossier::State::awaiting_payment)) {
    dossier::Facts f = facts_of(d, *cal, now);
    MC_ASSIGN(auto t, dossier::decide(f, dossier::Action::payment_received));
    if (t.resumes_clock && d.paused_at != 0) {
      if (d.due_at) d.due_at = cal->extend_for_pause(d.due_at, d.paused_at, now);
      data["paused_from"] = d.paused_at;
      data["due_at"] = d.due_at;  // the due day moved by the pause (kpi-verify replays it)
      d.paused_at = 0;
    }
    d.state = std::string(dossier::to_string(t.to));
    d.updated_at = now;
    d.version += 1;
    MC_TRY(store::update_dossier(c, d));
    ChangeRecord change{&system, std::string(dossier::to_string(dossier::Action::payment_received)), from,
                        "Đã nhận thanh toán trực tuyến " + std::to_string(p.amount) + " đồng", data};
    change.before = &*found;
    return record_change(c, d, change, now);
  }
  // Paid at filing (or the dossier moved on meanwhile): recorded, the state unchanged.
  d.updated_at = now;
  d.version += 1;
  MC_TRY(store::update_dossier(c, d));
  return record_change(c, d,
                       ChangeRecord{&system, std::string(dossier::to_string(dossier::Entry::payment_recorded)), from,
                                    "Đã nhận thanh toán trực tuyến " + std::to_string(p.amount) + " đồng", data,
                                    /*sync=*/false},
                       now);
}

}  // namespace motcua::app
