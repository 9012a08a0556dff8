// The province's working calendar (days off, make-up Saturdays, working hours) as the use cases
// read it: loaded from the store, kept in memory and reloaded when changed or once a minute
// (another process may have changed it). Province administrators change days; every change is
// recorded with who made it.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/actor.h"
#include "common/result.h"
#include "domain/calendar/working_time.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct DayInfo {
  std::string date;
  bool working;
  std::string reason;
};

class CalendarService {
 public:
  explicit CalendarService(sql::Database& db) : db_(db) {}

  // The calendar in force (shared, immutable: a change makes a new one).
  std::shared_ptr<const calendar::Calendar> current() { return calendar(); }
  Result<std::vector<DayInfo>> days(Date from, Date to);
  Status set_day(const Actor& a, Date d, bool working, const std::string& reason);
  Status clear_day(const Actor& a, Date d);
  Status reload();
  // Who changed which day and when (newest first); province admins and monitors only.
  Result<std::vector<store::CalendarChange>> changes(const Actor& a, int limit);

 private:
  std::shared_ptr<const calendar::Calendar> calendar();
  sql::Database& db_;
  std::mutex cal_mu_;
  std::shared_ptr<const calendar::Calendar> cal_;
  Millis cal_loaded_at_ = 0;
};

}  // namespace motcua::app
