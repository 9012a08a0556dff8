// Reviewing procedures (rà soát, DOMAIN.md §11; issue 14): per procedure (all its versions) and
// year, how its dossiers went — how many, by channel, supplements asked, refusals, time taken
// against the limit — and its compliance cost by the method of Thông tư 02/2017/TT-VPCP with a
// simplification scenario and its saving (domain/evaluation/compliance_cost.h). The parameters
// are data with their sources (<seed_dir>/compliance_cost.json). Exported as .xlsx for the
// province's review plan. Province-wide roles only (org::may_review_procedures).
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/evaluation/figures.h"
#include "common/result.h"
#include "domain/evaluation/compliance_cost.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// What the reviewer asks to simulate; absent = the default.
struct ReviewScenarioInput {
  std::optional<int64_t> components_removed;  // default: the components a database can replace
  std::optional<int64_t> limit_days;          // default: today's limit
  std::optional<int64_t> online_percent;      // default: today's share
};

struct ProcedureReview {
  std::string national_code, name, field, level;
  std::vector<std::string> version_ids;
  int64_t components = 0, replaceable = 0;  // paper components (copies counted); those a database holds
  int64_t fees_vnd = 0;
  bool fees_unknown = false;  // some fee's amount is not known (not counted)
  int64_t limit_days = 0;     // working days
  bool limit_verified = false;
  store::ProcedureYearCounts counts;
  evaluation::Scenario scenario;
  evaluation::CostReview cost;
};

struct ReviewReport {
  int year = 0;
  std::vector<ProcedureReview> rows;
  std::vector<evaluation::ParamSource> params;
  int64_t current_vnd = 0, simplified_vnd = 0, saving_vnd = 0;
};

class ReviewService {
 public:
  ReviewService(const Config& cfg, sql::Database& db, EvaluationFigures& figures, const Clock& clock)
      : cfg_(cfg), db_(db), figures_(figures), clock_(clock) {}

  // `national_code` "" = every procedure of the catalogue. 400 invalid_year (2000 to this
  // year), invalid_scenario; 403 for a reader without a province-wide role; 404 unknown code.
  Result<ReviewReport> review(const Actor& a, int year, const std::string& national_code,
                              const ReviewScenarioInput& in);
  // The same as an .xlsx workbook: the review sheet and the parameters with their sources.
  Result<std::string> review_xlsx(const Actor& a, int year, const std::string& national_code,
                                  const ReviewScenarioInput& in);

  Result<std::shared_ptr<const evaluation::CostData>> params();

 private:
  const Config& cfg_;
  sql::Database& db_;
  EvaluationFigures& figures_;
  const Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const evaluation::CostData> params_;
};

}  // namespace motcua::app
