#include "store/citizen_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Result<std::vector<DossierRec>> list_my_dossiers(sql::Connection& c, const MyDossierFilter& f) {
  Params p{txt(f.owner_personal_id)};
  std::string sql = std::string("SELECT ") + kDossierCols + " FROM dossiers WHERE owner_personal_id = ?";
  if (!f.states.empty()) {
    std::string in;
    for (auto& s : f.states) {
      in += in.empty() ? "?" : ",?";
      p.push_back(txt(s));
    }
    sql += " AND state IN (" + in + ")";
  }
  if (f.before) {
    sql += " AND (created_at < ? OR (created_at = ? AND id < ?))";
    p.push_back(num(f.before->first));
    p.push_back(num(f.before->first));
    p.push_back(txt(f.before->second));
  }
  sql += " ORDER BY owner_personal_id DESC, created_at DESC, id DESC LIMIT ?";
  p.push_back(num(f.limit));
  MC_ASSIGN(auto rows, c.query(sql, p));
  std::vector<DossierRec> out;
  for (auto& r : rows) out.push_back(dossier_of(r));
  return out;
}

static const char* kDocCols =
    "doc.id, doc.dossier_id, doc.component, doc.file_name, doc.content_type, doc.size_bytes, doc.sha256,"
    " doc.uploaded_by, doc.uploaded_at, d.code, d.procedure_id";

static OwnedDocument owned_of(const sql::Row& r) {
  return OwnedDocument{DocumentRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.text(6),
                                   r.text(7), r.i64(8)},
                       r.text(9), r.text(10)};
}

Result<std::vector<OwnedDocument>> owned_documents(sql::Connection& c, const std::string& owner, int limit) {
  Params p{txt(owner), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDocCols +
                                   " FROM dossiers d JOIN documents doc ON doc.dossier_id = d.id"
                                   " WHERE d.owner_personal_id = ? ORDER BY doc.uploaded_at DESC, doc.id DESC LIMIT ?",
                               p));
  std::vector<OwnedDocument> out;
  for (auto& r : rows) out.push_back(owned_of(r));
  return out;
}

Result<std::optional<OwnedDocument>> owned_document(sql::Connection& c, const std::string& owner,
                                                    const std::string& document_id) {
  Params p{txt(document_id), txt(owner)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDocCols +
                                   " FROM documents doc JOIN dossiers d ON doc.dossier_id = d.id"
                                   " WHERE doc.id = ? AND d.owner_personal_id = ?",
                               p));
  if (rows.empty()) return std::optional<OwnedDocument>{};
  return std::optional<OwnedDocument>{owned_of(rows[0])};
}

Result<std::vector<std::pair<std::string, std::string>>> result_details_of(sql::Connection& c, const std::string& owner) {
  Params p{txt(owner), num(kResultReady)};
  MC_ASSIGN(auto rows, c.query("SELECT id, doc FROM dossiers WHERE owner_personal_id = ? AND (flags & ?) <> 0", p));
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& r : rows) out.emplace_back(r.text(0), r.text(1));
  return out;
}

Result<std::optional<RatingRec>> get_rating(sql::Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query("SELECT dossier_id, agency_id, score, comment, channel, rated_by, rated_at"
                               " FROM ratings WHERE dossier_id = ?", p));
  if (rows.empty()) return std::optional<RatingRec>{};
  auto& r = rows[0];
  return std::optional<RatingRec>{RatingRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.i64(6)}};
}

Result<std::vector<std::string>> rated_among(sql::Connection& c, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  if (ids.empty()) return out;
  Params p;
  std::string in;
  for (auto& id : ids) {
    in += in.empty() ? "?" : ",?";
    p.push_back(txt(id));
  }
  MC_ASSIGN(auto rows, c.query("SELECT dossier_id FROM ratings WHERE dossier_id IN (" + in + ")", p));
  for (auto& r : rows) out.push_back(r.text(0));
  return out;
}

Status insert_rating(sql::Connection& c, const RatingRec& r) {
  Params p{txt(r.dossier_id), txt(r.agency_id), txt(r.score), opt(r.comment), txt(r.channel), txt(r.rated_by),
           num(r.rated_at)};
  MC_TRY(c.exec("INSERT INTO ratings (dossier_id, agency_id, score, comment, channel, rated_by, rated_at)"
                " VALUES (?,?,?,?,?,?,?)", p));
  return ok_status();
}

Status insert_reuse(sql::Connection& c, const ReuseRec& r) {
  Params p{txt(r.document_id), txt(r.dossier_id), txt(r.source_document_id), txt(r.reused_by), num(r.reused_at)};
  MC_TRY(c.exec("INSERT INTO document_reuses (document_id, dossier_id, source_document_id, reused_by, reused_at)"
                " VALUES (?,?,?,?,?)", p));
  return ok_status();
}

