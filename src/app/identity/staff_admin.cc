// Administration of staff accounts and role grants. A province admin manages everybody; a unit
// admin manages grants only at the agencies where they hold unit_admin and never grants the
// province roles. Grants are ended, never deleted (the history of who could do what stays).
// Every change is one transaction with its audit record.
#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/identity/attempts.h"
#include "app/identity/identity_service.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/crypto.h"
#include "app/notify/notify_service.h"
#include "domain/org/roles.h"
#include "store/repo.h"
#include "store/staff_contact_repo.h"

namespace motcua::app {
namespace json = boost::json;
using detail::field_error;
using detail::require_province_admin;
using detail::validation;

namespace {

const char* kMaxDate = "9999-12-31";
constexpr AttemptRule kPasswordChange{5, 15 * kMinute, 15 * kMinute, "Nhập sai mật khẩu hiện tại quá nhiều lần.",
                                      "password_change_throttled"};

bool province_role(const std::string& role) {
  auto r = org::parse_role(role);
  return r && org::is_province_role(*r);
}

bool is_province_admin(const Actor& a) { return a.is_staff() && a.has_role(org::Role::province_admin); }

bool may_manage_agency(const Actor& a, const std::string& agency_id) {
  return is_province_admin(a) || (a.is_staff() && a.has_role_at(agency_id, org::Role::unit_admin));
}

std::vector<std::string> admin_agencies(const Actor& a) {
  std::vector<std::string> out;
  for (auto& g : a.grants)
    if (g.role == org::Role::unit_admin && std::find(out.begin(), out.end(), g.agency_id) == out.end()) out.push_back(g.agency_id);
  return out;
}

Status require_admin(const Actor& a) {
  if (!a.is_staff() || !org::may_manage_staff(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị đơn vị hoặc quản trị cấp tỉnh được quản lý cán bộ.",
                      "forbidden");
  return ok_status();
}

std::string today() { return format_date(local_date(now_ms())); }

bool open_on_or_after(const store::StaffGrantRec& g, const std::string& day) {
  return g.valid_to.empty() || g.valid_to >= day;
}

// May the actor grant `role` at `agency_id` to the member `staff_id` whose grants are `grants`
// (org::may_grant)? A new account has no id and no grants. Ending a grant asks the same with no
// member: only the agency and province-role rules apply to an end.
Status grant_authority(const Actor& a, const std::string& staff_id, const std::vector<store::StaffGrantRec>& grants,
                       const std::string& agency_id, const std::string& role) {
  auto r = org::parse_role(role);
  if (!r) return field_error("role", "Vai trò không hợp lệ: " + role);
  org::GrantTarget member{staff_id, {}, {}};
  const std::string d = today();
  for (auto& g : grants) {
    member.ever_agencies.push_back(g.agency_id);
    auto gr = org::parse_role(g.role);
    if (gr && open_on_or_after(g, d)) member.open.push_back({g.agency_id, *gr});
  }
  return org::may_grant(a.reader(), member, *r, agency_id);
}

// May the actor manage the account itself (password, active)? A unit admin only when every grant
// still running is at an agency they administer and none is a province role, and at least one
// grant (ended or not) ties the member to their agencies.
Status account_authority(const Actor& a, const std::vector<store::StaffGrantRec>& grants) {
  if (is_province_admin(a)) return ok_status();
  const Error no = make_error(ErrorKind::forbidden,
                              "Cán bộ này có vai trò ngoài phạm vi quản trị của bạn; cần quản trị cấp tỉnh.",
                              "forbidden");
  std::string d = today();
  bool tied = false;
  for (auto& g : grants) {
    bool mine = a.has_role_at(g.agency_id, org::Role::unit_admin);
    tied = tied || mine;
    if (open_on_or_after(g, d) && (!mine || province_role(g.role))) return no;
  }
  if (!tied) return no;
  return ok_status();
}

std::optional<std::string> password_problem(const std::string& pw) {
  size_t chars = 0;
  bool digit = false, letter = false;
  for (unsigned char ch : pw) {
    if ((ch & 0xC0) != 0x80) ++chars;
    if (ch >= '0' && ch <= '9') digit = true;
    else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80) letter = true;
  }
  if (chars < 10) return "Mật khẩu phải có ít nhất 10 ký tự";
  if (!digit || !letter) return "Mật khẩu phải có cả chữ cái và chữ số";
  return std::nullopt;
}

std::optional<std::string> username_problem(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return "Tên đăng nhập dài từ 3 đến 64 ký tự";
  for (char ch : u)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.'))
      return "Tên đăng nhập chỉ gồm chữ thường không dấu (a-z), chữ số và dấu chấm";
  if (u.front() == '.' || u.back() == '.' || u.find("..") != std::string::npos)
    return "Dấu chấm không được ở đầu, cuối hoặc đứng liền nhau";
  return std::nullopt;
}

// Checks a grant's own fields (role name, dates); agency existence is checked in the transaction.
// The contact address the feedback deadline watch writes to; "" is none.
std::optional<std::string> email_problem(const std::string& email) {
  if (email.empty() || is_plain_email(email)) return std::nullopt;
  return "Địa chỉ thư điện tử không hợp lệ (dạng ten@co-quan.gov.vn, không dấu, không khoảng trắng)";
}

json::value masked_email(const std::string& e) {
  return e.empty() ? json::value(nullptr) : json::value(mask_address("email", e));
}

void check_grant_fields(const GrantInput& g, const std::string& prefix, std::vector<FieldError>& errs) {
  if (!org::parse_role(g.role)) errs.push_back({prefix + "role", "Vai trò không hợp lệ: " + g.role});
  auto from = parse_date(g.from);
  if (!from) errs.push_back({prefix + "from", "Ngày bắt đầu phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  if (!g.to.empty()) {
    auto to = parse_date(g.to);
    if (!to) errs.push_back({prefix + "to", "Ngày kết thúc phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
    else if (from && g.to < g.from) errs.push_back({prefix + "to", "Ngày kết thúc không được sớm hơn ngày bắt đầu"});
  }
}

Status check_agency_for_grant(sql::Connection& c, const GrantInput& g, const std::string& prefix) {
  MC_ASSIGN(auto ag, store::get_agency(c, g.agency_id));
  if (!ag) return field_error(prefix + "agency_id", "Không tìm thấy cơ quan " + g.agency_id);
  if (!ag->valid_to.empty() && ag->valid_to < g.from)
    return field_error(prefix + "from", "Cơ quan " + ag->name + " đã ngừng hoạt động từ ngày " + ag->valid_to);
  return ok_status();
}

json::object grant_detail(const store::StaffGrantRec& g) {
  return {{"id", g.id}, {"agency_id", g.agency_id}, {"role", g.role}, {"from", g.valid_from},
          {"to", g.valid_to.empty() ? json::value(nullptr) : json::value(g.valid_to)}};
}

Result<StaffView> load_view(sql::Connection& c, const std::string& staff_id) {
  MC_ASSIGN(auto s, store::find_staff(c, staff_id, true));
  if (!s) return make_error(ErrorKind::not_found, "Không tìm thấy cán bộ", "not_found");
  StaffView v;
  v.staff = std::move(*s);
  v.staff.password_hash.clear();
  MC_ASSIGN(v.grants, store::list_staff_grants(c, staff_id));
  MC_ASSIGN(v.email, store::staff_email(c, staff_id));
  return v;
}

}  // namespace

void IdentityService::forget_sessions_of(const std::string& staff_id) {
  std::lock_guard lk(sess_mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.info.actor.is_staff() && it->second.info.actor.id == staff_id) it = sessions_.erase(it);
    else ++it;
  }
}

Result<std::vector<StaffView>> IdentityService::list_staff(const Actor& a, const std::string& agency_id) {
  MC_TRY(require_admin(a));
  std::vector<std::string> filter;
  if (!agency_id.empty()) {
    if (!may_manage_agency(a, agency_id))
      return make_error(ErrorKind::forbidden, "Bạn không quản trị cơ quan " + agency_id + ".", "forbidden");
    filter.push_back(agency_id);
  } else if (!is_province_admin(a)) {
    filter = admin_agencies(a);
  }
  std::vector<StaffView> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto staff, store::list_staff(c, filter));
    MC_ASSIGN(auto grants, store::list_staff_grants(c, ""));
    MC_ASSIGN(auto emails, store::staff_emails(c));
    std::map<std::string, std::vector<store::StaffGrantRec>> by_staff;
    for (auto& g : grants) by_staff[g.staff_id].push_back(std::move(g));
    for (auto& s : staff) {
      StaffView v{std::move(s), {}, {}};
      v.staff.password_hash.clear();
      if (auto e = emails.find(v.staff.id); e != emails.end()) v.email = e->second;
      if (auto it = by_staff.find(v.staff.id); it != by_staff.end()) v.grants = std::move(it->second);
      out.push_back(std::move(v));
    }
    return ok_status();
  }));
  return out;
}

