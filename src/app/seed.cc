// Loads the demo province (data/seed/*.json) into an empty store, in one transaction.
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "app/app.h"
#include "app/journal.h"
#include "app/notify/notify_service.h"
#include "app/working_hours_json.h"
#include "common/crypto.h"
#include "common/text.h"
#include "domain/eform/schema.h"
#include "store/eform_repo.h"
#include "store/repo.h"
#include "store/staff_contact_repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

Result<json::value> read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::invalid, "Không đọc được tệp dữ liệu mẫu " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec) return make_error(ErrorKind::invalid, "Tệp " + path + " không phải JSON hợp lệ: " + ec.message());
  return v;
}

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return (v && v->is_string()) ? std::string(v->as_string()) : std::string();
}
bool boolean(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_bool() && v->as_bool();
}
int64_t integer(const json::object& o, const char* k, int64_t def = 0) {
  auto* v = o.if_contains(k);
  return (v && v->is_int64()) ? v->as_int64() : def;
}
const json::array& arr(const json::object& o, const char* k) {
  static const json::array empty;
  auto* v = o.if_contains(k);
  return (v && v->is_array()) ? v->as_array() : empty;
}

Status load_units(sql::Connection& c, const json::object& root) {
  for (auto& v : arr(root, "units")) {
    auto& u = v.as_object();
    MC_TRY(store::insert_unit(c, store::UnitRec{str(u, "id"), str(u, "code"), str(u, "name"), str(u, "level"),
                                                str(u, "type"), str(u, "parent_id"), str(u, "valid_from"),
                                                str(u, "valid_to"), str(u, "source"), str(u, "note"),
                                                boolean(u, "verified")}));
  }
  for (auto& v : arr(root, "successions")) {
    auto& s = v.as_object();
    MC_TRY(store::insert_succession(c, store::SuccessionRec{str(s, "from_id"), str(s, "to_id"), str(s, "kind"),
                                                            str(s, "date"), str(s, "legal_basis"), boolean(s, "verified")}));
  }
  return ok_status();
}

Status load_agencies(sql::Connection& c, const json::array& list) {
  for (auto& v : list) {
    auto& a = v.as_object();
    MC_TRY(store::insert_agency(c, store::AgencyRec{str(a, "id"), str(a, "eid"), str(a, "name"), str(a, "type"),
                                                    str(a, "parent"), str(a, "unit_id"), str(a, "valid_from"),
                                                    str(a, "valid_to"), str(a, "successor"), str(a, "note"),
                                                    boolean(a, "verified")}));
  }
  return ok_status();
}

Status load_locations(sql::Connection& c, const json::array& list) {
  for (auto& v : list) {
    auto& l = v.as_object();
    MC_TRY(store::insert_location(c, store::LocationRec{str(l, "id"), str(l, "name"), str(l, "kind"), str(l, "agency"),
                                                        str(l, "unit_id"), str(l, "address"), str(l, "note"),
                                                        boolean(l, "verified")}));
  }
  return ok_status();
}

Status load_procedures(sql::Connection& c, const json::array& list) {
  for (auto& v : list) {
    auto& p = v.as_object();
    store::ProcedureRec r;
    r.id = str(p, "id");
    r.national_code = str(p, "national_code");
    r.version = integer(p, "version", 1);
    r.name = str(p, "name");
    r.name_folded = fold_vi(r.name);
    r.field = str(p, "field");
    r.level = str(p, "level");
    r.online_level = str(p, "online_level");
    r.boundary_free = boolean(p, "boundary_free");
    r.effective_from = str(p, "effective_from");
    if (auto* tl = p.if_contains("time_limit"); tl && tl->is_object()) {
      r.time_amount = integer(tl->as_object(), "amount");
      r.time_unit = str(tl->as_object(), "unit");
      r.time_verified = boolean(tl->as_object(), "verified");
    }
    if (r.time_unit.empty()) r.time_unit = "none";
    r.doc = json::serialize(p);
    std::vector<std::string> agencies;
    for (auto& a : arr(p, "handling_agencies")) agencies.push_back(std::string(a.as_string()));
    MC_TRY(store::insert_procedure(c, r, agencies));
    // The version's e-form (data/eforms/eforms.json by way of gen_seed.py), checked before it is kept.
    if (auto* ef = p.if_contains("eform"); ef && ef->is_object()) {
      if (auto s = eform::parse_schema(*ef); !s.ok())
        return make_error(ErrorKind::invalid, "procedures.json: biểu mẫu điện tử của " + r.id + " không hợp lệ: " +
                                                  (s.error().fields.empty() ? s.error().detail : s.error().fields[0].field + " " + s.error().fields[0].detail));
      MC_TRY(store::put_procedure_eform(c, r.id, json::serialize(*ef), boolean(ef->as_object(), "verified")));
    }
  }
  return ok_status();
}

