// Administration of the organisation and the catalogue (province admins): agency records and new
// versions of a procedure with their internal process. A published version never changes:
// dossiers pin the version they were received under.
#include <set>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/catalogue/catalogue_service.h"
#include "app/catalogue_cache.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/text.h"
#include "domain/calendar/deadline.h"
#include "domain/org/roles.h"
#include "store/eform_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using detail::field_error;
using detail::require_province_admin;
using detail::validation;

namespace {


// Working hours a time limit allows (8 h per working day). Calendar days count their working days
// conservatively as five in seven.
int64_t budget_hours(calendar::TimeUnit unit, int64_t amount) {
  switch (unit) {
    case calendar::TimeUnit::same_day: return 8;
    case calendar::TimeUnit::working_days: return amount * 8;
    case calendar::TimeUnit::working_hours: return amount;
    case calendar::TimeUnit::calendar_days: return std::max<int64_t>(1, amount * 5 / 7) * 8;
    case calendar::TimeUnit::none: return 0;
  }
  return 0;
}

bool dossier_role(const std::string& role) {
  auto r = org::parse_role(role);
  return r && org::acts_on_dossiers(*r);
}

}  // namespace


Result<store::ProcedureRec> CatalogueService::new_procedure_version(const Actor& a, const std::string& base_id,
                                                       const NewVersionInput& in, const std::string& idem_key,
                                                       const std::string& body_hash) {
  MC_TRY(require_province_admin(a, "ban hành phiên bản thủ tục"));
  std::vector<FieldError> errs;
  if (!parse_date(in.effective_from))
    errs.push_back({"effective_from", "Ngày áp dụng phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  // A new version must have a time limit the calendar can count ("none" is for imported texts).
  auto parsed = calendar::parse_time_unit(in.time_unit);
  const bool unit_ok = parsed.ok() && *parsed != calendar::TimeUnit::none;
  const calendar::TimeUnit unit = unit_ok ? *parsed : calendar::TimeUnit::none;
  if (!unit_ok)
    errs.push_back({"time_limit.unit",
                    "Đơn vị thời hạn phải là working_days, working_hours, calendar_days hoặc same_day"});
  int64_t amount = unit == calendar::TimeUnit::same_day ? 0 : in.time_amount;
  if (unit_ok && unit != calendar::TimeUnit::same_day && (amount < 1 || amount > 3650))
    errs.push_back({"time_limit.amount", "Thời hạn giải quyết phải từ 1 đến 3650"});
  if (in.process.empty()) errs.push_back({"process", "Quy trình nội bộ cần ít nhất một bước"});
  if (in.process.size() > 50) errs.push_back({"process", "Quy trình nội bộ có tối đa 50 bước"});
  int64_t total = 0;
  for (size_t i = 0; i < in.process.size(); ++i) {
    auto& s = in.process[i];
    std::string p = "process[" + std::to_string(i) + "].";
    if (s.name.empty()) errs.push_back({p + "name", "Tên bước không được để trống"});
    if (!org::parse_role(s.role)) errs.push_back({p + "role", "Vai trò không hợp lệ: " + s.role});
    else if (!dossier_role(s.role))
      errs.push_back({p + "role", "Vai trò quản trị, theo dõi không xử lý hồ sơ: " + s.role});
    if (s.agency != "receiving" && s.agency != "competent")
      errs.push_back({p + "agency", "Cơ quan thực hiện phải là receiving (tiếp nhận) hoặc competent (có thẩm quyền)"});
    if (s.hours < 1 || s.hours > 2000) errs.push_back({p + "hours", "Số giờ của mỗi bước phải từ 1 đến 2000"});
    else total += s.hours;
  }
  if (unit_ok && !in.process.empty()) {
    int64_t budget = budget_hours(unit, amount);
    if (budget > 0 && total > budget)
      errs.push_back({"process", "Tổng số giờ của quy trình (" + std::to_string(total) +
                                     " giờ) vượt thời hạn giải quyết (" + std::to_string(budget) +
                                     " giờ làm việc, 8 giờ mỗi ngày làm việc)"});
  }
  if (in.handling_agencies) {
    if (in.handling_agencies->empty())
      errs.push_back({"handling_agencies", "Cần ít nhất một cơ quan giải quyết"});
    std::set<std::string> seen;
    for (size_t i = 0; i < in.handling_agencies->size(); ++i)
      if (!seen.insert((*in.handling_agencies)[i]).second)
        errs.push_back({"handling_agencies[" + std::to_string(i) + "]", "Cơ quan bị lặp lại"});
  }
  if (in.name && (in.name->empty() || utf8_length(*in.name) > 500))
    errs.push_back({"name", "Tên thủ tục từ 1 đến 500 ký tự"});
  if (in.field && (in.field->empty() || utf8_length(*in.field) > 200))
    errs.push_back({"field", "Lĩnh vực từ 1 đến 200 ký tự"});
  if (in.fees)
    for (size_t i = 0; i < in.fees->size(); ++i)
      if ((*in.fees)[i].amount_vnd < 0) errs.push_back({"fees[" + std::to_string(i) + "]", "Số tiền không âm"});
  if (in.components && in.components->empty())
    errs.push_back({"components", "Thủ tục cần ít nhất một thành phần hồ sơ"});
  if (!errs.empty()) return validation(std::move(errs));

  Millis now = now_ms();
  const Idempotency idem =
      in.idempotency_kind.empty()
          ? idempotency(a, idem_key, "procedure.version", base_id, body_hash)
          : idempotency(a, idem_key, in.idempotency_kind, in.idempotency_object, body_hash);
  store::ProcedureRec rec;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    // Before the effective-date check, which the first request's version may fail.
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_ASSIGN(auto base, store::get_procedure(c, base_id));
      if (!base) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục hành chính " + base_id, "not_found");
      MC_ASSIGN(auto versions, store::list_procedure_versions(c, base->national_code));
      const store::ProcedureRec& latest = versions.empty() ? *base : versions.back();
      if (!latest.effective_from.empty() && in.effective_from < latest.effective_from)
        return field_error("effective_from", "Ngày áp dụng phải từ ngày áp dụng của phiên bản mới nhất (" +
                                                 latest.effective_from + ") trở đi");
      std::vector<std::string> agencies;
      if (in.handling_agencies) {
        agencies = *in.handling_agencies;
        for (size_t i = 0; i < agencies.size(); ++i) {
          MC_ASSIGN(auto ag, store::get_agency(c, agencies[i]));
          if (!ag)
            return field_error("handling_agencies[" + std::to_string(i) + "]", "Không tìm thấy cơ quan " + agencies[i]);
        }
      } else {
        MC_ASSIGN(agencies, store::procedure_agencies(c, base->id));
      }
      int64_t version = latest.version + 1;
      boost::system::error_code ec;
      json::value doc = json::parse(base->doc, ec);
      if (ec || !doc.is_object()) doc = json::object{};
      auto& o = doc.as_object();
      json::array steps;
      for (size_t i = 0; i < in.process.size(); ++i) {
        auto& s = in.process[i];
        steps.push_back(json::object{{"step", int64_t(i + 1)}, {"name", s.name}, {"role", s.role},
                                     {"agency", s.agency}, {"hours", s.hours}});
      }
      rec = *base;
      rec.id = base->national_code + "@v" + std::to_string(version);
      rec.version = version;
      rec.effective_from = in.effective_from;
      rec.time_amount = amount;
      rec.time_unit = in.time_unit;
      rec.time_verified = true;
      o["id"] = rec.id;
      o["version"] = version;
      o["effective_from"] = rec.effective_from;
      o["time_limit"] = json::object{{"amount", amount}, {"unit", rec.time_unit}, {"online_amount", nullptr},
                                     {"verified", true},
                                     {"note", "Quản trị cấp tỉnh ban hành phiên bản " + std::to_string(version) +
                                                  " từ " + base->id}};
      o["process"] = std::move(steps);
      json::array ha;
      for (auto& x : agencies) ha.push_back(json::value(x));
      o["handling_agencies"] = std::move(ha);
      o["previous_version"] = base->id;
      if (in.min_assurance) o["min_assurance"] = *in.min_assurance;
      json::array accepted;
      if (in.name) {
        rec.name = *in.name;
        rec.name_folded = fold_vi(rec.name);
        o["name"] = rec.name;
        accepted.push_back("name");
      }
      if (in.field) {
        rec.field = *in.field;
        o["field"] = rec.field;
        accepted.push_back("field");
      }
      if (in.fees) {
        json::array before = o.contains("fees") && o["fees"].is_array() ? o["fees"].as_array() : json::array{};
        json::array fees;
        for (auto& f : *in.fees) {
          json::object fee{{"code", f.code}, {"name", f.name}, {"amount_vnd", f.amount_vnd}, {"collected_at", "reception"},
                           {"verified", true}, {"note", in.source}};
          for (auto& b : before)
            if (b.is_object() && b.as_object().contains("code") && b.as_object().at("code") == json::value(f.code)) {
              fee = b.as_object();  // the terms we hold (when collected), the amount the nation publishes
              fee["name"] = f.name.empty() ? fee["name"] : json::value(f.name);
              fee["amount_vnd"] = f.amount_vnd;
              fee["verified"] = true;
            }
          fees.push_back(std::move(fee));
        }
        o["fees"] = std::move(fees);
        accepted.push_back("fees");
      }
      if (in.components) {
        json::array before =
            o.contains("components") && o["components"].is_array() ? o["components"].as_array() : json::array{};
        json::array comps;
        for (auto& name : *in.components) {
          json::object c{{"name", name}, {"kind", "original"}, {"count", 1}, {"template", nullptr}, {"replaceable_by", nullptr}};
          for (auto& b : before)
            if (b.is_object() && b.as_object().contains("name") && b.as_object().at("name") == json::value(name))
              c = b.as_object();
          comps.push_back(std::move(c));
        }
        o["components"] = std::move(comps);
        accepted.push_back("components");
      }
      if (!in.source.empty()) o["change_source"] = in.source;
      rec.doc = json::serialize(doc);
      MC_TRY(store::insert_procedure(c, rec, agencies));
      // The e-form goes with the version: the new one starts from its base's (marked unchecked for
      // it), and dossiers filed under the base keep theirs.
      MC_ASSIGN(auto form, store::get_procedure_eform(c, base->id));
      if (form) MC_TRY(store::put_procedure_eform(c, rec.id, *form, false));
      json::array ha2;
      for (auto& x : agencies) ha2.push_back(json::value(x));
      MC_TRY(audit(c, now, a.label(), "procedure.version", "procedure:" + rec.id,
                   {{"from", base->id}, {"version", version}, {"effective_from", rec.effective_from},
                    {"time_limit", json::object{{"amount", amount}, {"unit", rec.time_unit}}},
                    {"steps", int64_t(in.process.size())}, {"hours", total}, {"handling_agencies", std::move(ha2)},
                    {"accepted", std::move(accepted)}, {"source", in.source}}));
      return rec.id;
    }));
    // The answer is read back from the store, the first request's version on a repeat.
    MC_ASSIGN(auto stored, store::get_procedure(c, made.id));
    if (!stored) return make_error(ErrorKind::internal, "Không tìm thấy phiên bản của yêu cầu trước");
    rec = std::move(*stored);
    return ok_status();
  }));
  {
    std::lock_guard lock(all_mu_);
    all_.reset();  // search sees the new version at once
  }
  return rec;
}

Result<std::vector<store::ProcedureRec>> CatalogueService::procedure_versions(const Actor& a, const std::string& id) {
  if (!a.is_staff()) return make_error(ErrorKind::forbidden, "Chỉ cán bộ xem được các phiên bản thủ tục.", "forbidden");
  std::vector<store::ProcedureRec> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto base, store::get_procedure(c, id));
    std::string code = base ? base->national_code : id;  // a national code works too
    MC_ASSIGN(out, store::list_procedure_versions(c, code));
    return ok_status();
  }));
  if (out.empty()) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục hành chính " + id, "not_found");
  return out;
}

}  // namespace motcua::app
