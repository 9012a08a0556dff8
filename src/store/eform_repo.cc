#include "store/eform_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;
using sql::Connection;

Status put_procedure_eform(Connection& c, const std::string& procedure_id, const std::string& schema, bool verified) {
  Params p{txt(procedure_id), txt(schema), flag(verified)};
  MC_TRY(c.exec("INSERT INTO procedure_eforms (procedure_id, schema, verified) VALUES (?,?,?)", p));
  return ok_status();
}

Result<std::optional<std::string>> get_procedure_eform(Connection& c, const std::string& procedure_id) {
  Params p{txt(procedure_id)};
  MC_ASSIGN(auto rows, c.query("SELECT schema FROM procedure_eforms WHERE procedure_id = ?", p));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows[0].text(0)};
}

static const char* kDraftCols =
    "id, owner_personal_id, procedure_id, data, extra, version, state, dossier_id, created_at, updated_at, expires_at";

static DraftRec draft_of(const sql::Row& r) {
  return DraftRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6),
                  r.is_null(7) ? "" : r.text(7), r.i64(8), r.i64(9), r.i64(10)};
}

Status insert_draft(Connection& c, const DraftRec& d) {
  Params p{txt(d.id), txt(d.owner_personal_id), txt(d.procedure_id), txt(d.data), txt(d.extra), num(d.version),
           txt(d.state), opt(d.dossier_id), num(d.created_at), num(d.updated_at), num(d.expires_at)};
  MC_TRY(c.exec(std::string("INSERT INTO drafts (") + kDraftCols + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<DraftRec>> get_draft(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDraftCols + " FROM drafts WHERE id = ?", p));
  if (rows.empty()) return std::optional<DraftRec>{};
  return std::optional<DraftRec>{draft_of(rows[0])};
}

Result<std::vector<DraftRec>> list_drafts(Connection& c, const std::string& owner, int64_t now, int limit) {
  Params p{txt(owner), num(now), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDraftCols +
                                   " FROM drafts WHERE owner_personal_id = ? AND state = 'open' AND expires_at > ?"
                                   " ORDER BY updated_at DESC, id LIMIT ?",
                               p));
  std::vector<DraftRec> out;
  for (auto& r : rows) out.push_back(draft_of(r));
  return out;
}

Result<bool> update_draft(Connection& c, const DraftRec& d, int64_t expected_version) {
  Params p{txt(d.data), txt(d.extra), num(d.version), txt(d.state), opt(d.dossier_id), num(d.updated_at),
           num(d.expires_at), txt(d.id), num(expected_version)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE drafts SET data = ?, extra = ?, version = ?, state = ?, dossier_id = ?,"
                              " updated_at = ?, expires_at = ? WHERE id = ? AND version = ?",
                              p));
  return n > 0;
}

Result<bool> lock_draft(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_ASSIGN(int64_t n, c.exec("UPDATE drafts SET version = version WHERE id = ?", p));
  return n > 0;
}

Status delete_draft(Connection& c, const std::string& id) {
  Params p{txt(id)};
  MC_TRY(c.exec("DELETE FROM draft_uploads WHERE draft_id = ?", p));
  MC_TRY(c.exec("DELETE FROM drafts WHERE id = ?", p));
  return ok_status();
}

Result<std::vector<DraftRec>> expired_drafts(Connection& c, int64_t now, int limit) {
  Params p{num(now), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDraftCols +
                                   " FROM drafts WHERE state = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?",
                               p));
  std::vector<DraftRec> out;
  for (auto& r : rows) out.push_back(draft_of(r));
  return out;
}

static const char* kUploadCols =
    "id, draft_id, component, file_name, declared_size, received, content_type, sha256, state, created_at, updated_at,"
    " reused_from";

static DraftUploadRec upload_of(const sql::Row& r) {
  return DraftUploadRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.i64(5),
                        r.is_null(6) ? "" : r.text(6), r.is_null(7) ? "" : r.text(7), r.text(8), r.i64(9), r.i64(10),
                        r.is_null(11) ? "" : r.text(11)};
}

Status insert_draft_upload(Connection& c, const DraftUploadRec& u) {
  Params p{txt(u.id), txt(u.draft_id), txt(u.component), txt(u.file_name), num(u.declared_size), num(u.received),
           opt(u.content_type), opt(u.sha256), txt(u.state), num(u.created_at), num(u.updated_at), opt(u.reused_from)};
  MC_TRY(c.exec(std::string("INSERT INTO draft_uploads (") + kUploadCols + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<DraftUploadRec>> get_draft_upload(Connection& c, const std::string& draft_id,
                                                       const std::string& id) {
  Params p{txt(id), txt(draft_id)};
  MC_ASSIGN(auto rows,
            c.query(std::string("SELECT ") + kUploadCols + " FROM draft_uploads WHERE id = ? AND draft_id = ?", p));
  if (rows.empty()) return std::optional<DraftUploadRec>{};
  return std::optional<DraftUploadRec>{upload_of(rows[0])};
}

Result<std::vector<DraftUploadRec>> list_draft_uploads(Connection& c, const std::string& draft_id) {
  Params p{txt(draft_id)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kUploadCols +
                                   " FROM draft_uploads WHERE draft_id = ? ORDER BY created_at, id",
                               p));
  std::vector<DraftUploadRec> out;
  for (auto& r : rows) out.push_back(upload_of(r));
  return out;
}

Status update_draft_upload(Connection& c, const DraftUploadRec& u) {
  Params p{num(u.received), opt(u.content_type), opt(u.sha256), txt(u.state), num(u.updated_at), txt(u.id)};
  MC_TRY(c.exec("UPDATE draft_uploads SET received = ?, content_type = ?, sha256 = ?, state = ?, updated_at = ?"
                " WHERE id = ?",
                p));
  return ok_status();
}

Status delete_draft_upload(Connection& c, const std::string& draft_id, const std::string& id) {
  Params p{txt(id), txt(draft_id)};
  MC_TRY(c.exec("DELETE FROM draft_uploads WHERE id = ? AND draft_id = ?", p));
  return ok_status();
}

}  // namespace motcua::store
