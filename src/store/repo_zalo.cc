#include "store/repo_util.h"
#include "store/zalo_repo.h"

namespace motcua::store {
using namespace detail;

namespace {

constexpr const char* kFollowerCols = "user_id, following, citizen_id, linked_at, updated_at";

ZaloFollowerRec follower_from(const sql::Row& r) {
  return ZaloFollowerRec{r.text(0), r.i64(1) != 0, r.text(2), i64_or0(r, 3), r.i64(4)};
}

Result<std::optional<ZaloFollowerRec>> one_follower(sql::Connection& c, const std::string& where, const std::string& v) {
  Params p{txt(v)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kFollowerCols + " FROM zalo_followers WHERE " + where, p));
  if (rows.empty()) return std::optional<ZaloFollowerRec>{};
  return std::optional<ZaloFollowerRec>{follower_from(rows.front())};
}

}  // namespace

Result<bool> insert_zalo_event_once(sql::Connection& c, const std::string& key, const std::string& event_name,
                                    const std::string& user_id, Millis at) {
  Params p{txt(key), txt(event_name), txt(user_id), num(at)};
  MC_ASSIGN(auto n, c.exec("INSERT INTO zalo_events (event_key, event_name, user_id, received_at) VALUES (?,?,?,?)"
                           " ON CONFLICT (event_key) DO NOTHING",
                           p));
  return n == 1;
}

Result<bool> zalo_event_seen(sql::Connection& c, const std::string& key) {
  Params p{txt(key)};
  MC_ASSIGN(auto rows, c.query("SELECT 1 FROM zalo_events WHERE event_key = ?", p));
  return !rows.empty();
}

Result<int64_t> zalo_events_since(sql::Connection& c, const std::string& user_id, Millis since) {
  Params p{txt(user_id), num(since)};
  MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM zalo_events WHERE user_id = ? AND received_at >= ?", p));
  return rows.empty() ? int64_t(0) : rows.front().i64(0);
}

Status prune_zalo_events(sql::Connection& c, Millis before, int limit) {
  Params p{num(before), num(limit)};
  MC_TRY(c.exec("DELETE FROM zalo_events WHERE event_key IN"
                " (SELECT event_key FROM zalo_events WHERE received_at < ? ORDER BY received_at LIMIT ?)",
                p));
  return ok_status();
}

Result<std::optional<ZaloFollowerRec>> get_zalo_follower(sql::Connection& c, const std::string& user_id) {
  return one_follower(c, "user_id = ?", user_id);
}

Result<std::optional<ZaloFollowerRec>> zalo_follower_of_citizen(sql::Connection& c, const std::string& citizen_id) {
  return one_follower(c, "citizen_id = ?", citizen_id);
}

Status put_zalo_following(sql::Connection& c, const std::string& user_id, bool following, Millis at) {
  Params p{txt(user_id), flag(following), num(at)};
  MC_TRY(c.exec("INSERT INTO zalo_followers (user_id, following, updated_at) VALUES (?,?,?)"
                " ON CONFLICT (user_id) DO UPDATE SET following = excluded.following, updated_at = excluded.updated_at,"
                " citizen_id = CASE WHEN excluded.following = 1 THEN zalo_followers.citizen_id END,"
                " linked_at = CASE WHEN excluded.following = 1 THEN zalo_followers.linked_at END",
                p));
  return ok_status();
}

Status set_zalo_link(sql::Connection& c, const std::string& user_id, const std::string& citizen_id, Millis at) {
  Params p{opt(citizen_id), citizen_id.empty() ? V{std::monostate{}} : num(at), num(at), txt(user_id)};
  MC_TRY(c.exec("UPDATE zalo_followers SET citizen_id = ?, linked_at = ?, updated_at = ? WHERE user_id = ?", p));
  return ok_status();
}

Status insert_zalo_link_code(sql::Connection& c, const ZaloLinkCodeRec& r) {
  Params p{txt(r.code_hash), txt(r.user_id), num(r.created_at), num(r.expires_at)};
  MC_TRY(c.exec("INSERT INTO zalo_link_codes (code_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)", p));
  return ok_status();
}

Result<std::optional<ZaloLinkCodeRec>> get_zalo_link_code(sql::Connection& c, const std::string& code_hash) {
  Params p{txt(code_hash)};
  MC_ASSIGN(auto rows, c.query("SELECT code_hash, user_id, created_at, expires_at, used_at FROM zalo_link_codes"
                               " WHERE code_hash = ?",
                               p));
  if (rows.empty()) return std::optional<ZaloLinkCodeRec>{};
  auto& r = rows.front();
  return std::optional<ZaloLinkCodeRec>{ZaloLinkCodeRec{r.text(0), r.text(1), r.i64(2), r.i64(3), i64_or0(r, 4)}};
}

Result<bool> use_zalo_link_code(sql::Connection& c, const std::string& code_hash, Millis at) {
  Params p{num(at), txt(code_hash)};
  MC_ASSIGN(auto n, c.exec("UPDATE zalo_link_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL", p));
  return n == 1;
}

Result<std::optional<ZaloTokensRec>> get_zalo_tokens(sql::Connection& c) {
  MC_ASSIGN(auto rows, c.query("SELECT access_token, refresh_token, expires_at, updated_at FROM zalo_oauth WHERE id = 1"));
  if (rows.empty()) return std::optional<ZaloTokensRec>{};
  auto& r = rows.front();
  return std::optional<ZaloTokensRec>{ZaloTokensRec{r.text(0), r.text(1), r.i64(2), r.i64(3)}};
}

Status put_zalo_tokens(sql::Connection& c, const ZaloTokensRec& r) {
  Params p{txt(r.access_token), txt(r.refresh_token), num(r.expires_at), num(r.updated_at)};
  MC_TRY(c.exec("INSERT INTO zalo_oauth (id, access_token, refresh_token, expires_at, updated_at) VALUES (1,?,?,?,?)"
                " ON CONFLICT (id) DO UPDATE SET access_token = excluded.access_token,"
                " refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,"
                " updated_at = excluded.updated_at",
                p));
  return ok_status();
}

}  // namespace motcua::store
