// One behavioural suite for both engines (the contract in database.h).
#include "store/sql/database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/sql/test_support.h"

namespace motcua::sql {
namespace {

using namespace std::chrono_literals;
using Params = std::vector<Value>;

const char* kSchemaCommon = R"(
DROP TABLE IF EXISTS sqldbt_items;
DROP TABLE IF EXISTS sqldbt_parent;
DROP TABLE IF EXISTS sqldbt_kv;
DROP TABLE IF EXISTS sqldbt_counters;
DROP TABLE IF EXISTS sqldbt_auto;
CREATE TABLE sqldbt_parent (id BIGINT PRIMARY KEY);
CREATE TABLE sqldbt_items (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id BIGINT REFERENCES sqldbt_parent(id)
);
CREATE TABLE sqldbt_kv (id BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, t TEXT);
CREATE TABLE sqldbt_counters (k TEXT PRIMARY KEY, n BIGINT NOT NULL);
)";
const char* kAutoSqlite = "CREATE TABLE sqldbt_auto (id INTEGER PRIMARY KEY, label TEXT NOT NULL)";
const char* kAutoPg = "CREATE TABLE sqldbt_auto (id BIGSERIAL PRIMARY KEY, label TEXT NOT NULL)";

const char* kInsertItem = "INSERT INTO sqldbt_items (id, name) VALUES (?, ?)";
const char* kBump =
    "INSERT INTO sqldbt_counters (k, n) VALUES (?, 1) "
    "ON CONFLICT (k) DO UPDATE SET n = sqldbt_counters.n + 1 RETURNING n";

std::string name_of(Engine e) { return e == Engine::sqlite ? "SQLite" : "PostgreSQL"; }

class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::postgres) {
      std::string why;
      auto ci = sqltest::pg_conninfo(&why);
      if (!ci) GTEST_SKIP() << "PostgreSQL unavailable: " << why;
      conninfo_ = *ci;
    } else {
      path_ = sqltest::temp_sqlite_path("suite");
    }
    db_ = open();
    ASSERT_TRUE(db_) << "open failed";
    Status st = db_->write([&](Connection& c) -> Status {
      MC_TRY(c.exec_script(kSchemaCommon));
      return c.exec_script(GetParam() == Engine::sqlite ? kAutoSqlite : kAutoPg);
    });
    ASSERT_TRUE(st.ok()) << st.error().code;
    base_ = db_->stats();
  }

  void TearDown() override {
    if (db_) db_->close();
    db_.reset();
    if (!path_.empty()) sqltest::remove_sqlite(path_);
  }

  std::unique_ptr<Database> open() {
    if (GetParam() == Engine::sqlite) {
      auto r = Database::open_sqlite(SqliteOptions{path_, true, 4, 256});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
      return r.ok() ? std::move(r).value() : nullptr;
    }
    auto r = Database::open_postgres(PostgresOptions{conninfo_, 8});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code);
    return r.ok() ? std::move(r).value() : nullptr;
  }

  // Rows of a read-only query (asserting success).
  std::vector<Row> select(Database& db, std::string_view sql, Params p = {}) {
    std::vector<Row> rows;
    Status st = db.read([&](Connection& c) -> Status {
      MC_ASSIGN(rows, c.query(sql, p));
      return ok_status();
    });
    EXPECT_TRUE(st.ok()) << st.error().code;
    return rows;
  }

  std::set<int64_t> item_ids(Database& db) {
    std::set<int64_t> ids;
    for (const Row& r : select(db, "SELECT id FROM sqldbt_items")) ids.insert(r.i64(0));
    return ids;
  }

  std::string path_, conninfo_;
  std::unique_ptr<Database> db_;
  WriteStats base_;
};

