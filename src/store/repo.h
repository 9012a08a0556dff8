// The typed repository: every query the application makes, written once in SQL both engines
// accept, over a sql::Connection handed in by Database::write/read (so the caller owns the
// transaction). Functions returning std::optional give nullopt for "no such row".
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::store {

using sql::Connection;

// Organisation and catalogue.
Status insert_unit(Connection& c, const UnitRec& u);
Status insert_succession(Connection& c, const SuccessionRec& s);
Status insert_agency(Connection& c, const AgencyRec& a);
Result<std::optional<AgencyRec>> get_agency(Connection& c, const std::string& id);
Result<std::vector<AgencyRec>> list_agencies(Connection& c);
// Units of `level` ("" = all) in force on `in_force_on` (YYYY-MM-DD: begun by then, last day not
// passed; "" = every unit, current and former).
Result<std::vector<UnitRec>> list_units(Connection& c, const std::string& level, const std::string& in_force_on);
Result<std::vector<SuccessionRec>> successions_from(Connection& c, const std::string& unit_id);
// Every succession, ordered by from_id then to_id.
Result<std::vector<SuccessionRec>> list_successions(Connection& c);
// Administrative units for their administration (repo_units.cc). Lists are ordered by code, id.
// Unit administration reads (codes in use, the graph) and then writes: on PostgreSQL it takes
// this table lock first so that two processes take turns (plain reads are not blocked).
Status lock_units(Connection& c);
Result<std::optional<UnitRec>> get_unit(Connection& c, const std::string& id);
// Every unit, current or former, holding `code` (a code is reused once its unit has ended).
Result<std::vector<UnitRec>> units_with_code(Connection& c, const std::string& code);
Result<std::vector<UnitRec>> unit_children(Connection& c, const std::string& parent_id);
// Writes name and valid_to ("" = still valid); ErrorKind::not_found when there is no such unit.
Status update_unit(Connection& c, const UnitRec& u);
// Attaches an agency to another unit (its agencies carried over when a unit ends).
Status set_agency_unit(Connection& c, const std::string& agency_id, const std::string& unit_id);
// Successions leading to `unit_id`, ordered by from_id.
Result<std::vector<SuccessionRec>> successions_to(Connection& c, const std::string& unit_id);
Status insert_location(Connection& c, const LocationRec& l);
Result<std::vector<LocationRec>> list_locations(Connection& c);
Status insert_procedure(Connection& c, const ProcedureRec& p, const std::vector<std::string>& agency_ids);
Result<std::optional<ProcedureRec>> get_procedure(Connection& c, const std::string& id);
// Procedures handled by `agency_id` (all when empty) whose folded name contains `folded_query`
// or whose national code starts with it.
Result<std::vector<ProcedureRec>> list_procedures(Connection& c, const std::string& agency_id,
                                                  const std::string& folded_query, int limit);
Result<bool> procedure_handled_by(Connection& c, const std::string& procedure_id, const std::string& agency_id);
Result<std::vector<std::string>> procedure_agencies(Connection& c, const std::string& procedure_id);

// People and sessions.
Status insert_staff(Connection& c, const StaffRec& s, const std::vector<GrantRec>& grants);
Result<std::optional<StaffRec>> find_staff(Connection& c, const std::string& username_or_id, bool by_id);
Result<std::vector<GrantRec>> grants_of(Connection& c, const std::string& staff_id);
Status upsert_citizen(Connection& c, const CitizenRec& r);
Result<std::optional<CitizenRec>> get_citizen(Connection& c, const std::string& personal_id);
Status insert_session(Connection& c, const SessionRec& s);
Result<std::optional<SessionRec>> get_session(Connection& c, const std::string& token_hash);
Status touch_session(Connection& c, const std::string& token_hash, Millis at);
Status delete_session(Connection& c, const std::string& token_hash);
// Login throttle per key (username or address): failures within the current window.
struct Throttle { int64_t failures = 0; Millis window_start = 0, locked_until = 0; };
Result<Throttle> get_throttle(Connection& c, const std::string& key);
// get_throttle() for a read-modify-write in the caller's write transaction: on PostgreSQL the
// row is created if missing and locked (FOR UPDATE) until the transaction ends, so two
// concurrent attempts cannot both read the same count; SQLite has one writer already.
Result<Throttle> lock_throttle(Connection& c, const std::string& key);
Status put_throttle(Connection& c, const std::string& key, const Throttle& t);

// Calendar table and settings.
Result<std::vector<CalendarDayRec>> list_calendar_days(Connection& c);
Status put_calendar_day(Connection& c, const CalendarDayRec& d, const std::string& by, Millis at);
Status delete_calendar_day(Connection& c, const std::string& date, const std::string& by, Millis at);
Result<std::vector<CalendarChange>> list_calendar_changes(Connection& c, int limit);
// Years with an official decision (repo_calendar.cc), by year.
Result<std::vector<CalendarYearRec>> list_calendar_years(Connection& c);
Status put_calendar_year(Connection& c, const CalendarYearRec& y);
// Dossiers in one of `states` by due time (due_sort), admin reads that scan the dossiers: how
// many fall in each span [bounds[i], bounds[i+1]) (one scan; bounds ascending, at least two),
// and the first `limit` in [from, to) by due time as (id, code).
Result<std::vector<int64_t>> count_due_in_spans(Connection& c, const std::vector<std::string>& states,
                                                const std::vector<Millis>& bounds);
Result<std::vector<std::pair<std::string, std::string>>> due_between(Connection& c,
                                                                     const std::vector<std::string>& states,
                                                                     Millis from, Millis to, int limit);
// The latest due time of a dossier in one of `states` (0 when none has one).
Result<Millis> latest_due(Connection& c, const std::vector<std::string>& states);
Result<std::optional<std::string>> get_setting(Connection& c, const std::string& key);
Status put_setting(Connection& c, const std::string& key, const std::string& value);

// Dossiers.
// Takes the next sequence number of `agency_id` on local day `day` (YYYY-MM-DD): 1, 2, 3, … —
// the row lock makes it unique under concurrency on both engines. Only numbers up to `max` are
// taken: nullopt when the day has reached `max`, and the counter is then left as it was (so a
// refused online filing never uses up a number the counter may still take).
Result<std::optional<int64_t>> take_code_seq(Connection& c, const std::string& agency_id, const std::string& day,
                                              int64_t max);
// Dossiers of owner `personal_id` filed through `channel` (its stored code) at or after `since`.
Result<int64_t> count_filings_since(Connection& c, const std::string& personal_id, int64_t channel, Millis since);
// The code's "yyMMddNNNN" as one integer when it ends in "-<6 digits>-<4 digits>", else 0.
// Codes are stored and looked up by (code_serial, code) (migration 007 explains why); the
// migration computes the same value in SQL for the rows it finds.
int64_t code_serial(std::string_view code);
Status insert_dossier(Connection& c, const DossierRec& d);
// Many dossiers at once, a few hundred rows per statement (bench-fill: on PostgreSQL a statement
// per row costs a round trip and an executor start each). Same rows as insert_dossier.
Status insert_dossiers(Connection& c, const std::vector<DossierRec>& ds);
Result<std::optional<DossierRec>> get_dossier(Connection& c, const std::string& id);
Result<std::optional<DossierRec>> get_dossier_by_code(Connection& c, const std::string& code);
// Writes every mutable column when the stored version equals d.version - 1 (optimistic lock);
// otherwise ErrorKind::conflict "stale".
Status update_dossier(Connection& c, const DossierRec& d);
Result<std::vector<DossierRec>> list_dossiers(Connection& c, const DossierFilter& f);
// Dossiers received by `agency_id` in [from, to) (UTC ms), in reception order: the register
// (sổ theo dõi hồ sơ, form 07). At most `limit` rows.
Result<std::vector<DossierRec>> register_rows(Connection& c, const std::string& agency_id, Millis from, Millis to,
                                              int limit);
Result<int64_t> count_dossiers(Connection& c, const DossierFilter& f);
Status insert_document(Connection& c, const DocumentRec& d);
Result<std::vector<DocumentRec>> list_documents(Connection& c, const std::string& dossier_id);
// The documents of the dossiers with ids in [first, last] (kpi-verify's batches), or of the
// dossiers `ids` (at most a page of a list), in (dossier, uploaded_at, id) order: index ranges of
// documents_dossier.
Result<std::vector<DocumentRec>> documents_of_range(Connection& c, const std::string& first, const std::string& last);
Result<std::vector<DocumentRec>> documents_of(Connection& c, const std::vector<std::string>& ids);
Status insert_event(Connection& c, const EventRec& e);
// Many history entries at once, in order (ids ascend as the vector does); for bench-fill.
Status insert_events(Connection& c, const std::vector<EventRec>& es);
Result<std::vector<EventRec>> list_events(Connection& c, const std::string& dossier_id);
Status insert_step(Connection& c, const StepRec& s);
Result<std::vector<StepRec>> list_steps(Connection& c, const std::string& dossier_id);
Status update_step(Connection& c, const StepRec& s);
// Takes the dossier row's write lock without changing it (PostgreSQL; SQLite has one writer),
// so that a use case writing only beside the row (a consultation) is ordered with the
// lifecycle actions that change it. False when there is no such dossier.
Result<bool> lock_dossier(Connection& c, const std::string& id);
// Returns the new consultation's id.
Result<int64_t> insert_consultation(Connection& c, const ConsultationRec& r);
Status update_consultation(Connection& c, const ConsultationRec& r);
Result<std::vector<ConsultationRec>> list_consultations(Connection& c, const std::string& dossier_id);
// Unanswered consultations addressed to `f.agency_ids`, on dossiers in `f.states` (any when
// empty), by the consultation's due time; `f.after` is (consultation due_at, consultation id)
// and `f.due_before` bounds the consultation's due time; the other filters (procedure,
// channel, search) apply to the dossier, but the search matches the code or the name, never the
// identity number (the consulted agency sees it masked).
Result<std::vector<ConsultationItem>> list_open_consultations(Connection& c, const DossierFilter& f);

// Audit, outbox, KPI counters, idempotency.
// The audit log is several hash chains (docs/architecture.md, "Audit chains"): a record's
// hash = sha256(prev_hash | pos | at | actor | action | object | detail), pos = seq in chain 0
// (the chain of before migration 010, unchanged) and "chain.seq" in the others; the first record
// of every chain links to 64 zeros. `audit_chains` holds each chain's last seq and hash.
std::string audit_hash(const AuditRec& r);
// Appends to a chain whose head no other open transaction holds (PostgreSQL: FOR UPDATE SKIP
// LOCKED, starting from a chain chosen by the backend's pid; it waits only when every chain is
// held), or to chain 0 on SQLite (one writer). Every kAuditAnchorEvery-th record of a chain is
// followed by an anchor record naming the other chains' committed heads.
inline constexpr int64_t kAuditAnchorEvery = 256;
Result<AuditRec> append_audit(Connection& c, Millis at, const std::string& actor, const std::string& action,
                              const std::string& object, const std::string& detail);
// The same on the named chain (waits for its head if another transaction holds it): for tests.
Result<AuditRec> append_audit_to(Connection& c, int64_t chain, Millis at, const std::string& actor,
                                 const std::string& action, const std::string& object, const std::string& detail);
// Walks every chain in order: gapless seqs, each link and hash, the head row matching the last
// record, no records without a head, and every anchor's named heads present with their hashes;
// `kept` are heads kept outside the database ("chain.seq.hash", AuditCheck::heads of an earlier
// check), checked like an anchor's.
Result<AuditCheck> verify_audit(Connection& c, const std::vector<std::string>& kept = {});
// `okey` orders the rows of one sink (the topic's prefix): the relay sends a row only when no
// earlier pending row has the same key (the dossier); "" = unordered. See store/outbox_repo.h.
Status insert_outbox(Connection& c, const std::string& topic, const std::string& payload, Millis at,
                     const std::string& okey = "");
// KPI counters are written through store/kpi_repo.h; this reads one agency's month (YYYY-MM) of
// one stored column (kpi::column_of names it).
Result<int64_t> get_kpi(Connection& c, const std::string& agency_id, const std::string& period, std::string_view column);
struct IdempotentReply { std::string request_hash; int64_t status = 0; std::string response; };
Result<std::optional<IdempotentReply>> get_idempotent(Connection& c, const std::string& subject, const std::string& key);
Status put_idempotent(Connection& c, const std::string& subject, const std::string& key, const IdempotentReply& r,
                      Millis at);

// Administration (repo_admin.cc): staff, grants, agencies, procedure versions.
// Staff ordered by username; with `agency_ids` non-empty, only staff holding (or having held) a
// grant at one of them.
Result<std::vector<StaffRec>> list_staff(Connection& c, const std::vector<std::string>& agency_ids);
// Active staff holding `role` at `agency_id` on the local date `day` (YYYY-MM-DD), by full name:
// the people a step of the internal process can be handed to.
Result<std::vector<StaffRec>> staff_holding(Connection& c, const std::string& agency_id, const std::string& role,
                                            const std::string& day);
// Grants of one staff member (all when staff_id is empty), oldest first, ended ones included.
Result<std::vector<StaffGrantRec>> list_staff_grants(Connection& c, const std::string& staff_id);
Result<std::optional<StaffGrantRec>> get_staff_grant(Connection& c, int64_t id);
// Returns the new grant's id.
Result<int64_t> insert_staff_grant(Connection& c, const StaffGrantRec& g);
Status set_grant_end(Connection& c, int64_t id, const std::string& valid_to);
Status set_staff_password(Connection& c, const std::string& staff_id, const std::string& password_hash);
Status set_staff_active(Connection& c, const std::string& staff_id, bool active);
// Deletes every session of a subject; returns how many there were.
Result<int64_t> delete_sessions_of(Connection& c, const std::string& subject_kind, const std::string& subject_id);
// The same, sparing the session whose token hash is `keep_token_hash` (the one in use).
Result<int64_t> delete_other_sessions_of(Connection& c, const std::string& subject_kind, const std::string& subject_id,
                                         const std::string& keep_token_hash);
Status update_agency(Connection& c, const AgencyRec& a);
// Every version of a national code, oldest first.
Result<std::vector<ProcedureRec>> list_procedure_versions(Connection& c, const std::string& national_code);

}  // namespace motcua::store
