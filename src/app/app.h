// The application: the composition root of the context services. It opens the store and owns
// what the services share (configuration, clock, store, catalogue cache); each context is a
// service class with its own header, its dependencies as members:
//
//   identity/      IdentityService      logins, sessions, staff accounts and grants
//   org/           OrganisationService  agencies, administrative units and their succession
//   catalogue/     CatalogueService     procedures and their versions
//   calendar/      CalendarService      the working calendar
//   dossier/       DossierService       intake, actions, queues, documents, consultations
//   forms/         FormsService         legal forms 01–07
//   eform/         EformService         e-forms of procedure versions, drafts, submit online
//   feedback/      FeedbackService      phản ánh, kiến nghị from every channel (intake.h)
//
// HTTP handlers take only the service they use (src/api/context.h). A new context (payments,
// notifications, reporting, integrations, feedback) is one more folder and one more member here.
#pragma once
#include <memory>

#include "app/calendar/calendar_service.h"
#include "app/kpi/index766.h"
#include "app/catalogue/catalogue_service.h"
#include "app/catalogue_cache.h"
#include "app/citizen/citizen_service.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "app/eform/eform_service.h"
#include "app/feedback/feedback_service.h"
#include "app/evaluation/evaluation_service.h"
#include "app/evaluation/figures.h"
#include "app/evaluation/review_service.h"
#include "app/forms/forms_service.h"
#include "app/identity/identity_service.h"
#include "app/integration/national_sync_service.h"
#include "app/kpi/kpi_service.h"
#include "app/kpi/unit_report.h"
#include "app/integration/population_service.h"
#include "app/notify/notify_service.h"
#include "app/outbox/relay.h"
#include "app/org/organisation_service.h"
#include "app/payment/payment_service.h"
#include "app/zalo/zalo_service.h"
#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

class App {
 public:
  // `clock`: the time the dossier use cases act at (nullptr = the system clock).
  App(Config cfg, std::unique_ptr<sql::Database> db, std::shared_ptr<const Clock> clock = nullptr);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Opens the configured store and applies migrations.
  static Result<std::unique_ptr<App>> open(const Config& cfg, std::shared_ptr<const Clock> clock = nullptr);

  const Config& config() const { return cfg_; }
  sql::Database& db() { return *db_; }
  Millis now() const { return clock_->now(); }

  IdentityService& identity() { return identity_; }
  OrganisationService& organisation() { return organisation_; }
  CatalogueService& catalogue() { return catalogue_; }
  CalendarService& calendar() { return calendar_; }
  DossierService& dossiers() { return dossiers_; }
  FormsService& forms() { return forms_; }
  EformService& eforms() { return eforms_; }
  PaymentService& payments() { return payments_; }
  CitizenService& citizen() { return citizen_; }
  // The outbox relay (sinks are added by the composition root) and the notifications.
  outbox_relay::Relay& relay() { return relay_; }
  NotifyService& notify() { return notify_; }
  // The national public service portal (DVCQG): sync state, lookups, the share synchronised.
  NationalSyncService& national() { return national_; }
  // What leaders see: figures, drill-down, form 06a (app/kpi).
  KpiService& kpi() { return kpi_; }
  // The Quyết định 766 groups and points, near due and overdue stocks (app/kpi/index766.h).
  Index766Service& index766() { return index766_; }
  // The units' periodic reports (forms 06a, 07b) and the province's consolidation (app/kpi).
  UnitReportService& reports() { return reports_; }
  // Feedback and petitions (phản ánh, kiến nghị): every channel files through its Intake.
  FeedbackService& feedback() { return feedback_; }
  // The feedback context's intake, for the channels from outside (Zalo, the mailbox).
  feedback::Intake* intake() { return intake_; }
  // The Zalo Official Account both ways: webhook, link to a citizen, the OA's tokens.
  ZaloService& zalo() { return zalo_; }
  // The quarterly evaluation of agencies and the procedure review (issue 14).
  EvaluationService& evaluation() { return evaluation_; }
  ReviewService& review() { return review_; }
  // The national population database (CSDL quốc gia về dân cư): lookups at filing.
  PopulationService& population() { return population_; }

  // --- maintenance (app.cc, seed.cc, bench_fill.cc) ---
  // `kept`: audit chain heads kept outside the database by an earlier check (store::verify_audit).
  Result<store::AuditCheck> verify_audit(const std::vector<std::string>& kept = {});
  // Loads the demo province from cfg.seed_dir (only into an empty store).
  Status seed();
  // Bulk synthetic dossiers for benchmarks (bench-fill); `synced_percent` of them confirmed by
  // the national portal (dvcqg_sync rows and the synced counter, as the relay's sink writes them).
  Status bench_fill(int64_t count, int synced_percent = 0);

 private:
  Config cfg_;
  std::shared_ptr<const Clock> clock_;
  std::unique_ptr<sql::Database> db_;
  CatalogueCache cache_;
  CalendarService calendar_;
  IdentityService identity_;
  OrganisationService organisation_;
  CatalogueService catalogue_;
  DossierService dossiers_;
  FormsService forms_;
  EformService eforms_{cfg_, *db_, cache_, dossiers_, *clock_};
  PaymentService payments_;
  CitizenService citizen_;
  outbox_relay::Relay relay_;
  NotifyService notify_;
  NationalSyncService national_{cfg_, *db_, dossiers_, *clock_};
  KpiService kpi_{*db_, *clock_, &calendar_};
  Index766Service index766_{*db_, *clock_, kpi_, calendar_, cfg_.seed_dir};
  FeedbackService feedback_{cfg_, *db_, cache_, calendar_, *clock_};
  feedback::Intake* intake_ = &feedback_;  // the one wiring point of the feedback context's Intake
  ZaloService zalo_{cfg_, *db_, dossiers_, intake_, *clock_};
  // Their figures come from bounded dossier ranges until the KPI counters hold them.
  DossierFigures figures_{*db_};
  EvaluationService evaluation_{cfg_, *db_, cache_, figures_, *clock_};
  ReviewService review_{cfg_, *db_, figures_, *clock_};
  UnitReportService reports_{*db_, cache_, *clock_};
  PopulationService population_{cfg_, *db_, cache_, *clock_};
};

}  // namespace motcua::app
