// The legal forms of Thông tư 03/2025/TT-VPCP, filled from the dossier as the store keeps it:
// PDF of forms 01..06 for a dossier, and the register (07) of an agency as PDF or XLSX.
#pragma once
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/calendar/calendar_service.h"
#include "app/catalogue_cache.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::app {

class FormsService {
 public:
  FormsService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, CalendarService& calendar,
               DossierService& dossiers)
      : cfg_(cfg), db_(db), catalogue_(catalogue), calendar_(calendar), dossiers_(dossiers) {}

  Result<std::string> form_pdf(const Actor& a, const std::string& dossier_id, int number);
  Result<std::string> register_file(const Actor& a, const std::string& agency_id, Date from, Date to, bool xlsx);
  // The current agencies whose register this reader may print (the policy's answer, so the
  // staff app offers exactly those), the reader's own first, then by name.
  Result<std::vector<store::AgencyRec>> register_agencies(const Actor& a);

 private:
  std::shared_ptr<const calendar::Calendar> calendar() { return calendar_.current(); }
  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  CalendarService& calendar_;
  DossierService& dossiers_;
};

}  // namespace motcua::app
