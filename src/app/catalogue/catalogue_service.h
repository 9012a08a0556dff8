// The procedure catalogue: published procedure versions (a change is a new version with its
// effective date; dossiers keep the version they were filed under) and their internal process.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct ProcessStepInput {
  std::string name, role, agency;  // agency: receiving | competent
  int64_t hours = 0;
};

struct NewVersionInput {
  std::string effective_from;
  int64_t time_amount = 0;
  std::string time_unit;
  std::vector<ProcessStepInput> process;
  std::optional<std::vector<std::string>> handling_agencies;  // absent = those of the base version
};

class CatalogueService {
 public:
  CatalogueService(sql::Database& db, CatalogueCache& catalogue) : db_(db), catalogue_(catalogue) {}

  Result<std::vector<store::ProcedureRec>> procedures(const std::string& agency_id, const std::string& query, int limit);
  Result<store::ProcedureRec> procedure(const std::string& id);
  // New versions: province admins only.
  Result<store::ProcedureRec> new_procedure_version(const Actor& a, const std::string& base_id,
                                                    const NewVersionInput& in, const std::string& idempotency_key = {},
                                                    const std::string& body_hash = {});
  Result<std::vector<store::ProcedureRec>> procedure_versions(const Actor& a, const std::string& id);

 private:
  sql::Database& db_;
  CatalogueCache& catalogue_;
};

}  // namespace motcua::app
