// What every handler shares: the session rules (cookie, CSRF, who is asking), and the JSON
// helpers that turn requests into commands and results into responses. Each group of routes
// holds the gate and only the services it calls (see each add_*_routes).
#pragma once
#include <optional>
#include <string>

#include "app/app.h"  // the services; handlers hold only those they call
#include "http/json_input.h"
#include "http/message.h"
#include "http/rate_limit.h"
#include "http/router.h"

namespace motcua::api {

// Limits per client on what could be walked or flooded for free (Config: lookup_per_minute,
// filings_per_minute_per_address). Owned by the Api, shared by the routes that take from them.
struct Limits {
  http::RateLimiter lookups;
  http::RateLimiter filings;
  explicit Limits(const app::Config& c)
      : lookups(int(c.lookup_per_minute), int(c.lookup_per_minute)),
        filings(int(c.filings_per_minute_per_address), int(c.filings_per_minute_per_address)) {}
};

// The session rules every route shares: the session cookie, the CSRF token, the acting person.
struct Gate {
  const app::Config& config;
  app::IdentityService& identity;
  Limits& limits;
  std::string cookie_name() const;
  // Set-Cookie value for a new session / for clearing it.
  std::string session_cookie(const std::string& token) const;
  std::string clear_cookie() const;
  // The session of this request. For a state-changing method the X-CSRF-Token header must
  // match the session's token (403 otherwise).
  Result<app::SessionInfo> session(const http::Request& req) const;
  // session(req) from memory alone (it may run on an io thread): nullopt when the store must
  // be read.
  std::optional<Result<app::SessionInfo>> session_in_memory(const http::Request& req) const;
  // The client's address: the connection's peer, or behind a trusted proxy
  // (Config::trust_proxy) the last X-Forwarded-For hop.
  std::string client_address(const http::Request& req) const;
};

// Takes `cost` tokens for `key`, or 429 rate_limited with Retry-After: `detail` (Vietnamese)
// followed by when to try again.
Status within_limit(http::RateLimiter& limiter, const std::string& key, int cost, const char* detail);

// The Idempotency-Key header of a creating request (POST) and the SHA-256 of the body it stands
// for: both "" when absent or empty (nothing hashed on the usual keyless request); 400
// invalid_idempotency_key past 200 bytes or with a character outside visible ASCII. Every
// creating handler reads it and hands key and hash to its use case, which wraps its transaction
// in app::with_idempotency (app/idempotency.h): a repeat of the same request answers the first
// result; the same key with another request is 409 idempotency_mismatch.
struct IdempotencyHeader {
  std::string key, body_hash;
};
Result<IdempotencyHeader> idempotency_of(const http::Request& req);

// A group of routes: the gate and the one service its handlers call. The router keeps a
// reference: the group must outlive it.
template <class Service>
struct Routes {
  Gate& gate;
  Service& service;
};

// What the public pages read: the catalogue, the organisation, the calendar and the lookup of a
// dossier by its code (public_routes.cc).
struct PublicRoutes {
  Gate& gate;
  app::CatalogueService& catalogue;
  app::OrganisationService& organisation;
  app::CalendarService& calendar;
  app::DossierService& dossiers;
};

// Staff and grants, agencies, procedure versions, own password (admin_manage_routes.cc).
struct ManageRoutes {
  Gate& gate;
  app::IdentityService& identity;
  app::OrganisationService& organisation;
  app::CatalogueService& catalogue;
};

// The public lookup by code, within the client address's lookup limit (a miss costs more).
Result<app::PublicDossier> lookup_limited(PublicRoutes& ctx, const http::Request& req, const std::string& code,
                                          const std::string& key);

// Registers the routes of each audience.
void add_public_routes(http::Router& r, PublicRoutes& ctx);
void add_auth_routes(http::Router& r, Gate& gate);
// VNeID login through OpenID Connect: start and callback (vneid_routes.cc).
void add_vneid_routes(http::Router& r, Gate& gate);
void add_dossier_routes(http::Router& r, Routes<app::DossierService>& ctx);
void add_admin_routes(http::Router& r, Routes<app::CalendarService>& ctx);
void add_admin_manage_routes(http::Router& r, ManageRoutes& ctx);
// Administrative units and their succession (admin_unit_routes.cc).
void add_admin_unit_routes(http::Router& r, Routes<app::OrganisationService>& ctx);
// `catalogue` fills the home page's plain-HTML shell with the most used procedures (may be null).
void add_static_routes(http::Router& r, const app::Config& config, app::CatalogueService* catalogue = nullptr);
void add_document_routes(http::Router& r, Routes<app::DossierService>& ctx);
void add_form_routes(http::Router& r, Routes<app::FormsService>& ctx);
// E-forms of procedure versions, the citizen's drafts, their uploads and submit (citizen/draft_routes.cc).
void add_eform_routes(http::Router& r, Routes<app::EformService>& ctx);
// Payments of dossier fees and the platforms' callbacks (payment_routes.cc).
void add_payment_routes(http::Router& r, Routes<app::PaymentService>& ctx);
// The citizen's own dossiers, data store and ratings; the desk kiosk (citizen/citizen_routes.cc).
void add_citizen_routes(http::Router& r, Routes<app::CitizenService>& ctx);
// The outbox relay's administration (admin/outbox_routes.cc).
void add_outbox_routes(http::Router& r, Routes<app::outbox_relay::Relay>& ctx);
// Notification settings of the citizen and the per-dossier delivery log (notify_routes.cc).
void add_notify_routes(http::Router& r, Routes<app::NotifyService>& ctx);
// The national portal: its lookup of our dossiers, the share synchronised (dvcqg_routes.cc).
void add_dvcqg_routes(http::Router& r, Routes<app::NationalSyncService>& ctx);
// What leaders see: figures, drill-down, form 06a (staff/kpi_routes.cc).
void add_kpi_routes(http::Router& r, Routes<app::KpiService>& ctx);
void add_index766_routes(http::Router& r, Routes<app::Index766Service>& ctx);
// Feedback and petitions: portal filing, hotline desk, handling, own cases, published answers
// (feedback/feedback_routes.cc); the Open311 GeoReport v2 API (feedback/open311_routes.cc).
void add_feedback_routes(http::Router& r, Routes<app::FeedbackService>& ctx);
void add_open311_routes(http::Router& r, Routes<app::FeedbackService>& ctx);
// The Zalo Official Account: its webhook, the citizen's link (zalo_routes.cc).
void add_zalo_routes(http::Router& r, Routes<app::ZaloService>& ctx);
// The quarterly evaluation of agencies and the procedure review (staff/evaluation_routes.cc).
void add_evaluation_routes(http::Router& r, Routes<app::EvaluationService>& ctx);
void add_review_routes(http::Router& r, Routes<app::ReviewService>& ctx);
// The units' periodic reports and their consolidation (staff/report_routes.cc).
void add_report_routes(http::Router& r, Routes<app::UnitReportService>& ctx);
// The national population database: lookups at filing (population_routes.cc).
void add_population_routes(http::Router& r, Routes<app::PopulationService>& ctx);
// `training`: a training copy (Config::training) says so at the top of the page.
void add_tracking_routes(http::Router& r, PublicRoutes& ctx, bool training = false);

// Every route of the system over the application's services. Holds the groups it registers.
class Api {
 public:
  explicit Api(app::App& app);
  http::Router build_router();

 private:
  Limits limits_;
  Gate gate_;
  PublicRoutes public_;
  Routes<app::DossierService> dossiers_;
  Routes<app::CalendarService> calendar_;
  ManageRoutes manage_;
  Routes<app::OrganisationService> units_;
  Routes<app::FormsService> forms_;
  Routes<app::EformService> eforms_;
  Routes<app::outbox_relay::Relay> relay_;
  Routes<app::NotifyService> notify_;
  Routes<app::PaymentService> payments_;
  Routes<app::CitizenService> citizen_;
  Routes<app::NationalSyncService> national_;
  Routes<app::KpiService> kpi_;
  Routes<app::Index766Service> index766_;
  Routes<app::FeedbackService> feedback_;
  Routes<app::ZaloService> zalo_;
  Routes<app::EvaluationService> evaluation_;
  Routes<app::ReviewService> review_;
  Routes<app::UnitReportService> reports_;
  Routes<app::PopulationService> population_;
  const app::Config& config_;
};

}  // namespace motcua::api
