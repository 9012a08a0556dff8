// Reading the organisation: agencies, service locations, units and their succession.
#include "app/org/organisation_service.h"

#include "store/repo.h"

namespace motcua::app {

Result<std::vector<store::AgencyRec>> OrganisationService::agencies() {
  std::vector<store::AgencyRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_agencies(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::LocationRec>> OrganisationService::locations() {
  std::vector<store::LocationRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_locations(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::UnitRec>> OrganisationService::units(const std::string& level, bool with_history,
                                                              const std::string& as_of) {
  // In force on the day asked (today by default): a unit whose succession is dated ahead is
  // still listed, its successor not yet.
  const std::string day = with_history ? "" : as_of.empty() ? format_date(local_date(now_ms())) : as_of;
  std::vector<store::UnitRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_units(c, level, day));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::SuccessionRec>> OrganisationService::all_successions() {
  std::vector<store::SuccessionRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_successions(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::SuccessionRec>> OrganisationService::successors(const std::string& unit_id) {
  std::vector<store::SuccessionRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::successions_from(c, unit_id));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
