// Helpers shared by the app's tests (not part of any contract).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/app.h"
#include "domain/calendar/deadline.h"

namespace motcua::app::test_support {

// The repository's root (this header is src/app/test_support.h).
inline std::string source_dir() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().string();
}

// A configuration over a fresh SQLite store in `dir` (emptied first), with the repository's
// seed data and files kept in `dir`.
inline Config fresh_config(const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Config cfg;
  cfg.db = "sqlite:" + (dir / "t.db").string();
  cfg.seed_dir = source_dir() + "/data/seed";
  cfg.files_dir = (dir / "files").string();
  return cfg;
}

// The one number `sql` selects (e.g. a COUNT(*)), read in a read transaction; -1 on failure.
inline int64_t count(App& app, const std::string& sql) {
  int64_t n = -1;
  EXPECT_TRUE(app.db().read([&](sql::Connection& c) -> Status {
                   MC_ASSIGN(auto rows, c.query(sql));
                   n = rows.at(0).i64(0);
                   return ok_status();
                 }).ok());
  return n;
}

// The procedures `agency_id` handles whose time limit is counted in working days, in the
// catalogue's order.
inline std::vector<store::ProcedureRec> working_day_procedures(App& app, const std::string& agency_id) {
  auto procs = app.catalogue().procedures(agency_id, "", 200);
  EXPECT_TRUE(procs.ok());
  std::vector<store::ProcedureRec> out;
  if (!procs.ok()) return out;
  for (auto& p : *procs) {
    auto unit = calendar::parse_time_unit(p.time_unit);
    if (unit.ok() && *unit == calendar::TimeUnit::working_days) out.push_back(p);
  }
  return out;
}

}  // namespace motcua::app::test_support
