#include "domain/dossier/consultation.h"

#include <string>

namespace motcua::dossier {
namespace {

Error closed(State s, const char* what) {
  return make_error(ErrorKind::conflict,
                    std::string("Không thể ") + what + ": hồ sơ đã ở trạng thái «" + std::string(state_label_vi(s)) +
                        "», việc giải quyết hồ sơ đã kết thúc.",
                    "dossier_closed");
}

}  // namespace

bool handling_ended(State s) { return s == State::resolved || is_terminal(s); }

bool takes_consultation_answers(State s) {
  return s == State::received || s == State::in_progress || s == State::supplement_requested ||
         s == State::awaiting_payment;
}

Status may_request_consultation(State s) {
  if (s == State::in_progress) return ok_status();
  if (handling_ended(s)) return closed(s, "lấy ý kiến");
  return make_error(ErrorKind::conflict, "Chỉ lấy ý kiến khi hồ sơ đang xử lý.", "illegal_transition");
}

Status may_answer_consultation(State s, bool already_answered) {
  if (already_answered)
    return make_error(ErrorKind::conflict, "Yêu cầu lấy ý kiến này đã được trả lời.", "already_answered");
  if (takes_consultation_answers(s)) return ok_status();
  if (handling_ended(s)) return closed(s, "trả lời yêu cầu lấy ý kiến");
  return make_error(ErrorKind::conflict, "Chỉ trả lời lấy ý kiến khi hồ sơ đang được giải quyết.",
                    "illegal_transition");
}

}  // namespace motcua::dossier
