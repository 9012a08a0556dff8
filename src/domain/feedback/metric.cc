#include "domain/feedback/metric.h"

#include <string>

#include "domain/feedback/names.h"

namespace motcua::feedback {
namespace {

constexpr detail::Names<Metric, kMetricCount> kMetrics{
    {"received", "accepted", "refused_anonymous", "refused_incomplete", "refused_scope", "classified",
     "transferred_in", "transferred_out", "answered", "answered_on_time", "answered_late", "reopened", "reminded",
     "escalated", "rated_very_satisfied", "rated_satisfied", "rated_dissatisfied", "case_answered",
     "case_answered_on_time", "case_answered_dissatisfied"},
    {}};

}  // namespace

std::string_view to_string(Metric m) { return kMetrics.of(m, false); }
std::optional<Metric> parse_metric(std::string_view s) { return kMetrics.parse(s); }
std::optional<Metric> rated(std::string_view score) { return kMetrics.parse("rated_" + std::string(score)); }

}  // namespace motcua::feedback
