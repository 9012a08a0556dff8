// The quarterly evaluation of agencies and the figures of the procedure review (migration 022).
// SQL written once for both engines. The figure queries read bounded index ranges of dossiers —
// one agency and one quarter (dossiers_resolved_by), one procedure version and one year
// (dossiers_procedure_created) — never the whole table; they give way to the KPI counters once
// those hold the same figures (docs/architecture.md, "Evaluation and procedure review").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct EvaluationRec {
  std::string agency_id, quarter, state;  // state: self_scored | appraised
  std::string rules_from;                 // effective_from of the rules used
  std::string figures;                    // JSON: figures and computed points at self-scoring
  std::string self_points, self_by;       // JSON {indicator: centi}; actor label
  Millis self_at = 0;
  std::string self_note, appraised_points, appraised_by;  // "" before the appraisal
  Millis appraised_at = 0;
  std::string appraisal_note;
  int64_t total_centi = 0;
  std::string band;  // band id
  int64_t version = 1;
};

struct EvaluationEventRec {
  int64_t id = 0;
  std::string agency_id, quarter;
  Millis at = 0;
  std::string actor, action, points;  // action: self_scored | appraised; points JSON
  int64_t total_centi = 0;
  std::string band, note;
};

Result<std::optional<EvaluationRec>> get_evaluation(sql::Connection& c, const std::string& agency_id,
                                                    const std::string& quarter);
Status insert_evaluation(sql::Connection& c, const EvaluationRec& e);
// Writes every column but the key when the stored version is e.version − 1; ErrorKind::conflict
// "evaluation_changed" when another transaction got there first.
Status update_evaluation(sql::Connection& c, const EvaluationRec& e);
// One agency's evaluations, latest quarter first, at most `limit`.
Result<std::vector<EvaluationRec>> evaluations_of(sql::Connection& c, const std::string& agency_id, int limit);
// Every agency's evaluation of one quarter (the province's overview), by agency.
Result<std::vector<EvaluationRec>> evaluations_in(sql::Connection& c, const std::string& quarter);
Status insert_evaluation_event(sql::Connection& c, const EvaluationEventRec& e);
Result<std::vector<EvaluationEventRec>> evaluation_events(sql::Connection& c, const std::string& agency_id,
                                                          const std::string& quarter);

// Dossiers resolved by `agency_id` (competent) in [from, to), grouped by what the evaluation
// asks of each: on-time class, the worst class of its finished steps and answered
// consultations (-1 = none), supplements asked (0–2), channel, receiving agency's type.
struct ResolvedGroup {
  std::string timeliness;
  int64_t worst_step = -1, worst_consultation = -1, supplements = 0, channel = 1;
  std::string receiving_type;
  int64_t n = 0;
};
Result<std::vector<ResolvedGroup>> resolved_groups(sql::Connection& c, const std::string& agency_id, Millis from,
                                                   Millis to);

// Dossiers of the procedure versions `procedure_ids` filed (created) in [from, to).
struct ProcedureYearCounts {
  int64_t filed = 0, counter = 0, online = 0, postal = 0;
  int64_t supplements = 0;          // supplements asked (at reception and in processing)
  int64_t refused_at_reception = 0, resolved_refused = 0;
  int64_t resolved = 0, early = 0, on_time = 0, late = 0;
  int64_t used_permille_sum = 0;    // Σ over resolved dossiers of elapsed / allowed time, in ‰
  int64_t used_counted = 0;         // how many of them had an allowed time to compare with
};
Result<ProcedureYearCounts> procedure_year_counts(sql::Connection& c, const std::vector<std::string>& procedure_ids,
                                                  Millis from, Millis to);

}  // namespace motcua::store
