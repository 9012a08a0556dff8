// Where dossiers wait (domain/kpi/step_time.h): what the write path (app/dossier/support.cc,
// when a step is left) and kpi-verify (app/kpi/recount.cc, from the control sheets and the
// history) share, so that both count a step the same way.
#pragma once
#include <map>
#include <span>
#include <string>
#include <vector>

#include "domain/calendar/working_time.h"
#include "domain/kpi/step_time.h"
#include "store/kpi_step_repo.h"
#include "store/records.h"

namespace motcua::app {

static_assert(store::kStepHistColumns == kpi::kStepBuckets, "kpi_step's histogram columns are the domain's buckets");

// The clock's pauses as the history records them: from a supplement or fee asked once the
// dossier was received, to the entry that resumed it ("paused_from"); still open: to = 0.
std::vector<kpi::Pause> pauses_of(std::span<const store::EventRec* const> events);

// The counter key of a step of dossier `d` left at `s.finished_at`.
store::StepKey step_key(const store::DossierRec& d, const store::StepRec& s);

// A step's working minutes, pauses left out.
int64_t step_minutes(const calendar::Calendar& cal, const store::StepRec& s, std::span<const kpi::Pause> pauses);

// kpi-verify: the steps of one dossier's control sheet (in order) that were left, added to
// `out` — every step but the reception step, written done at the moment of reception.
using StepCount = std::map<store::StepKey, kpi::StepTime>;
void recount_steps(const calendar::Calendar& cal, const store::DossierRec& d,
                   std::span<const store::EventRec* const> events, std::span<const store::StepRec* const> sheet,
                   StepCount& out);
// The stored rows against the recount: one Vietnamese sentence per key that differs.
void compare_steps(const StepCount& recounted, const std::vector<store::StepRow>& stored,
                   std::vector<std::string>& differences);
std::vector<store::StepRow> rows_of(const StepCount& recounted);

kpi::StepTime step_time_of(const store::StepCounts& c);
store::StepCounts counts_of(const kpi::StepTime& t);

}  // namespace motcua::app
