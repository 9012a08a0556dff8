// Administration: staff accounts and their grants, agency records, procedure versions.
#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Result<std::vector<StaffRec>> list_staff(Connection& c, const std::vector<std::string>& agency_ids) {
  std::string q = "SELECT id, username, password_hash, full_name, active FROM staff";
  Params p;
  if (!agency_ids.empty()) {
    q += " WHERE id IN (SELECT staff_id FROM role_grants WHERE agency_id IN (";
    for (size_t i = 0; i < agency_ids.size(); ++i) {
      q += i ? ",?" : "?";
      p.push_back(txt(agency_ids[i]));
    }
    q += "))";
  }
  q += " ORDER BY username";
  MC_ASSIGN(auto rows, c.query(q, p));
  std::vector<StaffRec> out;
  for (auto& r : rows) out.push_back(StaffRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0});
  return out;
}

Result<std::vector<StaffRec>> staff_holding(Connection& c, const std::string& agency_id, const std::string& role,
                                            const std::string& day) {
  Params p{txt(agency_id), txt(role), txt(day), txt(day)};
  MC_ASSIGN(auto rows, c.query("SELECT id, username, '', full_name, active FROM staff WHERE active <> 0 AND id IN"
                               " (SELECT staff_id FROM role_grants WHERE agency_id = ? AND role = ? AND valid_from <= ?"
                               " AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?))"
                               " ORDER BY full_name, username", p));
  std::vector<StaffRec> out;
  for (auto& r : rows) out.push_back(StaffRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0});
  return out;
}

static const char* kGrantCols = "SELECT id, staff_id, agency_id, role, valid_from, valid_to FROM role_grants";

static StaffGrantRec grant_of(const sql::Row& r) {
  return StaffGrantRec{r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
}

Result<std::vector<StaffGrantRec>> list_staff_grants(Connection& c, const std::string& staff_id) {
  std::string q = kGrantCols;
  Params p;
  if (!staff_id.empty()) {
    q += " WHERE staff_id = ?";
    p.push_back(txt(staff_id));
  }
  q += " ORDER BY id";
  MC_ASSIGN(auto rows, c.query(q, p));
  std::vector<StaffGrantRec> out;
  for (auto& r : rows) out.push_back(grant_of(r));
  return out;
}

Result<std::optional<StaffGrantRec>> get_staff_grant(Connection& c, int64_t id) {
  Params p{num(id)};
  MC_ASSIGN(auto rows, c.query(std::string(kGrantCols) + " WHERE id = ?", p));
  if (rows.empty()) return std::optional<StaffGrantRec>{};
  return std::optional<StaffGrantRec>{grant_of(rows[0])};
}

Result<int64_t> insert_staff_grant(Connection& c, const StaffGrantRec& g) {
  Params p{txt(g.staff_id), txt(g.agency_id), txt(g.role), txt(g.valid_from), opt(g.valid_to)};
  MC_ASSIGN(auto rows, c.query("INSERT INTO role_grants (staff_id, agency_id, role, valid_from, valid_to)"
                               " VALUES (?,?,?,?,?) RETURNING id", p));
  return rows.at(0).i64(0);
}

Status set_grant_end(Connection& c, int64_t id, const std::string& valid_to) {
  Params p{opt(valid_to), num(id)};
  MC_ASSIGN(auto n, c.exec("UPDATE role_grants SET valid_to = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy phân quyền");
  return ok_status();
}

Status set_staff_password(Connection& c, const std::string& staff_id, const std::string& password_hash) {
  Params p{txt(password_hash), txt(staff_id)};
  MC_ASSIGN(auto n, c.exec("UPDATE staff SET password_hash = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy cán bộ");
  return ok_status();
}

Status set_staff_active(Connection& c, const std::string& staff_id, bool active) {
  Params p{flag(active), txt(staff_id)};
  MC_ASSIGN(auto n, c.exec("UPDATE staff SET active = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy cán bộ");
  return ok_status();
}

Result<int64_t> delete_sessions_of(Connection& c, const std::string& subject_kind, const std::string& subject_id) {
  Params p{txt(subject_kind), txt(subject_id)};
  return c.exec("DELETE FROM sessions WHERE subject_kind = ? AND subject_id = ?", p);
}

Result<int64_t> delete_other_sessions_of(Connection& c, const std::string& subject_kind, const std::string& subject_id,
                                         const std::string& keep_token_hash) {
  Params p{txt(subject_kind), txt(subject_id), txt(keep_token_hash)};
  return c.exec("DELETE FROM sessions WHERE subject_kind = ? AND subject_id = ? AND token_hash <> ?", p);
}

Status update_agency(Connection& c, const AgencyRec& a) {
  Params p{txt(a.name), opt(a.valid_to), opt(a.successor_id), txt(a.id)};
  MC_ASSIGN(auto n, c.exec("UPDATE agencies SET name = ?, valid_to = ?, successor_id = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan " + a.id);
  return ok_status();
}

Result<std::vector<ProcedureRec>> list_procedure_versions(Connection& c, const std::string& national_code) {
  Params p{txt(national_code)};
  MC_ASSIGN(auto rows, c.query("SELECT id, national_code, version, name, name_folded, field, level, online_level,"
                               " boundary_free, effective_from, time_amount, time_unit, time_verified, doc"
                               " FROM procedures WHERE national_code = ? ORDER BY version", p));
  std::vector<ProcedureRec> out;
  for (auto& r : rows) {
    ProcedureRec x;
    x.id = r.text(0); x.national_code = r.text(1); x.version = r.i64(2); x.name = r.text(3);
    x.name_folded = r.text(4); x.field = r.text(5); x.level = r.text(6); x.online_level = r.text(7);
    x.boundary_free = r.i64(8) != 0; x.effective_from = r.text(9); x.time_amount = r.i64(10);
    x.time_unit = r.text(11); x.time_verified = r.i64(12) != 0; x.doc = r.text(13);
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace motcua::store
