#include "app/app.h"

#include "app/catalogue_cache.h"

#include "store/migrations.h"
#include "store/repo.h"

namespace motcua::app {

App::App(Config cfg, std::unique_ptr<sql::Database> db, std::shared_ptr<const Clock> clock)
    : cfg_(std::move(cfg)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      db_(std::move(db)),
      catalogue_(std::make_unique<CatalogueCache>(*db_)) {}
App::~App() {
  if (db_) db_->close();
}

Result<std::unique_ptr<App>> App::open(const Config& cfg, std::shared_ptr<const Clock> clock) {
  std::unique_ptr<sql::Database> db;
  if (cfg.db.rfind("sqlite:", 0) == 0) {
    sql::SqliteOptions o;
    o.path = cfg.db.substr(7);
    o.synchronous_full = cfg.synchronous_full;
    MC_ASSIGN(db, sql::Database::open_sqlite(o));
  } else {
    sql::PostgresOptions o;
    o.conninfo = cfg.db.substr(9);
    o.pool_size = std::max(4, cfg.worker_threads / 2);
    MC_ASSIGN(db, sql::Database::open_postgres(o));
  }
  MC_TRY(store::migrate(*db));
  auto app = std::make_unique<App>(cfg, std::move(db), std::move(clock));
  MC_TRY(app->reload_calendar());
  return app;
}

Result<store::AuditCheck> App::verify_audit() {
  store::AuditCheck out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::verify_audit(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::ProcedureRec>> App::procedures(const std::string& agency_id, const std::string& folded,
                                                         int limit) {
  std::vector<store::ProcedureRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    // A public-administration service centre receives every procedure of the province.
    std::string filter = agency_id;
    if (!filter.empty()) {
      MC_ASSIGN(auto agency, store::get_agency(c, filter));
      if (agency && agency->type == "service_center") filter.clear();
    }
    MC_ASSIGN(out, store::list_procedures(c, filter, folded, limit));
    return ok_status();
  }));
  return out;
}

Result<store::ProcedureRec> App::procedure(const std::string& id) {
  std::optional<store::ProcedureRec> p;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(p, store::get_procedure(c, id));
    return ok_status();
  }));
  if (!p) return make_error(ErrorKind::not_found, "Không tìm thấy thủ tục hành chính " + id);
  return *p;
}

Result<std::vector<store::AgencyRec>> App::agencies() {
  std::vector<store::AgencyRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_agencies(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::LocationRec>> App::locations() {
  std::vector<store::LocationRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_locations(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::UnitRec>> App::units(const std::string& level, bool with_history) {
  std::vector<store::UnitRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_units(c, level, !with_history));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::SuccessionRec>> App::all_successions() {
  std::vector<store::SuccessionRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::list_successions(c));
    return ok_status();
  }));
  return out;
}

Result<std::vector<store::SuccessionRec>> App::successors(const std::string& unit_id) {
  std::vector<store::SuccessionRec> out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::successions_from(c, unit_id));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
