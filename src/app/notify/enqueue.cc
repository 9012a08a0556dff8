#include "app/notify/enqueue.h"

#include <boost/json.hpp>

#include "app/journal.h"
#include "store/notify_repo.h"

namespace motcua::app::notify {
namespace json = boost::json;

Status enqueue(sql::Connection& c, Event e, const std::string& dossier_id, const json::object& extra, Millis at) {
  json::object payload = extra;
  payload["event"] = std::string(motcua::notify::to_string(e));
  payload["dossier_id"] = dossier_id;
  return outbox(c, kTopic, payload, at);
}

Result<bool> reachable(sql::Connection& c, const store::DossierRec& d) {
  boost::system::error_code ec;
  auto v = json::parse(d.applicant_doc, ec);
  if (!ec && v.is_object()) {
    auto& o = v.as_object();
    for (const char* k : {"email", "phone"})
      if (auto* s = o.if_contains(k); s && s->is_string() && !s->as_string().empty()) return true;
  }
  if (d.owner_personal_id.empty()) return false;
  MC_ASSIGN(auto prefs, store::get_notify_prefs(c, d.owner_personal_id));
  return prefs.has_value() && !prefs->channels.empty();
}

}  // namespace motcua::app::notify
