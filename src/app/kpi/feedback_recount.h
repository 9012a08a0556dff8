// kpi-verify's part for the Quyết định 766 feedback indicators (migration 032,
// store/feedback_answered_repo.h): each case's first answer entry (its instant and data:
// timeliness, and the agency, field and due instant it was answered under — else, for answers
// recorded before 032, the case's own) and whether any of its answers was rated dissatisfied
// give the feedback_answered rows; their sums per month, agency, channel and field give the
// counters case_answered, case_answered_on_time and case_answered_dissatisfied. Each difference
// named; with `repair`, rows and those counters are replaced by the recount in one transaction.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::app {

struct FeedbackCheck {
  int64_t cases = 0;  // cases answered (recounted)
  std::vector<std::string> differences;
  bool repaired = false;
};

Result<FeedbackCheck> verify_feedback_answered(sql::Database& db, bool repair);

}  // namespace motcua::app
