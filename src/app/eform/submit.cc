// Submitting a draft: the form checked on the server, its addresses mapped to today's units, and
// one online dossier written with the draft's uploads as its documents, in one transaction.
#include <algorithm>

#include <boost/json.hpp>

#include "app/citizen/data_store.h"
#include "app/dossier/support.h"
#include "app/eform/eform_service.h"
#include "app/eform/support.h"
#include "app/idempotency.h"
#include "common/crypto.h"
#include "domain/eform/validate.h"
#include "domain/kpi/metric.h"
#include "store/citizen_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace eform_detail;

namespace {

std::string str_at(const json::object& data, const std::string& path) {
  if (path.empty()) return "";
  const json::value* v = eform::value_at(data, path);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

// Maps every address of the (pruned, valid) form to today's units, as intake maps the
// applicant's: a current commune-level unit is kept; a former one (before 1 July 2025) is kept
// as written in former_unit_id and mapped to its successor (chosen by the citizen when it was
// split). The names of both units as they are today are added (unit_name, former_unit_name).
struct AddressMapper {
  const UnitIndex& ix;
  std::vector<FieldError> errors;

  std::string names(const std::vector<std::string>& ids) const {
    std::string out;
    for (auto& id : ids) out += (out.empty() ? "" : ", ") + (ix.find(id) ? ix.find(id)->name : id);
    return out;
  }

  void address(json::object& a, const std::string& path) {
    auto get = [&](const char* k) {
      auto* v = a.if_contains(k);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    std::string unit = get("unit_id"), former = get("former_unit_id");
    auto fail = [&](const char* key, std::string why) { errors.push_back({path + "." + key, std::move(why)}); };
    if (!unit.empty()) {
      const store::UnitRec* u = ix.find(unit);
      if (!u) return fail("unit_id", "Không tìm thấy đơn vị hành chính «" + unit + "».");
      if (u->level != "commune") return fail("unit_id", "Chọn đơn vị cấp xã (xã, phường, đặc khu).");
      if (!u->valid_to.empty()) {
        if (!former.empty()) return fail("unit_id", "«" + u->name + "» là đơn vị cũ: chọn xã, phường, đặc khu hiện nay.");
        former = unit;
        unit.clear();
      }
    }
    if (!former.empty()) {
      const store::UnitRec* old = ix.find(former);
      if (!old) return fail("former_unit_id", "Không tìm thấy đơn vị hành chính cũ «" + former + "».");
      if (old->level != "commune") return fail("former_unit_id", "Chọn đơn vị cấp xã (xã, phường, thị trấn) cũ.");
      if (old->valid_to.empty())
        return fail("former_unit_id", "«" + old->name + "» là đơn vị hiện nay, không phải đơn vị cũ.");
      std::vector<std::string> next = ix.current_successors(old->id);
      if (unit.empty()) {
        if (next.size() == 1) unit = next.front();
        else if (next.empty())
          return fail("unit_id", "Chưa có thông tin «" + old->name + "» (cũ) nay thuộc đơn vị nào: chọn xã, phường, đặc khu hiện nay.");
        else
          return fail("unit_id", "«" + old->name + "» (cũ) nay thuộc nhiều đơn vị (" + names(next) +
                                     "): chọn đơn vị hiện nay của địa chỉ.");
      } else if (!next.empty() && std::find(next.begin(), next.end(), unit) == next.end()) {
        return fail("unit_id", "«" + ix.find(unit)->name + "» không kế thừa «" + old->name + "» (cũ); chọn một trong: " +
                                   names(next) + ".");
      }
      a["former_unit_id"] = former;
      a["former_unit_name"] = ix.full_name(former);
    }
    a["unit_id"] = unit;
    a["unit_name"] = ix.full_name(unit);
  }

  void group(const std::vector<eform::Field>& fields, json::object& o, const std::string& prefix) {
    for (auto& f : fields) {
      auto* v = o.if_contains(f.name);
      if (!v) continue;
      std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
      if (f.type == eform::FieldType::address && v->is_object()) {
        address(v->as_object(), path);
      } else if (f.type == eform::FieldType::group && f.repeat && v->is_array()) {
        auto& arr = v->as_array();
        for (size_t i = 0; i < arr.size(); ++i)
          if (arr[i].is_object()) group(f.fields, arr[i].as_object(), path + "[" + std::to_string(i) + "]");
      } else if (f.type == eform::FieldType::group && v->is_object()) {
        group(f.fields, v->as_object(), path);
      }
    }
  }
};

// An intake refusal about the applicant, said of the form's field that filled it.
Error on_form(Error e, const eform::ApplicantMap& m) {
  if (e.kind != ErrorKind::invalid || e.fields.empty()) return e;
  for (auto& f : e.fields) {
    std::string to;
    if (f.field == "applicant.full_name") to = m.full_name;
    else if (f.field == "applicant.id_number") to = m.id_number;
    else if (f.field == "applicant.phone") to = m.phone;
    else if (f.field == "applicant.address") to = m.address.empty() ? "" : m.address + ".line";
    else if (f.field == "applicant.address_unit_id") to = m.address.empty() ? "" : m.address + ".unit_id";
    else if (f.field == "applicant.address_former_unit_id") to = m.address.empty() ? "" : m.address + ".former_unit_id";
    if (!to.empty()) f.field = to;
  }
  e.code = kInvalidForm;
  return e;
}

}  // namespace

Result<DossierView> EformService::submit(const Actor& a, const std::string& draft_id, const std::string& idem_key,
                                         const std::string& body_hash) {
  if (!a.is_citizen()) return citizens_only();
  store::DraftRec d;
  std::vector<store::DraftUploadRec> uploads;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d, owned(c, a, draft_id, false));
    MC_ASSIGN(uploads, store::list_draft_uploads(c, draft_id));
    return ok_status();
  }));
  if (d.state == "submitted" && !d.dossier_id.empty()) return dossiers_.dossier(a, d.dossier_id);  // a repeat
  MC_ASSIGN(EformInfo info, eform(d.procedure_id));
  const Millis t = now();

  // The form, checked in full.
  json::value data_v;
  {
    boost::system::error_code ec;
    data_v = json::parse(d.data, ec);
    if (ec || !data_v.is_object()) data_v = json::object{};
  }
  eform::normalize(data_v);
  Error invalid = make_error(ErrorKind::invalid, "Tờ khai chưa đầy đủ hoặc có thông tin chưa hợp lệ.", kInvalidForm);
  invalid.fields = eform::validate(*info.schema, data_v, local_date(t));
  for (auto& u : uploads)
    if (u.state != "complete")
      invalid.fields.push_back({"uploads." + u.id, "Tệp «" + u.file_name + "» chưa tải lên xong: tải tiếp hoặc xoá tệp."});
  if (!invalid.fields.empty()) return invalid;
  json::object data = eform::prune(*info.schema, data_v.as_object());
  {
    MC_ASSIGN(auto units, catalogue_.units());
    AddressMapper m{*units, {}};
    m.group(info.schema->fields, data, "");
    if (!m.errors.empty()) {
      invalid.fields = std::move(m.errors);
      return invalid;
    }
  }

  // The dossier, as intake takes it.
  IntakeInput in;
  in.procedure_id = d.procedure_id;
  in.channel = dossier::Channel::online;
  const eform::ApplicantMap& map = info.schema->applicant;
  in.applicant.kind = dossier::ApplicantKind::citizen;
  in.applicant.full_name = str_at(data, map.full_name);
  in.applicant.id_number = str_at(data, map.id_number);
  in.applicant.phone = str_at(data, map.phone);
  in.applicant.email = str_at(data, map.email);
  if (!map.address.empty()) {
    if (auto* addr = eform::value_at(data, map.address); addr && addr->is_object()) {
      auto& o = addr->as_object();
      auto s = [&](const char* k) {
        auto* v = o.if_contains(k);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      in.applicant.address = s("line");
      in.applicant.address_unit_id = s("unit_id");
      in.applicant.address_former_unit_id = s("former_unit_id");
      // Intake maps the former unit itself: give it the unit as the citizen chose it.
      if (!in.applicant.address_former_unit_id.empty()) in.applicant.address_unit_id = s("unit_id");
    }
  }
  in.components = info.components;
  for (auto& c : in.components)
    c.provided = c.name == info.form_component ||
                 std::any_of(uploads.begin(), uploads.end(), [&](const store::DraftUploadRec& u) { return u.component == c.name; });
  if (auto* n = data.if_contains("note"); n && n->is_string()) in.note = std::string(n->as_string());
  {
    boost::system::error_code ec;
    json::value extra = json::parse(d.extra, ec);
    if (!ec && extra.is_object()) {
      auto& x = extra.as_object();
      if (auto* r = x.if_contains("receiving_agency_id"); r && r->is_string()) in.receiving_agency_id = std::string(r->as_string());
      if (auto* r = x.if_contains("population_lookup_id"); r && r->is_string())
        in.population_lookup_id = std::string(r->as_string());
      if (auto* b = x.if_contains("on_behalf"); b && b->is_object()) {
        OnBehalfInput ob;
        if (auto* r = b->as_object().if_contains("relationship"); r && r->is_string()) ob.relationship = std::string(r->as_string());
        if (auto* r = b->as_object().if_contains("document"); r && r->is_string()) ob.document = std::string(r->as_string());
        in.on_behalf = std::move(ob);
      }
    }
  }
  in.eform = EformRecord{d.id, json::serialize(data)};
  auto filing = dossiers_.prepare_filing(a, in);
  if (!filing.ok()) return on_form(filing.error(), map);

  std::vector<store::DocumentRec> documents;
  for (auto& u : uploads)
    documents.push_back(store::DocumentRec{new_id(), "", u.component, u.file_name, u.content_type, u.declared_size,
                                           u.sha256, a.label(), t});
  // The draft's id is the key; a client's Idempotency-Key is honoured as well.
  const Idempotency idem = idempotency(a, idem_key, "draft_submit", draft_id, body_hash);
  std::string dossier_id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto now_d, owned(c, a, draft_id, true));  // concurrent submits take turns here
    MC_ASSIGN(Created made, with_idempotency(c, idem, t, [&]() -> Result<std::string> {
      if (now_d.state == "submitted") return now_d.dossier_id;  // another submit got here first
      if (now_d.version != d.version)
        return make_error(ErrorKind::conflict, "Bản nháp vừa được sửa từ một thiết bị khác. Vui lòng xem lại rồi nộp.",
                          "draft_version_mismatch");
      // A document taken from the data store must still be there (and theirs) when it is filed.
      Error gone = make_error(ErrorKind::invalid, "Tờ khai chưa đầy đủ hoặc có thông tin chưa hợp lệ.", kInvalidForm);
      for (auto& u : uploads) {
        if (u.reused_from.empty()) continue;
        MC_ASSIGN(auto src, data_store_document(c, a, u.reused_from, cfg_.files_dir));
        if (!src || src->doc.sha256 != u.sha256)
          gone.fields.push_back({"uploads." + u.id, "Giấy tờ «" + u.file_name +
                                                        "» không còn trong kho dữ liệu của bạn: xoá và chọn lại, hoặc tải tệp lên."});
      }
      if (!gone.fields.empty()) return gone;
      MC_ASSIGN(store::DossierRec written, dossiers_.write_filing(c, *filing, documents));
      for (size_t i = 0; i < uploads.size(); ++i) {
        if (uploads[i].reused_from.empty()) continue;
        MC_TRY(store::insert_reuse(c, store::ReuseRec{documents[i].id, written.id, uploads[i].reused_from, a.label(), t}));
        // Leaders count what citizens were not asked for again (DOMAIN.md §4).
        MC_TRY(detail::bump_metric(c, written, kpi::Metric::documents_reused, t));
      }
      now_d.state = "submitted";
      now_d.dossier_id = written.id;
      now_d.version += 1;
      now_d.updated_at = t;
      MC_ASSIGN(bool done, store::update_draft(c, now_d, d.version));
      if (!done) return make_error(ErrorKind::conflict, "Bản nháp vừa thay đổi. Vui lòng nộp lại.", "draft_version_mismatch");
      return written.id;
    }));
    dossier_id = made.id;
    return ok_status();
  }));
  return dossiers_.dossier(a, dossier_id);
}

}  // namespace motcua::app
