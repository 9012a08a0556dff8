#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace motcua::http {

RateLimiter::RateLimiter(int burst, int per_minute, size_t max_keys)
    : burst_(std::max(1, burst)), per_ms_(std::max(1, per_minute) / 60'000.0), max_keys_(std::max<size_t>(1, max_keys)) {}

void RateLimiter::refill(Bucket& b, Millis now) const {
  if (now > b.at) b.tokens = std::min(burst_, b.tokens + double(now - b.at) * per_ms_);
  b.at = std::max(b.at, now);
}

void RateLimiter::forget_full(Millis now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
  // Everyone is busy: forget arbitrary ones rather than grow without bound.
  while (buckets_.size() >= max_keys_) buckets_.erase(buckets_.begin());
}

int64_t RateLimiter::take(std::string_view key, int cost, Millis now) {
  std::lock_guard lk(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) forget_full(now);
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  refill(b, now);
  const double need = std::min<double>(cost, burst_);
  if (b.tokens >= need) {
    b.tokens -= need;
    return 0;
  }
  double wait_ms = (need - b.tokens) / per_ms_;
  return std::max<int64_t>(1, int64_t(std::ceil(wait_ms / 1000.0)));
}

void RateLimiter::give_back(std::string_view key, int tokens, Millis now) {
  std::lock_guard lk(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return;
  refill(it->second, now);
  it->second.tokens = std::min(burst_, it->second.tokens + tokens);
}

}  // namespace motcua::http
