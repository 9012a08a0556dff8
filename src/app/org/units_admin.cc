// Administration of the administrative units (province admins): create a unit, correct its name
// or end it, and record a succession (merge, split, rename) with its legal basis and date.
// A unit's code may be reused only once the unit holding it has ended, and the succession graph
// stays acyclic with every old unit ending the day before its successors take over. Each change
// is one transaction with its audit record; then this process's unit cache is dropped so intake
// maps addresses with the new graph at once.
#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/org/organisation_service.h"
#include "app/catalogue_cache.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "domain/org/units.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using detail::field_error;
using detail::require_province_admin;
using detail::validation;

namespace {

Error conflict(const std::string& code, const std::string& field, const std::string& detail) {
  Error e = make_error(ErrorKind::conflict, detail, code);
  e.fields.push_back(FieldError{field, detail});
  return e;
}

json::value nullable(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

// "2025-06-30" → "30/06/2025", as dates are written to users.
std::string vn_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string day_before(const std::string& iso) {
  auto d = parse_date(iso);
  return d ? format_date(add_days(*d, -1)) : std::string();
}

// Validity spans [from, to] of dates; "" from = since ever, "" to = still valid.
bool overlaps(const std::string& af, const std::string& at, const std::string& bf, const std::string& bt) {
  if (!at.empty() && !bf.empty() && at < bf) return false;
  if (!bt.empty() && !af.empty() && bt < af) return false;
  return true;
}

std::string span_text(const store::UnitRec& u) {
  std::string from = u.valid_from.empty() ? "" : "từ " + vn_date(u.valid_from);
  std::string to = u.valid_to.empty() ? "đang hiệu lực" : "đến " + vn_date(u.valid_to);
  return from.empty() ? to : from + (u.valid_to.empty() ? ", " : " ") + to;
}

// An agency serving a unit (a commune's People's Committee, say) cannot outlive it: ending the
// unit on `last_day` is refused while an agency attached to it is still in operation after that
// day, unless the administrator carries the agencies over to the successor `carry_to` (a unit
// in force the day after, checked by the caller): then they move in this transaction, each with
// its audit record. Returns the ids of the agencies moved.
Result<std::vector<std::string>> settle_agencies(sql::Connection& c, const store::UnitRec& u, const std::string& last_day,
                                                 const std::string& field, const std::string& carry_to,
                                                 const std::string& why, const Actor& a, Millis now) {
  MC_ASSIGN(auto agencies, store::list_agencies(c));
  std::vector<const store::AgencyRec*> open;
  for (auto& ag : agencies)
    if (ag.unit_id == u.id && (ag.valid_to.empty() || ag.valid_to > last_day)) open.push_back(&ag);
  std::vector<std::string> moved;
  if (open.empty()) return moved;
  if (carry_to.empty()) {
    std::string names;
    for (auto* ag : open) names += (names.empty() ? "" : ", ") + ag->name;
    return conflict("agency_attached", field,
                    "Không thể cho " + u.name + " hết hiệu lực sau ngày " + vn_date(last_day) + ": " + names +
                        " vẫn gắn với đơn vị này và còn hoạt động. Cho cơ quan ngừng hoạt động trước ngày đó, hoặc chọn chuyển cơ quan sang đơn vị kế thừa"
                        " (carry_agencies_to).");
  }
  for (auto* ag : open) {
    MC_TRY(store::set_agency_unit(c, ag->id, carry_to));
    MC_TRY(audit(c, now, a.label(), "agency.unit_carried", "agency:" + ag->id,
                 {{"from_unit", u.id}, {"to_unit", carry_to}, {"because", why}, {"last_day", last_day}}));
    moved.push_back(ag->id);
  }
  return moved;
}

// The unit agencies are carried over to when `u` ends on `last_day`: it exists, is another unit
// of the same level, and is in force the day after.
Status carry_target_ok(sql::Connection& c, const store::UnitRec& u, const std::string& last_day,
                       const std::string& carry_to, const std::string& field) {
  if (carry_to.empty()) return ok_status();
  if (carry_to == u.id) return field_error(field, "Không thể chuyển cơ quan sang chính đơn vị đang hết hiệu lực");
  MC_ASSIGN(auto t, store::get_unit(c, carry_to));
  if (!t) return field_error(field, "Không tìm thấy đơn vị hành chính " + carry_to);
  if (t->level != u.level) return field_error(field, t->name + " không cùng cấp với " + u.name);
  auto next = parse_date(last_day);
  const std::string day_after = next ? format_date(add_days(*next, 1)) : last_day;
  if (!org::in_force_on(t->valid_from, t->valid_to, day_after))
    return conflict("validity", field, t->name + " không có hiệu lực vào ngày " + vn_date(day_after) + " (" +
                                           span_text(*t) + ")");
  return ok_status();
}

// A code names one unit at a time: no other unit with `code` may be valid within [from, to].
Status check_code_free(sql::Connection& c, const std::string& code, const std::string& self_id,
                       const std::string& from, const std::string& to, const std::string& field) {
  MC_ASSIGN(auto same, store::units_with_code(c, code));
  for (auto& u : same) {
    if (u.id == self_id || !overlaps(from, to, u.valid_from, u.valid_to)) continue;
    return conflict("duplicate", field,
                    "Mã " + code + " đang được dùng cho " + u.name + " (" + span_text(u) +
                        "); một mã chỉ được dùng lại sau khi đơn vị cũ hết hiệu lực");
  }
  return ok_status();
}

json::object unit_detail(const store::UnitRec& u) {
  return {{"code", u.code},           {"name", u.name},           {"level", u.level},
          {"type", nullable(u.type)}, {"parent_id", nullable(u.parent_id)}, {"valid_from", nullable(u.valid_from)},
          {"valid_to", nullable(u.valid_to)}};
}

json::array id_array(const std::vector<std::string>& ids) {
  json::array out;
  for (auto& x : ids) out.push_back(json::value(x));
  return out;
}

std::string join(const std::vector<std::string>& ids, const char* sep) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? sep : "") + ids[i];
  return out;
}

