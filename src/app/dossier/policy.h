// The authorisation policy (domain/org/policy.h) applied to stored dossiers: who may act, what
// this reader may do now, and who the next step may be handed to. Not part of the App API.
#pragma once
#include <optional>
#include <vector>

#include "app/actor.h"
#include "app/catalogue_cache.h"
#include "domain/calendar/working_time.h"
#include "domain/dossier/transitions.h"
#include "domain/org/policy.h"
#include "store/records.h"

namespace motcua::app::detail {

// The policy's view of a dossier: its agencies, stage and the control sheet's open step.
org::DossierScope scope_of(const store::DossierRec& d, const std::vector<store::StepRec>& control_sheet,
                           const std::vector<ProcessStep>& process);

// The dossier's agencies and stage only (no control sheet): for the rules that do not depend on
// the process step (reading, documents, consultations).
org::DossierScope agencies_of(const store::DossierRec& d);

// The facts decide() needs, as the dossier stands at `now`. result_ready is left false: the use
// case that resolves sets it from what the request carries.
dossier::Facts facts_of(const store::DossierRec& d, const calendar::Calendar& cal, Millis now);

// Citizens act only on their own dossiers (submit, withdraw, supplement_received); staff as the
// policy says; nobody else.
Status authorise_action(const Actor& a, const store::DossierRec& d, const org::DossierScope& scope, dossier::Action act);

// The actions this reader may take on the dossier now: allowed by the policy and legal in its
// state (result_ready assumed: the request will carry the result). In dossier::Action order.
std::vector<dossier::Action> allowed_actions(const Actor& a, const store::DossierRec& d,
                                             const org::DossierScope& scope, const dossier::Facts& facts);

// The process step an action hands the dossier to: for start_processing the step opened at
// reception (taken now), for handover the step after the open one. nullopt when there is none.
std::optional<ProcessStep> target_step(dossier::Action act, const store::DossierRec& d,
                                       const std::vector<ProcessStep>& process);

}  // namespace motcua::app::detail
