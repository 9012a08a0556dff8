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
// Feedback cases (phản ánh, kiến nghị; app/feedback): the row names `case_id`, not a dossier,
// and carries its own addresses and values (`to`, `values`).
//   feedback_received    đã tiếp nhận phản ánh, kiến nghị: the case code
//   feedback_refused     không xem xét, xử lý: the reason (rules or the desk)
//   feedback_transferred chuyển cơ quan có thẩm quyền: the agency
//   feedback_answered    đã trả lời: the answer
//   feedback_reminder    nhắc hạn xử lý (to the handling agency)
//   feedback_escalated   quá hạn, báo cấp trên (to the superior agency)
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
  feedback_received,
  feedback_refused,
  feedback_transferred,
  feedback_answered,
  feedback_reminder,
  feedback_escalated,
};
inline constexpr int kEventCount = 14;

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
