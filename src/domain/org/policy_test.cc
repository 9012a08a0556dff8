#include "domain/org/policy.h"

#include <gtest/gtest.h>

namespace motcua::org {
namespace {

using dossier::Action;

const std::string kCommune = "ubnd-x", kCentre = "ttphcc", kOther = "ubnd-y";

StaffReader reader(std::string id, std::vector<RoleAt> roles) { return StaffReader{std::move(id), std::move(roles)}; }

// A dossier received at the centre, decided by the commune, at the given open step.
DossierScope at_step(Role role, std::string assignee = "") {
  DossierScope d;
  d.receiving_agency_id = kCentre;
  d.competent_agency_id = kCommune;
  d.processing_stage = true;
  d.open_step = OpenStep{role, kCommune, std::move(assignee)};
  d.process_has_leader_step = true;
  return d;
}

std::string code_of(const Status& s) { return s.ok() ? "ok" : s.error().code; }

TEST(Policy, StaffOfAnotherAgencyMayDoNothing) {
  auto r = reader("s1", {{kOther, Role::leader}, {kOther, Role::specialist}});
  EXPECT_EQ(code_of(may_act(r, at_step(Role::specialist), Action::handover)), "not_your_agency");
  EXPECT_EQ(code_of(may_act(r, at_step(Role::leader), Action::resolve_granted)), "not_your_agency");
}

TEST(Policy, SpecialistClosesOwnStepButNotTheHeadsOrTheLeaders) {
  auto spec = reader("s1", {{kCommune, Role::specialist}});
  EXPECT_EQ(code_of(may_act(spec, at_step(Role::specialist), Action::handover)), "ok");
  EXPECT_EQ(code_of(may_act(spec, at_step(Role::head), Action::handover)), "not_your_step");
  EXPECT_EQ(code_of(may_act(spec, at_step(Role::leader), Action::handover)), "not_your_step");
  EXPECT_EQ(may_act(spec, at_step(Role::head), Action::handover).error().kind, ErrorKind::forbidden);
}

TEST(Policy, TheAssigneeClosesTheStepAssignedToThem) {
  // Assigned by name: the assignee may close it even without the role there (e.g. a stand-in).
  auto stand_in = reader("s9", {{kCommune, Role::clerk}});
  EXPECT_EQ(code_of(may_act(stand_in, at_step(Role::head, "s9"), Action::handover)), "ok");
  EXPECT_EQ(code_of(may_act(stand_in, at_step(Role::head, "s8"), Action::handover)), "not_your_step");
}

TEST(Policy, RoleAtTheWrongAgencyDoesNotCloseTheStep) {
  // Head at the receiving centre, the head step is the commune's.
  auto head_elsewhere = reader("s2", {{kCentre, Role::head}});
  EXPECT_EQ(code_of(may_act(head_elsewhere, at_step(Role::head), Action::handover)), "not_your_step");
}

TEST(Policy, TheLeadersStepEndsWithTheDecisionNotAHandover) {
  auto leader = reader("s3", {{kCommune, Role::leader}});
  auto s = may_act(leader, at_step(Role::leader), Action::handover);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "decision_step");
  EXPECT_EQ(s.error().kind, ErrorKind::conflict);
}

TEST(Policy, NoOpenStepNoHandover) {
  auto head = reader("s2", {{kCommune, Role::head}});
  DossierScope d = at_step(Role::head);
  d.open_step.reset();
  EXPECT_EQ(code_of(may_act(head, d, Action::handover)), "not_your_step");
}

TEST(Policy, TheDecisionIsTheLeadersAtTheLeaderStep) {
  auto spec = reader("s1", {{kCommune, Role::specialist}});
  auto head = reader("s2", {{kCommune, Role::head}});
  auto leader = reader("s3", {{kCommune, Role::leader}});
  auto leader_of_centre = reader("s4", {{kCentre, Role::leader}});
  for (Action a : {Action::resolve_granted, Action::resolve_refused}) {
    EXPECT_EQ(code_of(may_act(spec, at_step(Role::leader), a)), "role_not_allowed");
    EXPECT_EQ(code_of(may_act(head, at_step(Role::leader), a)), "role_not_allowed");
    EXPECT_EQ(code_of(may_act(leader, at_step(Role::leader), a)), "ok");
    EXPECT_EQ(code_of(may_act(leader, at_step(Role::specialist), a)), "not_at_decision_step");
    EXPECT_EQ(code_of(may_act(leader_of_centre, at_step(Role::leader), a)), "decision_not_yours");
  }
}

TEST(Policy, WithoutALeaderStepTheLeaderDecidesAtAnyStep) {
  auto leader = reader("s3", {{kCommune, Role::leader}});
  DossierScope d = at_step(Role::specialist);
  d.process_has_leader_step = false;
  EXPECT_EQ(code_of(may_act(leader, d, Action::resolve_granted)), "ok");
}

TEST(Policy, StartProcessingIsForTheStepsRoleOrTheHead) {
  DossierScope d = at_step(Role::specialist);
  EXPECT_EQ(code_of(may_act(reader("s1", {{kCommune, Role::specialist}}), d, Action::start_processing)), "ok");
  EXPECT_EQ(code_of(may_act(reader("s2", {{kCommune, Role::head}}), d, Action::start_processing)), "ok");
  // A specialist of the receiving centre passes the role table but does not hold the step.
  EXPECT_EQ(code_of(may_act(reader("s5", {{kCentre, Role::specialist}}), d, Action::start_processing)),
            "not_your_step");
}

TEST(Policy, StageDecidesWhoAsksForASupplement) {
  DossierScope reception = at_step(Role::specialist);
  reception.processing_stage = false;
  reception.open_step.reset();
  auto desk = reader("r1", {{kCentre, Role::reception}});
  auto spec = reader("s1", {{kCommune, Role::specialist}});
  EXPECT_EQ(code_of(may_act(desk, reception, Action::request_supplement)), "ok");
  EXPECT_EQ(code_of(may_act(spec, reception, Action::request_supplement)), "role_not_allowed");
  EXPECT_EQ(code_of(may_act(desk, at_step(Role::specialist), Action::request_supplement)), "role_not_allowed");
  EXPECT_EQ(code_of(may_act(spec, at_step(Role::specialist), Action::request_supplement)), "ok");
}

TEST(Policy, NextHandlerMustHoldTheNextStepsRoleThere) {
  EXPECT_TRUE(may_take_step(reader("s2", {{kCommune, Role::head}}), Role::head, kCommune));
  EXPECT_FALSE(may_take_step(reader("s1", {{kCommune, Role::specialist}}), Role::head, kCommune));
  EXPECT_FALSE(may_take_step(reader("s6", {{kOther, Role::head}}), Role::head, kCommune));
}

TEST(Policy, TheOtherRulesOfTheDesk) {
  DossierScope d = at_step(Role::specialist);
  auto desk = reader("r1", {{kCentre, Role::reception}});
  auto spec = reader("s1", {{kCommune, Role::specialist}});
  auto leader = reader("s3", {{kCommune, Role::leader}});
  auto clerk = reader("c1", {{kCommune, Role::clerk}});
  auto monitor = reader("m1", {{"ubnd-tinh", Role::province_monitor}});
  auto admin = reader("a1", {{"ubnd-tinh", Role::province_admin}});
  auto stranger = reader("x1", {{kOther, Role::leader}});
  EXPECT_TRUE(may_read_dossier(clerk, d));
  EXPECT_TRUE(may_read_dossier(monitor, d));
  EXPECT_FALSE(may_read_dossier(stranger, d));
  EXPECT_TRUE(may_request_opinion(spec, d));
  EXPECT_FALSE(may_request_opinion(leader, d));
  EXPECT_FALSE(may_request_opinion(desk, d));  // the receiving centre does not decide it
  EXPECT_TRUE(may_give_opinion(stranger, kOther));
  EXPECT_FALSE(may_give_opinion(reader("r2", {{kOther, Role::reception}}), kOther));
  EXPECT_TRUE(may_attach_documents(desk, d));
  EXPECT_FALSE(may_attach_documents(leader, d));
  EXPECT_TRUE(may_read_register(clerk, kCommune));
  EXPECT_TRUE(may_read_register(monitor, kCommune));
  EXPECT_FALSE(may_read_register(stranger, kCommune));
  EXPECT_TRUE(may_change_calendar(admin));
  EXPECT_FALSE(may_change_calendar(monitor));
  EXPECT_TRUE(may_read_calendar_changes(monitor));
  EXPECT_FALSE(may_read_calendar_changes(leader));
}

TEST(Policy, DeniedStepMessageNamesTheStepsRoleInVietnamese) {
  auto spec = reader("s1", {{kCommune, Role::specialist}});
  auto s = may_act(spec, at_step(Role::leader), Action::handover);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().detail, "Bước đang xử lý thuộc lãnh đạo cơ quan; bạn không được kết thúc bước này.");
}

