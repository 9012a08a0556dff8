// The application: every use case the API offers, each one authorised here for the acting
// person and object, run as one store transaction that writes the state, the dossier history,
// the audit chain, outbox rows and KPI counters together.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "app/actor.h"
#include "app/clock.h"
#include "app/queues.h"
#include "app/config.h"
#include "common/result.h"
#include "domain/calendar/working_time.h"
#include "domain/dossier/transitions.h"
#include "domain/org/roles.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct LoginResult {
  std::string token;  // the session cookie value (only its hash is stored)
  std::string csrf;
  Actor actor;
  Millis expires_at = 0;
};

struct SessionInfo {
  Actor actor;
  std::string csrf;
};

struct Applicant {
  std::string kind = "citizen";  // citizen | organisation
  std::string full_name, id_number, tax_code, phone, email, address, address_unit_id;
  // The former unit (before the 1 July 2025 reorganisation) the applicant gave, if any; intake
  // maps it to address_unit_id, the current commune-level unit. Intake fills in both units'
  // names as they are that day ("Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum").
  std::string address_former_unit_id, address_unit_name, address_former_unit_name;
};

struct ComponentInput {
  std::string name, kind;  // kind: original | copy | original_or_copy
  int64_t count = 1;
  bool provided = true;
};

struct IntakeInput {
  std::string procedure_id;
  int64_t channel = 1;        // 1 counter, 2 online, 3 post
  Applicant applicant;
  std::vector<ComponentInput> components;
  bool receive = false;       // counter: receive at once (complete dossier → receipt)
  std::string note;
  std::string receiving_agency_id;  // staff with several agencies choose; default the only one
};

// The result of a decision, recorded at approval (resolve_granted; optional for a refusal, whose
// reasons are its content): the result document and how it will be returned.
struct ResultInput {
  std::string number;         // the document's number, e.g. "125/QĐ-UBND"
  std::string date;           // its date, YYYY-MM-DD (local), not after today
  std::string signer;         // who signed it
  std::string document_id;    // the signed file among the dossier's documents; required when
                              // the result is returned electronically
  std::string return_method;  // counter | post | electronic
};

// Everything an action may carry; each action reads the fields it needs.
struct ActionInput {
  std::string action;                 // dossier::Action id
  int64_t expected_version = 0;       // 0 = don't check; otherwise If-Match semantics
  std::string note;
  std::vector<std::string> items;     // supplement items / refusal or stop reasons
  Millis new_due = 0;                 // apology: the new appointment
  std::string assignee_id;            // handover: the next handler (optional)
  std::string return_method;          // counter | post | electronic
  std::string received_by;            // who collected the result
  std::optional<ResultInput> result;  // resolve_granted (required), resolve_refused (optional)
};

// Where an action hands the dossier (start_processing: the step it takes; handover: the next
// step), and who may be chosen to take it: holders of the step's role at the step's agency.
struct StepChoice {
  dossier::Action action = dossier::Action::handover;
  int64_t step = 0;
  std::string name;
  org::Role role = org::Role::specialist;
  std::string agency_id;
  std::vector<store::StaffRec> candidates;  // password hashes empty
};

// How far a running clock is from its due instant: working minutes left (negative when
// overdue) and whether that is within one working day (the desk's warning threshold, the
// calendar's length of a working day). Empty when no clock runs (not received, paused, closed;
// a consultation once answered).
struct DueStatus {
  std::optional<int64_t> working_minutes_left;
  bool near_due = false;
};

struct DossierView {
  store::DossierRec dossier;
  store::ProcedureRec procedure;
  std::vector<store::EventRec> events;
  std::vector<store::StepRec> steps;
  std::vector<store::ConsultationRec> consultations;
  std::vector<store::DocumentRec> documents;
  // Set when the reader sees the dossier only because their agency was asked for an opinion
  // (specialist, head or leader of a consulted agency). Such a reader gets what the opinion
  // needs — procedure, applicant, components, documents, due time — and, of the rest, only
  // their own agency's consultations and the history entries about them: no control sheet,
  // no other agency's consultation, no reception notes or decisions, no printed forms.
  bool consulted_only = false;
  // What this reader may do now (policy and state machine); absent in answers built without a
  // read (intake's), where the web reads the dossier again.
  std::optional<std::vector<dossier::Action>> allowed_actions;
  std::vector<StepChoice> step_choices;      // for start_processing / handover when allowed
  DueStatus due;                             // the dossier's own clock (received, in progress)
  std::vector<DueStatus> consultation_due;   // one per entry of `consultations`
};

