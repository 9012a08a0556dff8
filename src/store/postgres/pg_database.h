// The PostgreSQL engine: a fixed pool of connections; each write() is one transaction
// (retried on serialization failure or deadlock), each read() a read-only snapshot.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>

#include "store/postgres/pg_conn.h"
#include "store/sql/conn_pool.h"
#include "store/sql/database.h"

namespace motcua::sql::pg {

class PgDatabase final : public Database {
 public:
  static constexpr int kMaxAttempts = 4;  // the first try and up to 3 retries

  static Result<std::unique_ptr<PgDatabase>> open(const PostgresOptions& o);
  ~PgDatabase() override;

  Status write(const Job& job) override;
  Status read(const Job& job) override;
  Engine engine() const override { return Engine::postgres; }
  WriteStats stats() const override;
  void close() override;

 private:
  PgDatabase() = default;
  // One transaction: `begin`, the job, COMMIT or ROLLBACK.
  Status transaction(PgConn& c, const char* begin, const Job& job);

  ConnPool<PgConn> pool_;
  std::atomic<int64_t> jobs_{0}, failed_{0}, commits_{0}, retries_{0};
  std::mutex close_mu_;
  bool closed_ = false;
};

}  // namespace motcua::sql::pg
