// JSON shapes of the API (docs/openapi.yaml describes them).
#pragma once
#include <boost/json/object.hpp>

#include "app/app.h"

namespace motcua::api {

boost::json::object agency_json(const store::AgencyRec& a);
// An administrative unit (without its successors).
boost::json::object unit_json(const store::UnitRec& u);
// Summary (lists) and full record (with the catalogue document).
boost::json::object procedure_json(const store::ProcedureRec& p, bool full);
// Summary of a dossier for queues; instants as RFC 3339 in +07:00, null when unset.
boost::json::object dossier_summary_json(const store::DossierRec& d, Millis now);
// Everything about a dossier: the summary plus applicant, documents, history, control sheet;
// "access" says whether the reader has the full view or the consulted agency's.
boost::json::object dossier_view_json(const app::DossierView& v, Millis now);
// Sets "working_minutes_left" (null when no clock runs) and "near_due" on `o`.
void due_status_json(boost::json::object& o, const app::DueStatus& s);
// One consultation (lấy ý kiến) with its own clock.
boost::json::object consultation_json(const store::ConsultationRec& c, const app::DueStatus& due, Millis now);
boost::json::object document_json(const store::DocumentRec& d);
boost::json::object public_dossier_json(const app::PublicDossier& p);
boost::json::object actor_json(const app::Actor& a);
boost::json::value instant_json(Millis t);

}  // namespace motcua::api
