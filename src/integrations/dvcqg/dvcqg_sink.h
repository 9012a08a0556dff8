// The relay's sink for topic "dvcqg" (app/outbox/sink.h): each `dvcqg.sync` row becomes a
// DongBoHoSoMC message (the dossier as it now stands) followed by a CapNhatTienDoHoSoMC message
// (the processing step), sent to the national portal over its session protocol (protocol.h).
//
// - Session: logged in on first use and kept; an answer "session expired" logs in again and
//   repeats the call once.
// - At least once: both calls carry `Idempotency-Key: <row key>:<service>` (the relay's key is
//   stable per row), so a portal that honours it — the simulator does — counts a repeat once; a
//   row whose first call went through and second failed is sent again whole.
// - Outcome: the portal's refusal of the content → ErrorKind::invalid (the relay parks the row);
//   5xx, timeouts, garbage → a transient error (retried with backoff). Success is recorded
//   (NationalSyncService::record_delivery), which the dossier's sync state reads.
// Thread-safe: the session is shared under a mutex; calls run in parallel.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/integration/national_sync_service.h"
#include "app/outbox/sink.h"
#include "integrations/dvcqg/portal_client.h"
#include "integrations/dvcqg/protocol.h"

namespace motcua::integrations::dvcqg {

class DvcqgSink : public app::outbox_relay::Sink {
 public:
  DvcqgSink(std::shared_ptr<PortalClient> client, app::NationalSyncService& national);
  Status deliver(const app::outbox_relay::Message& m) override;
  // The portal checks the order of a dossier's states: a later sync waits behind a parked one.
  bool parked_holds_order() const override { return true; }

 private:
  Result<Facts> facts(const SyncEvent& e);

  std::shared_ptr<PortalClient> client_;
  app::NationalSyncService& national_;
  std::mutex mu_;
  std::map<std::string, app::NationalProcedure> procedures_;
  std::map<std::string, app::NationalAgency> agencies_;
};

}  // namespace motcua::integrations::dvcqg
