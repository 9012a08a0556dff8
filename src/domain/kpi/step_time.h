// Where dossiers wait (issue 14, DOMAIN.md §9): the working time each step of the internal
// process (the control sheet, phiếu kiểm soát) took, kept as a counter when the step is left —
// per step (number and role) and per agency the step is done at (routing between units).
//
// A step's time is the working time (calendar) from its start to its end, less the working time
// the dossier's clock was paused inside it (a supplement or a fee asked of the applicant: the
// wait is the applicant's, not the agency's). Counters keep, per key, the number of steps left,
// the sum of their working minutes and a histogram over fixed bounds, so that a period's mean
// is exact and its median is known to the bucket (and estimated inside it, linearly).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "common/time.h"
#include "domain/calendar/working_time.h"

namespace motcua::kpi {

// A pause of the dossier's clock [from, to); to = 0 while it lasts.
struct Pause {
  Millis from = 0, to = 0;
};

// Working minutes of [start, end) outside every pause (pauses may overlap the step partly).
int64_t step_working_minutes(const calendar::Calendar& cal, Millis start, Millis end, std::span<const Pause> pauses);

// Histogram bounds in working minutes (8 working hours a day): bucket i holds [lower(i), upper(i)),
// the last one is open. Stored as columns h0 … h8: the bounds never change once landed.
inline constexpr std::array<int64_t, 8> kStepBucketUpper = {60, 240, 480, 960, 1920, 3840, 7680, 15360};
inline constexpr size_t kStepBuckets = kStepBucketUpper.size() + 1;
size_t step_bucket(int64_t minutes);
int64_t bucket_lower(size_t i);
std::optional<int64_t> bucket_upper(size_t i);  // nullopt: the open last bucket

struct StepTime {
  int64_t n = 0, minutes = 0;
  std::array<int64_t, kStepBuckets> hist{};
  void add(int64_t m);  // one step left after m working minutes
  StepTime& operator+=(const StepTime&);
  bool operator==(const StepTime&) const = default;
  std::optional<double> mean() const;  // minutes; none when n = 0
  // The bucket holding the median (the ⌈n/2⌉-th smallest), and the median estimated in it: the
  // bucket's lower bound + its width × (rank within the bucket − ½) / its count; in the open
  // last bucket, its lower bound. None when n = 0.
  std::optional<size_t> median_bucket() const;
  std::optional<double> median() const;
};

}  // namespace motcua::kpi
