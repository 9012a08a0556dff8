#include "store/staff_contact_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status set_staff_email(sql::Connection& c, const std::string& staff_id, const std::string& email, Millis now) {
  if (email.empty()) {
    Params p{txt(staff_id)};
    MC_TRY(c.exec("DELETE FROM staff_contacts WHERE staff_id = ?", p));
    return ok_status();
  }
  Params p{txt(staff_id), txt(email), num(now)};
  MC_TRY(c.exec("INSERT INTO staff_contacts (staff_id, email, updated_at) VALUES (?,?,?)"
                " ON CONFLICT (staff_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at",
                p));
  return ok_status();
}

Result<std::string> staff_email(sql::Connection& c, const std::string& staff_id) {
  Params p{txt(staff_id)};
  MC_ASSIGN(auto rows, c.query("SELECT email FROM staff_contacts WHERE staff_id = ?", p));
  return rows.empty() ? std::string() : rows[0].text(0);
}

Result<std::map<std::string, std::string>> staff_emails(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT staff_id, email FROM staff_contacts"));
  std::map<std::string, std::string> out;
  for (auto& r : rows) out[r.text(0)] = r.text(1);
  return out;
}

Result<std::vector<StaffAddressRec>> staff_addresses_holding(sql::Connection& c, const std::string& agency_id,
                                                             const std::string& role, const std::string& day) {
  Params p{txt(agency_id), txt(role), txt(day), txt(day)};
  MC_ASSIGN(auto rows, c.query("SELECT s.id, s.full_name, k.email FROM staff s JOIN staff_contacts k ON k.staff_id = s.id"
                               " WHERE s.active <> 0 AND s.id IN"
                               " (SELECT staff_id FROM role_grants WHERE agency_id = ? AND role = ? AND valid_from <= ?"
                               " AND (valid_to IS NULL OR valid_to = '' OR valid_to >= ?))"
                               " ORDER BY s.full_name, s.id", p));
  std::vector<StaffAddressRec> out;
  for (auto& r : rows) out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

Result<StaffAddressRec> staff_address(sql::Connection& c, const std::string& staff_id) {
  Params p{txt(staff_id)};
  MC_ASSIGN(auto rows, c.query("SELECT s.id, s.full_name, COALESCE(k.email, '') FROM staff s"
                               " LEFT JOIN staff_contacts k ON k.staff_id = s.id WHERE s.id = ? AND s.active <> 0", p));
  if (rows.empty()) return StaffAddressRec{staff_id, "", ""};
  return StaffAddressRec{rows[0].text(0), rows[0].text(1), rows[0].text(2)};
}

}  // namespace motcua::store
