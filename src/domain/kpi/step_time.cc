#include "domain/kpi/step_time.h"

#include <algorithm>

namespace motcua::kpi {

int64_t step_working_minutes(const calendar::Calendar& cal, Millis start, Millis end, std::span<const Pause> pauses) {
  if (end <= start) return 0;
  int64_t total = cal.working_minutes_between(start, end);
  for (const auto& p : pauses) {
    const Millis a = std::max(start, p.from), b = std::min(end, p.to == 0 ? end : p.to);
    if (a < b) total -= cal.working_minutes_between(a, b);
  }
  return std::max<int64_t>(total, 0);
}

size_t step_bucket(int64_t minutes) {
  for (size_t i = 0; i < kStepBucketUpper.size(); ++i)
    if (minutes < kStepBucketUpper[i]) return i;
  return kStepBucketUpper.size();
}

int64_t bucket_lower(size_t i) { return i == 0 ? 0 : kStepBucketUpper[i - 1]; }

std::optional<int64_t> bucket_upper(size_t i) {
  if (i < kStepBucketUpper.size()) return kStepBucketUpper[i];
  return std::nullopt;
}

void StepTime::add(int64_t m) {
  ++n;
  minutes += m;
  ++hist[step_bucket(m)];
}

StepTime& StepTime::operator+=(const StepTime& o) {
  n += o.n;
  minutes += o.minutes;
  for (size_t i = 0; i < kStepBuckets; ++i) hist[i] += o.hist[i];
  return *this;
}

std::optional<double> StepTime::mean() const {
  if (n <= 0) return std::nullopt;
  return double(minutes) / double(n);
}

std::optional<size_t> StepTime::median_bucket() const {
  if (n <= 0) return std::nullopt;
  const int64_t rank = (n + 1) / 2;
  int64_t seen = 0;
  for (size_t i = 0; i < kStepBuckets; ++i) {
    if (seen + hist[i] >= rank) return i;
    seen += hist[i];
  }
  return std::nullopt;  // the histogram holds fewer than n: inconsistent counters
}

std::optional<double> StepTime::median() const {
  auto b = median_bucket();
  if (!b) return std::nullopt;
  int64_t before = 0;
  for (size_t i = 0; i < *b; ++i) before += hist[i];
  const int64_t rank = (n + 1) / 2 - before;  // 1-based within the bucket
  auto up = bucket_upper(*b);
  if (!up) return double(bucket_lower(*b));
  const double width = double(*up - bucket_lower(*b));
  return double(bucket_lower(*b)) + width * (double(rank) - 0.5) / double(hist[*b]);
}

}  // namespace motcua::kpi
