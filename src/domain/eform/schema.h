// The e-form (tờ khai điện tử) of a procedure version, as data: its fields with their types,
// Vietnamese labels and help, required and conditional rules, choice lists and limits, and which
// fields fill the dossier's applicant and address. A procedure version carries one schema; a
// changed form is a new version (dossiers keep the version they were filed under).
//
// The same JSON drives the citizen's browser (web/src/ui/eform/, TypeScript) and the server
// (validate.h); tests/eform/cases.json is run by both so they cannot drift. Format 1:
//
//   { "format": 1, "title": "Tờ khai …", "template": "TK-…", "verified": false, "source": "…",
//     "fields": [ Field… ],
//     "applicant": { "full_name": "requester.full_name", "id_number": "requester.personal_id",
//                    "phone": "…", "email": "…", "address": "requester.address" } }
//
//   Field: { "name": "child_name", "type": "text", "label": "Họ, chữ đệm, tên", "help": "…",
//            "required": true, "max_length": 100, "multiline": false,
//            "min": 0, "max": 99, "integer": true,            (number)
//            "min_date": "1900-01-01", "max_date": "today",  (date: YYYY-MM-DD or "today")
//            "options": [{"value": "nam", "label": "Nam"}],   (choice)
//            "when": {"field": "sibling", "equals": "x"} | {"field": "sibling", "in": ["x","y"]},
//            "repeat": true, "min_items": 1, "max_items": 10, "fields": [ Field… ] }   (group)
//
// Types: text, number, date, choice, address ({"line", "unit_id", "former_unit_id"}),
// personal_id (12 digits, org::check_personal_id), phone, email, boolean, group (an object, or
// with "repeat" a list of objects). `when` names a sibling (a field of the same group): while its
// value is not the one given, the field is not shown, not required and not kept. Applicant
// paths name fields through groups that do not repeat ("requester.full_name").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "common/result.h"

namespace motcua::eform {

enum class FieldType { text, number, date, choice, address, personal_id, phone, email, boolean, group };

std::string_view to_string(FieldType t);
std::optional<FieldType> parse_field_type(std::string_view s);

struct Option {
  std::string value, label;
};

// Shown (and checked) only while the sibling `field` holds one of `values` (strings or booleans).
struct Condition {
  std::string field;
  std::vector<boost::json::value> values;
};

inline constexpr int64_t kDefaultMaxLength = 500;   // text without max_length
inline constexpr int64_t kMaxTextLength = 5000;     // the most a schema may allow
inline constexpr int64_t kDefaultMaxItems = 20;     // repeatable group without max_items
inline constexpr int64_t kMaxItems = 100;
inline constexpr int64_t kAddressLineMax = 300;
inline constexpr size_t kMaxDepth = 4;              // groups within groups

struct Field {
  std::string name, label, help;
  FieldType type = FieldType::text;
  bool required = false;
  int64_t max_length = kDefaultMaxLength;  // text
  bool multiline = false;                  // text: newlines allowed
  std::optional<int64_t> min, max;         // number
  bool integer = false;                    // number
  std::string min_date, max_date;          // date: "" | "today" | YYYY-MM-DD
  std::vector<Option> options;             // choice
  std::optional<Condition> when;
  bool repeat = false;                     // group
  int64_t min_items = 0, max_items = kDefaultMaxItems;
  std::vector<Field> fields;               // group
};

// Which fields fill the dossier's applicant (dotted paths; "" = not on the form: the account's).
struct ApplicantMap {
  std::string full_name, id_number, phone, email, address;
};

struct Schema {
  int format = 1;
  std::string title, template_code, source;
  bool verified = false;
  std::vector<Field> fields;
  ApplicantMap applicant;
};

// Parses and checks a schema (the seed's and an administrator's): unknown keys, unknown types,
// duplicate names, empty labels, choices without options, `when` naming no sibling, applicant
// paths naming no field of the right type are all refused (ErrorKind::invalid, the fields say
// where: "fields[2].options").
Result<Schema> parse_schema(const boost::json::value& v);

// The generic form of a procedure without its own e-form: the requester (name, personal ID,
// phone, email), the address and a note. The components are uploaded beside it.
Schema generic_schema();
boost::json::value generic_schema_json();

// The field a dotted path names through non-repeating groups, or nullptr.
const Field* find_field(const Schema& s, std::string_view path);

}  // namespace motcua::eform
