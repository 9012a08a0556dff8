// Changing an agency (name, end date, successor): province admins only.
#include <set>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/org/organisation_service.h"
#include "app/catalogue_cache.h"
#include "app/idempotency.h"
#include "app/journal.h"
#include "common/text.h"
#include "domain/org/roles.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;

namespace {

json::value nullable(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

}  // namespace

Result<store::AgencyRec> OrganisationService::update_agency(const Actor& a, const std::string& id, const AgencyUpdate& in) {
  MC_TRY(require_province_admin(a, "sửa thông tin cơ quan"));
  std::vector<FieldError> errs;
  if (in.name.empty()) errs.push_back({"name", "Tên cơ quan không được để trống"});
  if (!in.valid_to.empty() && !parse_date(in.valid_to))
    errs.push_back({"valid_to", "Ngày ngừng hoạt động phải có dạng YYYY-MM-DD và là ngày hợp lệ"});
  if (in.successor_id == id) errs.push_back({"successor_id", "Cơ quan không thể kế thừa chính nó"});
  if (!errs.empty()) return validation(std::move(errs));
  Millis now = now_ms();
  store::AgencyRec out;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto cur, store::get_agency(c, id));
    if (!cur) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan " + id, "not_found");
    if (!in.valid_to.empty() && !cur->valid_from.empty() && in.valid_to < cur->valid_from)
      return field_error("valid_to", "Ngày ngừng hoạt động không được sớm hơn ngày bắt đầu " + cur->valid_from);
    if (!in.successor_id.empty()) {
      MC_ASSIGN(auto succ, store::get_agency(c, in.successor_id));
      if (!succ) return field_error("successor_id", "Không tìm thấy cơ quan kế thừa " + in.successor_id);
      // The chain of successors must not lead back here.
      std::set<std::string> seen{id};
      std::string next = succ->successor_id;
      for (int hops = 0; !next.empty() && hops < 100; ++hops) {
        if (seen.count(next)) {
          Error e = make_error(ErrorKind::conflict, "Chuỗi cơ quan kế thừa sẽ tạo thành vòng lặp.", "cycle");
          e.fields.push_back(FieldError{"successor_id", "Chuỗi kế thừa quay lại cơ quan " + next});
          return e;
        }
        seen.insert(next);
        MC_ASSIGN(auto n, store::get_agency(c, next));
        next = n ? n->successor_id : "";
      }
    }
    store::AgencyRec upd = *cur;
    upd.name = in.name;
    upd.valid_to = in.valid_to;
    upd.successor_id = in.successor_id;
    MC_TRY(store::update_agency(c, upd));
    MC_TRY(audit(c, now, a.label(), "agency.update", "agency:" + id,
                 {{"before", json::object{{"name", cur->name}, {"valid_to", nullable(cur->valid_to)},
                                          {"successor_id", nullable(cur->successor_id)}}},
                  {"after", json::object{{"name", upd.name}, {"valid_to", nullable(upd.valid_to)},
                                         {"successor_id", nullable(upd.successor_id)}}}}));
    out = std::move(upd);
    return ok_status();
  }));
  catalogue_.forget_agency(id);
  return out;
}

}  // namespace motcua::app
