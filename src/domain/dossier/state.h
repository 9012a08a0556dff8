// Business state of a dossier (DOMAIN.md §4) and its national status code. Payment, delivery
// and national-sync states are kept apart; this is only the lifecycle state.
#pragma once
#include <optional>
#include <string_view>

namespace motcua::dossier {

enum class State {
  draft,                 // online, saved but not submitted; no national status
  submitted,             // 1 Mới đăng ký: awaiting the reception check
  received,              // 2 Được tiếp nhận: accepted (form 01), clock running
  refused,               // 3 Không được tiếp nhận (form 03)            [terminal]
  in_progress,           // 4 Đang xử lý
  supplement_requested,  // 5 Yêu cầu bổ sung giấy tờ (form 02)
  awaiting_payment,      // 6 Yêu cầu thực hiện nghĩa vụ tài chính
  withdrawn,             // 7 Công dân yêu cầu rút hồ sơ                [terminal]
  stopped,               // 8 Dừng xử lý (form 05)                      [terminal]
  resolved,              // 9 Đã xử lý xong: result ready (granted or refused with reasons)
  returned,              // 10 Đã trả kết quả                           [terminal]
};
inline constexpr int kStateCount = 11;

// Stable snake_case id, exactly the enumerator name ("supplement_requested").
std::string_view to_string(State);
std::optional<State> parse_state(std::string_view);
// Is this stored state name the state?
inline bool is(std::string_view stored, State s) { return stored == to_string(s); }

// National status code (identical on the national portal): draft → 0 (none), submitted 1 …
// returned 10.
int national_status_code(State);
// Inverse of national_status_code for 1..10; nullopt otherwise (0 is not a national code).
std::optional<State> state_from_national_code(int);
// Exact national status name from DOMAIN.md §4; "" for draft (no national status).
std::string_view national_status_name(State);
// Vietnamese label for screens and error messages: the national name, "Bản nháp" for draft.
std::string_view state_label_vi(State);

// No further business transition is possible: refused, withdrawn, stopped, returned.
// (resolved is not terminal: the result still has to be returned.)
bool is_terminal(State);

// Is the legal time limit counting in this state? True for received and in_progress only.
// - submitted / draft: not yet received, the clock has not started (a reception-stage
//   supplement therefore pauses nothing).
// - supplement_requested: paused from the request until the supplement arrives (§4).
// - awaiting_payment: PAUSED. Our choice: the time the applicant takes to fulfil a financial
//   obligation is not the agency's handling time (procedure texts commonly state "không bao gồm
//   thời gian thực hiện nghĩa vụ tài chính"); the due date moves by the paused working time,
//   exactly as for a supplement.
// - resolved and terminal states: the clock has ended.
bool clock_running(State);

}  // namespace motcua::dossier