Result<StaffView> IdentityService::create_staff(const Actor& a, const NewStaffInput& in, const std::string& idem_key,
                                    const std::string& body_hash) {
  MC_TRY(require_admin(a));
  std::vector<FieldError> errs;
  if (auto p = username_problem(in.username)) errs.push_back({"username", *p});
  if (in.full_name.empty()) errs.push_back({"full_name", "Họ và tên không được để trống"});
  if (auto p = password_problem(in.password)) errs.push_back({"password", *p});
  if (auto p = email_problem(in.email)) errs.push_back({"email", *p});
  if (in.grants.empty()) errs.push_back({"grants", "Cần ít nhất một phân quyền"});
  for (size_t i = 0; i < in.grants.size(); ++i)
    check_grant_fields(in.grants[i], "grants[" + std::to_string(i) + "].", errs);
  if (!errs.empty()) return validation(std::move(errs));
  for (auto& g : in.grants) MC_TRY(grant_authority(a, "", {}, g.agency_id, g.role));

  std::string hash = hash_password(in.password);  // slow by design: outside the transaction
  Millis now = now_ms();
  store::StaffRec rec{new_id(), in.username, hash, in.full_name, true};
  const Idempotency idem = idempotency(a, idem_key, "staff.create", "", body_hash);
  StaffView view;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    // Before the username check, which the first request's account would fail.
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_ASSIGN(auto existing, store::find_staff(c, in.username, false));
      if (existing) {
        Error e = make_error(ErrorKind::conflict, "Tên đăng nhập " + in.username + " đã được sử dụng.", "duplicate");
        e.fields.push_back(FieldError{"username", "Tên đăng nhập đã được sử dụng"});
        return e;
      }
      for (size_t i = 0; i < in.grants.size(); ++i)
        MC_TRY(check_agency_for_grant(c, in.grants[i], "grants[" + std::to_string(i) + "]."));
      MC_TRY(store::insert_staff(c, rec, {}));
      json::array detail_grants;
      for (auto& g : in.grants) {
        store::StaffGrantRec r{0, rec.id, g.agency_id, g.role, g.from, g.to};
        MC_ASSIGN(r.id, store::insert_staff_grant(c, r));
        detail_grants.push_back(grant_detail(r));
      }
      if (!in.email.empty()) MC_TRY(store::set_staff_email(c, rec.id, in.email, now));
      MC_TRY(audit(c, now, a.label(), "staff.create", "staff:" + rec.id,
                   {{"username", rec.username}, {"full_name", rec.full_name}, {"grants", std::move(detail_grants)},
                    {"email", masked_email(in.email)}}));
      return rec.id;
    }));
    MC_ASSIGN(view, load_view(c, made.id));
    return ok_status();
  }));
  return view;
}

