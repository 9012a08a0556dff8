// Staff roles (granted per agency and per time span, DOMAIN.md §2) and which dossier actions each
// may perform. Role grants, agency scope and assignment are the app's business; this is only the
// static table.
//
//   action               reception specialist head leader clerk   admins/monitor
//   submit (intake)          x                                       -
//   receive                  x                                       -
//   request_supplement       x(1)     x(2)     x(2)                  -
//   refuse                   x                                       -
//   start_processing                  x        x                     -
//   handover                          x        x     x      x        -
//   supplement_received      x        x        x                     -
//   request_payment                   x        x                     -
//   payment_received                  x        x                     -
//   apologise                         x        x     x               -
//   stop                              x        x     x               -
//   withdraw (records the applicant's request)  x                    -
//   resolve_granted                                  x               -
//   resolve_refused                                  x               -
//   return_result            x                              x        -
// (1) reception stage only, (2) processing stage only — see the stage-aware overload.
// unit_admin, province_admin and province_monitor act on no dossier.
// A specialist's `stop` is the proposal the app records; the decision is the dossier transition.
// The decision on the dossier (granted or refused) is the leader's alone (policy.h adds the
// step and agency rules on top of this table).
#pragma once
#include <optional>
#include <string_view>

#include "domain/dossier/transitions.h"

namespace motcua::org {

enum class Role {
  reception,        // Tiếp nhận và trả kết quả
  specialist,       // Chuyên viên
  head,             // Trưởng phòng
  leader,           // Lãnh đạo cơ quan
  clerk,            // Văn thư
  unit_admin,       // Quản trị đơn vị
  province_admin,   // Quản trị tỉnh
  province_monitor, // Theo dõi cấp tỉnh
};
inline constexpr int kRoleCount = 8;

std::string_view to_string(Role);  // snake_case id, exactly the enumerator name
std::optional<Role> parse_role(std::string_view);
std::string_view role_name_vi(Role);  // sentence case, e.g. "Lãnh đạo cơ quan"

// Province-wide roles: they read every agency's dossiers and reports, and act on none.
bool is_province_role(Role);
// Roles of the desk: they receive, handle, decide or return dossiers (the process steps' roles).
bool acts_on_dossiers(Role);
// Roles that give an agency's opinion when it is consulted (lấy ý kiến).
bool gives_opinion(Role);

// The table above, stage-blind: request_supplement is allowed to reception, specialist and head.
bool role_may(Role, dossier::Action);
// Stage-aware: `processing_stage` = the dossier has been received (Facts::received_before).
// request_supplement: reception only at the reception stage; specialist/head only at processing.
bool role_may(Role, dossier::Action, bool processing_stage);

}  // namespace motcua::org
