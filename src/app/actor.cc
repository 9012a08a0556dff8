#include "app/actor.h"

namespace motcua::app {

std::string Actor::label() const {
  switch (kind) {
    case Kind::staff: return "staff:" + username;
    case Kind::citizen: return "citizen:" + id;
    case Kind::system: return "system";
    default: return "anonymous";
  }
}

bool Actor::has_role_at(const std::string& agency_id, org::Role role) const {
  for (auto& g : grants)
    if (g.agency_id == agency_id && g.role == role) return true;
  return false;
}

bool Actor::has_role(org::Role role) const {
  for (auto& g : grants)
    if (g.role == role) return true;
  return false;
}

bool Actor::works_at(const std::string& agency_id) const {
  for (auto& g : grants)
    if (g.agency_id == agency_id) return true;
  return false;
}

std::vector<org::RoleAt> current_grants(const std::vector<store::GrantRec>& all, const std::string& today) {
  std::vector<org::RoleAt> out;
  for (auto& g : all) {
    if (g.valid_from > today || (!g.valid_to.empty() && today > g.valid_to)) continue;
    if (auto role = org::parse_role(g.role)) out.push_back(org::RoleAt{g.agency_id, *role});
  }
  return out;
}

}  // namespace motcua::app
