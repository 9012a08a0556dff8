// The outbox relay: sends what the use cases wrote to the outbox table to the systems they are
// for, once per row as far as the remote side can tell (at least once, with a stable key).
//
// - Sinks (app/outbox/sink.h) are registered per topic prefix: a row of topic "dvcqg.sync" goes to
//   the sink "dvcqg". Rows whose sink is not registered stay pending, untouched.
// - A worker claims due rows in a short transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so
//   several processes share the work) and holds them for `lease`; the sink is called outside any
//   transaction; the outcome and the attempt (when, outcome, error, duration, worker) are written
//   in another. A worker killed mid-way loses nothing: its rows are due again when the lease ends.
// - Order per dossier and sink: a row is not claimed while an earlier pending row of the same
//   dossier and sink exists, nor an earlier parked one when the sink says its remote side checks
//   the order (Sink::parked_holds_order: the national portal). Sinks never wait for each other:
//   a parked national sync does not hold back the SMS notice of the same dossier.
// - A failed attempt is retried after an exponential delay with jitter (backoff.h); after
//   `retry.max_attempts` failures, or a permanent refusal, the row is parked (audited) until a
//   province administrator retries it.
#pragma once
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/actor.h"
#include "app/clock.h"
#include "app/outbox/backoff.h"
#include "app/outbox/sink.h"
#include "common/result.h"
#include "store/outbox_repo.h"
#include "store/sql/database.h"

namespace motcua::app::outbox_relay {

struct RelayOptions {
  RetryPolicy retry;
  Millis lease = 120'000;  // how long a claimed row is held before another worker may take it
  int batch = 20;          // rows claimed per sink per pass
  Millis poll = 1'000;     // pause after a pass that found nothing to send
  int threads = 1;         // background workers of this process
};

// One row as the administrator sees it, with its latest attempts (newest first).
struct RowView {
  store::OutboxRec row;
  std::vector<store::AttemptRec> attempts;
};

class Relay {
 public:
  Relay(sql::Database& db, const Clock& clock, RelayOptions opt = {});
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  // Before start(): the sink of rows whose topic is `prefix` or starts with `prefix` + ".".
  void add_sink(const std::string& prefix, std::shared_ptr<Sink> sink);
  bool has_sinks() const { return !sinks_.empty(); }
  void set_options(const RelayOptions& o) { opt_ = o; }
  const RelayOptions& options() const { return opt_; }

  // One pass: for every sink (or only `sink`), claims its due rows and delivers them. Returns the
  // number of rows attempted. `worker` names the claimant in the store (default: this process).
  Result<int> run_once(const std::string& worker = "", const std::string& sink = "");
  // Background workers running passes until stop(): RelayOptions::threads per sink, so that a
  // slow remote (an SMTP server timing out) does not hold back another's rows. Idempotent.
  void start();
  void stop();

  // --- administration (province administrators only; the retry is audited) ---
  // `state`: parked | pending | failed. Newest first, ids below `before` (0 = newest).
  Result<std::vector<RowView>> list(const Actor& a, const std::string& state, int64_t before, int limit);
  // Forbidden unless `a` is a province administrator (checked first by list and retry).
  Status authorise(const Actor& a) const;
  // Makes a parked (or failing) row due now with a fresh count of attempts. 404 for no such row,
  // 409 for a row already sent.
  Result<RowView> retry(const Actor& a, int64_t id);

 private:
  Status deliver(const std::string& worker, Sink& sink, const store::OutboxRec& r);
  void loop(int index, const std::string& sink);

  sql::Database& db_;
  const Clock& clock_;
  RelayOptions opt_;
  std::map<std::string, std::shared_ptr<Sink>> sinks_;
  std::string process_id_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace motcua::app::outbox_relay
