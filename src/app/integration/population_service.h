// Looking a person up in the national population database (Cơ sở dữ liệu quốc gia về dân cư) so
// that filing does not ask the citizen for what the database holds (DOMAIN.md §4, §10; the 2025
// "data instead of paper" rules). A lookup is made
//   - by a reception officer at the counter, with the consent of the citizen in front of them
//     (the officer's act records it: consent "counter"), or
//   - by a citizen filing online, of their own number only (their act is the consent: "online"),
// and every lookup is logged (store/population_repo.h) with an audit record, whatever came back.
// A lookup that found the person is then named by the filing (IntakeInput::population_lookup_id,
// or the draft's): intake takes the applicant's name and address from it, records it in the
// dossier's history and audit, and marks the components replaceable by csdl_dan_cu as satisfied
// by the database (app/dossier/intake.cc).
//
// When the database cannot be reached (not configured, down, slow, garbage, an answer about
// someone else), the lookup answers 503 population_unavailable saying so in Vietnamese and the
// documented fallback: the component is handed in (uploaded) as before, and the filing is counted
// as "still asked" (kpi population_asked). Nothing is skipped silently.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/integration/population.h"
#include "app/integration/population_fill.h"
#include "common/result.h"
#include "store/population_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct PopulationLookupInput {
  std::string id_number, full_name;
  std::string birth_date;    // YYYY-MM-DD or YYYY
  std::string procedure_id;  // optional: the procedure version being filed
  bool consent = false;      // the citizen agreed (their own act online; the officer confirms it at the counter)
};

struct PopulationLookupView {
  store::PopulationLookupRec rec;
  PersonRecord person;                              // status found
  std::vector<ReplaceableComponent> satisfies;      // of procedure_id, when given
  Millis expires_at = 0;                            // a filing must name it before then
  // What the answer fills (population_fill.h): the counter form's applicant, and the fields of
  // procedure_id's e-form (none without a procedure).
  std::vector<PersonFill> applicant_fills, form_fills;
};

class PopulationService {
 public:
  // How long a found lookup may fill a filing.
  static constexpr Millis kValidity = 24 * kHour;

  PopulationService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), clock_(clock) {}

  // The composition root sets the adapter (integrations/dancu) when MOTCUA_DANCU_URL is set.
  void set_registry(std::shared_ptr<PopulationRegistry> r) { registry_ = std::move(r); }
  bool connected() const { return registry_ != nullptr; }
  // The e-form of a procedure version (the composition root: EformService), for form_fills.
  using FormSource = std::function<Result<std::shared_ptr<const eform::Schema>>(const std::string& procedure_id)>;
  void set_forms(FormSource f) { forms_ = std::move(f); }

  // Errors: 401 not signed in; 403 not a reception officer, or a citizen asking for another
  // number; 400 validation (number, name, birth date, consent, unknown procedure); 404
  // population_not_found (the database holds no such person: check the data, or hand the paper
  // in); 503 population_not_connected / population_unavailable (the fallback said in `detail`).
  // Every outcome but the 4xx of the request itself is logged. Idempotency-Key: a repeat answers
  // the first lookup without asking the database again.
  Result<PopulationLookupView> lookup(const Actor& a, const PopulationLookupInput& in, const std::string& idem_key,
                                      const std::string& body_hash);

 private:
  Result<PopulationLookupView> answer(const store::PopulationLookupRec& rec, const Actor& a);
  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  const Clock& clock_;
  std::shared_ptr<PopulationRegistry> registry_;
  FormSource forms_;
};

}  // namespace motcua::app