// Field name of the i-th id of a list ("from[0]").
std::string item(const char* list, size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t next; (next = s.find(sep, at)) != std::string::npos; at = next + 1) out.push_back(s.substr(at, next - at));
  out.push_back(s.substr(at));
  return out;
}

// A recorded succession read back from its id ("old,old>new", as recorded for its
// Idempotency-Key), as record_succession answers it: the links old × new, then the old units
// and the new ones as now stored.
Result<SuccessionView> succession_view(sql::Connection& c, const std::string& object) {
  const size_t gt = object.find('>');
  if (gt == std::string::npos) return make_error(ErrorKind::internal, "Không đọc được ghi nhận kế thừa " + object);
  const std::vector<std::string> from = split(object.substr(0, gt), ','), to = split(object.substr(gt + 1), ',');
  SuccessionView v;
  MC_ASSIGN(auto all, store::list_successions(c));
  for (auto& f : from)
    for (auto& t : to)
      for (auto& s : all)
        if (s.from_id == f && s.to_id == t) v.recorded.push_back(s);
  for (auto* list : {&from, &to})
    for (auto& id : *list) {
      MC_ASSIGN(auto u, store::get_unit(c, id));
      if (!u) return make_error(ErrorKind::internal, "Không tìm thấy đơn vị của yêu cầu trước");
      v.units.push_back(std::move(*u));
    }
  return v;
}

}  // namespace

