// The dossier's clock as its history entries replay it (kpi-verify's replay, app/kpi/recount.h):
// reception (its due_at), pauses (request_supplement / request_payment once received),
// resumptions (paused_from and the moved due_at), apologies (new_due; the first appointment
// kept), appointments moved by the calendar, and each entry's new state. Shared with the stock
// drill-down (a dossier is in a past stock exactly when its replayed clock puts it there).
#pragma once
#include <boost/json/object.hpp>

#include "domain/calendar/working_time.h"
#include "domain/kpi/stock.h"
#include "store/records.h"

namespace motcua::app {

// The entry's data as a JSON object ({} when absent or malformed).
boost::json::object entry_data(const store::EventRec& e);
// Moves `f` past entry `e` (with its parsed `data`).
void replay_entry(kpi::ClockFacts& f, const store::EventRec& e, const boost::json::object& data,
                  const calendar::Calendar& cal);

}  // namespace motcua::app
