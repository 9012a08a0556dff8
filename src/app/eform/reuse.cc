// A draft's component filled from the citizen's data store ("Kho dữ liệu của tôi") instead of an
// upload: recorded as a complete upload that names its source; submit turns it into the
// dossier's document, records the reuse and counts it.
#include <algorithm>

#include "app/citizen/data_store.h"
#include "app/eform/eform_service.h"
#include "app/eform/support.h"
#include "app/idempotency.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/document_rules.h"

namespace motcua::app {
using namespace eform_detail;

Result<store::DraftUploadRec> EformService::reuse_document(const Actor& a, const std::string& draft_id,
                                                           const ReuseInput& in, const std::string& idem_key,
                                                           const std::string& body_hash) {
  if (!a.is_citizen()) return citizens_only();
  store::DraftRec d0;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d0, owned(c, a, draft_id, false));
    return ok_status();
  }));
  MC_ASSIGN(EformInfo info, eform(d0.procedure_id));
  auto asked = [&](const std::string& name) {
    return std::any_of(info.components.begin(), info.components.end(),
                       [&](const ComponentInput& c) { return c.name == name; });
  };
  dossier::UploadLimits limits;
  limits.max_file_bytes = cfg_.max_file_mb << 20;
  limits.max_dossier_bytes = cfg_.max_dossier_mb << 20;
  limits.max_files = 40;
  const Millis t = now();
  const Idempotency idem = idempotency(a, idem_key, "draft_reuse", draft_id, body_hash);
  store::DraftUploadRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, draft_id, true));  // uploads of one draft take turns
    if (d.state != "open") return draft_submitted(d);
    MC_ASSIGN(Created made, with_idempotency(c, idem, t, [&]() -> Result<std::string> {
      MC_ASSIGN(auto source, data_store_document(c, a, in.document_id, cfg_.files_dir));
      if (!source)
        return make_error(ErrorKind::not_found, "Không tìm thấy tài liệu trong kho dữ liệu của bạn.", "document_not_found");
      std::string component = to_nfc(in.component).value_or(in.component);
      if (component.empty()) component = source->doc.component;
      if (!asked(component)) {
        Error e = make_error(ErrorKind::invalid, "Thông tin giấy tờ lấy từ kho dữ liệu chưa hợp lệ.", kInvalidForm);
        e.fields.push_back({"component", "Chọn một thành phần hồ sơ của thủ tục."});
        return e;
      }
      MC_ASSIGN(auto existing, store::list_draft_uploads(c, draft_id));
      int64_t total = 0;
      for (auto& x : existing) {
        if (x.reused_from == source->doc.id)
          return make_error(ErrorKind::conflict, "Giấy tờ này đã có trong bản nháp.", "already_attached");
        total += x.declared_size;
      }
      MC_TRY(dossier::check_upload_size(limits, source->doc.size_bytes, total, int(existing.size())));
      store::DraftUploadRec u;
      u.id = new_id();
      u.draft_id = draft_id;
      u.component = component;
      u.file_name = source->doc.file_name;
      u.declared_size = u.received = source->doc.size_bytes;
      u.content_type = source->doc.content_type;
      u.sha256 = source->doc.sha256;
      u.state = "complete";
      u.created_at = u.updated_at = t;
      u.reused_from = source->doc.id;
      MC_TRY(store::insert_draft_upload(c, u));
      return u.id;
    }));
    MC_ASSIGN(auto stored, store::get_draft_upload(c, draft_id, made.id));
    if (!stored) return make_error(ErrorKind::not_found, "Không tìm thấy tệp tải lên.", "upload_not_found");
    out = std::move(*stored);
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
