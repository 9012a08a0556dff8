// Guessing a secret (a password at login or at a password change) is throttled per key: the
// account and the client address. An attempt is counted BEFORE the secret is checked, in one
// write transaction with the check of the limit, so parallel guesses cannot all slip past it:
// the count is what was tried, and a good attempt then clears (account) or gives back
// (address) what it reserved.
#pragma once
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::app {

struct AttemptRule {
  int64_t limit;        // attempts per window; the limit-th one still runs, then the key locks
  Millis window, lock;  // counting window; how long a locked key stays locked
  const char* locked_detail;  // Vietnamese, followed by " Vui lòng thử lại sau N phút."
  const char* code;           // problem type, e.g. "login_throttled"
};

// Counts one attempt on `key` in c's write transaction, or answers 429 (with Retry-After) when
// the key is locked. The transaction must commit for the count to hold, even if the attempt
// then fails.
Status reserve_attempt(sql::Connection& c, const std::string& key, const AttemptRule& rule, Millis now);
// After a good attempt: the key's count is cleared (an account: its owner is back).
Status clear_attempts(sql::Connection& c, const std::string& key);
// After a good attempt: the attempt reserved on `key` is given back (an address shared by many
// honest people, e.g. an office behind one NAT, must not lock from their good logins), and a
// lock that this very attempt set is lifted.
Status return_attempt(sql::Connection& c, const std::string& key, const AttemptRule& rule);

}  // namespace motcua::app
