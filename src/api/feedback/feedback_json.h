// JSON shapes of the feedback routes (docs/openapi.yaml, tag feedback).
#pragma once
#include <string>

#include "app/feedback/feedback_service.h"
#include "common/json_writer.h"

namespace motcua::api {

// A case. `full`: with history, attachments and ratings. Staff see the sender's contacts; a
// citizen sees their own; nobody else reads a case at all.
void write_case(JsonWriter& w, const app::CaseView& v, bool full);
void write_published(JsonWriter& w, const app::PublishedAnswer& a);
// What the filing forms need: kinds, fields, limits and deadlines with their legal basis.
void write_rules(JsonWriter& w, const ::motcua::feedback::Rules& r);
void write_figures(JsonWriter& w, const app::FeedbackFigures& f);
// RFC 5987 encoding of a UTF-8 file name for Content-Disposition.
std::string rfc5987_name(const std::string& s);

}  // namespace motcua::api
