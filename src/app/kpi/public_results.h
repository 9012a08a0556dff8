// The public results (issue 14, DOMAIN.md §7 "results are published", §9): for the province and
// each agency, a period's on-time rate, online share, ratings and evaluation band. Read from the
// counters (store/kpi_repo.h) and the appraised evaluations only: no dossier, no person.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"

namespace motcua::app {

// A period as the public page names it: "YYYY" (a year), "YYYY-Qn" (a quarter) or "YYYY-MM".
struct PublicPeriod {
  std::string id;
  Date from, to;
  std::string quarter;  // "YYYY-Qn" when the period is a quarter (the evaluation's), else ""
};
// nullopt when `s` is none of the three forms (or a year outside 2000–2100).
std::optional<PublicPeriod> parse_public_period(const std::string& s);
// The quarter holding `d`.
PublicPeriod quarter_of(Date d);

struct PublicFigures {
  std::string agency_id, agency_name;  // "" for the province
  int64_t received = 0, received_online = 0, resolved = 0, resolved_late = 0;
  int64_t rated_very_satisfied = 0, rated_satisfied = 0, rated_dissatisfied = 0;
  std::string band;  // the appraised evaluation's band id of the quarter; "" = none
};

struct PublicResults {
  PublicPeriod period;
  PublicFigures province;
  std::vector<PublicFigures> agencies;  // every agency in force, by name
};

}  // namespace motcua::app