struct UploadInput {
  std::string file_name, component;
  std::string_view bytes;
};

struct DocumentFile {
  store::DocumentRec meta;
  std::string bytes;
};

struct ConsultInput {
  std::string agency_id, subject;
  int64_t hours = 8;  // working hours allotted to the consulted agency
};

struct PublicDossier {
  std::string code, state, procedure_name, masked_name, receiving_agency;
  int national_status = 0;
  std::string national_status_name;
  Millis received_at = 0, due_at = 0;
  bool result_ready = false;
  // While a supplement is asked for: what the applicant must bring or send (form 02's list).
  std::vector<std::string> supplement_items;
  Millis returned_at = 0;  // once the result is returned
};

struct QueueQuery {
  // to_receive | to_process | to_approve | to_return | supplement | to_consult | all | mine (citizen)
  std::string queue;
  std::string procedure_id, search;
  int64_t channel = 0;
  bool overdue_only = false;
  std::string cursor;
  int limit = 50;
};

struct QueuePage {
  std::vector<store::DossierRec> items;
  // Per item: working minutes from now to its due time (negative when overdue), and whether it
  // is near its due time (within one working day, the desk's warning threshold); open dossiers
  // with a running clock only.
  std::vector<DueStatus> due;
  // Queue to_consult only, per item: the open consultation addressed to the reader's agency
  // (a dossier asked twice appears twice) and its own clock.
  std::vector<store::ConsultationRec> consultations;
  std::vector<DueStatus> consultation_due;
  // Staff, per item: the reader's queues that hold it (a search across queues says where each
  // match is).
  std::vector<std::vector<Queue>> where;
  std::string next_cursor;
};

struct DayInfo {
  std::string date;
  bool working;
  std::string reason;
};

// Administration (admin_*.cc).
struct GrantInput {
  std::string agency_id, role, from, to;  // to "" = open-ended
};

struct NewStaffInput {
  std::string username, full_name, password;
  std::vector<GrantInput> grants;
};

// A staff account as administrators see it (the password hash is never shown).
struct StaffView {
  store::StaffRec staff;
  std::vector<store::StaffGrantRec> grants;  // every grant, ended ones included
};

struct AgencyUpdate {
  std::string name, valid_to, successor_id;  // "" = none
};

// Administrative units (admin_units.cc). Dates are "YYYY-MM-DD"; "" = none.
struct NewUnitInput {
  std::string code, name, level, type, parent_id, valid_from;
};

struct UnitUpdate {
  std::string name, valid_to;  // a correction; a real rename is a succession to a new unit
};

// Old units became new ones on `date` (their last day is the day before): a merge (several old,
// one new), a split (one old, several new) or a rename (one, one). `kind` "" = derived.
struct SuccessionInput {
  std::vector<std::string> from, to;
  std::string kind, date, legal_basis;
};

struct SuccessionView {
  std::vector<store::SuccessionRec> recorded;  // one per (old, new) pair
  std::vector<store::UnitRec> units;           // the old and the new units as now stored
};

struct ProcessStepInput {
  std::string name, role, agency;  // agency: receiving | competent
  int64_t hours = 0;
};

struct NewVersionInput {
  std::string effective_from;
  int64_t time_amount = 0;
  std::string time_unit;
  std::vector<ProcessStepInput> process;
  std::optional<std::vector<std::string>> handling_agencies;  // absent = those of the base version
};

class CatalogueCache;
struct ProcedureEntry;

class App {
 public:
  // `clock`: the time the dossier use cases act at (nullptr = the system clock).
  App(Config cfg, std::unique_ptr<sql::Database> db, std::shared_ptr<const Clock> clock = nullptr);
  ~App();
  const Config& config() const { return cfg_; }
  sql::Database& db() { return *db_; }
  Millis now() const { return clock_->now(); }

  // Opens the configured store and applies migrations.
  static Result<std::unique_ptr<App>> open(const Config& cfg, std::shared_ptr<const Clock> clock = nullptr);

  // --- accounts and sessions (auth.cc) ---
  Result<LoginResult> login_staff(const std::string& username, const std::string& password, const std::string& remote);
  Result<LoginResult> login_citizen_dev(const std::string& personal_id, const std::string& full_name);
  Result<SessionInfo> authenticate(const std::string& token);
  // authenticate() from memory alone: nullopt when the store must be read (not cached, stale,
  // or its once-a-minute touch is due).
  std::optional<Result<SessionInfo>> authenticate_cached(const std::string& token);
  Status logout(const std::string& token);

