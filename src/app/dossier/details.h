// What a dossier records beside its state (the `doc` column, the view's `details`): the
// components received and the intake note, then what each action left — the supplement asked
// for, reasons of a refusal, stop or negative decision, the apology, the result document and
// the return. One typed record, written by the use cases, read by the forms and the public
// lookup, and described to the web in docs/openapi.yaml and web/src/ui/types.ts; stored as JSON
// of exactly this shape (keys below), so earlier rows read the same.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "common/time.h"

namespace motcua::app {

struct ComponentRecord {      // "components": [...]
  std::string name, kind;     // kind: original | copy | original_or_copy
  int64_t count = 1;
  bool provided = true;       // handed in at intake (false: listed but missing)
  // "" when handed in by the applicant; a catalogue::DataSource name ("csdl_dan_cu") when the
  // data was taken from that database at filing instead (no paper asked for).
  std::string source;
};

struct SupplementRequest {    // "supplement_request" (form 02)
  Millis at = 0;
  std::vector<std::string> items;
  std::string stage;          // reception | processing
};

struct SupplementAnswer {     // "supplement_answer": what the applicant sent with the supplement
  Millis at = 0;
  std::string note;
  std::vector<std::string> documents;  // document ids of the dossier
  bool online = false;                 // sent by the citizen online (not handed in at the desk)
};

struct Reasons {              // "refusal" (form 03), "stop" (form 05), "resolution" (refused)
  Millis at = 0;
  std::vector<std::string> reasons;
};

struct Apology {              // "apology" (form 04)
  Millis at = 0;
  std::string reason;
  Millis old_due = 0, new_due = 0;
};

struct ResultDocument {       // "result": recorded at the decision
  Millis at = 0;
  std::string number, date, signer;  // date: YYYY-MM-DD
  std::string document_id;           // the signed file among the dossier's documents; "" = none
  std::string return_method;         // counter | post | electronic; "" = not said (refusal)
};

struct ReturnRecord {         // "return"
  Millis at = 0;
  std::string method, received_by;
};

struct OnBehalfRecord {       // "on_behalf": who filed for the applicant, on what right
  std::string relationship;   // dossier::Relationship's name
  std::string filer_id, filer_name;
  std::string document;       // the component showing the right; "" for a legal representative
};

struct EformRecord {          // "eform": the e-form as filed online from a draft (app/eform)
  std::string draft_id;
  std::string data;           // JSON object text: the form's values (NFC, hidden fields dropped)
};

struct DossierDetails {
  std::vector<ComponentRecord> components;
  std::string note;
  std::optional<SupplementRequest> supplement_request;
  std::optional<SupplementAnswer> supplement_answer;
  std::optional<Reasons> refusal, stop, resolution;
  std::optional<Apology> apology;
  std::optional<ResultDocument> result;
  std::optional<ReturnRecord> returned;
  std::optional<OnBehalfRecord> on_behalf;
  std::optional<EformRecord> eform;
};

// Reads the stored JSON; a part that is missing or malformed is left empty (never an error: the
// row was written by us), unknown keys are ignored.
DossierDetails parse_details(std::string_view json);
std::string details_json(const DossierDetails& d);
// Only the components, `{"components":[...]}`: what a consulted agency is shown of the details.
std::string components_only_json(const DossierDetails& d);
// The result as the history entry of the decision records it.
boost::json::object result_json(const ResultDocument& r);

}  // namespace motcua::app
