#include "domain/kpi/metric.h"

#include <array>

namespace motcua::kpi {
namespace {

constexpr std::array<std::string_view, kMetricCount> kNames = {
    "received", "received_counter", "received_online", "received_post", "resolved",  "resolved_early", "resolved_on_time",
    "resolved_late", "returned", "refused", "withdrawn", "stopped", "apologised",
    "results_electronic", "documents_reused", "rated_very_satisfied", "rated_satisfied", "rated_dissatisfied",
    "supplement_requested", "closed_unresolved",
    "population_reused", "population_asked", "received_digitised"};

}  // namespace

std::string_view to_string(Metric m) { return kNames[static_cast<size_t>(m)]; }

std::optional<Metric> parse_metric(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<Metric>(i);
  return std::nullopt;
}

std::vector<Metric> moved_by(dossier::Action a, dossier::Channel ch, std::optional<calendar::Timeliness> t,
                             bool electronic_result, bool received_before) {
  using dossier::Action;
  switch (a) {
    case Action::receive:
      return {Metric::received, ch == dossier::Channel::online ? Metric::received_online
                                : ch == dossier::Channel::post ? Metric::received_post
                                                               : Metric::received_counter};
    case Action::resolve_granted:
    case Action::resolve_refused: {
      std::vector<Metric> out{Metric::resolved};
      if (t)
        out.push_back(*t == calendar::Timeliness::early     ? Metric::resolved_early
                      : *t == calendar::Timeliness::on_time ? Metric::resolved_on_time
                                                            : Metric::resolved_late);
      if (electronic_result) out.push_back(Metric::results_electronic);
      return out;
    }
    case Action::return_result: return {Metric::returned};
    case Action::refuse: return {Metric::refused};
    case Action::withdraw:
      if (received_before) return {Metric::withdrawn, Metric::closed_unresolved};
      return {Metric::withdrawn};
    case Action::stop:
      if (received_before) return {Metric::stopped, Metric::closed_unresolved};
      return {Metric::stopped};
    case Action::request_supplement: return {Metric::supplement_requested};
    case Action::apologise: return {Metric::apologised};
    // No counter: submission is counted on reception; steps, pauses and resumptions move the
    // due-day stock (kpi/stock.h), not a daily counter.
    case Action::submit:
    case Action::start_processing:
    case Action::handover:
    case Action::supplement_received:
    case Action::request_payment:
    case Action::payment_received:
      return {};
  }
  return {};
}

std::optional<std::string_view> column_of(Metric m) {
  if (m == Metric::received_counter || m == Metric::received_online || m == Metric::received_post) return std::nullopt;
  return to_string(m);
}

std::optional<dossier::Channel> channel_of(Metric m) {
  if (m == Metric::received_counter) return dossier::Channel::counter;
  if (m == Metric::received_online) return dossier::Channel::online;
  if (m == Metric::received_post) return dossier::Channel::post;
  return std::nullopt;
}

std::optional<calendar::Timeliness> timeliness_of(Metric m) {
  if (m == Metric::resolved_early) return calendar::Timeliness::early;
  if (m == Metric::resolved_on_time) return calendar::Timeliness::on_time;
  if (m == Metric::resolved_late) return calendar::Timeliness::late;
  return std::nullopt;
}

std::vector<Metric> column_metrics() {
  std::vector<Metric> out;
  for (int i = 0; i < kMetricCount; ++i)
    if (column_of(static_cast<Metric>(i))) out.push_back(static_cast<Metric>(i));
  return out;
}

}  // namespace motcua::kpi
