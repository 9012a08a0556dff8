#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Result<std::optional<int64_t>> take_code_seq(Connection& c, const std::string& agency_id, const std::string& day,
                                              int64_t max) {
  Params p{txt(agency_id), txt(day), num(max)};
  // The conditional upsert leaves a full day's row as it was: a refused number is never taken.
  static constexpr std::string_view kTake =
      "INSERT INTO dossier_code_seq (agency_id, day, n) VALUES (?,?,1) ON CONFLICT"
      " (agency_id, day) DO UPDATE SET n = dossier_code_seq.n + 1 WHERE dossier_code_seq.n < ?";
  if (c.engine() == sql::Engine::postgres) {
    MC_ASSIGN(auto rows, c.query(std::string(kTake) + " RETURNING n", p));
    if (rows.empty()) return std::optional<int64_t>{};
    return std::optional<int64_t>{rows[0].i64(0)};
  }
  MC_ASSIGN(int64_t changed, c.exec(kTake, p));
  if (changed == 0) return std::optional<int64_t>{};
  Params key{txt(agency_id), txt(day)};
  MC_ASSIGN(auto rows, c.query("SELECT n FROM dossier_code_seq WHERE agency_id = ? AND day = ?", key));
  if (rows.empty()) return make_error(ErrorKind::internal, "Không cấp được số hồ sơ");
  return std::optional<int64_t>{rows[0].i64(0)};
}

Result<int64_t> count_filings_since(Connection& c, const std::string& personal_id, int64_t channel, Millis since) {
  Params p{txt(personal_id), num(channel), num(since)};
  MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM dossiers WHERE owner_personal_id = ? AND channel = ?"
                               " AND submitted_at >= ?", p));
  return rows.empty() ? int64_t(0) : rows[0].i64(0);
}

int64_t code_serial(std::string_view code) {
  if (code.size() < 12) return 0;
  std::string_view t = code.substr(code.size() - 12);  // -yyMMdd-NNNN
  if (t[0] != '-' || t[7] != '-') return 0;
  int64_t v = 0;
  for (size_t i = 1; i < t.size(); ++i) {
    if (i == 7) continue;
    if (t[i] < '0' || t[i] > '9') return 0;
    v = v * 10 + (t[i] - '0');
  }
  return v;
}

const char* const detail::kDossierCols =
    "id, code, procedure_id, receiving_agency_id, competent_agency_id, channel, state, owner_personal_id,"
    " applicant_name, applicant_name_folded, applicant_id_number, applicant_doc, submitted_at, received_at, due_at,"
    " original_due_at, paused_at, flags, current_step, resolution, resolved_at, returned_at, timeliness, version,"
    " created_at, updated_at, doc";
static const char* const kCols = kDossierCols;

DossierRec detail::dossier_of(const sql::Row& r, int o) {
  DossierRec d;
  d.id = r.text(o + 0); d.code = r.text(o + 1); d.procedure_id = r.text(o + 2); d.receiving_agency_id = r.text(o + 3);
  d.competent_agency_id = r.text(o + 4); d.channel = r.i64(o + 5); d.state = r.text(o + 6);
  d.owner_personal_id = r.text(o + 7); d.applicant_name = r.text(o + 8); d.applicant_name_folded = r.text(o + 9);
  d.applicant_id_number = r.text(o + 10); d.applicant_doc = r.text(o + 11); d.submitted_at = i64_or0(r, o + 12);
  d.received_at = i64_or0(r, o + 13); d.due_at = i64_or0(r, o + 14); d.original_due_at = i64_or0(r, o + 15);
  d.paused_at = i64_or0(r, o + 16); d.flags = r.i64(o + 17); d.current_step = r.i64(o + 18);
  d.resolution = r.text(o + 19); d.resolved_at = i64_or0(r, o + 20); d.returned_at = i64_or0(r, o + 21);
  d.timeliness = r.text(o + 22); d.version = r.i64(o + 23); d.created_at = r.i64(o + 24);
  d.updated_at = r.i64(o + 25); d.doc = r.text(o + 26);
  return d;
}

// kCols with every column qualified by `alias.` (for joins).
static std::string qualified(const char* cols, const std::string& alias) {
  std::string out, name;
  auto flush = [&] {
    size_t b = name.find_first_not_of(' ');
    if (b == std::string::npos) return;
    if (!out.empty()) out += ", ";
    out += alias + "." + name.substr(b);
    name.clear();
  };
  for (const char* p = cols; *p; ++p) {
    if (*p == ',') flush();
    else name += *p;
  }
  flush();
  return out;
}