Result<StaffView> IdentityService::add_grant(const Actor& a, const std::string& staff_id, const GrantInput& g,
                                 const std::string& idem_key, const std::string& body_hash) {
  MC_TRY(require_admin(a));
  std::vector<FieldError> errs;
  check_grant_fields(g, "", errs);
  if (!errs.empty()) return validation(std::move(errs));
  Millis now = now_ms();
  const Idempotency idem = idempotency(a, idem_key, "staff.grant_add", staff_id, body_hash);
  StaffView view;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto before, load_view(c, staff_id));
    MC_TRY(grant_authority(a, staff_id, before.grants, g.agency_id, g.role));
    // Before the overlap check, which the first request's grant would fail.
    MC_TRY(with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_TRY(check_agency_for_grant(c, g, ""));
      std::string to = g.to.empty() ? kMaxDate : g.to;
      for (auto& x : before.grants) {
        std::string xto = x.valid_to.empty() ? kMaxDate : x.valid_to;
        if (x.agency_id == g.agency_id && x.role == g.role && x.valid_from <= to && g.from <= xto)
          return make_error(ErrorKind::conflict,
                            "Cán bộ đã có vai trò này tại cơ quan trong khoảng thời gian đó (phân quyền số " +
                                std::to_string(x.id) + ").",
                            "overlap");
      }
      store::StaffGrantRec r{0, staff_id, g.agency_id, g.role, g.from, g.to};
      MC_ASSIGN(r.id, store::insert_staff_grant(c, r));
      MC_TRY(audit(c, now, a.label(), "staff.grant_add", "staff:" + staff_id, grant_detail(r)));
      return std::to_string(r.id);
    }));
    // The member with the grant (the first request's, on a repeat).
    MC_ASSIGN(view, load_view(c, staff_id));
    return ok_status();
  }));
  forget_sessions_of(staff_id);
  return view;
}

