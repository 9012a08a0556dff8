// Plain rows as the store keeps them. Instants are UTC ms (0 = not set where noted);
// dates are "YYYY-MM-DD" text; `doc` fields are JSON documents owned by the layer above.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"

namespace motcua::store {

struct AgencyRec {
  std::string id, eid, name, type, parent_id, unit_id, valid_from, valid_to, successor_id, note;
  bool verified = false;
};

struct UnitRec {
  std::string id, code, name, level, type, parent_id, valid_from, valid_to, source, note;
  bool verified = false;
};

struct SuccessionRec {
  std::string from_id, to_id, kind, date, legal_basis;
  bool verified = false;
};

// A place where dossiers are received: provincial_center | postal_point | commune_center | desk.
struct LocationRec {
  std::string id, name, kind, agency_id, unit_id, address, note;
  bool verified = false;
};

struct ProcedureRec {
  std::string id, national_code, name, name_folded, field, level, online_level, effective_from;
  int64_t version = 1;
  bool boundary_free = false;
  int64_t time_amount = 0;
  std::string time_unit;  // calendar::TimeUnit id
  bool time_verified = false;
  std::string doc;        // the full catalogue record (JSON)
};

struct StaffRec {
  std::string id, username, password_hash, full_name;
  bool active = true;
};

struct GrantRec {
  std::string agency_id, role, valid_from, valid_to;  // valid_to "" = open-ended
};

struct CitizenRec {
  std::string personal_id, full_name, phone;
};

struct SessionRec {
  std::string token_hash, subject_kind, subject_id, csrf;  // subject_kind: "staff" | "citizen"
  Millis created_at = 0, last_seen = 0, expires_at = 0;
  // Migration 015: "password" | "dev" | "vneid" ("" for sessions opened before it); a VNeID
  // session's assurance level (0 none, 1, 2), the provider's acr and the ID token (for logout).
  std::string login_method;
  int64_t assurance = 0;
  std::string acr, id_token;
};

struct CalendarDayRec {
  std::string date;
  bool working = false;
  std::string reason, origin;  // origin: "official" | "admin" (migration 009 dropped the "rule" rows)
};

// A year with the government's official decision (migration 009): its list in calendar_days
// replaces the Labour Code rules for that year.
struct CalendarYearRec {
  int64_t year = 0;
  std::string source;      // the decision as cited ("Thông báo số … của Bộ Nội vụ"); may be ""
  std::string decided_by;  // actor label of who recorded it ("seed", "staff:<username>")
  Millis decided_at = 0;
};

// One edit of the calendar table; working = nullopt when the day's entry was removed.
struct CalendarChange {
  int64_t id = 0;
  std::string date;
  std::optional<bool> working;
  std::string reason, by;
  Millis at = 0;
};

// Bits of DossierRec::flags.
enum DossierFlag : int64_t {
  kReceptionSupplementUsed = 1,
  kProcessingSupplementUsed = 2,
  kApologyUsed = 4,
  kResultReady = 8,
};

struct DossierRec {
  std::string id, code, procedure_id, receiving_agency_id, competent_agency_id;
  int64_t channel = 1;
  std::string state, owner_personal_id, applicant_name, applicant_name_folded, applicant_id_number;
  std::string applicant_doc;  // JSON: the applicant as entered
  Millis submitted_at = 0, received_at = 0, due_at = 0, original_due_at = 0, paused_at = 0;
  int64_t flags = 0, current_step = 0;
  std::string resolution, timeliness;
  Millis resolved_at = 0, returned_at = 0;
  int64_t version = 1;
  Millis created_at = 0, updated_at = 0;
  std::string doc;  // JSON: components, fees, supplement lists, reasons, return details
};

// An uploaded file of a dossier; its bytes are stored by SHA-256 outside the database.
struct DocumentRec {
  std::string id, dossier_id, component, file_name, content_type;
  int64_t size_bytes = 0;
  std::string sha256, uploaded_by;
  Millis uploaded_at = 0;
};

struct EventRec {
  int64_t id = 0;
  std::string dossier_id;
  Millis at = 0;
  std::string actor, action, from_state, to_state, note, data;
};

struct StepRec {
  int64_t id = 0;
  std::string dossier_id;
  int64_t step = 0;
  std::string name, role, agency_id, assignee_id, handed_by;
  Millis started_at = 0, due_at = 0, finished_at = 0;
  std::string timeliness, note;
};

// A parallel consultation of another agency (lấy ý kiến), with its own due time.
struct ConsultationRec {
  int64_t id = 0;
  std::string dossier_id, agency_id, subject;
  Millis requested_at = 0, due_at = 0, answered_at = 0;
  std::string answer, timeliness;
  std::string requested_by, answered_by;  // actor labels ("staff:<username>"); "" before migration 005
};

// An open consultation with its dossier: one row of a consulted agency's "to answer" queue.
struct ConsultationItem {
  ConsultationRec consultation;
  DossierRec dossier;
};

struct AuditRec {
  int64_t seq = 0;  // gapless from 1 within its chain
  Millis at = 0;
  std::string actor, action, object, detail, prev_hash, hash;
  int64_t chain = 0;  // which of the audit chains (migration 010); chain 0 holds the records before it
};

// Result of walking the audit chains: first_broken = 0 when intact, else the seq of the first
// broken record of chain `broken_chain`.
struct AuditCheck {
  int64_t records = 0;
  int64_t first_broken = 0;
  int64_t broken_chain = 0;
  std::string reason;  // Vietnamese
  int64_t chains = 0;   // chains holding at least one record
  int64_t anchors = 0;  // anchor records checked (each names the other chains' heads)
  std::string seal;     // sha256 of every chain's head (chain, seq, hash): write it down elsewhere
  std::vector<std::string> heads;  // "chain.seq.hash" of every chain holding records: keep them elsewhere
};

struct DossierFilter {
  std::vector<std::string> agency_ids;  // receiving OR competent agency in this set
  std::vector<std::string> states;      // empty = any
  std::string owner_personal_id;        // citizen view
  std::string procedure_id;
  std::string search;                   // code prefix or applicant id number, as typed
  std::string search_folded;            // fold_vi(search): applicant name substring
  int64_t channel = 0;
  Millis due_before = 0;
  // Cursor: (due_at, id) strictly after this.
  std::optional<std::pair<Millis, std::string>> after;
  int limit = 50;
};

// A role grant with its row id and owner (administration: grants are ended, never deleted).
struct StaffGrantRec {
  int64_t id = 0;
  std::string staff_id, agency_id, role, valid_from, valid_to;  // valid_to "" = open-ended
};

}  // namespace motcua::store
