// The citizen's side of their dossiers (issue 13): "Hồ sơ của tôi" (their dossiers in plain words,
// what is expected of them now, the history and forms they are shown), answering a supplement
// request online, withdrawing, downloading the electronic result; "Kho dữ liệu của tôi" (their
// earlier documents and results, reused by reference and counted); the rating of a dossier
// (once, from the web, a signed link or the desk kiosk) and the counters it feeds.
//
// Authorisation: a citizen reads and acts only on dossiers whose owner_personal_id is their own;
// anything else is 404 not_found (existence does not leak). Lifecycle moves go through
// DossierService::act (one transaction with history, audit, sync and counters); the rest writes
// its own single transaction with history entry, audit record and counters.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "common/result.h"
#include "domain/dossier/rating.h"
#include "store/citizen_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

// Something the citizen is expected to do now (decided here, shown as given).
struct Awaiting {
  std::string id;     // send_supplement | pay_fee | collect_result | download_result | rate
  std::string label;  // Vietnamese
  std::vector<std::string> items;  // send_supplement: what was asked
};

struct MyHistoryEntry {
  Millis at = 0;
  std::string event, label;
  bool by_me = false;
  std::string note;                // only the citizen's own notes
  std::vector<std::string> items;  // supplement items, reasons
  Millis due_at = 0;               // reception / apology: the appointment
};

struct MyForm {
  std::string form, name;  // "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
};

struct MyDocument {
  store::OwnedDocument owned;
  std::string kind;  // submitted | result
  std::string procedure_name;
  std::string reused_from;  // the source document when this one was reused
};

struct MyResult {
  bool granted = false;
  std::string number, date, return_method;
  bool electronic = false;  // a signed file the citizen can download
};

struct MyDossier {
  store::DossierRec d;
  std::string procedure_name, receiving_agency_name, state_label;
  bool open = true;
  std::vector<Awaiting> awaiting;
  // The full view only.
  std::vector<MyHistoryEntry> history;
  std::vector<MyForm> forms;
  std::vector<MyDocument> documents;
  std::optional<MyResult> result;
  std::optional<store::RatingRec> rating;
  bool may_withdraw = false, may_answer_supplement = false, may_rate = false, may_add_documents = false;
};

struct MyDossierQuery {
  std::string state;  // "" = any
  std::optional<bool> open;
  std::string cursor;
  int limit = 20;
};

struct MyDossierPage {
  std::vector<MyDossier> items;
  std::string next_cursor;
};

struct NationalDatabases {
  bool connected = false;
  std::string message;
};

struct MyComponent {
  std::string name, kind, replaceable_by, source_name;
  int64_t count = 1;
  bool asked = true;
  std::vector<MyDocument> reusable;
};

struct RatingInput {
  std::string score;    // dossier::Score stored name
  std::string comment;  // optional
};

struct RatingLinkInfo {
  std::string code, procedure_name, agency_name;
  Millis expires_at = 0;
};

struct KioskPairing {
  store::KioskRec kiosk;
  std::string code;  // 8 digits
};

struct KioskPaired {
  std::string token, csrf, desk, agency_name;
};

struct KioskCurrent {
  std::string desk, agency_name, csrf;
  std::optional<std::string> code, procedure_name, masked_name;
};

struct RatingCounters {
  std::string period;
  int64_t very_satisfied = 0, satisfied = 0, dissatisfied = 0, documents_reused = 0, results_electronic = 0;
  // Components replaceable by the population database: taken from it, or still handed in.
  int64_t population_reused = 0, population_asked = 0;
};

