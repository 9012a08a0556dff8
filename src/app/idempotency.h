// Idempotency-Key on creating requests: a client that did not hear the answer repeats the
// request with the same key and gets the first answer instead of a second object. Keys are per
// user. The key is checked and recorded inside the transaction that creates, after any lock the
// use case takes, so two concurrent repeats create one object: with SQLite's single writer the
// second sees the first's record; on PostgreSQL the table's primary key (subject, key) makes the
// second insert fail and its transaction roll back (409).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "app/actor.h"
#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::app {

struct Idempotency {
  std::string subject;       // the user (Actor::label)
  std::string key;           // "" = no key: nothing is checked or recorded
  std::string request_hash;  // what the key stands for
  bool on() const { return !key.empty(); }
};

// The hash names the kind of request and its object too, so a key reused for another kind of
// request, or on another object, is a mismatch rather than a replay.
Idempotency idempotency(const Actor& a, const std::string& key, std::string_view kind, std::string_view object,
                        std::string_view body_hash);

// The id the first request with this key recorded (its reply is re-read from it), or nullopt
// when the request is new or has no key (then without a query). 409 idempotency_mismatch when
// the key was used for a different request.
Result<std::optional<std::string>> earlier_reply(sql::Connection& c, const Idempotency& k);

// Records the reply (the created object's id) in the creating transaction; no-op without a key.
Status record_reply(sql::Connection& c, const Idempotency& k, const std::string& id, Millis now,
                    int64_t status = 201);

// What a creating transaction made: the object's id, or the id the first request with the same
// key recorded (`replayed`). Either way the use case reads its answer back from the id, so a
// repeat answers the same status and the same object as the first request.
struct Created {
  std::string id;
  bool replayed = false;
};

// The one way a creating use case honours Idempotency-Key. Call it inside the creating
// transaction, after any lock the use case takes and before the checks the first request's
// object would now fail (a code or username in use, a duplicate link): a repeat of the same
// request returns the recorded id without calling `create`; the key used for another request is
// 409 idempotency_mismatch; otherwise `create()` (→ Result<std::string>, the new object's id)
// runs and its id is recorded in the same transaction. Without a key it only runs `create`.
//   MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> { ...; return rec.id; }));
template <class Create>
Result<Created> with_idempotency(sql::Connection& c, const Idempotency& k, Millis now, Create&& create) {
  MC_ASSIGN(auto earlier, earlier_reply(c, k));
  if (earlier) return Created{std::move(*earlier), true};
  MC_ASSIGN(std::string id, create());
  MC_TRY(record_reply(c, k, id, now));
  return Created{std::move(id), false};
}

}  // namespace motcua::app
