// Stocks exact for any past date, from flows kept by due day (DOMAIN.md §4 deadlines, §9 figures),
// never by scanning dossiers.
//
// Every received dossier not yet decided, withdrawn or stopped sits in one *due bucket*: the
// local day of its effective due — the first appointment, so that an apology's new appointment
// does not make a late dossier on time ("late stays late") — or the open bucket, which is never
// overdue (the clock is paused while the dossier was within time, or the procedure has no time
// limit). Each change that moves a dossier from one bucket to another is recorded as flows
// (day of the change, bucket, ±1). Then, at the close of any local day D:
//   in progress(D) = Σ n over flows with day ≤ D
//   overdue(D)     = Σ n over flows with day ≤ D whose bucket is a due day ≤ D
//   within time(D) = in progress(D) − overdue(D)
//   carried over into a period starting F = in progress(F − 1)
// "At the close of D": a dossier due on D and still open when D closes is overdue at D (its due
// instant, in working hours, has passed; a decision after it is classed late).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/time.h"
#include "domain/dossier/state.h"

namespace motcua::kpi {

// A due day, or the open bucket (nullopt: never overdue while there).
struct DueBucket {
  std::optional<Date> due;
  bool operator==(const DueBucket&) const = default;
};

// What decides a dossier's bucket (the dossier row's own columns).
struct ClockFacts {
  dossier::State state = dossier::State::submitted;
  bool received = false;      // formally received at some point (received_at set)
  Millis due_at = 0;          // current appointment (0: no time limit)
  Millis original_due_at = 0; // first appointment when an apology moved it, else 0
  Millis paused_at = 0;       // clock paused since (0: running)
};

// The effective due instant: the first appointment (late stays late), 0 when none.
Millis effective_due(const ClockFacts&);
// nullopt when the dossier is not in the stock (never received, or decided, withdrawn, stopped).
// Paused: the open bucket if it was within time when paused, else it stays in its due day.
std::optional<DueBucket> bucket_of(const ClockFacts&);

struct DueFlow {
  Date day;         // local day of the change
  DueBucket bucket;
  int64_t n = 0;    // +k entered, −k left
  bool operator==(const DueFlow&) const = default;
};

// The flows one change makes (before → after, either may be outside the stock): none when the
// bucket is unchanged, else one out of the old bucket and/or one into the new.
std::vector<DueFlow> flows_for_change(const std::optional<DueBucket>& before, const std::optional<DueBucket>& after,
                                      Date day);

// The predicate the store's query mirrors: does a dossier in `b` count as overdue at the close of d?
bool overdue_at(const DueBucket& b, Date d);

struct Stock {
  int64_t in_progress = 0;
  int64_t overdue = 0;
  int64_t within_time() const { return in_progress - overdue; }
  bool operator==(const Stock&) const = default;
};
Stock stock_at(Date d, std::span<const DueFlow> flows);
// In progress at the close of the day before `from`.
int64_t carried_over_into(Date from, std::span<const DueFlow> flows);

}  // namespace motcua::kpi
