// The Zalo Official Account both ways (issue 16): what followers send the province's OA through
// Zalo's webhook, and the bot's answers.
//
// A delivery is taken only when its X-ZEvent-Signature is Zalo's (oa_event.h), its time within
// the window and its key not seen before (migration 019: a replay is refused, nothing written).
// Then, in one transaction with the event's key: follow/unfollow change the follower (unfollow
// also unlinks), and a text is read as a command —
//   "tra cứu <mã>" (or a code alone): the dossier's public state, exactly what the public
//     tracking page shows to whoever holds only the code (state and dates, no name);
//   "phản ánh …" / "kiến nghị …": a feedback Submission (channel zalo, external_id = msg_id)
//     filed through the feedback context's Intake, before the transaction (Intake files once per
//     external id, so a retry after a failure files nothing twice);
//   "liên kết": a one-time link (15 minutes) the citizen confirms from a logged-in portal session
//     (confirm_link); "hủy liên kết": unlinks.
// Every answer is an outbox row (topic `zalo.reply`, {"user_id","text"}), sent after the commit
// by the relay through the OA message API (integrations/zalo/oa_message_sink.h) — never inside
// the webhook's transaction. Once linked (and following), the citizen's dossier notices also go
// to this Zalo account (app/notify).
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "app/actor.h"
#include "app/clock.h"
#include "app/config.h"
#include "app/dossier/dossier_service.h"
#include "app/feedback/intake.h"
#include "app/zalo/oa_event.h"
#include "app/zalo/token_vault.h"
#include "common/result.h"
#include "store/sql/database.h"

namespace motcua::app {

inline constexpr const char* kZaloReplyTopic = "zalo.reply";

struct ZaloWebhookResult {
  std::string event_name;
  std::string action;  // follow | unfollow | lookup | feedback | link | unlink | help | ignored
};

struct ZaloLinkView {
  bool linked = false;
  bool following = false;
  Millis linked_at = 0;
};

class ZaloService {
 public:
  // `intake`: the feedback context's (nullptr until it is wired: "phản ánh" is then answered
  // that the channel is not open yet, and nothing is filed).
  ZaloService(const Config& cfg, sql::Database& db, DossierService& dossiers, feedback::Intake* intake,
              const Clock& clock);

  // One webhook delivery: `body` as received, `signature` the X-ZEvent-Signature header.
  // 404 when the webhook is not configured; 401 zalo_signature_invalid / zalo_event_stale;
  // 409 zalo_event_replayed; 400 for a body that is not an event; 503 when the feedback could
  // not be filed now (Zalo delivers again).
  Result<ZaloWebhookResult> receive(std::string_view body, std::string_view signature);

  // The citizen's own link (401 for anyone else).
  Result<ZaloLinkView> link_status(const Actor& a);
  // Confirms the link code the bot sent: 404 unknown code, 410 used by someone else or expired,
  // 409 when the Zalo account no longer follows the OA. A repeat by the same citizen answers
  // the same. A citizen already linked to another Zalo account is moved to this one. Audited.
  Result<ZaloLinkView> confirm_link(const Actor& a, const std::string& code);
  // Unlinks the citizen's Zalo account (nothing to unlink is fine). Audited.
  Result<ZaloLinkView> unlink(const Actor& a);

  // The OA's tokens in the store (zalo_oauth), for integrations/zalo's token source.
  zalo::TokenVault& token_vault() { return *vault_; }

 private:
  struct Reply;
  Result<std::string> lookup_text(const std::string& code);
  Result<std::string> feedback_text(const zalo::OaEvent& e, const zalo::Command& cmd);

  const Config& cfg_;
  sql::Database& db_;
  DossierService& dossiers_;
  feedback::Intake* intake_;
  const Clock& clock_;
  std::unique_ptr<zalo::TokenVault> vault_;
};

}  // namespace motcua::app
