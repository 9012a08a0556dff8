// The province's working hours as kept in settings ("working_hours") and in
// data/seed/calendar.json: {"morning":["07:00","11:30"],"afternoon":["13:30","17:00"],
// "weekdays":[1,2,3,4,5],"paper_handover_cutoff":"15:00"} (weekdays: 0 = Sunday).
#pragma once
#include <string>

#include <boost/json/value.hpp>

#include "common/result.h"
#include "domain/calendar/working_time.h"

namespace motcua::app {

Result<calendar::WorkingHours> working_hours_from_json(const boost::json::value& v);

}  // namespace motcua::app