TEST_P(DatabaseTest, TypedRoundTrip) {
  const std::string vn = "Đăng ký khai sinh — Ủy ban nhân dân phường Hữu Nghị, tỉnh Hòa Bình ✓";
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  Status st = db_->write([&](Connection& c) -> Status {
    const char* ins = "INSERT INTO sqldbt_kv (id, i, d, t) VALUES (?, ?, ?, ?)";
    MC_TRY(c.exec(ins, Params{int64_t{1}, null(), null(), null()}));
    MC_TRY(c.exec(ins, Params{int64_t{2}, kMax, 0.1, vn}));
    MC_TRY(c.exec(ins, Params{int64_t{3}, kMin, -1.5e300, std::string()}));
    MC_TRY(c.exec(ins, Params{int64_t{4}, int64_t{0}, 1.0 / 3.0, std::string("it's a '?'")}));
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;

  auto rows = select(*db_, "SELECT id, i, d, t FROM sqldbt_kv ORDER BY id");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_TRUE(rows[0].is_null(1));
  EXPECT_TRUE(rows[0].is_null(2));
  EXPECT_TRUE(rows[0].is_null(3));
  EXPECT_EQ(rows[0].text(3), "");
  EXPECT_EQ(std::get<int64_t>(rows[1].cols[1]), kMax);
  EXPECT_EQ(std::get<double>(rows[1].cols[2]), 0.1);
  EXPECT_EQ(std::get<std::string>(rows[1].cols[3]), vn);
  EXPECT_EQ(rows[2].i64(1), kMin);
  EXPECT_EQ(rows[2].f64(2), -1.5e300);
  ASSERT_FALSE(rows[2].is_null(3)) << "empty string must not become NULL";
  EXPECT_EQ(rows[2].text(3), "");
  EXPECT_EQ(rows[3].f64(2), 1.0 / 3.0);
  EXPECT_EQ(rows[3].text(3), "it's a '?'");

  // Parameters in WHERE, Vietnamese text compared exactly; booleans and counts as integers.
  auto found = select(*db_, "SELECT id, (i = ?), COUNT(*) FROM sqldbt_kv WHERE t = ? GROUP BY id, i",
                      Params{kMax, vn});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].i64(0), 2);
  EXPECT_EQ(std::get<int64_t>(found[0].cols[1]), 1);
  EXPECT_EQ(std::get<int64_t>(found[0].cols[2]), 1);
}

TEST_P(DatabaseTest, ExecReportsChangedRows) {
  int64_t changed = -1;
  Status st = db_->write([&](Connection& c) -> Status {
    for (int64_t i = 1; i <= 5; ++i)
      MC_TRY(c.exec(kInsertItem, Params{i, "n" + std::to_string(i)}));
    MC_ASSIGN(changed, c.exec("UPDATE sqldbt_items SET parent_id = NULL WHERE id <= ?", Params{int64_t{3}}));
    return ok_status();
  });
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(changed, 3);
}

TEST_P(DatabaseTest, ConstraintViolationsAreConflicts) {
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{1}, std::string("một")}));
    return ok_status();
  }).ok());
  auto expect_conflict = [&](const char* sql, Params p) {
    Status st = db_->write([&](Connection& c) -> Status {
      MC_TRY(c.exec(sql, p));
      return ok_status();
    });
    ASSERT_FALSE(st.ok()) << sql;
    EXPECT_EQ(st.error().kind, ErrorKind::conflict) << sql;
    EXPECT_EQ(st.error().code, "constraint") << sql;
    EXPECT_FALSE(st.error().detail.empty());
    EXPECT_EQ(st.error().detail.find("UNIQUE"), std::string::npos) << "raw text leaked";
    EXPECT_EQ(st.error().detail.find("duplicate"), std::string::npos) << "raw text leaked";
  };
  expect_conflict(kInsertItem, Params{int64_t{2}, std::string("một")});           // unique
  expect_conflict(kInsertItem, Params{int64_t{1}, std::string("hai")});           // primary key
  expect_conflict("INSERT INTO sqldbt_items (id, name, parent_id) VALUES (?, ?, ?)",
                  Params{int64_t{3}, std::string("ba"), int64_t{99}});            // foreign key
  expect_conflict(kInsertItem, Params{int64_t{4}, null()});                       // not null
  EXPECT_EQ(item_ids(*db_), (std::set<int64_t>{1}));
}

