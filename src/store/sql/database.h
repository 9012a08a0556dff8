// The SQL driver contract: one interface, two engines (SQLite embedded, PostgreSQL production).
// Everything above this layer writes its SQL once, with '?' positional parameters; the
// PostgreSQL driver rewrites them to $1..$n. Use only SQL both engines accept (ON CONFLICT,
// RETURNING, INTEGER/BIGINT/TEXT; no BLOB: store bytes as hex text).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace motcua::sql {

// NULL, 64-bit integer, double, UTF-8 text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline Value null() { return std::monostate{}; }

struct Row {
  std::vector<Value> cols;
  bool is_null(size_t i) const { return std::holds_alternative<std::monostate>(cols.at(i)); }
  // Integer column (PostgreSQL text results of integer columns are converted by the driver).
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  // Text column; "" for NULL.
  const std::string& text(size_t i) const;
};

enum class Engine { sqlite, postgres };

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with positional '?' parameters and returns every row it yields.
  // Statements are prepared once per connection and cached by SQL text.
  // Errors: unique/foreign-key violations -> ErrorKind::conflict with code "constraint";
  // busy/locked/connection loss -> ErrorKind::unavailable; others -> ErrorKind::internal.
  // `detail` of driver errors is a generic Vietnamese message; the driver's own text goes to
  // Error::code's companion log, never to users.
  virtual Result<std::vector<Row>> query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Same as query but returns the number of rows changed.
  virtual Result<int64_t> exec(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  virtual Engine engine() const = 0;
  // This session's number: PostgreSQL the lowest no other live session holds (0, 1, 2, … over all
  // pools; else the pid), SQLite 0. Spreads the KPI counter writes (store/kpi_repo.h kpi_slot).
  virtual int64_t session_id() const { return 0; }
};

struct SqliteOptions {
  std::string path;              // file path; created if absent
  bool synchronous_full = true;  // FULL: an acknowledged write survives power loss
  int readers = 4;               // read connections in the pool
  int max_batch = 256;           // most write jobs committed in one transaction
};

struct PostgresOptions {
  std::string conninfo;  // libpq connection string
  int pool_size = 8;
};

// Counters of the write path since open (for tests, metrics and the bench).
struct WriteStats {
  int64_t jobs = 0;          // write() calls that ran a job
  int64_t failed_jobs = 0;   // jobs answered with an error (job error or commit failure)
  int64_t commits = 0;       // transactions committed (SQLite: batches; PostgreSQL: jobs)
  int64_t retries = 0;       // PostgreSQL: serialization/deadlock retries; SQLite: batches run
                             // again with savepoints after a rerunnable job failed without one
  int64_t wal_frames = 0;    // SQLite: pages appended to the WAL by commits
  int64_t writer_cpu_us = 0; // SQLite: CPU time of the writer thread in batches (user + kernel)
  int64_t writer_busy_us = 0;  // SQLite: wall time the writer spent in batches
  int64_t commit_wall_us = 0;  // SQLite: wall time in COMMIT (WAL writes and their fsync)
};

class Database {
 public:
  virtual ~Database() = default;
  static Result<std::unique_ptr<Database>> open_sqlite(const SqliteOptions& o);
  static Result<std::unique_ptr<Database>> open_postgres(const PostgresOptions& o);

  using Job = std::function<Status(Connection&)>;
  // Runs `job` in a write transaction and returns once that transaction is durable (committed
  // and, for SQLite at synchronous=FULL, fsynced). If `job` returns an error, none of its
  // changes persist and that error is returned. SQLite: jobs from many threads are queued to
  // one writer thread that runs a batch of them in one transaction (group commit), each inside
  // its own SAVEPOINT so a failing job rolls back only itself; every caller is answered after
  // the batch commits. PostgreSQL: one pooled connection, BEGIN .. COMMIT; a serialization or
  // deadlock failure is retried a few times.
  virtual Status write(const Job& job) = 0;
  // The same transaction, without blocking the caller when the engine can (writes_async()):
  // `done` gets write()'s result on the engine's writer thread once the transaction is durable;
  // it must be quick and must not use this Database (hand further work to another thread).
  // Otherwise (PostgreSQL) this runs write() on the calling thread, then `done`.
  // `job` must be rerunnable: it may run again from its start after its changes were rolled
  // back, so it writes only through the Connection and overwrites, never appends to, what it
  // hands to `done`. SQLite relies on it to run such jobs without a SAVEPOINT each.
  virtual void write_async(Job job, std::function<void(Status)> done) { done(write(job)); }
  virtual bool writes_async() const { return false; }
  // write() for a one-off transaction that changes much of the store (a migration rebuilding a
  // table). SQLite runs it alone, with its temporary journals in files rather than in memory
  // while it runs (rebuilding 1,000,000 dossiers otherwise held ~0.9 GB).
  virtual Status write_bulk(const Job& job) { return write(job); }
  // Runs `job` on a read connection inside a read transaction (one consistent snapshot).
  // Writes attempted here fail.
  virtual Status read(const Job& job) = 0;
  virtual Engine engine() const = 0;
  virtual WriteStats stats() const = 0;
  // Stops background threads after finishing queued writes. Idempotent; called by the destructor.
  virtual void close() = 0;
};

}  // namespace motcua::sql