// Sort key of dossiers without a due time (after every real instant).
constexpr int64_t kNoDue = 9000000000000000LL;

static Params mutable_params(const DossierRec& d) {
  return Params{txt(d.competent_agency_id), txt(d.state), opt(d.owner_personal_id), txt(d.applicant_name),
                txt(d.applicant_name_folded), opt(d.applicant_id_number), txt(d.applicant_doc),
                opt_ms(d.submitted_at), opt_ms(d.received_at), opt_ms(d.due_at), opt_ms(d.original_due_at),
                opt_ms(d.paused_at), num(d.flags), num(d.current_step), opt(d.resolution), opt_ms(d.resolved_at),
                opt_ms(d.returned_at), opt(d.timeliness), num(d.version), num(d.updated_at), txt(d.doc),
                num(d.due_at ? d.due_at : kNoDue)};
}

static constexpr std::string_view kInsertDossier =
    "INSERT INTO dossiers (id, code, code_serial, procedure_id, receiving_agency_id, channel, created_at,"
    " competent_agency_id, state, owner_personal_id, applicant_name, applicant_name_folded,"
    " applicant_id_number, applicant_doc, submitted_at, received_at, due_at, original_due_at, paused_at,"
    " flags, current_step, resolution, resolved_at, returned_at, timeliness, version, updated_at, doc,"
    " due_sort) VALUES ";
static constexpr std::string_view kDossierRow = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

static void append_insert_params(Params& p, const DossierRec& d) {
  for (auto&& v : {txt(d.id), txt(d.code), num(code_serial(d.code)), txt(d.procedure_id), txt(d.receiving_agency_id),
                   num(d.channel), num(d.created_at)})
    p.push_back(v);
  for (auto& v : mutable_params(d)) p.push_back(v);
}

Status insert_dossier(Connection& c, const DossierRec& d) {
  Params p;
  append_insert_params(p, d);
  MC_TRY(c.exec(std::string(kInsertDossier) + std::string(kDossierRow), p));
  return ok_status();
}

Status insert_dossiers(Connection& c, const std::vector<DossierRec>& ds) {
  Params p;
  p.reserve(ds.size() * 29);
  for (const auto& d : ds) append_insert_params(p, d);
  return exec_rows(c, kInsertDossier, 29, "", p);
}

static Result<std::optional<DossierRec>> get_where(Connection& c, const char* where, const Params& p) {
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM dossiers WHERE " + where, p));
  if (rows.empty()) return std::optional<DossierRec>{};
  return std::optional<DossierRec>{dossier_of(rows[0])};
}

Result<std::optional<DossierRec>> get_dossier(Connection& c, const std::string& id) {
  return get_where(c, "id = ?", Params{txt(id)});
}
Result<std::optional<DossierRec>> get_dossier_by_code(Connection& c, const std::string& code) {
  return get_where(c, "code_serial = ? AND code = ?", Params{num(code_serial(code)), txt(code)});
}

Status update_dossier(Connection& c, const DossierRec& d) {
  Params p = mutable_params(d);
  p.push_back(txt(d.id));
  p.push_back(num(d.version - 1));
  MC_ASSIGN(auto n, c.exec("UPDATE dossiers SET competent_agency_id = ?, state = ?, owner_personal_id = ?,"
                           " applicant_name = ?, applicant_name_folded = ?, applicant_id_number = ?, applicant_doc = ?,"
                           " submitted_at = ?, received_at = ?, due_at = ?, original_due_at = ?, paused_at = ?,"
                           " flags = ?, current_step = ?, resolution = ?, resolved_at = ?, returned_at = ?,"
                           " timeliness = ?, version = ?, updated_at = ?, doc = ?, due_sort = ?"
                           " WHERE id = ? AND version = ?", p));
  if (n != 1)
    return make_error(ErrorKind::conflict,
                      "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.", "stale");
  return ok_status();
}

