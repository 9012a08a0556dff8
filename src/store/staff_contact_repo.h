// Staff contact addresses (migration 028): one e-mail per account, set by administrators and by
// the seed; read by the feedback deadline watch.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

// Sets (or, with `email` empty, removes) the account's address.
Status set_staff_email(sql::Connection& c, const std::string& staff_id, const std::string& email, Millis now);
// "" when none.
Result<std::string> staff_email(sql::Connection& c, const std::string& staff_id);
// Every address, by staff id (administrators' lists).
Result<std::map<std::string, std::string>> staff_emails(sql::Connection& c);

struct StaffAddressRec {
  std::string staff_id, full_name, email;
};
// Active holders of `role` at `agency_id` on the local date `day` (YYYY-MM-DD) who have an
// address, by full name.
Result<std::vector<StaffAddressRec>> staff_addresses_holding(sql::Connection& c, const std::string& agency_id,
                                                             const std::string& role, const std::string& day);
// One active account's address ("" email when it has none or is locked).
Result<StaffAddressRec> staff_address(sql::Connection& c, const std::string& staff_id);

}  // namespace motcua::store
