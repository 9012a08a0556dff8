#include "store/notify_repo.h"

#include "store/repo_util.h"

namespace motcua::store {
using namespace detail;

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr const char* kDeliveryCols =
    "id, outbox_id, dossier_id, event, channel, address, state, attempts, last_error, created_at, sent_at";

DeliveryRec delivery_from(const sql::Row& r) {
  return DeliveryRec{r.i64(0), r.i64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.i64(7),
                     r.text(8), r.i64(9), i64_or0(r, 10)};
}

}  // namespace

Result<std::optional<NotifyPrefsRec>> get_notify_prefs(sql::Connection& c, const std::string& personal_id) {
  Params p{txt(personal_id)};
  MC_ASSIGN(auto rows, c.query("SELECT personal_id, channels, email, phone, updated_at FROM notify_prefs"
                               " WHERE personal_id = ?",
                               p));
  if (rows.empty()) return std::optional<NotifyPrefsRec>{};
  auto& r = rows.front();
  return std::optional<NotifyPrefsRec>{NotifyPrefsRec{r.text(0), split(r.text(1)), r.text(2), r.text(3), r.i64(4)}};
}

Status put_notify_prefs(sql::Connection& c, const NotifyPrefsRec& r) {
  Params p{txt(r.personal_id), txt(join(r.channels)), txt(r.email), txt(r.phone), num(r.updated_at)};
  MC_TRY(c.exec("INSERT INTO notify_prefs (personal_id, channels, email, phone, updated_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT (personal_id) DO UPDATE SET channels = excluded.channels, email = excluded.email,"
                " phone = excluded.phone, updated_at = excluded.updated_at",
                p));
  return ok_status();
}

Status insert_delivery_once(sql::Connection& c, const DeliveryRec& d) {
  Params p{num(d.outbox_id), txt(d.dossier_id), txt(d.event), txt(d.channel), txt(d.address), txt(d.state),
           opt(d.last_error), num(d.created_at)};
  MC_TRY(c.exec("INSERT INTO notify_deliveries (outbox_id, dossier_id, event, channel, address, state, last_error,"
                " created_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (outbox_id, channel) DO NOTHING",
                p));
  return ok_status();
}

Result<std::vector<DeliveryRec>> deliveries_of_row(sql::Connection& c, int64_t outbox_id) {
  Params p{num(outbox_id)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDeliveryCols +
                                   " FROM notify_deliveries WHERE outbox_id = ? ORDER BY id",
                               p));
  std::vector<DeliveryRec> out;
  for (auto& r : rows) out.push_back(delivery_from(r));
  return out;
}

Result<std::vector<DeliveryRec>> deliveries_of_dossier(sql::Connection& c, const std::string& dossier_id, int limit) {
  Params p{txt(dossier_id), num(limit)};
  MC_ASSIGN(auto rows, c.query(std::string("SELECT ") + kDeliveryCols +
                                   " FROM notify_deliveries WHERE dossier_id = ? ORDER BY id LIMIT ?",
                               p));
  std::vector<DeliveryRec> out;
  for (auto& r : rows) out.push_back(delivery_from(r));
  return out;
}

Status update_delivery(sql::Connection& c, int64_t id, const std::string& state, const std::string& error, Millis sent_at) {
  Params p{txt(state), opt(error), opt_ms(sent_at), num(id)};
  MC_TRY(c.exec("UPDATE notify_deliveries SET state = ?, attempts = attempts + 1, last_error = ?, sent_at = ?"
                " WHERE id = ?",
                p));
  return ok_status();
}

}  // namespace motcua::store
