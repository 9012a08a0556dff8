// Documents attached to a dossier: scans made at the counter, files the citizen uploads.
#include <algorithm>
#include <fstream>

#include "app/dossier/dossier_service.h"
#include "app/dossier/policy.h"
#include "domain/dossier/history.h"
#include "app/blob_store.h"
#include "app/dossier/support.h"
#include "app/idempotency.h"
#include "common/crypto.h"
#include "domain/dossier/document_rules.h"
#include "store/repo.h"

namespace motcua::app {
using namespace detail;

namespace {

// Officials who handle the dossier scan and attach; its owner adds files while it waits for them.
Status may_upload(const Actor& a, const store::DossierRec& d) {
  if (a.is_citizen()) {
    if (d.owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    if (!dossier::is(d.state, dossier::State::submitted) && !dossier::is(d.state, dossier::State::supplement_requested))
      return make_error(ErrorKind::conflict, "Chỉ bổ sung tài liệu khi hồ sơ chờ tiếp nhận hoặc được yêu cầu bổ sung.",
                        "documents_closed");
    return ok_status();
  }
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  if (org::may_attach_documents(a.reader(), agencies_of(d))) return ok_status();
  if (a.works_at(d.receiving_agency_id) || a.works_at(d.competent_agency_id))
    return make_error(ErrorKind::forbidden, "Vai trò của bạn không được đính kèm tài liệu.", "role_not_allowed");
  return make_error(ErrorKind::forbidden, "Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
}

Result<store::DocumentRec> stored_document(sql::Connection& c, const std::string& dossier_id, const std::string& id) {
  MC_ASSIGN(auto all, store::list_documents(c, dossier_id));
  for (auto& d : all)
    if (d.id == id) return std::move(d);
  return make_error(ErrorKind::internal, "Không tìm thấy tài liệu của yêu cầu trước");
}

}  // namespace

Result<store::DocumentRec> DossierService::upload(const Actor& a, const std::string& dossier_id, const UploadInput& in,
                                       const std::string& idem_key, const std::string& body_hash) {
  dossier::UploadLimits limits;
  limits.max_file_bytes = cfg_.max_file_mb << 20;
  limits.max_dossier_bytes = cfg_.max_dossier_mb << 20;
  const bool spooled = !in.file_path.empty();
  const int64_t size = spooled ? in.file_size : int64_t(in.bytes.size());
  MC_TRY(dossier::check_upload_size(limits, size, 0, 0));
  std::string head(in.bytes.substr(0, 16));
  if (spooled) {  // the type is decided by the first bytes, as for a body in memory
    std::ifstream f(in.file_path, std::ios::binary);
    head.resize(16);
    f.read(head.data(), 16);
    head.resize(size_t(std::max<std::streamsize>(0, f.gcount())));
  }
  MC_ASSIGN(std::string type, dossier::detect_document_type(head));
  const Idempotency idem = idempotency(a, idem_key, "document", dossier_id, body_hash);
  // Check what can be checked before touching the disk. A repeat is answered here, before the
  // upload rule: the dossier may since have left the state that allowed the first.
  std::optional<store::DocumentRec> first;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(auto earlier, earlier_reply(c, idem));
    if (earlier) {
      MC_ASSIGN(first, stored_document(c, dossier_id, *earlier));
      return ok_status();
    }
    return may_upload(a, *d);
  }));
  if (first) return std::move(*first);
  BlobStore blobs(cfg_.files_dir);
  MC_ASSIGN(std::string sha, spooled ? blobs.put_file(in.file_path) : blobs.put(in.bytes));
  Millis now = this->now();
  store::DocumentRec doc{new_id(), dossier_id, in.component, dossier::clean_file_name(in.file_name, type), type,
                         size, sha, a.label(), now};
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    // Uploads to one dossier take turns (PostgreSQL): each counts what the others stored, so
    // together they cannot pass the dossier's limit.
    MC_ASSIGN(bool exists, store::lock_dossier(c, dossier_id));
    if (!exists) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    MC_ASSIGN(auto d, store::get_dossier(c, dossier_id));
    if (!d) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    // Again, inside the transaction: a concurrent repeat may have committed since.
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_TRY(may_upload(a, *d));  // again, inside the transaction: the state may have moved
      MC_ASSIGN(auto existing, store::list_documents(c, dossier_id));
      int64_t total = 0;
      for (auto& e : existing) total += e.size_bytes;
      MC_TRY(dossier::check_upload_size(limits, doc.size_bytes, total, int(existing.size())));
      MC_TRY(store::insert_document(c, doc));
      MC_TRY(count_digitised_upload(c, *d, std::move(existing), doc, now));
      MC_TRY(record_change(c, *d, ChangeRecord{&a, std::string(dossier::to_string(dossier::Entry::document_added)), d->state, doc.file_name,
                                               {{"document_id", doc.id}, {"sha256", sha}, {"size", doc.size_bytes},
                                                {"content_type", type}}}, now));
      return doc.id;
    }));
    // The answer is read back from the store, the first request's document on a repeat.
    MC_ASSIGN(doc, stored_document(c, dossier_id, made.id));
    return ok_status();
  }));
  return doc;
}

Result<DocumentFile> DossierService::document(const Actor& a, const std::string& dossier_id, const std::string& document_id) {
  MC_ASSIGN(auto view, dossier(a, dossier_id));  // the same read rule as the dossier itself
  for (auto& d : view.documents) {
    if (d.id != document_id) continue;
    MC_ASSIGN(std::string bytes, BlobStore(cfg_.files_dir).get(d.sha256));
    return DocumentFile{d, std::move(bytes)};
  }
  return make_error(ErrorKind::not_found, "Không tìm thấy tài liệu.");
}

}  // namespace motcua::app
