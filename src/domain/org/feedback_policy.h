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

// The hotline desk: a reception, specialist or head role anywhere.
bool may_take_calls(const StaffReader& r);
bool may_read_case(const StaffReader& r, const CaseScope& c);
// ok, or forbidden with code "not_your_agency" / "role_not_allowed" / "not_your_case".
Status may_act_on_case(const StaffReader& r, const CaseScope& c, feedback::Action a);
// The satisfaction figures of an agency ("" = the whole province: province roles only).
bool may_read_feedback_figures(const StaffReader& r, const std::string& agency_id);

}  // namespace motcua::org
