// The national population database (Cơ sở dữ liệu quốc gia về dân cư, Bộ Công an) as MotCua sees
// it: a port the adapter implements (integrations/dancu, through the data-sharing platform), the
// person it answers, and that person as the JSON kept in the lookup log (store/population_repo.h).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "app/dossier/details.h"
#include "common/result.h"

namespace motcua::app {

// One lookup: the database matches the number together with the name and the birth date.
struct PopulationQuery {
  std::string request_id;  // unique per call (our lookup id): the database's log key (MaYeuCau)
  std::string id_number;   // 12 digits
  std::string full_name;   // as the person gives it (NFC)
  std::string birth_date;  // YYYY-MM-DD, or YYYY when only the year is known
  std::string asked_by;    // who asks (the officer's or the citizen's Actor::label)
};

// What the database holds of a person (only what filing uses). Texts are valid UTF-8, NFC.
struct PersonRecord {
  std::string id_number, full_name;
  std::string birth_date;  // YYYY-MM-DD, or YYYY
  std::string gender;      // "Nam" | "Nữ" | "" as the database says it
  std::string ethnicity, nationality, home_town;
  std::string permanent_address;  // thường trú, as one line
  std::string current_address;    // nơi ở hiện tại, as one line
};

class PopulationRegistry {
 public:
  virtual ~PopulationRegistry() = default;
  // nullopt: no person with this number, name and birth date. ErrorKind::unavailable: nothing
  // usable came back (no answer, an error, garbage, an answer about someone else); `detail` says
  // what, in Vietnamese.
  virtual Result<std::optional<PersonRecord>> find(const PopulationQuery& q) = 0;
};

boost::json::object person_json(const PersonRecord& p);
// A record read back from the lookup log (written by person_json); missing keys stay empty.
PersonRecord person_from_json(std::string_view text);

}  // namespace motcua::app

namespace motcua::app {

// A component of a procedure version whose data the named database holds (replaceable_by).
struct ReplaceableComponent {
  std::string name, kind;
  int64_t count = 1;
};
// The components of a procedure version (its stored JSON, `components[]`) replaceable by `source`.
std::vector<ReplaceableComponent> replaceable_components(std::string_view procedure_doc, std::string_view source);

// kpi population_reused / population_asked of one dossier: each of its components marked provided
// whose name is a replaceable one counts as reused when its data came from the database (a
// source set), asked when the applicant handed it in. Intake bumps these; kpi-verify recounts
// them from the stored dossier with this same function.
struct PopulationCounts {
  int64_t reused = 0, asked = 0;
};
PopulationCounts population_counts(const std::vector<ComponentRecord>& components,
                                   const std::vector<ReplaceableComponent>& replaceable);
// The same, one by one (the list behind data_reused: app/kpi/index766_lists.cc), in the order
// population_counts counts them: `index` into `components`; reused or still asked.
struct CountedComponent {
  size_t index = 0;
  bool reused = false;
};
std::vector<CountedComponent> population_components(const std::vector<ComponentRecord>& components,
                                                    const std::vector<ReplaceableComponent>& replaceable);

}  // namespace motcua::app
