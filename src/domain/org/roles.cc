#include "domain/org/roles.h"

#include <array>

namespace motcua::org {
namespace {

struct RoleInfo {
  std::string_view id;
  std::string_view name_vi;
};

constexpr std::array<RoleInfo, kRoleCount> kRoleInfo = {{
    {"reception", "Tiếp nhận và trả kết quả"},
    {"specialist", "Chuyên viên"},
    {"head", "Trưởng phòng"},
    {"leader", "Lãnh đạo cơ quan"},
    {"clerk", "Văn thư"},
    {"unit_admin", "Quản trị đơn vị"},
    {"province_admin", "Quản trị tỉnh"},
    {"province_monitor", "Theo dõi cấp tỉnh"},
}};

using dossier::Action;

bool specialist_may(Action a) {
  switch (a) {
    case Action::start_processing:
    case Action::handover:
    case Action::request_supplement:
    case Action::request_payment:
    case Action::payment_received:
    case Action::supplement_received:
    case Action::apologise:
    case Action::stop:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view to_string(Role r) { return kRoleInfo[static_cast<size_t>(r)].id; }

std::optional<Role> parse_role(std::string_view id) {
  for (size_t i = 0; i < kRoleInfo.size(); ++i)
    if (kRoleInfo[i].id == id) return static_cast<Role>(i);
  return std::nullopt;
}

std::string_view role_name_vi(Role r) { return kRoleInfo[static_cast<size_t>(r)].name_vi; }

bool is_province_role(Role r) { return r == Role::province_admin || r == Role::province_monitor; }

bool acts_on_dossiers(Role r) {
  return r == Role::reception || r == Role::specialist || r == Role::head || r == Role::leader || r == Role::clerk;
}

bool gives_opinion(Role r) { return r == Role::specialist || r == Role::head || r == Role::leader; }

bool role_may(Role r, Action a) {
  switch (r) {
    case Role::reception:
      switch (a) {
        case Action::submit:  // counter/post intake
        case Action::receive:
        case Action::request_supplement:
        case Action::refuse:
        case Action::return_result:
        case Action::withdraw:  // records the applicant's request
        case Action::supplement_received:
          return true;
        default:
          return false;
      }
    case Role::specialist:
    case Role::head:
      return specialist_may(a);
    case Role::leader:
      return a == Action::resolve_granted || a == Action::resolve_refused || a == Action::stop ||
             a == Action::apologise || a == Action::handover;
    case Role::clerk:
      return a == Action::handover || a == Action::return_result;
    case Role::unit_admin:
    case Role::province_admin:
    case Role::province_monitor:
      return false;
  }
  return false;
}

bool role_may(Role r, Action a, bool processing_stage) {
  if (a == Action::request_supplement) {
    if (r == Role::reception) return !processing_stage;
    if (r == Role::specialist || r == Role::head) return processing_stage;
  }
  return role_may(r, a);
}

}  // namespace motcua::org