  // --- calendar (calendar_service.cc) ---
  std::shared_ptr<const calendar::Calendar> calendar();
  Result<std::vector<DayInfo>> calendar_days(Date from, Date to);
  Status set_calendar_day(const Actor& a, Date d, bool working, const std::string& reason);
  Status clear_calendar_day(const Actor& a, Date d);
  Status reload_calendar();
  // Who changed which day and when (newest first); province admins and monitors only.
  Result<std::vector<store::CalendarChange>> calendar_changes(const Actor& a, int limit);

  // --- catalogue and organisation (catalogue.cc) ---
  Result<std::vector<store::ProcedureRec>> procedures(const std::string& agency_id, const std::string& query, int limit);
  Result<store::ProcedureRec> procedure(const std::string& id);
  Result<std::vector<store::AgencyRec>> agencies();
  Result<std::vector<store::LocationRec>> locations();
  // Administrative units of a level ("" = all), current ones only unless `with_history`,
  // and the successors of one unit (merge, split, rename).
  Result<std::vector<store::UnitRec>> units(const std::string& level, bool with_history);
  Result<std::vector<store::SuccessionRec>> successors(const std::string& unit_id);
  // Every succession of the unit graph, ordered by from_id then to_id.
  Result<std::vector<store::SuccessionRec>> all_successions();

  // --- dossiers (dossier_*.cc) ---
  // Creates a dossier at a counter/post desk (staff) or an online submission (citizen).
  // With an idempotency key, a repeat of the same request returns the first dossier.
  Result<DossierView> intake(const Actor& a, const IntakeInput& in, const std::string& idempotency_key,
                             const std::string& request_hash);
  // The same without blocking (for the HTTP io thread): checks and prepares here, then `done`
  // gets the committed intake on the store's writer thread (or here, at once, when a check
  // fails; PostgreSQL: here, after the commit). `done` must be quick: pass the commit to
  // finish_intake on another thread.
  struct IntakeCommit {
    DossierView view;       // as written (no read-back)
    bool replayed = false;  // an Idempotency-Key repeat: only view.dossier.id is set
  };
  void intake_async(const Actor& a, const IntakeInput& in, const std::string& idempotency_key,
                    const std::string& request_hash, std::function<void(Result<IntakeCommit>)> done);
  // The caller's view of a committed intake (reads the first dossier back for a repeat).
  Result<DossierView> finish_intake(const Actor& a, IntakeCommit c);
  // Whether intake_async returns before the commit (SQLite's group writer) or blocks (PostgreSQL).
  bool writes_async() const { return db_->writes_async(); }
  Result<DossierView> act(const Actor& a, const std::string& dossier_id, const ActionInput& in);
  Result<DossierView> dossier(const Actor& a, const std::string& dossier_id);
  // Parallel consultation of another agency while the dossier is in progress, and its answer.
  // With an idempotency key, a repeat of the same request (same dossier, same body hash)
  // returns the dossier without opening a second consultation.
  Result<DossierView> consult(const Actor& a, const std::string& dossier_id, const ConsultInput& in,
                              const std::string& idempotency_key = {}, const std::string& body_hash = {});
  Result<DossierView> answer_consultation(const Actor& a, const std::string& dossier_id, int64_t consultation_id,
                                          const std::string& answer);
  Result<QueuePage> queue(const Actor& a, const QueueQuery& q);
  Result<PublicDossier> public_lookup(const std::string& code);
  // Uploads (PDF, JPEG, PNG by content; size limits from the config) and their download.
  // With an idempotency key (body_hash: of the name, component and bytes), a repeat returns the
  // first document. So do the other creating use cases below that take a key.
  Result<store::DocumentRec> upload(const Actor& a, const std::string& dossier_id, const UploadInput& in,
                                    const std::string& idempotency_key = {}, const std::string& body_hash = {});
  Result<DocumentFile> document(const Actor& a, const std::string& dossier_id, const std::string& document_id);

  // --- legal forms (forms.cc): PDF of form 01..06 for a dossier; the register (07) of an
  // agency for local dates [from, to], as PDF or XLSX ---
  Result<std::string> form_pdf(const Actor& a, const std::string& dossier_id, int number);
  Result<std::string> register_file(const Actor& a, const std::string& agency_id, Date from, Date to, bool xlsx);

