// The WAL write-gathering VFS: fewer OS writes, and every connection, and the file after a
// reopen, sees exactly what was committed — through rollbacks of spilled frames and commits
// larger than what it holds at once.
#include "store/sqlite/wal_write_buffer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>

#include "store/sql/test_support.h"
#include "store/sqlite/sqlite_conn.h"

namespace motcua::sql::sqlite {
namespace {

using Params = std::vector<Value>;

class WalWriteBuffer : public ::testing::Test {
 protected:
  void SetUp() override { path_ = sqltest::temp_sqlite_path("walbuf"); }
  void TearDown() override { sqltest::remove_sqlite(path_); }

  std::unique_ptr<SqliteConn> open(bool full, bool reader = false) {
    auto c = SqliteConn::open(ConnConfig{path_, full, reader, 5000});
    EXPECT_TRUE(c.ok());
    if (!c.ok()) return nullptr;
    auto conn = std::move(c).value();
    if (!reader) {
      auto mode = conn->query("PRAGMA journal_mode=WAL", {});
      EXPECT_TRUE(mode.ok() && mode->at(0).text(0) == "wal");
      EXPECT_TRUE(conn->exec_script("PRAGMA wal_autocheckpoint=0;"
                                    "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
                      .ok());
    }
    return conn;
  }
  static void insert_rows(SqliteConn& c, int from, int to, size_t bytes) {
    for (int i = from; i < to; ++i)
      ASSERT_TRUE(c.exec("INSERT INTO t (id, body) VALUES (?, ?)",
                         Params{int64_t{i}, std::string(bytes, char('a' + i % 26))}).ok());
  }
  static int64_t scalar(SqliteConn& c, const char* sql) {
    auto r = c.query(sql, {});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->at(0).i64(0) : -1;
  }
  static std::string text(SqliteConn& c, const char* sql) {
    auto r = c.query(sql, {});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->at(0).text(0) : "";
  }
  std::string path_;
};

// The file itself, written the way SQLite may write a WAL: appends, a rewrite inside what is
// held, a gap. Every read and size sees the bytes as if each write had gone to the OS at once.
TEST_F(WalWriteBuffer, FileAnswersAsIfEveryWriteWentStraightThrough) {
  sqlite3_vfs* vfs = sqlite3_vfs_find(wal_buffering_vfs());
  ASSERT_NE(vfs, nullptr);
  std::FILE* db = std::fopen(path_.c_str(), "w");  // the WAL takes its permissions from it
  ASSERT_NE(db, nullptr);
  std::fclose(db);
  const std::string wal_path = path_ + "-wal";
  std::vector<char> mem(size_t(vfs->szOsFile));
  auto* f = reinterpret_cast<sqlite3_file*>(mem.data());
  int out_flags = 0;
  ASSERT_EQ(vfs->xOpen(vfs, wal_path.c_str(), f,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_WAL, &out_flags),
            SQLITE_OK);
  const sqlite3_io_methods* io = f->pMethods;
  const WalBufferCounts before = wal_buffer_counts();
  ASSERT_EQ(io->xWrite(f, "AAAA", 4, 0), SQLITE_OK);
  ASSERT_EQ(io->xWrite(f, "BBBB", 4, 4), SQLITE_OK);   // the next bytes: held with the first
  ASSERT_EQ(io->xWrite(f, "XX", 2, 1), SQLITE_OK);     // inside what is held
  ASSERT_EQ(io->xWrite(f, "CC", 2, 20), SQLITE_OK);    // beyond a gap
  char got[22];
  ASSERT_EQ(io->xRead(f, got, sizeof got, 0), SQLITE_OK);
  const char want[22] = {'A', 'X', 'X', 'A', 'B', 'B', 'B', 'B', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'C', 'C'};
  EXPECT_EQ(std::memcmp(got, want, sizeof want), 0);
  ASSERT_EQ(io->xWrite(f, "DD", 2, 22), SQLITE_OK);
  sqlite3_int64 size = 0;
  ASSERT_EQ(io->xFileSize(f, &size), SQLITE_OK);
  EXPECT_EQ(size, 24);
  ASSERT_EQ(io->xWrite(f, "EE", 2, 24), SQLITE_OK);
  ASSERT_EQ(io->xSync(f, SQLITE_SYNC_NORMAL), SQLITE_OK);
  ASSERT_EQ(io->xWrite(f, "FF", 2, 26), SQLITE_OK);
  ASSERT_EQ(io->xClose(f), SQLITE_OK);  // what is held is written before the file closes
  const WalBufferCounts after = wal_buffer_counts();
  EXPECT_EQ(after.writes_in - before.writes_in, 7);
  EXPECT_EQ(after.writes_out - before.writes_out, 6);  // AAAABBBB, XX, CC, DD, EE, FF
  std::FILE* raw = std::fopen(wal_path.c_str(), "rb");
  ASSERT_NE(raw, nullptr);
  char all[32] = {};
  const size_t n = std::fread(all, 1, sizeof all, raw);
  std::fclose(raw);
  ASSERT_EQ(n, 28u);
  EXPECT_EQ(std::memcmp(all, want, sizeof want), 0);
  EXPECT_EQ(std::string(all + 22, 6), "DDEEFF");
}

TEST_F(WalWriteBuffer, OneCommitReachesTheOsInFewWritesAndOthersSeeIt) {
  ASSERT_NE(wal_buffering_vfs(), nullptr);
  auto w = open(true);
  auto r = open(true, true);
  ASSERT_TRUE(w && r);
  const WalBufferCounts before = wal_buffer_counts();
  ASSERT_TRUE(w->exec_script("BEGIN").ok());
  insert_rows(*w, 0, 100, 1000);  // ~30 pages: ~60 frame writes from SQLite
  ASSERT_TRUE(w->exec_script("COMMIT").ok());
  const WalBufferCounts after = wal_buffer_counts();
  const int64_t in = after.writes_in - before.writes_in, out = after.writes_out - before.writes_out;
  EXPECT_GE(in, 50);
  EXPECT_GE(out, 1);
  EXPECT_LE(out, 2) << in << " writes asked for";
  EXPECT_EQ(scalar(*r, "SELECT COUNT(*) FROM t"), 100);
  EXPECT_EQ(scalar(*r, "SELECT SUM(length(body)) FROM t"), 100000);
}

TEST_F(WalWriteBuffer, CommitsLargerThanWhatIsHeldAndRolledBackSpillsStayExact) {
  auto w = open(true);
  ASSERT_TRUE(w);
  // A tiny page cache makes SQLite write frames in the middle of a transaction (a spill); the
  // rollback leaves them beyond the log's end, and the next commit writes over them.
  ASSERT_TRUE(w->exec_script("PRAGMA cache_size=8").ok());
  ASSERT_TRUE(w->exec_script("BEGIN").ok());
  insert_rows(*w, 0, 400, 3000);  // ~1.2 MB: spills, and far more than the 120 KiB held
  ASSERT_TRUE(w->exec_script("ROLLBACK").ok());
  ASSERT_TRUE(w->exec_script("BEGIN").ok());
  insert_rows(*w, 1000, 1300, 2000);  // ~600 KB, committed
  ASSERT_TRUE(w->exec_script("COMMIT").ok());
  EXPECT_EQ(scalar(*w, "SELECT COUNT(*) FROM t"), 300);
  w.reset();
  // Reopened from the files alone (the WAL is replayed from disk): the same rows, intact.
  auto again = open(true);
  ASSERT_TRUE(again);
  EXPECT_EQ(text(*again, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar(*again, "SELECT COUNT(*) FROM t"), 300);
  EXPECT_EQ(scalar(*again, "SELECT MIN(id) FROM t"), 1000);
  EXPECT_EQ(scalar(*again, "SELECT SUM(length(body)) FROM t"), 600000);
}

TEST_F(WalWriteBuffer, NormalSynchronousConnectionsWriteDirectly) {
  // Their commits are not synced, so nothing may wait in memory for a sync.
  auto w = open(false);
  ASSERT_TRUE(w);
  const WalBufferCounts before = wal_buffer_counts();
  ASSERT_TRUE(w->exec_script("BEGIN").ok());
  insert_rows(*w, 0, 50, 1000);
  ASSERT_TRUE(w->exec_script("COMMIT").ok());
  const WalBufferCounts after = wal_buffer_counts();
  EXPECT_EQ(after.writes_in, before.writes_in);
  EXPECT_EQ(after.writes_out, before.writes_out);
  auto r = open(false, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(scalar(*r, "SELECT COUNT(*) FROM t"), 50);
}

}  // namespace
}  // namespace motcua::sql::sqlite
