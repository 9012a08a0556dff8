// Helpers for the sqldb tests (implemented in test_support_test.cc, linked only into tests).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace motcua::sql::sqltest {

// A PostgreSQL for tests: $MOTCUA_TEST_PG, or a cluster started once (lazily) with
// scripts/pg_test_cluster.sh and stopped when the test program ends. nullopt (and `why`)
// when neither is possible.
std::optional<std::string> pg_conninfo(std::string* why);

// A fresh path for an SQLite database file under the temp dir; remove_sqlite() deletes the
// file and its -wal/-shm companions.
std::string temp_sqlite_path(std::string_view tag);
void remove_sqlite(const std::string& path);

}  // namespace motcua::sql::sqltest
