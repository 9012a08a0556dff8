#include "domain/calendar/holidays.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>

#include "domain/calendar/lunar.h"

namespace motcua::calendar {
namespace {

bool is_weekend(Date d) {
  int w = weekday(d);
  return w == 0 || w == 6;
}

}  // namespace

std::vector<DayRule> rule_days_for_year(int year) {
  // Holidays by date; a second holiday on the same date joins the reason.
  std::map<Date, std::string> holidays;
  auto add = [&](Date d, const std::string& reason) {
    auto [it, inserted] = holidays.emplace(d, reason);
    if (!inserted && it->second != reason) it->second += "; " + reason;
  };

  add(Date{year, 1, 1}, "Tết Dương lịch");
  const Date new_year = tet(year);
  for (int i = -1; i <= 3; ++i) add(add_days(new_year, i), "Tết Nguyên đán");
  if (auto gio_to = lunar_to_solar(10, 3, year); gio_to.ok()) add(gio_to.value(), "Giỗ Tổ Hùng Vương");
  add(Date{year, 4, 30}, "Ngày Chiến thắng");
  add(Date{year, 5, 1}, "Ngày Quốc tế Lao động");
  add(Date{year, 9, 1}, "Quốc khánh");
  add(Date{year, 9, 2}, "Quốc khánh");

  std::vector<DayRule> out;
  std::set<Date> taken;
  for (const auto& [d, reason] : holidays) {
    out.push_back(DayRule{d, false, reason});
    taken.insert(d);
  }
  for (const auto& [d, reason] : holidays) {
    if (!is_weekend(d)) continue;
    Date c = add_days(d, 1);
    while (is_weekend(c) || taken.count(c)) c = add_days(c, 1);
    taken.insert(c);
    out.push_back(DayRule{c, false, "Nghỉ bù " + reason});
  }
  std::stable_sort(out.begin(), out.end(), [](const DayRule& a, const DayRule& b) { return a.date < b.date; });
  return out;
}

std::vector<DayRule> days_for_years(int from, int to, const std::vector<YearDays>& official) {
  std::vector<DayRule> out;
  for (int y = from; y <= to; ++y) {
    auto it = std::find_if(official.begin(), official.end(), [y](const YearDays& o) { return o.year == y; });
    std::vector<DayRule> days = it != official.end() ? it->days : rule_days_for_year(y);
    out.insert(out.end(), days.begin(), days.end());
  }
  std::stable_sort(out.begin(), out.end(), [](const DayRule& a, const DayRule& b) { return a.date < b.date; });
  return out;
}

std::vector<DayRule> days_in_force(const std::set<int>& official_years, const std::vector<DayRule>& stored,
                                   const std::vector<DayRule>& (*rule_days_for)(int year)) {
  std::vector<DayRule> out;
  out.reserve(size_t(kLastRuleYear - kFirstRuleYear + 1) * 14 + stored.size());
  for (int y = kFirstRuleYear; y <= kLastRuleYear; ++y) {
    if (official_years.count(y)) continue;
    const auto& days = rule_days_for(y);
    out.insert(out.end(), days.begin(), days.end());
  }
  out.insert(out.end(), stored.begin(), stored.end());
  return out;
}

const std::vector<DayRule>& memo_rule_days(int year) {
  static const std::vector<DayRule> kNone;
  if (year < kFirstRuleYear || year > kLastRuleYear) return kNone;
  constexpr size_t kYears = size_t(kLastRuleYear - kFirstRuleYear + 1);
  static std::array<std::once_flag, kYears> once;
  static std::array<std::vector<DayRule>, kYears> memo;
  const size_t i = size_t(year - kFirstRuleYear);
  std::call_once(once[i], [&] { memo[i] = rule_days_for_year(year); });
  return memo[i];
}

}  // namespace motcua::calendar