class CitizenService {
 public:
  CitizenService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, DossierService& dossiers,
                 const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), dossiers_(dossiers), clock_(clock) {}

  // --- Hồ sơ của tôi (my_dossiers.cc) ---
  Result<MyDossierPage> my_dossiers(const Actor& a, const MyDossierQuery& q);
  Result<MyDossier> my_dossier(const Actor& a, const std::string& dossier_id);
  // supplement_received with the documents sent and a note (400 missing_field when neither).
  Result<MyDossier> answer_supplement(const Actor& a, const std::string& dossier_id, const std::string& note,
                                      const std::vector<std::string>& document_ids);
  Result<MyDossier> withdraw(const Actor& a, const std::string& dossier_id, const std::string& reason);
  // The signed result file (409 no_electronic_result when there is none to download).
  Result<DocumentFile> result_file(const Actor& a, const std::string& dossier_id);

  // --- Kho dữ liệu của tôi (data_store.cc) ---
  Result<std::vector<MyDocument>> my_documents(const Actor& a);
  NationalDatabases national_databases() const;
  // Whether a national database (catalogue::DataSource name) is connected: set by the App.
  void set_connected(std::function<bool(std::string_view)> f) { connected_ = std::move(f); }
  Result<std::vector<MyComponent>> components(const Actor& a, const std::string& procedure_id);
  Result<store::DocumentRec> reuse_document(const Actor& a, const std::string& dossier_id,
                                            const std::string& source_document_id, const std::string& component,
                                            const std::string& idempotency_key, const std::string& body_hash);

  // --- Ratings (ratings.cc) ---
  Result<store::RatingRec> rate(const Actor& a, const std::string& dossier_id, const RatingInput& in,
                                const std::string& idempotency_key, const std::string& body_hash);
  Result<RatingLinkInfo> rating_link(const std::string& token);
  Result<store::RatingRec> rate_by_link(const std::string& token, const RatingInput& in,
                                        const std::string& idempotency_key, const std::string& body_hash);
  // The signed link for a dossier (what the invitation carries), inside the transaction open on `c`.
  Result<std::string> rating_url_in(sql::Connection& c, const std::string& dossier_id, Millis now);
  // Desk kiosks: an official pairs one to their desk; the tablet takes its code; it then shows
  // and rates only the dossier that official has just returned.
  Result<KioskPairing> create_kiosk(const Actor& a, const std::string& desk, const std::string& agency_id,
                                    const std::string& idempotency_key, const std::string& body_hash);
  // The kiosks this official paired (ended ones too), newest first.
  Result<std::vector<store::KioskRec>> my_kiosks(const Actor& a);
  Result<KioskPaired> pair_kiosk(const std::string& code);
  Result<KioskCurrent> kiosk_current(const std::string& token);
  Result<store::RatingRec> rate_at_kiosk(const std::string& token, const std::string& csrf, const RatingInput& in,
                                         const std::string& idempotency_key, const std::string& body_hash);
  Result<std::vector<RatingCounters>> rating_counters(const Actor& a, const std::string& agency_id,
                                                      const std::string& from, const std::string& to);
  // DossierService's return_result hook, in its transaction: the rating invitation (outbox
  // topic notify) and the desk kiosk of the official who returned it.
  Status dossier_returned(sql::Connection& c, const Actor& a, const store::DossierRec& d, Millis now);

  // How long a returned dossier stays on its desk's kiosk.
  static constexpr Millis kKioskWindow = 10 * 60 * 1000;

 private:
  Millis now() const { return clock_.now(); }
  // The rating-link secret: the configured one, or the store's (generated once).
  Result<std::string> secret();
  // The same inside a transaction already open on `c` (a write must not open a second one):
  // remembered only when it was already stored, since this transaction may still roll back.
  Result<std::string> secret_in(sql::Connection& c);
  Result<store::RatingRec> rate_in(sql::Connection& c, const store::DossierRec& d, const RatingInput& in,
                                   dossier::RatingChannel channel, const std::string& by, Millis now);
  MyDossier summary_of(store::DossierRec d);
  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  DossierService& dossiers_;
  const Clock& clock_;
  std::mutex secret_mu_;
  std::string secret_;
  std::function<bool(std::string_view)> connected_;
};

}  // namespace motcua::app
