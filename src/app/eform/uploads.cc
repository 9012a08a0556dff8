// Resumable uploads of a draft: declared with their size and component, received in chunks
// appended to a partial file (<files>/.drafts/<id>.part) whose length the store records in the
// same step, checked like staff uploads (type by content, size limits), moved into the blob
// store when complete.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <unistd.h>

#include "app/blob_store.h"
#include "app/eform/eform_service.h"
#include "app/eform/support.h"
#include "app/idempotency.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/document_rules.h"

namespace motcua::app {
using namespace eform_detail;
namespace fs = std::filesystem;

namespace {

dossier::UploadLimits limits_of(const Config& cfg) {
  dossier::UploadLimits l;
  l.max_file_bytes = cfg.max_file_mb << 20;
  l.max_dossier_bytes = cfg.max_dossier_mb << 20;
  l.max_files = 40;
  return l;
}

Error upload_not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy tệp tải lên.", "upload_not_found"); }

// Appends `in`'s bytes to `path` cut back to `at` bytes first (a chunk half written before a
// crash is dropped: the store's count is the truth), then makes them durable.
Status append_at(const std::string& path, int64_t at, const ChunkInput& in) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return make_error(ErrorKind::internal, "Không ghi được tệp tạm của bản nháp.");
  auto fail = [&]() {
    ::close(fd);
    return make_error(ErrorKind::internal, "Không ghi được tệp tạm của bản nháp.");
  };
  if (::ftruncate(fd, at) != 0 || ::lseek(fd, at, SEEK_SET) != at) return fail();
  auto write_all = [&](const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd, p, n);
      if (w <= 0) return false;
      p += w;
      n -= size_t(w);
    }
    return true;
  };
  if (!in.file_path.empty()) {
    std::ifstream f(in.file_path, std::ios::binary);
    std::vector<char> buf(256 << 10);
    int64_t left = in.size;
    while (left > 0 && f) {
      f.read(buf.data(), std::streamsize(std::min<int64_t>(left, int64_t(buf.size()))));
      std::streamsize got = f.gcount();
      if (got <= 0 || !write_all(buf.data(), size_t(got))) return fail();
      left -= got;
    }
    if (left != 0) return fail();
  } else if (!write_all(in.bytes.data(), in.bytes.size())) {
    return fail();
  }
  if (::fsync(fd) != 0) return fail();
  ::close(fd);
  return ok_status();
}

std::string head_of(const ChunkInput& in) {
  if (in.file_path.empty()) return std::string(in.bytes.substr(0, 16));
  std::ifstream f(in.file_path, std::ios::binary);
  std::string head(16, '\0');
  f.read(head.data(), 16);
  head.resize(size_t(std::max<std::streamsize>(0, f.gcount())));
  return head;
}

}  // namespace

Result<store::DraftUploadRec> EformService::start_upload(const Actor& a, const std::string& draft_id,
                                                         const UploadStart& in, const std::string& idem_key,
                                                         const std::string& body_hash) {
  if (!a.is_citizen()) return citizens_only();
  const dossier::UploadLimits limits = limits_of(cfg_);
  store::DraftRec d0;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d0, owned(c, a, draft_id, false));
    return ok_status();
  }));
  MC_ASSIGN(EformInfo info, eform(d0.procedure_id));
  Error e = make_error(ErrorKind::invalid, "Thông tin tệp tải lên chưa hợp lệ.", kInvalidForm);
  std::string component = to_nfc(in.component).value_or(in.component);
  bool known = std::any_of(info.components.begin(), info.components.end(),
                           [&](const ComponentInput& c) { return c.name == component; });
  if (!known) e.fields.push_back({"component", "Chọn một thành phần hồ sơ của thủ tục."});
  if (in.size <= 0) e.fields.push_back({"size", "Kích thước tệp phải lớn hơn 0 byte."});
  if (!e.fields.empty()) return e;
  MC_TRY(dossier::check_upload_size(limits, in.size, 0, 0));
  const Millis t = now();
  store::DraftUploadRec u;
  u.id = new_id();
  u.draft_id = draft_id;
  u.component = component;
  u.file_name = in.file_name;  // cleaned against the detected type once complete
  u.declared_size = in.size;
  u.created_at = u.updated_at = t;
  const Idempotency idem = idempotency(a, idem_key, "draft_upload", draft_id, body_hash);
  store::DraftUploadRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, draft_id, true));
    if (d.state != "open") return draft_submitted(d);
    MC_ASSIGN(Created made, with_idempotency(c, idem, t, [&]() -> Result<std::string> {
      MC_ASSIGN(auto existing, store::list_draft_uploads(c, draft_id));
      int64_t total = 0;
      for (auto& x : existing) total += x.declared_size;
      MC_TRY(dossier::check_upload_size(limits, u.declared_size, total, int(existing.size())));
      MC_TRY(store::insert_draft_upload(c, u));
      return u.id;
    }));
    MC_ASSIGN(auto stored, store::get_draft_upload(c, draft_id, made.id));
    if (!stored) return upload_not_found();
    out = std::move(*stored);
    return ok_status();
  }));
  return out;
}

