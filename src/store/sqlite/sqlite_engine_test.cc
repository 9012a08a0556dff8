// SQLite-only behaviour: pragmas, batching with per-job savepoints, background checkpoints.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "store/sql/test_support.h"
#include "store/sqlite/sqlite_database.h"

namespace motcua::sql::sqlite {
namespace {

using namespace std::chrono_literals;
using Params = std::vector<Value>;

class SqliteEngine : public ::testing::Test {
 protected:
  void SetUp() override { path_ = sqltest::temp_sqlite_path("engine"); }
  void TearDown() override {
    if (db_) db_->close();
    db_.reset();
    sqltest::remove_sqlite(path_);
  }
  void open(bool full = true, int max_batch = 256) {
    auto r = SqliteDatabase::open(SqliteOptions{path_, full, 2, max_batch});
    ASSERT_TRUE(r.ok()) << r.error().code;
    db_ = std::move(r).value();
    ASSERT_TRUE(db_->write([](Connection& c) {
      return c.exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    }).ok());
  }
  int64_t pragma_in_read(const char* sql) {
    int64_t v = -1;
    EXPECT_TRUE(db_->read([&](Connection& c) -> Status {
      MC_ASSIGN(auto r, c.query(sql, {}));
      v = r.at(0).i64(0);
      return ok_status();
    }).ok());
    return v;
  }
  int64_t pragma_in_write(const char* sql) {
    int64_t v = -1;
    EXPECT_TRUE(db_->write([&](Connection& c) -> Status {
      MC_ASSIGN(auto r, c.query(sql, {}));
      v = r.at(0).i64(0);
      return ok_status();
    }).ok());
    return v;
  }
  // A synchronous job that holds the writer for `hold`, then runs `then` if given, on a thread
  // of its own; returns once it runs, so jobs queued from now on share the next batch.
  std::thread hold_writer(std::chrono::milliseconds hold, Database::Job then = nullptr) {
    std::atomic<bool> running{false};
    std::thread t([this, hold, then = std::move(then), &running] {
      EXPECT_TRUE(db_->write([&](Connection& c) -> Status {
        running = true;  // the last use of `running`: this function waits for it
        std::this_thread::sleep_for(hold);
        return then ? then(c) : ok_status();
      }).ok());
    });
    while (!running) std::this_thread::sleep_for(1ms);
    return t;
  }
  std::string new_name() { return "n" + std::to_string(++names_); }
  std::string path_;
  std::unique_ptr<SqliteDatabase> db_;
  std::atomic<int> names_{0};
};

TEST_F(SqliteEngine, PragmasAsDesigned) {
  open(true);
  EXPECT_EQ(pragma_in_write("PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(pragma_in_write("PRAGMA wal_autocheckpoint"), 0);
  EXPECT_EQ(pragma_in_write("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(pragma_in_write("PRAGMA temp_store"), 2);  // MEMORY: savepoint journals never spill
  EXPECT_EQ(pragma_in_read("PRAGMA temp_store"), 2);
  EXPECT_EQ(pragma_in_read("PRAGMA query_only"), 1);
  EXPECT_EQ(pragma_in_read("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(pragma_in_read("PRAGMA busy_timeout"), 5000);
  std::string mode;
  ASSERT_TRUE(db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("PRAGMA journal_mode", {}));
    mode = r.at(0).text(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(mode, "wal");
}

// A bulk write (migrations) keeps its temporary journals in files, runs alone, and leaves the
// writer as it was; a failing one undoes itself like any write.
// Memory statistics are off process-wide (each allocation would take a global mutex): SQLite
// then counts nothing, however much it allocates.
TEST_F(SqliteEngine, LibraryKeepsNoMemoryStatistics) {
  open();
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::string(10000, 'x')}));
    return ok_status();
  }).ok());
  EXPECT_EQ(sqlite3_memory_used(), 0);
  EXPECT_EQ(sqlite3_memory_highwater(0), 0);
}

TEST_F(SqliteEngine, BulkWriteSpillsTemporaryJournalsToFilesThenRestores) {
  open();
  int64_t inside = -1;
  ASSERT_TRUE(db_->write_bulk([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("PRAGMA temp_store", {}));
    inside = r.at(0).i64(0);
    MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::string("bulk")}));
    return ok_status();
  }).ok());
  EXPECT_EQ(inside, 1);  // FILE
  EXPECT_EQ(pragma_in_write("PRAGMA temp_store"), 2);  // MEMORY again
  Status st = db_->write_bulk([](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::string("undone")}));
    return make_error(ErrorKind::conflict, "thử lỗi", "test");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(pragma_in_write("PRAGMA temp_store"), 2);
  EXPECT_EQ(pragma_in_read("SELECT COUNT(*) FROM t"), 1);
}

TEST_F(SqliteEngine, NormalSynchronousOnRequest) {
  open(false);
  EXPECT_EQ(pragma_in_write("PRAGMA synchronous"), 1);
}

