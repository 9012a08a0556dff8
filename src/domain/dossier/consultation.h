// Consultations (lấy ý kiến cơ quan phối hợp) run beside the lifecycle: asking and answering
// never change the dossier's state, but both are bound to it. Pure rules, no I/O.
//
//   ask     only while the dossier is in_progress (the handling stage);
//   answer  while the dossier is still being handled: received, in_progress,
//           supplement_requested, awaiting_payment (the consulted agency's "to consult" queue),
//           and only once.
// Once the decision is made (resolved: the result is ready) or the dossier is closed
// (refused, withdrawn, stopped, returned) an opinion can change nothing: both are refused with
// ErrorKind::conflict, code "dossier_closed", a Vietnamese detail naming the state.
#pragma once
#include "common/result.h"
#include "domain/dossier/state.h"

namespace motcua::dossier {

// The handling of the dossier is over: resolved or a terminal state.
bool handling_ended(State);

// The states in which a consultation's answer is taken (see above).
bool takes_consultation_answers(State);

// Errors: "dossier_closed" (handling ended); "illegal_transition" (any other state but
// in_progress).
Status may_request_consultation(State dossier);

// Errors: "already_answered" (checked first: it is true whatever the state); "dossier_closed";
// "illegal_transition" (not yet received: no consultation can exist then).
Status may_answer_consultation(State dossier, bool already_answered);

}  // namespace motcua::dossier
