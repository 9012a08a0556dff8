// The few figures the evaluation and the procedure review read, behind one interface. The
// quarter's decisions, their on-time classes and the online ones come from the KPI counters
// (kpi_daily, checked by kpi-verify); what the counters do not hold — each dossier's worst step
// or consultation, its supplements, its receiving desk — from the agency's index range of the
// quarter (dossiers_competent_resolved, migration 017). The procedure review counts the dossiers
// *filed* in a year (a cohort, with the time each used against its limit), which no counter
// holds: one procedure's index range (dossiers_procedure_created) (docs/architecture.md,
// "Evaluation and procedure review").
#pragma once
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "domain/evaluation/evaluation.h"
#include "store/evaluation_repo.h"
#include "store/kpi_repo.h"
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

// The counters' part of a quarter's figures (resolved, early, on time, late, online) over the
// days' totals of one agency, replacing what figures_of counted from the dossiers. Pure; tested.
void counted_figures(const std::vector<store::DailyTotals>& daily, evaluation::Figures& f);

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
