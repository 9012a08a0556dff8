#include "domain/org/policy.h"

#include "domain/org/feedback_policy.h"

#include <algorithm>
#include <cctype>

namespace motcua::org {

using dossier::Action;

bool StaffReader::holds(const std::string& agency_id, Role r) const {
  return std::any_of(roles.begin(), roles.end(), [&](const RoleAt& g) { return g.agency_id == agency_id && g.role == r; });
}

bool StaffReader::holds_anywhere(Role r) const {
  return std::any_of(roles.begin(), roles.end(), [&](const RoleAt& g) { return g.role == r; });
}

bool StaffReader::works_at(const std::string& agency_id) const {
  return std::any_of(roles.begin(), roles.end(), [&](const RoleAt& g) { return g.agency_id == agency_id; });
}

static bool province_wide(const StaffReader& r) {
  return std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return is_province_role(g.role); });
}

static bool holds_at_either(const StaffReader& r, const DossierScope& d, std::initializer_list<Role> roles) {
  for (Role role : roles)
    if (r.holds(d.receiving_agency_id, role) || r.holds(d.competent_agency_id, role)) return true;
  return false;
}

bool may_read_dossier(const StaffReader& r, const DossierScope& d) {
  return province_wide(r) || r.works_at(d.receiving_agency_id) || r.works_at(d.competent_agency_id);
}

bool may_request_opinion(const StaffReader& r, const DossierScope& d) {
  return r.holds(d.competent_agency_id, Role::specialist) || r.holds(d.competent_agency_id, Role::head);
}

bool may_give_opinion(const StaffReader& r, const std::string& agency_id) {
  return std::any_of(r.roles.begin(), r.roles.end(),
                     [&](const RoleAt& g) { return g.agency_id == agency_id && gives_opinion(g.role); });
}

bool may_attach_documents(const StaffReader& r, const DossierScope& d) {
  return holds_at_either(r, d, {Role::reception, Role::specialist, Role::head});
}

bool may_read_register(const StaffReader& r, const std::string& agency_id) {
  return province_wide(r) || r.works_at(agency_id);
}

bool may_change_calendar(const StaffReader& r) { return r.holds_anywhere(Role::province_admin); }

bool may_read_calendar_changes(const StaffReader& r) {
  return r.holds_anywhere(Role::province_admin) || r.holds_anywhere(Role::province_monitor);
}

bool may_manage_staff(const StaffReader& r) {
  return r.holds_anywhere(Role::province_admin) || r.holds_anywhere(Role::unit_admin);
}

bool may_administer_province(const StaffReader& r) { return r.holds_anywhere(Role::province_admin); }

bool may_read_kpi(const StaffReader& r, const std::string& agency_id) {
  if (r.holds_anywhere(Role::province_admin) || r.holds_anywhere(Role::province_monitor)) return true;
  return !agency_id.empty() && r.holds(agency_id, Role::leader);
}

bool may_self_score(const StaffReader& r, const std::string& agency_id) { return r.holds(agency_id, Role::leader); }

bool may_appraise(const StaffReader& r, const std::string& agency_id, const std::string& parent_agency_id) {
  if (r.holds(agency_id, Role::leader)) return false;
  return r.holds_anywhere(Role::province_admin) || (!parent_agency_id.empty() && r.holds(parent_agency_id, Role::leader));
}

bool may_read_evaluation(const StaffReader& r, const std::string& agency_id, const std::string& parent_agency_id) {
  return province_wide(r) || r.works_at(agency_id) ||
         (!parent_agency_id.empty() && r.holds(parent_agency_id, Role::leader));
}

bool may_review_procedures(const StaffReader& r) { return province_wide(r); }

StaffCapabilities capabilities(const StaffReader& r) {
  StaffCapabilities c;
  c.receive = r.holds_anywhere(Role::reception);
  c.manage_staff = may_manage_staff(r);
  c.read_calendar = may_read_calendar_changes(r);
  c.change_calendar = may_change_calendar(r);
  c.read_organisation = r.holds_anywhere(Role::province_admin) || r.holds_anywhere(Role::province_monitor);
  c.change_organisation = may_administer_province(r);
  c.change_procedures = may_administer_province(r);
  c.read_kpi_province = may_read_kpi(r, "");
  c.read_kpi = r.holds_anywhere(Role::leader) || c.read_kpi_province;
  c.feedback_calls = may_take_calls(r);
  c.feedback_figures = may_read_some_feedback_figures(r);
  c.feedback_figures_province = may_read_feedback_figures(r, "");
  c.feedback_cases = std::any_of(r.roles.begin(), r.roles.end(), [](const RoleAt& g) { return g.role != Role::unit_admin; });
  c.evaluate = province_wide(r) || r.holds_anywhere(Role::leader);
  c.review_procedures = may_review_procedures(r);
  for (const RoleAt& g : r.roles) {
    auto add = [&](std::vector<std::string>& to) {
      if (std::find(to.begin(), to.end(), g.agency_id) == to.end()) to.push_back(g.agency_id);
    };
    if (g.role == Role::reception) add(c.receive_agencies);
    if (g.role == Role::unit_admin) add(c.staff_agencies);
  }
  if (c.manage_staff) {  // may_grant: a unit administrator never hands out a province role
    const bool province = r.holds_anywhere(Role::province_admin);
    for (int i = 0; i < kRoleCount; ++i) {
      const Role role = static_cast<Role>(i);
      if (province || !is_province_role(role)) c.grantable_roles.push_back(role);
    }
  }
  return c;
}

