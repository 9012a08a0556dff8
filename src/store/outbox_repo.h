// The outbox's relay side (app/outbox): claiming due rows, recording attempts and outcomes, the
// administrator's lists. Rows are written by insert_outbox (repo.h) inside each use case.
// States: pending (to send; `attempts` > 0 means it has failed before), sent, parked (gave up
// after too many failures or a permanent refusal; waits for an administrator).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct OutboxRec {
  int64_t id = 0;
  std::string topic, payload, state, sink, okey;
  Millis created_at = 0, sent_at = 0, next_attempt_at = 0, parked_at = 0;
  int64_t attempts = 0;
  std::string last_error;
};

struct AttemptRec {
  int64_t id = 0, outbox_id = 0;
  std::string channel;  // "" for the row itself; a notification's channel for its delivery
  Millis at = 0;
  int64_t duration_ms = 0;
  std::string outcome;  // ok | error | rejected
  std::string error, worker;
};

// Claims up to `limit` rows of `sink` that are pending, due (next_attempt_at <= now), not held
// by another worker (claimed_until <= now), and have no earlier pending row with the same
// ordering key and sink — nor, with `parked_holds`, an earlier parked one. Rows of other sinks
// never hold them back. The claim holds until `lease_until`. PostgreSQL: FOR UPDATE SKIP LOCKED,
// so several processes claim disjoint rows. Ordered by id.
Result<std::vector<OutboxRec>> claim_outbox(sql::Connection& c, const std::string& sink, const std::string& worker,
                                            Millis now, Millis lease_until, int limit, bool parked_holds = false);
Status insert_attempt(sql::Connection& c, const AttemptRec& a);
// Outcomes of a claimed row; each changes the row only while `worker` still holds it and returns
// whether it did.
Result<bool> mark_outbox_sent(sql::Connection& c, int64_t id, const std::string& worker, Millis at);
Result<bool> mark_outbox_failed(sql::Connection& c, int64_t id, const std::string& worker, const std::string& error,
                                Millis next_attempt_at);
Result<bool> mark_outbox_parked(sql::Connection& c, int64_t id, const std::string& worker, const std::string& error,
                                Millis at);
// The administrator's retry: a parked or pending row becomes due now with a fresh count of
// attempts (its earlier attempts stay recorded). False when there is no such row or it is sent.
Result<bool> retry_outbox(sql::Connection& c, int64_t id, Millis now);
Result<std::optional<OutboxRec>> get_outbox(sql::Connection& c, int64_t id);
// Rows in `state`: "parked", "pending" (never failed or failing), "failed" (pending with at least
// one failed attempt). Newest first, ids below `before` (0 = from the newest).
Result<std::vector<OutboxRec>> list_outbox(sql::Connection& c, const std::string& state, int64_t before, int limit);
Result<std::vector<AttemptRec>> list_attempts(sql::Connection& c, int64_t outbox_id, int limit);

}  // namespace motcua::store
