#include "store/postgres/pg_database.h"

#include <exception>

#include "store/sql/driver_error.h"

namespace motcua::sql {

Result<std::unique_ptr<Database>> Database::open_postgres(const PostgresOptions& o) {
  MC_ASSIGN(auto db, pg::PgDatabase::open(o));
  return std::unique_ptr<Database>(std::move(db));
}

namespace pg {
namespace {

Error closed_error() { return make_error(ErrorKind::unavailable, "Cơ sở dữ liệu đã đóng", "closed"); }

bool retryable(const std::string& sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

}  // namespace

Result<std::unique_ptr<PgDatabase>> PgDatabase::open(const PostgresOptions& o) {
  std::unique_ptr<PgDatabase> db(new PgDatabase());
  for (int i = 0; i < (o.pool_size > 0 ? o.pool_size : 1); ++i) {
    MC_ASSIGN(auto c, PgConn::connect(o.conninfo));
    db->pool_.add(std::move(c));
  }
  return db;
}

PgDatabase::~PgDatabase() { close(); }

Status PgDatabase::transaction(PgConn& c, const char* begin, const Job& job) {
  if (c.broken()) MC_TRY(c.reset());
  c.clear_failure();
  Status b = c.command(begin);
  if (!b.ok() && c.broken()) {  // e.g. the server restarted: nothing ran yet, reconnect once
    MC_TRY(c.reset());
    b = c.command(begin);
  }
  MC_TRY(b);
  Status st = ok_status();
  try {
    st = job(c);
  } catch (const std::exception& e) {
    st = job_exception("postgres", e.what());
  } catch (...) {
    st = job_exception("postgres", nullptr);
  }
  if (!st.ok()) {
    if (!c.broken()) (void)c.command("ROLLBACK");
    return st;
  }
  return c.command("COMMIT");
}

Status PgDatabase::write(const Job& job) {
  ++jobs_;
  Status st = ok_status();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    Lease<PgConn> c(pool_, pool_.acquire());
    if (!c.get()) {
      ++failed_;
      return closed_error();
    }
    st = transaction(*c, "BEGIN", job);
    if (st.ok()) {
      ++commits_;
      return st;
    }
    if (!retryable(c->last_sqlstate())) break;
    ++retries_;
  }
  ++failed_;
  return st;
}

Status PgDatabase::read(const Job& job) {
  Lease<PgConn> c(pool_, pool_.acquire());
  if (!c.get()) return closed_error();
  return transaction(*c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", job);
}

WriteStats PgDatabase::stats() const {
  WriteStats s;
  s.jobs = jobs_.load();
  s.failed_jobs = failed_.load();
  s.commits = commits_.load();
  s.retries = retries_.load();
  return s;
}

void PgDatabase::close() {
  std::lock_guard lk(close_mu_);
  if (closed_) return;
  closed_ = true;
  pool_.drain();  // waits for running transactions; the connections close here
}

}  // namespace pg
}  // namespace motcua::sql
