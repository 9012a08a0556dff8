// Who is acting: resolved from the session on every request, checked by every use case.
#pragma once
#include <string>
#include <vector>

#include "common/time.h"
#include "store/records.h"

namespace motcua::app {

struct Actor {
  enum class Kind { anonymous, staff, citizen, system };
  Kind kind = Kind::anonymous;
  std::string id;           // staff id, citizen personal id, or "system"
  std::string username;     // staff
  std::string full_name;
  std::vector<store::GrantRec> grants;  // staff grants valid today

  bool is_staff() const { return kind == Kind::staff; }
  bool is_citizen() const { return kind == Kind::citizen; }
  // "staff:<username>", "citizen:<id>", "system" — written to history and audit.
  std::string label() const;
  bool has_role_at(const std::string& agency_id, const std::string& role) const;
  bool has_role(const std::string& role) const;
  bool works_at(const std::string& agency_id) const;
};

// Grants valid on `today` (YYYY-MM-DD inclusive bounds).
std::vector<store::GrantRec> current_grants(const std::vector<store::GrantRec>& all, const std::string& today);

}  // namespace motcua::app
