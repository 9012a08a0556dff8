// The SQLite engine: one group-committing writer, a pool of query_only readers, and a
// background checkpointer, all on one WAL database file.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>

#include "store/sql/conn_pool.h"
#include "store/sql/database.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/group_writer.h"
#include "store/sqlite/sqlite_conn.h"

namespace motcua::sql::sqlite {

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> open(const SqliteOptions& o);
  ~SqliteDatabase() override;

  Status write(const Job& job) override;
  void write_async(Job job, std::function<void(Status)> done) override;
  bool writes_async() const override { return true; }
  Status write_bulk(const Job& job) override;
  Status read(const Job& job) override;
  Engine engine() const override { return Engine::sqlite; }
  WriteStats stats() const override;
  void close() override;
  int64_t checkpoints() const { return ckpt_ ? ckpt_->checkpoints() : 0; }

 private:
  SqliteDatabase() = default;
  std::unique_ptr<Checkpointer> ckpt_;
  std::unique_ptr<GroupWriter> writer_;
  ConnPool<SqliteConn> readers_;
  std::mutex close_mu_;
  bool closed_ = false;
};

}  // namespace motcua::sql::sqlite
