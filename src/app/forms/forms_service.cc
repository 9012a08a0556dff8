// The legal forms of Thông tư 03/2025/TT-VPCP, filled from the dossier as the store keeps it.
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "app/forms/forms_service.h"
#include "app/payment/fees.h"

#include "app/dossier/details.h"
#include "app/catalogue_cache.h"
#include "app/dossier/support.h"
#include "common/text.h"
#include "docs/docs.h"
#include "domain/calendar/deadline.h"
#include "domain/dossier/code.h"
#include "domain/dossier/history.h"
#include "domain/org/roles.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;

namespace {

// What a training copy (Config::training) prints on every page of every form.
constexpr const char* kTrainingMark = "BẢN ĐÀO TẠO — không có giá trị pháp lý";

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return (v && v->is_string()) ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> strings(const json::object* o, const char* k) {
  std::vector<std::string> out;
  if (!o) return out;
  if (auto* v = o->if_contains(k); v && v->is_array())
    for (auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

// The applicant's address as the forms print it: the text as written, then the administrative
// unit chosen at reception when the text does not already name it. An address given with a
// former unit (before 1 July 2025) keeps that unit and says what it is now:
//   "Thôn 2, Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum (nay là Xã Măng Đen, tỉnh Quảng Ngãi)".
std::string address_line(const json::object& applicant) {
  std::string text = str(applicant, "address");
  std::string now = str(applicant, "address_unit_name"), before = str(applicant, "address_former_unit_name");
  std::string folded = fold_vi(text);
  auto names = [&](const std::string& full) {  // does the text already name the unit itself?
    std::string unit = fold_vi(full.substr(0, full.find(", ")));
    return !unit.empty() && folded.find(unit) != std::string::npos;
  };
  auto append = [&](const std::string& part) {
    if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
  };
  if (!before.empty()) {
    if (!names(before)) append(before);
    if (!now.empty()) text += " (nay là " + now + ")";
  } else if (!now.empty() && !names(now)) {
    append(now);
  }
  return text;
}

std::string channel_label(int64_t ch) {
  return ch == 2 ? "Trực tuyến" : ch == 3 ? "Dịch vụ bưu chính công ích" : "Trực tiếp";
}

std::string time_limit_text(const store::ProcedureRec& p) {
  char buf[64];
  auto amount = (long long)p.time_amount;
  auto unit = calendar::parse_time_unit(p.time_unit);
  switch (unit.ok() ? *unit : calendar::TimeUnit::none) {
    case calendar::TimeUnit::working_days: std::snprintf(buf, sizeof buf, "%02lld ngày làm việc", amount); break;
    case calendar::TimeUnit::working_hours: std::snprintf(buf, sizeof buf, "%02lld giờ làm việc", amount); break;
    case calendar::TimeUnit::calendar_days: std::snprintf(buf, sizeof buf, "%02lld ngày", amount); break;
    case calendar::TimeUnit::same_day: return "Trong ngày làm việc (sau 15 giờ: ngày làm việc tiếp theo)";
    case calendar::TimeUnit::none: return "Không quy định";
  }
  std::string s = buf;
  if (!p.time_verified) s += " (chưa xác minh)";
  return s;
}

// Fees as the catalogue publishes them; an amount not confirmed from a source is never printed
// as fact.
void fill_fees(const store::ProcedureRec& p, docs::DossierForm& f) {
  const auto fees = fees_of(p);
  if (fees.empty()) {
    f.fee_text = "Không";
    return;
  }
  int64_t total = 0;
  bool all_known = true, all_verified = true, per_unit = false;
  for (const auto& fee : fees) {
    // Per page: the amount is a rate, not what this dossier owes.
    if (payment::per_page(fee)) per_unit = true;
    if (!fee.amount_vnd) all_known = false;
    else total += *fee.amount_vnd;
    if (!fee.verified) all_verified = false;
  }
  if (per_unit) f.fee_text = "Theo số trang, số bản (cơ quan tiếp nhận tính khi yêu cầu nộp)";
  else if (!all_known) f.fee_text = "Theo quy định (chưa có mức phí được công bố)";
  else if (!all_verified) f.fee_text = "Theo quy định (mức phí chưa được xác minh)";
  else f.fee_vnd = total;
}

std::string day_month_year(Millis t) {
  Date d = local_date(t);
  char b[16];
  std::snprintf(b, sizeof b, "%02d/%02d/%04d", d.day, d.month, d.year);
  return b;
}

// Form 01 lists what was actually received, and nothing that was not:
//  - the components intake recorded as provided (`provided` not false) with a count above 0,
//    with their kind ("" when intake gave none the form knows) and count;
//  - for each supplement request followed by the supplement's reception (supplement_received),
//    the items that request listed, noted «Nhận bổ sung ngày dd/mm/yyyy» (their kind and count
//    were not recorded: blank). A supplement requested and not received adds nothing.
// docs/forms.md explains the choice.
std::vector<docs::Component> received_components(const DossierDetails& details, const std::vector<store::EventRec>& events) {
  std::vector<docs::Component> out;
  for (auto& c : details.components) {
    if (!c.provided || c.count <= 0) continue;
    std::string label = c.kind == "original"           ? "Bản chính"
                        : c.kind == "copy"             ? "Bản sao"
                        : c.kind == "original_or_copy" ? "Bản chính hoặc bản sao"
                                                       : "";
    out.push_back(docs::Component{c.name, label, int(c.count), ""});
  }
  for (size_t i = 0; i < events.size(); ++i) {
    if (!dossier::is(events[i].action, dossier::Action::request_supplement)) continue;
    const store::EventRec* got = nullptr;
    for (size_t j = i + 1; j < events.size() && !got; ++j) {
      if (dossier::is(events[j].action, dossier::Action::request_supplement)) break;
      if (dossier::is(events[j].action, dossier::Action::supplement_received)) got = &events[j];
    }
    if (!got) continue;
    json::object data = parse_doc(events[i].data);
    for (auto& item : strings(&data, "items"))
      out.push_back(docs::Component{item, "", 0, "Nhận bổ sung ngày " + day_month_year(got->at)});
  }
  return out;
}

// People on the control sheet: "Nguyễn Văn A — Chuyên viên", the member of staff's full name and
// the role they acted in (org::role_name_vi), looked up once per form.
class People {
 public:
  explicit People(sql::Connection& c) : c_(c) {}

  // `who`: an actor label ("staff:<username>", "system", ...) or a staff id (assignee).
  // `agency`, `role`: where the step was done and the role the process gives it; `at`: when.
  // The role printed is `role` when the person held it there that day, else another desk role
  // they held there, else none.
  Result<std::string> label(const std::string& who, const std::string& agency, org::Role role, Millis at) {
    if (who.empty()) return std::string();
    if (who == "system") return std::string("Hệ thống");
    if (who.rfind("citizen:", 0) == 0) return std::string("Công dân");
    MC_ASSIGN(const Person* p, find(who));
    if (!p) return who.rfind("staff:", 0) == 0 ? who.substr(6) : std::string();  // (staff are never deleted)
    std::string day = format_date(local_date(at));
    std::optional<org::Role> held;
    for (auto& g : p->grants) {
      if (g.agency_id != agency || g.valid_from > day || (!g.valid_to.empty() && day > g.valid_to)) continue;
      auto r = org::parse_role(g.role);
      if (!r || !org::acts_on_dossiers(*r)) continue;
      if (*r == role || !held) held = r;
    }
    return p->name + (held ? " — " + std::string(org::role_name_vi(*held)) : "");
  }

 private:
  struct Person {
    std::string name;
    std::vector<store::GrantRec> grants;
  };
  Result<const Person*> find(const std::string& who) {
    if (auto it = cache_.find(who); it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::optional<store::StaffRec> staff;
    if (who.rfind("staff:", 0) == 0) {
      MC_ASSIGN(staff, store::find_staff(c_, who.substr(6), false));
    } else {
      MC_ASSIGN(staff, store::find_staff(c_, who, true));
      if (!staff) {
        MC_ASSIGN(staff, store::find_staff(c_, who, false));
      }
    }
    std::optional<Person>& slot = cache_[who];
    if (staff) {
      slot = Person{staff->full_name.empty() ? staff->username : staff->full_name, {}};
      MC_ASSIGN(slot->grants, store::grants_of(c_, staff->id));
    }
    return slot ? &*slot : nullptr;
  }
  sql::Connection& c_;
  std::map<std::string, std::optional<Person>> cache_;
};

// The control sheet (form 06): every step of the procedure's internal process, in process order,
// named with the agency doing it when that is not the receiving agency (the sheet's issuer),
// each with its hand-over time, its deadline, who handed it over and who received it (name and
// role), and its outcome class; a step not reached yet prints with its name and blank cells. A
// step done more than once prints once per time, in time order; a recorded step the process does
// not have (none today) goes last.
//   giver: the applicant for the first step (the dossier is handed in at reception), else who
//          handed the dossier on (the step's handed_by), in the role of the step before;
//   receiver: the person the step was assigned to, else whoever closed it (the staff actor of the
//          history entry at the step's end), in the step's role; nobody yet: the role alone.
Result<std::vector<docs::StepRow>> control_sheet(sql::Connection& c, const std::vector<ProcessStep>& process,
                                                 const DossierView& v,
                                                 const std::map<std::string, std::string>& agency_names) {
  const store::DossierRec& d = v.dossier;
  auto agency_name = [&](const std::string& id) {
    auto it = agency_names.find(id);
    return it != agency_names.end() ? it->second : id;
  };
  // The sheet is the receiving agency's (its header names it): other agencies are named.
  auto at_agency = [&](const std::string& id) {
    return id == d.receiving_agency_id ? std::string() : " — " + agency_name(id);
  };
  auto position = [&](int64_t step) {
    for (size_t i = 0; i < process.size(); ++i)
      if (process[i].step == step) return i;
    return process.size();
  };
  std::vector<const store::StepRec*> recs;
  for (auto& s : v.steps) recs.push_back(&s);
  std::stable_sort(recs.begin(), recs.end(), [&](const store::StepRec* a, const store::StepRec* b) {
    size_t pa = position(a->step), pb = position(b->step);
    if (pa != pb) return pa < pb;
    if (a->started_at != b->started_at) return a->started_at < b->started_at;
    return a->id < b->id;
  });
  People people(c);
  std::vector<docs::StepRow> rows;
  size_t k = 0;
  for (size_t i = 0; i <= process.size(); ++i) {
    bool reached = false;
    for (; k < recs.size() && position(recs[k]->step) == i; ++k) {
      const store::StepRec& r = *recs[k];
      reached = true;
      org::Role role = i < process.size() ? process[i].role : org::parse_role(r.role).value_or(org::Role::specialist);
      docs::StepRow row;
      row.number = int(i < process.size() ? i + 1 : r.step);
      row.unit_name = r.name + at_agency(r.agency_id);
      row.at = r.started_at;
      row.due_at = r.due_at;
      if (i == 0) {
        row.giver = d.applicant_name + " — Người nộp hồ sơ";
      } else {
        const ProcessStep& before = process[std::min(i, process.size()) - 1];
        std::string before_agency = step_agency(before, d.receiving_agency_id, d.competent_agency_id);
        MC_ASSIGN(row.giver, people.label(r.handed_by, before_agency, before.role, r.started_at));
      }
      std::string receiver = r.assignee_id;
      if (receiver.empty() && r.finished_at != 0)
        for (auto& e : v.events)
          if (e.at == r.finished_at && e.actor.rfind("staff:", 0) == 0) receiver = e.actor;
      MC_ASSIGN(row.receiver, people.label(receiver, r.agency_id, role, r.started_at));
      if (row.receiver.empty()) row.receiver = std::string(org::role_name_vi(role));
      row.result = r.finished_at ? std::string(calendar::timeliness_vi(calendar::classify(r.finished_at, r.due_at)))
                                 : "Đang xử lý";
      row.note = r.note;
      rows.push_back(std::move(row));
    }
    if (!reached && i < process.size()) {
      docs::StepRow row;
      row.number = int(i + 1);
      row.unit_name = process[i].name + at_agency(step_agency(process[i], d.receiving_agency_id, d.competent_agency_id));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace

Result<std::string> FormsService::form_pdf(const Actor& a, const std::string& dossier_id, int number) {
  if (number < 1 || number > 6)
    return make_error(ErrorKind::not_found, "Chỉ có mẫu 01 đến 06 cho một hồ sơ (mẫu 07 là sổ theo dõi của cơ quan).");
  MC_ASSIGN(auto v, dossiers_.dossier(a, dossier_id));
  if (v.consulted_only)  // a consulted agency gives an opinion; the forms belong to the handling agencies
    return make_error(ErrorKind::forbidden, "Cơ quan được lấy ý kiến không in được biểu mẫu của hồ sơ.",
                      "consulted_agency");
  const auto& d = v.dossier;
  const DossierDetails details = parse_details(d.doc);
  json::object applicant = parse_doc(d.applicant_doc);
  auto conflict = [](const char* why) { return make_error(ErrorKind::conflict, why, "form_not_applicable"); };
  if ((number == 1 || number == 6) && d.received_at == 0) return conflict("Hồ sơ chưa được tiếp nhận nên chưa có mẫu này.");
  if (number == 2 && !details.supplement_request) return conflict("Hồ sơ chưa có yêu cầu bổ sung.");
  if (number == 3 && !details.refusal) return conflict("Hồ sơ không bị từ chối tiếp nhận.");
  if (number == 4 && !details.apology) return conflict("Hồ sơ chưa có văn bản xin lỗi, hẹn lại.");
  if (number == 5 && !details.stop) return conflict("Hồ sơ không bị dừng xử lý.");

  // Forms 01–03 and 06 are issued by the receiving desk; 04 and 05 by the deciding agency.
  const std::string& issuer_id = (number == 4 || number == 5) ? d.competent_agency_id : d.receiving_agency_id;
  MC_ASSIGN(auto issuer, catalogue_.agency(issuer_id));
  if (!issuer) return make_error(ErrorKind::internal, "Thiếu cơ quan của hồ sơ");
  docs::AgencyHeader head{"", issuer->name, "Quảng Ngãi"};
  if (!issuer->parent_id.empty()) {
    MC_ASSIGN(auto parent, catalogue_.agency(issuer->parent_id));
    if (parent) head.parent_name = parent->name;
  }

  docs::DossierForm f;
  f.code = d.code;
  f.procedure_name = v.procedure.name;
  f.applicant_name = d.applicant_name;
  f.applicant_id = d.applicant_id_number;
  f.applicant_address = address_line(applicant);
  f.applicant_phone = str(applicant, "phone");
  f.applicant_email = str(applicant, "email");
  f.receiving_unit = "Bộ phận Một cửa - " + issuer->name;
  // The officer who received it signs the receipt: history keeps "staff:<username>".
  std::string officer;
  for (auto& e : v.events)
    if (e.actor.rfind("staff:", 0) == 0 && (dossier::is(e.action, dossier::Action::receive) ||
                                           (dossier::is(e.action, dossier::Entry::intake) && officer.empty())))
      officer = e.actor.substr(6);
  if (!officer.empty()) {
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(auto staff, store::find_staff(c, officer, false));
      f.receiving_officer = staff ? staff->full_name : officer;
      return ok_status();
    }));
  }
  f.components = received_components(details, v.events);
  f.processing_time = time_limit_text(v.procedure);
  f.received_at = d.received_at ? d.received_at : d.submitted_at;
  f.due_at = d.original_due_at ? d.original_due_at : d.due_at;
  f.channel_label = channel_label(d.channel);
  f.return_place = f.receiving_unit;
  fill_fees(v.procedure, f);
  if (number == 2) f.items = details.supplement_request->items;
  if (number == 3) f.items = details.refusal->reasons;
  if (number == 5) f.items = details.stop->reasons;
  if (number == 4) {
    f.reason = details.apology->reason;
    f.new_due = d.due_at;
  }
  if (number == 6) {
    MC_ASSIGN(auto entry, catalogue_.procedure(d.procedure_id));
    std::vector<ProcessStep> process = entry ? entry->steps : process_of(v.procedure);
    std::map<std::string, std::string> agency_names;
    std::vector<std::string> ids;
    for (auto& s : process) ids.push_back(step_agency(s, d.receiving_agency_id, d.competent_agency_id));
    for (auto& s : v.steps) ids.push_back(s.agency_id);
    for (auto& id : ids) {
      if (agency_names.count(id)) continue;
      MC_ASSIGN(auto ag, catalogue_.agency(id));
      agency_names[id] = ag ? ag->name : id;
    }
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(f.steps, control_sheet(c, process, v, agency_names));
      return ok_status();
    }));
  }
  f.base_url = cfg_.public_url;
  f.tracking_key = dossier::tracking_key(d.id);  // the forms go to the applicant
  if (cfg_.training) f.watermark = kTrainingMark;
  f.issued_at = now_ms();
  return docs::render_form(number, head, f);
}

Result<std::string> FormsService::register_file(const Actor& a, const std::string& agency_id, Date from, Date to, bool xlsx) {
  int64_t days = days_from_civil(to) - days_from_civil(from) + 1;
  if (days <= 0 || days > 366)
    return make_error(ErrorKind::invalid, "Kỳ của sổ theo dõi phải từ 1 đến 366 ngày (from ≤ to).");
  if (!a.is_staff() || !org::may_read_register(a.reader(), agency_id))
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ của cơ quan mới xem được sổ theo dõi hồ sơ của cơ quan.");
  MC_ASSIGN(auto agency, catalogue_.agency(agency_id));
  if (!agency) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan.");
  std::vector<store::DossierRec> rows;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::register_rows(c, agency_id, local_instant(from, 0), local_instant(add_days(to, 1), 0), 20000));
    return ok_status();
  }));
  docs::RegisterForm form;
  form.agency = docs::AgencyHeader{"", agency->name, "Quảng Ngãi"};
  if (cfg_.training) form.watermark = kTrainingMark;
  if (!agency->parent_id.empty()) {
    MC_ASSIGN(auto parent, catalogue_.agency(agency->parent_id));
    if (parent) form.agency.parent_name = parent->name;
  }
  form.from = from;
  form.to = to;
  form.issued_at = now_ms();
  for (auto& d : rows) {
    MC_ASSIGN(auto p, catalogue_.procedure(d.procedure_id));
    json::object applicant = parse_doc(d.applicant_doc);
    docs::RegisterRow r;
    r.code = d.code;
    r.procedure_name = p ? p->rec.name : d.procedure_id;
    r.applicant_name = d.applicant_name;
    r.applicant_address = address_line(applicant);
    r.applicant_phone = str(applicant, "phone");
    r.received_at = d.received_at;
    r.due_at = d.original_due_at ? d.original_due_at : d.due_at;
    if (d.resolved_at) r.resolved_at = d.resolved_at;
    if (d.returned_at) r.returned_at = d.returned_at;
    r.note = calendar::parse_timeliness(d.timeliness) == calendar::Timeliness::late ? "Quá hạn" : "";
    form.rows.push_back(std::move(r));
  }
  return xlsx ? docs::render_register_xlsx(form) : docs::render_register_pdf(form);
}

Result<std::vector<store::AgencyRec>> FormsService::register_agencies(const Actor& a) {
  std::vector<store::AgencyRec> all, out;
  if (!a.is_staff()) return out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(all, store::list_agencies(c));
    return ok_status();
  }));
  const std::string today = format_date(local_date(now_ms()));
  const org::StaffReader reader = a.reader();
  for (auto& ag : all)
    if ((ag.valid_to.empty() || ag.valid_to >= today) && org::may_read_register(reader, ag.id)) out.push_back(ag);
  std::stable_sort(out.begin(), out.end(), [&](const store::AgencyRec& x, const store::AgencyRec& y) {
    bool xm = reader.works_at(x.id), ym = reader.works_at(y.id);
    return xm != ym ? xm : x.name < y.name;
  });
  return out;
}

}  // namespace motcua::app
