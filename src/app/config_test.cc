#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

namespace motcua::app {
namespace {

TEST(DefaultWorkers, SqliteKeepsManyInFlightForBigCommitGroups) {
  EXPECT_EQ(default_worker_threads(false, 2), 64);
  EXPECT_EQ(default_worker_threads(false, 32), 64);
}

TEST(DefaultWorkers, PostgresTakesFourPerCoreWithinBounds) {
  EXPECT_EQ(default_worker_threads(true, 2), 8);
  EXPECT_EQ(default_worker_threads(true, 1), 8);
  EXPECT_EQ(default_worker_threads(true, 6), 24);
  EXPECT_EQ(default_worker_threads(true, 64), 64);
  EXPECT_EQ(default_worker_threads(true, 0), 8);  // unknown core count: as for two
}

TEST(DefaultWorkers, TheEnvironmentChoosesByStoreAndMayOverride) {
  ::unsetenv("MOTCUA_WORKERS");
  ::setenv("MOTCUA_DB", "postgres:host=127.0.0.1 dbname=x", 1);
  auto pg = load_config_from_env();
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ(pg.value().worker_threads, default_worker_threads(true, std::thread::hardware_concurrency()));
  ::setenv("MOTCUA_DB", "sqlite:/tmp/x.db", 1);
  auto lite = load_config_from_env();
  ASSERT_TRUE(lite.ok());
  EXPECT_EQ(lite.value().worker_threads, 64);
  ::setenv("MOTCUA_WORKERS", "12", 1);
  auto set = load_config_from_env();
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set.value().worker_threads, 12);
  ::unsetenv("MOTCUA_WORKERS");
  ::unsetenv("MOTCUA_DB");
}

}  // namespace
}  // namespace motcua::app
