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

Result<std::vector<int64_t>> count_due_in_spans(Connection& c, const std::vector<std::string>& states,
                                                const std::vector<Millis>& bounds) {
  std::vector<int64_t> out(bounds.size() > 1 ? bounds.size() - 1 : 0, 0);
  if (states.empty() || out.empty()) return out;
  // One scan: each row's span is found by a CASE over the inner bounds.
  Params p;
  std::string k = "0";
  if (out.size() > 1) {
    k = "CASE";
    for (size_t i = 1; i + 1 < bounds.size(); ++i) {
      k += " WHEN due_sort < ? THEN " + std::to_string(i - 1);
      p.push_back(num(bounds[i]));
    }
    k += " ELSE " + std::to_string(out.size() - 1) + " END";
  }
  std::string w = in_states(states, p);
  p.push_back(num(bounds.front()));
  p.push_back(num(bounds.back()));
  MC_ASSIGN(auto rows, c.query("SELECT " + k + " AS span, COUNT(*) FROM dossiers WHERE " + w +
                                   " AND due_sort >= ? AND due_sort < ? GROUP BY span", p));
  for (auto& r : rows) {
    const int64_t i = r.i64(0);
    if (i >= 0 && i < int64_t(out.size())) out[size_t(i)] = r.i64(1);
  }
  return out;
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
