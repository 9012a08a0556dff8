#include "app/integration/national_sync_service.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/blob_store.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "domain/dossier/document_rules.h"
#include "domain/dossier/state.h"
#include "store/repo.h"

namespace motcua::app {

std::string national_time(Millis t) {
  if (t == 0) return "";
  const Date d = local_date(t);
  const Millis local = t + kVnOffset;
  const int64_t sec_of_day = ((local % kDay) + kDay) % kDay / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", d.year, d.month, d.day, int(sec_of_day / 3600),
                int(sec_of_day / 60 % 60), int(sec_of_day % 60));
  return buf;
}

std::optional<Millis> parse_national_time(std::string_view s) {
  if (s.size() != 14) return std::nullopt;
  for (char ch : s)
    if (ch < '0' || ch > '9') return std::nullopt;
  auto num = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  char date[11];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", num(0, 4), num(4, 2), num(6, 2));
  auto d = parse_date(date);
  const int h = num(8, 2), m = num(10, 2), sec = num(12, 2);
  if (!d || h > 23 || m > 59 || sec > 59) return std::nullopt;
  return local_instant(*d, h * 60 + m) + sec * 1000;
}

NationalSyncService::NationalSyncService(const Config& cfg, sql::Database& db, DossierService& dossiers,
                                         const Clock& clock)
    : cfg_(cfg), db_(db), dossiers_(dossiers), clock_(clock) {}

Result<ImportOutcome> NationalSyncService::import_dossier(const NationalDossier& n) {
  if (n.national_code.empty() || n.national_code.size() > 50)
    return detail::field_error("MaHoSo", "Mã hồ sơ trên Cổng phải có từ 1 đến 50 ký tự.");
  const Millis now = clock_.now();
  ImportOutcome out;
  std::string agency_id, procedure_id;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto earlier, store::dvcqg_inbound_dossier(c, n.national_code));
    if (earlier) {
      out.dossier_id = *earlier;
      MC_ASSIGN(auto d, store::get_dossier(c, *earlier));
      if (d) out.code = d->code;
      return ok_status();
    }
    MC_ASSIGN(agency_id, store::agency_by_eid(c, n.agency_eid));
    MC_ASSIGN(procedure_id, store::procedure_in_force(c, n.procedure_code, format_date(local_date(now))));
    return ok_status();
  }));
  if (!out.dossier_id.empty()) return out;
  if (agency_id.empty()) return detail::field_error("MaDonVi", "Không có cơ quan nào có mã định danh " + n.agency_eid + ".");
  if (procedure_id.empty())
    return detail::field_error("MaTTHC", "Không có thủ tục " + n.procedure_code + " đang có hiệu lực.");
  // The applicant files: a citizen known by the personal identification number (VNeID on the portal).
  Actor filer;
  filer.kind = Actor::Kind::citizen;
  filer.id = n.applicant_id_number;
  filer.full_name = n.applicant_name;
  filer.login_method = "dvcqg";
  IntakeInput in;
  in.procedure_id = procedure_id;
  in.channel = dossier::Channel::online;
  in.receiving_agency_id = agency_id;
  in.applicant.full_name = n.applicant_name;
  in.applicant.id_number = n.applicant_id_number;
  in.applicant.phone = n.phone;
  in.applicant.email = n.email;
  in.applicant.address = n.address;
  in.note = "Nộp trên Cổng Dịch vụ công quốc gia, mã " + n.national_code;
  for (auto& f : n.files) {  // the components as the portal lists them, each provided
    bool seen = false;
    for (auto& comp : in.components) seen = seen || comp.name == f.component;
    if (!seen) in.components.push_back(ComponentInput{f.component, "original_or_copy", 1, true});
  }
  MC_ASSIGN(auto filing, dossiers_.prepare_filing(filer, in));
  // The files: type by content, the dossier's limits, stored by hash before the transaction.
  dossier::UploadLimits limits;
  limits.max_file_bytes = cfg_.max_file_mb << 20;
  limits.max_dossier_bytes = cfg_.max_dossier_mb << 20;
  std::vector<store::DocumentRec> documents;
  int64_t total = 0;
  BlobStore blobs(cfg_.files_dir);
  for (auto& f : n.files) {
    MC_TRY(dossier::check_upload_size(limits, int64_t(f.bytes.size()), total, int(documents.size())));
    MC_ASSIGN(std::string type, dossier::detect_document_type(std::string_view(f.bytes).substr(0, 16)));
    MC_ASSIGN(std::string sha, blobs.put(f.bytes));
    total += int64_t(f.bytes.size());
    documents.push_back(store::DocumentRec{new_id(), "", f.component, dossier::clean_file_name(f.file_name, type), type,
                                           int64_t(f.bytes.size()), sha, filer.label(), now});
  }
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto earlier, store::dvcqg_inbound_dossier(c, n.national_code));
    if (earlier) {  // another puller took it in meanwhile
      out.dossier_id = *earlier;
      MC_ASSIGN(auto d, store::get_dossier(c, *earlier));
      if (d) out.code = d->code;
      return ok_status();
    }
    MC_ASSIGN(store::DossierRec written, dossiers_.write_filing(c, filing, documents));
    MC_ASSIGN(bool mine, store::claim_dvcqg_inbound(c, n.national_code, written.id, agency_id, now));
    if (!mine) return make_error(ErrorKind::conflict, "Hồ sơ này vừa được nhận từ Cổng.", "dvcqg_duplicate");
    MC_TRY(audit(c, now, "system:dvcqg", "dvcqg.inbound", "dossier:" + written.id,
                 boost::json::object{{"national_code", n.national_code}, {"code", written.code}, {"agency", agency_id}}));
    out.dossier_id = written.id;
    out.code = written.code;
    out.created = true;
    return ok_status();
  }));
  return out;
}

