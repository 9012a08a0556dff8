// Notifications (issue 13): the citizen's choice of channels and contacts, the `notify` sink of
// the outbox relay that turns one notice into one delivery per chosen channel, and the
// per-dossier delivery log.
//
// A notice (app/notify/enqueue.h) names an event and a dossier. When the relay hands its row to
// the sink, the sink resolves where it goes — the dossier owner's settings (PUT
// /api/v1/me/notifications), else the e-mail address and phone number given at intake (e-mail and
// SMS) — and records one delivery per channel (UNIQUE per row and channel: never two). Each
// delivery is sent through its channel's adapter (channel.h) with its own attempts recorded; a
// channel that fails is tried again with the row, the channels already sent are not. A channel
// with no adapter configured is recorded as skipped.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/actor.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/notify/channel.h"
#include "app/notify/enqueue.h"
#include "app/notify/templates.h"
#include "app/outbox/sink.h"
#include "common/result.h"
#include "store/notify_repo.h"
#include "store/sql/database.h"

namespace motcua::app {

struct NotifyPrefs {
  std::vector<std::string> channels;  // of "email", "zalo", "sms"
  std::string email, phone;
  Millis updated_at = 0;              // 0 = never set
};

// One delivery as the log shows it: the address masked.
struct DeliveryView {
  int64_t id = 0;
  std::string event, event_name, channel, to_masked, state, last_error;
  int64_t attempts = 0;
  Millis created_at = 0, sent_at = 0;
};

// "n***@example.vn", "090****456".
std::string mask_address(const std::string& channel, const std::string& address);
// The phone number in national form (0 + 9 digits) from "0905123456", "84905123456" or
// "+84905123456" (spaces, dots and dashes ignored); nullopt for anything else.
std::optional<std::string> normalise_phone(const std::string& s);
// A plain mailbox address: one '@', no spaces, quotes, angle brackets or control characters,
// a dotted domain, at most 254 bytes.
bool is_plain_email(const std::string& s);

class NotifyService {
 public:
  NotifyService(const Config& cfg, sql::Database& db, const Clock& clock);

  // Composition (cli/main.cc), before the relay starts.
  void set_channel(notify::Channel ch, std::shared_ptr<notify::ChannelAdapter> adapter);
  bool has_channels() const;
  void set_templates(notify::Templates t) { templates_ = std::move(t); }
  // The outbox sink for topic "notify" (lives as long as this service).
  std::shared_ptr<outbox_relay::Sink> sink();

  // The citizen's own settings (GET/PUT /api/v1/me/notifications). 401 for anyone else.
  Result<NotifyPrefs> preferences(const Actor& a);
  // Validated: channels known and each with its contact (e-mail for email, phone for zalo/sms);
  // 400 with the fields. Audited (channels only).
  Result<NotifyPrefs> set_preferences(const Actor& a, const NotifyPrefs& in);

  // What went to whom for one dossier, oldest first: its owner, and staff who may read it in
  // full. 404 when the citizen is not the owner (existence not told), 403 for staff of another
  // agency, as reading the dossier.
  Result<std::vector<DeliveryView>> deliveries(const Actor& a, const std::string& dossier_id);

  // The sink's work for one row (public for tests).
  Status deliver(const outbox_relay::Message& m);

 private:
  // Sends the deliveries of one row not yet sent, recording each attempt.
  Status send_all(const outbox_relay::Message& m, const std::string& event,
                  const std::vector<store::DeliveryRec>& todo, const notify::Values& values);
  // A feedback case's notice (payload with case_id, to, values).
  Status deliver_case(const outbox_relay::Message& m, const boost::json::object& payload);
  // Records one delivery of the row (once): pending, or skipped when the channel has no adapter.
  Status record_delivery(sql::Connection& c, const outbox_relay::Message& m, const std::string& subject_id,
                         const std::string& event, const std::string& channel, const std::string& address, Millis now);

 private:
  const Config& cfg_;
  sql::Database& db_;
  const Clock& clock_;
  std::array<std::shared_ptr<notify::ChannelAdapter>, 3> channels_;
  notify::Templates templates_;
  std::shared_ptr<outbox_relay::Sink> sink_;
};

}  // namespace motcua::app
