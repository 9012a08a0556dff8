#include "app/dossier/policy.h"

#include "app/dossier/support.h"

namespace motcua::app::detail {

using dossier::Action;

org::DossierScope agencies_of(const store::DossierRec& d) {
  org::DossierScope s;
  s.receiving_agency_id = d.receiving_agency_id;
  s.competent_agency_id = d.competent_agency_id;
  s.processing_stage = d.received_at != 0;
  return s;
}

org::DossierScope scope_of(const store::DossierRec& d, const std::vector<store::StepRec>& control_sheet,
                           const std::vector<ProcessStep>& process) {
  org::DossierScope s = agencies_of(d);
  s.process_has_leader_step = has_leader_step(process);
  // The open step is the last one not finished (steps are opened one at a time).
  for (auto it = control_sheet.rbegin(); it != control_sheet.rend(); ++it) {
    if (it->finished_at != 0) continue;
    if (auto role = org::parse_role(it->role)) s.open_step = org::OpenStep{*role, it->agency_id, it->assignee_id};
    break;
  }
  return s;
}

dossier::Facts facts_of(const store::DossierRec& d, const calendar::Calendar& cal, Millis now) {
  dossier::Facts f;
  f.state = dossier::parse_state(d.state).value_or(dossier::State::draft);
  f.channel = dossier::channel_from_code(int(d.channel)).value_or(dossier::Channel::counter);
  f.received_before = d.received_at != 0;
  f.reception_supplement_used = d.flags & store::kReceptionSupplementUsed;
  f.processing_supplement_used = d.flags & store::kProcessingSupplementUsed;
  f.apology_used = d.flags & store::kApologyUsed;
  f.working_minutes_until_due = d.due_at ? minutes_until(cal, now, d.due_at) : 0;
  f.minutes_per_working_day = cal.hours().minutes_per_day();
  return f;
}

Status authorise_action(const Actor& a, const store::DossierRec& d, const org::DossierScope& scope, Action act) {
  if (a.is_citizen()) {
    if (d.owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    if (act == Action::withdraw || act == Action::supplement_received || act == Action::submit) return ok_status();
    return make_error(ErrorKind::forbidden, "Công dân không thực hiện được thao tác này trên hồ sơ.");
  }
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  return org::may_act(a.reader(), scope, act);
}

std::vector<Action> allowed_actions(const Actor& a, const store::DossierRec& d, const org::DossierScope& scope,
                                    const dossier::Facts& facts) {
  std::vector<Action> out;
  dossier::Facts f = facts;
  f.result_ready = true;
  for (int i = 0; i < dossier::kActionCount; ++i) {
    auto act = static_cast<Action>(i);
    if (act == Action::submit && a.is_staff()) continue;  // staff intake is its own use case
    if (!authorise_action(a, d, scope, act).ok()) continue;
    if (!dossier::decide(f, act).ok()) continue;
    out.push_back(act);
  }
  return out;
}

std::optional<ProcessStep> target_step(Action act, const store::DossierRec& d, const std::vector<ProcessStep>& process) {
  // current_step is the 1-based number of the open step in the process.
  size_t index = act == Action::start_processing ? size_t(d.current_step)
                 : act == Action::handover       ? size_t(d.current_step) + 1
                                                 : 0;
  if (index < 1 || index > process.size()) return std::nullopt;
  return process[index - 1];
}

}  // namespace motcua::app::detail
