#include "app/integration/population_service.h"

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/catalogue/data_source.h"
#include "domain/org/identity.h"
#include "domain/org/roles.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

constexpr std::string_view kSource = "csdl_dan_cu";

std::string source_name() {
  return std::string(catalogue::data_source_name_vi(catalogue::DataSource::csdl_dan_cu));
}

// "YYYY-MM-DD" (a valid day, not in the future) or "YYYY" (1900 to this year).
bool valid_birth_date(const std::string& s, Date today) {
  if (s.size() == 4) {
    int y = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') return false;
      y = y * 10 + (ch - '0');
    }
    return y >= 1900 && y <= today.year;
  }
  auto d = parse_date(s);
  return d && d->year >= 1900 && format_date(*d) <= format_date(today);
}

bool has_control(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return true;
  return false;
}

// What the citizen or the officer does instead when the database gave nothing usable.
std::string fallback(const Actor& a, const std::vector<ReplaceableComponent>& comps) {
  std::string names;
  for (auto& c : comps) names += (names.empty() ? "«" : ", «") + c.name + "»";
  const std::string what = names.empty() ? "giấy tờ chứng minh thông tin nhân thân, cư trú" : names;
  return a.is_citizen() ? " Bạn vẫn nộp được hồ sơ: hãy tải lên bản chụp " + what +
                              " thay cho việc lấy dữ liệu (khi đó hồ sơ ghi nhận là bạn đã phải nộp giấy tờ)."
                        : " Vẫn tiếp nhận được hồ sơ: nhận bản giấy hoặc bản chụp " + what +
                              " của công dân thay cho việc lấy dữ liệu.";
}

}  // namespace

Result<PopulationLookupView> PopulationService::lookup(const Actor& a, const PopulationLookupInput& in,
                                                       const std::string& idem_key, const std::string& body_hash) {
  std::string consent;
  if (a.is_citizen()) {
    if (in.id_number != a.id)
      return make_error(ErrorKind::forbidden,
                        "Bạn chỉ tra cứu được thông tin của chính mình (số định danh của tài khoản đang đăng nhập).",
                        "population_not_self");
    consent = "online";
  } else if (a.is_staff()) {
    if (!a.has_role(org::Role::reception))
      return make_error(ErrorKind::forbidden,
                        "Chỉ cán bộ tiếp nhận hồ sơ được tra cứu Cơ sở dữ liệu quốc gia về dân cư khi tiếp nhận.",
                        "role_not_allowed");
    consent = "counter";
  } else {
    return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  }
  const Millis now = clock_.now();
  const Date today = local_date(now);
  std::vector<FieldError> bad;
  if (auto r = org::check_personal_id(in.id_number, today.year); !r.ok()) bad.push_back({"id_number", r.error().detail});
  if (in.full_name.empty() || utf8_length(in.full_name) > 200 || has_control(in.full_name))
    bad.push_back({"full_name", "Họ và tên là bắt buộc, tối đa 200 ký tự."});
  if (!valid_birth_date(in.birth_date, today))
    bad.push_back({"birth_date", "Ngày sinh theo dạng YYYY-MM-DD (hoặc chỉ năm sinh YYYY), không sau hôm nay."});
  if (!in.consent)
    bad.push_back({"consent", a.is_citizen()
                                  ? "Bạn cần đồng ý cho hệ thống khai thác thông tin của mình từ " + source_name() + "."
                                  : "Cần công dân đồng ý cho khai thác thông tin từ " + source_name() +
                                        " trước khi tra cứu."});
  std::vector<ReplaceableComponent> comps;
  if (!in.procedure_id.empty()) {
    MC_ASSIGN(auto p, catalogue_.procedure(in.procedure_id));
    if (!p) bad.push_back({"procedure_id", "Không tìm thấy thủ tục."});
    else comps = replaceable_components(p->rec.doc, kSource);
  }
  if (!bad.empty()) return detail::validation(std::move(bad));

  const Idempotency idem = idempotency(a, idem_key, "population_lookup", in.id_number, body_hash);
  if (idem.on()) {  // a repeat answers the first lookup: the database is not asked twice
    std::optional<store::PopulationLookupRec> earlier;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(auto id, earlier_reply(c, idem));
      if (id) {
        MC_ASSIGN(earlier, store::get_population_lookup(c, *id));
      }
      return ok_status();
    }));
    if (earlier) return answer(*earlier, a);
  }

  store::PopulationLookupRec rec{new_id(), a.label(), in.id_number, in.procedure_id, consent, "", "", "", now, ""};
  if (!registry_) {
    rec.status = "unavailable";
    rec.error = "Hệ thống chưa được kết nối với " + source_name() + ".";
  } else {
    auto r = registry_->find(PopulationQuery{rec.id, in.id_number, in.full_name, in.birth_date, a.label()});
    if (!r.ok()) {
      rec.status = "unavailable";
      rec.error = r.error().detail.substr(0, 500);
    } else if (!*r) {
      rec.status = "not_found";
      rec.error = "Không có công dân với số định danh, họ tên và ngày sinh này.";
    } else {
      rec.status = "found";
      rec.person = json::serialize(person_json(**r));
    }
  }
  std::string id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_TRY(store::insert_population_lookup(c, rec));
      MC_TRY(audit(c, now, a.label(), "population_lookup", rec.id,
                   json::object{{"id_number", rec.id_number}, {"status", rec.status}, {"consent", rec.consent},
                                {"procedure_id", rec.procedure_id}, {"error", rec.error}}));
      return rec.id;
    }));
    id = made.id;
    return ok_status();
  }));
  if (id != rec.id) {  // a concurrent repeat recorded its lookup first
    std::optional<store::PopulationLookupRec> first;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(first, store::get_population_lookup(c, id));
      return ok_status();
    }));
    if (first) rec = *first;
  }
  auto v = answer(rec, a);
  if (!v.ok()) return v;
  v->satisfies = std::move(comps);
  return v;
}

Result<PopulationLookupView> PopulationService::answer(const store::PopulationLookupRec& rec, const Actor& a) {
  std::vector<ReplaceableComponent> comps;
  if (!rec.procedure_id.empty()) {
    MC_ASSIGN(auto p, catalogue_.procedure(rec.procedure_id));
    if (p) comps = replaceable_components(p->rec.doc, kSource);
  }
  if (rec.status == "not_found")
    return make_error(ErrorKind::not_found,
                      source_name() + " không có công dân với số định danh, họ tên và ngày sinh đã nhập. Kiểm tra "
                                      "lại (họ tên đầy đủ, có dấu; ngày sinh như trên thẻ căn cước)." +
                          fallback(a, comps),
                      "population_not_found");
  if (rec.status != "found")
    return make_error(ErrorKind::unavailable,
                      "Chưa lấy được thông tin từ " + source_name() + ": " + rec.error + fallback(a, comps),
                      registry_ ? "population_unavailable" : "population_not_connected");
  PopulationLookupView v;
  v.rec = rec;
  v.person = person_from_json(rec.person);
  v.satisfies = std::move(comps);
  v.expires_at = rec.created_at + kValidity;
  v.applicant_fills = applicant_fills(v.person);
  if (!rec.procedure_id.empty() && forms_) {
    MC_ASSIGN(auto schema, forms_(rec.procedure_id));
    if (schema) v.form_fills = form_fills(*schema, v.person);
  }
  return v;
}

}  // namespace motcua::app
