// E-forms of procedure versions and the citizen's drafts (create, list, read, save, delete).
#include <algorithm>
#include <filesystem>

#include <boost/json.hpp>

#include "app/eform/eform_service.h"
#include "app/eform/support.h"
#include "app/idempotency.h"
#include "common/crypto.h"
#include "domain/eform/validate.h"

namespace motcua::app {
namespace json = boost::json;
using namespace eform_detail;

namespace {

constexpr int kMaxOpenDrafts = 50;

json::object extra_of(const store::DraftRec& d) {
  boost::system::error_code ec;
  json::value v = json::parse(d.extra, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

}  // namespace

Result<EformInfo> EformService::eform(const std::string& procedure_id) {
  {
    std::lock_guard lk(mu_);
    if (auto it = cache_.find(procedure_id); it != cache_.end()) return *it->second;
  }
  MC_ASSIGN(auto entry, catalogue_.procedure(procedure_id));
  if (!entry) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục hành chính.", "procedure_not_found");
  std::optional<std::string> stored;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(stored, store::get_procedure_eform(c, procedure_id));
    return ok_status();
  }));
  auto info = std::make_shared<EformInfo>();
  info->procedure_id = procedure_id;
  json::value schema_v;
  if (stored) {
    boost::system::error_code ec;
    schema_v = json::parse(*stored, ec);
    if (ec) return make_error(ErrorKind::internal, "Biểu mẫu điện tử đã lưu không đọc được.");
  } else {
    info->generic = true;
    schema_v = eform::generic_schema_json();
  }
  MC_ASSIGN(auto schema, eform::parse_schema(schema_v));
  info->schema = std::make_shared<const eform::Schema>(std::move(schema));
  info->schema_json = json::serialize(schema_v);
  info->components = components_of(entry->rec);
  info->form_component = component_with_template(entry->rec, info->schema->template_code);
  std::lock_guard lk(mu_);
  cache_[procedure_id] = info;
  return *info;
}

Result<store::DraftRec> EformService::owned(sql::Connection& c, const Actor& a, const std::string& id,
                                            bool for_update) {
  if (for_update) MC_TRY(store::lock_draft(c, id));
  MC_ASSIGN(auto d, store::get_draft(c, id));
  if (!d || d->owner_personal_id != a.id) return draft_not_found();
  if (d->state == "open" && d->expires_at <= now()) return draft_expired();
  return std::move(*d);
}

Result<DraftView> EformService::view_of(sql::Connection& c, store::DraftRec d) {
  DraftView v;
  MC_ASSIGN(v.uploads, store::list_draft_uploads(c, d.id));
  if (auto entry = catalogue_.procedure(d.procedure_id); entry.ok() && *entry) v.procedure_name = (*entry)->rec.name;
  v.expiry_warning = d.state == "open" && d.expires_at - now() <= cfg_.draft_warn_s * 1000;
  v.draft = std::move(d);
  return v;
}

// Checks what a citizen sends for a draft against the form and the procedure: the data may be
// incomplete (required values missing) but nothing else may be wrong.
static Status check_input(const EformInfo& info, const ProcedureEntry& proc, DraftInput& in, Date today) {
  Error e = make_error(ErrorKind::invalid, "Tờ khai có thông tin chưa hợp lệ.", kInvalidForm);
  if (in.data) {
    json::value v = *in.data;
    eform::normalize(v);
    for (auto& fe : eform::validate(*info.schema, v, today, eform::Completeness::partial))
      e.fields.push_back({"data" + (fe.field.empty() ? "" : "." + fe.field), fe.detail});
    in.data = v.as_object();
  }
  if (in.receiving_agency_id && !in.receiving_agency_id->empty() &&
      std::find(proc.handlers.begin(), proc.handlers.end(), *in.receiving_agency_id) == proc.handlers.end())
    e.fields.push_back({"receiving_agency_id", "Cơ quan đã chọn không giải quyết thủ tục này."});
  if (!e.fields.empty()) return e;
  return ok_status();
}

static void apply(store::DraftRec& d, const DraftInput& in) {
  if (in.data) d.data = json::serialize(*in.data);
  if (!in.receiving_agency_id && !in.on_behalf && !in.population_lookup_id) return;
  json::object extra;
  {
    boost::system::error_code ec;
    json::value v = json::parse(d.extra, ec);
    if (!ec && v.is_object()) extra = v.as_object();
  }
  if (in.receiving_agency_id) extra["receiving_agency_id"] = *in.receiving_agency_id;
  if (in.on_behalf)
    extra["on_behalf"] = json::object{{"relationship", in.on_behalf->relationship}, {"document", in.on_behalf->document}};
  if (in.population_lookup_id) {
    if (in.population_lookup_id->empty()) extra.erase("population_lookup_id");
    else extra["population_lookup_id"] = *in.population_lookup_id;
  }
  d.extra = json::serialize(extra);
}

