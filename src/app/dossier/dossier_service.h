// Dossiers: intake at the counter and online, every lifecycle action, queues and search, the
// public lookup, documents and consultations of other agencies. Each use case is authorised
// here for the acting person and object (one policy: domain/org/policy.h) and runs as one store
// transaction that writes the state, the dossier history, the audit chain, outbox rows and KPI
// counters together.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.h"
#include "app/calendar/calendar_service.h"
#include "app/catalogue_cache.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/details.h"
#include "app/dossier/queues.h"
#include "common/result.h"
#include "domain/dossier/applicant.h"
#include "domain/dossier/transitions.h"
#include "domain/org/roles.h"
#include "store/dvcqg_repo.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app {

struct Applicant {
  dossier::ApplicantKind kind = dossier::ApplicantKind::citizen;
  std::string full_name, id_number, tax_code, phone, email, address, address_unit_id;
  // The former unit (before the 1 July 2025 reorganisation) the applicant gave, if any; intake
  // maps it to address_unit_id, the current commune-level unit. Intake fills in both units'
  // names as they are that day ("Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum").
  std::string address_former_unit_id, address_unit_name, address_former_unit_name;
  // Filled by intake from a lookup in the national population database (never from the input).
  std::string birth_date, gender, data_source;
};

struct ComponentInput {
  std::string name, kind;  // kind: original | copy | original_or_copy
  int64_t count = 1;
  bool provided = true;
};

// Filing for someone else (domain/dossier/on_behalf.h): on what right, and which component is
// the document that shows it.
struct OnBehalfInput {
  std::string relationship;  // authorised | guardian | legal_representative
  std::string document;      // the name of a provided component
};

struct IntakeInput {
  std::string procedure_id;
  dossier::Channel channel = dossier::Channel::counter;
  Applicant applicant;
  std::vector<ComponentInput> components;
  bool receive = false;       // counter: receive at once (complete dossier → receipt)
  std::string note;
  std::string receiving_agency_id;  // staff with several agencies choose; default the only one
  // Required of a citizen filing online for another person or an organisation.
  std::optional<OnBehalfInput> on_behalf;
  // Filed from an e-form draft (app/eform): the form's values, kept in the dossier's details.
  std::optional<EformRecord> eform;
  // A lookup in the national population database that found the applicant, made by the same
  // actor (app/integration/population_service.h): intake takes the applicant's name and address
  // from it and marks the components it replaces as satisfied by the database.
  std::string population_lookup_id;
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
  // supplement_received: documents of the dossier sent with the supplement (added since the
  // request), recorded with the note in details.supplement_answer and the history entry.
  std::vector<std::string> documents;
  // request_payment of a procedure with a per-page fee: the pages of the original and the copies
  // the official counted (1..kMaxPages, 1..kMaxCopies); recorded in the history entry's data.
  std::optional<int64_t> pages, copies;
};
inline constexpr int64_t kMaxPages = 10000, kMaxCopies = 1000;

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
  // request_payment is allowed and the fee is per page: the official gives pages and copies.
  bool fee_per_page = false;
  // What else this reader may do now (the policy, so the web keeps no copy of the role table):
  // ask another agency for an opinion, attach documents, and answer each consultation (one per
  // entry of `consultations`).
  bool may_consult = false;
  bool may_attach_documents = false;
  std::vector<bool> may_answer;
  bool consultations_open = false;  // the dossier's state still takes answers (any reader)
  // Full names of the people the control sheet's steps are assigned to, by staff id (read view).
  std::unordered_map<std::string, std::string> assignee_names;
  DueStatus due;                             // the dossier's own clock (received, in progress)
  std::vector<DueStatus> consultation_due;   // one per entry of `consultations`
  // Its synchronisation with the national portal (store/dvcqg_repo.h); staff with full access only.
  std::optional<store::DvcqgSyncState> national_sync;
};

struct UploadInput {
  std::string file_name, component;
  std::string_view bytes;
  // Or the bytes are in this file (an upload the server spooled to disk), of this size: it is
  // moved into the blob store, never read into memory whole.
  std::string file_path;
  int64_t file_size = 0;
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
  // The tracking key was given: procedure, agency, initials and supplement items are filled in.
  // Without it only the state and the dates are (codes are predictable: see tracking_key).
  bool details = false;
};

struct QueueQuery {
  // to_receive | to_process | to_approve | to_return | supplement | to_consult | all | mine (citizen)
  std::string queue;
  std::string procedure_id, search;
  std::optional<dossier::Channel> channel;  // none: any channel
  bool overdue_only = false;
  std::string cursor;
  int limit = 50;
};

