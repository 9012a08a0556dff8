// Who may do what with feedback cases (phản ánh, kiến nghị): part of the one policy of the desk
// (policy.h), over the same roles. Pure.
//
//   action            reception specialist head leader   province roles
//   take a call           x        x        x                 -
//   read a case           x        x        x    x  (clerk too)  read all
//   refuse / classify / transfer
//                         x        x        x    x            -
//   assign                                  x    x            -
//   answer / publish / close
//                               assignee    x    x            -
//   leaders' figures                        x    x            x
// At the case's handling agency; the superior agency a late case was escalated to reads it.
#pragma once
#include <string>

#include "common/result.h"
#include "domain/feedback/case.h"
#include "domain/org/policy.h"

namespace motcua::org {

struct CaseScope {
  std::string agency_id;     // the agency handling the case now
  std::string escalated_to;  // the superior agency told of a late case ("" = none)
  std::string assignee_id;   // the official the case was given to ("" = none)
};

// Who a case may be given to (assign): a specialist, head or leader of the handling agency.
inline constexpr Role kCaseAssigneeRoles[] = {Role::specialist, Role::head, Role::leader};

// The hotline desk: a reception, specialist or head role anywhere.
bool may_take_calls(const StaffReader& r);
bool may_read_case(const StaffReader& r, const CaseScope& c);
// ok, or forbidden with code "not_your_agency" / "role_not_allowed" / "not_your_case".
Status may_act_on_case(const StaffReader& r, const CaseScope& c, feedback::Action a);
// The satisfaction figures of an agency ("" = the whole province: province roles only).
bool may_read_feedback_figures(const StaffReader& r, const std::string& agency_id);
// The leaders' figures page in the staff app: a head or leader anywhere (their agency's
// figures), or a province role (every agency's).
bool may_read_some_feedback_figures(const StaffReader& r);

// Who the deadline watch writes to (by e-mail, at the staff member's contact address):
//  - before the due instant (remind): the official the case was given to; while nobody is, the
//    heads of the handling agency, who assign it;
//  - after it (escalate): the leaders of the superior agency (the parent in the organisation,
//    `escalated_to`); an agency with no superior (the provincial committee) — its own leaders.
struct DeadlineAddressees {
  std::string staff_id;   // one named official, or "" = every holder of `role` at `agency_id`
  Role role = Role::head;
  std::string agency_id;
};
DeadlineAddressees reminder_addressees(const CaseScope& c);
// `superior` is the parent of the handling agency ("" when it has none).
DeadlineAddressees escalation_addressees(const CaseScope& c, const std::string& superior);

}  // namespace motcua::org
