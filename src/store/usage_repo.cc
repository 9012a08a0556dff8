#include "store/usage_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Result<std::vector<std::pair<std::string, int64_t>>> dossiers_per_procedure(sql::Connection& c, Millis from, Millis to) {
  Params p{num(from), num(to)};
  MC_ASSIGN(auto rows, c.query("SELECT procedure_id, COUNT(*) FROM dossiers WHERE created_at >= ? AND created_at < ?"
                               " GROUP BY procedure_id",
                               p));
  std::vector<std::pair<std::string, int64_t>> out;
  for (auto& r : rows) out.emplace_back(r.text(0), r.i64(1));
  return out;
}

}  // namespace motcua::store
