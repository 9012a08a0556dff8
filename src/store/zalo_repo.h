// The Zalo Official Account's rows (migration 019, app/zalo): events taken from the webhook,
// followers and their link to a citizen, one-time link codes, the OA's tokens.
#pragma once
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

// Records an event's key; false when it was already recorded (a replay: the caller writes nothing).
Result<bool> insert_zalo_event_once(sql::Connection& c, const std::string& key, const std::string& event_name,
                                    const std::string& user_id, Millis at);
Result<bool> zalo_event_seen(sql::Connection& c, const std::string& key);
// Events of one follower received at or after `since`.
Result<int64_t> zalo_events_since(sql::Connection& c, const std::string& user_id, Millis since);
// Forgets events received before `before` (past the replay window), at most `limit` of them.
Status prune_zalo_events(sql::Connection& c, Millis before, int limit);

struct ZaloFollowerRec {
  std::string user_id;
  bool following = false;
  std::string citizen_id;  // "" = not linked
  Millis linked_at = 0, updated_at = 0;
};
Result<std::optional<ZaloFollowerRec>> get_zalo_follower(sql::Connection& c, const std::string& user_id);
// The follower linked to this citizen (the one Zalo account per citizen), if any.
Result<std::optional<ZaloFollowerRec>> zalo_follower_of_citizen(sql::Connection& c, const std::string& citizen_id);
// Creates the follower or changes whether they follow; a follower who stops following is unlinked.
Status put_zalo_following(sql::Connection& c, const std::string& user_id, bool following, Millis at);
// Links (citizen_id non-empty) or unlinks the follower.
Status set_zalo_link(sql::Connection& c, const std::string& user_id, const std::string& citizen_id, Millis at);

struct ZaloLinkCodeRec {
  std::string code_hash, user_id;
  Millis created_at = 0, expires_at = 0, used_at = 0;
};
Status insert_zalo_link_code(sql::Connection& c, const ZaloLinkCodeRec& r);
Result<std::optional<ZaloLinkCodeRec>> get_zalo_link_code(sql::Connection& c, const std::string& code_hash);
// Marks the code used; false when it already was (two confirmations racing: one wins).
Result<bool> use_zalo_link_code(sql::Connection& c, const std::string& code_hash, Millis at);

struct ZaloTokensRec {
  std::string access_token, refresh_token;
  Millis expires_at = 0, updated_at = 0;
};
Result<std::optional<ZaloTokensRec>> get_zalo_tokens(sql::Connection& c);
Status put_zalo_tokens(sql::Connection& c, const ZaloTokensRec& r);

}  // namespace motcua::store
