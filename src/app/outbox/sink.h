// The port every integration implements to receive outbox rows (DESIGN.md "workers"): one sink
// per topic prefix ("notify", "dvcqg", …), registered with the relay (app/outbox/relay.h) by the
// composition root (cli/main.cc). The relay gives at-least-once delivery: a row may reach its
// sink again after a crash or a lost answer, so a sink hands `idempotency_key` (stable per row)
// to the remote side, which uses it to ignore repeats.
#pragma once
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace motcua::app::outbox_relay {

struct Message {
  int64_t id = 0;
  std::string topic;            // e.g. "notify", "dvcqg.sync"
  std::string payload;          // JSON text as the use case wrote it
  std::string ordering_key;     // the dossier the row is about ("" = none)
  int64_t attempts = 0;         // attempts made before this one
  Millis created_at = 0;
  std::string idempotency_key;  // "motcua-outbox-<id>": the same on every attempt of this row
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Delivers the row. OK: done, never sent again. An error: this attempt failed — the relay
  // records `detail` and tries again later with backoff; ErrorKind::invalid means the remote
  // refused the content itself (retrying cannot help): the row is parked at once.
  // May block on the network (the relay holds the row meanwhile); must be thread-safe.
  virtual Status deliver(const Message& m) = 0;
  // Whether a parked row holds back the later rows of the same dossier for this sink. True for a
  // remote side that checks the order of what it receives (the national portal refuses a state
  // that skips one: sending later rows past a parked one only parks them too); false where each
  // row stands alone (a notice to the citizen must go out even if an earlier one was refused).
  // A pending row always holds the later ones back, for every sink.
  virtual bool parked_holds_order() const { return false; }
};

}  // namespace motcua::app::outbox_relay
