// The catalogue as the request path needs it, kept in memory: a procedure version never changes
// once published (a change is a new version), so its record, handling agencies and parsed
// internal process are loaded once; agencies are refreshed every minute.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/integration/population.h"
#include "common/result.h"
#include "domain/org/roles.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// One step of a procedure's internal process (doc.process), in order.
struct ProcessStep {
  int64_t step;
  std::string name;
  org::Role role;
  std::string agency;  // "receiving" | "competent" | an agency id
  int64_t hours;       // allotted working hours
};

// The agency a step is done at, for a dossier with these receiving and competent agencies.
std::string step_agency(const ProcessStep& s, const std::string& receiving_agency_id,
                        const std::string& competent_agency_id);
// Whether the process has a step whose role is leader (the decision step).
bool has_leader_step(const std::vector<ProcessStep>& steps);

// The internal process of a procedure; a default four-step process when none is published.
std::vector<ProcessStep> process_of(const store::ProcedureRec& p);
// The record's "min_assurance" (0 when absent or not an integer).
int min_assurance_of(const store::ProcedureRec& p);

// The administrative units and their succession graph (merge, split, rename), as intake needs
// them to map an address given with a former unit to the current one.
struct UnitIndex {
  std::unordered_map<std::string, store::UnitRec> by_id;
  std::unordered_map<std::string, std::vector<std::string>> successors;  // from_id → to_ids, ordered

  const store::UnitRec* find(const std::string& id) const;
  // The current units a former unit became, following renames of renames; empty for a current
  // unit or when no succession is recorded. Ordered by id, without duplicates.
  std::vector<std::string> current_successors(const std::string& id) const;
  // "Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum": the unit, then its parents up to the province
  // (their type word in lower case, as addresses are written).
  std::string full_name(const std::string& id) const;
};

// The units as they stood on `date` ("YYYY-MM-DD"), what intake maps addresses with: a unit not
// yet in force is left out, a unit whose last day is `date` or later is still in force (its end
// is not in the index), and a succession dated after `date` is left out. So a succession
// recorded ahead of its date hides nothing before that day.
UnitIndex unit_index_as_of(std::vector<store::UnitRec> units, const std::vector<store::SuccessionRec>& successions,
                           const std::string& date);

struct ProcedureEntry {
  store::ProcedureRec rec;
  std::vector<std::string> handlers;  // agencies competent to decide it
  std::vector<ProcessStep> steps;
  // The identity assurance level online filing needs (the record's "min_assurance": 0 none,
  // 1 or 2 = VNeID level; app/identity/oidc.h). Checked by the intake.
  int min_assurance = 0;
  // The components the national population database holds the data of (replaceable_by
  // csdl_dan_cu): satisfied by a lookup at filing instead of a paper (app/dossier/intake.cc).
  std::vector<ReplaceableComponent> population_components = {};
};

class CatalogueCache {
 public:
  explicit CatalogueCache(sql::Database& db) : db_(db) {}
  // nullptr when there is no such procedure version / agency.
  Result<std::shared_ptr<const ProcedureEntry>> procedure(const std::string& id);
  Result<std::shared_ptr<const store::AgencyRec>> agency(const std::string& id);
  // Every unit and succession as they stand today (unit_index_as_of, local date), re-read at
  // most once a minute and when the day changes.
  Result<std::shared_ptr<const UnitIndex>> units();
  // After this process changed units or successions: the next units() reads them again (other
  // processes catch up within the minute).
  void forget_units();
  // After this process changed an agency: the next agency(id) reads it again.
  void forget_agency(const std::string& id);

 private:
  struct AgencySlot {
    std::shared_ptr<const store::AgencyRec> rec;
    Millis loaded_at = 0;
  };
  sql::Database& db_;
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const ProcedureEntry>> procedures_;
  std::unordered_map<std::string, AgencySlot> agencies_;
  std::shared_ptr<const UnitIndex> units_;
  Millis units_loaded_at_ = 0;
  std::string units_date_;  // the day units_ stands on
};

}  // namespace motcua::app
