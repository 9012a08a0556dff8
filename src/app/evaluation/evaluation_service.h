// The quarterly evaluation of each agency (issue 14, DOMAIN.md §7): nine indicators, 0–2 points
// each. The six the dossiers decide are computed from the figures (figures.h) by the rules in
// force on the quarter's first day (data/seed/evaluation_rules.json, with their legal basis);
// the three a person decides are entered: first the agency's leader scores the agency (self
// score, which may be revised until the appraisal), then its superior appraises (final). Each
// step is one transaction: the evaluation row with the figures frozen as they stood, a history
// entry (evaluation_events) and the audit record. Who may do what: org/policy.h.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/evaluation/figures.h"
#include "common/result.h"
#include "domain/evaluation/evaluation.h"
#include "store/evaluation_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// One indicator of the view.
struct IndicatorScore {
  evaluation::Indicator indicator = evaluation::Indicator::time_vs_limit;
  bool computed = false;
  std::optional<int> centi;            // the points that count now (computed, appraised or self)
  std::optional<int> self_centi, appraised_centi;  // entered indicators
  std::string basis;                   // computed: what the points came from
  bool empty = false;                  // computed over a quarter with no dossier resolved
};

struct EvaluationView {
  store::AgencyRec agency;
  std::string parent_name;
  evaluation::Quarter quarter;
  std::string state;  // open (nothing entered yet) | self_scored | appraised
  // The rules used: those in force on the quarter's first day.
  std::string rules_from, legal_basis, rules_note;
  bool rules_verified = false;
  std::vector<evaluation::Band> bands;
  evaluation::Figures figures;  // live while open; frozen at the self score
  std::vector<IndicatorScore> indicators;
  int total_centi = 0;  // computed + entered (appraised, else self); open: computed only
  bool complete = false;  // every indicator has its points
  std::string band_id, band_label;
  std::optional<store::EvaluationRec> stored;
  std::vector<store::EvaluationEventRec> history;
  RatingCounts ratings;  // the applicants' ratings in the quarter (beside the attitude indicator)
  bool may_self_score = false, may_appraise = false;
};

struct EvaluationSummary {
  store::AgencyRec agency;
  std::optional<store::EvaluationRec> stored;
  std::string band_label;
};

// The three entered indicators' points (published, attitude, feedback), each 0–2.
struct EnteredPoints {
  std::map<std::string, double> points;  // indicator id → points
  std::string note;
};

class EvaluationService {
 public:
  EvaluationService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, EvaluationFigures& figures,
                    const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), figures_(figures), clock_(clock) {}

  // One agency's evaluation of one quarter ("2026-Q4"); 404 for an agency the reader may not see.
  Result<EvaluationView> view(const Actor& a, const std::string& agency_id, const std::string& quarter);
  // The agencies the reader may see (in force today) with their evaluation of the quarter.
  Result<std::vector<EvaluationSummary>> overview(const Actor& a, const std::string& quarter);
  // One agency's evaluations, latest quarter first.
  Result<std::vector<EvaluationSummary>> history(const Actor& a, const std::string& agency_id);
  // The agency's leader scores it (again, until appraised). 409 evaluation_appraised after the
  // appraisal, 400 future_quarter / invalid_points / computed_indicator / missing_points.
  Result<EvaluationView> self_score(const Actor& a, const std::string& agency_id, const std::string& quarter,
                                    const EnteredPoints& in, const std::string& idem_key = {},
                                    const std::string& body_hash = {});
  // The superior appraises the self score (once). 409 not_self_scored / evaluation_appraised.
  Result<EvaluationView> appraise(const Actor& a, const std::string& agency_id, const std::string& quarter,
                                  const EnteredPoints& in, const std::string& idem_key = {},
                                  const std::string& body_hash = {});

  // The rules (loaded once from <seed_dir>/evaluation_rules.json).
  Result<std::shared_ptr<const std::vector<evaluation::RuleSet>>> rules();

 private:
  struct Scope {
    std::shared_ptr<const store::AgencyRec> agency;
    std::string parent_id, parent_name;
    evaluation::Quarter quarter;
    const evaluation::RuleSet* rules = nullptr;
    std::shared_ptr<const std::vector<evaluation::RuleSet>> all_rules;  // keeps `rules` alive
  };
  Result<Scope> scope(const Actor& a, const std::string& agency_id, const std::string& quarter);
  Result<EvaluationView> build(const Actor& a, const Scope& s);
  Result<EvaluationView> enter(const Actor& a, const std::string& agency_id, const std::string& quarter,
                               const EnteredPoints& in, bool appraisal, const std::string& idem_key,
                               const std::string& body_hash);

  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  EvaluationFigures& figures_;
  const Clock& clock_;
  std::mutex rules_mu_;
  std::shared_ptr<const std::vector<evaluation::RuleSet>> rules_;
};

}  // namespace motcua::app
