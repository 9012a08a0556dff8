#include "store/kpi_stock_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Result<std::vector<DossierRec>> received_before(sql::Connection& c, const ReceivedBefore& q) {
  std::string sql = std::string("SELECT ") + kDossierCols +
                    " FROM dossiers WHERE competent_agency_id = ? AND received_at > 0 AND received_at < ?";
  Params p{txt(q.agency_id), num(q.before)};
  if (q.cursor_at) {
    sql += " AND (received_at < ? OR (received_at = ? AND id < ?))";
    p.push_back(num(q.cursor_at));
    p.push_back(num(q.cursor_at));
    p.push_back(txt(q.cursor_id));
  }
  if (!q.procedure_id.empty()) sql += " AND procedure_id = ?", p.push_back(txt(q.procedure_id));
  if (!q.field.empty())
    sql += " AND procedure_id IN (SELECT id FROM procedures WHERE COALESCE(field, '') = ?)", p.push_back(txt(q.field));
  sql += " ORDER BY received_at DESC, id DESC LIMIT ?";
  p.push_back(num(q.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<DossierRec> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(dossier_of(r));
  return out;
}

}  // namespace motcua::store
