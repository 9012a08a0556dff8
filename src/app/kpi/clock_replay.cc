#include "app/kpi/clock_replay.h"

#include <boost/json.hpp>

#include "domain/dossier/state.h"
#include "domain/dossier/history.h"
#include "domain/dossier/transitions.h"

namespace motcua::app {
namespace json = boost::json;

namespace {
int64_t num_of(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  if (!v) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return int64_t(v->as_uint64());
  return 0;
}
}  // namespace

json::object entry_data(const store::EventRec& e) {
  if (e.data.empty()) return {};
  boost::system::error_code ec;
  auto v = json::parse(e.data, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

void replay_entry(kpi::ClockFacts& f, const store::EventRec& e, const json::object& data, const calendar::Calendar& cal) {
  const auto act = dossier::parse_action(e.action);
  if (act == dossier::Action::receive) {
    f.received = true;
    f.due_at = num_of(data, "due_at");
  }
  if ((act == dossier::Action::request_supplement || act == dossier::Action::request_payment) && f.received &&
      f.paused_at == 0)
    f.paused_at = e.at;
  if (data.contains("paused_from") && f.paused_at != 0) {
    if (data.contains("due_at")) f.due_at = num_of(data, "due_at");
    else if (f.due_at) f.due_at = cal.extend_for_pause(f.due_at, num_of(data, "paused_from"), e.at);
    f.paused_at = 0;
  }
  if (act == dossier::Action::apologise) {
    if (f.original_due_at == 0) f.original_due_at = f.due_at;
    f.due_at = num_of(data, "new_due");
  }
  if (dossier::is(e.action, dossier::Entry::appointment_moved)) {
    f.due_at = num_of(data, "to");
    if (data.contains("original_to")) f.original_due_at = num_of(data, "original_to");
  }
  if (auto st = dossier::parse_state(e.to_state)) f.state = *st;
}

}  // namespace motcua::app
