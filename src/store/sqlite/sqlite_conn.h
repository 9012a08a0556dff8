// One SQLite connection with a prepared-statement cache keyed by SQL text.
// Not thread-safe: the engine hands each connection to one thread at a time.
#pragma once
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql/database.h"

namespace motcua::sql::sqlite {

struct ConnConfig {
  std::string path;
  bool synchronous_full = true;
  bool query_only = false;
  int busy_timeout_ms = 5000;
};

class SqliteConn final : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConn>> open(const ConnConfig& c);
  ~SqliteConn() override;
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  Result<std::vector<Row>> query(std::string_view sql, std::span<const Value> params) override;
  Result<int64_t> exec(std::string_view sql, std::span<const Value> params) override;
  Status exec_script(std::string_view sql) override;
  Engine engine() const override { return Engine::sqlite; }

  sqlite3* handle() const { return db_; }
  // Error for a SQLite result code, with the connection's current message.
  Error error(int rc, std::string_view sql = {}) const;

 private:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  // Statements beyond this many distinct SQL texts are prepared per use and not kept (guards
  // against SQL built dynamically, e.g. IN lists of varying length).
  static constexpr size_t kMaxCached = 512;
  struct Prepared {
    sqlite3_stmt* stmt;
    bool cached;
  };
  Result<Prepared> prepare(std::string_view sql);
  // Binds, steps to the end, collects rows when `rows` is non-null.
  Status run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

}  // namespace motcua::sql::sqlite
