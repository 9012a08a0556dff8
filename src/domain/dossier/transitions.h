// The dossier lifecycle as a pure function: decide(facts, action) → the transition to apply, or
// a conflict error with a Vietnamese detail. No I/O, no clock: the caller supplies every fact
// (including working minutes until the due instant, computed with the calendar module).
//
// Legal moves (anything else → ErrorKind::conflict, code "illegal_transition"):
//   draft                --submit-->              submitted      online channel only
//   submitted            --receive-->             received       form 01; clock starts
//   submitted            --request_supplement-->  supplement_requested  reception stage, form 02,
//                                                  once (reception_supplement_used)
//   submitted            --refuse-->              refused        form 03
//   supplement_requested --refuse-->              refused        reception stage only (the
//                                                  supplement never came / cannot be accepted)
//   supplement_requested --supplement_received--> submitted      reception stage (!received_before)
//                                                 in_progress    processing stage; clock resumes
//   received             --start_processing-->    in_progress    hand-over to the handling unit
//   in_progress          --handover-->            in_progress    recorded on the control sheet
//   in_progress          --request_supplement-->  supplement_requested  processing stage, form 02,
//                                                  once in the dossier's life; clock pauses
//   in_progress          --request_payment-->     awaiting_payment       clock pauses
//   awaiting_payment     --payment_received-->    in_progress            clock resumes
//   received|in_progress --apologise-->           (unchanged)    form 04; once; only while at
//                                                  least one working day remains before the due
//                                                  instant (working_minutes_until_due ≥
//                                                  minutes_per_working_day)
//   received|in_progress|awaiting_payment --stop--> stopped      form 05; also from
//                                                  supplement_requested at the processing stage
//                                                  (a never-received dossier is refused, not
//                                                  stopped)
//   submitted|received|in_progress|supplement_requested|awaiting_payment --withdraw--> withdrawn
//   in_progress          --resolve_granted|resolve_refused--> resolved  requires result_ready
//   resolved             --return_result-->       returned
//
// The reception supplement and the processing supplement are separate allowances: the reception
// check may ask once (form 02 listing everything missing) and processing may ask once more.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/dossier/state.h"

namespace motcua::dossier {

enum class Action {
  submit,
  receive,
  request_supplement,
  refuse,
  start_processing,
  handover,
  supplement_received,
  request_payment,
  payment_received,
  apologise,
  stop,
  withdraw,
  resolve_granted,
  resolve_refused,
  return_result,
};
inline constexpr int kActionCount = 15;

std::string_view to_string(Action);  // snake_case id, exactly the enumerator name
std::optional<Action> parse_action(std::string_view);
// Vietnamese verb phrase used in messages: "trả kết quả", "yêu cầu bổ sung hồ sơ", …
std::string_view action_label_vi(Action);

// National channel codes: 1 counter, 2 online, 3 public postal service.
enum class Channel { counter = 1, online = 2, post = 3 };
std::string_view to_string(Channel);  // "counter" | "online" | "post"
std::optional<Channel> parse_channel(std::string_view);
std::optional<Channel> channel_from_code(int);

// State a new dossier is created in.
// - online: draft (the citizen's e-form, saved until submitted). A dossier that arrives already
//   submitted (e.g. filed on the national portal) passes already_submitted=true → submitted.
// - counter / post: submitted. The officer's intake creates the dossier in `submitted` and, when
//   the check passes, applies `receive` in the same transaction (or request_supplement /
//   refuse); there is no draft for these channels, so `submit` is illegal for them.
State initial_state(Channel, bool already_submitted = false);

// Everything decide() needs to know about the dossier, as plain values.
struct Facts {
  State state = State::draft;
  Channel channel = Channel::online;
  // Has been formally received (form 01) at some point: a supplement request now is a processing
  // supplement and supplement_received returns to in_progress.
  bool received_before = false;
  bool reception_supplement_used = false;   // form 02 already issued at reception
  bool processing_supplement_used = false;  // form 02 already issued during processing
  bool apology_used = false;                // form 04 already issued
  // Working minutes from now to the due instant; negative if overdue. Only read by apologise.
  int64_t working_minutes_until_due = 0;
  int minutes_per_working_day = 480;  // WorkingHours::minutes_per_day() of the province
  // The result document exists (signed decision, or refusal letter with reasons). Required for
  // resolve_granted / resolve_refused, since `resolved` means "result ready".
  bool result_ready = false;
};

// What the caller must record when it applies a transition. Flags are independent; several may be
// set at once.
struct Transition {
  State from = State::draft;
  State to = State::draft;
  bool starts_clock = false;    // receive: the time limit starts now (due computed from now)
  bool pauses_clock = false;    // clock stops counting now (processing supplement, payment)
  bool resumes_clock = false;   // clock counts again now; due += working time paused
  bool ends_clock = false;      // a received dossier leaves the clock for good (resolved,
                                // stopped, withdrawn): the on-time class is fixed now
  bool marks_received = false;  // set received_before = true
  bool uses_reception_supplement = false;   // set reception_supplement_used = true
  bool uses_processing_supplement = false;  // set processing_supplement_used = true
  bool uses_apology = false;                // set apology_used = true; record the new
                                            // appointment (the dossier still counts as late)
  bool granted = false;         // resolve_granted (false for resolve_refused)
  // Form to issue, 2025 numbering: 1 receipt, 2 supplement request, 3 refusal, 4 apology,
  // 5 stop notice; 0 none. (Hand-overs are recorded on the control sheet, form 6.)
  int form = 0;
  bool changes_state() const { return from != to; }
};

// The full lifecycle rule. Errors: ErrorKind::conflict, code "illegal_transition", Vietnamese
// detail naming the action and the current state, or a specific reason (second supplement,
// second apology, apology too late, draft of a non-online channel); a decision without its
// result document has the code "result_not_ready".
Result<Transition> decide(const Facts&, Action);

}  // namespace motcua::dossier
