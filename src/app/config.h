// Start-up configuration: defaults that `make run` uses, overridden by environment variables.
#pragma once
#include <cstdint>
#include <string>

#include "common/result.h"

namespace motcua::app {

struct Config {
  // "sqlite:<path>" or "postgres:<libpq conninfo>".  Env: MOTCUA_DB.
  std::string db = "sqlite:var/motcua.db";
  std::string address = "127.0.0.1";  // MOTCUA_ADDRESS
  uint16_t port = 8080;               // MOTCUA_PORT
  std::string seed_dir = "data/seed";  // MOTCUA_SEED_DIR
  std::string web_dir = "web/dist";    // MOTCUA_WEB_DIR: the built web apps (staff, portal)
  // Absolute base of links printed on forms (QR code to /tra-cuu/<code>).  MOTCUA_PUBLIC_URL.
  std::string public_url = "http://127.0.0.1:8080";
  // Development login of citizens by personal ID number, until the national OIDC login lands.
  // Off when MOTCUA_PRODUCTION=1 (or MOTCUA_DEV_CITIZEN_LOGIN=0).
  bool dev_citizen_login = true;
  // VNeID login through the national OpenID Connect provider (app/identity/oidc.h): on when the
  // issuer is set. MOTCUA_OIDC_ISSUER (discovery at <issuer>/.well-known/openid-configuration),
  // MOTCUA_OIDC_CLIENT_ID, MOTCUA_OIDC_CLIENT_SECRET (client_secret_basic), MOTCUA_OIDC_REDIRECT_URI
  // (default <public_url>/api/v1/auth/vneid/callback), MOTCUA_OIDC_POST_LOGOUT_REDIRECT_URI
  // (default <public_url>/), MOTCUA_OIDC_SCOPE (default "openid profile"), MOTCUA_OIDC_ID_CLAIM
  // (the claim with the 12-digit personal ID number, default SoDinhDanh), MOTCUA_OIDC_ACR_LEVELS
  // (acr=level pairs, comma-separated; default "urn:vneid:loa:1=1,urn:vneid:loa:2=2"; an acr not
  // listed gives level 0), MOTCUA_OIDC_AFTER_LOGIN (where the browser goes after login, default
  // "/"), MOTCUA_OIDC_TIMEOUT_S (each call to the provider, default 10).
  std::string oidc_issuer, oidc_client_id, oidc_client_secret, oidc_redirect_uri, oidc_post_logout_redirect_uri;
  std::string oidc_scope = "openid profile", oidc_id_claim = "SoDinhDanh";
  std::string oidc_acr_levels = "urn:vneid:loa:1=1,urn:vneid:loa:2=2";
  std::string oidc_after_login = "/";
  int64_t oidc_timeout_s = 10;
  bool oidc_on() const { return !oidc_issuer.empty(); }
  bool secure_cookies = false;         // MOTCUA_SECURE_COOKIES=1 behind TLS: __Host- cookie, Secure
  bool synchronous_full = true;        // MOTCUA_SQLITE_SYNC=normal to relax (benchmarks only)
  int64_t session_idle_minutes = 30;
  int64_t session_absolute_hours = 12;
  int io_threads = 2;                  // MOTCUA_IO_THREADS: connections' I/O (intake is answered there)
  // MOTCUA_WORKERS; unset: default_worker_threads() for the store (a write blocks its worker).
  int worker_threads = 64;
  std::string files_dir = "var/files";  // MOTCUA_FILES_DIR: uploaded documents (never served as a folder)
  int64_t max_file_mb = 20;            // MOTCUA_MAX_FILE_MB
  int64_t max_dossier_mb = 100;        // MOTCUA_MAX_DOSSIER_MB
  // Online drafts (app/eform): a draft untouched this long expires (MOTCUA_DRAFT_TTL_S, default
  // 30 days); within the last MOTCUA_DRAFT_WARN_S (default 3 days) its JSON says expiry_warning.
  int64_t draft_ttl_s = 30 * 86400;
  int64_t draft_warn_s = 3 * 86400;
  // Request bodies being read or handled at once, all connections together (503 beyond).
  int64_t body_memory_mb = 256;        // MOTCUA_BODY_MEMORY_MB
  // Open connections from one client address (503 beyond); 0: no limit (the default with
  // MOTCUA_TRUST_PROXY=1, where every connection is the proxy's).
  int64_t max_conn_per_ip = 64;        // MOTCUA_MAX_CONN_PER_IP
  // Behind nginx: take the client address from the last X-Forwarded-For hop (login throttle).
  bool trust_proxy = false;            // MOTCUA_TRUST_PROXY=1
  // Public lookups by code per client address: a burst of this many, then this many a minute;
  // a miss (unknown code, wrong tracking key) costs five.  MOTCUA_LOOKUP_PER_MINUTE.
  int64_t lookup_per_minute = 20;
  // Online filing: dossiers one citizen account may submit per rolling 24 hours, and submissions
  // per client address per minute (a burst of that many).  MOTCUA_ONLINE_FILINGS_PER_DAY,
  // MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS.
  int64_t online_filings_per_day = 20;
  int64_t filings_per_minute_per_address = 30;
  // A training copy of the province (`make training`): every page and printed form says
  // «BẢN ĐÀO TẠO — không có giá trị pháp lý».  MOTCUA_TRAINING=1.
  bool training = false;
  // Payment providers (national payment platform, VNPay) and the re-query job: read by
  // app/payment/payment_config.h (MOTCUA_PAYGOV_*, MOTCUA_VNPAY_*, MOTCUA_PAYMENT_*).
  // Rating links in notifications (DOMAIN.md §7): signed with this secret (HMAC-SHA256), valid
  // for this many days. Unset secret: one is generated at first use and kept in the store's
  // settings (`rating_link_secret`), shared by every process.  MOTCUA_RATING_SECRET (at least
  // 32 characters), MOTCUA_RATING_LINK_DAYS.
  std::string rating_secret;
  int64_t rating_link_days = 30;

