#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status insert_unit(Connection& c, const UnitRec& u) {
  Params p{txt(u.id), txt(u.code), txt(u.name), txt(u.level), opt(u.type), opt(u.parent_id), opt(u.valid_from),
           opt(u.valid_to), flag(u.verified), opt(u.source), opt(u.note)};
  MC_TRY(c.exec("INSERT INTO units (id, code, name, level, type, parent_id, valid_from, valid_to, verified, source,"
                " note) VALUES (?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Status insert_succession(Connection& c, const SuccessionRec& s) {
  Params p{txt(s.from_id), txt(s.to_id), txt(s.kind), opt(s.date), opt(s.legal_basis), flag(s.verified)};
  MC_TRY(c.exec("INSERT INTO unit_successions (from_id, to_id, kind, date, legal_basis, verified) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT (from_id, to_id) DO NOTHING", p));
  return ok_status();
}

Status insert_agency(Connection& c, const AgencyRec& a) {
  Params p{txt(a.id), txt(a.eid), txt(a.name), txt(a.type), opt(a.parent_id), opt(a.unit_id), opt(a.valid_from),
           opt(a.valid_to), opt(a.successor_id), flag(a.verified), opt(a.note)};
  MC_TRY(c.exec("INSERT INTO agencies (id, eid, name, type, parent_id, unit_id, valid_from, valid_to, successor_id,"
                " verified, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

static const char* kAgencyCols =
    "SELECT id, eid, name, type, parent_id, unit_id, valid_from, valid_to, successor_id, verified, note FROM agencies";

static AgencyRec agency_of(const sql::Row& r) {
  return AgencyRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                   r.text(6), r.text(7), r.text(8), r.text(10), r.i64(9) != 0};
}

Result<std::optional<AgencyRec>> get_agency(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(auto rows, c.query(std::string(kAgencyCols) + " WHERE id = ?", p));
  if (rows.empty()) return std::optional<AgencyRec>{};
  return std::optional<AgencyRec>{agency_of(rows[0])};
}

Result<std::vector<AgencyRec>> list_agencies(Connection& c) {
  MC_ASSIGN(auto rows, c.query(std::string(kAgencyCols) + " ORDER BY eid"));
  std::vector<AgencyRec> out;
  for (auto& r : rows) out.push_back(agency_of(r));
  return out;
}

Result<std::vector<UnitRec>> list_units(Connection& c, const std::string& level, const std::string& in_force_on) {
  std::string q = "SELECT id, code, name, level, type, parent_id, valid_from, valid_to, source, note, verified FROM units WHERE 1=1";
  Params p;
  if (!level.empty()) { q += " AND level = ?"; p.push_back(txt(level)); }
  if (!in_force_on.empty()) {
    q += " AND (valid_from IS NULL OR valid_from = '' OR valid_from <= ?) AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?)";
    p.push_back(txt(in_force_on));
    p.push_back(txt(in_force_on));
  }
  q += " ORDER BY code, id";
  MC_ASSIGN(auto rows, c.query(q, p));
  std::vector<UnitRec> out;
  for (auto& r : rows)
    out.push_back(UnitRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                          r.text(8), r.text(9), r.i64(10) != 0});
  return out;
}

Result<std::vector<SuccessionRec>> successions_from(Connection& c, const std::string& unit_id) {
  Params p{txt(unit_id)};
  MC_ASSIGN(auto rows, c.query("SELECT from_id, to_id, kind, date, legal_basis, verified FROM unit_successions"
                               " WHERE from_id = ? ORDER BY to_id", p));
  std::vector<SuccessionRec> out;
  for (auto& r : rows) out.push_back(SuccessionRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5) != 0});
  return out;
}

Result<std::vector<SuccessionRec>> list_successions(Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT from_id, to_id, kind, date, legal_basis, verified FROM unit_successions"
                               " ORDER BY from_id, to_id"));
  std::vector<SuccessionRec> out;
  for (auto& r : rows) out.push_back(SuccessionRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5) != 0});
  return out;
}

