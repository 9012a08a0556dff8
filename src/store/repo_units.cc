// Administrative units as the administration edits them: one unit, units sharing a code (codes
// are reused once a unit ends), a unit's children and the successions pointing at a unit.
#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

const char* kUnitCols =
    "SELECT id, code, name, level, type, parent_id, valid_from, valid_to, source, note, verified FROM units";

UnitRec unit_of(const sql::Row& r) {
  return UnitRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                 r.text(6), r.text(7), r.text(8), r.text(9), r.i64(10) != 0};
}

Result<std::vector<UnitRec>> units_where(Connection& c, const std::string& where, const Params& p) {
  MC_ASSIGN(auto rows, c.query(std::string(kUnitCols) + " WHERE " + where + " ORDER BY code, id", p));
  std::vector<UnitRec> out;
  for (auto& r : rows) out.push_back(unit_of(r));
  return out;
}

}  // namespace

Status lock_units(Connection& c) {
  if (c.engine() != sql::Engine::postgres) return ok_status();  // SQLite: one writer already
  return c.exec_script("LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE");
}

Result<std::optional<UnitRec>> get_unit(Connection& c, const std::string& id) {
  MC_ASSIGN(auto list, units_where(c, "id = ?", Params{txt(id)}));
  if (list.empty()) return std::optional<UnitRec>{};
  return std::optional<UnitRec>{std::move(list[0])};
}

Result<std::vector<UnitRec>> units_with_code(Connection& c, const std::string& code) {
  return units_where(c, "code = ?", Params{txt(code)});
}

Result<std::vector<UnitRec>> unit_children(Connection& c, const std::string& parent_id) {
  return units_where(c, "parent_id = ?", Params{txt(parent_id)});
}

Status update_unit(Connection& c, const UnitRec& u) {
  Params p{txt(u.name), opt(u.valid_to), txt(u.id)};
  MC_ASSIGN(auto n, c.exec("UPDATE units SET name = ?, valid_to = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy đơn vị hành chính " + u.id, "not_found");
  return ok_status();
}

Status set_agency_unit(Connection& c, const std::string& agency_id, const std::string& unit_id) {
  Params p{opt(unit_id), txt(agency_id)};
  MC_ASSIGN(auto n, c.exec("UPDATE agencies SET unit_id = ? WHERE id = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan " + agency_id, "not_found");
  return ok_status();
}

Result<std::vector<SuccessionRec>> successions_to(Connection& c, const std::string& unit_id) {
  Params p{txt(unit_id)};
  MC_ASSIGN(auto rows, c.query("SELECT from_id, to_id, kind, date, legal_basis, verified FROM unit_successions"
                               " WHERE to_id = ? ORDER BY from_id", p));
  std::vector<SuccessionRec> out;
  for (auto& r : rows) out.push_back(SuccessionRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5) != 0});
  return out;
}

}  // namespace motcua::store
