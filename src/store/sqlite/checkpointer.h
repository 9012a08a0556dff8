// Background WAL checkpoints from a connection of their own, so the committing writer never
// stalls on one (the writer runs with wal_autocheckpoint=0). PASSIVE about every second or as
// soon as the WAL passes a threshold; TRUNCATE when writes have been idle for a while.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite/sqlite_conn.h"

namespace motcua::sql::sqlite {

class Checkpointer {
 public:
  static constexpr int kWalPagesThreshold = 4000;  // ~16 MB at 4 KiB pages

  explicit Checkpointer(std::unique_ptr<SqliteConn> conn);
  ~Checkpointer();  // stops
  // Called by the writer after each commit with the WAL size in pages.
  void on_commit(int wal_pages);
  void stop();
  int64_t checkpoints() const { return checkpoints_.load(); }

 private:
  void loop();
  bool checkpoint(int mode);  // true when it ran

  std::unique_ptr<SqliteConn> conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool urgent_ = false;
  int64_t commits_ = 0;  // under mu_
  std::atomic<int64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace motcua::sql::sqlite