  // --- administration (admin_staff.cc, admin_catalogue.cc) ---
  // Staff: a province admin manages everybody; a unit admin only grants at agencies where they
  // hold unit_admin, never the province roles. Every change is audited.
  Result<std::vector<StaffView>> list_staff(const Actor& a, const std::string& agency_id);
  Result<StaffView> create_staff(const Actor& a, const NewStaffInput& in, const std::string& idempotency_key = {},
                                 const std::string& body_hash = {});
  Result<StaffView> add_grant(const Actor& a, const std::string& staff_id, const GrantInput& g,
                              const std::string& idempotency_key = {}, const std::string& body_hash = {});
  // Ends a grant on `to` (inclusive); the row is kept as history.
  Result<StaffView> end_grant(const Actor& a, const std::string& staff_id, int64_t grant_id, const std::string& to);
  // Admin reset: also ends the member's sessions.
  Status reset_password(const Actor& a, const std::string& staff_id, const std::string& password);
  // Also ends the user's other sessions (a stolen session must not outlive the change); the
  // session whose token is `session_token` stays.
  Status change_own_password(const Actor& a, const std::string& current, const std::string& next,
                             const std::string& session_token);
  // Deactivating also deletes the member's sessions (logged out at once).
  Result<StaffView> set_staff_active(const Actor& a, const std::string& staff_id, bool active);
  // Agencies and procedure versions: province admins only.
  Result<store::AgencyRec> update_agency(const Actor& a, const std::string& id, const AgencyUpdate& in);
  Result<store::ProcedureRec> new_procedure_version(const Actor& a, const std::string& base_id,
                                                    const NewVersionInput& in, const std::string& idempotency_key = {},
                                                    const std::string& body_hash = {});
  Result<std::vector<store::ProcedureRec>> procedure_versions(const Actor& a, const std::string& id);
  // Administrative units and their succession: province admins only; each change is one
  // transaction with its audit record, then this process's unit cache is dropped.
  Result<store::UnitRec> create_unit(const Actor& a, const NewUnitInput& in, const std::string& idempotency_key = {},
                                     const std::string& body_hash = {});
  Result<store::UnitRec> update_unit(const Actor& a, const std::string& id, const UnitUpdate& in);
  // Ends the old units still open on the day before `date`.
  Result<SuccessionView> record_succession(const Actor& a, const SuccessionInput& in,
                                          const std::string& idempotency_key = {}, const std::string& body_hash = {});

  // --- maintenance ---
  Result<store::AuditCheck> verify_audit();
  // Loads the demo province from cfg.seed_dir (only into an empty store).
  Status seed();
  // Bulk synthetic dossiers for benchmarks (bench-fill).
  Status bench_fill(int64_t count);

 private:
  // Drops cached sessions of a staff member (after a change to their account or grants).
  void forget_sessions_of(const std::string& staff_id);
  // Fills v.due and v.consultation_due from the current calendar.
  void annotate_due(DossierView& v, Millis now);
  // Fills v.allowed_actions and v.step_choices for the reader (full view only).
  Status annotate_actions(const Actor& a, DossierView& v, const ProcedureEntry& p, Millis now);
  struct IntakeWork;  // dossier_intake.cc
  Result<std::shared_ptr<IntakeWork>> prepare_intake(const Actor& a, const IntakeInput& in,
                                                     const std::string& idempotency_key,
                                                     const std::string& request_hash);
  Config cfg_;
  std::shared_ptr<const Clock> clock_;
  std::unique_ptr<sql::Database> db_;
  std::unique_ptr<CatalogueCache> catalogue_;
  // Sessions recently read from the store, so a request does not cost three queries. An entry
  // lives a few seconds: a logout in another process takes effect within that time.
  struct CachedSession {
    SessionInfo info;
    Millis expires_at = 0, last_seen = 0, fetched_at = 0;
    // What this entry answers at `now` without the store: nothing (stale, or a touch is due),
    // that the session has expired, or the session itself.
    enum class Says { nothing, expired, valid };
    Says at(Millis now, Millis idle) const;
  };
  std::mutex sess_mu_;
  std::unordered_map<std::string, CachedSession> sessions_;
  std::mutex cal_mu_;
  std::shared_ptr<const calendar::Calendar> cal_;
  Millis cal_loaded_at_ = 0;
};

}  // namespace motcua::app
