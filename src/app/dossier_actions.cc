// Every step of the lifecycle after intake: one use case, the state machine in src/domain decides.
#include <boost/json.hpp>

#include "app/app.h"
#include "app/dossier_support.h"
#include "domain/org/roles.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;
using dossier::Action;

namespace {

bool stage_is_processing(const store::DossierRec& d) { return d.received_at != 0; }

// Staff may act when one of their roles at the dossier's receiving or competent agency allows it.
Status authorise_action(const Actor& a, const store::DossierRec& d, Action act) {
  if (a.is_citizen()) {
    if (d.owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    if (act == Action::withdraw || act == Action::supplement_received || act == Action::submit) return ok_status();
    return make_error(ErrorKind::forbidden, "Công dân không thực hiện được thao tác này trên hồ sơ.");
  }
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  bool at_agency = false;
  for (auto& g : a.grants) {
    if (g.agency_id != d.receiving_agency_id && g.agency_id != d.competent_agency_id) continue;
    at_agency = true;
    auto role = org::parse_role(g.role);
    if (role && org::role_may(*role, act, stage_is_processing(d))) return ok_status();
  }
  if (!at_agency) return make_error(ErrorKind::forbidden, "Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
  return make_error(ErrorKind::forbidden, "Vai trò của bạn không được thực hiện thao tác «" +
                                              std::string(dossier::action_label_vi(act)) + "».", "role_not_allowed");
}

Status need(bool ok, const char* field, const char* detail) {
  if (ok) return ok_status();
  Error e = make_error(ErrorKind::invalid, detail, "missing_field");
  e.fields.push_back({field, detail});
  return e;
}

json::array to_array(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.push_back(json::string(s));
  return a;
}

}  // namespace

Result<DossierView> App::act(const Actor& a, const std::string& dossier_id, const ActionInput& in) {
  auto action = dossier::parse_action(in.action);
  if (!action) {
    Error e = make_error(ErrorKind::invalid, "Thao tác không hợp lệ: " + in.action, "unknown_action");
    e.fields.push_back({"action", "Không có thao tác này"});
    return e;
  }
  Millis now = now_ms();
  auto cal = calendar();
  MC_TRY(db_->write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto found, store::get_dossier(c, dossier_id));
    if (!found) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    store::DossierRec d = *found;
    MC_TRY(authorise_action(a, d, *action));
    if (in.expected_version != 0 && in.expected_version != d.version)
      return make_error(ErrorKind::conflict,
                        "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác.", "stale");
    auto state = dossier::parse_state(d.state);
    if (!state) return make_error(ErrorKind::internal, "Trạng thái hồ sơ không hợp lệ");
    dossier::Facts f;
    f.state = *state;
    f.channel = dossier::Channel(d.channel);
    f.received_before = d.received_at != 0;
    f.reception_supplement_used = d.flags & store::kReceptionSupplementUsed;
    f.processing_supplement_used = d.flags & store::kProcessingSupplementUsed;
    f.apology_used = d.flags & store::kApologyUsed;
    f.working_minutes_until_due = d.due_at ? minutes_until(*cal, now, d.due_at) : 0;
    f.minutes_per_working_day = cal->hours().minutes_per_day();
    f.result_ready = true;  // the resolve request itself carries the decision (result or refusal)
    MC_ASSIGN(auto t, dossier::decide(f, *action));

    json::object doc = parse_doc(d.doc);
    json::object data;
    MC_ASSIGN(auto proc, catalogue_->procedure(d.procedure_id));
    if (!proc) return make_error(ErrorKind::internal, "Thiếu thủ tục của hồ sơ");
    const auto& steps = proc->steps;

    switch (*action) {
      case Action::request_supplement:
        MC_TRY(need(!in.items.empty(), "items", "Phải liệt kê đầy đủ các giấy tờ cần bổ sung"));
        data["items"] = to_array(in.items);
        doc["supplement_request"] = json::object{{"at", now}, {"items", to_array(in.items)},
                                                 {"stage", stage_is_processing(d) ? "processing" : "reception"}};
        break;
      case Action::refuse:
      case Action::stop:
      case Action::resolve_refused:
        MC_TRY(need(!in.items.empty(), "items", "Phải nêu rõ lý do"));
        data["reasons"] = to_array(in.items);
        doc[*action == Action::refuse ? "refusal" : *action == Action::stop ? "stop" : "resolution"] =
            json::object{{"at", now}, {"reasons", to_array(in.items)}};
        break;
      case Action::apologise: {
        MC_TRY(need(!in.note.empty(), "note", "Phải nêu lý do chậm trễ"));
        MC_TRY(need(in.new_due > d.due_at, "new_due", "Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại"));
        data["new_due"] = in.new_due;
        doc["apology"] = json::object{{"at", now}, {"reason", in.note}, {"old_due", d.due_at}, {"new_due", in.new_due}};
        if (d.original_due_at == 0) d.original_due_at = d.due_at;
        d.due_at = in.new_due;
        break;
      }
      case Action::return_result:
        MC_TRY(need(in.return_method == "counter" || in.return_method == "post" || in.return_method == "electronic",
                    "return_method", "Hình thức trả kết quả phải là counter, post hoặc electronic"));
        MC_TRY(need(in.return_method == "electronic" || !in.received_by.empty(), "received_by",
                    "Phải ghi người nhận kết quả"));
        doc["return"] = json::object{{"at", now}, {"method", in.return_method}, {"received_by", in.received_by}};
        d.returned_at = now;
        break;
      default:
        break;
    }

    if (t.starts_clock) {
      MC_TRY(start_clock(d, *proc, *cal, now, data));
      MC_TRY(write_reception_steps(c, *cal, d, *proc, a, now));
    }
    if (t.pauses_clock && d.paused_at == 0) d.paused_at = now;
    if (t.resumes_clock && d.paused_at != 0) {
      if (d.due_at) d.due_at = cal->extend_for_pause(d.due_at, d.paused_at, now);
      data["paused_from"] = d.paused_at;
      d.paused_at = 0;
    }
    if (*action == Action::start_processing && !in.assignee_id.empty()) data["assignee"] = in.assignee_id;
    if (*action == Action::handover) {
      MC_TRY(close_open_step(c, d.id, now));
      size_t next = size_t(d.current_step) + 1;
      MC_TRY(open_step(c, *cal, d, steps, next, a, in.assignee_id, now));
      if (next <= steps.size()) d.current_step = int64_t(next);
      data["step"] = d.current_step;
    }
    if (t.ends_clock) {
      MC_TRY(close_open_step(c, d.id, now));
      if (*action == Action::resolve_granted || *action == Action::resolve_refused) {
        d.resolved_at = now;
        d.flags |= store::kResultReady;
        d.resolution = t.granted ? "granted" : "refused";
        // Late stays late: the class is taken against the first appointment, not an apology's.
        Millis due = d.original_due_at ? d.original_due_at : d.due_at;
        if (due) d.timeliness = std::string(calendar::to_string(calendar::classify(now, due)));
      }
    }
    if (t.uses_reception_supplement) d.flags |= store::kReceptionSupplementUsed;
    if (t.uses_processing_supplement) d.flags |= store::kProcessingSupplementUsed;
    if (t.uses_apology) d.flags |= store::kApologyUsed;

    std::string from = d.state;
    d.state = std::string(dossier::to_string(t.to));
    d.doc = json::serialize(doc);
    d.updated_at = now;
    d.version += 1;
    MC_TRY(store::update_dossier(c, d));
    return record_change(c, d, ChangeRecord{&a, in.action, from, in.note, data}, now);
  }));
  return dossier(a, dossier_id);
}

}  // namespace motcua::app
