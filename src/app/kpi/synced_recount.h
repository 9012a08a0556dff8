// kpi-verify's part for the Quyết định 766 "synced" counter (migration 027,
// store/kpi_synced_repo.h): recounted from the dvcqg_sync rows (one per confirmed dossier, on the
// agency, procedure and local reception day the row carries), compared with kpi_synced and its
// agency rollup kpi_agency_synced; each difference named. With `repair`, both tables are replaced
// by the recount in one transaction. The progress-published counter (migration 034:
// kpi_progress, kpi_agency_progress, by the day of the decision the portal confirmed) likewise.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::app {

struct SyncedCheck {
  int64_t rows = 0;           // stored kpi_synced rows
  int64_t progress_rows = 0;  // stored kpi_progress rows
  std::vector<std::string> differences;
  bool repaired = false;
};

Result<SyncedCheck> verify_synced(sql::Database& db, bool repair);

}  // namespace motcua::app
