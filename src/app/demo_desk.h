// The living demo desk: fills the demo province (after `motcua seed`) with a few hundred dossiers
// received over the last weeks, in every state of the lifecycle, across several agencies.
//
// Every dossier is driven through the real use cases (intake, act, consult, answer_consultation,
// upload), each at its own past instant on a ManualClock, by the demo accounts of
// data/seed/staff.json holding the step's role (and citizens through the development login), so
// that histories, control sheets, the audit chain, the outbox and the KPI counters are what the
// real desk would have written at those instants. Applicants also pay the fees the agency asks
// for online where the fee is verified and fixed per case (VNPay, app/demo_citizens.h), and about
// half rate their returned dossier (kiosk, invitation link or "Hồ sơ của tôi"), through the same
// services as the real ones. The plan is drawn from a fixed random seed and
// laid out backwards from `now`: the same seed and `now` give the same dossiers, states and times.
// All use cases of all dossiers run in one global time order, so the clock only moves forward.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/app.h"
#include "app/clock.h"
#include "app/demo_citizens.h"
#include "common/result.h"

namespace motcua::app {

struct DemoDeskOptions {
  Millis now = 0;          // the desk's present: every use case acts before it (0 = system clock)
  uint64_t seed = 20260701;
  int weeks = 6;           // how far back the oldest dossier was received
  int scale = 1;           // each scenario's count × scale (the KPI recount test drives thousands)
  // The provider online fees are paid through (seed-demo registers its gateway); without one the
  // agency records those payments at the counter instead.
  std::optional<DemoVnpay> vnpay;
};

struct DemoDeskReport {
  int64_t dossiers = 0;
  std::map<std::string, int64_t> by_state;       // dossier state → count, as stored at the end
  std::map<std::string, int64_t> by_scenario;    // what the plan aimed at → count
  std::map<std::string, int64_t> returned_by_timeliness;  // early / on_time / late
  int64_t overdue = 0, near_due = 0;             // open dossiers with a running clock, at `now`
  int64_t online = 0, counter = 0, post = 0;
  int64_t apologies = 0, consultations = 0, open_consultations = 0, documents = 0;
  int64_t use_cases = 0;                         // use cases run (intake, act, consult, …)
  int64_t paid_online = 0, payments_cancelled = 0;  // VNPay IPNs: paid, cancelled by the customer
  std::map<std::string, int64_t> ratings;             // score → returned dossiers rated
  std::map<std::string, int64_t> ratings_by_channel;  // web / kiosk / link
  std::map<std::string, int64_t> by_agency;      // competent agency → dossiers
};

// Fills the desk. `app` must have been opened on `clock` (App::open(cfg, clock)), seeded, and
// hold no dossier yet (ErrorKind::conflict otherwise). Leaves the clock at `now`.
Result<DemoDeskReport> fill_demo_desk(App& app, ManualClock& clock, const DemoDeskOptions& opt = {});

}  // namespace motcua::app
