#include "domain/kpi/list766.h"

#include <array>

namespace motcua::kpi::i766 {
namespace {

struct Info {
  List l;
  std::string_view id;
  ListKind kind;
  ListSource source;
};
constexpr ListKind D = ListKind::dossiers;
constexpr ListKind P = ListKind::procedures;
constexpr ListSource C = ListSource::counters;
constexpr ListSource V = ListSource::view_dossiers;
constexpr ListSource VP = ListSource::view_procedures;
constexpr std::array<Info, kListCount> kInfo = {{
    {List::received, "received", D, C},
    {List::received_counter, "received_counter", D, C},
    {List::received_online, "received_online", D, C},
    {List::received_post, "received_post", D, C},
    {List::resolved, "resolved", D, C},
    {List::resolved_early, "resolved_early", D, C},
    {List::resolved_on_time, "resolved_on_time", D, C},
    {List::resolved_late, "resolved_late", D, C},
    {List::in_progress, "in_progress", D, C},
    {List::in_progress_within, "in_progress_within", D, C},
    {List::overdue, "overdue", D, C},
    {List::near_due, "near_due", D, ListSource::near_due},
    {List::resolved_not_late, "resolved_not_late", D, V},
    {List::results_electronic, "results_electronic", D, V},
    {List::synced, "synced", D, V},
    {List::received_of_online, "received_of_online", D, V},
    {List::received_online_of_online, "received_online_of_online", D, V},
    {List::received_of_fee, "received_of_fee", D, V},
    {List::paid_online, "paid_online", D, V},
    {List::rated, "rated", D, V},
    {List::rated_not_dissatisfied, "rated_not_dissatisfied", D, V},
    {List::procedures, "procedures", P, VP},
    {List::procedures_online, "procedures_online", P, VP},
    {List::procedures_online_used, "procedures_online_used", P, VP},
    {List::fee_procedures, "fee_procedures", P, VP},
    {List::fee_procedures_online, "fee_procedures_online", P, VP},
    {List::fee_procedures_paid, "fee_procedures_paid", P, VP},
    {List::progress_due, "progress_due", D, V},
    {List::progress_published, "progress_published", D, V},
    {List::feedback_answered, "feedback_answered", ListKind::feedback, ListSource::view_feedback},
    {List::feedback_answered_on_time, "feedback_answered_on_time", ListKind::feedback, ListSource::view_feedback},
    {List::feedback_answered_not_dissatisfied, "feedback_answered_not_dissatisfied", ListKind::feedback, ListSource::view_feedback},
    {List::components_reused, "components_reused", ListKind::components, V},
    {List::components_asked, "components_asked", ListKind::components, V},
    {List::received_digitised, "received_digitised", D, V},
}};

// The table is in enumerator order (checked at compile time), so a list is its own index.
constexpr bool in_order() {
  for (size_t i = 0; i < kInfo.size(); ++i)
    if (size_t(kInfo[i].l) != i) return false;
  return true;
}
static_assert(in_order(), "kInfo must list every List in enumerator order");

const Info& info(List l) { return kInfo[size_t(l)]; }

}  // namespace

std::string_view to_string(List l) { return info(l).id; }
ListKind kind_of(List l) { return info(l).kind; }
ListSource source_of(List l) { return info(l).source; }

std::string_view to_string(ListKind k) {
  switch (k) {
    case ListKind::procedures: return "procedures";
    case ListKind::feedback: return "feedback";
    case ListKind::components: return "components";
    case ListKind::dossiers: break;
  }
  return "dossiers";
}

std::optional<List> parse_list(std::string_view s) {
  for (const auto& x : kInfo)
    if (x.id == s) return x.l;
  return std::nullopt;
}

std::optional<Metric> metric_of(List l) {
  if (source_of(l) != ListSource::counters) return std::nullopt;
  return parse_metric(to_string(l));  // a counters' list has its counter's stored name; the stocks have none
}

std::string_view to_string(EventList e) {
  return to_string(e == EventList::apologised ? Metric::apologised : Metric::supplement_requested);
}

std::optional<EventList> parse_event_list(std::string_view s) {
  for (auto e : {EventList::apologised, EventList::supplement_requested})
    if (to_string(e) == s) return e;
  return std::nullopt;
}

dossier::Action action_of(EventList e) {
  return e == EventList::apologised ? dossier::Action::apologise : dossier::Action::request_supplement;
}

}  // namespace motcua::kpi::i766
