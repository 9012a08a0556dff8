// The lists behind the numbers of the Quyết định 766 view (GET /api/v1/kpi/dossiers?metric=…):
// each list's stored id (the view names it beside its number, the web and the API read it), what
// it shows (dossiers or procedures) and which source answers it. The ids are stored: to_string is
// the stored name and never changes once landed.
#pragma once
#include <optional>
#include <string_view>

#include "domain/dossier/transitions.h"
#include "domain/kpi/metric.h"

namespace motcua::kpi::i766 {

enum class List {
  // The counters' own dossier lists (KpiService::dossiers): receptions and decisions of the
  // period, and the stocks at its close.
  received,
  received_counter,
  received_online,
  received_post,
  resolved,
  resolved_early,
  resolved_on_time,
  resolved_late,
  in_progress,
  in_progress_within,
  overdue,
  // The stock at the close with a due day within the view's near-due working days.
  near_due,
  // The view's own dossier lists, one per number it counts itself.
  resolved_not_late,
  results_electronic,
  synced,
  received_of_online,
  received_online_of_online,
  received_of_fee,
  paid_online,
  rated,
  rated_not_dissatisfied,
  // The view's procedure lists (the catalogue of the scope).
  procedures,
  procedures_online,
  procedures_online_used,
  fee_procedures,
  fee_procedures_online,
  fee_procedures_paid,
  // Progress published (helper prog766, migration 034): the dossiers decided in the period (the
  // ones whose progress must be on the national portal), and of them those whose decision the
  // portal confirmed (dvcqg_sync.decided_at).
  progress_due,
  progress_published,
  // The feedback cases behind the satisfaction group's feedback indicators (whole months): the
  // cases first answered in the period, of them those answered not late, and those never rated
  // dissatisfied (migration 032, store/feedback_answered_repo.h).
  feedback_answered,
  feedback_answered_on_time,
  feedback_answered_not_dissatisfied,
  // The digitisation group: the components counted by data_reused at filing (taken from the
  // population database, or still handed in), and the dossiers received digitised
  // (components_digitised, app/kpi/digitised.h).
  components_reused,
  components_asked,
  received_digitised,
};
inline constexpr int kListCount = 35;

// dossiers: one row per dossier; procedures: catalogue entries; feedback: feedback cases;
// components: one row per component of a dossier (the same dossier may appear on several rows).
enum class ListKind { dossiers, procedures, feedback, components };
// Who answers a list: the counters' drill-down, the near-due stock, or the view's own numbers.
enum class ListSource { counters, near_due, view_dossiers, view_procedures, view_feedback };

std::string_view to_string(List);      // the stored id, exactly the enumerator name
std::optional<List> parse_list(std::string_view);
std::string_view to_string(ListKind);  // "dossiers" | "procedures" | "feedback" | "components", as the API says
ListKind kind_of(List);
ListSource source_of(List);
// The counter a counters' list reads (received … resolved_late); nullopt for the three stocks at
// the close (in_progress, in_progress_within, overdue) and for the other sources.
std::optional<Metric> metric_of(List);

// The lists behind the apologies and the supplement requests of a period
// (GET /api/v1/kpi/event-dossiers): the history entries of one action, as its counter counts them.
enum class EventList { apologised, supplement_requested };
std::string_view to_string(EventList);  // the API's id: the name of the counter it stands behind
std::optional<EventList> parse_event_list(std::string_view);
dossier::Action action_of(EventList);  // apologise | request_supplement

}  // namespace motcua::kpi::i766
