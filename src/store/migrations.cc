#include "store/migrations.h"

#include <string>

#include "common/time.h"

namespace motcua::store {

Status migrate(sql::Database& db, std::string_view before) {
  const char* engine = db.engine() == sql::Engine::sqlite ? "sqlite" : "postgres";
  MC_TRY(db.write([](sql::Connection& c) -> Status {
    return c.exec_script("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  }));
  for (const auto& m : embedded_migrations()) {
    if (std::string(m.engine) != engine) continue;
    if (!before.empty() && std::string_view(m.name) >= before) continue;
    MC_TRY(db.write_bulk([&](sql::Connection& c) -> Status {
      std::vector<sql::Value> p{std::string(m.name)};
      MC_ASSIGN(auto rows, c.query("SELECT 1 FROM schema_migrations WHERE name = ?", p));
      if (!rows.empty()) return ok_status();
      MC_TRY(c.exec_script(m.sql));
      std::vector<sql::Value> q{std::string(m.name), int64_t(now_ms())};
      MC_TRY(c.exec("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", q));
      return ok_status();
    }));
  }
  return ok_status();
}

}  // namespace motcua::store