// A payment of the dossier's fee, confirmed by the platform (PaymentService).
struct SettledPayment {
  std::string payment_id, order_ref, provider, purpose;  // purpose: filing | agency
  int64_t amount = 0;                                     // VND
  std::string receipt_no;
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

class DossierService {
 public:
  struct IntakeWork;  // intake.cc
  DossierService(const Config& cfg, sql::Database& db, CatalogueCache& catalogue, CalendarService& calendar,
                 const Clock& clock)
      : cfg_(cfg), db_(db), catalogue_(catalogue), calendar_(calendar), clock_(clock) {}
  Millis now() const { return clock_.now(); }

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
  bool writes_async() const { return db_.writes_async(); }
  // Online filing from an e-form draft (app/eform/): prepare_filing checks and prepares as intake
  // does (a citizen, channel 2), outside any transaction; write_filing then writes, inside the
  // caller's transaction, the dossier (submitted), its history, audit and portal outbox, and the
  // files already in the blob store as its documents (one document_added entry each). The daily
  // filing limit is checked in that transaction. Returns the dossier as written.
  struct Filing {
    std::shared_ptr<IntakeWork> work;
  };
  Result<Filing> prepare_filing(const Actor& a, const IntakeInput& in);
  Result<store::DossierRec> write_filing(sql::Connection& c, Filing& f, std::vector<store::DocumentRec> documents);
  // The year's official calendar has just been recorded (CalendarService::decide_year's hook, in
  // its transaction, with the calendar that will be in force): every open dossier appointed in
  // `year` keeps its appointment unless that day is now a day off, then it moves to the same time
  // on the next working day (calendar::appointment_under; so is the first appointment kept after
  // an apology). Each move is written to the dossier (version + 1), its history
  // (appointment_moved, old and new instants), the audit chain and the national portal's outbox.
  Result<std::vector<MovedAppointment>> keep_appointments(sql::Connection& c, const Actor& a, int year,
                                                          const calendar::Calendar& in_force, Millis now);
  Result<DossierView> act(const Actor& a, const std::string& dossier_id, const ActionInput& in);
  // Called inside return_result's transaction, after the dossier row and its history are written
  // (App sets it: the citizen context's rating invitation and the desk kiosk).
  using ReturnedHook = std::function<Status(sql::Connection&, const Actor&, const store::DossierRec&, Millis)>;
  void on_returned(ReturnedHook hook) { on_returned_ = std::move(hook); }
  // A payment was confirmed (PaymentService, inside its transaction; src/app/dossier/payments.cc):
  // a dossier awaiting payment goes back to processing as `system` (payment_received: clock
  // resumes, history, audit, portal sync); a fee paid at filing is recorded in the history
  // (payment_recorded) and audited. Anything else (the dossier moved on meanwhile) is recorded
  // the same way without a state change.
  Status payment_settled(sql::Connection& c, const std::string& dossier_id, const SettledPayment& p, Millis now);

  Result<DossierView> dossier(const Actor& a, const std::string& dossier_id);
  // Parallel consultation of another agency while the dossier is in progress, and its answer.
  // With an idempotency key, a repeat of the same request (same dossier, same body hash)
  // returns the dossier without opening a second consultation.
  Result<DossierView> consult(const Actor& a, const std::string& dossier_id, const ConsultInput& in,
                              const std::string& idempotency_key = {}, const std::string& body_hash = {});
  Result<DossierView> answer_consultation(const Actor& a, const std::string& dossier_id, int64_t consultation_id,
                                          const std::string& answer);
  Result<QueuePage> queue(const Actor& a, const QueueQuery& q);
  // The public lookup by code; with the dossier's tracking key (`key`, "" = none) in full. 404
  // dossier_not_found; 403 wrong_tracking_key when a key is given and is not this dossier's.
  Result<PublicDossier> public_lookup(const std::string& code, const std::string& key);
  // Uploads (PDF, JPEG, PNG by content; size limits from the config) and their download.
  // With an idempotency key (body_hash: of the name, component and bytes), a repeat returns the
  // first document. So do the other creating use cases below that take a key.
  Result<store::DocumentRec> upload(const Actor& a, const std::string& dossier_id, const UploadInput& in,
                                    const std::string& idempotency_key = {}, const std::string& body_hash = {});
  Result<DocumentFile> document(const Actor& a, const std::string& dossier_id, const std::string& document_id);

 private:
  std::shared_ptr<const calendar::Calendar> calendar() { return calendar_.current(); }
  // Fills v.due and v.consultation_due from the current calendar.
  void annotate_due(DossierView& v, Millis now);
  // Fills v.may_consult, v.may_attach_documents and v.may_answer for the reader.
  void annotate_rights(const Actor& a, DossierView& v);
  // Fills v.allowed_actions and v.step_choices for the reader (full view only).
  Status annotate_actions(const Actor& a, DossierView& v, const ProcedureEntry& p, Millis now);
  Result<std::shared_ptr<IntakeWork>> prepare_intake(const Actor& a, const IntakeInput& in,
                                                     const std::string& idempotency_key,
                                                     const std::string& request_hash);
  const Config& cfg_;
  sql::Database& db_;
  CatalogueCache& catalogue_;
  CalendarService& calendar_;
  const Clock& clock_;
  ReturnedHook on_returned_;
};

}  // namespace motcua::app
