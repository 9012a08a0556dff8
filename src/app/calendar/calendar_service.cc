// The working-time calendar as the application sees it, for any year: each year's official
// decision where one is recorded, else the Labour Code rules (memoised per year), and the
// administrators' edits on top; plus the province's working hours. Cached in memory and rebuilt
// after a change (and at least every minute, so several processes sharing PostgreSQL converge).
#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/calendar/calendar_service.h"
#include "app/journal.h"
#include "app/working_hours_json.h"
#include "domain/calendar/holidays.h"
#include "domain/dossier/state.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

// What the calendar in force is built from, as stored.
struct Stored {
  std::vector<store::CalendarDayRec> rows;
  std::vector<store::CalendarYearRec> years;
  std::optional<std::string> hours_json;
  bool same_as(const Stored& o) const {
    auto day_eq = [](const store::CalendarDayRec& a, const store::CalendarDayRec& b) {
      return a.date == b.date && a.working == b.working && a.reason == b.reason && a.origin == b.origin;
    };
    return hours_json == o.hours_json && rows.size() == o.rows.size() && years.size() == o.years.size() &&
           std::equal(rows.begin(), rows.end(), o.rows.begin(), day_eq) &&
           std::equal(years.begin(), years.end(), o.years.begin(),
                      [](const store::CalendarYearRec& a, const store::CalendarYearRec& b) { return a.year == b.year; });
  }
};

Result<Stored> read_stored(sql::Connection& c) {
  Stored s;
  MC_ASSIGN(s.rows, store::list_calendar_days(c));
  MC_ASSIGN(s.years, store::list_calendar_years(c));
  MC_ASSIGN(s.hours_json, store::get_setting(c, "working_hours"));
  return s;
}

Result<calendar::Calendar> build_in_force(const Stored& s) {
  calendar::WorkingHours wh = calendar::default_hours();
  if (s.hours_json) {
    boost::system::error_code ec;
    auto v = json::parse(*s.hours_json, ec);
    if (ec) return make_error(ErrorKind::internal, "Cấu hình giờ làm việc trong CSDL bị hỏng");
    MC_ASSIGN(wh, working_hours_from_json(v));
  }
  std::set<int> official;
  for (const auto& y : s.years) official.insert(int(y.year));
  std::vector<calendar::DayRule> stored;
  stored.reserve(s.rows.size());
  for (auto& r : s.rows) {
    auto d = parse_date(r.date);
    if (d) stored.push_back(calendar::DayRule{*d, r.working, r.reason});
  }
  return calendar::Calendar(wh, calendar::days_in_force(official, stored, &calendar::memo_rule_days));
}

// The calendar in force as stored on connection `c` (inside a transaction: as it will commit).
Result<calendar::Calendar> load_in_force(sql::Connection& c) {
  MC_ASSIGN(auto s, read_stored(c));
  return build_in_force(s);
}

// The states of a dossier whose appointment (due_at) is still ahead of the citizen.
std::vector<std::string> appointed_states() {
  std::vector<std::string> out;
  for (auto s : {dossier::State::received, dossier::State::in_progress, dossier::State::supplement_requested,
                 dossier::State::awaiting_payment})
    out.emplace_back(dossier::to_string(s));
  return out;
}

Millis year_start(int y) { return local_instant(Date{y, 1, 1}, 0); }

Status require_calendar_admin(const Actor& a) {
  if (!a.is_staff() || !org::may_change_calendar(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị cấp tỉnh được sửa lịch ngày nghỉ, ngày làm bù.");
  return ok_status();
}

Status require_calendar_reader(const Actor& a) {
  if (!a.is_staff() || !org::may_read_calendar_changes(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị, theo dõi cấp tỉnh xem được tình trạng lịch các năm.");
  return ok_status();
}

}  // namespace

Status CalendarService::reload() {
  std::optional<Stored> stored;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto s, read_stored(c));
    stored.emplace(std::move(s));
    return ok_status();
  }));
  {
    // Unchanged since the last load (the usual minute's check): keep the snapshot, spare the
    // rebuild (~6 ms for the 300 years).
    std::lock_guard lk(cal_mu_);
    if (cal_ && loaded_from_ && static_cast<const Stored*>(loaded_from_.get())->same_as(*stored)) {
      cal_loaded_at_ = now_ms();
      return ok_status();
    }
  }
  MC_ASSIGN(auto built, build_in_force(*stored));
  auto cal = std::make_shared<const calendar::Calendar>(std::move(built));
  std::shared_ptr<const void> from = std::make_shared<const Stored>(std::move(*stored));
  std::lock_guard lk(cal_mu_);
  cal_ = std::move(cal);
  loaded_from_ = std::move(from);
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
    // The store cannot be read: the rules of every year at least.
    cal_ = std::make_shared<const calendar::Calendar>(
        calendar::default_hours(), calendar::days_in_force({}, {}, &calendar::memo_rule_days));
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

