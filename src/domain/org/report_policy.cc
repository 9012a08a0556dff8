#include "domain/org/report_policy.h"

#include <algorithm>

namespace motcua::org {

namespace {
bool province_wide(const StaffReader& r) {
  return std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return is_province_role(g.role); });
}
}  // namespace

bool may_generate_report(const StaffReader& r, const std::string& agency_id) {
  return !agency_id.empty() && r.works_at(agency_id);
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
  return ReportCapabilities{!r.roles.empty(), may_consolidate_reports(r)};
}

}  // namespace motcua::org
