#include "domain/org/feedback_policy.h"

#include <algorithm>

namespace motcua::org {
using feedback::Action;

namespace {

bool province_wide(const StaffReader& r) {
  return std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return is_province_role(g.role); });
}

bool holds_any(const StaffReader& r, const std::string& agency, std::initializer_list<Role> roles) {
  for (Role role : roles)
    if (r.holds(agency, role)) return true;
  return false;
}

}  // namespace

bool may_take_calls(const StaffReader& r) {
  return r.holds_anywhere(Role::reception) || r.holds_anywhere(Role::specialist) || r.holds_anywhere(Role::head);
}

bool may_read_case(const StaffReader& r, const CaseScope& c) {
  auto desk = [&](const std::string& agency) {
    return !agency.empty() &&
           holds_any(r, agency, {Role::reception, Role::specialist, Role::head, Role::leader, Role::clerk});
  };
  return province_wide(r) || desk(c.agency_id) || desk(c.escalated_to);
}

Status may_act_on_case(const StaffReader& r, const CaseScope& c, Action a) {
  if (!holds_any(r, c.agency_id, {Role::reception, Role::specialist, Role::head, Role::leader}))
    return make_error(ErrorKind::forbidden, "Phản ánh, kiến nghị không thuộc cơ quan của bạn.", "not_your_agency");
  const bool manager = holds_any(r, c.agency_id, {Role::head, Role::leader});
  switch (a) {
    case Action::refuse:
    case Action::classify:
    case Action::transfer:
      return ok_status();
    case Action::assign:
      if (manager) return ok_status();
      return make_error(ErrorKind::forbidden, "Chỉ trưởng phòng hoặc lãnh đạo cơ quan giao xử lý phản ánh, kiến nghị.",
                        "role_not_allowed");
    case Action::answer:
    case Action::publish:
    case Action::close:
      if (manager || (!c.assignee_id.empty() && c.assignee_id == r.staff_id)) return ok_status();
      return make_error(ErrorKind::forbidden, "Phản ánh, kiến nghị này được giao cho người khác xử lý.", "not_your_case");
    case Action::rate:
    case Action::reopen:
    case Action::remind:
    case Action::escalate:
      break;
  }
  return make_error(ErrorKind::forbidden, "Cán bộ không thực hiện thao tác này.", "role_not_allowed");
}

bool may_read_feedback_figures(const StaffReader& r, const std::string& agency_id) {
  if (province_wide(r)) return true;
  return !agency_id.empty() && holds_any(r, agency_id, {Role::head, Role::leader});
}

bool may_read_some_feedback_figures(const StaffReader& r) {
  return province_wide(r) || r.holds_anywhere(Role::head) || r.holds_anywhere(Role::leader);
}

DeadlineAddressees reminder_addressees(const CaseScope& c) {
  if (!c.assignee_id.empty()) return {c.assignee_id, Role::specialist, c.agency_id};
  return {"", Role::head, c.agency_id};
}

DeadlineAddressees escalation_addressees(const CaseScope& c, const std::string& superior) {
  return {"", Role::leader, superior.empty() ? c.agency_id : superior};
}

}  // namespace motcua::org
