#include "domain/dossier/transitions.h"

#include <array>
#include <string>

namespace motcua::dossier {
namespace {

struct ActionInfo {
  std::string_view id;
  std::string_view label_vi;
};

constexpr std::array<ActionInfo, kActionCount> kActionInfo = {{
    {"submit", "nộp hồ sơ"},
    {"receive", "tiếp nhận hồ sơ"},
    {"request_supplement", "yêu cầu bổ sung hồ sơ"},
    {"refuse", "từ chối tiếp nhận hồ sơ"},
    {"start_processing", "chuyển hồ sơ sang xử lý"},
    {"handover", "chuyển giao hồ sơ"},
    {"supplement_received", "nhận hồ sơ bổ sung"},
    {"request_payment", "yêu cầu thực hiện nghĩa vụ tài chính"},
    {"payment_received", "xác nhận đã thực hiện nghĩa vụ tài chính"},
    {"apologise", "gửi văn bản xin lỗi và hẹn lại ngày trả kết quả"},
    {"stop", "dừng xử lý hồ sơ"},
    {"withdraw", "rút hồ sơ"},
    {"resolve_granted", "hoàn thành giải quyết hồ sơ"},
    {"resolve_refused", "từ chối giải quyết hồ sơ"},
    {"return_result", "trả kết quả"},
}};

constexpr std::string_view kSecondSupplement =
    "Hồ sơ đã được yêu cầu bổ sung một lần; pháp luật chỉ cho phép yêu cầu bổ sung một lần";
constexpr std::string_view kSecondApology =
    "Hồ sơ đã có văn bản xin lỗi và hẹn lại ngày trả kết quả; pháp luật chỉ cho phép xin lỗi một lần";
constexpr std::string_view kApologyTooLate =
    "Văn bản xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả";
constexpr std::string_view kResultNotReady =
    "Chưa có văn bản kết quả giải quyết (hoặc văn bản từ chối nêu rõ lý do); không thể hoàn thành xử lý hồ sơ";
constexpr std::string_view kDraftNotOnline = "Chỉ hồ sơ nộp trực tuyến mới được nộp từ bản nháp";

Error conflict(std::string_view detail, const char* code = "illegal_transition") {
  return make_error(ErrorKind::conflict, std::string(detail), code);
}

Error illegal(const Facts& f, Action a) {
  std::string d = "Không thể ";
  d += action_label_vi(a);
  d += " khi hồ sơ đang ở trạng thái «";
  d += state_label_vi(f.state);
  d += "»";
  return conflict(d);
}

Transition move(const Facts& f, State to) {
  Transition t;
  t.from = f.state;
  t.to = to;
  return t;
}

}  // namespace

std::string_view to_string(Action a) { return kActionInfo[static_cast<size_t>(a)].id; }

std::optional<Action> parse_action(std::string_view id) {
  for (size_t i = 0; i < kActionInfo.size(); ++i)
    if (kActionInfo[i].id == id) return static_cast<Action>(i);
  return std::nullopt;
}

std::string_view action_label_vi(Action a) { return kActionInfo[static_cast<size_t>(a)].label_vi; }

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::counter: return "counter";
    case Channel::online: return "online";
    case Channel::post: return "post";
  }
  return "";
}

std::optional<Channel> parse_channel(std::string_view s) {
  if (s == "counter") return Channel::counter;
  if (s == "online") return Channel::online;
  if (s == "post") return Channel::post;
  return std::nullopt;
}

std::optional<Channel> channel_from_code(int code) {
  if (code >= 1 && code <= 3) return static_cast<Channel>(code);
  return std::nullopt;
}

State initial_state(Channel c, bool already_submitted) {
  if (c == Channel::online && !already_submitted) return State::draft;
  return State::submitted;
}

Result<Transition> decide(const Facts& f, Action a) {
  const State s = f.state;
  switch (a) {
    case Action::submit: {
      if (s != State::draft) break;
      if (f.channel != Channel::online) return conflict(kDraftNotOnline);
      return move(f, State::submitted);
    }

    case Action::receive: {
      if (s != State::submitted) break;
      Transition t = move(f, State::received);
      t.starts_clock = true;
      t.marks_received = true;
      t.form = 1;
      return t;
    }

    case Action::request_supplement: {
      if (s == State::submitted) {  // reception stage: the clock has not started
        if (f.reception_supplement_used) return conflict(kSecondSupplement);
        Transition t = move(f, State::supplement_requested);
        t.uses_reception_supplement = true;
        t.form = 2;
        return t;
      }
      if (s == State::in_progress) {  // processing stage: once in the dossier's life
        if (f.processing_supplement_used) return conflict(kSecondSupplement);
        Transition t = move(f, State::supplement_requested);
        t.uses_processing_supplement = true;
        t.pauses_clock = true;
        t.form = 2;
        return t;
      }
      break;
    }

    case Action::refuse: {
      if (s == State::submitted || (s == State::supplement_requested && !f.received_before)) {
        Transition t = move(f, State::refused);
        t.form = 3;
        return t;
      }
      break;
    }

    case Action::start_processing: {
      if (s != State::received) break;
      return move(f, State::in_progress);
    }

    case Action::handover: {
      if (s != State::in_progress) break;
      return move(f, State::in_progress);
    }

    case Action::supplement_received: {
      if (s != State::supplement_requested) break;
      if (!f.received_before) return move(f, State::submitted);  // checked again at reception
      Transition t = move(f, State::in_progress);
      t.resumes_clock = true;
      return t;
    }

    case Action::request_payment: {
      if (s != State::in_progress) break;
      Transition t = move(f, State::awaiting_payment);
      t.pauses_clock = true;
      return t;
    }

    case Action::payment_received: {
      if (s != State::awaiting_payment) break;
      Transition t = move(f, State::in_progress);
      t.resumes_clock = true;
      return t;
    }

    case Action::apologise: {
      if (s != State::received && s != State::in_progress) break;
      if (f.apology_used) return conflict(kSecondApology);
      if (f.working_minutes_until_due < int64_t(f.minutes_per_working_day)) return conflict(kApologyTooLate);
      Transition t = move(f, s);
      t.uses_apology = true;
      t.form = 4;
      return t;
    }

    case Action::stop: {
      bool ok = s == State::received || s == State::in_progress || s == State::awaiting_payment ||
                (s == State::supplement_requested && f.received_before);
      if (!ok) break;
      Transition t = move(f, State::stopped);
      t.ends_clock = true;
      t.form = 5;
      return t;
    }

    case Action::withdraw: {
      bool ok = s == State::submitted || s == State::received || s == State::in_progress ||
                s == State::supplement_requested || s == State::awaiting_payment;
      if (!ok) break;
      Transition t = move(f, State::withdrawn);
      t.ends_clock = f.received_before;
      return t;
    }

    case Action::resolve_granted:
    case Action::resolve_refused: {
      if (s != State::in_progress) break;
      if (!f.result_ready) return conflict(kResultNotReady, "result_not_ready");
      Transition t = move(f, State::resolved);
      t.ends_clock = true;
      t.granted = a == Action::resolve_granted;
      return t;
    }

    case Action::return_result: {
      if (s != State::resolved) break;
      return move(f, State::returned);
    }
  }
  return illegal(f, a);
}

}  // namespace motcua::dossier