Result<std::vector<ReuseRec>> reuses_of(sql::Connection& c, const std::string& dossier_id) {
  Params p{txt(dossier_id)};
  MC_ASSIGN(auto rows, c.query("SELECT document_id, dossier_id, source_document_id, reused_by, reused_at"
                               " FROM document_reuses WHERE dossier_id = ?", p));
  std::vector<ReuseRec> out;
  for (auto& r : rows) out.push_back(ReuseRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4)});
  return out;
}

Result<std::string> setting_once(sql::Connection& c, const std::string& key, const std::string& value) {
  Params p{txt(key), txt(value)};
  MC_TRY(c.exec("INSERT INTO settings (key, value) VALUES (?,?) ON CONFLICT (key) DO NOTHING", p));
  Params q{txt(key)};
  MC_ASSIGN(auto rows, c.query("SELECT value FROM settings WHERE key = ?", q));
  if (rows.empty()) return make_error(ErrorKind::internal, "Không đọc được thiết lập " + key);
  return rows[0].text(0);
}

static const char* kKioskCols =
    "id, agency_id, desk, staff_id, pairing_code_hash, token_hash, dossier_id, pairing_expires_at, paired_at,"
    " dossier_set_at, created_at, ended_at";

static KioskRec kiosk_of(const sql::Row& r) {
  return KioskRec{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                  i64_or0(r, 7), i64_or0(r, 8), i64_or0(r, 9), r.i64(10), i64_or0(r, 11)};
}

Result<std::vector<KioskRec>> kiosks_of(sql::Connection& c, const std::string& staff_id, int limit) {
  Params p{txt(staff_id), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kKioskCols +
                                   " FROM kiosks WHERE staff_id = ? ORDER BY created_at DESC, id DESC LIMIT ?", p));
  std::vector<KioskRec> out;
  for (auto& r : rows) out.push_back(kiosk_of(r));
  return out;
}

static Result<std::optional<KioskRec>> one_kiosk(sql::Connection& c, const std::string& where, const std::string& v) {
  Params p{txt(v)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kKioskCols + " FROM kiosks WHERE " + where, p));
  if (rows.empty()) return std::optional<KioskRec>{};
  return std::optional<KioskRec>{kiosk_of(rows[0])};
}

Status insert_kiosk(sql::Connection& c, const KioskRec& k) {
  Params p{txt(k.id), txt(k.agency_id), txt(k.desk), txt(k.staff_id), opt(k.pairing_code_hash),
           opt_ms(k.pairing_expires_at), num(k.created_at)};
  MC_TRY(c.exec("INSERT INTO kiosks (id, agency_id, desk, staff_id, pairing_code_hash, pairing_expires_at, created_at)"
                " VALUES (?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<KioskRec>> get_kiosk(sql::Connection& c, const std::string& id) { return one_kiosk(c, "id = ?", id); }
Result<std::optional<KioskRec>> kiosk_by_code(sql::Connection& c, const std::string& h) {
  return one_kiosk(c, "pairing_code_hash = ?", h);
}
Result<std::optional<KioskRec>> kiosk_by_token(sql::Connection& c, const std::string& h) {
  return one_kiosk(c, "token_hash = ? AND ended_at IS NULL", h);
}

Status update_kiosk(sql::Connection& c, const KioskRec& k) {
  Params p{opt(k.pairing_code_hash), opt_ms(k.pairing_expires_at), opt(k.token_hash), opt_ms(k.paired_at),
           opt(k.dossier_id), opt_ms(k.dossier_set_at), opt_ms(k.ended_at), txt(k.id)};
  MC_TRY(c.exec("UPDATE kiosks SET pairing_code_hash = ?, pairing_expires_at = ?, token_hash = ?, paired_at = ?,"
                " dossier_id = ?, dossier_set_at = ?, ended_at = ? WHERE id = ?", p));
  return ok_status();
}

Status end_kiosks_of(sql::Connection& c, const std::string& staff_id, const std::string& keep_id, Millis at) {
  Params p{num(at), txt(staff_id), txt(keep_id)};
  MC_TRY(c.exec("UPDATE kiosks SET ended_at = ?, pairing_code_hash = NULL WHERE staff_id = ? AND id <> ?"
                " AND ended_at IS NULL", p));
  return ok_status();
}

Status set_kiosk_dossier(sql::Connection& c, const std::string& staff_id, const std::string& dossier_id, Millis at) {
  Params p{txt(dossier_id), num(at), txt(staff_id)};
  MC_TRY(c.exec("UPDATE kiosks SET dossier_id = ?, dossier_set_at = ? WHERE staff_id = ? AND ended_at IS NULL"
                " AND token_hash IS NOT NULL", p));
  return ok_status();
}

}  // namespace motcua::store