Result<store::UnitRec> OrganisationService::create_unit(const Actor& a, const NewUnitInput& in, const std::string& idem_key,
                                       const std::string& body_hash) {
  MC_TRY(require_province_admin(a, "quản lý đơn vị hành chính"));
  std::vector<FieldError> errs;
  bool level_ok = org::is_unit_level(in.level);
  if (!level_ok) errs.push_back({"level", "Cấp đơn vị phải là province (tỉnh), district (huyện) hoặc commune (xã)"});
  if (auto p = org::unit_code_problem(in.level, in.code)) errs.push_back({"code", *p});
  if (in.name.empty()) errs.push_back({"name", "Tên đơn vị không được để trống"});
  if (auto p = org::unit_type_problem(in.level, in.type)) errs.push_back({"type", *p});
  if (!parse_date(in.valid_from))
    errs.push_back({"valid_from", "Ngày bắt đầu hiệu lực phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  if (level_ok && in.parent_id.empty())
    if (auto p = org::unit_parent_problem(in.level, "")) errs.push_back({"parent_id", *p});
  if (!errs.empty()) return validation(std::move(errs));

  Millis now = now_ms();
  store::UnitRec rec{"", in.code, in.name, in.level, in.type, in.parent_id, in.valid_from, "", a.label(), "", true};
  const Idempotency idem = idempotency(a, idem_key, "unit.create", "", body_hash);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::lock_units(c));
    // After the lock, before the code check, which the first request's unit would fail.
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      if (!in.parent_id.empty()) {
        MC_ASSIGN(auto parent, store::get_unit(c, in.parent_id));
        if (!parent) return field_error("parent_id", "Không tìm thấy đơn vị cấp trên " + in.parent_id);
        if (auto p = org::unit_parent_problem(in.level, parent->level)) return field_error("parent_id", *p);
        if (!overlaps(in.valid_from, "", parent->valid_from, parent->valid_to) ||
            (!parent->valid_from.empty() && parent->valid_from > in.valid_from))
          return field_error("parent_id", parent->name + " không còn hiệu lực vào ngày " + vn_date(in.valid_from) +
                                              " (" + span_text(*parent) + ")");
      }
      MC_TRY(check_code_free(c, in.code, "", in.valid_from, "", "code"));
      // Readable ids ("c21025"); a reused code gets the date its new unit starts.
      std::string id = org::unit_id_stem(in.level, in.code);
      MC_ASSIGN(auto taken, store::get_unit(c, id));
      if (taken) {
        id += "@" + in.valid_from;
        MC_ASSIGN(auto again, store::get_unit(c, id));
        if (again) return conflict("duplicate", "code", "Đã có đơn vị " + id);
      }
      rec.id = id;
      MC_TRY(store::insert_unit(c, rec));
      MC_TRY(audit(c, now, a.label(), "unit.create", "unit:" + rec.id, unit_detail(rec)));
      return rec.id;
    }));
    // The answer is read back from the store, the first request's unit on a repeat.
    MC_ASSIGN(auto stored, store::get_unit(c, made.id));
    if (!stored) return make_error(ErrorKind::internal, "Không tìm thấy đơn vị của yêu cầu trước");
    rec = std::move(*stored);
    return ok_status();
  }));
  catalogue_.forget_units();
  return rec;
}

