// The query every leaders' figure takes (GET /api/v1/kpi/*): scope, field, procedure, from and to.
// The KPI service checks them (KpiService::summary's rules); this only reads them.
#pragma once
#include "app/kpi/kpi_service.h"
#include "http/message.h"

namespace motcua::api {

app::KpiQuery kpi_query_of(const http::Request& req);

}  // namespace motcua::api
