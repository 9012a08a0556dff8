// The working-time calendar as the application sees it: the table of days off and make-up days
// in the store plus the province's working hours, cached in memory and rebuilt after a change
// (and at least every minute, so several processes sharing PostgreSQL converge).
#include <boost/json.hpp>

#include "app/calendar/calendar_service.h"
#include "app/journal.h"
#include "app/working_hours_json.h"
#include "store/repo.h"

namespace motcua::app {

Status CalendarService::reload() {
  std::vector<store::CalendarDayRec> rows;
  std::optional<std::string> hours_json;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::list_calendar_days(c));
    MC_ASSIGN(hours_json, store::get_setting(c, "working_hours"));
    return ok_status();
  }));
  calendar::WorkingHours wh = calendar::default_hours();
  if (hours_json) {
    boost::system::error_code ec;
    auto v = boost::json::parse(*hours_json, ec);
    if (ec) return make_error(ErrorKind::internal, "Cấu hình giờ làm việc trong CSDL bị hỏng");
    MC_ASSIGN(wh, working_hours_from_json(v));
  }
  std::vector<calendar::DayRule> days;
  days.reserve(rows.size());
  for (auto& r : rows) {
    auto d = parse_date(r.date);
    if (d) days.push_back(calendar::DayRule{*d, r.working, r.reason});
  }
  auto cal = std::make_shared<const calendar::Calendar>(wh, std::move(days));
  std::lock_guard lk(cal_mu_);
  cal_ = std::move(cal);
  cal_loaded_at_ = now_ms();
  return ok_status();
}

std::shared_ptr<const calendar::Calendar> CalendarService::calendar() {
  {
    std::lock_guard lk(cal_mu_);
    if (cal_ && now_ms() - cal_loaded_at_ < kMinute) return cal_;
  }
  if (!reload().ok()) {
    std::lock_guard lk(cal_mu_);
    if (cal_) return cal_;  // keep serving the last good table
    cal_ = std::make_shared<const calendar::Calendar>(calendar::default_hours(), std::vector<calendar::DayRule>{});
  }
  std::lock_guard lk(cal_mu_);
  return cal_;
}

Result<std::vector<DayInfo>> CalendarService::days(Date from, Date to) {
  int64_t n = days_from_civil(to) - days_from_civil(from) + 1;
  if (n <= 0) return make_error(ErrorKind::invalid, "Ngày kết thúc (to) phải không sớm hơn ngày bắt đầu (from)");
  if (n > 400) return make_error(ErrorKind::invalid, "Khoảng thời gian tối đa là 400 ngày");
  auto cal = calendar();
  std::vector<DayInfo> out;
  out.reserve(size_t(n));
  for (int64_t i = 0; i < n; ++i) {
    Date d = add_days(from, i);
    out.push_back(DayInfo{format_date(d), cal->is_working_day(d), cal->reason(d)});
  }
  return out;
}

static Status require_calendar_admin(const Actor& a) {
  if (!a.is_staff() || !org::may_change_calendar(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị cấp tỉnh được sửa lịch ngày nghỉ, ngày làm bù.");
  return ok_status();
}

Status CalendarService::set_day(const Actor& a, Date d, bool working, const std::string& reason) {
  MC_TRY(require_calendar_admin(a));
  Millis now = now_ms();
  std::string date = format_date(d);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::put_calendar_day(c, store::CalendarDayRec{date, working, reason, "admin"}, a.label(), now));
    return audit(c, now, a.label(), "calendar.set", "calendar:" + date, {{"working", working}, {"reason", reason}});
  }));
  return reload();
}

Result<std::vector<store::CalendarChange>> CalendarService::changes(const Actor& a, int limit) {
  if (!a.is_staff() || !org::may_read_calendar_changes(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị, theo dõi cấp tỉnh xem được lịch sử sửa lịch.");
  std::vector<store::CalendarChange> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_calendar_changes(c, limit));
    return ok_status();
  }));
  return out;
}

Status CalendarService::clear_day(const Actor& a, Date d) {
  MC_TRY(require_calendar_admin(a));
  Millis now = now_ms();
  std::string date = format_date(d);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::delete_calendar_day(c, date, a.label(), now));
    return audit(c, now, a.label(), "calendar.clear", "calendar:" + date);
  }));
  return reload();
}

}  // namespace motcua::app
