// What the e-form use cases share (not part of the context's contract).
#pragma once
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/dossier/dossier_service.h"
#include "common/result.h"
#include "store/eform_repo.h"
#include "store/records.h"

namespace motcua::app::eform_detail {

// The error code the API answers 422 with (errors[] by field path).
inline constexpr const char* kInvalidForm = "invalid_form";

inline Error citizens_only() {
  return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân để lưu và nộp hồ sơ trực tuyến.",
                    "login_required");
}
inline Error draft_not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy bản nháp.", "draft_not_found"); }
inline Error draft_expired() {
  return make_error(ErrorKind::not_found, "Bản nháp đã hết hạn lưu giữ và đã bị xoá. Vui lòng khai lại.", "draft_expired");
}
inline Error version_mismatch(int64_t current) {
  return make_error(ErrorKind::conflict,
                    "Bản nháp đã được lưu từ một thiết bị khác (phiên bản " + std::to_string(current) +
                        "). Tải lại bản nháp rồi sửa tiếp để không ghi đè thay đổi.",
                    "draft_version_mismatch");
}
inline Error draft_submitted(const store::DraftRec&) {
  return make_error(ErrorKind::conflict, "Bản nháp đã được nộp thành hồ sơ; không sửa được nữa.", "draft_submitted");
}

// The components of a procedure version (its doc's "components").
inline std::vector<ComponentInput> components_of(const store::ProcedureRec& p) {
  std::vector<ComponentInput> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(p.doc, ec);
  if (ec || !v.is_object()) return out;
  auto* cs = v.as_object().if_contains("components");
  if (!cs || !cs->is_array()) return out;
  for (auto& c : cs->as_array()) {
    if (!c.is_object()) continue;
    auto& o = c.as_object();
    ComponentInput ci;
    if (auto* n = o.if_contains("name"); n && n->is_string()) ci.name = std::string(n->as_string());
    if (auto* k = o.if_contains("kind"); k && k->is_string()) ci.kind = std::string(k->as_string());
    if (auto* n = o.if_contains("count"); n && n->is_int64()) ci.count = n->as_int64();
    ci.provided = false;
    if (!ci.name.empty()) out.push_back(std::move(ci));
  }
  return out;
}

// The name of the component whose template is `template_code` ("" when none or no code).
inline std::string component_with_template(const store::ProcedureRec& p, const std::string& template_code) {
  if (template_code.empty()) return "";
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(p.doc, ec);
  if (ec || !v.is_object()) return "";
  auto* cs = v.as_object().if_contains("components");
  if (!cs || !cs->is_array()) return "";
  for (auto& c : cs->as_array()) {
    if (!c.is_object()) continue;
    auto* t = c.as_object().if_contains("template");
    auto* n = c.as_object().if_contains("name");
    if (t && t->is_string() && t->as_string() == template_code && n && n->is_string()) return std::string(n->as_string());
  }
  return "";
}

// Whether the version takes online filings (its "channels" list holds 2).
inline bool online_allowed(const store::ProcedureRec& p) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(p.doc, ec);
  if (ec || !v.is_object()) return false;
  auto* ch = v.as_object().if_contains("channels");
  if (!ch || !ch->is_array()) return true;  // not said: online allowed
  for (auto& c : ch->as_array())
    if (c.is_int64() && c.as_int64() == 2) return true;
  return false;
}

}  // namespace motcua::app::eform_detail
