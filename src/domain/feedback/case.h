// A feedback case (phản ánh, kiến nghị — DOMAIN.md §8) as a pure state machine: which action
// may be taken in which state, and where it leads. No I/O, no clock: deadlines are rules.h's.
//
// Legal moves (anything else → ErrorKind::conflict, code "illegal_transition"):
//   (filing)     received | refused            rules.h decides at intake (check_intake)
//   received     --refuse-->     refused       out of scope / not handled (with a reason)
//   received     --classify-->   classified    field, kind and handling agency set; clock starts
//   classified   --classify-->   classified    corrected before anyone is assigned
//   classified|transferred|reopened --assign--> assigned
//   assigned     --assign-->     assigned      handed to another official of the same agency
//   classified|assigned|transferred|reopened --transfer--> transferred
//                                              to the competent agency; the clock restarts there
//   assigned|reopened --answer--> answered
//   answered     --publish-->    answered      the answer shown on the portal (never if private)
//   answered     --rate-->       answered      the sender's satisfaction with this answer
//   answered     --reopen-->     reopened      once in the case's life, by the sender, when not
//                                              satisfied (rules.h: within the reopen window)
//   answered     --close-->      closed
//   (any open)   --remind|escalate--> (same)   the deadline watch: recorded, state unchanged
#pragma once
#include <optional>
#include <string_view>

#include "common/result.h"

namespace motcua::feedback {

enum class State { received, refused, classified, assigned, transferred, answered, reopened, closed };
inline constexpr int kStateCount = 8;

enum class Action { refuse, classify, assign, transfer, answer, publish, rate, reopen, close, remind, escalate };
inline constexpr int kActionCount = 11;

// What the case is (the law's two words) and where it came from.
enum class Kind { phan_anh, kien_nghi };
enum class Channel { portal, hotline, email, zalo, open311 };

std::string_view to_string(State);   // stored names, exactly the enumerator names
std::string_view to_string(Action);
std::string_view to_string(Kind);
std::string_view to_string(Channel);
std::optional<State> parse_state(std::string_view);
std::optional<Action> parse_action(std::string_view);
std::optional<Kind> parse_kind(std::string_view);
std::optional<Channel> parse_channel(std::string_view);

std::string_view state_vi(State);    // "Đã tiếp nhận", "Đã trả lời", …
std::string_view action_vi(Action);  // "Phân loại", "Chuyển cơ quan có thẩm quyền", …
std::string_view kind_vi(Kind);      // "Phản ánh", "Kiến nghị"
std::string_view channel_vi(Channel);

// Still being handled: the deadline watch looks at it, and it counts as in progress.
bool is_open(State);
// The handling clock runs (classified and not yet answered).
bool clock_runs(State);

struct Facts {
  State state = State::received;
  bool reopened_before = false;  // the one reopening has been used
  bool wants_private = false;    // the sender asked that the answer is not published
  bool published = false;
};

// The state after `action`, or a conflict with a Vietnamese detail.
Result<State> decide(const Facts& f, Action action);

}  // namespace motcua::feedback