Result<DraftView> EformService::create_draft(const Actor& a, const std::string& procedure_id, const DraftInput& input,
                                             const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_citizen()) return citizens_only();
  MC_ASSIGN(auto entry, catalogue_.procedure(procedure_id));
  if (!entry) {
    Error e = make_error(ErrorKind::invalid, "Không tìm thấy thủ tục hành chính đã chọn.", kInvalidForm);
    e.fields.push_back({"procedure_id", "Thủ tục không tồn tại"});
    return e;
  }
  if (!online_allowed(entry->rec))
    return make_error(ErrorKind::conflict, "Thủ tục «" + entry->rec.name + "» không nhận hồ sơ trực tuyến.",
                      "online_not_offered");
  MC_ASSIGN(EformInfo info, eform(procedure_id));
  DraftInput in = input;
  const Millis t = now();
  MC_TRY(check_input(info, *entry, in, local_date(t)));
  store::DraftRec d;
  d.id = new_id();
  d.owner_personal_id = a.id;
  d.procedure_id = procedure_id;
  d.data = "{}";
  d.extra = "{}";
  apply(d, in);
  d.created_at = d.updated_at = t;
  d.expires_at = t + cfg_.draft_ttl_s * 1000;
  const Idempotency idem = idempotency(a, idem_key, "draft", procedure_id, body_hash);
  DraftView out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, t, [&]() -> Result<std::string> {
      MC_ASSIGN(auto open, store::list_drafts(c, a.id, t, kMaxOpenDrafts));
      if (int(open.size()) >= kMaxOpenDrafts)
        return make_error(ErrorKind::conflict,
                          "Bạn đã có " + std::to_string(kMaxOpenDrafts) +
                              " bản nháp đang mở. Hãy nộp hoặc xoá bớt bản nháp cũ trước khi tạo mới.",
                          "too_many_drafts");
      MC_TRY(store::insert_draft(c, d));
      return d.id;
    }));
    MC_ASSIGN(auto stored, store::get_draft(c, made.id));
    if (!stored) return draft_not_found();
    MC_ASSIGN(out, view_of(c, std::move(*stored)));
    return ok_status();
  }));
  return out;
}

Result<std::vector<DraftView>> EformService::drafts(const Actor& a) {
  if (!a.is_citizen()) return citizens_only();
  const Millis t = now();
  // Expired drafts are purged here (lazy expiry): a read first, a write only when one is due.
  bool due = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto gone, store::expired_drafts(c, t, 1));
    due = !gone.empty();
    return ok_status();
  }));
  if (due) MC_TRY(sweep_expired());
  std::vector<DraftView> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto list, store::list_drafts(c, a.id, t, 100));
    for (auto& d : list) {
      MC_ASSIGN(auto v, view_of(c, std::move(d)));
      out.push_back(std::move(v));
    }
    return ok_status();
  }));
  return out;
}

Result<DraftView> EformService::draft(const Actor& a, const std::string& id) {
  if (!a.is_citizen()) return citizens_only();
  DraftView out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, id, false));
    MC_ASSIGN(out, view_of(c, std::move(d)));
    return ok_status();
  }));
  return out;
}

Result<DraftView> EformService::update_draft(const Actor& a, const std::string& id, int64_t expected_version,
                                             const DraftInput& input) {
  if (!a.is_citizen()) return citizens_only();
  // What is checked against the form is checked before the write (the form of a version never
  // changes); the version is compared inside it.
  store::DraftRec before;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(before, owned(c, a, id, false));
    return ok_status();
  }));
  MC_ASSIGN(auto entry, catalogue_.procedure(before.procedure_id));
  if (!entry) return make_error(ErrorKind::internal, "Thiếu thủ tục của bản nháp");
  MC_ASSIGN(EformInfo info, eform(before.procedure_id));
  DraftInput in = input;
  const Millis t = now();
  MC_TRY(check_input(info, *entry, in, local_date(t)));
  DraftView out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, id, true));
    if (d.state != "open") return draft_submitted(d);
    if (d.version != expected_version) return version_mismatch(d.version);
    apply(d, in);
    d.version = expected_version + 1;
    d.updated_at = t;
    d.expires_at = t + cfg_.draft_ttl_s * 1000;
    MC_ASSIGN(bool done, store::update_draft(c, d, expected_version));
    if (!done) return version_mismatch(expected_version + 1);
    MC_ASSIGN(out, view_of(c, std::move(d)));
    return ok_status();
  }));
  return out;
}

Status EformService::delete_draft(const Actor& a, const std::string& id) {
  if (!a.is_citizen()) return citizens_only();
  std::vector<store::DraftUploadRec> uploads;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, owned(c, a, id, true));
    if (d.state != "open") return draft_submitted(d);
    MC_ASSIGN(uploads, store::list_draft_uploads(c, id));
    return store::delete_draft(c, id);
  }));
  remove_parts(uploads);
  return ok_status();
}

Result<int64_t> EformService::sweep_expired(int limit) {
  const Millis t = now();
  std::vector<store::DraftUploadRec> uploads;
  int64_t n = 0;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    uploads.clear();
    MC_ASSIGN(auto gone, store::expired_drafts(c, t, limit));
    n = int64_t(gone.size());
    for (auto& d : gone) {
      MC_ASSIGN(auto ups, store::list_draft_uploads(c, d.id));
      uploads.insert(uploads.end(), ups.begin(), ups.end());
      MC_TRY(store::delete_draft(c, d.id));
    }
    return ok_status();
  }));
  remove_parts(uploads);
  return n;
}

std::string EformService::part_path(const std::string& upload_id) const {
  return cfg_.files_dir + "/.drafts/" + upload_id + ".part";
}

void EformService::remove_parts(const std::vector<store::DraftUploadRec>& uploads) const {
  for (auto& u : uploads) {
    std::error_code ec;
    std::filesystem::remove(part_path(u.id), ec);
  }
}

}  // namespace motcua::app
