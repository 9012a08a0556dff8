// When a failed outbox row is tried again, and when the relay gives up on it (parks it).
// Pure arithmetic: the random draw is handed in, so tests pin it.
#pragma once
#include <cstdint>

#include "common/time.h"

namespace motcua::app::outbox_relay {

struct RetryPolicy {
  Millis base = 30'000;      // delay after the first failure
  Millis cap = 3'600'000;    // no delay beyond this
  int max_attempts = 10;     // the row is parked when this many attempts have failed
  double jitter = 0.5;       // fraction of the delay drawn at random (0 = none, 1 = "full jitter")
};

// The delay before the next attempt after `failed` (≥ 1) failed attempts: base·2^(failed−1),
// capped at `cap`, of which the last `jitter` fraction is scaled by `u` ∈ [0, 1): the result lies
// in [d·(1 − jitter), d]. Several processes retrying the same remote so spread their calls.
Millis next_delay(const RetryPolicy& p, int64_t failed, double u);

enum class Verdict { retry, park };
// After an attempt failed: `failed` attempts have now failed; a permanent failure (the remote
// refused the content itself) is parked at once.
Verdict after_failure(const RetryPolicy& p, int64_t failed, bool permanent);

}  // namespace motcua::app::outbox_relay
