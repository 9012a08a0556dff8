// One libpq connection: '?' rewriting, a prepared-statement cache keyed by SQL text, text
// parameters and typed results. Not thread-safe: the pool lends it to one thread at a time.
#pragma once
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql/database.h"

namespace motcua::sql::pg {

class PgConn final : public Connection {
 public:
  static Result<std::unique_ptr<PgConn>> connect(const std::string& conninfo);
  ~PgConn() override;
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  Result<std::vector<Row>> query(std::string_view sql, std::span<const Value> params) override;
  Result<int64_t> exec(std::string_view sql, std::span<const Value> params) override;
  Status exec_script(std::string_view sql) override;
  Engine engine() const override { return Engine::postgres; }
  // The number this session claimed among the database's live sessions (claim_number), else its pid.
  int64_t session_id() const override { return number_ >= 0 ? number_ : PQbackendPID(conn_); }

  // Transaction control for the engine (simple protocol, no cache).
  Status command(const char* sql);
  // True after a connection-class error: reset() before the next use.
  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  // PQreset, forget prepared statements, redo the session setup.
  Status reset();
  // SQLSTATE of the most recent failure since clear_failure() ("" when none).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  void clear_failure() { last_sqlstate_.clear(); }

 private:
  explicit PgConn(PGconn* c) : conn_(c) {}
  Status setup();
  void claim_number();
  static constexpr int kNumbers = 64;
  static constexpr int kNumberLockSpace = 0x4d430001;  // advisory lock key space ("MC", 1)
  // Beyond this many distinct SQL texts statements run unnamed (parse per use) and are not kept.
  static constexpr size_t kMaxCached = 512;
  // The cached statement's name, or "" for an unnamed one prepared just now.
  Result<std::string> prepare(std::string_view sql, int nparams_given);
  Result<PGresult*> run(std::string_view sql, std::span<const Value> params);
  Error error_from(PGresult* res, std::string_view sql);

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> stmts_;  // sql -> name
  int next_stmt_ = 0;
  bool broken_ = false;
  int number_ = -1;
  std::string last_sqlstate_;
};

}  // namespace motcua::sql::pg
