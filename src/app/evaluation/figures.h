// The few figures the evaluation and the procedure review read, behind one interface: today
// they come from bounded index ranges of dossiers (one agency and one quarter; one procedure
// and one year); once the KPI counters (issue 14, kpi-verify) hold the same figures, an
// implementation over the counters replaces DossierFigures and nothing else changes
// (docs/architecture.md, "Evaluation and procedure review").
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/evaluation/evaluation.h"
#include "store/evaluation_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

// The applicants' ratings of an agency's dossiers (DOMAIN.md §7), counted in the month rated:
// shown beside the staff-attitude indicator, which a person scores.
struct RatingCounts {
  int64_t very_satisfied = 0, satisfied = 0, dissatisfied = 0;
  int64_t total() const { return very_satisfied + satisfied + dissatisfied; }
};

class EvaluationFigures {
 public:
  virtual ~EvaluationFigures() = default;
  // What the dossiers resolved by `agency_id` (as the competent agency) in [from, to) say.
  // `one_stop_types`: agency types whose desk is a one-stop desk (the rules in force say).
  virtual Result<evaluation::Figures> quarter(const std::string& agency_id, Millis from, Millis to,
                                              const std::vector<std::string>& one_stop_types) = 0;
  // Ratings of `agency_id`'s dossiers in the months "YYYY-MM" given.
  virtual Result<RatingCounts> ratings(const std::string& agency_id, const std::vector<std::string>& months) = 0;
  // The dossiers of these versions of one procedure filed in [from, to).
  virtual Result<store::ProcedureYearCounts> procedure_year(const std::vector<std::string>& version_ids, Millis from,
                                                            Millis to) = 0;
};

// Groups of dossiers (store::resolved_groups) → the evaluation's figures. Pure; tested.
evaluation::Figures figures_of(const std::vector<store::ResolvedGroup>& groups,
                               const std::vector<std::string>& one_stop_types);

class DossierFigures final : public EvaluationFigures {
 public:
  explicit DossierFigures(sql::Database& db) : db_(db) {}
  Result<evaluation::Figures> quarter(const std::string& agency_id, Millis from, Millis to,
                                      const std::vector<std::string>& one_stop_types) override;
  Result<RatingCounts> ratings(const std::string& agency_id, const std::vector<std::string>& months) override;
  Result<store::ProcedureYearCounts> procedure_year(const std::vector<std::string>& version_ids, Millis from,
                                                    Millis to) override;

 private:
  sql::Database& db_;
};

}  // namespace motcua::app
