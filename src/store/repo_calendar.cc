// The calendar's years (which have an official decision) and the dossiers due in a time span.
#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

// Dossiers with a due time: due_sort is due_at, or a far-future value without one (migration 004).
constexpr int64_t kNoDue = 9000000000000000;

std::string in_states(const std::vector<std::string>& states, Params& p) {
  std::string w = "state IN (";
  for (size_t i = 0; i < states.size(); ++i) {
    w += i ? ",?" : "?";
    p.push_back(txt(states[i]));
  }
  return w + ")";
}

}  // namespace

Result<std::vector<CalendarYearRec>> list_calendar_years(Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT year, source, decided_by, decided_at FROM calendar_years ORDER BY year"));
  std::vector<CalendarYearRec> out;
  for (auto& r : rows) out.push_back(CalendarYearRec{r.i64(0), r.text(1), r.text(2), r.i64(3)});
  return out;
}

Status put_calendar_year(Connection& c, const CalendarYearRec& y) {
  Params p{num(y.year), txt(y.source), txt(y.decided_by), num(y.decided_at)};
  MC_TRY(c.exec("INSERT INTO calendar_years (year, source, decided_by, decided_at) VALUES (?,?,?,?)"
                " ON CONFLICT (year) DO UPDATE SET source = excluded.source, decided_by = excluded.decided_by,"
                " decided_at = excluded.decided_at", p));
  return ok_status();
}

Result<int64_t> count_due_between(Connection& c, const std::vector<std::string>& states, Millis from, Millis to) {
  if (states.empty()) return int64_t(0);
  Params p;
  std::string w = in_states(states, p);
  p.push_back(num(from));
  p.push_back(num(to));
  MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM dossiers WHERE " + w + " AND due_sort >= ? AND due_sort < ?", p));
  return rows.empty() ? int64_t(0) : rows[0].i64(0);
}

Result<std::vector<std::pair<std::string, std::string>>> due_between(Connection& c,
                                                                     const std::vector<std::string>& states,
                                                                     Millis from, Millis to, int limit) {
  std::vector<std::pair<std::string, std::string>> out;
  if (states.empty()) return out;
  Params p;
  std::string w = in_states(states, p);
  p.push_back(num(from));
  p.push_back(num(to));
  p.push_back(num(limit));
  MC_ASSIGN(auto rows, c.query("SELECT id, code FROM dossiers WHERE " + w +
                                   " AND due_sort >= ? AND due_sort < ? ORDER BY due_sort, id LIMIT ?", p));
  for (auto& r : rows) out.emplace_back(r.text(0), r.text(1));
  return out;
}

Result<Millis> latest_due(Connection& c, const std::vector<std::string>& states) {
  if (states.empty()) return Millis(0);
  Params p;
  std::string w = in_states(states, p);
  p.push_back(num(kNoDue));
  MC_ASSIGN(auto rows, c.query("SELECT MAX(due_sort) FROM dossiers WHERE " + w + " AND due_sort < ?", p));
  return rows.empty() ? Millis(0) : i64_or0(rows[0], 0);
}

}  // namespace motcua::store
