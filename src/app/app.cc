#include "app/app.h"

#include "app/catalogue_cache.h"

#include "store/kpi_deltas.h"
#include "store/migrations.h"
#include "store/repo.h"

namespace motcua::app {

App::App(Config cfg, std::unique_ptr<sql::Database> db, std::shared_ptr<const Clock> clock)
    : cfg_(std::move(cfg)),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()),
      db_(store::defer_kpi_writes(std::move(db))),  // KPI counters written at each job's end
      cache_(*db_),
      calendar_(*db_, clock_.get()),
      identity_(cfg_, *db_),
      organisation_(*db_, cache_),
      catalogue_(*db_, cache_),
      dossiers_(cfg_, *db_, cache_, calendar_, *clock_),
      forms_(cfg_, *db_, cache_, calendar_, dossiers_),
      payments_(cfg_, *db_, cache_, dossiers_, *clock_),
      citizen_(cfg_, *db_, cache_, dossiers_, *clock_),
      relay_(*db_, *clock_,
             outbox_relay::RelayOptions{{cfg_.outbox_backoff_ms, cfg_.outbox_backoff_cap_ms, int(cfg_.outbox_max_attempts), 0.5},
                                  cfg_.outbox_lease_ms, 20, cfg_.outbox_poll_ms, cfg_.outbox_threads}),
      notify_(cfg_, *db_, *clock_) {
  // A year's official decision keeps the appointments already given, moving only those whose
  // day it makes a day off (in the decision's own transaction).
  // A returned dossier invites its applicant to rate it and shows on its desk's kiosk (in the
  // return's own transaction).
  dossiers_.on_returned([this](sql::Connection& c, const Actor& a, const store::DossierRec& d, Millis now) {
    return citizen_.dossier_returned(c, a, d, now);
  });
  national_.set_catalogue(&catalogue_);  // accepted national catalogue changes become versions
  population_.set_forms([this](const std::string& id) -> Result<std::shared_ptr<const eform::Schema>> {
    MC_ASSIGN(auto info, eforms_.eform(id));  // what a lookup fills in the procedure's e-form
    return info.schema;
  });
  citizen_.set_connected([this](std::string_view source) {
    return source == "csdl_dan_cu" && population_.connected();
  });
  calendar_.on_year_decided([this](sql::Connection& c, const Actor& a, int year, const calendar::Calendar& cal,
                                   Millis now) { return dossiers_.keep_appointments(c, a, year, cal, now); });
}

App::~App() {
  feedback_.stop_jobs();
  payments_.stop_jobs();
  relay_.stop();
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
  MC_TRY(app->calendar().reload());
  return app;
}

Result<store::AuditCheck> App::verify_audit(const std::vector<std::string>& kept) {
  store::AuditCheck out;
  MC_TRY(db_->read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(out, store::verify_audit(c, kept));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
