#include "store/sqlite/sqlite_database.h"

#include <exception>

#include "store/sql/driver_error.h"

namespace motcua::sql {

Result<std::unique_ptr<Database>> Database::open_sqlite(const SqliteOptions& o) {
  MC_ASSIGN(auto db, sqlite::SqliteDatabase::open(o));
  return std::unique_ptr<Database>(std::move(db));
}

namespace sqlite {

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const SqliteOptions& o) {
  if (o.path.empty() || o.path == ":memory:")
    return make_error(ErrorKind::invalid, "Đường dẫn cơ sở dữ liệu không hợp lệ", "bad_path");
  ConnConfig cfg{o.path, o.synchronous_full, false, 5000};

  // The writer first: it creates the file and switches it to WAL (persistent in the file).
  MC_ASSIGN(auto wconn, SqliteConn::open(cfg));
  MC_ASSIGN(auto mode, wconn->query("PRAGMA journal_mode=WAL", {}));
  if (mode.empty() || mode[0].text(0) != "wal")
    return driver_error(ErrorKind::internal, "wal", "sqlite", "could not enable WAL: " + o.path);
  MC_TRY(wconn->exec_script("PRAGMA wal_autocheckpoint=0"));

  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase());
  MC_ASSIGN(auto cconn, SqliteConn::open(cfg));
  db->ckpt_ = std::make_unique<Checkpointer>(std::move(cconn));

  ConnConfig rcfg = cfg;
  rcfg.query_only = true;
  for (int i = 0; i < (o.readers > 0 ? o.readers : 1); ++i) {
    MC_ASSIGN(auto r, SqliteConn::open(rcfg));
    db->readers_.add(std::move(r));
  }
  db->writer_ = std::make_unique<GroupWriter>(std::move(wconn), o.max_batch, db->ckpt_.get());
  return db;
}

SqliteDatabase::~SqliteDatabase() { close(); }

Status SqliteDatabase::write(const Job& job) { return writer_->submit(job); }
Status SqliteDatabase::write_bulk(const Job& job) { return writer_->submit(job, true); }

void SqliteDatabase::write_async(Job job, std::function<void(Status)> done) {
  writer_->submit_async(std::move(job), std::move(done));
}

Status SqliteDatabase::read(const Job& job) {
  Lease<SqliteConn> c(readers_, readers_.acquire());
  if (!c.get()) return make_error(ErrorKind::unavailable, "Cơ sở dữ liệu đã đóng", "closed");
  auto begin = c->exec("BEGIN", {});
  if (!begin.ok()) return begin.take_error();
  Status st = ok_status();
  try {
    st = job(*c);
  } catch (const std::exception& e) {
    st = job_exception("sqlite", e.what());
  } catch (...) {
    st = job_exception("sqlite", nullptr);
  }
  if (sqlite3_get_autocommit(c->handle())) return st;  // the job ended it (misuse)
  auto end = c->exec(st.ok() ? "COMMIT" : "ROLLBACK", {});
  if (!end.ok() && st.ok()) return end.take_error();
  return st;
}

WriteStats SqliteDatabase::stats() const { return writer_->stats(); }

void SqliteDatabase::close() {
  std::lock_guard lk(close_mu_);
  if (closed_) return;
  closed_ = true;
  if (writer_) writer_->stop();  // finishes queued writes, refuses new ones
  if (ckpt_) ckpt_->stop();
  readers_.drain();              // waits for running reads, then closes the readers
  // Last connection to close: SQLite checkpoints and removes the WAL.
  if (writer_) writer_->close_connection();
}

}  // namespace sqlite
}  // namespace motcua::sql
