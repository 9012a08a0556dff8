// JSON shapes of the API (docs/openapi.yaml describes them).
#pragma once
#include <optional>
#include <boost/json/object.hpp>

#include "app/app.h"
#include "common/json_writer.h"

namespace motcua::api {

boost::json::object agency_json(const store::AgencyRec& a);
// An administrative unit (without its successors).
boost::json::object unit_json(const store::UnitRec& u);
// The shapes below are written as text (JsonWriter): the dossier view answers every intake,
// and a document tree of it cost more than the rest of the answer.
// A procedure: summary (lists) or full record (with the catalogue document). One object;
// the _fields form writes inside an object the caller opens and closes.
void write_procedure(JsonWriter& w, const store::ProcedureRec& p, bool full);
void write_procedure_fields(JsonWriter& w, const store::ProcedureRec& p, bool full);
// The fields of a dossier's summary for queues, inside an object the caller opens and closes;
// instants as RFC 3339 in +07:00, null when unset.
void write_dossier_summary_fields(JsonWriter& w, const store::DossierRec& d, Millis now);
// "working_minutes_left" (null when no clock runs) and "near_due", inside the caller's object.
void write_due_status_fields(JsonWriter& w, const app::DueStatus& s);
// One consultation (lấy ý kiến) with its own clock. One object.
// `may_answer`: in a dossier view, whether this reader may answer it (absent in queues).
void write_consultation(JsonWriter& w, const store::ConsultationRec& c, const app::DueStatus& due, Millis now,
                        std::optional<bool> may_answer = std::nullopt);
void write_document(JsonWriter& w, const store::DocumentRec& d);
// Everything about a dossier: the summary plus applicant, documents, history, control sheet;
// "access" says whether the reader has the full view or the consulted agency's. JSON text.
std::string dossier_view_text(const app::DossierView& v, Millis now);
boost::json::object public_dossier_json(const app::PublicDossier& p);
boost::json::object actor_json(const app::Actor& a);
boost::json::value instant_json(Millis t);

}  // namespace motcua::api
