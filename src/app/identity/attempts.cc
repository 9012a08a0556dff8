#include "app/identity/attempts.h"

#include <algorithm>

#include "store/repo.h"

namespace motcua::app {

Status reserve_attempt(sql::Connection& c, const std::string& key, const AttemptRule& rule, Millis now) {
  MC_ASSIGN(auto t, store::lock_throttle(c, key));
  if (t.locked_until > now) {
    // `now` was read before this transaction waited for the one that set the lock.
    Millis left = std::min(t.locked_until - now, rule.lock);
    Error e = make_error(ErrorKind::too_many,
                         std::string(rule.locked_detail) + " Vui lòng thử lại sau " +
                             std::to_string(left / kMinute + 1) + " phút.",
                         rule.code);
    e.retry_after_s = (left + 999) / 1000;
    return e;
  }
  if (now - t.window_start > rule.window) t = store::Throttle{0, now, 0};
  if (++t.failures >= rule.limit) t.locked_until = now + rule.lock;
  return store::put_throttle(c, key, t);
}

Status clear_attempts(sql::Connection& c, const std::string& key) {
  return store::put_throttle(c, key, store::Throttle{});
}

Status return_attempt(sql::Connection& c, const std::string& key, const AttemptRule& rule) {
  MC_ASSIGN(auto t, store::lock_throttle(c, key));
  if (t.failures <= 0) return ok_status();
  if (--t.failures < rule.limit) t.locked_until = 0;
  return store::put_throttle(c, key, t);
}

}  // namespace motcua::app
