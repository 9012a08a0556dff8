// The log of lookups in the national population database (migration 020, app/integration/
// population_service.h): one row per lookup, whatever came back, and the dossier it filled.
#pragma once
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct PopulationLookupRec {
  std::string id, asked_by, id_number, procedure_id, consent, status, person, error;
  Millis created_at = 0;
  std::string dossier_id;  // "" until a dossier used it
};

Status insert_population_lookup(sql::Connection& c, const PopulationLookupRec& r);
Result<std::optional<PopulationLookupRec>> get_population_lookup(sql::Connection& c, const std::string& id);
// Marks the lookup as used by `dossier_id`: false when another dossier used it first.
Result<bool> use_population_lookup(sql::Connection& c, const std::string& id, const std::string& dossier_id);

}  // namespace motcua::store