Result<NationalProcedure> NationalSyncService::procedure(const std::string& procedure_id) {
  NationalProcedure out;
  bool found = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto p, store::get_procedure(c, procedure_id));
    if (!p) return ok_status();
    found = true;
    out = NationalProcedure{p->national_code, p->name, p->field};
    return ok_status();
  }));
  if (!found) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục " + procedure_id + ".");
  return out;
}

Result<NationalAgency> NationalSyncService::agency(const std::string& agency_id) {
  NationalAgency out;
  bool found = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto a, store::get_agency(c, agency_id));
    if (!a) return ok_status();
    found = true;
    out = NationalAgency{a->eid, a->name};
    return ok_status();
  }));
  if (!found) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan " + agency_id + ".");
  return out;
}

Status NationalSyncService::record_delivery(const std::string& dossier_id, const std::string& code, int64_t status,
                                            int64_t outbox_id, Millis decided_at) {
  const Millis now = clock_.now();
  return db_.write([&](sql::Connection& c) -> Status {
    return store::record_dvcqg_sync(c, dossier_id, code, status, outbox_id, now, decided_at);
  });
}

Result<NationalLookup> NationalSyncService::lookup(const std::string& code) {
  NationalLookup out;
  bool found = false;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, store::get_dossier_by_code(c, code));
    if (!d || dossier::is(d->state, dossier::State::draft)) return ok_status();
    found = true;
    out.dossier = std::move(*d);
    MC_ASSIGN(auto p, store::get_procedure(c, out.dossier.procedure_id));
    if (p) out.procedure = NationalProcedure{p->national_code, p->name, p->field};
    MC_ASSIGN(auto comp, store::get_agency(c, out.dossier.competent_agency_id));
    if (comp) out.competent = NationalAgency{comp->eid, comp->name};
    MC_ASSIGN(auto recv, store::get_agency(c, out.dossier.receiving_agency_id));
    if (recv) out.receiving = NationalAgency{recv->eid, recv->name};
    return ok_status();
  }));
  if (!found) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ có mã " + code + ".");
  return out;
}

Result<store::DvcqgSyncState> NationalSyncService::sync_state(const std::string& dossier_id) {
  store::DvcqgSyncState s;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::get_dvcqg_sync(c, dossier_id));
    return ok_status();
  }));
  return s;
}

Result<store::DvcqgSummary> NationalSyncService::summary(const Actor& a) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ được xem tỷ lệ đồng bộ.", "forbidden");
  store::DvcqgSummary s;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::dvcqg_summary(c));
    return ok_status();
  }));
  return s;
}

Result<std::vector<store::DvcqgUnsent>> NationalSyncService::unsent(const Actor& a, int64_t before, int limit) {
  MC_TRY(detail::require_province_admin(a, "xem các hồ sơ chưa đồng bộ với Cổng Dịch vụ công quốc gia"));
  std::vector<store::DvcqgUnsent> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_dvcqg_unsent(c, before, std::clamp(limit, 1, 200)));
    return ok_status();
  }));
  return out;
}

// Our versions, brief, with the full record of each code's latest version where the export lists
// fees or components (compared from the record).
static Result<std::vector<store::ProcedureRec>> versions_to_compare(sql::Database& db_,
                                                                    const std::vector<NationalProcedureRecord>& theirs) {
  std::vector<store::ProcedureRec> ours;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(ours, store::procedure_versions_brief(c));
    std::map<std::string, store::ProcedureRec*> latest;
    for (auto& p : ours) {
      auto& slot = latest[p.national_code];
      if (!slot || p.version > slot->version) slot = &p;
    }
    for (auto& t : theirs) {
      if (!t.fees && !t.components) continue;
      auto it = latest.find(t.national_code);
      if (it == latest.end()) continue;
      MC_ASSIGN(auto full, store::get_procedure(c, it->second->id));
      if (full) it->second->doc = full->doc;
    }
    return ok_status();
  }));
  return ours;
}