Result<store::UnitRec> OrganisationService::update_unit(const Actor& a, const std::string& id, const UnitUpdate& in) {
  MC_TRY(require_province_admin(a, "quản lý đơn vị hành chính"));
  std::vector<FieldError> errs;
  if (in.name.empty()) errs.push_back({"name", "Tên đơn vị không được để trống"});
  if (!in.valid_to.empty() && !parse_date(in.valid_to))
    errs.push_back({"valid_to", "Ngày hết hiệu lực phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  if (!in.carry_agencies_to.empty() && in.valid_to.empty())
    errs.push_back({"carry_agencies_to", "Chỉ chuyển cơ quan sang đơn vị khác khi cho đơn vị hết hiệu lực (valid_to)"});
  if (!errs.empty()) return validation(std::move(errs));

  Millis now = now_ms();
  store::UnitRec out;
  std::vector<std::string> moved;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::lock_units(c));
    MC_ASSIGN(auto cur, store::get_unit(c, id));
    if (!cur) return make_error(ErrorKind::not_found, "Không tìm thấy đơn vị hành chính " + id, "not_found");
    const std::string& to = in.valid_to;
    if (!to.empty() && !cur->valid_from.empty() && to < cur->valid_from)
      return field_error("valid_to", "Ngày hết hiệu lực không được sớm hơn ngày bắt đầu " + vn_date(cur->valid_from));
    if (to != cur->valid_to) {
      // Successors take over the day after the unit's last day.
      MC_ASSIGN(auto next, store::successions_from(c, id));
      for (auto& s : next) {
        std::string last = day_before(s.date);
        if (to != last)
          return conflict("validity", "valid_to",
                          "Đơn vị đã được ghi nhận kế thừa từ ngày " + vn_date(s.date) +
                              " nên ngày hết hiệu lực phải là " + vn_date(last));
      }
      // It was in force the day it succeeded others.
      MC_ASSIGN(auto prev, store::successions_to(c, id));
      for (auto& s : prev)
        if (!to.empty() && !s.date.empty() && to < s.date)
          return conflict("validity", "valid_to",
                          "Đơn vị kế thừa đơn vị khác từ ngày " + vn_date(s.date) +
                              " nên không thể hết hiệu lực trước ngày đó");
      if (!to.empty()) {
        // A last day ahead is allowed: the unit stays in force, and listed, until it has passed.
        MC_TRY(carry_target_ok(c, *cur, to, in.carry_agencies_to, "carry_agencies_to"));
        MC_ASSIGN(moved, settle_agencies(c, *cur, to, "valid_to", in.carry_agencies_to, "unit.update", a, now));
        MC_ASSIGN(auto kids, store::unit_children(c, id));
        int64_t open = 0;
        for (auto& k : kids)
          if (k.valid_to.empty() || k.valid_to > to) ++open;
        if (open > 0)
          return conflict("validity", "valid_to",
                          "Còn " + std::to_string(open) + " đơn vị trực thuộc còn hiệu lực sau ngày " + vn_date(to) +
                              "; ghi nhận sáp nhập, chia tách hoặc cho các đơn vị đó hết hiệu lực trước");
      }
      MC_TRY(check_code_free(c, cur->code, id, cur->valid_from, to, "valid_to"));
    }
    store::UnitRec upd = *cur;
    upd.name = in.name;
    upd.valid_to = to;
    MC_TRY(store::update_unit(c, upd));
    MC_TRY(audit(c, now, a.label(), "unit.update", "unit:" + id,
                 {{"before", json::object{{"name", cur->name}, {"valid_to", nullable(cur->valid_to)}}},
                  {"after", json::object{{"name", upd.name}, {"valid_to", nullable(upd.valid_to)}}},
                  {"carried_agencies", id_array(moved)}}));
    out = std::move(upd);
    return ok_status();
  }));
  catalogue_.forget_units();
  for (auto& id : moved) catalogue_.forget_agency(id);
  return out;
}

