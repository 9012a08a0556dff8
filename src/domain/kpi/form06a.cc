#include "domain/kpi/form06a.h"

namespace motcua::kpi {

Form06aRow form06a_row(const PeriodCounts& p) {
  Form06aRow r;
  r.received_online = p.received_online;
  r.received_counter_post = p.received_counter + p.received_post;
  r.carried_over = p.carried_over;
  r.received = r.received_online + r.received_counter_post + r.carried_over;
  r.resolved_early = p.resolved_early;
  r.resolved_late = p.resolved_late;
  r.resolved_on_time = p.resolved - p.resolved_early - p.resolved_late;  // unclassed count on time
  r.resolved = p.resolved;
  r.in_progress_within = p.at_end.within_time();
  r.in_progress_overdue = p.at_end.overdue;
  r.in_progress = p.at_end.in_progress;
  r.closed_undecided = p.closed_undecided;
  return r;
}

std::vector<std::string> form06a_problems(const Form06aRow& r) {
  std::vector<std::string> out;
  auto s = [](int64_t v) { return std::to_string(v); };
  if (r.received != r.received_online + r.received_counter_post + r.carried_over)
    out.push_back("Tổng số hồ sơ nhận (" + s(r.received) + ") khác trực tuyến + trực tiếp, bưu chính + kỳ trước chuyển qua (" +
                  s(r.received_online) + " + " + s(r.received_counter_post) + " + " + s(r.carried_over) + ").");
  if (r.resolved != r.resolved_early + r.resolved_on_time + r.resolved_late)
    out.push_back("Tổng số hồ sơ đã giải quyết (" + s(r.resolved) + ") khác trước hạn + đúng hạn + quá hạn (" +
                  s(r.resolved_early) + " + " + s(r.resolved_on_time) + " + " + s(r.resolved_late) + ").");
  if (r.in_progress != r.in_progress_within + r.in_progress_overdue)
    out.push_back("Tổng số hồ sơ đang giải quyết (" + s(r.in_progress) + ") khác trong hạn + quá hạn (" +
                  s(r.in_progress_within) + " + " + s(r.in_progress_overdue) + ").");
  if (r.received != r.resolved + r.closed_undecided + r.in_progress)
    out.push_back("Số hồ sơ nhận (" + s(r.received) + ") khác đã giải quyết + rút, dừng xử lý + đang giải quyết (" +
                  s(r.resolved) + " + " + s(r.closed_undecided) + " + " + s(r.in_progress) + ").");
  for (int64_t v : {r.received, r.received_online, r.received_counter_post, r.carried_over, r.resolved, r.resolved_early,
                    r.resolved_on_time, r.resolved_late, r.in_progress, r.in_progress_within, r.in_progress_overdue,
                    r.closed_undecided})
    if (v < 0) {
      out.push_back("Có số liệu âm (" + s(v) + "): bộ đếm không khớp với hồ sơ.");
      break;
    }
  return out;
}

Form06aRow& operator+=(Form06aRow& a, const Form06aRow& b) {
  a.received += b.received;
  a.received_online += b.received_online;
  a.received_counter_post += b.received_counter_post;
  a.carried_over += b.carried_over;
  a.resolved += b.resolved;
  a.resolved_early += b.resolved_early;
  a.resolved_on_time += b.resolved_on_time;
  a.resolved_late += b.resolved_late;
  a.in_progress += b.in_progress;
  a.in_progress_within += b.in_progress_within;
  a.in_progress_overdue += b.in_progress_overdue;
  a.closed_undecided += b.closed_undecided;
  return a;
}

}  // namespace motcua::kpi
