#include "store/population_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status insert_population_lookup(sql::Connection& c, const PopulationLookupRec& r) {
  Params p{txt(r.id),     txt(r.asked_by), txt(r.id_number), txt(r.procedure_id), txt(r.consent),
           txt(r.status), txt(r.person),   txt(r.error),     num(r.created_at),   opt(r.dossier_id)};
  MC_TRY(c.exec("INSERT INTO population_lookups (id, asked_by, id_number, procedure_id, consent, status, person, error,"
                " created_at, dossier_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                p));
  return ok_status();
}

Result<std::optional<PopulationLookupRec>> get_population_lookup(sql::Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(auto rows, c.query("SELECT id, asked_by, id_number, procedure_id, consent, status, person, error, created_at,"
                               " dossier_id FROM population_lookups WHERE id = ?",
                               p));
  if (rows.empty()) return std::optional<PopulationLookupRec>{};
  auto& r = rows[0];
  PopulationLookupRec out{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                          r.text(5), r.text(6), r.text(7), r.i64(8),  r.is_null(9) ? "" : r.text(9)};
  return std::optional<PopulationLookupRec>{std::move(out)};
}

Result<bool> use_population_lookup(sql::Connection& c, const std::string& id, const std::string& dossier_id) {
  Params p{txt(dossier_id), txt(id), txt(dossier_id)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE population_lookups SET dossier_id = ? WHERE id = ?"
                               " AND (dossier_id IS NULL OR dossier_id = ?)",
                               p));
  return n == 1;
}

}  // namespace motcua::store
