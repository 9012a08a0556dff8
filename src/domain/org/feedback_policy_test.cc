#include "domain/org/feedback_policy.h"

#include <gtest/gtest.h>

#include <tuple>

namespace motcua::org {
namespace {
using feedback::Action;

StaffReader one(const char* id, const char* agency, Role role) { return StaffReader{id, {{agency, role}}}; }

TEST(FeedbackPolicy, AgencyAndRoleDecide) {
  CaseScope c{"stp", "", "s1"};
  EXPECT_TRUE(may_act_on_case(one("r", "stp", Role::reception), c, Action::classify).ok());
  auto other = may_act_on_case(one("x", "sxd", Role::head), c, Action::classify);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "not_your_agency");
  EXPECT_EQ(may_act_on_case(one("s2", "stp", Role::specialist), c, Action::assign).error().code, "role_not_allowed");
  EXPECT_TRUE(may_act_on_case(one("h", "stp", Role::head), c, Action::assign).ok());
  // The answer is the assignee's, or a manager's.
  EXPECT_TRUE(may_act_on_case(one("s1", "stp", Role::specialist), c, Action::answer).ok());
  EXPECT_EQ(may_act_on_case(one("s2", "stp", Role::specialist), c, Action::answer).error().code, "not_your_case");
  EXPECT_TRUE(may_act_on_case(one("l", "stp", Role::leader), c, Action::publish).ok());
  EXPECT_FALSE(may_act_on_case(one("k", "stp", Role::clerk), c, Action::classify).ok());
}

TEST(FeedbackPolicy, ReadingFollowsTheAgencyAndTheEscalation) {
  CaseScope c{"stp", "ubnd-tinh", ""};
  EXPECT_TRUE(may_read_case(one("k", "stp", Role::clerk), c));
  EXPECT_TRUE(may_read_case(one("l", "ubnd-tinh", Role::leader), c));
  EXPECT_TRUE(may_read_case(one("m", "ubnd-tinh", Role::province_monitor), c));
  EXPECT_FALSE(may_read_case(one("x", "sxd", Role::leader), c));
  EXPECT_FALSE(may_read_case(one("u", "stp", Role::unit_admin), c));
}

TEST(FeedbackPolicy, CallsAndFigures) {
  EXPECT_TRUE(may_take_calls(one("r", "ttphcc", Role::reception)));
  EXPECT_FALSE(may_take_calls(one("k", "stp", Role::clerk)));
  EXPECT_TRUE(may_read_feedback_figures(one("l", "stp", Role::leader), "stp"));
  EXPECT_FALSE(may_read_feedback_figures(one("l", "stp", Role::leader), ""));
  EXPECT_FALSE(may_read_feedback_figures(one("s", "stp", Role::specialist), "stp"));
  EXPECT_TRUE(may_read_feedback_figures(one("m", "ubnd-tinh", Role::province_monitor), ""));
}

TEST(FeedbackPolicy, TheWatchWritesToTheAssigneeThenTheSuperiorsLeaders) {
  auto r = reminder_addressees(CaseScope{"stp", "", "s1"});
  EXPECT_EQ((std::tuple{r.staff_id, r.agency_id}), (std::tuple{std::string("s1"), std::string("stp")}));
  r = reminder_addressees(CaseScope{"stp", "", ""});
  EXPECT_EQ((std::tuple{r.staff_id, r.role, r.agency_id}), (std::tuple{std::string(), Role::head, std::string("stp")}));
  auto e = escalation_addressees(CaseScope{"stp", "ubnd-tinh", "s1"}, "ubnd-tinh");
  EXPECT_EQ((std::tuple{e.staff_id, e.role, e.agency_id}), (std::tuple{std::string(), Role::leader, std::string("ubnd-tinh")}));
  e = escalation_addressees(CaseScope{"ubnd-tinh", "", ""}, "");
  EXPECT_EQ(e.agency_id, "ubnd-tinh");  // the top of the organisation: its own leaders
  EXPECT_TRUE(may_read_some_feedback_figures(one("l", "stp", Role::leader)));
  EXPECT_TRUE(may_read_some_feedback_figures(one("m", "ubnd-tinh", Role::province_monitor)));
  EXPECT_FALSE(may_read_some_feedback_figures(one("s", "stp", Role::specialist)));
}

}  // namespace
}  // namespace motcua::org
