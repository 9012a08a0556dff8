// The notices the law and the citizen charter say an applicant is sent (DOMAIN.md §4): what
// happened to their dossier, in the law's terms. The stored name (to_string) is the `event` of a
// `notify` outbox row and never changes once landed.
//
//   received             tiếp nhận (form 01): code, appointment and tracking link
//   supplement_requested yêu cầu bổ sung (form 02): what to bring
//   payment_due          yêu cầu thực hiện nghĩa vụ tài chính: amount and pay link
//   apology              thư xin lỗi và hẹn lại (form 04): the new appointment
//   refused              không được tiếp nhận (form 03) / giải quyết từ chối: the reason
//   stopped              dừng xử lý (form 05): the reason
//   result_ready         đã có kết quả: where and how to collect it
//   rating_invitation    mời đánh giá mức độ hài lòng: the rating link
#pragma once
#include <optional>
#include <string_view>

namespace motcua::notify {

enum class Event {
  received,
  supplement_requested,
  payment_due,
  apology,
  refused,
  stopped,
  result_ready,
  rating_invitation,
};
inline constexpr int kEventCount = 8;

std::string_view to_string(Event);  // the stored name, exactly the enumerator name
std::optional<Event> parse_event(std::string_view);
// Vietnamese name for the delivery log: "Tiếp nhận hồ sơ", "Yêu cầu bổ sung hồ sơ", …
std::string_view event_name_vi(Event);

// The channels a citizen may choose. Stored names: "email", "zalo", "sms".
enum class Channel { email, zalo, sms };
inline constexpr int kChannelCount = 3;
std::string_view to_string(Channel);
std::optional<Channel> parse_channel(std::string_view);

}  // namespace motcua::notify
