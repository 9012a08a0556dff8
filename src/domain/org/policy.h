// The one authorisation policy of the desk: may this reader take this action on this dossier now?
// Pure: the caller supplies the reader's roles (grants valid today), the dossier's agencies and
// stage, and the control sheet's open step. Every use case that acts on a dossier asks here, and
// so does the dossier view when it tells the web which actions this reader may take.
//
// The rules, on top of the role table of roles.h:
//  - The reader must hold, at the dossier's receiving or competent agency, a role the table
//    allows for the action at the dossier's stage.
//  - A step of the internal process is closed (handover) only by a holder of that step's role at
//    the step's agency, or by the person it was assigned to: a specialist cannot close the head's
//    or the leader's step.
//  - The decision (resolve_granted, resolve_refused) is the leader's: a holder of `leader` at the
//    competent agency (a deputy is granted `leader` by the agency), and only once the dossier has
//    reached the process's leader step, when the process has one.
//  - start_processing takes the step opened at reception: a holder of its role at its agency (or
//    a head there, who assigns it).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/dossier/transitions.h"
#include "domain/org/roles.h"

namespace motcua::org {

// A role held at an agency (one grant valid today).
struct RoleAt {
  std::string agency_id;
  Role role;
  bool operator==(const RoleAt&) const = default;
};

// A member of staff as the policy sees them.
struct StaffReader {
  std::string staff_id;
  std::vector<RoleAt> roles;
  bool holds(const std::string& agency_id, Role r) const;
  bool holds_anywhere(Role r) const;
  bool works_at(const std::string& agency_id) const;
};

// The control sheet's step in progress.
struct OpenStep {
  Role role = Role::specialist;
  std::string agency_id;
  std::string assignee_id;  // "" = the step is open to every holder of its role there
};

// What the policy needs to know of the dossier.
struct DossierScope {
  std::string receiving_agency_id, competent_agency_id;
  bool processing_stage = false;        // formally received at some point
  std::optional<OpenStep> open_step;    // none before reception and after the decision
  bool process_has_leader_step = false; // the procedure's process has a step whose role is leader
};

// ok, or ErrorKind::forbidden with a Vietnamese detail and one of the codes
// "not_your_agency", "role_not_allowed", "not_your_step", "decision_not_yours",
// "not_at_decision_step"; or ErrorKind::conflict "decision_step" for a handover of the leader's
// step (it ends with the decision, not by passing the dossier on).
Status may_act(const StaffReader& reader, const DossierScope& dossier, dossier::Action action);

// The other rules of the desk, over the same roles (each true = allowed):
// Read a dossier in full: staff of its receiving or competent agency, or a province-wide role.
bool may_read_dossier(const StaffReader& reader, const DossierScope& dossier);
// Ask another agency for its opinion (lấy ý kiến): a specialist or head of the competent agency.
bool may_request_opinion(const StaffReader& reader, const DossierScope& dossier);
// Answer a consultation addressed to `agency_id` (and read what it is about): its specialists,
// heads and leaders.
bool may_give_opinion(const StaffReader& reader, const std::string& agency_id);
// Attach documents: reception, specialists and heads of the dossier's agencies.
bool may_attach_documents(const StaffReader& reader, const DossierScope& dossier);
// Print an agency's register (form 07): its staff, or a province-wide role.
bool may_read_register(const StaffReader& reader, const std::string& agency_id);
// Change the working calendar: province administrators; read its change log: they and monitors.
bool may_change_calendar(const StaffReader& reader);
bool may_read_calendar_changes(const StaffReader& reader);

// Read the leaders' figures (kpi.read, DOMAIN.md §9): `agency_id` "" = the whole province or a
// level — the province roles (administrator, monitor); an agency's — its leaders too.
bool may_read_kpi(const StaffReader& reader, const std::string& agency_id);

// Manage staff accounts and grants (which ones: may_grant): province and unit administrators.
bool may_manage_staff(const StaffReader& reader);
// Change agencies, administrative units and procedure versions: province administrators.
bool may_administer_province(const StaffReader& reader);

// The quarterly evaluation of an agency (DOMAIN.md §7). `parent_agency_id` is the agency's
// superior ("" when it has none).
// Score the agency itself (tự chấm): its leaders.
bool may_self_score(const StaffReader& reader, const std::string& agency_id);
// Appraise the self score (thẩm định): leaders of the superior agency, or the province's
// administrators (the provincial office runs the appraisal for the provincial committee) — never
// someone who holds the agency's own leader role (nobody appraises their own score).
bool may_appraise(const StaffReader& reader, const std::string& agency_id, const std::string& parent_agency_id);
// Read an agency's evaluation: its staff, leaders of its superior, province-wide roles.
bool may_read_evaluation(const StaffReader& reader, const std::string& agency_id, const std::string& parent_agency_id);
// Review procedures and their compliance cost for the province's review plan (DOMAIN.md §11):
// province-wide roles.
bool may_review_procedures(const StaffReader& reader);

// What the staff app offers this reader (its menus and edit buttons), from the rules above, so
// the web keeps no copy of them. Sent with the session (GET /api/v1/auth/me, `may`).
struct StaffCapabilities {
  bool receive = false;               // the counter (tiếp nhận): a reception role anywhere
  bool manage_staff = false;          // may_manage_staff
  bool read_calendar = false;         // may_read_calendar_changes
  bool change_calendar = false;       // may_change_calendar
  bool read_organisation = false;     // agencies and units pages: province administrators and monitors
  bool change_organisation = false;   // may_administer_province
  bool change_procedures = false;     // may_administer_province
  bool read_kpi = false;              // kpi.read somewhere: a leader, or a province role
  bool read_kpi_province = false;     // kpi.read of the whole province (may_read_kpi(reader, ""))
  bool feedback_calls = false;        // the hotline desk (feedback_policy.h: may_take_calls)
  bool feedback_cases = false;        // the feedback cases list: a desk role or a province role
  bool feedback_figures = false;      // the feedback figures page (may_read_some_feedback_figures)
  bool feedback_figures_province = false;  // …of the whole province (may_read_feedback_figures(r, ""))
  bool evaluate = false;              // the evaluation page: leaders anywhere, province-wide roles
  bool review_procedures = false;     // may_review_procedures
  // Where the staff app offers agency-bound work, so the web never reads role names itself:
  std::vector<std::string> receive_agencies;  // agencies where the reader holds reception
  std::vector<std::string> staff_agencies;    // agencies whose accounts a unit administrator manages
                                              // (a province administrator manages all: change_organisation)
  std::vector<Role> grantable_roles;          // roles may_grant can allow this reader to hand out
  bool administration() const {       // the administration area at all
    return manage_staff || read_calendar || read_organisation;
  }
};
StaffCapabilities capabilities(const StaffReader& reader);

// May `candidate` be handed the step `step` (the next handler)? True when they hold the step's
// role at the step's agency.
bool may_take_step(const StaffReader& candidate, Role step_role, const std::string& step_agency_id);

// Staff administration: may `admin` grant `role` at `agency_id` to `member`?
//  - A province administrator grants anything, to anyone.
//  - A unit administrator grants only at agencies where they hold unit_admin, never a province
//    role, never to themselves a role that decides dossiers (separation of duties: who manages
//    the accounts does not approve on their own say), and only to accounts of their agencies: a
//    member with a grant running now or later at another agency, or a province role, is not
//    theirs; nor is a member with no running grant who never had one at their agencies.
// ok, or ErrorKind::forbidden with code "province_role", "not_your_agency",
// "self_decision_role" or "foreign_account".
struct GrantTarget {
  std::string staff_id;                    // "" = an account being created
  std::vector<RoleAt> open;                // grants valid today or later
  std::vector<std::string> ever_agencies;  // agencies of every grant, ended ones included
};
Status may_grant(const StaffReader& admin, const GrantTarget& member, Role role, const std::string& agency_id);

}  // namespace motcua::org
