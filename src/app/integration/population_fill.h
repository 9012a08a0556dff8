// What a found lookup of the national population database fills in the forms. The server decides
// (here), the web applies what it is told: the counter form's applicant fields, and the fields of
// the procedure's e-form named by its applicant map (domain/eform/schema.h). The rules mirror what
// intake does with the lookup (app/dossier/intake.cc, apply_lookup): the name is the database's
// whatever was typed, the address only fills an empty field (a typed address is kept).
#pragma once
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "app/integration/population.h"
#include "domain/eform/schema.h"

namespace motcua::app {

struct PersonFill {
  std::string field;  // counter form: "full_name" | "id_number" | "address"; e-form: a dotted path
  std::string value;
  bool only_if_empty = false;  // a value already typed is kept
};

// The counter form's applicant (a citizen) from the person.
std::vector<PersonFill> applicant_fills(const PersonRecord& p);
// The e-form's fields from the person: the applicant map's name, number and address paths (an
// address field's line: "residence.line").
std::vector<PersonFill> form_fills(const eform::Schema& s, const PersonRecord& p);
// [{"field", "value", "mode": "set" | "if_empty"}]
boost::json::array fills_json(const std::vector<PersonFill>& fills);

}  // namespace motcua::app
