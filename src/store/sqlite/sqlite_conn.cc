#include "store/sqlite/sqlite_conn.h"

#include <cctype>
#include <mutex>
#include <string>

#include "store/sql/driver_error.h"
#include "store/sqlite/wal_write_buffer.h"

namespace motcua::sql::sqlite {
namespace {

constexpr std::string_view kEngine = "sqlite";

bool only_space_or_semicolons(const char* p) {
  for (; p && *p; ++p)
    if (!std::isspace(static_cast<unsigned char>(*p)) && *p != ';') return false;
  return true;
}

// Resets and clears bindings (or finalizes an uncached statement) however a run ends.
struct StmtGuard {
  sqlite3_stmt* s;
  bool cached;
  ~StmtGuard() {
    if (!cached) {
      sqlite3_finalize(s);
      return;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
};

Value column_value(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return int64_t{sqlite3_column_int64(s, i)};
    case SQLITE_FLOAT: return sqlite3_column_double(s, i);
    case SQLITE_NULL: return std::monostate{};
    default: {  // TEXT and BLOB: bytes as they are
      const auto* p = static_cast<const char*>(sqlite3_column_blob(s, i));
      int n = sqlite3_column_bytes(s, i);
      return std::string(p ? p : "", static_cast<size_t>(n));
    }
  }
}

// Process-wide settings, before SQLite's first use. Memory statistics off: with them on, every
// allocation inside SQLite takes a global mutex to count itself, and nothing here reads the
// counts. (SQLITE_MISUSE if SQLite was already initialised elsewhere: the default stays.)
void configure_library_once() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteConn>> SqliteConn::open(const ConnConfig& c) {
  configure_library_once();
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  // WAL writes gathered into one per commit only where every commit syncs the WAL (FULL).
  const char* vfs = c.synchronous_full ? wal_buffering_vfs() : nullptr;
  int rc = sqlite3_open_v2(c.path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return driver_error(ErrorKind::unavailable, "open", kEngine, msg + " (" + c.path + ")");
  }
  std::unique_ptr<SqliteConn> conn(new SqliteConn(db));
  sqlite3_busy_timeout(db, c.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // temp_store=MEMORY: the writer runs each job in a SAVEPOINT, whose sub-journal (the pages a
  // job changes) otherwise spills to a temporary file past 64 KB: that was a third of the
  // writer's time, in pwrite. Readers' UNION/ORDER BY scratch trees stay in memory too.
  std::string setup = "PRAGMA foreign_keys=ON;PRAGMA temp_store=MEMORY;";
  setup += c.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
  if (c.query_only) setup += "PRAGMA query_only=ON;";
  MC_TRY(conn->exec_script(setup));
  return conn;
}

SqliteConn::~SqliteConn() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  sqlite3_close_v2(db_);
}

Error SqliteConn::error(int rc, std::string_view sql) const {
  std::string raw = sqlite3_errmsg(db_);
  raw += " [" + std::to_string(rc) + "]";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return driver_error(ErrorKind::conflict, "constraint", kEngine, raw, sql);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return driver_error(ErrorKind::unavailable, "busy", kEngine, raw, sql);
    case SQLITE_READONLY: return driver_error(ErrorKind::internal, "read_only", kEngine, raw, sql);
    default: return driver_error(ErrorKind::internal, "db_error", kEngine, raw, sql);
  }
}

Result<SqliteConn::Prepared> SqliteConn::prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return Prepared{it->second, true};
  const bool keep = cache_.size() < kMaxCached;
  sqlite3_stmt* s = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              keep ? SQLITE_PREPARE_PERSISTENT : 0, &s, &tail);
  if (rc != SQLITE_OK) return error(rc, sql);
  if (!s) return driver_error(ErrorKind::internal, "empty_sql", kEngine, "empty statement", sql);
  std::string rest(tail ? tail : "", tail ? sql.data() + sql.size() - tail : 0);
  if (!only_space_or_semicolons(rest.c_str())) {
    sqlite3_finalize(s);
    return driver_error(ErrorKind::internal, "multiple_statements", kEngine,
                        "query/exec take one statement; use exec_script", sql);
  }
  if (keep) cache_.emplace(std::string(sql), s);
  return Prepared{s, keep};
}

Status SqliteConn::run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows) {
  MC_ASSIGN(Prepared prep, prepare(sql));
  sqlite3_stmt* s = prep.stmt;
  StmtGuard guard{s, prep.cached};
  int expected = sqlite3_bind_parameter_count(s);
  if (expected != static_cast<int>(params.size()))
    return driver_error(ErrorKind::internal, "bind_count", kEngine,
                        "expected " + std::to_string(expected) + " parameters, got " +
                            std::to_string(params.size()), sql);
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (auto p = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(s, idx, *p);
    else if (auto p = std::get_if<double>(&v)) rc = sqlite3_bind_double(s, idx, *p);
    else if (auto p = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text64(s, idx, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
    else rc = sqlite3_bind_null(s, idx);
    if (rc != SQLITE_OK) return error(rc, sql);
  }
  const int ncols = sqlite3_column_count(s);
  for (;;) {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) return ok_status();
    if (rc != SQLITE_ROW) return error(rc, sql);
    if (rows) {
      Row r;
      r.cols.reserve(static_cast<size_t>(ncols));
      for (int i = 0; i < ncols; ++i) r.cols.push_back(column_value(s, i));
      rows->push_back(std::move(r));
    }
  }
}

Result<std::vector<Row>> SqliteConn::query(std::string_view sql, std::span<const Value> params) {
  std::vector<Row> rows;
  MC_TRY(run(sql, params, &rows));
  return rows;
}

Result<int64_t> SqliteConn::exec(std::string_view sql, std::span<const Value> params) {
  MC_TRY(run(sql, params, nullptr));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConn::exec_script(std::string_view sql) {
  std::string s(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg);
  sqlite3_free(msg);  // sqlite3_errmsg still holds the text for error()
  if (rc != SQLITE_OK) return error(rc, sql);
  return ok_status();
}

}  // namespace motcua::sql::sqlite
