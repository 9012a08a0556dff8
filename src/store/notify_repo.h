// Notification settings of citizens and deliveries of notices (app/notify).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "store/sql/database.h"

namespace motcua::store {

struct NotifyPrefsRec {
  std::string personal_id;
  std::vector<std::string> channels;  // stored comma-separated: "email,sms"
  std::string email, phone;
  Millis updated_at = 0;
};

struct DeliveryRec {
  int64_t id = 0, outbox_id = 0;
  std::string dossier_id, event, channel, address;
  std::string state;  // pending | sent | failed (will be retried) | rejected (permanent) | skipped
  int64_t attempts = 0;
  std::string last_error;
  Millis created_at = 0, sent_at = 0;
};

Result<std::optional<NotifyPrefsRec>> get_notify_prefs(sql::Connection& c, const std::string& personal_id);
Status put_notify_prefs(sql::Connection& c, const NotifyPrefsRec& r);

// Creates the delivery unless one exists for (outbox_id, channel): never two for one notice.
Status insert_delivery_once(sql::Connection& c, const DeliveryRec& d);
Result<std::vector<DeliveryRec>> deliveries_of_row(sql::Connection& c, int64_t outbox_id);
Result<std::vector<DeliveryRec>> deliveries_of_dossier(sql::Connection& c, const std::string& dossier_id, int limit);
// Records an attempt's outcome on the delivery: state, attempts + 1, error, sent_at.
Status update_delivery(sql::Connection& c, int64_t id, const std::string& state, const std::string& error, Millis sent_at);

}  // namespace motcua::store