Status insert_location(Connection& c, const LocationRec& l) {
  Params p{txt(l.id), txt(l.name), txt(l.kind), txt(l.agency_id), opt(l.unit_id), opt(l.address), flag(l.verified),
           opt(l.note)};
  MC_TRY(c.exec("INSERT INTO service_locations (id, name, kind, agency_id, unit_id, address, verified, note)"
                " VALUES (?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::vector<LocationRec>> list_locations(Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT id, name, kind, agency_id, unit_id, address, note, verified"
                               " FROM service_locations ORDER BY kind, name"));
  std::vector<LocationRec> out;
  for (auto& r : rows)
    out.push_back(LocationRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.i64(7) != 0});
  return out;
}

Status insert_procedure(Connection& c, const ProcedureRec& x, const std::vector<std::string>& agency_ids) {
  Params p{txt(x.id), txt(x.national_code), num(x.version), txt(x.name), txt(x.name_folded), opt(x.field),
           opt(x.level), opt(x.online_level), flag(x.boundary_free), opt(x.effective_from), num(x.time_amount),
           txt(x.time_unit), flag(x.time_verified), txt(x.doc)};
  MC_TRY(c.exec("INSERT INTO procedures (id, national_code, version, name, name_folded, field, level, online_level,"
                " boundary_free, effective_from, time_amount, time_unit, time_verified, doc)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", p));
  for (auto& a : agency_ids) {
    Params q{txt(x.id), txt(a)};
    MC_TRY(c.exec("INSERT INTO procedure_agencies (procedure_id, agency_id) VALUES (?,?)", q));
  }
  return ok_status();
}

static const char* kProcCols =
    "SELECT id, national_code, version, name, name_folded, field, level, online_level, boundary_free, effective_from,"
    " time_amount, time_unit, time_verified, doc FROM procedures";

static ProcedureRec procedure_of(const sql::Row& r) {
  ProcedureRec p;
  p.id = r.text(0); p.national_code = r.text(1); p.version = r.i64(2); p.name = r.text(3);
  p.name_folded = r.text(4); p.field = r.text(5); p.level = r.text(6); p.online_level = r.text(7);
  p.boundary_free = r.i64(8) != 0; p.effective_from = r.text(9); p.time_amount = r.i64(10);
  p.time_unit = r.text(11); p.time_verified = r.i64(12) != 0; p.doc = r.text(13);
  return p;
}

Result<std::optional<ProcedureRec>> get_procedure(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(auto rows, c.query(std::string(kProcCols) + " WHERE id = ?", p));
  if (rows.empty()) return std::optional<ProcedureRec>{};
  return std::optional<ProcedureRec>{procedure_of(rows[0])};
}

Result<std::vector<ProcedureRec>> list_procedures(Connection& c, const std::string& agency_id,
                                                  const std::string& folded_query, int limit) {
  std::string q = std::string(kProcCols) + " WHERE 1=1";
  Params p;
  if (!agency_id.empty()) {
    q += " AND id IN (SELECT procedure_id FROM procedure_agencies WHERE agency_id = ?)";
    p.push_back(txt(agency_id));
  }
  if (!folded_query.empty()) {
    q += std::string(" AND (name_folded LIKE ?") + kLikeEscape + " OR national_code LIKE ?" + kLikeEscape + ")";
    const std::string esc = like_literal(folded_query);  // typed % and _ are not wildcards
    p.push_back(txt("%" + esc + "%"));
    p.push_back(txt(esc + "%"));
  }
  q += " ORDER BY field, name LIMIT ?";
  p.push_back(num(limit));
  MC_ASSIGN(auto rows, c.query(q, p));
  std::vector<ProcedureRec> out;
  for (auto& r : rows) out.push_back(procedure_of(r));
  return out;
}

Result<bool> procedure_handled_by(Connection& c, const std::string& procedure_id, const std::string& agency_id) {
  Params p{txt(procedure_id), txt(agency_id)};
  MC_ASSIGN(auto rows, c.query("SELECT 1 FROM procedure_agencies WHERE procedure_id = ? AND agency_id = ?", p));
  return !rows.empty();
}

Result<std::vector<std::string>> procedure_agencies(Connection& c, const std::string& procedure_id) {
  Params p{txt(procedure_id)};
  MC_ASSIGN(auto rows, c.query("SELECT agency_id FROM procedure_agencies WHERE procedure_id = ? ORDER BY agency_id", p));
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.text(0));
  return out;
}

}  // namespace motcua::store