TEST_P(DatabaseTest, JobErrorUndoesItsChangesAndIsReturnedAsIs) {
  Status st = db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{7}, std::string("bảy")}));
    return make_error(ErrorKind::conflict, "Hồ sơ đã chuyển trạng thái", "illegal_transition");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::conflict);
  EXPECT_EQ(st.error().code, "illegal_transition");
  EXPECT_EQ(st.error().detail, "Hồ sơ đã chuyển trạng thái");
  EXPECT_TRUE(item_ids(*db_).empty());
}

TEST_P(DatabaseTest, ExceptionInJobIsInternalErrorAndDatabaseStaysUsable) {
  Status st = db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{1}, std::string("x")}));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::internal);
  Status st2 = db_->read([](Connection& c) -> Status {
    std::vector<Row> r;
    MC_ASSIGN(r, c.query("SELECT 1", {}));
    throw std::runtime_error("boom in read");
  });
  EXPECT_EQ(st2.error().kind, ErrorKind::internal);
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{2}, std::string("y")}));
    return ok_status();
  }).ok());
  EXPECT_EQ(item_ids(*db_), (std::set<int64_t>{2}));
}

TEST_P(DatabaseTest, BadSqlAndWrongParameterCountAreErrorsNotCrashes) {
  Status st = db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec("INSERT INTO nowhere_sqldbt VALUES (?)", Params{int64_t{1}}));
    return ok_status();
  });
  EXPECT_EQ(st.error().kind, ErrorKind::internal);
  st = db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{1}}));
    return ok_status();
  });
  EXPECT_EQ(st.error().kind, ErrorKind::internal);
  EXPECT_TRUE(item_ids(*db_).empty());
}

TEST_P(DatabaseTest, ReturningWorks) {
  int64_t a = 0, b = 0, n = 0;
  std::string deleted;
  Status st = db_->write([&](Connection& c) -> Status {
    MC_ASSIGN(auto r1, c.query("INSERT INTO sqldbt_auto (label) VALUES (?) RETURNING id, label",
                               Params{std::string("một")}));
    MC_ASSIGN(auto r2, c.query("INSERT INTO sqldbt_auto (label) VALUES (?) RETURNING id",
                               Params{std::string("hai")}));
    if (r1.size() != 1 || r2.size() != 1 || r1[0].text(1) != "một")
      return make_error(ErrorKind::internal, "bad returning");
    a = r1[0].i64(0);
    b = r2[0].i64(0);
    MC_ASSIGN(auto r3, c.query("INSERT INTO sqldbt_counters (k, n) VALUES (?, ?) RETURNING n",
                               Params{std::string("k"), int64_t{41}}));
    MC_ASSIGN(auto r4, c.query("UPDATE sqldbt_counters SET n = n + 1 WHERE k = ? RETURNING n",
                               Params{std::string("k")}));
    n = r4.at(0).i64(0);
    MC_ASSIGN(auto r5, c.query("DELETE FROM sqldbt_auto WHERE id = ? RETURNING label", Params{a}));
    deleted = r5.at(0).text(0);
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  EXPECT_GT(a, 0);
  EXPECT_GT(b, a);
  EXPECT_EQ(n, 42);
  EXPECT_EQ(deleted, "một");
}

TEST_P(DatabaseTest, ReadSeesCommittedDataAndCannotWrite) {
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{1}, std::string("một")}));
    return ok_status();
  }).ok());
  EXPECT_EQ(item_ids(*db_), (std::set<int64_t>{1}));

  Status st = db_->read([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{2}, std::string("hai")}));
    return ok_status();
  });
  ASSERT_FALSE(st.ok()) << "a write inside read() must fail";
  EXPECT_EQ(st.error().kind, ErrorKind::internal);
  EXPECT_EQ(item_ids(*db_), (std::set<int64_t>{1}));
}