Result<store::DraftUploadRec> EformService::upload(const Actor& a, const std::string& draft_id,
                                                   const std::string& upload_id) {
  if (!a.is_citizen()) return citizens_only();
  store::DraftUploadRec out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_TRY(owned(c, a, draft_id, false));
    MC_ASSIGN(auto u, store::get_draft_upload(c, draft_id, upload_id));
    if (!u) return upload_not_found();
    out = std::move(*u);
    return ok_status();
  }));
  return out;
}

Result<ChunkOutcome> EformService::upload_chunk(const Actor& a, const std::string& draft_id,
                                                const std::string& upload_id, const ChunkInput& in) {
  if (!a.is_citizen()) return citizens_only();
  const int64_t size = in.file_path.empty() ? int64_t(in.bytes.size()) : in.size;
  const std::string head = head_of(in);
  ChunkOutcome out;
  std::string refused_part;  // a refused upload's partial file, removed after the transaction
  std::optional<Error> refused;
  Status st = db_.write([&](sql::Connection& c) -> Status {
    out = ChunkOutcome{};
    refused.reset();
    MC_ASSIGN(auto d, owned(c, a, draft_id, true));  // chunks of one draft take turns
    if (d.state != "open") return draft_submitted(d);
    MC_ASSIGN(auto found, store::get_draft_upload(c, draft_id, upload_id));
    if (!found) return upload_not_found();
    store::DraftUploadRec u = std::move(*found);
    if (u.state == "complete" || in.offset != u.received) {  // a repeat, or sent from the wrong place
      out.upload = u;
      out.accepted = in.offset == u.received && size == 0;
      if (u.state == "complete" && in.offset + size == u.declared_size) out.accepted = true;  // the last chunk again
      return ok_status();
    }
    if (in.total >= 0 && in.total != u.declared_size)
      return make_error(ErrorKind::invalid,
                        "Tổng kích thước trong Content-Range (" + std::to_string(in.total) +
                            " byte) khác kích thước đã khai (" + std::to_string(u.declared_size) + " byte).",
                        "upload_size_mismatch");
    if (u.received + size > u.declared_size)
      return make_error(ErrorKind::too_large,
                        "Phần gửi lên vượt quá kích thước đã khai của tệp (" + std::to_string(u.declared_size) +
                            " byte).",
                        "upload_too_large");
    if (u.received == 0) {
      // The type is decided by the first bytes, before anything is kept: a wrong type is refused
      // and the upload forgotten.
      auto type = dossier::detect_document_type(head);
      if (!type.ok()) {
        MC_TRY(store::delete_draft_upload(c, draft_id, upload_id));
        refused_part = part_path(upload_id);
        refused = type.error();
        refused->detail += " Tệp đã bị huỷ, vui lòng chọn tệp khác.";
        return ok_status();  // the upload's row goes, nothing of the file is kept
      }
      u.content_type = *type;
    }
    std::error_code ec;
    fs::create_directories(cfg_.files_dir + "/.drafts", ec);
    const std::string part = part_path(upload_id);
    MC_TRY(append_at(part, u.received, in));
    u.received += size;
    u.updated_at = now();
    if (u.received == u.declared_size) {
      std::ifstream f(part, std::ios::binary);
      std::string whole_head(16, '\0');
      f.read(whole_head.data(), 16);
      whole_head.resize(size_t(std::max<std::streamsize>(0, f.gcount())));
      MC_ASSIGN(u.content_type, dossier::detect_document_type(whole_head));
      MC_ASSIGN(u.sha256, BlobStore(cfg_.files_dir).put_file(part));
      fs::remove(part, ec);  // moved, unless the same content was stored already
      u.file_name = dossier::clean_file_name(u.file_name, u.content_type);
      u.state = "complete";
    }
    MC_TRY(store::update_draft_upload(c, u));
    out.upload = u;
    return ok_status();
  });
  if (!refused_part.empty()) {
    std::error_code ec;
    fs::remove(refused_part, ec);
  }
  if (!st.ok()) return st.error();
  if (refused) return *refused;
  return out;
}

Status EformService::delete_upload(const Actor& a, const std::string& draft_id, const std::string& upload_id) {
  if (!a.is_citizen()) return citizens_only();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, draft_id, true));
    if (d.state != "open") return draft_submitted(d);
    MC_ASSIGN(auto u, store::get_draft_upload(c, draft_id, upload_id));
    if (!u) return upload_not_found();
    return store::delete_draft_upload(c, draft_id, upload_id);
  }));
  std::error_code ec;
  fs::remove(part_path(upload_id), ec);
  return ok_status();
}

}  // namespace motcua::app