Status load_people(sql::Connection& c, const json::object& root) {
  for (auto& v : arr(root, "staff")) {
    auto& s = v.as_object();
    std::vector<store::GrantRec> grants;
    for (auto& g : arr(s, "grants")) {
      auto& go = g.as_object();
      grants.push_back(store::GrantRec{str(go, "agency"), str(go, "role"), str(go, "from"), str(go, "to")});
    }
    const std::string id = new_id();
    MC_TRY(store::insert_staff(c, store::StaffRec{id, str(s, "username"), hash_password(str(s, "password")),
                                                  str(s, "full_name"), true}, grants));
    // The contact address the feedback deadline watch writes to (demo addresses, example.gov.vn).
    if (auto e = str(s, "email"); !e.empty()) {
      if (!is_plain_email(e)) return make_error(ErrorKind::invalid, "staff.json: địa chỉ thư điện tử không hợp lệ: " + e);
      MC_TRY(store::set_staff_email(c, id, e, now_ms()));
    }
  }
  for (auto& v : arr(root, "citizens")) {
    auto& s = v.as_object();
    MC_TRY(store::upsert_citizen(c, store::CitizenRec{str(s, "personal_id"), str(s, "full_name"), str(s, "phone")}));
  }
  return ok_status();
}

// The government's official decisions that calendar.json lists ("years"): each year's full list
// of days off and make-up days, recorded as that year's decision (calendar_years). Every other
// year follows the Labour Code rules, computed by the calendar itself (CalendarService).
Status load_calendar(sql::Connection& c, const json::object& root, Millis now) {
  if (auto* wh = root.if_contains("working_hours")) {
    MC_TRY(working_hours_from_json(*wh));  // refuse a broken file before storing it
    MC_TRY(store::put_setting(c, "working_hours", json::serialize(*wh)));
  }
  auto* years = root.if_contains("years");
  if (!years || !years->is_object()) return ok_status();
  for (const auto& [key, value] : years->as_object()) {
    if (!value.is_object()) continue;
    const std::string k(key);
    if (k.size() != 4 || k.find_first_not_of("0123456789") != std::string::npos)
      return make_error(ErrorKind::invalid, "calendar.json: năm \"" + k + "\" không hợp lệ");
    const int year = std::stoi(k);
    for (auto& d : arr(value.as_object(), "days")) {
      auto& o = d.as_object();
      MC_TRY(store::put_calendar_day(c, store::CalendarDayRec{str(o, "date"), boolean(o, "working"),
                                                              str(o, "reason"), "official"}, "seed", now));
    }
    MC_TRY(store::put_calendar_year(c, store::CalendarYearRec{year, str(value.as_object(), "source"), "seed", now}));
  }
  return ok_status();
}

}  // namespace

Status App::seed() {
  const std::string dir = cfg_.seed_dir + "/";
  MC_ASSIGN(auto units, read_json(dir + "units.json"));
  MC_ASSIGN(auto agencies, read_json(dir + "agencies.json"));
  MC_ASSIGN(auto procedures, read_json(dir + "procedures.json"));
  MC_ASSIGN(auto staff, read_json(dir + "staff.json"));
  MC_ASSIGN(auto cal, read_json(dir + "calendar.json"));
  MC_ASSIGN(auto locations, read_json(dir + "locations.json"));
  if (!units.is_object() || !agencies.is_array() || !procedures.is_array() || !staff.is_object() || !cal.is_object() ||
      !locations.is_array())
    return make_error(ErrorKind::invalid, "Dữ liệu mẫu không đúng cấu trúc");
  Millis now = now_ms();
  MC_TRY(db_->write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto existing, store::list_agencies(c));
    if (!existing.empty()) return make_error(ErrorKind::conflict, "CSDL đã có dữ liệu; không nạp lại dữ liệu mẫu.", "already_seeded");
    MC_TRY(load_units(c, units.as_object()));
    MC_TRY(load_agencies(c, agencies.as_array()));
    MC_TRY(load_locations(c, locations.as_array()));
    MC_TRY(load_procedures(c, procedures.as_array()));
    MC_TRY(load_people(c, staff.as_object()));
    MC_TRY(load_calendar(c, cal.as_object(), now));
    return audit(c, now, "system", "seed", "store", {{"dir", cfg_.seed_dir}});
  }));
  return calendar_.reload();
}

}  // namespace motcua::app
