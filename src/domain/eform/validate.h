// Checking what a citizen typed into an e-form against its schema (schema.h). The browser runs
// the same rules with the same messages (web/src/ui/eform/validate.ts); tests/eform/cases.json is
// the one list of cases both must answer alike (validate_test.cc, web/src/ui/eform/validate.test.mjs).
//
// Errors are keyed by field path: "requester.personal_id", "children[1].birth_date",
// "address.unit_id". Rules:
//  - the data is one object; a key no field names is refused (at any level);
//  - empty means absent, null or ""; a required field must not be empty (a required boolean must
//    be true: a declaration to confirm); a field hidden by its `when` is neither checked nor
//    required (prune() drops it before the data is kept);
//  - text: a string of at most max_length code points, no control characters (C0 but tab, and
//    newline only when multiline; DEL; C1), no bidirectional or invisible format characters;
//  - number: a JSON number (integer when `integer`), within min/max;
//  - date: "YYYY-MM-DD", a real day, within min_date/max_date ("today" = `today`);
//  - choice: one of the option values; boolean: true or false;
//  - personal_id: org::check_personal_id against today's year; phone: 9–12 digits;
//    email: local@domain.tld, at most 254 characters;
//  - address: {"line", "unit_id", "former_unit_id"} — line (text, ≤ 300) and one unit; whether
//    the unit exists and what a former unit maps to is the server's (app/eform), against the
//    units of the day;
//  - group: an object; repeatable group: a list of objects, min_items..max_items.
// Strings are compared as given: the server NFC-normalises the data first (normalize()), the
// browser does the same before it validates.
#pragma once
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "common/result.h"
#include "common/time.h"
#include "domain/eform/schema.h"

namespace motcua::eform {

// full: a form to submit; partial: a draft being filled in, where a missing value (required,
// a declaration not yet confirmed, fewer items than min_items, an address without its line or
// unit) is not a problem yet but everything else is.
enum class Completeness { full, partial };

// Every problem of `data`, in schema order (then unknown keys), empty when it is valid.
std::vector<FieldError> validate(const Schema& s, const boost::json::value& data, Date today,
                                 Completeness mode = Completeness::full);

// NFC-normalises every string in `v` (keys are field names: ASCII). Invalid UTF-8 cannot reach
// here (the JSON parser refuses it) and is left as is.
void normalize(boost::json::value& v);

// A copy of valid `data` with the values of hidden fields (`when` false) and empty values removed.
boost::json::object prune(const Schema& s, const boost::json::object& data);

// The value at a dotted path through objects (applicant paths), or nullptr.
const boost::json::value* value_at(const boost::json::object& data, std::string_view path);

}  // namespace motcua::eform
