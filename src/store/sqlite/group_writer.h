// The single SQLite writer: callers queue jobs and block; one thread commits them in batches
// (group commit), each job inside its own SAVEPOINT so a failing job undoes only itself (a job
// alone in its batch has the transaction to itself and needs none; asynchronous jobs at the
// head of a batch run without one, and the batch runs again with savepoints if one fails), and
// answers every caller once the batch's COMMIT has returned (fsynced at synchronous=FULL):
// a blocked caller through its future, an asynchronous one by a callback on the writer thread.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/checkpointer.h"
#include "store/sqlite/sqlite_conn.h"

namespace motcua::sql::sqlite {

class GroupWriter {
 public:
  GroupWriter(std::unique_ptr<SqliteConn> conn, int max_batch, Checkpointer* ckpt);
  ~GroupWriter();
  // Runs `job` in the next batch; returns after that batch commits (or fails). A `bulk` job
  // runs in a batch of its own with temp_store=FILE (Database::write_bulk).
  Status submit(const Database::Job& job, bool bulk = false);
  // Queues `job` and returns at once; `done` runs on the writer thread after the batch commits
  // (or fails), or here at once when the writer has stopped. `job` may run more than once
  // (Database::write_async).
  void submit_async(Database::Job job, std::function<void(Status)> done);
  // Refuses new jobs, finishes queued ones, joins the thread. Idempotent.
  void stop();
  // Closes the connection (after stop()).
  void close_connection();
  WriteStats stats() const;

 private:
  struct Request {
    const Database::Job* job;            // the caller's (submit) or `owned` (submit_async)
    std::promise<Status> done;           // submit
    Database::Job owned;                 // submit_async
    std::function<void(Status)> then;    // submit_async; the Request is deleted after it
    bool bulk = false;                   // alone in its batch, temporary journals in files
    bool rerunnable = false;             // submit_async: may run again from its start
  };
  void answer(Request* r, Status st);
  void loop();
  void run_batch(std::vector<Request*>& batch);
  Status run_job(const Database::Job& job);
  static int on_wal(void* self, sqlite3*, const char*, int pages);

  std::unique_ptr<SqliteConn> conn_;
  const size_t max_batch_;
  Checkpointer* ckpt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Request*> queue_;
  bool stopping_ = false;
  int wal_pages_ = 0;  // writer thread only
  static constexpr int kSavepointBatchesAfterRetry = 8;
  int savepoint_batches_ = 0;  // writer thread only: batches still to run with savepoints
  std::atomic<int64_t> jobs_{0}, failed_{0}, commits_{0}, wal_frames_{0}, cpu_us_{0}, busy_us_{0},
      commit_us_{0}, retries_{0};
  std::thread thread_;
  std::thread::id writer_id_;  // set once in the constructor
};

}  // namespace motcua::sql::sqlite
