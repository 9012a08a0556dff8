// Public holidays (Labour Code 2019, art. 112) turned into a per-year table of day rules.
//
// The province's calendar is a table: for each year, the days off and the make-up working
// days. A year's table comes from the government's official decision when one is recorded
// (data/seed/calendar.json, "years"), and otherwise from rule_days_for_year(). An official
// list REPLACES the rule-generated list for its year entirely (it must list every holiday,
// every compensatory/swapped day off and every make-up working Saturday); see days_for_years().
#pragma once
#include <set>
#include <string>
#include <vector>

#include "common/time.h"

namespace motcua::calendar {

// One exception to the weekly rule: a day off (working = false) or a make-up working day
// (working = true). `reason` is Vietnamese, shown to users ("Tết Nguyên đán", "Làm bù", ...).
struct DayRule {
  Date date;
  bool working = false;
  std::string reason;
  bool operator==(const DayRule&) const = default;
};

// The official list for one year (as recorded in data/seed/calendar.json).
struct YearDays {
  int year = 0;
  std::vector<DayRule> days;
};

// Days off generated from the Labour Code rules for Gregorian `year`, sorted by date:
//  - 1/1 "Tết Dương lịch";
//  - Tết: the last day of the old lunar year (30 Tết, or 29 when month 12 is short: always
//    the day before lunar 1/1) and lunar 1/1..4/1 — civil-servant practice, 5 days;
//  - Giỗ Tổ Hùng Vương, lunar 10/3;
//  - 30/4 "Ngày Chiến thắng", 1/5 "Ngày Quốc tế Lao động";
//  - 2/9 "Quốc khánh" plus the adjacent day 1/9 (the government chooses 1/9 or 3/9 each year;
//    1/9 is the default, as decided in 2025 and later).
// Holiday days that fall on a Saturday or Sunday are listed too (for display) and each one
// earns a compensatory day off, "Nghỉ bù <holiday>", on the next Monday–Friday that is not
// already a holiday or compensatory day (taken in date order). Two holidays on the same date
// count as one day off (reasons joined). Rule generation assumes the statutory Mon–Fri week.
// No make-up working days are generated: swaps only come from official decisions.
std::vector<DayRule> rule_days_for_year(int year);

// The day table for years from..to (inclusive): each year's official list when `official`
// has that year, else rule_days_for_year(year). Sorted by date.
std::vector<DayRule> days_for_years(int from, int to, const std::vector<YearDays>& official);

// The years the rules cover: the lunar calendar's range (lunar.h). Outside it only the weekly
// rule and stored days apply.
inline constexpr int kFirstRuleYear = 1900;
inline constexpr int kLastRuleYear = 2199;

// The overrides of the calendar in force, for any year a dossier can touch: for every year
// kFirstRuleYear..kLastRuleYear that has no official decision (`official_years`), the rule days
// (rule_days_for(year)); then `stored`, the days recorded in the province's table (each official
// decision's list, and administrators' edits), which win over a rule day of the same date.
// `rule_days_for` is rule_days_for_year or a memo of it (it costs some lunar computation).
// The result is in Calendar's input order (a later entry for a date wins), not sorted.
std::vector<DayRule> days_in_force(const std::set<int>& official_years, const std::vector<DayRule>& stored,
                                   const std::vector<DayRule>& (*rule_days_for)(int year));

// rule_days_for_year, computed once per year per process (thread-safe): for days_in_force.
const std::vector<DayRule>& memo_rule_days(int year);

}  // namespace motcua::calendar
