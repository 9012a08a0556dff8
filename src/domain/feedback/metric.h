// The leaders' feedback counters (DOMAIN.md §8, §9), kept per month, agency, channel and field
// and moved in the same transaction as the step that moves them. Their names are stored:
// to_string is the stored name and never changes once landed.
#pragma once
#include <optional>
#include <string_view>

namespace motcua::feedback {

enum class Metric {
  received,            // filed (accepted or not)
  accepted,            // … taken up
  refused_anonymous,   // … not taken up: the sender cannot be identified
  refused_incomplete,  // … not taken up: required facts missing
  refused_scope,       // refused after filing: outside the province's remit
  classified,          // classified for the first time (the handling clock starts)
  transferred_in,      // received from another agency (at the receiving agency)
  transferred_out,     // sent to the competent agency (at the sending agency)
  answered,
  answered_on_time,
  answered_late,
  reopened,
  reminded,            // the deadline watch's reminder
  escalated,           // … and its escalation
  rated_very_satisfied,  // the sender's rating of an answer, on a dossier's scale (dossier::Score)
  rated_satisfied,
  rated_dissatisfied,
  // The Quyết định 766 indicators count cases, not answers (migration 032): a case in the month of
  // its first answer, with that answer's timeliness; dissatisfied (moved in that same month) once
  // any of its answers is rated dissatisfied. answered / answered_* above count answers.
  case_answered,
  case_answered_on_time,
  case_answered_dissatisfied,
};
inline constexpr int kMetricCount = 20;

std::string_view to_string(Metric);  // the stored name, exactly the enumerator name
std::optional<Metric> parse_metric(std::string_view);
// The rating counter of a stored score name ("very_satisfied" → rated_very_satisfied); nullopt
// for anything else.
std::optional<Metric> rated(std::string_view score);

}  // namespace motcua::feedback
