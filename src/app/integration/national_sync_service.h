// The national public service portal (Cổng Dịch vụ công quốc gia, DVCQG) as the rest of MotCua
// sees it (DOMAIN.md §10). The wire protocol lives in integrations/dvcqg; this service is what it
// and the HTTP edge call:
//   - facts the national messages need that the outbox row does not carry (procedure, agency),
//   - what the portal has confirmed (record_delivery, written by the relay's dvcqg sink),
//   - the lookup the portal makes of one of our dossiers (TraCuuHoSo),
//   - each dossier's sync state, the list of what is not synchronised and why, and the share
//     synchronised (Quyết định 766),
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue/catalogue_service.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "app/integration/national_catalogue.h"
#include "common/result.h"
#include "store/dvcqg_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// The portal's dates: yyyyMMddHHmmss in UTC+7 ("" for 0); the inverse is nullopt unless exactly
// 14 digits of a valid date and time.
std::string national_time(Millis t);
std::optional<Millis> parse_national_time(std::string_view s);

// What the national dossier message needs of a procedure and of an agency.
struct NationalProcedure {
  std::string national_code, name, field;
};
struct NationalAgency {
  std::string eid, name;
};

// A dossier filed on the national portal for an agency of this province, as the adapter
// (integrations/dvcqg) read it off the wire, its files already fetched.
struct NationalFile {
  std::string component, file_name;
  std::string bytes;
};
struct NationalDossier {
  std::string national_code;   // MaHoSo on the portal (≤ 50 characters, DOMAIN §4)
  std::string procedure_code;  // MaTTHC: the national procedure code
  std::string agency_eid;      // the receiving agency's e-ID
  std::string applicant_name, applicant_id_number, phone, email, address;
  std::vector<NationalFile> files;
};
struct ImportOutcome {
  std::string dossier_id, code;
  bool created = false;  // false: this national code arrived before (nothing written now)
};

// TraCuuHoSo: one dossier as the portal is told it (national status code and the dates).
struct NationalLookup {
  store::DossierRec dossier;
  NationalProcedure procedure;
  NationalAgency competent, receiving;
};

class NationalSyncService {
 public:
  NationalSyncService(const Config& cfg, sql::Database& db, DossierService& dossiers, const Clock& clock);

  // --- for the adapter (integrations/dvcqg) ---
  Result<NationalProcedure> procedure(const std::string& procedure_id);
  Result<NationalAgency> agency(const std::string& agency_id);
  // The portal accepted outbox row `outbox_id` (status `status` of dossier `dossier_id`);
  // `decided_at`: the decision time when the message carried it (status 9 or 10), else 0.
  Status record_delivery(const std::string& dossier_id, const std::string& code, int64_t status, int64_t outbox_id,
                         Millis decided_at = 0);

  // Takes in a dossier filed on the portal: `submitted` (online, awaiting the reception check)
  // at the agency with its e-ID, under the procedure version in force, the applicant as the
  // filer (a citizen identified by the 12-digit number), the files as its documents (type by
  // content, the dossier's size limits). Written once per national code: dossier, history,
  // audit, outbox, documents and the national code's record in one transaction; a repeat
  // answers the first dossier with created = false. 400 for what cannot be taken in (unknown
  // agency or procedure, bad number, a file of a refused type).
  Result<ImportOutcome> import_dossier(const NationalDossier& n);

  // --- for the portal calling us (authenticated by the HTTP edge) ---
  // 404 when no dossier has this code.
  Result<NationalLookup> lookup(const std::string& code);

  // --- the catalogue (province administrators) ---
  // The composition root sets where the national export comes from (integrations/dvcqg).
  void set_catalogue_source(std::shared_ptr<NationalCatalogueSource> s) { catalogue_source_ = std::move(s); }
  // What the national procedure database says differently from our latest versions. Nothing is
  // changed: an accepted change becomes a new version through the catalogue's own use case
  // (POST /api/v1/admin/procedures/{id}/versions, with its effective date). 503 when no portal
  // is configured or it does not answer.
  Result<std::vector<CatalogueChange>> catalogue_changes(const Actor& a);
  // Accepts some of what the export says differently of one national code: `fields` among
  // name, field, time_limit, fees, components — each must be a listed change (409
  // not_a_change otherwise). Becomes ONE new version of our latest (through the catalogue's use
  // case: effective date, audit, idempotency), with the export's values for the accepted fields
  // and ours for the rest; the internal process is `process` when given, else the latest
  // version's (a shorter time limit may need a shorter process: 400 then). What is not accepted
  // stays listed. 404 when the export or we do not hold the code.
  struct AcceptInput {
    std::string effective_from;
    std::vector<std::string> fields;
    std::optional<std::vector<ProcessStepInput>> process;
  };
  Result<store::ProcedureRec> accept_catalogue_change(const Actor& a, const std::string& national_code,
                                                      const AcceptInput& in, const std::string& idem_key,
                                                      const std::string& body_hash);
  void set_catalogue(CatalogueService* c) { catalogue_ = c; }

  // --- for staff ---
  Result<store::DvcqgSyncState> sync_state(const std::string& dossier_id);
  // Any staff member: the share synchronised is a transparency figure.
  Result<store::DvcqgSummary> summary(const Actor& a);
  // Province administrators: what is not synchronised and why (retry through the relay's
  // /admin/outbox/{id}/retry).
  Result<std::vector<store::DvcqgUnsent>> unsent(const Actor& a, int64_t before, int limit);

 private:
  const Config& cfg_;
  sql::Database& db_;
  DossierService& dossiers_;
  const Clock& clock_;
  std::shared_ptr<NationalCatalogueSource> catalogue_source_;
  CatalogueService* catalogue_ = nullptr;
};

}  // namespace motcua::app