// Conditions other than agency and state, shared by every branch of a queue query.
static std::string extra_where(const DossierFilter& f, Params& p) {
  std::string w;
  if (!f.owner_personal_id.empty()) { w += " AND owner_personal_id = ?"; p.push_back(txt(f.owner_personal_id)); }
  if (!f.procedure_id.empty()) { w += " AND procedure_id = ?"; p.push_back(txt(f.procedure_id)); }
  if (f.channel != 0) { w += " AND channel = ?"; p.push_back(num(f.channel)); }
  if (f.due_before != 0) { w += " AND due_sort < ?"; p.push_back(num(f.due_before)); }
  if (!f.search.empty()) {
    // Typed text is matched literally: % and _ are escaped, not wildcards.
    // A phone number (digits only) is found in the applicant's record as written at intake.
    const bool digits = f.search.find_first_not_of("0123456789") == std::string::npos;
    w += std::string(" AND (code LIKE ?") + kLikeEscape + " OR applicant_id_number = ? OR applicant_name_folded LIKE ?" +
         kLikeEscape + (digits ? " OR applicant_doc LIKE ?)" : ")");
    p.push_back(txt(like_literal(f.search) + "%"));
    p.push_back(txt(f.search));
    p.push_back(txt("%" + like_literal(f.search_folded) + "%"));
    if (digits) p.push_back(txt("%\"phone\":\"" + f.search + "\"%"));
  }
  if (f.after) {
    w += " AND (due_sort > ? OR (due_sort = ? AND id > ?))";
    p.push_back(num(f.after->first));
    p.push_back(num(f.after->first));
    p.push_back(txt(f.after->second));
  }
  return w;
}

static const std::vector<std::string>& all_states() {
  static const std::vector<std::string> s = {"draft", "submitted", "received", "refused", "in_progress",
                                             "supplement_requested", "awaiting_payment", "withdrawn", "stopped",
                                             "resolved", "returned"};
  return s;
}

// A queue is read as a union of index range scans — one per (agency column, agency, state),
// each already in due order and limited — so the cost does not grow with the store.
Result<std::vector<DossierRec>> list_dossiers(Connection& c, const DossierFilter& f) {
  Params p;
  std::string sql;
  if (f.agency_ids.empty()) {  // a citizen's own dossiers (owner index)
    sql = std::string("SELECT ") + kCols + ", due_sort FROM dossiers WHERE 1=1" + extra_where(f, p) +
          " ORDER BY due_sort, id LIMIT ?";
    p.push_back(num(f.limit));
  } else {
    const auto& states = f.states.empty() ? all_states() : f.states;
    std::string branches;
    for (const char* col : {"receiving_agency_id", "competent_agency_id"})
      for (auto& agency : f.agency_ids)
        for (auto& state : states) {
          if (!branches.empty()) branches += " UNION ";
          branches += std::string("SELECT * FROM (SELECT ") + kCols + ", due_sort FROM dossiers WHERE " + col +
                      " = ? AND state = ?";
          // The competent-agency index holds only dossiers received elsewhere (migration 006);
          // the others are found through the receiving-agency branch of the same agency.
          if (std::string_view(col) == "competent_agency_id") branches += " AND competent_agency_id <> receiving_agency_id";
          p.push_back(txt(agency));
          p.push_back(txt(state));
          branches += extra_where(f, p) + " ORDER BY due_sort, id LIMIT ?) b";
          p.push_back(num(f.limit));
        }
    sql = "SELECT * FROM (" + branches + ") q ORDER BY due_sort, id LIMIT ?";
    p.push_back(num(f.limit));
  }
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<DossierRec> out;
  for (auto& r : rows) out.push_back(dossier_of(r));
  return out;
}

Result<std::vector<DossierRec>> register_rows(Connection& c, const std::string& agency_id, Millis from, Millis to,
                                              int limit) {
  Params p{txt(agency_id), num(from), num(to), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kCols + " FROM dossiers WHERE receiving_agency_id = ?"
                                   " AND received_at >= ? AND received_at < ? ORDER BY received_at, id LIMIT ?", p));
  std::vector<DossierRec> out;
  for (auto& r : rows) out.push_back(dossier_of(r));
  return out;
}

Result<int64_t> count_dossiers(Connection& c, const DossierFilter& f) {
  Params p;
  std::string w = " WHERE 1=1";
  if (!f.agency_ids.empty()) {
    std::string in;
    for (auto& a : f.agency_ids) { in += in.empty() ? "?" : ",?"; p.push_back(txt(a)); }
    for (auto& a : f.agency_ids) p.push_back(txt(a));
    w += " AND (receiving_agency_id IN (" + in + ") OR competent_agency_id IN (" + in + "))";
  }
  if (!f.states.empty()) {
    std::string in;
    for (auto& s : f.states) { in += in.empty() ? "?" : ",?"; p.push_back(txt(s)); }
    w += " AND state IN (" + in + ")";
  }
  DossierFilter rest = f;
  rest.after.reset();
  w += extra_where(rest, p);
  MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM dossiers" + w, p));
  return rows.at(0).i64(0);
}

