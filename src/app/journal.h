// Writing the record of a change inside the use case's transaction: the audit chain entry and
// the outbox message to other systems. Detail objects are serialised as JSON.
#pragma once
#include <string>

#include <boost/json/object.hpp>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::app {

Status audit(sql::Connection& c, Millis at, const std::string& actor, const std::string& action,
             const std::string& object, const boost::json::object& detail = {});
Status outbox(sql::Connection& c, const std::string& topic, const boost::json::object& payload, Millis at);

}  // namespace motcua::app