// --- staff administration: who may grant what to whom ---

GrantTarget member(std::string id, std::vector<RoleAt> open, std::vector<std::string> ever = {}) {
  GrantTarget t{std::move(id), std::move(open), std::move(ever)};
  for (auto& g : t.open) t.ever_agencies.push_back(g.agency_id);
  return t;
}

TEST(GrantPolicy, ProvinceAdminGrantsAnything) {
  auto pa = reader("p1", {{kCentre, Role::province_admin}});
  EXPECT_EQ(code_of(may_grant(pa, member("s1", {{kOther, Role::specialist}}), Role::leader, kCommune)), "ok");
  EXPECT_EQ(code_of(may_grant(pa, member("p1", {{kCentre, Role::province_admin}}), Role::province_monitor, kCentre)),
            "ok");
}

TEST(GrantPolicy, UnitAdminGrantsOnlyAtTheirAgencyAndNeverProvinceRoles) {
  auto ua = reader("u1", {{kCommune, Role::unit_admin}});
  auto s1 = member("s1", {{kCommune, Role::specialist}});
  EXPECT_EQ(code_of(may_grant(ua, s1, Role::head, kCommune)), "ok");
  EXPECT_EQ(code_of(may_grant(ua, s1, Role::head, kOther)), "not_your_agency");
  EXPECT_EQ(code_of(may_grant(ua, s1, Role::province_admin, kCommune)), "province_role");
  EXPECT_EQ(may_grant(ua, s1, Role::province_monitor, kCommune).error().kind, ErrorKind::forbidden);
}

