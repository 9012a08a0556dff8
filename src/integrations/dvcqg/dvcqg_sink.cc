#include "integrations/dvcqg/dvcqg_sink.h"

#include "domain/dossier/state.h"

namespace motcua::integrations::dvcqg {

DvcqgSink::DvcqgSink(std::shared_ptr<PortalClient> client, app::NationalSyncService& national)
    : client_(std::move(client)), national_(national) {}

Result<Facts> DvcqgSink::facts(const SyncEvent& e) {
  Facts f;
  auto agency = [&](const std::string& id) -> Result<app::NationalAgency> {
    if (id.empty()) return app::NationalAgency{};
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = agencies_.find(id); it != agencies_.end()) return it->second;
    }
    MC_ASSIGN(auto a, national_.agency(id));
    std::lock_guard<std::mutex> lock(mu_);
    agencies_[id] = a;
    return a;
  };
  if (!e.procedure_id.empty()) {
    bool cached = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = procedures_.find(e.procedure_id); it != procedures_.end()) {
        f.procedure = it->second;
        cached = true;
      }
    }
    if (!cached) {
      MC_ASSIGN(f.procedure, national_.procedure(e.procedure_id));
      std::lock_guard<std::mutex> lock(mu_);
      procedures_[e.procedure_id] = f.procedure;
    }
  }
  MC_ASSIGN(f.competent, agency(e.competent_agency_id));
  MC_ASSIGN(f.receiving, agency(e.receiving_agency_id));
  return f;
}

Status DvcqgSink::deliver(const app::outbox_relay::Message& m) {
  MC_ASSIGN(auto e, parse_sync_event(m.payload));
  if (e.status < 1 || e.status > 10) return ok_status();  // a draft: the portal has nothing to know
  MC_ASSIGN(auto f, facts(e));
  MC_ASSIGN(auto known, national_.sync_state(e.dossier_id));
  boost::json::object sync{{"isUpdating", known.confirmed_status != 0 ? "True" : "False"},
                           {"data", boost::json::array{dossier_item(e, f)}}};
  MC_TRY(client_->call("DongBoHoSoMC", sync, m.idempotency_key + ":DongBoHoSoMC"));
  boost::json::object step{{"data", boost::json::array{progress_item(e, f)}}};
  MC_TRY(client_->call("CapNhatTienDoHoSoMC", step, m.idempotency_key + ":CapNhatTienDoHoSoMC"));
  // Both calls accepted: the portal now holds this step and, delivered in order, every one
  // before it. A message of the decided dossier (9 Đã xử lý xong, 10 Đã trả kết quả) publishes
  // its progress through the decision (Quyết định 766 progress_published).
  const auto state = dossier::state_from_national_code(int(e.status));
  const bool decided = (state == dossier::State::resolved || state == dossier::State::returned) && e.resolved_at > 0;
  return national_.record_delivery(e.dossier_id, e.code, e.status, m.id, decided ? e.resolved_at : 0);
}

}  // namespace motcua::integrations::dvcqg
