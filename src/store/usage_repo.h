// How often procedures are filed (the portal's "most used procedures"): dossiers created in a
// time range, counted per procedure version, read over the index dossiers_created_procedure
// (migration 021) without touching the table's rows.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

// (procedure_id, dossiers created in [from, to)).
Result<std::vector<std::pair<std::string, int64_t>>> dossiers_per_procedure(sql::Connection& c, Millis from, Millis to);

}  // namespace motcua::store
