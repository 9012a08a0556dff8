// Dossiers filed on the national portal for this province arrive here (DOMAIN §10). The real
// link goes through the government data-sharing platform; we model a pull, as provinces without
// a public endpoint do (docs/integrations.md, "assumed"): every `interval` the puller asks the
// portal for new dossiers (LayDanhSachHoSoMoi), fetches each one's files from the portal, takes it
// in through NationalSyncService::import_dossier (`submitted` at the agency named by its e-ID,
// once per national code) and confirms it (XacNhanHoSo with our code), so the portal stops
// offering it. A dossier that cannot be taken in (unknown agency or procedure, a refused file) is
// not confirmed; the reason is logged and it is offered again on the next pass.
// Several processes may pull at once: the national code's record (dvcqg_inbound) keeps it once.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/integration/national_sync_service.h"
#include "common/result.h"
#include "integrations/dvcqg/portal_client.h"

namespace motcua::integrations::dvcqg {

// One national dossier as LayDanhSachHoSoMoi lists it (assumed field names, docs/integrations.md).
struct Offered {
  app::NationalDossier dossier;
  struct File {
    std::string component, name, url;
  };
  std::vector<File> files;
};
// ErrorKind::invalid when `item` lacks what a dossier needs.
Result<Offered> parse_offered(const boost::json::value& item);

struct PullReport {
  int offered = 0, imported = 0, repeated = 0, failed = 0;
  std::vector<std::string> errors;  // one per failed dossier, Vietnamese
};

class InboundPuller {
 public:
  InboundPuller(std::shared_ptr<PortalClient> client, app::NationalSyncService& national, int64_t max_file_bytes,
                Millis interval);
  ~InboundPuller();
  Result<PullReport> pull_once();
  void start();
  void stop();

 private:
  std::shared_ptr<PortalClient> client_;
  app::NationalSyncService& national_;
  int64_t max_file_bytes_;
  Millis interval_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace motcua::integrations::dvcqg
