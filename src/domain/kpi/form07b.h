// Form 07b (DOMAIN.md §9): per agency, the procedures in its competence by level, those run
// through the one-stop mechanism, and those whose internal process has been issued. The printed
// form's exact columns are not in our sources; what we assume is written in docs/reports.md.
//   procedures = province level + district level + commune level + other level
//   one stop ≤ procedures; internal process ≤ procedures
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace motcua::kpi {

struct Form07bRow {
  int64_t procedures = 0, level_province = 0, level_district = 0, level_commune = 0, level_other = 0;
  int64_t one_stop = 0, internal_process = 0;
  bool operator==(const Form07bRow&) const = default;
};

// One procedure (its version in force) as form 07b counts it.
struct Procedure07b {
  std::string level;  // province | district | commune | other text
  bool one_stop = false, internal_process = false;
};

Form07bRow form07b_row(const std::vector<Procedure07b>& procedures);

// Each broken invariant as a Vietnamese sentence naming the figures; empty = all hold.
std::vector<std::string> form07b_problems(const Form07bRow&);

Form07bRow& operator+=(Form07bRow&, const Form07bRow&);

}  // namespace motcua::kpi
