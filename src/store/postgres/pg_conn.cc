#include "store/postgres/pg_conn.h"

#include <charconv>
#include <optional>
#include <vector>

#include "store/postgres/pg_params.h"
#include "store/sql/driver_error.h"

namespace motcua::sql::pg {
namespace {

constexpr std::string_view kEngine = "postgres";

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

}  // namespace

Result<std::unique_ptr<PgConn>> PgConn::connect(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (!c) return driver_error(ErrorKind::unavailable, "connection", kEngine, "out of memory");
  std::unique_ptr<PgConn> conn(new PgConn(c));
  if (PQstatus(c) != CONNECTION_OK)
    return driver_error(ErrorKind::unavailable, "connection", kEngine, PQerrorMessage(c));
  MC_TRY(conn->setup());
  return conn;
}

PgConn::~PgConn() { PQfinish(conn_); }

Status PgConn::setup() {
  if (PQsetClientEncoding(conn_, "UTF8") != 0)
    return driver_error(ErrorKind::unavailable, "connection", kEngine, PQerrorMessage(conn_));
  // Notices ("table does not exist, skipping") are noise in a server's log.
  MC_TRY(command("SET TIME ZONE 'UTC'; SET client_min_messages TO warning"));
  claim_number();
  return ok_status();
}

void PgConn::claim_number() {
  // The lowest number no other live session holds, kept by a session advisory lock (released by
  // the server when this session ends, crash included): the pools of every process on this
  // database, opened one after another, number their connections 0, 1, 2, … with no two alike,
  // which a hash of the pid cannot promise. None free among kNumbers: the pid stands in.
  number_ = -1;
  for (int n = 0; n < kNumbers; ++n) {
    const std::string q = "SELECT pg_try_advisory_lock(" + std::to_string(kNumberLockSpace) + ", " + std::to_string(n) + ")";
    PGresult* r = PQexec(conn_, q.c_str());
    ResultGuard g{r};
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) return;
    if (std::string_view(PQgetvalue(r, 0, 0)) == "t") {
      number_ = n;
      return;
    }
  }
}

Status PgConn::reset() {
  stmts_.clear();  // the server forgot them with the session
  broken_ = false;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    broken_ = true;
    return driver_error(ErrorKind::unavailable, "connection", kEngine, PQerrorMessage(conn_));
  }
  return setup();
}

Error PgConn::error_from(PGresult* res, std::string_view sql) {
  const char* st = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string state = st ? st : "";
  std::string raw = res ? PQresultErrorMessage(res) : "";
  if (raw.empty()) raw = PQerrorMessage(conn_);
  while (!raw.empty() && (raw.back() == '\n' || raw.back() == ' ')) raw.pop_back();
  if (state.empty() && PQstatus(conn_) != CONNECTION_OK) state = "08006";
  last_sqlstate_ = state.empty() ? "XX000" : state;
  if (state.rfind("23", 0) == 0)
    return driver_error(ErrorKind::conflict, "constraint", kEngine, raw, sql);
  if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
    broken_ = true;
    return driver_error(ErrorKind::unavailable, "connection", kEngine, raw, sql);
  }
  if (state == "40001" || state == "40P01" || state == "55P03")
    return driver_error(ErrorKind::unavailable, "serialization", kEngine, raw, sql);
  if (state == "25006")
    return driver_error(ErrorKind::internal, "read_only", kEngine, raw, sql);
  return driver_error(ErrorKind::internal, "db_error", kEngine, raw + " [" + state + "]", sql);
}

Status PgConn::command(const char* sql) {
  PGresult* r = PQexec(conn_, sql);
  ResultGuard g{r};
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return error_from(r, sql);
  return ok_status();
}

Result<std::string> PgConn::prepare(std::string_view sql, int nparams_given) {
  if (auto it = stmts_.find(sql); it != stmts_.end()) return it->second;
  Rewritten rw = rewrite_placeholders(sql);
  if (rw.params != nparams_given)
    return driver_error(ErrorKind::internal, "bind_count", kEngine,
                        "expected " + std::to_string(rw.params) + " parameters, got " +
                            std::to_string(nparams_given), sql);
  const bool keep = stmts_.size() < kMaxCached;
  std::string name = keep ? "mc" + std::to_string(next_stmt_++) : std::string();
  PGresult* r = PQprepare(conn_, name.c_str(), rw.sql.c_str(), 0, nullptr);
  ResultGuard g{r};
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return error_from(r, sql);
  if (keep) stmts_.emplace(std::string(sql), name);
  return name;
}

Result<PGresult*> PgConn::run(std::string_view sql, std::span<const Value> params) {
  MC_ASSIGN(std::string name, prepare(sql, static_cast<int>(params.size())));
  std::vector<std::optional<std::string>> texts;
  std::vector<const char*> ptrs;
  texts.reserve(params.size());
  ptrs.reserve(params.size());
  for (const Value& v : params) texts.push_back(param_text(v));
  for (const auto& t : texts) ptrs.push_back(t ? t->c_str() : nullptr);
  PGresult* r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(ptrs.size()), ptrs.data(),
                               nullptr, nullptr, 0);
  ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
    ResultGuard g{r};
    return error_from(r, sql);
  }
  return r;
}

Result<std::vector<Row>> PgConn::query(std::string_view sql, std::span<const Value> params) {
  MC_ASSIGN(PGresult * r, run(sql, params));
  ResultGuard g{r};
  const int nrows = PQntuples(r), ncols = PQnfields(r);
  std::vector<Row> rows(static_cast<size_t>(nrows));
  std::vector<Oid> types(static_cast<size_t>(ncols));
  for (int j = 0; j < ncols; ++j) types[size_t(j)] = PQftype(r, j);
  for (int i = 0; i < nrows; ++i) {
    auto& cols = rows[size_t(i)].cols;
    cols.reserve(size_t(ncols));
    for (int j = 0; j < ncols; ++j) {
      if (PQgetisnull(r, i, j)) cols.emplace_back(std::monostate{});
      else cols.push_back(cell_value(types[size_t(j)], PQgetvalue(r, i, j), PQgetlength(r, i, j)));
    }
  }
  return rows;
}

Result<int64_t> PgConn::exec(std::string_view sql, std::span<const Value> params) {
  MC_ASSIGN(PGresult * r, run(sql, params));
  ResultGuard g{r};
  const char* n = PQcmdTuples(r);
  int64_t v = 0;
  if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

Status PgConn::exec_script(std::string_view sql) {
  std::string s(sql);
  PGresult* r = PQexec(conn_, s.c_str());
  ResultGuard g{r};
  ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
    return error_from(r, sql);
  return ok_status();
}

}  // namespace motcua::sql::pg
