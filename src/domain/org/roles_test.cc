#include "domain/org/roles.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace motcua::org {
namespace {

using dossier::Action;

constexpr Role kRoles[] = {Role::reception, Role::specialist,     Role::head,           Role::leader,
                           Role::clerk,     Role::unit_admin,     Role::province_admin, Role::province_monitor};
constexpr Action kActions[] = {Action::submit,           Action::receive,
                               Action::request_supplement, Action::refuse,
                               Action::start_processing, Action::handover,
                               Action::supplement_received, Action::request_payment,
                               Action::payment_received, Action::apologise,
                               Action::stop,             Action::withdraw,
                               Action::resolve_granted,  Action::resolve_refused,
                               Action::return_result};

TEST(Roles, Ids) {
  static_assert(std::size(kRoles) == kRoleCount);
  std::set<std::string_view> seen;
  for (Role r : kRoles) {
    EXPECT_TRUE(seen.insert(to_string(r)).second);
    EXPECT_EQ(*parse_role(to_string(r)), r);
  }
  EXPECT_EQ(to_string(Role::province_monitor), "province_monitor");
  EXPECT_EQ(to_string(Role::unit_admin), "unit_admin");
  EXPECT_FALSE(parse_role("admin"));
  EXPECT_FALSE(parse_role(""));
}

TEST(Roles, VietnameseNames) {
  EXPECT_EQ(role_name_vi(Role::reception), "Tiếp nhận và trả kết quả");
  EXPECT_EQ(role_name_vi(Role::specialist), "Chuyên viên");
  EXPECT_EQ(role_name_vi(Role::head), "Trưởng phòng");
  EXPECT_EQ(role_name_vi(Role::leader), "Lãnh đạo cơ quan");
  EXPECT_EQ(role_name_vi(Role::clerk), "Văn thư");
  EXPECT_EQ(role_name_vi(Role::unit_admin), "Quản trị đơn vị");
  EXPECT_EQ(role_name_vi(Role::province_admin), "Quản trị tỉnh");
  EXPECT_EQ(role_name_vi(Role::province_monitor), "Theo dõi cấp tỉnh");
}

// The table from roles.h, written out independently.
TEST(Roles, Table) {
  using A = Action;
  const std::set<A> specialist{A::start_processing, A::handover,  A::request_supplement, A::request_payment,
                               A::payment_received, A::supplement_received, A::apologise, A::stop};
  const std::map<Role, std::set<A>> allowed = {
      {Role::reception,
       {A::submit, A::receive, A::request_supplement, A::refuse, A::return_result, A::withdraw,
        A::supplement_received}},
      {Role::specialist, specialist},
      {Role::head, specialist},
      {Role::leader, {A::resolve_granted, A::resolve_refused, A::stop, A::apologise, A::handover}},
      {Role::clerk, {A::handover, A::return_result}},
      {Role::unit_admin, {}},
      {Role::province_admin, {}},
      {Role::province_monitor, {}},
  };
  for (Role r : kRoles)
    for (Action a : kActions)
      EXPECT_EQ(role_may(r, a), allowed.at(r).count(a) == 1) << to_string(r) << " " << dossier::to_string(a);
  EXPECT_FALSE(role_may(Role::specialist, A::resolve_granted));
  EXPECT_FALSE(role_may(Role::clerk, A::resolve_granted));
}

TEST(Roles, StageAwareSupplement) {
  EXPECT_TRUE(role_may(Role::reception, Action::request_supplement, false));
  EXPECT_FALSE(role_may(Role::reception, Action::request_supplement, true));
  for (Role r : {Role::specialist, Role::head}) {
    EXPECT_TRUE(role_may(r, Action::request_supplement, true));
    EXPECT_FALSE(role_may(r, Action::request_supplement, false));
  }
  EXPECT_FALSE(role_may(Role::leader, Action::request_supplement, true));
  // Other actions are stage-blind.
  for (Role r : kRoles) {
    for (Action a : kActions) {
      if (a == Action::request_supplement) continue;
      for (bool st : {false, true}) EXPECT_EQ(role_may(r, a, st), role_may(r, a));
    }
  }
}

}  // namespace
}  // namespace motcua::org
