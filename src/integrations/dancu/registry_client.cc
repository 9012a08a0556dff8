#include "integrations/dancu/registry_client.h"

#include "common/time.h"
#include "integrations/http_client.h"

namespace motcua::integrations::dancu {

Result<std::optional<app::PersonRecord>> RegistryClient::find(const app::PopulationQuery& q) {
  LookupRequest req{q.request_id, opt_.service, "037",       q.asked_by, opt_.unit,
                    opt_.account, q.id_number,  q.full_name, q.birth_date};
  auto r = http::post_body(opt_.url, request_xml(req), "text/xml; charset=utf-8", auth_headers(opt_.credentials, now_ms()),
                     opt_.timeout_s);
  if (!r.ok())
    return make_error(ErrorKind::unavailable, "Không kết nối được Cơ sở dữ liệu quốc gia về dân cư (" + r.error().detail + ").");
  if (r->status == 401 || r->status == 403)
    return make_error(ErrorKind::unavailable,
                      "Nền tảng chia sẻ dữ liệu từ chối xác thực của tỉnh (HTTP " + std::to_string(r->status) + ").");
  // A SOAP fault comes with HTTP 500: read it for what it says; other statuses say nothing more.
  if (r->status != 200 && r->status != 500)
    return make_error(ErrorKind::unavailable,
                      "Cơ sở dữ liệu quốc gia về dân cư không trả lời được (HTTP " + std::to_string(r->status) + ").");
  MC_ASSIGN(Answer a, parse_answer(r->body));
  return person_for(a, req);
}

}  // namespace motcua::integrations::dancu