Status insert_document(Connection& c, const DocumentRec& d) {
  Params p{txt(d.id), txt(d.dossier_id), opt(d.component), txt(d.file_name), txt(d.content_type), num(d.size_bytes),
           txt(d.sha256), txt(d.uploaded_by), num(d.uploaded_at)};
  MC_TRY(c.exec("INSERT INTO documents (id, dossier_id, component, file_name, content_type, size_bytes, sha256,"
                " uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::vector<DocumentRec>> list_documents(Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, component, file_name, content_type, size_bytes, sha256,"
                               " uploaded_by, uploaded_at FROM documents WHERE dossier_id = ? ORDER BY uploaded_at, id", p));
  std::vector<DocumentRec> out;
  for (auto& r : rows)
    out.push_back(DocumentRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6), r.text(7), r.i64(8)});
  return out;
}

static std::vector<DocumentRec> documents_of_rows(const std::vector<sql::Row>& rows) {
  std::vector<DocumentRec> out;
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back(DocumentRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6), r.text(7), r.i64(8)});
  return out;
}

Result<std::vector<DocumentRec>> documents_of_range(Connection& c, const std::string& first, const std::string& last) {
  Params p{txt(first), txt(last)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, COALESCE(component, ''), file_name, content_type, size_bytes, sha256,"
                               " uploaded_by, uploaded_at FROM documents WHERE dossier_id >= ? AND dossier_id <= ?"
                               " ORDER BY dossier_id, uploaded_at, id", p));
  return documents_of_rows(rows);
}

Result<std::vector<DocumentRec>> documents_of(Connection& c, const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<DocumentRec>{};
  std::string in;
  Params p;
  for (const auto& id : ids) in += in.empty() ? "?" : ", ?", p.push_back(txt(id));
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, COALESCE(component, ''), file_name, content_type, size_bytes, sha256,"
                               " uploaded_by, uploaded_at FROM documents WHERE dossier_id IN (" + in + ")"
                               " ORDER BY dossier_id, uploaded_at, id", p));
  return documents_of_rows(rows);
}

static constexpr std::string_view kInsertEvent =
    "INSERT INTO dossier_events (dossier_id, at, actor, action, from_state, to_state, note, data) VALUES ";
static constexpr std::string_view kEventRow = "(?,?,?,?,?,?,?,?)";

static void append_event_params(Params& p, const EventRec& e) {
  for (auto&& v : {txt(e.dossier_id), num(e.at), txt(e.actor), txt(e.action), opt(e.from_state), txt(e.to_state),
                   opt(e.note), opt(e.data)})
    p.push_back(v);
}

Status insert_event(Connection& c, const EventRec& e) {
  Params p;
  append_event_params(p, e);
  MC_TRY(c.exec(std::string(kInsertEvent) + std::string(kEventRow), p));
  return ok_status();
}

Status insert_events(Connection& c, const std::vector<EventRec>& es) {
  Params p;
  p.reserve(es.size() * 8);
  for (const auto& e : es) append_event_params(p, e);
  return exec_rows(c, kInsertEvent, 8, "", p);
}

Result<std::vector<EventRec>> list_events(Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, at, actor, action, from_state, to_state, note, data"
                               " FROM dossier_events WHERE dossier_id = ? ORDER BY id", p));
  std::vector<EventRec> out;
  for (auto& r : rows)
    out.push_back(EventRec{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)});
  return out;
}

Status insert_step(Connection& c, const StepRec& s) {
  Params p{txt(s.dossier_id), num(s.step), txt(s.name), txt(s.role), txt(s.agency_id), opt(s.assignee_id),
           opt(s.handed_by), num(s.started_at), num(s.due_at), opt_ms(s.finished_at), opt(s.timeliness), opt(s.note)};
  MC_TRY(c.exec("INSERT INTO dossier_steps (dossier_id, step, name, role, agency_id, assignee_id, handed_by, started_at,"
                " due_at, finished_at, timeliness, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Status update_step(Connection& c, const StepRec& s) {
  Params p{opt(s.assignee_id), num(s.due_at), opt_ms(s.finished_at), opt(s.timeliness), opt(s.note), num(s.id)};
  MC_TRY(c.exec("UPDATE dossier_steps SET assignee_id = ?, due_at = ?, finished_at = ?, timeliness = ?, note = ?"
                " WHERE id = ?", p));
  return ok_status();
}

Result<std::vector<StepRec>> list_steps(Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query("SELECT id, dossier_id, step, name, role, agency_id, assignee_id, handed_by, started_at,"
                               " due_at, finished_at, timeliness, note FROM dossier_steps WHERE dossier_id = ?"
                               " ORDER BY id", p));
  std::vector<StepRec> out;
  for (auto& r : rows)
    out.push_back(StepRec{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                          r.i64(8), r.i64(9), i64_or0(r, 10), r.text(11), r.text(12)});
  return out;
}

}  // namespace motcua::store

