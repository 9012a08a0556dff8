#include "app/kpi/digitised.h"

#include <algorithm>

#include "domain/dossier/transitions.h"

namespace motcua::app {

Millis digitise_deadline(Millis received_at) { return local_instant(add_days(local_date(received_at), 1), 0); }

bool digitised_at_reception(int64_t channel, Millis received_at, const std::vector<ComponentRecord>& components,
                            const std::vector<store::DocumentRec>& documents) {
  if (received_at <= 0) return false;
  if (channel == int64_t(dossier::Channel::online)) return true;
  const Millis deadline = digitise_deadline(received_at);
  bool any = false;
  for (const auto& c : components) {
    if (!c.provided) continue;
    any = true;
    if (!c.source.empty()) continue;  // taken from a database: nothing on paper
    const bool scanned = std::any_of(documents.begin(), documents.end(), [&](const store::DocumentRec& d) {
      return d.component == c.name && d.uploaded_at < deadline;
    });
    if (!scanned) return false;
  }
  return any;
}

}  // namespace motcua::app
