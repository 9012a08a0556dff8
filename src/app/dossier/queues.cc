#include "app/dossier/queues.h"

#include <algorithm>

#include "domain/dossier/consultation.h"

namespace motcua::app {

using dossier::State;
using org::Role;

namespace {

std::vector<State> consultation_states() {
  std::vector<State> out;
  for (int i = 0; i < dossier::kStateCount; ++i)
    if (dossier::takes_consultation_answers(State(i))) out.push_back(State(i));
  return out;
}

}  // namespace

const std::vector<QueueDef>& queue_defs() {
  static const std::vector<QueueDef> defs = {
      {Queue::to_receive, "to_receive", "Chờ tiếp nhận", {Role::reception}, {State::submitted}},
      {Queue::to_process, "to_process", "Đang xử lý", {Role::specialist, Role::head}, {State::received, State::in_progress}},
      {Queue::to_approve, "to_approve", "Chờ phê duyệt", {Role::leader, Role::head}, {State::in_progress}},
      {Queue::supplement, "supplement", "Bổ sung", {Role::reception, Role::specialist, Role::head}, {State::supplement_requested}},
      {Queue::to_return, "to_return", "Chờ trả kết quả", {Role::reception, Role::clerk}, {State::resolved}},
      {Queue::to_consult, "to_consult", "Chờ cho ý kiến", {Role::specialist, Role::head, Role::leader}, consultation_states()},
      {Queue::all, "all", "Tất cả", {}, {}},
  };
  return defs;
}

const QueueDef* find_queue(std::string_view key) {
  for (auto& q : queue_defs())
    if (q.key == key) return &q;
  return nullptr;
}

static bool works(const Actor& a, const QueueDef& q, const std::string* agency_a, const std::string* agency_b) {
  for (auto& g : a.grants) {
    if (agency_a && g.agency_id != *agency_a && (!agency_b || g.agency_id != *agency_b)) continue;
    if (q.roles.empty() || std::find(q.roles.begin(), q.roles.end(), g.role) != q.roles.end()) return true;
  }
  return false;
}

std::vector<const QueueDef*> queues_for(const Actor& a) {
  std::vector<const QueueDef*> out;
  if (!a.is_staff()) return out;
  for (auto& q : queue_defs())
    if (works(a, q, nullptr, nullptr)) out.push_back(&q);
  return out;
}

std::vector<Queue> queues_holding(const Actor& a, const store::DossierRec& d) {
  std::vector<Queue> out;
  auto st = dossier::parse_state(d.state);
  if (!st || !a.is_staff()) return out;
  for (auto& q : queue_defs()) {
    if (q.id == Queue::all || q.id == Queue::to_consult) continue;
    if (std::find(q.states.begin(), q.states.end(), *st) == q.states.end()) continue;
    if (works(a, q, &d.receiving_agency_id, &d.competent_agency_id)) out.push_back(q.id);
  }
  return out;
}

}  // namespace motcua::app
