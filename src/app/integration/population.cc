#include "app/integration/population.h"

#include <boost/json.hpp>

namespace motcua::app {
namespace json = boost::json;

json::object person_json(const PersonRecord& p) {
  return {{"id_number", p.id_number},
          {"full_name", p.full_name},
          {"birth_date", p.birth_date},
          {"gender", p.gender},
          {"ethnicity", p.ethnicity},
          {"nationality", p.nationality},
          {"home_town", p.home_town},
          {"permanent_address", p.permanent_address},
          {"current_address", p.current_address}};
}

PersonRecord person_from_json(std::string_view text) {
  PersonRecord p;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return p;
  const auto& o = v.as_object();
  auto s = [&](const char* k) {
    auto* x = o.if_contains(k);
    return x && x->is_string() ? std::string(x->as_string()) : std::string();
  };
  p.id_number = s("id_number");
  p.full_name = s("full_name");
  p.birth_date = s("birth_date");
  p.gender = s("gender");
  p.ethnicity = s("ethnicity");
  p.nationality = s("nationality");
  p.home_town = s("home_town");
  p.permanent_address = s("permanent_address");
  p.current_address = s("current_address");
  return p;
}

std::vector<ReplaceableComponent> replaceable_components(std::string_view procedure_doc, std::string_view source) {
  std::vector<ReplaceableComponent> out;
  boost::system::error_code ec;
  json::value v = json::parse(procedure_doc, ec);
  if (ec || !v.is_object()) return out;
  auto* comps = v.as_object().if_contains("components");
  if (!comps || !comps->is_array()) return out;
  for (auto& c : comps->as_array()) {
    if (!c.is_object()) continue;
    const auto& o = c.as_object();
    auto* by = o.if_contains("replaceable_by");
    auto* name = o.if_contains("name");
    if (!by || !by->is_string() || by->as_string() != source || !name || !name->is_string()) continue;
    ReplaceableComponent r;
    r.name = std::string(name->as_string());
    if (auto* k = o.if_contains("kind"); k && k->is_string()) r.kind = std::string(k->as_string());
    if (auto* n = o.if_contains("count"); n && n->is_int64()) r.count = n->as_int64();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<CountedComponent> population_components(const std::vector<ComponentRecord>& components,
                                                    const std::vector<ReplaceableComponent>& replaceable) {
  std::vector<CountedComponent> out;
  for (const auto& r : replaceable)
    for (size_t i = 0; i < components.size(); ++i)
      if (components[i].provided && components[i].name == r.name) out.push_back({i, !components[i].source.empty()});
  return out;
}

PopulationCounts population_counts(const std::vector<ComponentRecord>& components,
                                   const std::vector<ReplaceableComponent>& replaceable) {
  PopulationCounts n;
  for (const auto& c : population_components(components, replaceable)) ++(c.reused ? n.reused : n.asked);
  return n;
}

}  // namespace motcua::app
