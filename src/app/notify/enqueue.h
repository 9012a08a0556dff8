// The one way a use case asks for a notice to the applicant (CONTRACT other contexts rely on):
// inside its own transaction it enqueues an outbox row, topic `notify`, payload
//   {"event": "<notify::Event stored name>", "dossier_id": "<id>", ...extra}
// Extra fields by event: `payment_url` (payment_due), `rating_url` (rating_invitation), `reason`
// where there is one; anything else the templates may show (`new_due`, `amount`) is allowed.
// The relay (app/outbox) later expands the row into one delivery per channel the applicant chose
// (app/notify/notify_service.h); nothing is sent inside the transaction.
#pragma once
#include <string>

#include <boost/json/object.hpp>

#include "common/result.h"
#include "common/time.h"
#include "domain/notify/event.h"
#include "store/records.h"
#include "store/sql/database.h"

namespace motcua::app::notify {

using motcua::notify::Channel;
using motcua::notify::Event;

inline constexpr const char* kTopic = "notify";

// Enqueues the notice. `extra` must not carry "event" or "dossier_id" (they are overwritten).
Status enqueue(sql::Connection& c, Event e, const std::string& dossier_id, const boost::json::object& extra, Millis at);

// Whether the dossier's applicant can be reached at all: the owner's notification settings name a
// channel with its contact, or the applicant gave an e-mail address or a phone number at intake.
// Dossier use cases enqueue only for reachable applicants (no rows for nobody).
Result<bool> reachable(sql::Connection& c, const store::DossierRec& d);

}  // namespace motcua::app::notify