TEST_P(DatabaseTest, ReadIsOneSnapshot) {
  int64_t before = -1, after = -1;
  Status st = db_->read([&](Connection& c) -> Status {
    MC_ASSIGN(auto r1, c.query("SELECT COUNT(*) FROM sqldbt_items", {}));
    before = r1.at(0).i64(0);
    // Another transaction commits meanwhile.
    MC_TRY(db_->write([](Connection& w) -> Status {
      MC_TRY(w.exec(kInsertItem, Params{int64_t{1}, std::string("một")}));
      return ok_status();
    }));
    MC_ASSIGN(auto r2, c.query("SELECT COUNT(*) FROM sqldbt_items", {}));
    after = r2.at(0).i64(0);
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 0);
  EXPECT_EQ(item_ids(*db_).size(), 1u);
}

// 16 threads x 200 jobs; every 10th job fails by its own decision after inserting, every
// 10th (offset) hits a unique violation on its second row. Acknowledged rows are all there,
// failed jobs left nothing behind.
TEST_P(DatabaseTest, FailingJobsRollBackOnlyThemselvesUnderConcurrency) {
  ASSERT_TRUE(db_->write([](Connection& c) -> Status {
    MC_TRY(c.exec(kInsertItem, Params{int64_t{0}, std::string("taken")}));
    return ok_status();
  }).ok());
  constexpr int kThreads = 16, kJobs = 200;
  std::vector<std::vector<int>> outcome(kThreads, std::vector<int>(kJobs, -1));
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < kJobs; ++i) {
        const int64_t id = 1 + t * 1000 + i;
        Status st = db_->write([&](Connection& c) -> Status {
          MC_TRY(c.exec(kInsertItem, Params{id, "a" + std::to_string(id)}));
          std::string second = (i % 10 == 7) ? std::string("taken") : "b" + std::to_string(id);
          MC_TRY(c.exec(kInsertItem, Params{id + 1'000'000, second}));
          if (i % 10 == 3) return make_error(ErrorKind::invalid, "Không hợp lệ", "app");
          return ok_status();
        });
        if (st.ok()) outcome[t][i] = 0;
        else if (st.error().kind == ErrorKind::invalid && st.error().code == "app") outcome[t][i] = 1;
        else if (st.error().kind == ErrorKind::conflict && st.error().code == "constraint") outcome[t][i] = 2;
        else outcome[t][i] = 3;
      }
    });
  }
  for (auto& th : ts) th.join();

  std::set<int64_t> ids = item_ids(*db_);
  int acked = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kJobs; ++i) {
      const int64_t id = 1 + t * 1000 + i;
      const int want = (i % 10 == 3) ? 1 : (i % 10 == 7) ? 2 : 0;
      ASSERT_EQ(outcome[t][i], want) << "thread " << t << " job " << i;
      const bool present = ids.count(id) && ids.count(id + 1'000'000);
      const bool absent = !ids.count(id) && !ids.count(id + 1'000'000);
      if (want == 0) {
        ++acked;
        EXPECT_TRUE(present) << id;
      } else {
        EXPECT_TRUE(absent) << id;
      }
    }
  }
  EXPECT_EQ(ids.size(), size_t(1 + 2 * acked));
  WriteStats s = db_->stats();
  EXPECT_EQ(s.jobs - base_.jobs, 1 + kThreads * kJobs);
  EXPECT_EQ(s.failed_jobs - base_.failed_jobs, kThreads * kJobs - acked);
}

TEST_P(DatabaseTest, GroupCommitBatchesConcurrentWrites) {
  constexpr int kThreads = 32, kJobs = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < kJobs; ++i) {
        const int64_t id = t * 1000 + i;
        Status st = db_->write([&](Connection& c) -> Status {
          MC_TRY(c.exec(kInsertItem, Params{id, "a" + std::to_string(id)}));
          MC_TRY(c.exec(kInsertItem, Params{id + 1'000'000, "b" + std::to_string(id)}));
          return ok_status();
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : ts) th.join();
  EXPECT_EQ(failures.load(), 0);
  WriteStats s = db_->stats();
  const int64_t jobs = s.jobs - base_.jobs, commits = s.commits - base_.commits;
  EXPECT_EQ(jobs, kThreads * kJobs);
  if (GetParam() == Engine::sqlite) {
    EXPECT_LT(commits, jobs) << "no batching happened";
    std::printf("[   info   ] SQLite: %lld jobs in %lld commits\n", (long long)jobs, (long long)commits);
  } else {
    EXPECT_EQ(commits, jobs);  // one transaction per job
  }
  EXPECT_EQ(item_ids(*db_).size(), size_t(2 * kThreads * kJobs));
}

TEST_P(DatabaseTest, ConcurrentCounterYieldsConsecutiveValues) {
  constexpr int kThreads = 16, kBumps = 50;
  std::mutex mu;
  std::vector<int64_t> seen;
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&] {
      for (int i = 0; i < kBumps; ++i) {
        int64_t n = 0;
        Status st = db_->write([&](Connection& c) -> Status {
          MC_ASSIGN(auto r, c.query(kBump, Params{std::string("hồ sơ")}));
          n = r.at(0).i64(0);
          return ok_status();
        });
        ASSERT_TRUE(st.ok()) << st.error().code;
        std::lock_guard lk(mu);
        seen.push_back(n);
      }
    });
  }
  for (auto& th : ts) th.join();
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), size_t(kThreads * kBumps));
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], int64_t(i + 1));
}

