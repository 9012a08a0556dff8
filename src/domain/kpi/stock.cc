#include "domain/kpi/stock.h"

namespace motcua::kpi {

Millis effective_due(const ClockFacts& f) { return f.original_due_at ? f.original_due_at : f.due_at; }

std::optional<DueBucket> bucket_of(const ClockFacts& f) {
  using dossier::State;
  const bool open = f.state == State::received || f.state == State::in_progress ||
                    f.state == State::supplement_requested || f.state == State::awaiting_payment;
  if (!f.received || !open) return std::nullopt;
  const Millis due = effective_due(f);
  if (due == 0) return DueBucket{};                           // no time limit: never overdue
  if (f.paused_at != 0 && f.paused_at <= due) return DueBucket{};  // paused within time
  return DueBucket{local_date(due)};
}

std::vector<DueFlow> flows_for_change(const std::optional<DueBucket>& before, const std::optional<DueBucket>& after,
                                      Date day) {
  if (before == after) return {};
  std::vector<DueFlow> out;
  if (before) out.push_back(DueFlow{day, *before, -1});
  if (after) out.push_back(DueFlow{day, *after, +1});
  return out;
}

bool overdue_at(const DueBucket& b, Date d) { return b.due && *b.due <= d; }

Stock stock_at(Date d, std::span<const DueFlow> flows) {
  Stock s;
  for (const auto& f : flows) {
    if (f.day > d) continue;
    s.in_progress += f.n;
    if (overdue_at(f.bucket, d)) s.overdue += f.n;
  }
  return s;
}

int64_t carried_over_into(Date from, std::span<const DueFlow> flows) {
  return stock_at(add_days(from, -1), flows).in_progress;
}

}  // namespace motcua::kpi
