#include "store/kpi_synced_repo.h"

#include <map>
#include <optional>

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

std::optional<SyncedKey> synced_key(const std::string& agency_id, const std::string& procedure_id, Millis received_at) {
  if (received_at <= 0) return std::nullopt;
  return SyncedKey{agency_id, format_date(local_date(received_at)), procedure_id};
}

Status add_synced(sql::Connection& c, const SyncedKey& k, int64_t n) {
  if (n == 0) return ok_status();
  Params p{txt(k.agency_id), txt(k.day), txt(k.procedure_id), num(n)};
  MC_TRY(c.exec("INSERT INTO kpi_synced (agency_id, day, procedure_id, n) VALUES (?,?,?,?)"
                " ON CONFLICT (agency_id, day, procedure_id) DO UPDATE SET n = kpi_synced.n + excluded.n",
                p));
  Params q{txt(k.agency_id), txt(k.day), num(n)};
  MC_TRY(c.exec("INSERT INTO kpi_agency_synced (agency_id, day, n) VALUES (?,?,?)"
                " ON CONFLICT (agency_id, day) DO UPDATE SET n = kpi_agency_synced.n + excluded.n",
                q));
  return ok_status();
}

Result<int64_t> sum_synced(sql::Connection& c, const std::vector<std::string>& agencies, const std::string& from,
                           const std::string& to, const std::string& field, const std::string& procedure_id) {
  const bool rollup = field.empty() && procedure_id.empty();
  std::string sql = rollup ? "SELECT SUM(k.n) FROM kpi_agency_synced k WHERE k.agency_id = ? AND k.day >= ? AND k.day <= ?"
                           : "SELECT SUM(k.n) FROM kpi_synced k WHERE k.agency_id = ? AND k.day >= ? AND k.day <= ?";
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
Result<std::vector<SyncedRow>> rows_of(sql::Connection& c, const char* sql, bool with_procedure) {
  MC_ASSIGN(auto rows, c.query(sql));
  std::vector<SyncedRow> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(SyncedRow{SyncedKey{r.text(0), r.text(1), with_procedure ? r.text(2) : std::string()},
                            r.i64(with_procedure ? 3 : 2)});
  return out;
}
}  // namespace

Result<std::vector<SyncedRow>> all_synced(sql::Connection& c) {
  return rows_of(c, "SELECT agency_id, day, procedure_id, n FROM kpi_synced WHERE n <> 0 ORDER BY agency_id, day, procedure_id",
                 true);
}

Result<std::vector<SyncedRow>> all_agency_synced(sql::Connection& c) {
  return rows_of(c, "SELECT agency_id, day, n FROM kpi_agency_synced WHERE n <> 0 ORDER BY agency_id, day", false);
}

Result<std::vector<SyncedRow>> recount_synced(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT agency_id, procedure_id, received_at FROM dvcqg_sync WHERE received_at > 0"));
  std::map<SyncedKey, int64_t> acc;
  for (auto& r : rows)
    if (auto k = synced_key(r.text(0), r.text(1), r.i64(2))) ++acc[*k];
  std::vector<SyncedRow> out;
  out.reserve(acc.size());
  for (auto& [k, n] : acc) out.push_back(SyncedRow{k, n});
  return out;
}

Status replace_synced(sql::Connection& c, const std::vector<SyncedRow>& rows) {
  MC_TRY(c.exec("DELETE FROM kpi_synced"));
  MC_TRY(c.exec("DELETE FROM kpi_agency_synced"));
  for (const auto& r : rows) MC_TRY(add_synced(c, r.k, r.n));
  return ok_status();
}

}  // namespace motcua::store