Result<StaffView> IdentityService::end_grant(const Actor& a, const std::string& staff_id, int64_t grant_id, const std::string& to) {
  MC_TRY(require_admin(a));
  if (!parse_date(to)) return field_error("to", "Ngày kết thúc phải có dạng YYYY-MM-DD và là ngày hợp lệ");
  Millis now = now_ms();
  StaffView view;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto g, store::get_staff_grant(c, grant_id));
    if (!g || g->staff_id != staff_id)
      return make_error(ErrorKind::not_found, "Không tìm thấy phân quyền của cán bộ này", "not_found");
    MC_TRY(grant_authority(a, "", {}, g->agency_id, g->role));
    if (to < g->valid_from)
      return field_error("to", "Ngày kết thúc không được sớm hơn ngày bắt đầu " + g->valid_from);
    if (!g->valid_to.empty() && g->valid_to <= to)
      return make_error(ErrorKind::conflict, "Phân quyền này đã kết thúc ngày " + g->valid_to + ".", "already_ended");
    MC_TRY(store::set_grant_end(c, grant_id, to));
    auto detail = grant_detail(*g);
    detail["previous_to"] = detail["to"];
    detail["to"] = to;
    MC_TRY(audit(c, now, a.label(), "staff.grant_end", "staff:" + staff_id, detail));
    MC_ASSIGN(view, load_view(c, staff_id));
    return ok_status();
  }));
  forget_sessions_of(staff_id);
  return view;
}

Status IdentityService::reset_password(const Actor& a, const std::string& staff_id, const std::string& password) {
  MC_TRY(require_admin(a));
  if (auto p = password_problem(password)) return field_error("password", *p);
  std::string hash = hash_password(password);
  Millis now = now_ms();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto v, load_view(c, staff_id));
    MC_TRY(account_authority(a, v.grants));
    MC_TRY(store::set_staff_password(c, staff_id, hash));
    MC_ASSIGN(auto ended, store::delete_sessions_of(c, "staff", staff_id));
    return audit(c, now, a.label(), "staff.password_reset", "staff:" + staff_id, {{"sessions_ended", ended}});
  }));
  forget_sessions_of(staff_id);
  return ok_status();
}

