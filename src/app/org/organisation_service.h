// The organisation of the province: agencies (and where they receive), administrative units and
// their succession over time (merges, splits, renames of 1 July 2025 and later). Reads for
// everybody; changes by province administrators, each one transaction with its audit record.
#pragma once
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct AgencyUpdate {
  std::string name, valid_to, successor_id;  // "" = none
};

// Administrative units (units_admin.cc). Dates are "YYYY-MM-DD"; "" = none.
struct NewUnitInput {
  std::string code, name, level, type, parent_id, valid_from;
};

struct UnitUpdate {
  std::string name, valid_to;  // a correction; a real rename is a succession to a new unit
  // Ending a unit that agencies are still attached to is refused (409 agency_attached) unless
  // they are carried over to this unit (in force the day after), in the same transaction.
  std::string carry_agencies_to;
};

// Old units became new ones on `date` (their last day is the day before): a merge (several old,
// one new), a split (one old, several new) or a rename (one, one). `kind` "" = derived.
struct SuccessionInput {
  std::vector<std::string> from, to;
  std::string kind, date, legal_basis;
  // Agencies still attached to an old unit move to this new unit (one of `to`); without it a
  // succession ending a unit with agencies attached is refused (409 agency_attached).
  std::string carry_agencies_to;
};

struct SuccessionView {
  std::vector<store::SuccessionRec> recorded;  // one per (old, new) pair
  std::vector<store::UnitRec> units;           // the old and the new units as now stored
  std::vector<std::string> carried_agencies;   // agencies moved to carry_agencies_to
};

class OrganisationService {
 public:
  OrganisationService(sql::Database& db, CatalogueCache& catalogue) : db_(db), catalogue_(catalogue) {}

  Result<std::vector<store::AgencyRec>> agencies();
  Result<std::vector<store::LocationRec>> locations();
  // Administrative units of a level ("" = all): every unit with `with_history`, else those in
  // force on `as_of` (YYYY-MM-DD, "" = today, local date), and the successors of one unit
  // (merge, split, rename).
  Result<std::vector<store::UnitRec>> units(const std::string& level, bool with_history, const std::string& as_of = {});
  Result<std::vector<store::SuccessionRec>> successors(const std::string& unit_id);
  // Every succession of the unit graph, ordered by from_id then to_id.
  Result<std::vector<store::SuccessionRec>> all_successions();

  // Province admins only.
  Result<store::AgencyRec> update_agency(const Actor& a, const std::string& id, const AgencyUpdate& in);
  // Administrative units and their succession: province admins only; each change is one
  // transaction with its audit record, then this process's unit cache is dropped. each change is one
  // transaction with its audit record, then this process's unit cache is dropped.
  Result<store::UnitRec> create_unit(const Actor& a, const NewUnitInput& in, const std::string& idempotency_key = {},
                                     const std::string& body_hash = {});
  // A unit may end on a future day (it stays in force, and listed, until then).
  Result<store::UnitRec> update_unit(const Actor& a, const std::string& id, const UnitUpdate& in);
  // Ends the old units still open on the day before `date`, which may be ahead: the old units
  // stay current until then (OrganisationService::units, unit_index_as_of).
  Result<SuccessionView> record_succession(const Actor& a, const SuccessionInput& in,
                                          const std::string& idempotency_key = {}, const std::string& body_hash = {});

 private:
  sql::Database& db_;
  CatalogueCache& catalogue_;
};

}  // namespace motcua::app