Result<std::vector<CatalogueChange>> NationalSyncService::catalogue_changes(const Actor& a) {
  MC_TRY(detail::require_province_admin(a, "xem thay đổi của danh mục thủ tục quốc gia"));
  if (!catalogue_source_)
    return make_error(ErrorKind::unavailable, "Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (MOTCUA_DVCQG_URL).");
  MC_ASSIGN(auto theirs, catalogue_source_->fetch());
  MC_ASSIGN(auto ours, versions_to_compare(db_, theirs));
  return compare_catalogue(theirs, ours);
}

Result<store::ProcedureRec> NationalSyncService::accept_catalogue_change(const Actor& a, const std::string& code,
                                                                     const AcceptInput& in, const std::string& idem_key,
                                                                     const std::string& body_hash) {
  MC_TRY(detail::require_province_admin(a, "tiếp nhận thay đổi của danh mục thủ tục quốc gia"));
  static const std::vector<std::string> kFields{"name", "field", "time_limit", "fees", "components"};
  std::vector<FieldError> bad;
  if (in.fields.empty()) bad.push_back({"fields", "Chọn ít nhất một thay đổi để tiếp nhận."});
  for (size_t i = 0; i < in.fields.size(); ++i)
    if (std::find(kFields.begin(), kFields.end(), in.fields[i]) == kFields.end())
      bad.push_back({"fields[" + std::to_string(i) + "]",
                     "Chỉ tiếp nhận: name, field, time_limit, fees, components."});
  if (!bad.empty()) return detail::validation(std::move(bad));
  // A repeat answers the version the first request made (the change is no longer listed then).
  const Idempotency idem = idempotency(a, idem_key, "catalogue.accept", code, body_hash);
  if (idem.on() && catalogue_) {
    std::optional<std::string> earlier;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(earlier, earlier_reply(c, idem));
      return ok_status();
    }));
    if (earlier) return catalogue_->procedure(*earlier);
  }
  if (!catalogue_source_ || !catalogue_)
    return make_error(ErrorKind::unavailable, "Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (MOTCUA_DVCQG_URL).");
  MC_ASSIGN(auto theirs, catalogue_source_->fetch());
  auto t = std::find_if(theirs.begin(), theirs.end(), [&](auto& r) { return r.national_code == code; });
  if (t == theirs.end())
    return make_error(ErrorKind::not_found, "Cơ sở dữ liệu quốc gia về thủ tục hành chính không có thủ tục " + code + ".");
  MC_ASSIGN(auto ours, versions_to_compare(db_, {*t}));
  std::erase_if(ours, [&](auto& p) { return p.national_code != code; });
  if (ours.empty()) return make_error(ErrorKind::not_found, "Tỉnh chưa có thủ tục " + code + ": thêm thủ tục trước.");
  auto changes = compare_catalogue({*t}, ours);
  if (changes.empty() || changes[0].kind != "changed")
    return make_error(ErrorKind::conflict, "Thủ tục " + code + " không có thay đổi nào cần tiếp nhận.", "not_a_change");
  const CatalogueChange& ch = changes[0];
  for (auto& f : in.fields)
    if (std::none_of(ch.changes.begin(), ch.changes.end(), [&](auto& x) { return x.field == f; }))
      return make_error(ErrorKind::conflict, "«" + f + "» của thủ tục " + code + " không khác với phiên bản hiện hành.",
                        "not_a_change");
  MC_ASSIGN(store::ProcedureRec base, catalogue_->procedure(ch.procedure_id));
  auto accepted = [&](const char* f) { return std::find(in.fields.begin(), in.fields.end(), f) != in.fields.end(); };
  NewVersionInput v;
  v.effective_from = in.effective_from;
  v.time_amount = base.time_amount;
  v.time_unit = base.time_unit;
  if (accepted("time_limit")) {
    v.time_amount = t->time_amount;
    v.time_unit = std::string(calendar::to_string(*t->time_unit));
  }
  if (in.process) {
    v.process = *in.process;
  } else {
    for (auto& s : process_of(base))
      v.process.push_back(ProcessStepInput{s.name, std::string(org::to_string(s.role)), s.agency, s.hours});
  }
  if (accepted("name")) v.name = t->name;
  if (accepted("field")) v.field = t->field;
  if (accepted("fees")) {
    std::vector<FeeInput> fees;
    for (auto& f : *t->fees) fees.push_back(FeeInput{f.code, f.name, f.amount_vnd});
    v.fees = std::move(fees);
  }
  if (accepted("components")) v.components = *t->components;
  std::string list;
  for (auto& f : in.fields) list += (list.empty() ? "" : ", ") + f;
  v.source = "Tiếp nhận từ Cơ sở dữ liệu quốc gia về thủ tục hành chính (" + list + ")";
  v.idempotency_kind = "catalogue.accept";
  v.idempotency_object = code;
  return catalogue_->new_procedure_version(a, base.id, v, idem_key, body_hash);
}

}  // namespace motcua::app
