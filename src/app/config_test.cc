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

TEST(VneidConfig, ProductionKeepsTheDevelopmentLoginOffWhateverItIsToldAndOidcHasItsDefaults) {
  ::setenv("MOTCUA_PRODUCTION", "1", 1);
  ::setenv("MOTCUA_DEV_CITIZEN_LOGIN", "1", 1);
  ::setenv("MOTCUA_PUBLIC_URL", "https://motcua.example", 1);
  ::setenv("MOTCUA_OIDC_ISSUER", "https://vneid.example", 1);
  ::setenv("MOTCUA_OIDC_CLIENT_ID", "motcua", 1);
  auto c = load_config_from_env();
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c.value().dev_citizen_login);
  EXPECT_TRUE(c.value().oidc_on());
  EXPECT_EQ(c.value().oidc_redirect_uri, "https://motcua.example/api/v1/auth/vneid/callback");
  EXPECT_EQ(c.value().oidc_post_logout_redirect_uri, "https://motcua.example/");
  EXPECT_EQ(c.value().oidc_id_claim, "SoDinhDanh");
  ::unsetenv("MOTCUA_PRODUCTION");
  auto dev = load_config_from_env();  // outside production the variable is obeyed
  ASSERT_TRUE(dev.ok());
  EXPECT_TRUE(dev.value().dev_citizen_login);
  ::unsetenv("MOTCUA_OIDC_CLIENT_ID");  // an issuer without a client id is a configuration error
  EXPECT_FALSE(load_config_from_env().ok());
  ::setenv("MOTCUA_OIDC_CLIENT_ID", "motcua", 1);
  ::setenv("MOTCUA_OIDC_AFTER_LOGIN", "//evil.example/", 1);  // not a path of this site
  EXPECT_FALSE(load_config_from_env().ok());
  for (const char* k : {"MOTCUA_DEV_CITIZEN_LOGIN", "MOTCUA_PUBLIC_URL", "MOTCUA_OIDC_ISSUER", "MOTCUA_OIDC_CLIENT_ID",
                        "MOTCUA_OIDC_AFTER_LOGIN"})
    ::unsetenv(k);
}

TEST(BenchConfig, TheSwitchThatSkipsTheKpiCountersIsRefusedInProduction) {
  ::setenv("MOTCUA_BENCH_NO_KPI_COUNTERS", "1", 1);
  EXPECT_TRUE(load_config_from_env().ok());  // a bench server
  ::setenv("MOTCUA_PRODUCTION", "1", 1);
  auto c = load_config_from_env();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("MOTCUA_BENCH_NO_KPI_COUNTERS"), std::string::npos);
  ::unsetenv("MOTCUA_PRODUCTION");
  ::unsetenv("MOTCUA_BENCH_NO_KPI_COUNTERS");
}

}  // namespace
}  // namespace motcua::app