Result<SuccessionView> OrganisationService::record_succession(const Actor& a, const SuccessionInput& in, const std::string& idem_key,
                                              const std::string& body_hash) {
  MC_TRY(require_province_admin(a, "quản lý đơn vị hành chính"));
  std::vector<FieldError> errs;
  auto kind = org::succession_kind(in.kind, in.from.size(), in.to.size());
  if (!kind.ok()) errs = kind.error().fields;
  if (!parse_date(in.date)) errs.push_back({"date", "Ngày hiệu lực phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  if (in.legal_basis.empty()) errs.push_back({"legal_basis", "Cần căn cứ pháp lý (số, ký hiệu nghị quyết hoặc quyết định)"});
  for (auto* list : {&in.from, &in.to}) {
    const char* name = list == &in.from ? "from" : "to";
    std::set<std::string> seen;
    for (size_t i = 0; i < list->size(); ++i)
      if (!seen.insert((*list)[i]).second) errs.push_back({item(name, i), "Đơn vị bị lặp lại"});
  }
  if (!in.carry_agencies_to.empty() && std::find(in.to.begin(), in.to.end(), in.carry_agencies_to) == in.to.end())
    errs.push_back({"carry_agencies_to", "Cơ quan chỉ được chuyển sang một trong các đơn vị mới của lần ghi nhận này"});
  if (!errs.empty()) return validation(std::move(errs));
  for (size_t i = 0; i < in.to.size(); ++i)
    if (std::find(in.from.begin(), in.from.end(), in.to[i]) != in.from.end())
      return conflict("self_link", item("to", i), "Một đơn vị không thể kế thừa chính nó");

  // The date may be ahead: the old units stay in force, and listed, until their last day.
  const std::string last_day = day_before(in.date);
  Millis now = now_ms();
  const Idempotency idem = idempotency(a, idem_key, "unit.succession", "", body_hash);
  SuccessionView view;
  std::vector<std::string> moved;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::lock_units(c));
    moved.clear();
    // After the lock, before the checks the first request's succession would fail.
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      std::vector<store::UnitRec> olds;
      for (size_t i = 0; i < in.from.size(); ++i) {
        MC_ASSIGN(auto u, store::get_unit(c, in.from[i]));
        if (!u) return field_error(item("from", i), "Không tìm thấy đơn vị hành chính " + in.from[i]);
        if (!u->valid_from.empty() && u->valid_from >= in.date)
          return conflict("validity", item("from", i),
                          u->name + " bắt đầu hiệu lực từ " + vn_date(u->valid_from) + ", không trước ngày kế thừa");
        if (!u->valid_to.empty() && u->valid_to != last_day)
          return conflict("validity", item("from", i),
                          u->name + " đã hết hiệu lực từ sau ngày " + vn_date(u->valid_to) +
                              "; ngày kế thừa phải là ngày hôm sau");
        MC_ASSIGN(auto kids, store::unit_children(c, u->id));
        for (auto& k : kids)
          if (k.valid_to.empty() || k.valid_to > last_day)
            return conflict("validity", item("from", i),
                            k.name + " trực thuộc " + u->name + " còn hiệu lực sau ngày " + vn_date(last_day) +
                                "; ghi nhận kế thừa cho các đơn vị trực thuộc trước");
        if (u->valid_to.empty()) {
          // Agencies still attached are refused, or carried over to the chosen new unit.
          MC_TRY(carry_target_ok(c, *u, last_day, in.carry_agencies_to, "carry_agencies_to"));
          MC_ASSIGN(auto carried, settle_agencies(c, *u, last_day, item("from", i), in.carry_agencies_to,
                                                  "unit.succession", a, now));
          moved.insert(moved.end(), carried.begin(), carried.end());
        }
        olds.push_back(std::move(*u));
      }
      for (size_t i = 0; i < in.to.size(); ++i) {
        MC_ASSIGN(auto u, store::get_unit(c, in.to[i]));
        if (!u) return field_error(item("to", i), "Không tìm thấy đơn vị hành chính " + in.to[i]);
        if ((!u->valid_from.empty() && u->valid_from > in.date) || (!u->valid_to.empty() && u->valid_to < in.date))
          return conflict("validity", item("to", i),
                          u->name + " không có hiệu lực vào ngày " + vn_date(in.date) + " (" + span_text(*u) + ")");
      }
      MC_ASSIGN(auto all, store::list_successions(c));
      org::UnitGraph graph;
      for (auto& s : all) {
        if (std::find(in.from.begin(), in.from.end(), s.from_id) != in.from.end() &&
            std::find(in.to.begin(), in.to.end(), s.to_id) != in.to.end())
          return conflict("duplicate", "to", "Đã ghi nhận " + s.from_id + " → " + s.to_id + " từ trước");
        graph[s.from_id].push_back(s.to_id);
      }
      if (auto back = org::first_reachable(graph, in.to, in.from); !back.empty())
        return conflict("cycle", "to", "Đơn vị mới đã là tiền thân của " + back + ": ghi nhận này sẽ tạo vòng lặp");

      std::vector<std::string> ended;
      for (auto& u : olds) {
        if (!u.valid_to.empty()) continue;
        u.valid_to = last_day;
        MC_TRY(store::update_unit(c, u));
        ended.push_back(u.id);
      }
      for (auto& f : in.from)
        for (auto& t : in.to) MC_TRY(store::insert_succession(c, store::SuccessionRec{f, t, *kind, in.date, in.legal_basis, true}));
      const std::string object = join(in.from, ",") + ">" + join(in.to, ",");
      MC_TRY(audit(c, now, a.label(), "unit.succession", "units:" + object,
                   {{"kind", *kind}, {"date", in.date}, {"legal_basis", in.legal_basis}, {"from", id_array(in.from)},
                    {"to", id_array(in.to)}, {"ended", id_array(ended)}, {"carried_agencies", id_array(moved)}}));
      return object;
    }));
    // The answer is read back from the store, the first request's succession on a repeat.
    MC_ASSIGN(view, succession_view(c, made.id));
    return ok_status();
  }));
  catalogue_.forget_units();
  for (auto& id : moved) catalogue_.forget_agency(id);
  view.carried_agencies = std::move(moved);
  return view;
}

}  // namespace motcua::app
