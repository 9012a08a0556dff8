// Token buckets per client (an address, an account): a burst at once, then a steady rate.
// Guards what a client could otherwise walk or flood for free: the public lookup by code,
// online filing. In memory, per process: a limit that a restart resets is still a limit.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/time.h"

namespace motcua::http {

class RateLimiter {
 public:
  // `burst` tokens when full, refilled at `per_minute`; at most `max_keys` clients remembered
  // (past it, the buckets that have refilled completely are forgotten first).
  RateLimiter(int burst, int per_minute, size_t max_keys = 100'000);
  // Takes `cost` tokens from `key`'s bucket at `now`: 0 when taken, else the whole seconds
  // after which they would be there (for Retry-After; nothing is taken then). A cost above
  // the burst costs the whole burst.
  int64_t take(std::string_view key, int cost, Millis now);
  // Returns tokens taken for a request that turned out to cost less.
  void give_back(std::string_view key, int tokens, Millis now);

 private:
  struct Bucket {
    double tokens;
    Millis at;
  };
  void refill(Bucket& b, Millis now) const;
  void forget_full(Millis now);
  const double burst_, per_ms_;
  const size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace motcua::http
