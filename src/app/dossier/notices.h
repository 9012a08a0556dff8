// What the applicant is told of their dossier's changes (DOMAIN.md §4; issue 13): the lifecycle
// action a use case recorded, mapped to the notice the law names (notify::Event), enqueued in the
// same transaction when the applicant can be reached (app/notify/enqueue.h). Not part of the
// App API; called by record_change (support.cc).
//   receive                  → received
//   request_supplement       → supplement_requested (reason: the items to bring)
//   apologise                → apology (reason: the note; new_due)
//   refuse, resolve_refused  → refused (reason: the reasons)
//   stop                     → stopped (reason: the reasons)
//   resolve_granted          → result_ready
// payment_due and rating_invitation are enqueued by the payment and rating use cases.
#pragma once
#include <string>

#include <boost/json/object.hpp>

#include "common/result.h"
#include "common/time.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app::detail {

Status notify_applicant(sql::Connection& c, const store::DossierRec& d, const std::string& action,
                        const boost::json::object& data, const std::string& note, Millis now);

}  // namespace motcua::app::detail
