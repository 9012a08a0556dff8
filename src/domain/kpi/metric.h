// The counters the leaders' figures are built from (DOMAIN.md §9), kept per agency, procedure,
// channel and local day (store: kpi_daily, one row per key with one column per metric) and moved
// in the same transaction as the dossier change that moves them. Their names are stored:
// to_string is the stored name and never changes once landed.
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "domain/calendar/deadline.h"
#include "domain/dossier/transitions.h"

namespace motcua::kpi {

enum class Metric {
  received,           // formally received (form 01)
  received_counter,   // … of them at the counter
  received_online,    // … online
  received_post,      // … by public postal service
  resolved,           // decided (granted or refused)
  resolved_early,     // … before the due date
  resolved_on_time,   // … on the due date
  resolved_late,      // … after it (an apology does not make a late dossier on time)
  returned,           // result handed to the applicant
  refused,            // not received (form 03)
  withdrawn,          // withdrawn at the applicant's request
  stopped,            // handling stopped (form 05)
  apologised,         // apology issued (form 04)
  results_electronic,    // decided with the result as a signed electronic document (766: digitisation)
  documents_reused,      // a document taken from the citizen's data store instead of a new upload
  rated_very_satisfied,  // ratings (DOMAIN.md §7), counted in the month of the rating
  rated_satisfied,
  rated_dissatisfied,
  supplement_requested,  // a supplement asked (form 02), at reception or during processing
  closed_unresolved,     // a received dossier withdrawn or stopped: it leaves the stock undecided
  // A component replaceable by the national population database (replaceable_by csdl_dan_cu):
  // satisfied by a lookup there instead of a paper, or still handed in by the applicant.
  population_reused,
  population_asked,
  // Received with its components digitised at reception (kpi/digitised.h): filed online, or
  // every component handed in on paper has its scanned file by the end of the reception day.
  // Counted once, on the reception day, by the transaction that makes it so (the reception or
  // the upload of the last missing scan).
  received_digitised,
};
inline constexpr int kMetricCount = 23;

std::string_view to_string(Metric);  // the stored name, exactly the enumerator name
std::optional<Metric> parse_metric(std::string_view);

// The counters one lifecycle action moves, each by one. `timeliness` is the dossier's on-time
// class, read only for the decision (resolve_granted / resolve_refused), where it is required;
// `electronic_result`: the decision recorded its result as a signed electronic document (read
// only for the decision: results_electronic).
// `received_before`: the dossier had been formally received (read only for withdraw and stop:
// closed_unresolved).
std::vector<Metric> moved_by(dossier::Action, dossier::Channel, std::optional<calendar::Timeliness> timeliness,
                             bool electronic_result = false, bool received_before = false);

// The kpi_daily column a metric is kept in; nullopt for the per-channel receptions
// (received_counter / _online / _post), which are `received` read with the row's channel.
std::optional<std::string_view> column_of(Metric);
// Every stored column, in Metric order (the per-channel receptions left out).
std::vector<Metric> column_metrics();
// What a reception or decision metric narrows its dossiers to: the channel of received_counter /
// _online / _post, the on-time class of resolved_early / _on_time / _late; nullopt otherwise.
std::optional<dossier::Channel> channel_of(Metric);
std::optional<calendar::Timeliness> timeliness_of(Metric);

}  // namespace motcua::kpi
