#include "domain/notify/event.h"

#include <array>

namespace motcua::notify {
namespace {

struct EventName {
  Event e;
  std::string_view id, vi;
};
constexpr std::array<EventName, kEventCount> kEvents{{
    {Event::received, "received", "Tiếp nhận hồ sơ"},
    {Event::supplement_requested, "supplement_requested", "Yêu cầu bổ sung hồ sơ"},
    {Event::payment_due, "payment_due", "Yêu cầu thực hiện nghĩa vụ tài chính"},
    {Event::apology, "apology", "Xin lỗi và hẹn lại ngày trả kết quả"},
    {Event::refused, "refused", "Từ chối hồ sơ"},
    {Event::stopped, "stopped", "Dừng xử lý hồ sơ"},
    {Event::result_ready, "result_ready", "Đã có kết quả giải quyết"},
    {Event::rating_invitation, "rating_invitation", "Mời đánh giá mức độ hài lòng"},
    {Event::feedback_received, "feedback_received", "Tiếp nhận phản ánh, kiến nghị"},
    {Event::feedback_refused, "feedback_refused", "Phản ánh, kiến nghị không được xem xét, xử lý"},
    {Event::feedback_transferred, "feedback_transferred", "Chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền"},
    {Event::feedback_answered, "feedback_answered", "Trả lời phản ánh, kiến nghị"},
    {Event::feedback_reminder, "feedback_reminder", "Nhắc hạn xử lý phản ánh, kiến nghị"},
    {Event::feedback_escalated, "feedback_escalated", "Phản ánh, kiến nghị quá hạn xử lý"},
}};

constexpr std::array<std::string_view, kChannelCount> kChannels{"email", "zalo", "sms"};

}  // namespace

std::string_view to_string(Event e) {
  for (auto& n : kEvents)
    if (n.e == e) return n.id;
  return "";
}

std::optional<Event> parse_event(std::string_view s) {
  for (auto& n : kEvents)
    if (n.id == s) return n.e;
  return std::nullopt;
}

std::string_view event_name_vi(Event e) {
  for (auto& n : kEvents)
    if (n.e == e) return n.vi;
  return "";
}

std::string_view to_string(Channel c) { return kChannels[size_t(c)]; }

std::optional<Channel> parse_channel(std::string_view s) {
  for (size_t i = 0; i < kChannels.size(); ++i)
    if (kChannels[i] == s) return Channel(i);
  return std::nullopt;
}

}  // namespace motcua::notify
