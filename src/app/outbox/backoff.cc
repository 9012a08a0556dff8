#include "app/outbox/backoff.h"

#include <algorithm>

namespace motcua::app::outbox_relay {

Millis next_delay(const RetryPolicy& p, int64_t failed, double u) {
  if (failed < 1) failed = 1;
  Millis d = std::max<Millis>(p.base, 1);
  for (int64_t i = 1; i < failed && d < p.cap; ++i) d *= 2;  // no overflow: stops at the cap
  d = std::min(d, std::max<Millis>(p.cap, 1));
  const double j = std::clamp(p.jitter, 0.0, 1.0);
  u = std::clamp(u, 0.0, 1.0);
  return Millis(double(d) * (1.0 - j * u));
}

Verdict after_failure(const RetryPolicy& p, int64_t failed, bool permanent) {
  if (permanent || failed >= p.max_attempts) return Verdict::park;
  return Verdict::retry;
}

}  // namespace motcua::app::outbox_relay
