#include "app/journal.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "store/repo.h"

namespace motcua::app {

Status audit(sql::Connection& c, Millis at, const std::string& actor, const std::string& action,
             const std::string& object, const boost::json::object& detail) {
  auto r = store::append_audit(c, at, actor, action, object, boost::json::serialize(detail));
  if (!r.ok()) return r.take_error();
  return ok_status();
}

Status outbox(sql::Connection& c, const std::string& topic, const boost::json::object& payload, Millis at) {
  // Rows about one dossier are relayed in order: keyed by its id, or its code (national sync).
  std::string key;
  for (const char* k : {"dossier_id", "code"})
    if (auto* v = payload.if_contains(k); v && v->is_string() && key.empty()) key = std::string(v->as_string());
  return store::insert_outbox(c, topic, boost::json::serialize(payload), at, key);
}

}  // namespace motcua::app