TEST_F(SqliteEngine, RejectsInMemoryPath) {
  auto r = SqliteDatabase::open(SqliteOptions{":memory:"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
}

// Jobs queued behind a slow one run in one transaction; the failing one among them is undone
// alone, even after it had written.
TEST_F(SqliteEngine, QueuedJobsShareOneCommitAndFailAlone) {
  open();
  WriteStats before = db_->stats();
  std::thread slow = hold_writer(200ms, [](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{1000}, std::string("slow")}));
    return ok_status();
  });
  std::vector<std::thread> ts;
  std::vector<int> ok(10, -1);
  for (int i = 0; i < 10; ++i) {
    ts.emplace_back([&, i] {
      Status st = db_->write([&](Connection& c) -> Status {
        MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{i}, "n" + std::to_string(i)}));
        if (i == 4) MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{99}, std::string("slow")}));
        return ok_status();
      });
      ok[i] = st.ok();
    });
  }
  for (auto& t : ts) t.join();
  slow.join();
  WriteStats after = db_->stats();
  EXPECT_EQ(after.jobs - before.jobs, 11);
  EXPECT_EQ(after.failed_jobs - before.failed_jobs, 1);
  EXPECT_EQ(after.commits - before.commits, 2) << "the 10 queued jobs should commit together";
  int64_t count = -1;
  ASSERT_TRUE(db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT COUNT(*) FROM t WHERE id < 100", {}));
    count = r.at(0).i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(count, 9);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(ok[i], i == 4 ? 0 : 1) << i;
}

TEST_F(SqliteEngine, AsyncWritesAnswerAfterTheirCommitAndFailAlone) {
  open();
  ASSERT_TRUE(db_->writes_async());
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> answered;  // job index, in the order the callbacks ran
  std::vector<Status> results(3, ok_status());
  bool visible_at_answer = false;
  for (int i = 0; i < 3; ++i) {
    db_->write_async(
        [i](Connection& c) -> Status {
          // Job 1 breaks the UNIQUE name: it fails alone, its insert undone.
          MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{i}, std::string("x")}));
          if (i == 1) MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{50}, std::string("x0")}));
          MC_TRY(c.exec("UPDATE t SET name = ? WHERE id = ?", Params{"x" + std::to_string(i), int64_t{i}}));
          return ok_status();
        },
        [&, i](Status st) {
          std::lock_guard lk(mu);
          results[i] = std::move(st);
          answered.push_back(i);
          cv.notify_all();
        });
  }
  {
    std::unique_lock lk(mu);
    ASSERT_TRUE(cv.wait_for(lk, 5s, [&] { return answered.size() == 3; }));
  }
  EXPECT_TRUE(results[0].ok());
  EXPECT_FALSE(results[1].ok());
  EXPECT_TRUE(results[2].ok());
  // Answered only after the commit: a reader sees exactly the two good jobs.
  ASSERT_TRUE(db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT group_concat(name, ',') FROM (SELECT name FROM t ORDER BY id)", {}));
    visible_at_answer = r.at(0).text(0) == "x0,x2";
    return ok_status();
  }).ok());
  EXPECT_TRUE(visible_at_answer);
  // After close, an async write is refused at once, through its callback.
  db_->close();
  std::optional<Status> late;
  db_->write_async([](Connection&) { return ok_status(); }, [&](Status st) { late = std::move(st); });
  ASSERT_TRUE(late.has_value());
  EXPECT_FALSE(late->ok());
  EXPECT_EQ(late->error().code, "closed");
}

