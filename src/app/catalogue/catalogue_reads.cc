// Reading the catalogue: procedures by agency and by name, one procedure version.
#include "app/catalogue/catalogue_service.h"

#include "store/repo.h"

namespace motcua::app {

Result<std::vector<store::ProcedureRec>> CatalogueService::procedures(const std::string& agency_id, const std::string& folded,
                                                         int limit) {
  std::vector<store::ProcedureRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    // A public-administration service centre receives every procedure of the province.
    std::string filter = agency_id;
    if (!filter.empty()) {
      MC_ASSIGN(auto agency, store::get_agency(c, filter));
      if (agency && agency->type == "service_center") filter.clear();
    }
    MC_ASSIGN(out, store::list_procedures(c, filter, folded, limit));
    return ok_status();
  }));
  return out;
}

Result<store::ProcedureRec> CatalogueService::procedure(const std::string& id) {
  std::optional<store::ProcedureRec> p;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(p, store::get_procedure(c, id));
    return ok_status();
  }));
  if (!p) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục hành chính " + id);
  return *p;
}

}  // namespace motcua::app
