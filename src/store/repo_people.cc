#include "store/repo.h"
#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

Status insert_staff(Connection& c, const StaffRec& s, const std::vector<GrantRec>& grants) {
  Params p{txt(s.id), txt(s.username), txt(s.password_hash), txt(s.full_name), flag(s.active), num(now_ms())};
  MC_TRY(c.exec("INSERT INTO staff (id, username, password_hash, full_name, active, created_at) VALUES (?,?,?,?,?,?)", p));
  for (auto& g : grants) {
    Params q{txt(s.id), txt(g.agency_id), txt(g.role), txt(g.valid_from), opt(g.valid_to)};
    MC_TRY(c.exec("INSERT INTO role_grants (staff_id, agency_id, role, valid_from, valid_to) VALUES (?,?,?,?,?)", q));
  }
  return ok_status();
}

Result<std::optional<StaffRec>> find_staff(Connection& c, const std::string& key, bool by_id) {
  Params p{txt(key)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT id, username, password_hash, full_name, active FROM staff WHERE ") +
                                   (by_id ? "id" : "username") + " = ?", p));
  if (rows.empty()) return std::optional<StaffRec>{};
  auto& r = rows[0];
  return std::optional<StaffRec>{StaffRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0}};
}

Result<std::vector<GrantRec>> grants_of(Connection& c, const std::string& staff_id) {
  Params p{txt(staff_id)};
  MC_ASSIGN(auto rows, c.query("SELECT agency_id, role, valid_from, valid_to FROM role_grants WHERE staff_id = ?"
                               " ORDER BY id", p));
  std::vector<GrantRec> out;
  for (auto& r : rows) out.push_back(GrantRec{r.text(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

Status upsert_citizen(Connection& c, const CitizenRec& r) {
  Params p{txt(r.personal_id), txt(r.full_name), opt(r.phone)};
  MC_TRY(c.exec("INSERT INTO citizens (personal_id, full_name, phone) VALUES (?,?,?) ON CONFLICT (personal_id)"
                " DO UPDATE SET full_name = excluded.full_name, phone = excluded.phone", p));
  return ok_status();
}

Result<std::optional<CitizenRec>> get_citizen(Connection& c, const std::string& personal_id) {
  Params p{txt(personal_id)};
  MC_ASSIGN(auto rows, c.query("SELECT personal_id, full_name, phone FROM citizens WHERE personal_id = ?", p));
  if (rows.empty()) return std::optional<CitizenRec>{};
  return std::optional<CitizenRec>{CitizenRec{rows[0].text(0), rows[0].text(1), rows[0].text(2)}};
}

Status insert_session(Connection& c, const SessionRec& s) {
  Params p{txt(s.token_hash), txt(s.subject_kind), txt(s.subject_id), txt(s.csrf), num(s.created_at),
           num(s.last_seen), num(s.expires_at), opt(s.login_method), num(s.assurance), opt(s.acr), opt(s.id_token)};
  MC_TRY(c.exec("INSERT INTO sessions (token_hash, subject_kind, subject_id, csrf, created_at, last_seen, expires_at,"
                " login_method, assurance, acr, id_token) VALUES (?,?,?,?,?,?,?,?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<SessionRec>> get_session(Connection& c, const std::string& token_hash) {
  Params p{txt(token_hash)};
  MC_ASSIGN(auto rows, c.query("SELECT token_hash, subject_kind, subject_id, csrf, created_at, last_seen, expires_at,"
                               " login_method, assurance, acr, id_token FROM sessions WHERE token_hash = ?", p));
  if (rows.empty()) return std::optional<SessionRec>{};
  auto& r = rows[0];
  auto text_or = [&r](size_t i) { return r.is_null(i) ? std::string() : r.text(i); };
  return std::optional<SessionRec>{SessionRec{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.i64(5), r.i64(6),
                                              text_or(7), r.i64(8), text_or(9), text_or(10)}};
}

Status touch_session(Connection& c, const std::string& token_hash, Millis at) {
  Params p{num(at), txt(token_hash)};
  MC_TRY(c.exec("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", p));
  return ok_status();
}

Status delete_session(Connection& c, const std::string& token_hash) {
  Params p{txt(token_hash)};
  MC_TRY(c.exec("DELETE FROM sessions WHERE token_hash = ?", p));
  return ok_status();
}

Result<Throttle> get_throttle(Connection& c, const std::string& key) {
  Params p{txt(key)};
  MC_ASSIGN(auto rows, c.query("SELECT failures, window_start, locked_until FROM login_throttle WHERE key = ?", p));
  if (rows.empty()) return Throttle{};
  return Throttle{rows[0].i64(0), rows[0].i64(1), rows[0].i64(2)};
}

Result<Throttle> lock_throttle(Connection& c, const std::string& key) {
  if (c.engine() != sql::Engine::postgres) return get_throttle(c, key);
  Params p{txt(key)};
  MC_TRY(c.exec("INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES (?,0,0,0)"
                " ON CONFLICT (key) DO NOTHING", p));
  MC_ASSIGN(auto rows, c.query("SELECT failures, window_start, locked_until FROM login_throttle WHERE key = ?"
                               " FOR UPDATE", p));
  if (rows.empty()) return make_error(ErrorKind::internal, "Không khoá được bộ đếm đăng nhập");
  return Throttle{rows[0].i64(0), rows[0].i64(1), rows[0].i64(2)};
}

Status put_throttle(Connection& c, const std::string& key, const Throttle& t) {
  Params p{txt(key), num(t.failures), num(t.window_start), num(t.locked_until)};
  MC_TRY(c.exec("INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES (?,?,?,?)"
                " ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,"
                " locked_until = excluded.locked_until", p));
  return ok_status();
}

Result<std::vector<CalendarDayRec>> list_calendar_days(Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT date, working, reason, origin FROM calendar_days ORDER BY date"));
  std::vector<CalendarDayRec> out;
  for (auto& r : rows) out.push_back(CalendarDayRec{r.text(0), r.i64(1) != 0, r.text(2), r.text(3)});
  return out;
}

Status put_calendar_day(Connection& c, const CalendarDayRec& d, const std::string& by, Millis at) {
  Params p{txt(d.date), flag(d.working), txt(d.reason), txt(d.origin)};
  MC_TRY(c.exec("INSERT INTO calendar_days (date, working, reason, origin) VALUES (?,?,?,?) ON CONFLICT (date)"
                " DO UPDATE SET working = excluded.working, reason = excluded.reason, origin = excluded.origin", p));
  Params h{txt(d.date), flag(d.working), txt(d.reason), txt(by), num(at)};
  MC_TRY(c.exec("INSERT INTO calendar_changes (date, working, reason, changed_by, changed_at) VALUES (?,?,?,?,?)", h));
  return ok_status();
}

Status delete_calendar_day(Connection& c, const std::string& date, const std::string& by, Millis at) {
  Params p{txt(date)};
  MC_ASSIGN(auto n, c.exec("DELETE FROM calendar_days WHERE date = ?", p));
  if (n == 0) return make_error(ErrorKind::not_found, "Ngày " + date + " không có trong bảng ngày nghỉ, ngày làm bù");
  Params h{txt(date), V{}, V{}, txt(by), num(at)};
  MC_TRY(c.exec("INSERT INTO calendar_changes (date, working, reason, changed_by, changed_at) VALUES (?,?,?,?,?)", h));
  return ok_status();
}

Result<std::vector<CalendarChange>> list_calendar_changes(Connection& c, int limit) {
  Params p{num(limit)};
  MC_ASSIGN(auto rows, c.query("SELECT id, date, working, reason, changed_by, changed_at FROM calendar_changes"
                               " ORDER BY id DESC LIMIT ?", p));
  std::vector<CalendarChange> out;
  for (auto& r : rows) {
    std::optional<bool> w;
    if (!r.is_null(2)) w = r.i64(2) != 0;
    out.push_back(CalendarChange{r.i64(0), r.text(1), w, r.text(3), r.text(4), r.i64(5)});
  }
  return out;
}

Result<std::optional<std::string>> get_setting(Connection& c, const std::string& key) {
  Params p{txt(key)};
  MC_ASSIGN(auto rows, c.query("SELECT value FROM settings WHERE key = ?", p));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows[0].text(0)};
}

Status put_setting(Connection& c, const std::string& key, const std::string& value) {
  Params p{txt(key), txt(value)};
  MC_TRY(c.exec("INSERT INTO settings (key, value) VALUES (?,?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", p));
  return ok_status();
}

}  // namespace motcua::store
