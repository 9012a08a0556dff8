#include "domain/org/report_policy.h"

#include <algorithm>

namespace motcua::org {

namespace {
bool province_wide(const StaffReader& r) {
  return std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return is_province_role(g.role); });
}
}  // namespace

// A unit administrator manages accounts, not the unit's work: not a reporter.
static bool reports_at(const StaffReader& r, const std::string& agency_id) {
  return std::any_of(r.roles.begin(), r.roles.end(),
                     [&](const RoleAt& g) { return g.agency_id == agency_id && g.role != Role::unit_admin; });
}

bool may_generate_report(const StaffReader& r, const std::string& agency_id) {
  return !agency_id.empty() && reports_at(r, agency_id);
}
bool may_submit_report(const StaffReader& r, const std::string& agency_id) {
  return !agency_id.empty() && r.holds(agency_id, Role::leader);
}
bool may_read_report(const StaffReader& r, const std::string& agency_id) {
  return province_wide(r) || (!agency_id.empty() && r.works_at(agency_id));
}
bool may_read_consolidation(const StaffReader& r) { return province_wide(r); }
bool may_consolidate_reports(const StaffReader& r) { return r.holds_anywhere(Role::province_admin); }

ReportCapabilities report_capabilities(const StaffReader& r) {
  const bool any = std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return g.role != Role::unit_admin; });
  return ReportCapabilities{any, may_consolidate_reports(r)};
}

}  // namespace motcua::org