// Separation of duties: who administers the accounts does not approve dossiers on their own say.
TEST(GrantPolicy, UnitAdminCannotGiveThemselvesADecidingRole) {
  auto ua = reader("u1", {{kCommune, Role::unit_admin}});
  auto self = member("u1", {{kCommune, Role::unit_admin}});
  auto s = may_grant(ua, self, Role::leader, kCommune);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "self_decision_role");
  EXPECT_EQ(s.error().kind, ErrorKind::forbidden);
  // A role that decides nothing is theirs to take (e.g. a small commune's admin also receives).
  EXPECT_EQ(code_of(may_grant(ua, self, Role::reception, kCommune)), "ok");
  // Another member may be made leader by the unit admin.
  EXPECT_EQ(code_of(may_grant(ua, member("s2", {{kCommune, Role::specialist}}), Role::leader, kCommune)), "ok");
}

TEST(GrantPolicy, UnitAdminCannotGrantToAccountsOfOtherAgenciesOrProvinceAccounts) {
  auto ua = reader("u1", {{kCommune, Role::unit_admin}});
  // Works at another agency today (even if also here): not this admin's account.
  EXPECT_EQ(code_of(may_grant(ua, member("s3", {{kOther, Role::specialist}}), Role::specialist, kCommune)),
            "foreign_account");
  EXPECT_EQ(code_of(may_grant(ua, member("s4", {{kCommune, Role::specialist}, {kOther, Role::reception}}),
                              Role::head, kCommune)),
            "foreign_account");
  // A province account, even one whose province grant sits at this agency.
  EXPECT_EQ(code_of(may_grant(ua, member("s5", {{kCommune, Role::province_monitor}}), Role::reception, kCommune)),
            "foreign_account");
  // No grant running now, and none ever here: someone else's former staff, not to be taken over.
  EXPECT_EQ(code_of(may_grant(ua, member("s6", {}, {kOther}), Role::reception, kCommune)), "foreign_account");
  // No grant running now, but one here before: back at this agency.
  EXPECT_EQ(code_of(may_grant(ua, member("s7", {}, {kCommune}), Role::reception, kCommune)), "ok");
  // A new account (no grants at all, being created by this admin).
  EXPECT_EQ(code_of(may_grant(ua, member("", {}), Role::specialist, kCommune)), "ok");
}

}  // namespace
}  // namespace motcua::org

