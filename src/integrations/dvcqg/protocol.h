// The national public service portal's (DVCQG) dossier-sync protocol as provincial one-stop systems
// speak it (docs/integrations.md "National portal" says what comes from where and what is assumed):
//
//   POST <base>/auth         {"username", "password"}            → {"error_code": 0, "session": "…"}
//   POST <base>/integration  {"session", "madonvi", "service", "isUpdating"?, "data": [ … ]}
//                                                                → {"error_code": 0, "message": "…"}
//     service DongBoHoSoMC         one dossier as it now stands (TrangThaiHoSo: national code 1–10)
//     service CapNhatTienDoHoSoMC  one processing step (who, when, what, TrangThai)
//   Dates are yyyyMMddHHmmss in UTC+7. error_code 0 ("0", "00") is success; -1 means the session
//   expired or is unknown (log in again); any other code is a refusal of the content.
//
// Pure functions: the outbox payload in, the wire bodies out, the portal's answer classified.
#pragma once
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "app/integration/national_sync_service.h"
#include "common/result.h"
#include "common/time.h"

namespace motcua::integrations::dvcqg {

using app::national_time;
using app::parse_national_time;

// A `dvcqg.sync` outbox row's payload (app/dossier/support.cc record_change).
struct SyncEvent {
  std::string dossier_id, code, procedure_id, receiving_agency_id, competent_agency_id;
  std::string applicant_name, action, actor, note;
  int64_t status = 0, channel = 1;
  Millis at = 0, submitted_at = 0, received_at = 0, due_at = 0, resolved_at = 0, returned_at = 0;
};
// ErrorKind::invalid for a payload that is not an object or lacks the code.
Result<SyncEvent> parse_sync_event(const std::string& payload);

struct Facts {
  app::NationalProcedure procedure;
  app::NationalAgency competent, receiving;
};

// One element of DongBoHoSoMC's "data": the dossier as it stands after the event.
boost::json::object dossier_item(const SyncEvent& e, const Facts& f);
// One element of CapNhatTienDoHoSoMC's "data": the processing step the event was.
boost::json::object progress_item(const SyncEvent& e, const Facts& f);
// The request body of `service` for unit `madonvi` with one item.
std::string request_body(const std::string& session, const std::string& madonvi, const std::string& service,
                         boost::json::object item, std::optional<bool> is_updating);
std::string login_body(const std::string& username, const std::string& password);

enum class Outcome { ok, session_expired, transient, refused };
struct Answer {
  Outcome outcome = Outcome::transient;
  std::string detail;   // Vietnamese, for the relay's attempt record
  std::string session;  // the login answer's session
};
// Classifies an HTTP answer of the portal: 5xx, 429, a body that is not the expected JSON →
// transient; error_code -1 or HTTP 401 → session_expired; other error codes or 4xx → refused.
Answer classify(long http_status, const std::string& body);

}  // namespace motcua::integrations::dvcqg
