// The compliance cost of a procedure by the method of Thông tư 02/2017/TT-VPCP (DOMAIN.md §11):
// the cost of the work to obtain the result (time × average income, plus copies, travel,
// services) plus fees, per dossier; per year × the dossiers filed in the year. And the saving of
// a simplification scenario (fewer components, a shorter limit, more filed online) = current −
// simplified. Pure: the parameters are data with their sources (data/seed/compliance_cost.json),
// the counts come from real dossiers. Money is int64 VND; time is minutes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace motcua::evaluation {

struct CostParams {
  int64_t income_per_day_vnd = 0;   // average income of one working day (8 h)
  int64_t minutes_per_component = 0;  // preparing one component (collect, fill in, sign)
  int64_t minutes_per_trip = 0;       // one visit to the desk: travel and waiting
  int64_t minutes_online_filing = 0;  // filing online instead of the visits
  int64_t copy_vnd_per_component = 0; // copying/certifying one paper component
  int64_t travel_vnd_per_trip = 0;
  int64_t waiting_permille_per_day = 0;  // share of a day's income lost per working day of the limit
  int64_t trips_counter = 2;  // file, collect the result
  int64_t trips_postal = 1;   // to the post office (the result comes by post)
};

// One parameter as shown beside the figures: its value, where it comes from, checked or not.
struct ParamSource {
  std::string key, label, value, source;
  bool verified = false;
};

// {"params": {"<key>": {"value": n, "label": "...", "source": "...", "verified": bool}, ...}};
// every key of CostParams must be present with a non-negative integer value.
struct CostData {
  CostParams params;
  std::vector<ParamSource> sources;
};
Result<CostData> parse_cost_params(std::string_view json_text);

enum class Channel { counter, online, postal };

// What a procedure asks and how it was used in a year.
struct ProcedureLoad {
  int64_t components = 0;  // paper components the applicant brings (copies counted)
  int64_t fees_vnd = 0;    // known fees of one dossier
  int64_t limit_days = 0;  // time limit in working days (0 = same day / none)
  int64_t counter = 0, online = 0, postal = 0;  // dossiers filed in the year by channel
  int64_t supplements = 0;  // supplements asked: each one more contact
  int64_t total() const { return counter + online + postal; }
};

struct DossierCost {
  int64_t minutes = 0;
  int64_t time_vnd = 0, copies_vnd = 0, travel_vnd = 0, fees_vnd = 0, waiting_vnd = 0;
  int64_t total() const { return time_vnd + copies_vnd + travel_vnd + fees_vnd + waiting_vnd; }
};

// The cost of one dossier filed through `ch`:
//   minutes = components·minutes_per_component + (online ? minutes_online_filing : trips·minutes_per_trip)
//   time    = round(minutes · income_per_day / 480)
//   copies  = paper channels: components · copy_vnd_per_component; online 0
//   travel  = trips · travel_vnd_per_trip (online 0)
//   waiting = round(limit_days · income_per_day · waiting_permille_per_day / 1000)
DossierCost dossier_cost(const CostParams& p, const ProcedureLoad& load, Channel ch);
// One more contact (a supplement asked): a visit's time and travel.
int64_t contact_cost(const CostParams& p);

struct YearCost {
  DossierCost counter, online, postal;
  int64_t supplement_each = 0;
  int64_t dossiers = 0, total_vnd = 0;  // Σ channel dossiers × their cost + supplements × contact
};
YearCost year_cost(const CostParams& p, const ProcedureLoad& load);

// A simplification: components removed, a shorter limit, a share filed online.
struct Scenario {
  int64_t components_removed = 0;
  std::optional<int64_t> limit_days;        // the new limit (never longer than today's)
  std::optional<int64_t> online_permille;   // share of the year's dossiers filed online
};
// Precondition: the scenario's numbers are non-negative, online_permille ≤ 1000.
// The year's dossiers stay as many; those not online keep today's counter/postal proportion
// (all at the counter when there were none), rounded so the channels add up.
ProcedureLoad simplify(const ProcedureLoad& now, const Scenario& s);

struct CostReview {
  YearCost current, simplified;
  int64_t saving_vnd = 0;  // current − simplified
};
CostReview review_cost(const CostParams& p, const ProcedureLoad& load, const Scenario& s);

}  // namespace motcua::evaluation
