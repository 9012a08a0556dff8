// What the Quyết định 766 view and the stock drill-down read beyond kpi_repo.h (app/kpi/index766.h):
// receptions per procedure from kpi_daily's day range, the near-due part of the kpi_due stock,
// the dossiers of a reception range confirmed by the national portal, the fees paid online in a
// paid_at range, and the rows behind the view's own numbers (the lists of index766_lists.cc). Nothing here scans
// all dossiers: each read is one index range bounded by the period or by the agency's open ones.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/kpi_repo.h"
#include "store/kpi_synced_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

struct ProcedureReceived {
  std::string procedure_id;
  int64_t channel = 0, received = 0;
};
// Σ received over days [from, to] per procedure and channel (filters as sum_daily; whole built
// months from kpi_month, the other days from kpi_daily, as sum_daily reads them).
Result<std::vector<ProcedureReceived>> received_by_procedure(sql::Connection& c, const KpiFilter& f, const std::string& from,
                                                             const std::string& to);

// The agencies that may have received a dossier of `procedures` (on `channel`, 0 = any) on days
// [from, to]: each with a reception of them counted in a built month touching the period, or on
// a day of it after the built months. A superset (whole months), never missing an agency the
// counters count there: the reception lists of the view walk only these agencies' dossiers.
Result<std::set<std::string>> agencies_receiving(sql::Connection& c, const std::vector<std::string>& procedures,
                                                 int64_t channel, const std::string& from, const std::string& to);

// In progress at the close of `day` with a due day in (day, until]: Σ n over kpi_due rows with
// day ≤ `day` and due_day in that range (the rollup when no field or procedure is asked; the
// closed months through their stock snapshots, as stock_at).
Result<int64_t> near_due_at(sql::Connection& c, const KpiFilter& f, const std::string& day, const std::string& until);

// Of the dossiers of `agencies` (competent) received on days [from_day, to_day] (YYYY-MM-DD;
// field / procedure "" = any), how many the national portal has confirmed: the synced counter
// (store/kpi_synced_repo.h, migration 027) over those days, corrected for the dossiers whose
// national messages are still unsent (their dvcqg_sync row may carry an older agency or reception).
Result<int64_t> synced_of_received(sql::Connection& c, const std::vector<std::string>& agencies, const std::string& from_day,
                                   const std::string& to_day, const std::string& field, const std::string& procedure_id);

struct PaidOnline {
  std::string agency_id, procedure_id;
  int64_t dossiers = 0;  // distinct dossiers with a payment paid in the range
};
// Payments paid in [from, to) (payments_paid_day), per competent agency and procedure.
Result<std::vector<PaidOnline>> paid_online(sql::Connection& c, Millis from, Millis to, const std::string& agency_id);

// The history entries of `action` ("apologise" or "request_supplement": each has its partial
// index, migration 024) in [from, to), with their dossier; agency (competent) / field /
// procedure "" = any. One row
// per entry (a dossier asked twice for a supplement appears twice, as the counter counts it).
struct MarkedDossier {
  Millis at = 0;
  DossierRec dossier;
};
Result<std::vector<MarkedDossier>> marked_dossiers(sql::Connection& c, const std::string& action, Millis from, Millis to,
                                                   const std::string& agency_id, const std::string& field, const std::string& procedure_id,
                                                   int64_t limit);

// The Quyết định 766 lists (app/kpi/index766_lists.cc), each one index range of one competent
// agency in [q.from, q.to), ordered by (at, key) after (q.after_at, q.after_id), at most q.limit
// rows; q.field / q.procedure_id narrow as the figure does. `at` and `key` are where the next page
// resumes.
struct KeyedRow {
  Millis at = 0;
  std::string key;
  DrillRow row;
};
// The dossiers whose dvcqg_sync row (the national portal's confirmation) carries the agency and,
// in the range, for `synced` a reception (the rows synced_of_received counts;
// dvcqg_sync_received), for `progress` a confirmed decision (decided_at: the progress counter's
// rows, migration 034, dvcqg_sync_decided).
Result<std::vector<KeyedRow>> sync_rows(sql::Connection& c, const DrillQuery& q, SyncCounter which);
// The dossiers rated in the range (ratings_agency_rated, migration 031); `not_dissatisfied`:
// only those rated very satisfied or satisfied.
Result<std::vector<KeyedRow>> rated_rows(sql::Connection& c, const DrillQuery& q, bool not_dissatisfied);
// The dossiers filed (submitted_at) in the range, with their record in DrillRow::doc and their
// filing instant, ordered by (submitted_at, id) from (q.after_at, q.after_id) INCLUSIVE (a list
// of components resumes inside a dossier): index dossiers_competent_submitted (migration 033).
Result<std::vector<KeyedRow>> filed_rows(sql::Connection& c, const DrillQuery& q);
// The dossiers of q.procedure_in with a payment paid in the range (payments_paid_day), in id
// order (at = 0, key = the dossier id).
Result<std::vector<KeyedRow>> paid_rows(sql::Connection& c, const DrillQuery& q);

}  // namespace motcua::store