namespace motcua::org {
namespace {

TEST(Capabilities, EachRoleOpensWhatItsRulesAllow) {
  auto none = capabilities(StaffReader{"x", {}});
  EXPECT_FALSE(none.receive || none.manage_staff || none.read_calendar || none.administration());

  auto desk = capabilities(StaffReader{"d", {{"ubnd-a", Role::reception}}});
  EXPECT_TRUE(desk.receive);
  EXPECT_FALSE(desk.administration());

  auto unit = capabilities(StaffReader{"u", {{"ubnd-a", Role::unit_admin}}});
  EXPECT_TRUE(unit.manage_staff);
  EXPECT_TRUE(unit.administration());
  EXPECT_FALSE(unit.read_calendar || unit.change_calendar || unit.read_organisation || unit.change_procedures);

  auto monitor = capabilities(StaffReader{"m", {{"ttphcc", Role::province_monitor}}});
  EXPECT_TRUE(monitor.read_calendar && monitor.read_organisation && monitor.administration());
  EXPECT_FALSE(monitor.change_calendar || monitor.change_organisation || monitor.change_procedures ||
               monitor.manage_staff);

  auto admin = capabilities(StaffReader{"p", {{"ttphcc", Role::province_admin}}});
  EXPECT_TRUE(admin.manage_staff && admin.read_calendar && admin.change_calendar && admin.read_organisation &&
              admin.change_organisation && admin.change_procedures);
  EXPECT_FALSE(admin.receive);
  EXPECT_TRUE(admin.evaluate && admin.review_procedures);
  EXPECT_TRUE(monitor.evaluate && monitor.review_procedures);
  auto leader = capabilities(StaffReader{"l", {{"stp", Role::leader}}});
  EXPECT_TRUE(leader.evaluate);
  EXPECT_FALSE(leader.review_procedures);
  EXPECT_FALSE(desk.evaluate || desk.review_procedures || unit.evaluate);
}

TEST(Capabilities, NameTheAgenciesAndRolesTheStaffAppOffers) {
  auto desk = capabilities(StaffReader{"d", {{"xa-a", Role::reception}, {"xa-b", Role::reception}, {"xa-c", Role::specialist}}});
  EXPECT_EQ(desk.receive_agencies, (std::vector<std::string>{"xa-a", "xa-b"}));
  EXPECT_TRUE(desk.staff_agencies.empty());
  EXPECT_TRUE(desk.grantable_roles.empty());

  auto unit = capabilities(StaffReader{"u", {{"xa-a", Role::unit_admin}, {"xa-a", Role::reception}}});
  EXPECT_EQ(unit.staff_agencies, (std::vector<std::string>{"xa-a"}));
  EXPECT_EQ(unit.receive_agencies, (std::vector<std::string>{"xa-a"}));
  ASSERT_EQ(unit.grantable_roles.size(), 6u);  // every role but the two province roles
  for (Role r : unit.grantable_roles) EXPECT_FALSE(is_province_role(r));

  auto admin = capabilities(StaffReader{"p", {{"ttphcc", Role::province_admin}}});
  EXPECT_EQ(admin.grantable_roles.size(), size_t(kRoleCount));
  EXPECT_TRUE(admin.staff_agencies.empty());  // a province administrator manages every agency
}

TEST(Evaluation, TheLeaderScoresTheSuperiorAppraisesTheProvinceSeesAll) {
  StaffReader leader{"l", {{"stp", Role::leader}}};
  StaffReader head{"h", {{"stp", Role::head}}};
  StaffReader other_leader{"o", {{"sxd", Role::leader}}};
  StaffReader superior{"s", {{"ubnd-tinh", Role::leader}}};
  StaffReader admin{"a", {{"ubnd-tinh", Role::province_admin}}};
  StaffReader monitor{"m", {{"ubnd-tinh", Role::province_monitor}}};
  StaffReader both{"b", {{"stp", Role::leader}, {"ubnd-tinh", Role::province_admin}}};

  EXPECT_TRUE(may_self_score(leader, "stp"));
  EXPECT_FALSE(may_self_score(head, "stp"));
  EXPECT_FALSE(may_self_score(other_leader, "stp"));
  EXPECT_FALSE(may_self_score(admin, "stp"));

  EXPECT_TRUE(may_appraise(superior, "stp", "ubnd-tinh"));
  EXPECT_TRUE(may_appraise(admin, "stp", "ubnd-tinh"));
  EXPECT_FALSE(may_appraise(monitor, "stp", "ubnd-tinh"));  // monitors read, they do not act
  EXPECT_FALSE(may_appraise(leader, "stp", "ubnd-tinh"));
  EXPECT_FALSE(may_appraise(other_leader, "stp", "ubnd-tinh"));
  EXPECT_FALSE(may_appraise(superior, "stp", ""));          // no superior named: only the province
  EXPECT_FALSE(may_appraise(both, "stp", "ubnd-tinh"));     // never one's own agency's score

  EXPECT_TRUE(may_read_evaluation(leader, "stp", "ubnd-tinh"));
  EXPECT_TRUE(may_read_evaluation(head, "stp", "ubnd-tinh"));
  EXPECT_TRUE(may_read_evaluation(superior, "stp", "ubnd-tinh"));
  EXPECT_TRUE(may_read_evaluation(monitor, "stp", "ubnd-tinh"));
  EXPECT_FALSE(may_read_evaluation(other_leader, "stp", "ubnd-tinh"));

  EXPECT_TRUE(may_review_procedures(admin));
  EXPECT_TRUE(may_review_procedures(monitor));
  EXPECT_FALSE(may_review_procedures(leader));
}

}  // namespace
}  // namespace motcua::org

