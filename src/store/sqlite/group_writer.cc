#include "store/sqlite/group_writer.h"

#include <pthread.h>
#include <time.h>

#include <cstdio>
#include <exception>

#include "store/sql/driver_error.h"

namespace motcua::sql::sqlite {
namespace {

// Transaction control through the statement cache (prepared once per connection).
Status run(SqliteConn& c, std::string_view sql) {
  auto r = c.exec(sql, {});
  if (!r.ok()) return r.take_error();
  return ok_status();
}

int64_t clock_us(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}
int64_t thread_cpu_us() { return clock_us(CLOCK_THREAD_CPUTIME_ID); }
int64_t wall_us() { return clock_us(CLOCK_MONOTONIC); }

// The transaction ended under the writer (I/O error, disk full, or a job that ran
// COMMIT/ROLLBACK): nothing of it can be vouched for.
Error transaction_lost() {
  return driver_error(ErrorKind::internal, "transaction_lost", "sqlite", "transaction ended inside a write job");
}

}  // namespace

GroupWriter::GroupWriter(std::unique_ptr<SqliteConn> conn, int max_batch, Checkpointer* ckpt)
    : conn_(std::move(conn)), max_batch_(max_batch > 0 ? size_t(max_batch) : 1), ckpt_(ckpt) {
  // Replaces SQLite's automatic checkpoint (wal_autocheckpoint=0 is also set): we only learn
  // the WAL size and let the background checkpointer act on it.
  sqlite3_wal_hook(conn_->handle(), &GroupWriter::on_wal, this);
  thread_ = std::thread([this] { loop(); });
  writer_id_ = thread_.get_id();
}

GroupWriter::~GroupWriter() {
  stop();
  close_connection();
}

int GroupWriter::on_wal(void* self, sqlite3*, const char*, int pages) {
  auto* w = static_cast<GroupWriter*>(self);
  // `pages` is the WAL's size; it starts again from zero after a checkpoint resets the log.
  w->wal_frames_ += pages >= w->wal_pages_ ? pages - w->wal_pages_ : pages;
  w->wal_pages_ = pages;
  return SQLITE_OK;
}

Status GroupWriter::submit(const Database::Job& job, bool bulk) {
  if (std::this_thread::get_id() == writer_id_)
    return driver_error(ErrorKind::internal, "nested_write", "sqlite",
                        "write() called from inside a write job");
  Request req{&job, {}, {}, {}, bulk, false};
  auto fut = req.done.get_future();
  {
    std::lock_guard lk(mu_);
    if (stopping_)
      return make_error(ErrorKind::unavailable, "Cơ sở dữ liệu đã đóng", "closed");
    queue_.push_back(&req);
  }
  cv_.notify_one();
  return fut.get();
}

void GroupWriter::submit_async(Database::Job job, std::function<void(Status)> done) {
  auto* req = new Request{nullptr, {}, std::move(job), std::move(done), false, true};
  req->job = &req->owned;
  {
    std::lock_guard lk(mu_);
    if (!stopping_) {
      queue_.push_back(req);
      req = nullptr;
    }
  }
  if (req) return answer(req, make_error(ErrorKind::unavailable, "Cơ sở dữ liệu đã đóng", "closed"));
  cv_.notify_one();
}

void GroupWriter::answer(Request* r, Status st) {
  if (!r->then) return r->done.set_value(std::move(st));
  try {
    r->then(std::move(st));
  } catch (const std::exception& e) {  // a caller's bug: the writer keeps going
    std::fprintf(stderr, "[sqlite] write callback threw: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "[sqlite] write callback threw\n");
  }
  delete r;
}

void GroupWriter::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void GroupWriter::close_connection() { conn_.reset(); }

WriteStats GroupWriter::stats() const {
  WriteStats s;
  s.jobs = jobs_.load();
  s.failed_jobs = failed_.load();
  s.commits = commits_.load();
  s.wal_frames = wal_frames_.load();
  s.retries = retries_.load();
  s.writer_cpu_us = cpu_us_.load();
  s.writer_busy_us = busy_us_.load();
  s.commit_wall_us = commit_us_.load();
  return s;
}

void GroupWriter::loop() {
  pthread_setname_np(pthread_self(), "mc-writer");  // for top -H and perf --comm
  std::vector<Request*> batch;
  batch.reserve(max_batch_);
  for (;;) {
    {
      std::unique_lock lk(mu_);
      cv_.wait(lk, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && batch.size() < max_batch_) {
        if (!batch.empty() && (batch[0]->bulk || queue_.front()->bulk)) break;  // bulk runs alone
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    const int64_t cpu0 = thread_cpu_us(), wall0 = wall_us();
    // temp_store can change only outside a transaction; MEMORY is the writer's setting.
    const bool bulk = batch[0]->bulk;
    if (bulk) (void)run(*conn_, "PRAGMA temp_store=FILE");
    run_batch(batch);
    if (bulk) (void)run(*conn_, "PRAGMA temp_store=MEMORY");
    cpu_us_ += thread_cpu_us() - cpu0;
    busy_us_ += wall_us() - wall0;
    batch.clear();
  }
}

Status GroupWriter::run_job(const Database::Job& job) {
  try {
    return job(*conn_);
  } catch (const std::exception& e) {
    return job_exception("sqlite", e.what());
  } catch (...) {
    return job_exception("sqlite", nullptr);
  }
}

void GroupWriter::run_batch(std::vector<Request*>& batch) {
  const size_t n = batch.size();
  std::vector<Status> results(n, ok_status());
  jobs_ += static_cast<int64_t>(n);
  SqliteConn& c = *conn_;
  sqlite3* db = c.handle();

  size_t txn_start = 0;   // first job of the open transaction
  bool in_txn = false;
  // A job alone in its batch needs no SAVEPOINT: the transaction itself undoes it. Besides
  // saving two statements, this keeps a large job (a migration that rebuilds a table) from
  // copying every page it changes into the savepoint's journal: migration 007 on 1,000,000
  // dossiers peaked at 1.5 GB with it, 0.87 GB without (the rest, its statement journals, go
  // to files through write_bulk).
  const bool alone = n == 1;
  // Rerunnable jobs (submit_async) at the head of the batch run without a SAVEPOINT each: the
  // savepoint's journal copies every page a job touches first, a tenth of the writer's time
  // (measured). If one of them fails, the transaction holds nothing but such jobs: it is rolled
  // back and the whole batch runs again, every job in its own savepoint (`retries` counts it).
  // After that the next kSavepointBatchesAfterRetry batches keep their savepoints, so a stream
  // of failing jobs cannot make the writer do every batch twice.
  bool bare_head = !alone && batch[0]->rerunnable && savepoint_batches_ == 0;
  if (savepoint_batches_ > 0) --savepoint_batches_;
  auto fail_open_txn = [&](size_t end, const Error& e) {  // jobs [txn_start, end) lost
    for (size_t k = txn_start; k < end; ++k)
      if (results[k].ok()) results[k] = e;
    in_txn = false;
  };

  for (size_t i = 0; i < n; ++i) {
    if (!in_txn) {
      Status b = run(c, "BEGIN IMMEDIATE");
      if (!b.ok()) {
        results[i] = b.error();
        continue;
      }
      in_txn = true;
      txn_start = i;
    }
    if (bare_head && batch[i]->rerunnable) {
      Status st = run_job(*batch[i]->job);
      if (st.ok() && !sqlite3_get_autocommit(db)) continue;
      if (!sqlite3_get_autocommit(db)) (void)run(c, "ROLLBACK");
      ++retries_;
      savepoint_batches_ = kSavepointBatchesAfterRetry;
      bare_head = in_txn = false;
      results.assign(n, ok_status());
      i = size_t(-1);  // the loop's ++i starts the batch again
      continue;
    }
    bare_head = false;  // from here on, a failure must not undo the jobs before it
    if (alone) {
      Status st = run_job(*batch[i]->job);
      if (!st.ok()) {
        results[i] = st.error();
        if (!sqlite3_get_autocommit(db)) (void)run(c, "ROLLBACK");
        in_txn = false;
      } else if (sqlite3_get_autocommit(db)) {
        fail_open_txn(i + 1, transaction_lost());
      }
      continue;
    }
    if (Status sp = run(c, "SAVEPOINT job"); !sp.ok()) {
      results[i] = sp.error();
      continue;
    }
    Status st = run_job(*batch[i]->job);
    if (sqlite3_get_autocommit(db)) {
      Error lost = transaction_lost();
      results[i] = st.ok() ? lost : st.error();
      fail_open_txn(i, lost);
      continue;
    }
    if (!st.ok()) {
      results[i] = st.error();
      Status rb = run(c, "ROLLBACK TO job");
      if (rb.ok()) rb = run(c, "RELEASE job");
      if (!rb.ok()) {
        if (!sqlite3_get_autocommit(db)) (void)run(c, "ROLLBACK");
        fail_open_txn(i + 1, rb.error());
      }
    } else if (Status rel = run(c, "RELEASE job"); !rel.ok()) {
      results[i] = rel.error();
      if (!sqlite3_get_autocommit(db)) (void)run(c, "ROLLBACK");
      fail_open_txn(i + 1, rel.error());
    }
  }

  if (in_txn) {
    const int64_t commit0 = wall_us();
    Status cm = run(c, "COMMIT");
    commit_us_ += wall_us() - commit0;
    if (cm.ok()) {
      ++commits_;
      if (ckpt_) ckpt_->on_commit(wal_pages_);
    } else {
      if (!sqlite3_get_autocommit(db)) (void)run(c, "ROLLBACK");
      fail_open_txn(n, cm.error());
    }
  }

  for (size_t i = 0; i < n; ++i) {
    if (!results[i].ok()) ++failed_;
    answer(batch[i], std::move(results[i]));
  }
}

}  // namespace motcua::sql::sqlite
