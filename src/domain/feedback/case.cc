#include "domain/feedback/case.h"

#include "domain/feedback/names.h"

namespace motcua::feedback {
namespace {

using detail::Names;

constexpr Names<State, kStateCount> kStates{
    {"received", "refused", "classified", "assigned", "transferred", "answered", "reopened", "closed"},
    {"Đã tiếp nhận", "Không xử lý", "Đã phân loại", "Đang xử lý", "Đã chuyển cơ quan có thẩm quyền", "Đã trả lời",
     "Mở lại", "Đã kết thúc"}};
constexpr Names<Action, kActionCount> kActions{
    {"refuse", "classify", "assign", "transfer", "answer", "publish", "rate", "reopen", "close", "remind", "escalate"},
    {"Không xử lý", "Phân loại", "Giao xử lý", "Chuyển cơ quan có thẩm quyền", "Trả lời", "Công khai trả lời",
     "Đánh giá trả lời", "Mở lại", "Kết thúc", "Nhắc hạn", "Báo cấp trên (quá hạn)"}};
constexpr Names<Kind, 2> kKinds{{"phan_anh", "kien_nghi"}, {"Phản ánh", "Kiến nghị"}};
constexpr Names<Channel, 5> kChannels{{"portal", "hotline", "email", "zalo", "open311"},
                                      {"Cổng dịch vụ công", "Đường dây nóng", "Thư điện tử", "Zalo",
                                       "Ứng dụng khác (Open311)"}};

Error illegal(std::string detail) { return make_error(ErrorKind::conflict, std::move(detail), "illegal_transition"); }

}  // namespace

std::string_view to_string(State s) { return kStates.of(s, false); }
std::string_view to_string(Action a) { return kActions.of(a, false); }
std::string_view to_string(Kind k) { return kKinds.of(k, false); }
std::string_view to_string(Channel c) { return kChannels.of(c, false); }
std::optional<State> parse_state(std::string_view s) { return kStates.parse(s); }
std::optional<Action> parse_action(std::string_view s) { return kActions.parse(s); }
std::optional<Kind> parse_kind(std::string_view s) { return kKinds.parse(s); }
std::optional<Channel> parse_channel(std::string_view s) { return kChannels.parse(s); }
std::string_view state_vi(State s) { return kStates.of(s, true); }
std::string_view action_vi(Action a) { return kActions.of(a, true); }
std::string_view kind_vi(Kind k) { return kKinds.of(k, true); }
std::string_view channel_vi(Channel c) { return kChannels.of(c, true); }

bool is_open(State s) { return s != State::refused && s != State::answered && s != State::closed; }

bool clock_runs(State s) {
  return s == State::classified || s == State::assigned || s == State::transferred || s == State::reopened;
}

Result<State> decide(const Facts& f, Action a) {
  const State s = f.state;
  switch (a) {
    case Action::refuse:
      if (s == State::received) return State::refused;
      return illegal("Chỉ từ chối xử lý khi phản ánh, kiến nghị vừa được tiếp nhận, chưa phân loại.");
    case Action::classify:
      if (s == State::received || s == State::classified) return State::classified;
      return illegal("Chỉ phân loại khi phản ánh, kiến nghị chưa được giao xử lý.");
    case Action::assign:
      if (s == State::classified || s == State::transferred || s == State::reopened || s == State::assigned)
        return State::assigned;
      return illegal("Chỉ giao xử lý phản ánh, kiến nghị đã phân loại và chưa trả lời.");
    case Action::transfer:
      if (s == State::classified || s == State::assigned || s == State::transferred || s == State::reopened)
        return State::transferred;
      return illegal("Chỉ chuyển phản ánh, kiến nghị đã phân loại và chưa trả lời.");
    case Action::answer:
      if (s == State::assigned) return State::answered;
      if (s == State::reopened) return State::answered;
      return illegal("Phản ánh, kiến nghị phải được giao cho người xử lý trước khi trả lời.");
    case Action::publish:
      if (s != State::answered && s != State::closed) return illegal("Chỉ công khai khi đã có câu trả lời.");
      if (f.wants_private)
        return illegal("Người gửi đề nghị không công khai nên câu trả lời không được đăng trên Cổng.");
      if (f.published) return illegal("Câu trả lời đã được công khai.");
      return s;
    case Action::rate:
      if (s == State::answered || s == State::closed) return s;
      return illegal("Chỉ đánh giá khi đã nhận được câu trả lời.");
    case Action::reopen:
      if (f.reopened_before) return illegal("Mỗi phản ánh, kiến nghị chỉ được mở lại một lần.");
      if (s == State::answered || s == State::closed) return State::reopened;
      return illegal("Chỉ mở lại phản ánh, kiến nghị đã được trả lời.");
    case Action::close:
      if (s == State::answered) return State::closed;
      return illegal("Chỉ kết thúc phản ánh, kiến nghị đã được trả lời.");
    case Action::remind:
    case Action::escalate:
      if (clock_runs(s)) return s;
      return illegal("Phản ánh, kiến nghị không còn trong thời hạn xử lý.");
  }
  return illegal("Thao tác không hợp lệ.");
}

}  // namespace motcua::feedback
