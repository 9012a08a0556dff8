// The national procedure database's export as the portal serves it (LayDanhSachTTHC; record
// fields as OpenCPS's DVCQGIntegrationActionTerm names them: MATTHC, TENTTHC, LINHVUCTHUCHIEN
// [{TENLINHVUC}], CACHTHUCTHUCHIEN[{THOIGIAN[{THOIGIANGIAIQUYET, DONVITINH}]}]).
#pragma once
#include <memory>

#include <boost/json.hpp>

#include "app/integration/national_catalogue.h"
#include "integrations/dvcqg/portal_client.h"

namespace motcua::integrations::dvcqg {

// One export record in our terms; ErrorKind::invalid without MATTHC. DONVITINH: "Ngày làm việc" →
// working_days, "Ngày" → calendar_days, "Giờ"/"Giờ làm việc" → working_hours, else "".
Result<app::NationalProcedureRecord> parse_export_record(const boost::json::value& v);

class CatalogueSource : public app::NationalCatalogueSource {
 public:
  explicit CatalogueSource(std::shared_ptr<PortalClient> client) : client_(std::move(client)) {}
  Result<std::vector<app::NationalProcedureRecord>> fetch() override;

 private:
  std::shared_ptr<PortalClient> client_;
};

}  // namespace motcua::integrations::dvcqg
