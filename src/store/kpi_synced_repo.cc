#include "store/kpi_synced_repo.h"

#include <map>
#include <optional>

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {
// The tables of one counter and the dvcqg_sync column its day is taken from (fixed names: never
// from input).
struct Tables {
  const char *fine, *agency, *time_column;
};
Tables tables_of(SyncCounter which) {
  return which == SyncCounter::progress ? Tables{"kpi_progress", "kpi_agency_progress", "decided_at"}
                                        : Tables{"kpi_synced", "kpi_agency_synced", "received_at"};
}
}  // namespace

std::optional<SyncedKey> synced_key(const std::string& agency_id, const std::string& procedure_id, Millis at) {
  if (at <= 0) return std::nullopt;
  return SyncedKey{agency_id, format_date(local_date(at)), procedure_id};
}

Status add_synced(sql::Connection& c, const SyncedKey& k, int64_t n, SyncCounter which) {
  if (n == 0) return ok_status();
  const Tables t = tables_of(which);
  Params p{txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(n)};
  MC_TRY(c.exec(std::string("INSERT INTO ") + t.fine + " (agency_id, day, procedure_id, n) VALUES (?,?,?,?)" +
                    " ON CONFLICT (agency_id, day, procedure_id) DO UPDATE SET n = " + t.fine + ".n + excluded.n",
                p));
  Params q{txt(k.agency_id), txt(k.day), num(n)};
  MC_TRY(c.exec(std::string("INSERT INTO ") + t.agency + " (agency_id, day, n) VALUES (?,?,?)" +
                    " ON CONFLICT (agency_id, day) DO UPDATE SET n = " + t.agency + ".n + excluded.n",
                q));
  return ok_status();
}

Result<int64_t> sum_synced(sql::Connection& c, const std::vector<std::string>& agencies, const std::string& from,
                           const std::string& to, const std::string& field, const std::string& procedure_id,
                           SyncCounter which) {
  const Tables t = tables_of(which);
  const bool rollup = field.empty() && procedure_id.empty();
  std::string sql = std::string("SELECT SUM(k.n) FROM ") + (rollup ? t.agency : t.fine) +
                    " k WHERE k.agency_id = ? AND k.day >= ? AND k.day <= ?";
  Params extra;
  if (!procedure_id.empty()) sql += " AND k.procedure_id = ?", extra.push_back(txt(procedure_id));
  if (!field.empty())
    sql += " AND k.procedure_id IN (SELECT id FROM procedures WHERE COALESCE(field, '') = ?)", extra.push_back(txt(field));
  int64_t n = 0;
  for (const auto& ag : agencies) {
    Params p{txt(ag), txt(from), txt(to)};
    p.insert(p.end(), extra.begin(), extra.end());
    MC_ASSIGN(auto rows, c.query(sql, p));
    if (!rows.empty()) n += i64_or0(rows[0], 0);
  }
  return n;
}

namespace {
Result<std::vector<SyncedRow>> rows_of(sql::Connection& c, const std::string& sql, bool with_procedure) {
  MC_ASSIGN(auto rows, c.query(sql));
  std::vector<SyncedRow> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(SyncedRow{SyncedKey{r.text(0), r.text(1), with_procedure ? r.text(2) : std::string()},
                            r.i64(with_procedure ? 3 : 2)});
  return out;
}
}  // namespace

Result<std::vector<SyncedRow>> all_synced(sql::Connection& c, SyncCounter which) {
  return rows_of(c, std::string("SELECT agency_id, day, procedure_id, n FROM ") + tables_of(which).fine +
                        " WHERE n <> 0 ORDER BY agency_id, day, procedure_id",
                 true);
}

Result<std::vector<SyncedRow>> all_agency_synced(sql::Connection& c, SyncCounter which) {
  return rows_of(c, std::string("SELECT agency_id, day, n FROM ") + tables_of(which).agency + " WHERE n <> 0 ORDER BY agency_id, day",
                 false);
}

Result<std::vector<SyncedRow>> recount_synced(sql::Connection& c, SyncCounter which) {
  const std::string col = tables_of(which).time_column;
  MC_ASSIGN(auto rows, c.query("SELECT agency_id, procedure_id, " + col + " FROM dvcqg_sync WHERE " + col + " > 0"));
  std::map<SyncedKey, int64_t> acc;
  for (auto& r : rows)
    if (auto k = synced_key(r.text(0), r.text(1), r.i64(2))) ++acc[*k];
  std::vector<SyncedRow> out;
  out.reserve(acc.size());
  for (auto& [k, n] : acc) out.push_back(SyncedRow{k, n});
  return out;
}

Status replace_synced(sql::Connection& c, const std::vector<SyncedRow>& rows, SyncCounter which) {
  const Tables t = tables_of(which);
  MC_TRY(c.exec(std::string("DELETE FROM ") + t.fine));
  MC_TRY(c.exec(std::string("DELETE FROM ") + t.agency));
  for (const auto& r : rows) MC_TRY(add_synced(c, r.k, r.n, which));
  return ok_status();
}

}  // namespace motcua::store