bool may_take_step(const StaffReader& candidate, Role step_role, const std::string& step_agency_id) {
  return candidate.holds(step_agency_id, step_role);
}

namespace {

Error forbidden(std::string detail, const char* code) {
  return make_error(ErrorKind::forbidden, std::move(detail), code);
}

std::string step_role_text(const OpenStep& s) {
  std::string r(role_name_vi(s.role));
  if (!r.empty()) r[0] = char(std::tolower(static_cast<unsigned char>(r[0])));  // ASCII first letters only
  return r;
}

bool is_decision(Action a) { return a == Action::resolve_granted || a == Action::resolve_refused; }

}  // namespace

Status may_act(const StaffReader& reader, const DossierScope& d, Action action) {
  // The role table, at the dossier's agencies.
  bool at_agency = false, by_role = false;
  for (auto& g : reader.roles) {
    if (g.agency_id != d.receiving_agency_id && g.agency_id != d.competent_agency_id) continue;
    at_agency = true;
    if (role_may(g.role, action, d.processing_stage)) by_role = true;
  }
  if (!at_agency) return forbidden("Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
  if (!by_role)
    return forbidden("Vai trò của bạn không được thực hiện thao tác «" + std::string(dossier::action_label_vi(action)) + "».",
                     "role_not_allowed");

  if (is_decision(action)) {
    if (!reader.holds(d.competent_agency_id, Role::leader))
      return forbidden("Quyết định giải quyết hồ sơ thuộc thẩm quyền lãnh đạo cơ quan giải quyết.", "decision_not_yours");
    if (d.process_has_leader_step && (!d.open_step || d.open_step->role != Role::leader))
      return forbidden("Hồ sơ chưa được trình đến bước lãnh đạo phê duyệt theo quy trình nội bộ.", "not_at_decision_step");
    return ok_status();
  }
  if (action == Action::handover) {
    if (!d.open_step) return forbidden("Hồ sơ không có bước xử lý nào đang mở để chuyển.", "not_your_step");
    const OpenStep& s = *d.open_step;
    bool assignee = !s.assignee_id.empty() && s.assignee_id == reader.staff_id;
    if (!assignee && !reader.holds(s.agency_id, s.role))
      return forbidden("Bước đang xử lý thuộc " + step_role_text(s) +
                           (s.assignee_id.empty() ? "" : " được giao") + "; bạn không được kết thúc bước này.",
                       "not_your_step");
    if (d.process_has_leader_step && s.role == Role::leader)
      return make_error(ErrorKind::conflict,
                        "Bước lãnh đạo phê duyệt kết thúc bằng quyết định giải quyết (phê duyệt hoặc từ chối), "
                        "không chuyển sang bước khác.",
                        "decision_step");
    return ok_status();
  }
  if (action == Action::start_processing && d.open_step) {
    const OpenStep& s = *d.open_step;
    bool assignee = !s.assignee_id.empty() && s.assignee_id == reader.staff_id;
    if (!assignee && !reader.holds(s.agency_id, s.role) && !reader.holds(s.agency_id, Role::head))
      return forbidden("Bước thẩm định, xử lý thuộc " + step_role_text(s) + " của cơ quan giải quyết.", "not_your_step");
  }
  return ok_status();
}

Status may_grant(const StaffReader& admin, const GrantTarget& member, Role role, const std::string& agency_id) {
  if (admin.holds_anywhere(Role::province_admin)) return ok_status();
  if (is_province_role(role))
    return forbidden("Chỉ quản trị cấp tỉnh được cấp hoặc thu hồi vai trò cấp tỉnh.", "province_role");
  if (!admin.holds(agency_id, Role::unit_admin))
    return forbidden("Bạn chỉ được quản lý phân quyền tại cơ quan mà bạn là quản trị đơn vị.", "not_your_agency");
  if (member.staff_id == admin.staff_id && (role_may(role, Action::resolve_granted) ||
                                            role_may(role, Action::resolve_refused)))
    return forbidden("Quản trị đơn vị không được tự cấp cho mình vai trò quyết định hồ sơ; cần một quản trị "
                     "khác hoặc quản trị cấp tỉnh cấp.",
                     "self_decision_role");
  const Error foreign = forbidden(
      "Tài khoản này thuộc cơ quan khác hoặc có vai trò cấp tỉnh; chỉ quản trị cấp tỉnh được phân quyền cho "
      "tài khoản này.",
      "foreign_account");
  for (const auto& g : member.open)
    if (is_province_role(g.role) || !admin.holds(g.agency_id, Role::unit_admin)) return foreign;
  if (member.staff_id.empty() || !member.open.empty()) return ok_status();
  for (const auto& a : member.ever_agencies)
    if (admin.holds(a, Role::unit_admin)) return ok_status();
  return foreign;
}

}  // namespace motcua::org