namespace motcua::org {
namespace {

TEST(KpiRead, LeadersSeeTheirAgencyProvinceRolesSeeAll) {
  StaffReader leader{"l", {{"so-tp", Role::leader}}};
  StaffReader head{"h", {{"so-tp", Role::head}}};
  StaffReader monitor{"m", {{"ubnd-tinh", Role::province_monitor}}};
  StaffReader admin{"a", {{"ubnd-tinh", Role::province_admin}}};
  EXPECT_TRUE(may_read_kpi(leader, "so-tp"));
  EXPECT_FALSE(may_read_kpi(leader, "so-xd"));
  EXPECT_FALSE(may_read_kpi(leader, ""));
  EXPECT_FALSE(may_read_kpi(head, "so-tp"));
  for (auto* r : {&monitor, &admin}) {
    EXPECT_TRUE(may_read_kpi(*r, ""));
    EXPECT_TRUE(may_read_kpi(*r, "so-xd"));
  }
  EXPECT_TRUE(capabilities(leader).read_kpi);
  EXPECT_FALSE(capabilities(head).read_kpi);
  EXPECT_TRUE(capabilities(monitor).read_kpi);
  EXPECT_FALSE(capabilities(leader).read_kpi_province);  // their agency only
  EXPECT_TRUE(capabilities(monitor).read_kpi_province);
}

}  // namespace
}  // namespace motcua::org