namespace motcua::store {
using namespace detail;

Result<int64_t> insert_consultation(Connection& c, const ConsultationRec& r) {
  Params p{txt(r.dossier_id), txt(r.agency_id), txt(r.subject), num(r.requested_at), num(r.due_at),
           opt(r.requested_by)};
  MC_ASSIGN(auto rows, c.query("INSERT INTO consultations (dossier_id, agency_id, subject, requested_at, due_at,"
                               " requested_by) VALUES (?,?,?,?,?,?) RETURNING id", p));
  return rows.at(0).i64(0);
}

Result<bool> lock_dossier(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE dossiers SET version = version WHERE id = ?", p));
  return n > 0;
}

Status update_consultation(Connection& c, const ConsultationRec& r) {
  Params p{opt_ms(r.answered_at), opt(r.answer), opt(r.timeliness), opt(r.answered_by), num(r.id)};
  MC_TRY(c.exec("UPDATE consultations SET answered_at = ?, answer = ?, timeliness = ?, answered_by = ? WHERE id = ?",
                p));
  return ok_status();
}

static const char* kConsultCols =
    "id, dossier_id, agency_id, subject, requested_at, due_at, answered_at, answer, timeliness, requested_by,"
    " answered_by";

static ConsultationRec consultation_of(const sql::Row& r, int o = 0) {
  return ConsultationRec{r.i64(o + 0), r.text(o + 1), r.text(o + 2), r.text(o + 3), r.i64(o + 4), r.i64(o + 5),
                         i64_or0(r, o + 6), r.text(o + 7), r.text(o + 8), r.text(o + 9), r.text(o + 10)};
}

Result<std::vector<ConsultationRec>> list_consultations(Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kConsultCols +
                                   " FROM consultations WHERE dossier_id = ? ORDER BY id", p));
  std::vector<ConsultationRec> out;
  for (auto& r : rows) out.push_back(consultation_of(r));
  return out;
}

Result<std::vector<ConsultationItem>> list_open_consultations(Connection& c, const DossierFilter& f) {
  if (f.agency_ids.empty()) return std::vector<ConsultationItem>{};
  // Open requests are few next to dossiers: they are read through the partial index
  // consultations_open (agency, due, id), each joined to its dossier by primary key. The dossier
  // filters of extra_where name columns only `dossiers` has, so they need no qualifier.
  static const std::string cols = qualified(kConsultCols, "c") + ", " + qualified(kCols, "d");
  Params p;
  std::string agencies;
  for (auto& a : f.agency_ids) { agencies += agencies.empty() ? "?" : ",?"; p.push_back(txt(a)); }
  std::string sql = "SELECT " + cols + " FROM consultations c JOIN dossiers d ON d.id = c.dossier_id" +
                    " WHERE c.answered_at IS NULL AND c.agency_id IN (" + agencies + ")";
  if (!f.states.empty()) {
    std::string in;
    for (auto& st : f.states) { in += in.empty() ? "?" : ",?"; p.push_back(txt(st)); }
    sql += " AND d.state IN (" + in + ")";
  }
  DossierFilter rest = f;
  rest.after.reset();
  rest.due_before = 0;  // applies to the consultation's due time, not the dossier's
  // The consulted agency sees the applicant's identity number masked: its search must not
  // confirm a guessed number, so it matches the code or the name only.
  rest.search.clear();
  sql += extra_where(rest, p);
  if (!f.search.empty()) {
    sql += std::string(" AND (d.code LIKE ?") + kLikeEscape + " OR d.applicant_name_folded LIKE ?" + kLikeEscape + ")";
    p.push_back(txt(like_literal(f.search) + "%"));
    p.push_back(txt("%" + like_literal(f.search_folded) + "%"));
  }
  if (f.due_before != 0) {
    sql += " AND c.due_at < ?";
    p.push_back(num(f.due_before));
  }
  if (f.after) {
    int64_t after_id = 0;
    try { after_id = std::stoll(f.after->second); } catch (...) { after_id = 0; }
    sql += " AND (c.due_at > ? OR (c.due_at = ? AND c.id > ?))";
    p.push_back(num(f.after->first));
    p.push_back(num(f.after->first));
    p.push_back(num(after_id));
  }
  sql += " ORDER BY c.due_at, c.id LIMIT ?";
  p.push_back(num(f.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<ConsultationItem> out;
  for (auto& r : rows) out.push_back(ConsultationItem{consultation_of(r, 0), dossier_of(r, 11)});
  return out;
}

}  // namespace motcua::store