  // The outbox relay (app/outbox/relay.h) run by `motcua serve`: background workers (0 = this
  // process relays nothing), the pause when nothing is due, the retry delays (exponential from
  // backoff to backoff_cap, with jitter) and the failed attempts after which a row is parked, and
  // how long a claimed row is held.  MOTCUA_OUTBOX_THREADS, MOTCUA_OUTBOX_POLL_MS,
  // MOTCUA_OUTBOX_BACKOFF_MS, MOTCUA_OUTBOX_BACKOFF_CAP_MS, MOTCUA_OUTBOX_MAX_ATTEMPTS,
  // MOTCUA_OUTBOX_LEASE_S.
  int outbox_threads = 1;
  int64_t outbox_poll_ms = 1000;
  int64_t outbox_backoff_ms = 30'000;
  int64_t outbox_backoff_cap_ms = 3'600'000;
  int64_t outbox_max_attempts = 10;
  int64_t outbox_lease_ms = 120'000;
  // Notifications (app/notify): the templates (default <seed_dir>/notification_templates.json)
  // and the channels' adapters (src/integrations; a channel without its URL is not used):
  //   e-mail  MOTCUA_SMTP_URL (smtp://host:port or smtps://), MOTCUA_MAIL_FROM,
  //           MOTCUA_SMTP_USER, MOTCUA_SMTP_PASSWORD (optional)
  //   Zalo    MOTCUA_ZALO_URL (ZNS base, e.g. https://business.openapi.zalo.me),
  //           MOTCUA_ZALO_ACCESS_TOKEN
  //   SMS     MOTCUA_SMS_URL (eSMS base, e.g. https://rest.esms.vn), MOTCUA_SMS_API_KEY,
  //           MOTCUA_SMS_SECRET_KEY, MOTCUA_SMS_BRANDNAME
  //   each call's timeout  MOTCUA_NOTIFY_TIMEOUT_S (default 20)
  std::string notify_templates;  // MOTCUA_NOTIFY_TEMPLATES
  // The quarterly evaluation's rules and the compliance-cost parameters of the procedure review
  // (issue 14), data read once at first use: default <seed_dir>/evaluation_rules.json and
  // <seed_dir>/compliance_cost.json; MOTCUA_EVALUATION_RULES, MOTCUA_COMPLIANCE_COST.
  std::string evaluation_rules, compliance_cost;
  std::string smtp_url, mail_from = "MotCua <khong-tra-loi@motcua.local>", smtp_user, smtp_password;
  std::string zalo_url, zalo_access_token;
  std::string sms_url, sms_api_key, sms_secret_key, sms_brandname = "MOTCUA";
  int64_t notify_timeout_s = 20;
  // The national public service portal (DVCQG; integrations/dvcqg, docs/integrations.md): its
  // base URL (unset: nothing is sent, `dvcqg.sync` rows stay pending), the province's account and
  // unit code there, each call's timeout; and the secret the portal presents when it calls us
  // (TraCuuHoSo, POST /api/v1/dvcqg/tra-cuu-ho-so; unset: that route answers 404).
  //   MOTCUA_DVCQG_URL, MOTCUA_DVCQG_USERNAME, MOTCUA_DVCQG_PASSWORD, MOTCUA_DVCQG_MADONVI,
  //   MOTCUA_DVCQG_TIMEOUT_S (default 10), MOTCUA_DVCQG_INBOUND_SECRET (at least 32 characters),
  //   MOTCUA_DVCQG_PULL_S: seconds between pulls of dossiers filed on the portal (default 60, 0 = off)
  std::string dvcqg_url, dvcqg_username, dvcqg_password, dvcqg_madonvi, dvcqg_inbound_secret;
  int64_t dvcqg_timeout_s = 10;
  int64_t dvcqg_pull_s = 60;
  // The Zalo Official Account both ways (app/zalo, integrations/zalo; docs/integrations.md):
  //   MOTCUA_ZALO_APP_ID, MOTCUA_ZALO_OA_SECRET  the app id and the OA secret key the webhook's
  //     X-ZEvent-Signature is computed with (unset: POST /api/v1/integrations/zalo/webhook is 404)
  //   MOTCUA_ZALO_WEBHOOK_WINDOW_S  how far an event's timestamp may be from now (default 300)
  //   MOTCUA_ZALO_OA_URL  the OA message API base (e.g. https://openapi.zalo.me; unset: replies
  //     stay in the outbox)
  //   MOTCUA_ZALO_OAUTH_URL (e.g. https://oauth.zaloapp.com), MOTCUA_ZALO_APP_SECRET,
  //     MOTCUA_ZALO_REFRESH_TOKEN  refreshing the access token when it expires (the first refresh
  //     token; later ones are kept in the store). Unset: MOTCUA_ZALO_ACCESS_TOKEN is used as is.
  std::string zalo_app_id, zalo_oa_secret, zalo_oa_url, zalo_oauth_url, zalo_app_secret, zalo_refresh_token;
  int64_t zalo_webhook_window_s = 300;
  bool zalo_webhook_on() const { return !zalo_app_id.empty() && !zalo_oa_secret.empty(); }
  // The e-mail mailbox read for feedback (integrations/mail): MOTCUA_MAILBOX_URL
  // (imap://host:port/INBOX or imaps://…; unset: not read), MOTCUA_MAILBOX_USER,
  // MOTCUA_MAILBOX_PASSWORD, MOTCUA_MAILBOX_POLL_S (default 60), MOTCUA_MAILBOX_MAX_MB (largest
  // message taken, default 25), MOTCUA_MAILBOX_MAX_ATTACHMENTS (default 10; each within
  // MOTCUA_MAX_FILE_MB).
  std::string mailbox_url, mailbox_user, mailbox_password;
  int64_t mailbox_poll_s = 60, mailbox_max_mb = 25, mailbox_max_attachments = 10;
  // The national population database through the data-sharing platform (integrations/dancu,
  // docs/integrations.md): the service address (unset: not connected, every component is asked
  // for), the address the signature covers (default: the same), the province's account and
  // secret there, its X-Road-Client and ApiKey, the codes sent with each lookup (MaDVC, MaDonVi,
  // TaiKhoan), each call's timeout.
  //   MOTCUA_DANCU_URL, MOTCUA_DANCU_AUTH_URL, MOTCUA_DANCU_USERNAME, MOTCUA_DANCU_SECRET,
  //   MOTCUA_DANCU_X_ROAD_CLIENT, MOTCUA_DANCU_API_KEY, MOTCUA_DANCU_MADVC, MOTCUA_DANCU_MADONVI,
  //   MOTCUA_DANCU_ACCOUNT, MOTCUA_DANCU_TIMEOUT_S (default 10)
  std::string dancu_url, dancu_auth_url, dancu_username, dancu_secret, dancu_x_road_client, dancu_api_key;
  std::string dancu_madvc = "MOTCUA", dancu_madonvi, dancu_account;
  int64_t dancu_timeout_s = 10;
};

Result<Config> load_config_from_env();

// Handler threads when MOTCUA_WORKERS is not set. SQLite: 64, because one writer commits in groups
// and more requests in flight make bigger groups. PostgreSQL: 4 per core (at least 8, at most 64):
// every worker holds a connection whose backend competes for the same cores, and measured on 2
// cores 8 workers took as many intakes as 64 alone (1,547/s against 1,438/s) while leaving room
// for a second process on the same database (two together 1.13× one; with 64 each, 0.86×).
int default_worker_threads(bool postgres, unsigned cores);

}  // namespace motcua::app