TEST_P(DatabaseTest, CloseFinishesQueuedWritesAndRefusesLaterOnes) {
  constexpr int kThreads = 16;
  std::vector<std::vector<std::pair<int64_t, bool>>> done(kThreads);
  std::atomic<int> other_errors{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) {
    ts.emplace_back([&, t] {
      for (int i = 0; i < 100'000; ++i) {
        const int64_t id = t * 1'000'000 + i;
        Status st = db_->write([&](Connection& c) -> Status {
          MC_TRY(c.exec(kInsertItem, Params{id, "a" + std::to_string(id)}));
          return ok_status();
        });
        if (!st.ok() && st.error().kind != ErrorKind::unavailable) ++other_errors;
        done[t].emplace_back(id, st.ok());
        if (!st.ok()) return;
      }
    });
  }
  std::this_thread::sleep_for(150ms);
  db_->close();
  for (auto& th : ts) th.join();
  db_->close();  // idempotent
  EXPECT_EQ(other_errors.load(), 0);

  Status late = db_->write([](Connection&) { return ok_status(); });
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().kind, ErrorKind::unavailable);
  Status late_read = db_->read([](Connection&) { return ok_status(); });
  EXPECT_EQ(late_read.error().kind, ErrorKind::unavailable);

  auto db2 = open();
  ASSERT_TRUE(db2);
  std::set<int64_t> ids = item_ids(*db2);
  size_t acked = 0;
  for (auto& v : done) {
    ASSERT_FALSE(v.empty());
    EXPECT_FALSE(v.back().second) << "every writer thread ends refused";
    for (auto& [id, ok] : v) {
      EXPECT_EQ(ids.count(id) == 1, ok) << id;
      acked += ok;
    }
  }
  EXPECT_GT(acked, 0u);
  EXPECT_EQ(ids.size(), acked);
  db2->close();
}

TEST_P(DatabaseTest, ExecScriptRunsSeveralStatements) {
  Status st = db_->write([](Connection& c) -> Status {
    return c.exec_script(
        "INSERT INTO sqldbt_parent (id) VALUES (1);\n"
        "INSERT INTO sqldbt_items (id, name, parent_id) VALUES (10, 'mười; và ''?''', 1);\n");
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  auto rows = select(*db_, "SELECT name FROM sqldbt_items WHERE parent_id = ?", Params{int64_t{1}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "mười; và '?'");
}

// More distinct SQL texts than the statement cache keeps (dynamic SQL stays correct).
TEST_P(DatabaseTest, ManyDistinctStatementsBeyondTheCache) {
  int64_t sum = 0;
  Status st = db_->write([&](Connection& c) -> Status {
    for (int i = 0; i < 700; ++i) {
      MC_ASSIGN(auto r, c.query("SELECT CAST(? AS BIGINT) + " + std::to_string(i), Params{int64_t{1}}));
      sum += r.at(0).i64(0);
    }
    return ok_status();
  });
  ASSERT_TRUE(st.ok()) << st.error().code;
  EXPECT_EQ(sum, 700 + 699 * 700 / 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseTest, ::testing::Values(Engine::sqlite, Engine::postgres),
                         [](const auto& info) { return name_of(info.param); });

}  // namespace
}  // namespace motcua::sql