Status CalendarService::set_day(const Actor& a, Date d, bool working, const std::string& reason) {
  MC_TRY(require_calendar_admin(a));
  Millis now = this->now();
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
  Millis now = this->now();
  std::string date = format_date(d);
  bool official_year = false;
  auto st = db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto years, store::list_calendar_years(c));
    for (const auto& y : years) official_year = official_year || y.year == d.year;
    MC_TRY(store::delete_calendar_day(c, date, a.label(), now));
    return audit(c, now, a.label(), "calendar.clear", "calendar:" + date);
  });
  if (!st.ok() && st.error().kind == ErrorKind::not_found && !official_year) {
    // A day off of the rules has no entry to remove: say how to change it.
    for (const auto& r : calendar::memo_rule_days(d.year))
      if (r.date == d)
        return make_error(ErrorKind::not_found,
                          "Ngày " + date + " là ngày nghỉ theo quy định của Bộ luật Lao động (" + r.reason +
                              "), không phải một khai báo riêng. Muốn làm việc ngày này, hãy khai báo là ngày làm việc.");
  }
  MC_TRY(std::move(st));
  return reload();
}

Result<std::vector<YearStatus>> CalendarService::years(const Actor& a) {
  MC_TRY(require_calendar_reader(a));
  const int current = local_date(now()).year;
  const auto states = appointed_states();
  std::vector<YearStatus> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto decided, store::list_calendar_years(c));
    MC_ASSIGN(Millis latest, store::latest_due(c, states));
    int last = current + 2;
    if (latest > 0) last = std::max(last, std::min(local_date(latest).year, current + 20));
    last = std::min(last, calendar::kLastRuleYear);
    std::vector<Millis> bounds;
    for (int y = current; y <= last + 1; ++y) bounds.push_back(year_start(y));
    MC_ASSIGN(auto counts, store::count_due_in_spans(c, states, bounds));
    for (int y = current; y <= last; ++y) {
      YearStatus s;
      s.year = y;
      for (const auto& r : decided)
        if (r.year == y) {
          s.official = true;
          s.decision_source = r.source;
          s.decided_by = r.decided_by;
          s.decided_at = r.decided_at;
        }
      s.dossiers_due = counts.at(size_t(y - current));
      if (s.dossiers_due > 0) {
        MC_ASSIGN(auto first, store::due_between(c, states, year_start(y), year_start(y + 1), 5));
        for (auto& [id, code] : first) s.sample_codes.push_back(code);
      }
      out.push_back(std::move(s));
    }
    return ok_status();
  }));
  return out;
}

Result<YearDecided> CalendarService::decide_year(const Actor& a, const YearDecision& d) {
  MC_TRY(require_calendar_admin(a));
  if (d.year < calendar::kFirstRuleYear || d.year > calendar::kLastRuleYear)
    return make_error(ErrorKind::invalid, "Năm phải trong khoảng 1900–2199", "invalid_year");
  const std::string prefix = std::to_string(d.year) + "-";
  std::map<std::string, calendar::DayRule> wanted;
  for (const auto& r : d.days) {
    if (r.date.year != d.year)
      return make_error(ErrorKind::invalid, "Ngày " + format_date(r.date) + " không thuộc năm " + std::to_string(d.year),
                        "day_outside_year");
    if (!wanted.emplace(format_date(r.date), r).second)
      return make_error(ErrorKind::invalid, "Ngày " + format_date(r.date) + " được khai báo hai lần", "duplicate_day");
  }
  const Millis now = this->now();
  const std::string by = a.label();
  YearDecided result;
  result.year = d.year;
  result.days = wanted.size();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    result.changed = false;
    result.moved.clear();
    MC_ASSIGN(auto rows, store::list_calendar_days(c));
    MC_ASSIGN(auto years, store::list_calendar_years(c));
    const store::CalendarYearRec* recorded = nullptr;
    for (const auto& y : years)
      if (y.year == d.year) recorded = &y;
    std::map<std::string, store::CalendarDayRec> stored;
    for (auto& r : rows)
      if (r.date.rfind(prefix, 0) == 0) stored.emplace(r.date, r);
    // The decision's list replaces every stored day of the year, earlier edits included.
    for (const auto& [date, rec] : stored)
      if (!wanted.count(date)) {
        MC_TRY(store::delete_calendar_day(c, date, by, now));
        result.changed = true;
      }
    for (const auto& [date, rule] : wanted) {
      auto it = stored.find(date);
      if (it != stored.end() && it->second.working == rule.working && it->second.reason == rule.reason &&
          it->second.origin == "official")
        continue;
      MC_TRY(store::put_calendar_day(c, store::CalendarDayRec{date, rule.working, rule.reason, "official"}, by, now));
      result.changed = true;
    }
    if (!recorded || recorded->source != d.source) result.changed = true;
    if (!result.changed) return ok_status();  // the same decision again: nothing to write
    MC_TRY(store::put_calendar_year(c, store::CalendarYearRec{d.year, d.source, by, now}));
    MC_ASSIGN(auto in_force, load_in_force(c));
    if (on_year_decided_) {
      MC_ASSIGN(result.moved, on_year_decided_(c, a, d.year, in_force, now));
    }
    return audit(c, now, by, "calendar.decide_year", "calendar:" + std::to_string(d.year),
                 {{"source", d.source}, {"days", int64_t(wanted.size())},
                  {"appointments_moved", int64_t(result.moved.size())}});
  }));
  MC_TRY(reload());
  return result;
}

}  // namespace motcua::app
