#include "api/staff/kpi_query.h"

namespace motcua::api {

app::KpiQuery kpi_query_of(const http::Request& req) {
  app::KpiQuery q;
  q.scope = req.query_param("scope").value_or("province");
  q.field = req.query_param("field").value_or("");
  q.procedure_id = req.query_param("procedure").value_or("");
  q.from = req.query_param("from").value_or("");
  q.to = req.query_param("to").value_or("");
  return q;
}

}  // namespace motcua::api
