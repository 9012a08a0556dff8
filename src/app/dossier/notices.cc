#include "app/dossier/notices.h"

#include <optional>

#include <boost/json.hpp>

#include "app/notify/enqueue.h"
#include "domain/dossier/history.h"

namespace motcua::app::detail {
namespace json = boost::json;
using notify::Event;

namespace {

std::optional<Event> event_of(const std::string& action) {
  using dossier::Action;
  using dossier::is;
  if (is(action, Action::receive)) return Event::received;
  if (is(action, Action::request_supplement)) return Event::supplement_requested;
  if (is(action, Action::apologise)) return Event::apology;
  if (is(action, Action::refuse) || is(action, Action::resolve_refused)) return Event::refused;
  if (is(action, Action::stop)) return Event::stopped;
  if (is(action, Action::resolve_granted)) return Event::result_ready;
  return std::nullopt;
}

std::string joined(const json::object& data, const char* key) {
  std::string out;
  if (auto* v = data.if_contains(key); v && v->is_array())
    for (auto& x : v->as_array())
      if (x.is_string()) out += (out.empty() ? "" : "; ") + std::string(x.as_string());
  return out;
}

}  // namespace

Status notify_applicant(sql::Connection& c, const store::DossierRec& d, const std::string& action,
                        const json::object& data, const std::string& note, Millis now) {
  auto e = event_of(action);
  if (!e) return ok_status();
  MC_ASSIGN(bool reachable, notify::reachable(c, d));
  if (!reachable) return ok_status();
  json::object extra;
  switch (*e) {
    case Event::supplement_requested: extra["reason"] = joined(data, "items"); break;
    case Event::refused:
    case Event::stopped: extra["reason"] = joined(data, "reasons"); break;
    case Event::apology:
      extra["reason"] = note;
      if (auto* nd = data.if_contains("new_due"); nd && nd->is_int64()) extra["new_due"] = nd->as_int64();
      break;
    default: break;
  }
  return notify::enqueue(c, *e, d.id, extra, now);
}

}  // namespace motcua::app::detail
