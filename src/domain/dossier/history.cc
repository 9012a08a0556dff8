#include "domain/dossier/history.h"

#include <array>

namespace motcua::dossier {

namespace {
constexpr std::array<std::string_view, 8> kNames = {"intake", "consult", "consultation_answered", "document_added",
                                                    "appointment_moved", "payment_recorded", "rated",
                                                    "population_data_used"};
}

std::string_view to_string(Entry e) { return kNames[static_cast<size_t>(e)]; }

std::optional<Entry> parse_entry(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<Entry>(i);
  return std::nullopt;
}

}  // namespace motcua::dossier
