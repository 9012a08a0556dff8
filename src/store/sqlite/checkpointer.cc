#include "store/sqlite/checkpointer.h"

#include <pthread.h>

#include <chrono>

#include "store/sql/driver_error.h"

namespace motcua::sql::sqlite {

Checkpointer::Checkpointer(std::unique_ptr<SqliteConn> conn) : conn_(std::move(conn)) {
  // Never wait long for the writer: a checkpoint that cannot run now runs next time.
  sqlite3_busy_timeout(conn_->handle(), 20);
  thread_ = std::thread([this] { loop(); });
}

Checkpointer::~Checkpointer() { stop(); }

void Checkpointer::on_commit(int wal_pages) {
  bool wake = false;
  {
    std::lock_guard lk(mu_);
    ++commits_;
    if (wal_pages >= kWalPagesThreshold && !urgent_) urgent_ = wake = true;
  }
  if (wake) cv_.notify_one();
}

void Checkpointer::stop() {
  {
    std::lock_guard lk(mu_);
    if (stop_ && !thread_.joinable()) return;
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  conn_.reset();
}

bool Checkpointer::checkpoint(int mode) {
  int log = 0, done = 0;
  int rc = sqlite3_wal_checkpoint_v2(conn_->handle(), nullptr, mode, &log, &done);
  if (rc == SQLITE_OK) {
    ++checkpoints_;
    return true;
  }
  if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    (void)conn_->error(rc, mode == SQLITE_CHECKPOINT_TRUNCATE ? "wal_checkpoint(TRUNCATE)"
                                                              : "wal_checkpoint(PASSIVE)");
  return false;
}

void Checkpointer::loop() {
  pthread_setname_np(pthread_self(), "mc-checkpoint");
  using namespace std::chrono_literals;
  int64_t seen = 0;      // commits at the previous tick
  int idle_ticks = 0;    // consecutive ticks without commits
  bool truncated = true; // nothing written since the last TRUNCATE
  std::unique_lock lk(mu_);
  while (!stop_) {
    cv_.wait_for(lk, 1s, [&] { return stop_ || urgent_; });
    if (stop_) break;
    urgent_ = false;
    int64_t commits = commits_;
    lk.unlock();
    if (commits != seen) {
      seen = commits;
      idle_ticks = 0;
      truncated = false;
      checkpoint(SQLITE_CHECKPOINT_PASSIVE);
    } else if (!truncated && ++idle_ticks >= 3) {
      truncated = checkpoint(SQLITE_CHECKPOINT_TRUNCATE);
    }
    lk.lock();
  }
}

}  // namespace motcua::sql::sqlite
