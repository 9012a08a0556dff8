// What a dossier's history entry records (dossier_events.action): a lifecycle action
// (dossier::Action, its id) or one of the entries that change no state. One list of the stored
// names, so that nothing outside the domain compares them as strings.
#pragma once
#include <optional>
#include <string_view>

#include "domain/dossier/transitions.h"

namespace motcua::dossier {

enum class Entry {
  intake,                 // the dossier is created (counter, post or online)
  consult,                // another agency is asked for its opinion
  consultation_answered,  // that agency answered
  document_added,         // a file is attached
  appointment_moved,      // the year's official calendar made the appointment's day a day off
  payment_recorded,       // a fee paid online was confirmed (paid at filing, or after the state moved on)
  rated,                  // the applicant rated the dossier (web, signed link or desk kiosk)
  population_data_used,   // the applicant's data came from the national population database
};

std::string_view to_string(Entry);  // the stored name, exactly the enumerator name
std::optional<Entry> parse_entry(std::string_view);

// Is this stored history name the action / the entry?
inline bool is(std::string_view stored, Action a) { return stored == to_string(a); }
inline bool is(std::string_view stored, Entry e) { return stored == to_string(e); }

}  // namespace motcua::dossier
