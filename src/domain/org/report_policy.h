// Who may do what with the units' periodic reports (forms 06a, 07b; DOMAIN.md §9), beside the
// desk's policy (policy.h) as feedback_policy.h is: the same readers, the same roles.
//   generate (snapshot the figures)       the unit's staff (any role there but unit_admin)
//   check and submit                       the unit's leaders
//   read a unit's report                   the unit's staff, province-wide roles
//   see who has not reported, read the
//   consolidations                         province-wide roles (administrator, monitor)
//   consolidate                            the province administrators (the provincial office
//                                          acting for the provincial committee)
#pragma once
#include <string>

#include "domain/org/policy.h"

namespace motcua::org {

bool may_generate_report(const StaffReader& reader, const std::string& agency_id);
bool may_submit_report(const StaffReader& reader, const std::string& agency_id);
bool may_read_report(const StaffReader& reader, const std::string& agency_id);
bool may_read_consolidation(const StaffReader& reader);
bool may_consolidate_reports(const StaffReader& reader);

// The staff app's menu entries (sent with the session's `may`, like capabilities()).
struct ReportCapabilities {
  bool reports = false;              // the reports page: a role other than unit_admin somewhere
  bool consolidate_reports = false;  // may_consolidate_reports
};
ReportCapabilities report_capabilities(const StaffReader& reader);

}  // namespace motcua::org
