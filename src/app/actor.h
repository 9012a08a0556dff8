// Who is acting: resolved from the session on every request, checked by every use case.
#pragma once
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/org/policy.h"
#include "store/records.h"

namespace motcua::app {

struct Actor {
  enum class Kind { anonymous, staff, citizen, system };
  Kind kind = Kind::anonymous;
  std::string id;           // staff id, citizen personal id, or "system"
  std::string username;     // staff
  std::string full_name;
  std::vector<org::RoleAt> grants;  // staff: the roles granted valid today, typed
  // Citizen: how the session was opened ("vneid", "dev") and the identity assurance level the
  // provider asserted (0 = none: the development login; 1, 2: VNeID levels; migration 015).
  std::string login_method;
  int assurance = 0;

  bool is_staff() const { return kind == Kind::staff; }
  bool is_citizen() const { return kind == Kind::citizen; }
  // "staff:<username>", "citizen:<id>", "system" — written to history and audit.
  std::string label() const;
  bool has_role_at(const std::string& agency_id, org::Role role) const;
  bool has_role(org::Role role) const;
  bool works_at(const std::string& agency_id) const;
  // The member of staff as the authorisation policy (domain/org/policy.h) sees them.
  org::StaffReader reader() const { return org::StaffReader{id, grants}; }
};

// Grants valid on `today` (YYYY-MM-DD inclusive bounds), typed; a role the domain does not know
// (a newer version's grant read by an older binary) gives no right and is left out.
std::vector<org::RoleAt> current_grants(const std::vector<store::GrantRec>& all, const std::string& today);

}  // namespace motcua::app