Status IdentityService::change_own_password(const Actor& a, const std::string& current, const std::string& next,
                                const std::string& session_token) {
  if (!a.is_staff())
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ đăng nhập bằng mật khẩu mới đổi được mật khẩu.", "forbidden");
  if (auto p = password_problem(next)) return field_error("new_password", *p);
  if (next == current) return field_error("new_password", "Mật khẩu mới phải khác mật khẩu hiện tại");
  std::optional<store::StaffRec> s;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(s, store::find_staff(c, a.id, true));
    return ok_status();
  }));
  if (!s) return make_error(ErrorKind::not_found, "Không tìm thấy tài khoản", "not_found");
  Millis now = now_ms();
  // A stolen session must not become a way to guess the password: throttled like a login.
  const std::string key = "password_change:" + a.id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status { return reserve_attempt(c, key, kPasswordChange, now); }));
  if (!verify_password(s->password_hash, current)) {
    MC_TRY(db_.write([&](sql::Connection& c) -> Status {
      return audit(c, now, a.label(), "staff.password_change_failed", "staff:" + a.id);
    }));
    return field_error("current_password", "Mật khẩu hiện tại không đúng");
  }
  std::string hash = hash_password(next);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_TRY(store::set_staff_password(c, a.id, hash));
    MC_TRY(clear_attempts(c, key));
    MC_ASSIGN(auto ended, store::delete_other_sessions_of(c, "staff", a.id, sha256_hex(session_token)));
    return audit(c, now, a.label(), "staff.password_change", "staff:" + a.id, {{"other_sessions_ended", ended}});
  }));
  forget_sessions_of(a.id);  // the cache refills from the store: the kept session is still there
  return ok_status();
}

Result<StaffView> IdentityService::set_staff_active(const Actor& a, const std::string& staff_id, bool active) {
  MC_TRY(require_admin(a));
  if (a.id == staff_id && !active)
    return make_error(ErrorKind::conflict, "Không thể tự khóa tài khoản của chính mình.", "self");
  Millis now = now_ms();
  StaffView view;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto v, load_view(c, staff_id));
    MC_TRY(account_authority(a, v.grants));
    MC_TRY(store::set_staff_active(c, staff_id, active));
    int64_t ended = 0;
    if (!active) {
      MC_ASSIGN(ended, store::delete_sessions_of(c, "staff", staff_id));
    }
    MC_TRY(audit(c, now, a.label(), active ? "staff.activate" : "staff.deactivate", "staff:" + staff_id,
                 {{"was_active", v.staff.active}, {"sessions_ended", ended}}));
    v.staff.active = active;
    view = std::move(v);
    return ok_status();
  }));
  forget_sessions_of(staff_id);
  return view;
}

// The address the feedback deadline watch writes to. Same authority as a password reset.
Result<StaffView> IdentityService::set_staff_email(const Actor& a, const std::string& staff_id, const std::string& email) {
  MC_TRY(require_admin(a));
  if (auto p = email_problem(email)) return field_error("email", *p);
  Millis now = now_ms();
  StaffView view;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto v, load_view(c, staff_id));
    MC_TRY(account_authority(a, v.grants));
    MC_TRY(store::set_staff_email(c, staff_id, email, now));
    MC_TRY(audit(c, now, a.label(), "staff.email", "staff:" + staff_id,
                 {{"from", masked_email(v.email)}, {"to", masked_email(email)}}));
    v.email = email;
    view = std::move(v);
    return ok_status();
  }));
  return view;
}

}  // namespace motcua::app
