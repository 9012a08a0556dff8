// The time the dossier use cases act at. The server runs on the system clock; the demo province's
// generator (demo_desk.cc) and tests move a manual one, so that dossiers received weeks ago carry
// the history, deadlines and counters they would have had.
#pragma once
#include <atomic>

#include "common/time.h"

namespace motcua::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;  // UTC milliseconds
};

class SystemClock final : public Clock {
 public:
  Millis now() const override { return now_ms(); }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Millis t) : t_(t) {}
  Millis now() const override { return t_.load(); }
  void set(Millis t) { t_.store(t); }
  void advance(Millis d) { t_.fetch_add(d); }

 private:
  std::atomic<Millis> t_;
};

}  // namespace motcua::app