// Asynchronous jobs at the head of a batch run without savepoints; when one of them fails the
// batch is rolled back and runs again with savepoints, so the others still commit, once, and
// a synchronous job (never run twice) takes its own savepoint wherever it stands.
TEST_F(SqliteEngine, RerunnableHeadOfABatchRunsAgainWithSavepointsWhenOneFails) {
  open();
  std::thread slow = hold_writer(300ms);
  const WriteStats before = db_->stats();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> runs(6, 0);
  std::vector<std::optional<Status>> results(6);
  auto queue_async = [&](int i, bool fail) {
    db_->write_async(
        [&, i, fail](Connection& c) -> Status {
          {
            std::lock_guard lk(mu);
            ++runs[i];
          }
          // A rerun finds the first run's row gone (UNIQUE name), or it fails here.
          MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{i}, "a" + std::to_string(i)}));
          if (fail) return make_error(ErrorKind::conflict, "job " + std::to_string(i) + " refuses");
          return ok_status();
        },
        [&, i](Status st) {
          std::lock_guard lk(mu);
          results[i] = std::move(st);
          cv.notify_all();
        });
  };
  queue_async(0, false);
  queue_async(1, false);
  queue_async(2, true);   // fails without a savepoint: the batch runs again
  queue_async(3, false);
  std::thread sync([&] {
    results[4] = db_->write([&](Connection& c) -> Status {
      ++runs[4];
      MC_TRY(c.exec("INSERT INTO t (id, name) VALUES (?, ?)", Params{int64_t{4}, std::string("s4")}));
      return ok_status();
    });
  });
  std::this_thread::sleep_for(50ms);  // the synchronous job is queued before job 5
  queue_async(5, true);   // after a synchronous job: fails in its own savepoint
  sync.join();
  slow.join();
  {
    std::unique_lock lk(mu);
    ASSERT_TRUE(cv.wait_for(lk, 5s, [&] {
      return std::all_of(results.begin(), results.end(), [](auto& r) { return r.has_value(); });
    }));
  }
  for (int i : {0, 1, 3, 4}) EXPECT_TRUE(results[i]->ok()) << i;
  for (int i : {2, 5}) {
    ASSERT_FALSE(results[i]->ok()) << i;
    EXPECT_EQ(results[i]->error().detail, "job " + std::to_string(i) + " refuses");
  }
  EXPECT_EQ(runs, (std::vector<int>{2, 2, 2, 1, 1, 1}));
  const WriteStats after = db_->stats();
  EXPECT_EQ(after.retries - before.retries, 1);
  EXPECT_EQ(after.commits - before.commits, 2) << "the slow job's batch, then the other six together";
  EXPECT_EQ(after.failed_jobs - before.failed_jobs, 2);
  std::string names;
  ASSERT_TRUE(db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT group_concat(name, ',') FROM (SELECT name FROM t ORDER BY id)", {}));
    names = r.at(0).text(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(names, "a0,a1,a3,s4");
}

// After a rerun the next batches keep their savepoints: a stream of failing asynchronous jobs
// costs one rerun per eight batches, not one per batch.
TEST_F(SqliteEngine, BatchesAfterARerunKeepTheirSavepoints) {
  open();
  std::mutex mu;
  std::vector<int> runs(2, 0);
  // One batch: a slow synchronous job holds the writer while job 0 (fine) and job 1 (failing)
  // queue behind it; returns the retries that batch cost.
  auto failing_batch = [&]() -> int64_t {
    runs.assign(2, 0);
    const int64_t before = db_->stats().retries;
    std::thread slow = hold_writer(100ms);
    std::promise<void> both;
    std::atomic<int> answered{0};
    for (int i = 0; i < 2; ++i)
      db_->write_async(
          [&, i](Connection& c) -> Status {
            {
              std::lock_guard lk(mu);
              ++runs[i];
            }
            MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{new_name()}));
            if (i == 1) return make_error(ErrorKind::conflict, "refused");
            return ok_status();
          },
          [&](Status) {
            if (++answered == 2) both.set_value();
          });
    slow.join();
    both.get_future().wait();
    return db_->stats().retries - before;
  };
  EXPECT_EQ(failing_batch(), 1);
  EXPECT_EQ(runs, (std::vector<int>{2, 2}));
  EXPECT_EQ(failing_batch(), 0) << "the batch right after a rerun has its savepoints";
  EXPECT_EQ(runs, (std::vector<int>{1, 1}));
  for (int k = 0; k < 8; ++k)  // batches of their own, each counted
    ASSERT_TRUE(db_->write([&](Connection& c) -> Status {
      MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{new_name()}));
      return ok_status();
    }).ok());
  EXPECT_EQ(failing_batch(), 1) << "eight batches later the head runs bare again";
}

TEST_F(SqliteEngine, MaxBatchIsRespected) {
  open(true, 4);
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i)
        ASSERT_TRUE(db_->write([&](Connection& c) -> Status {
          MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::to_string(t * 100 + i)}));
          return ok_status();
        }).ok());
    });
  for (auto& th : ts) th.join();
  WriteStats s = db_->stats();
  EXPECT_GE(s.commits, (s.jobs + 3) / 4);
  // Every commit appends at least its table page to the WAL; the counter is what operators read.
  EXPECT_GE(s.wal_frames, s.commits);
}

TEST_F(SqliteEngine, NestedWriteIsAnErrorNotADeadlock) {
  open();
  Status inner = ok_status();
  Status outer = db_->write([&](Connection&) -> Status {
    inner = db_->write([](Connection&) { return ok_status(); });
    return ok_status();
  });
  EXPECT_TRUE(outer.ok());
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.error().code, "nested_write");
}

TEST_F(SqliteEngine, JobEndingTheTransactionIsReportedAndWriterRecovers) {
  open();
  Status st = db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::string("lost")}));
    return c.exec_script("ROLLBACK");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "transaction_lost");
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::string("kept")}));
    return ok_status();
  }).ok());
  int64_t n = -1;
  ASSERT_TRUE(db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r, c.query("SELECT COUNT(*) FROM t", {}));
    n = r.at(0).i64(0);
    return ok_status();
  }).ok());
  EXPECT_EQ(n, 1);
}

TEST_F(SqliteEngine, BackgroundCheckpointRuns) {
  open();
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(db_->write([&](Connection& c) -> Status {
      MC_TRY(c.exec("INSERT INTO t (name) VALUES (?)", Params{std::to_string(i)}));
      return ok_status();
    }).ok());
  for (int i = 0; i < 30 && db_->checkpoints() == 0; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_GT(db_->checkpoints(), 0);
}

}  // namespace
}  // namespace motcua::sql::sqlite
