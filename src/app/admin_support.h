// Small pieces every administration use case shares: who may act, and validation errors in the
// shape the staff app shows beside the fields.
#pragma once
#include <string>
#include <vector>

#include "app/actor.h"
#include "common/result.h"
#include "domain/org/policy.h"

namespace motcua::app::detail {

// Forbidden unless `a` is a province admin; `what` completes "Chỉ quản trị cấp tỉnh được …".
inline Status require_province_admin(const Actor& a, const std::string& what) {
  if (!a.is_staff() || !org::may_administer_province(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ quản trị cấp tỉnh được " + what + ".", "forbidden");
  return ok_status();
}

// 400 with one entry per invalid field.
inline Error validation(std::vector<FieldError> fields) {
  Error e = make_error(ErrorKind::invalid, "Dữ liệu gửi lên không hợp lệ", "validation");
  e.fields = std::move(fields);
  return e;
}

// 400 about one field, the detail repeated as its message.
inline Error field_error(const std::string& field, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "validation");
  e.fields.push_back(FieldError{field, detail});
  return e;
}

}  // namespace motcua::app::detail
