#include "domain/dossier/state.h"

#include <array>

namespace motcua::dossier {
namespace {

struct StateInfo {
  std::string_view id;
  std::string_view national_name;
};

// Indexed by the enumerator value; the enum's order is the national code order.
constexpr std::array<StateInfo, kStateCount> kInfo = {{
    {"draft", ""},
    {"submitted", "Mới đăng ký"},
    {"received", "Được tiếp nhận"},
    {"refused", "Không được tiếp nhận"},
    {"in_progress", "Đang xử lý"},
    {"supplement_requested", "Yêu cầu bổ sung giấy tờ"},
    {"awaiting_payment", "Yêu cầu thực hiện nghĩa vụ tài chính"},
    {"withdrawn", "Công dân yêu cầu rút hồ sơ"},
    {"stopped", "Dừng xử lý"},
    {"resolved", "Đã xử lý xong"},
    {"returned", "Đã trả kết quả"},
}};

size_t idx(State s) { return static_cast<size_t>(s); }

}  // namespace

std::string_view to_string(State s) { return kInfo[idx(s)].id; }

std::optional<State> parse_state(std::string_view id) {
  for (size_t i = 0; i < kInfo.size(); ++i)
    if (kInfo[i].id == id) return static_cast<State>(i);
  return std::nullopt;
}

int national_status_code(State s) { return static_cast<int>(s); }

std::optional<State> state_from_national_code(int code) {
  if (code < 1 || code >= kStateCount) return std::nullopt;
  return static_cast<State>(code);
}

std::string_view national_status_name(State s) { return kInfo[idx(s)].national_name; }

std::string_view state_label_vi(State s) {
  return s == State::draft ? std::string_view("Bản nháp") : kInfo[idx(s)].national_name;
}

bool is_terminal(State s) {
  return s == State::refused || s == State::withdrawn || s == State::stopped || s == State::returned;
}

bool clock_running(State s) { return s == State::received || s == State::in_progress; }

}  // namespace motcua::dossier
