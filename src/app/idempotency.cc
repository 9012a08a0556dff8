#include "app/idempotency.h"

#include "common/crypto.h"
#include "store/repo.h"

namespace motcua::app {

Idempotency idempotency(const Actor& a, const std::string& key, std::string_view kind, std::string_view object,
                        std::string_view body_hash) {
  if (key.empty()) return {};
  std::string h;
  h.reserve(kind.size() + object.size() + body_hash.size() + 2);
  h.append(kind).append("|").append(object).append("|").append(body_hash);
  return {a.label(), key, sha256_hex(h)};
}

Result<std::optional<std::string>> earlier_reply(sql::Connection& c, const Idempotency& k) {
  if (!k.on()) return std::optional<std::string>{};
  MC_ASSIGN(auto prior, store::get_idempotent(c, k.subject, k.key));
  if (!prior) return std::optional<std::string>{};
  if (prior->request_hash != k.request_hash)
    return make_error(ErrorKind::conflict, "Khoá Idempotency-Key đã dùng cho một yêu cầu khác.", "idempotency_mismatch");
  return std::optional<std::string>{std::move(prior->response)};
}

Status record_reply(sql::Connection& c, const Idempotency& k, const std::string& id, Millis now, int64_t status) {
  if (!k.on()) return ok_status();
  return store::put_idempotent(c, k.subject, k.key, store::IdempotentReply{k.request_hash, status, id}, now);
}

}  // namespace motcua::app
