// Numbered SQL migrations per engine (src/store/migrations/<engine>/NNN_name.sql), embedded in
// the binary at build time and applied in order at start-up. Never edit one that has landed.
#pragma once
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::store {

struct EmbeddedMigration {
  const char* engine;  // "sqlite" or "postgres"
  const char* name;    // "001_init"; the number is the prefix before '_'
  const char* sql;
};
const std::vector<EmbeddedMigration>& embedded_migrations();

// Applies every migration not yet recorded in schema_migrations, each in its own transaction
// (Database::write_bulk: a migration may rewrite a whole table). With `before` set, only those
// whose name sorts before it (tests build a store as an older version left it).
Status migrate(sql::Database& db, std::string_view before = {});

}  // namespace motcua::store
