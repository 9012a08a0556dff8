#include "app/integration/population_fill.h"

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

namespace {

// Where intake takes the applicant's address from: the permanent residence, else the current one.
std::string address_of(const PersonRecord& p) {
  return p.permanent_address.empty() ? p.current_address : p.permanent_address;
}

}  // namespace

std::vector<PersonFill> applicant_fills(const PersonRecord& p) {
  std::vector<PersonFill> out;
  if (!p.full_name.empty()) out.push_back({"full_name", p.full_name, false});
  if (!p.id_number.empty()) out.push_back({"id_number", p.id_number, false});
  if (auto a = address_of(p); !a.empty()) out.push_back({"address", a, true});
  return out;
}

std::vector<PersonFill> form_fills(const eform::Schema& s, const PersonRecord& p) {
  std::vector<PersonFill> out;
  const auto& m = s.applicant;
  auto text_field = [&](const std::string& path) {
    const eform::Field* f = path.empty() ? nullptr : eform::find_field(s, path);
    return f && (f->type == eform::FieldType::text || f->type == eform::FieldType::personal_id);
  };
  if (!p.full_name.empty() && text_field(m.full_name)) out.push_back({m.full_name, p.full_name, false});
  if (!p.id_number.empty() && text_field(m.id_number)) out.push_back({m.id_number, p.id_number, false});
  if (auto a = address_of(p); !a.empty() && !m.address.empty()) {
    if (const eform::Field* f = eform::find_field(s, m.address)) {
      if (f->type == eform::FieldType::address) out.push_back({m.address + ".line", a, true});
      else if (f->type == eform::FieldType::text) out.push_back({m.address, a, true});
    }
  }
  return out;
}

json::array fills_json(const std::vector<PersonFill>& fills) {
  json::array out;
  for (auto& f : fills)
    out.push_back(json::object{{"field", f.field}, {"value", f.value}, {"mode", f.only_if_empty ? "if_empty" : "set"}});
  return out;
}

}  // namespace motcua::app
