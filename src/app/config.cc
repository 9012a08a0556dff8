#include "app/config.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>

namespace motcua::app {

static const char* env(const char* k) {
  const char* v = std::getenv(k);
  return (v && *v) ? v : nullptr;
}

Result<Config> load_config_from_env() {
  Config c;
  if (auto v = env("MOTCUA_DB")) c.db = v;
  if (c.db.rfind("sqlite:", 0) != 0 && c.db.rfind("postgres:", 0) != 0)
    return make_error(ErrorKind::invalid, "MOTCUA_DB phải bắt đầu bằng sqlite: hoặc postgres:");
  if (auto v = env("MOTCUA_ADDRESS")) c.address = v;
  if (auto v = env("MOTCUA_PORT")) {
    char* end = nullptr;
    long p = std::strtol(v, &end, 10);
    if (*end || p < 0 || p > 65535) return make_error(ErrorKind::invalid, "MOTCUA_PORT không hợp lệ");
    c.port = uint16_t(p);
  }
  if (auto v = env("MOTCUA_SEED_DIR")) c.seed_dir = v;
  if (auto v = env("MOTCUA_WEB_DIR")) c.web_dir = v;
  c.public_url = "http://" + c.address + ":" + std::to_string(c.port);
  if (auto v = env("MOTCUA_PUBLIC_URL")) c.public_url = v;
  if (auto v = env("MOTCUA_PRODUCTION"); v && std::string(v) == "1") {
    c.dev_citizen_login = false;
    c.secure_cookies = true;
  }
  // In production the development login stays off whatever MOTCUA_DEV_CITIZEN_LOGIN says: VNeID
  // is the only citizen login there.
  const bool production = env("MOTCUA_PRODUCTION") && std::string(env("MOTCUA_PRODUCTION")) == "1";
  if (auto v = env("MOTCUA_DEV_CITIZEN_LOGIN"); v && !production) c.dev_citizen_login = std::string(v) == "1";
  // Bench only (bench/kpi.py measures the KPI counters' cost on intake): never on real data.
  if (production && env("MOTCUA_BENCH_NO_KPI_COUNTERS"))
    return make_error(ErrorKind::invalid, "MOTCUA_BENCH_NO_KPI_COUNTERS chỉ dùng để đo hiệu năng, không dùng khi MOTCUA_PRODUCTION=1");
  if (auto v = env("MOTCUA_OIDC_ISSUER")) c.oidc_issuer = v;
  if (auto v = env("MOTCUA_OIDC_CLIENT_ID")) c.oidc_client_id = v;
  if (auto v = env("MOTCUA_OIDC_CLIENT_SECRET")) c.oidc_client_secret = v;
  c.oidc_redirect_uri = c.public_url + "/api/v1/auth/vneid/callback";
  if (auto v = env("MOTCUA_OIDC_REDIRECT_URI")) c.oidc_redirect_uri = v;
  c.oidc_post_logout_redirect_uri = c.public_url + "/";
  if (auto v = env("MOTCUA_OIDC_POST_LOGOUT_REDIRECT_URI")) c.oidc_post_logout_redirect_uri = v;
  if (auto v = env("MOTCUA_OIDC_SCOPE")) c.oidc_scope = v;
  if (auto v = env("MOTCUA_OIDC_ID_CLAIM")) c.oidc_id_claim = v;
  if (auto v = env("MOTCUA_OIDC_ACR_LEVELS")) c.oidc_acr_levels = v;
  if (auto v = env("MOTCUA_OIDC_AFTER_LOGIN")) c.oidc_after_login = v;
  if (auto v = env("MOTCUA_OIDC_TIMEOUT_S")) c.oidc_timeout_s = std::clamp<int64_t>(std::atoll(v), 1, 120);
  if (c.oidc_on() && c.oidc_client_id.empty())
    return make_error(ErrorKind::invalid, "MOTCUA_OIDC_CLIENT_ID phải được đặt khi có MOTCUA_OIDC_ISSUER");
  if (c.oidc_after_login.empty() || c.oidc_after_login[0] != '/' || c.oidc_after_login.rfind("//", 0) == 0)
    return make_error(ErrorKind::invalid, "MOTCUA_OIDC_AFTER_LOGIN phải là một đường dẫn trong hệ thống (bắt đầu bằng /)");
  if (auto v = env("MOTCUA_SECURE_COOKIES")) c.secure_cookies = std::string(v) == "1";
  if (auto v = env("MOTCUA_SQLITE_SYNC")) c.synchronous_full = std::string(v) != "normal";
  if (auto v = env("MOTCUA_TRUST_PROXY")) c.trust_proxy = std::string(v) == "1";
  if (auto v = env("MOTCUA_LOOKUP_PER_MINUTE")) c.lookup_per_minute = std::clamp<int64_t>(std::atoll(v), 1, 1000000);
  if (auto v = env("MOTCUA_ONLINE_FILINGS_PER_DAY"))
    c.online_filings_per_day = std::clamp<int64_t>(std::atoll(v), 1, 1000000);
  if (auto v = env("MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS"))
    c.filings_per_minute_per_address = std::clamp<int64_t>(std::atoll(v), 1, 1000000);
  if (auto v = env("MOTCUA_TRAINING")) c.training = std::string(v) == "1";
  if (auto v = env("MOTCUA_RATING_SECRET")) {
    c.rating_secret = v;
    if (c.rating_secret.size() < 32) return make_error(ErrorKind::invalid, "MOTCUA_RATING_SECRET phải dài ít nhất 32 ký tự");
  }
  if (auto v = env("MOTCUA_RATING_LINK_DAYS")) c.rating_link_days = std::clamp<int64_t>(std::atoll(v), 1, 365);
  if (auto v = env("MOTCUA_OUTBOX_THREADS")) c.outbox_threads = std::clamp(std::atoi(v), 0, 16);
  if (auto v = env("MOTCUA_OUTBOX_POLL_MS")) c.outbox_poll_ms = std::clamp<int64_t>(std::atoll(v), 10, 3'600'000);
  if (auto v = env("MOTCUA_OUTBOX_BACKOFF_MS")) c.outbox_backoff_ms = std::clamp<int64_t>(std::atoll(v), 1, 86'400'000);
  if (auto v = env("MOTCUA_OUTBOX_BACKOFF_CAP_MS"))
    c.outbox_backoff_cap_ms = std::clamp<int64_t>(std::atoll(v), 1, 7 * 86'400'000LL);
  if (auto v = env("MOTCUA_OUTBOX_MAX_ATTEMPTS")) c.outbox_max_attempts = std::clamp<int64_t>(std::atoll(v), 1, 1000);
  if (auto v = env("MOTCUA_OUTBOX_LEASE_S")) c.outbox_lease_ms = std::clamp<int64_t>(std::atoll(v), 1, 86'400) * 1000;
  c.notify_templates = c.seed_dir + "/notification_templates.json";
  if (auto v = env("MOTCUA_NOTIFY_TEMPLATES")) c.notify_templates = v;
  c.evaluation_rules = c.seed_dir + "/evaluation_rules.json";
  if (auto v = env("MOTCUA_EVALUATION_RULES")) c.evaluation_rules = v;
  c.compliance_cost = c.seed_dir + "/compliance_cost.json";
  if (auto v = env("MOTCUA_COMPLIANCE_COST")) c.compliance_cost = v;
  if (auto v = env("MOTCUA_SMTP_URL")) c.smtp_url = v;
  if (auto v = env("MOTCUA_MAIL_FROM")) c.mail_from = v;
  if (auto v = env("MOTCUA_SMTP_USER")) c.smtp_user = v;
  if (auto v = env("MOTCUA_SMTP_PASSWORD")) c.smtp_password = v;
  if (auto v = env("MOTCUA_ZALO_URL")) c.zalo_url = v;
  if (auto v = env("MOTCUA_ZALO_ACCESS_TOKEN")) c.zalo_access_token = v;
  if (auto v = env("MOTCUA_SMS_URL")) c.sms_url = v;
  if (auto v = env("MOTCUA_SMS_API_KEY")) c.sms_api_key = v;
  if (auto v = env("MOTCUA_SMS_SECRET_KEY")) c.sms_secret_key = v;
  if (auto v = env("MOTCUA_SMS_BRANDNAME")) c.sms_brandname = v;
  if (auto v = env("MOTCUA_NOTIFY_TIMEOUT_S")) c.notify_timeout_s = std::clamp<int64_t>(std::atoll(v), 1, 600);
  if (auto v = env("MOTCUA_DANCU_URL")) c.dancu_url = v;
  if (auto v = env("MOTCUA_DANCU_AUTH_URL")) c.dancu_auth_url = v;
  if (auto v = env("MOTCUA_DANCU_USERNAME")) c.dancu_username = v;
  if (auto v = env("MOTCUA_DANCU_SECRET")) c.dancu_secret = v;
  if (auto v = env("MOTCUA_DANCU_X_ROAD_CLIENT")) c.dancu_x_road_client = v;
  if (auto v = env("MOTCUA_DANCU_API_KEY")) c.dancu_api_key = v;
  if (auto v = env("MOTCUA_DANCU_MADVC")) c.dancu_madvc = v;
  if (auto v = env("MOTCUA_DANCU_MADONVI")) c.dancu_madonvi = v;
  if (auto v = env("MOTCUA_DANCU_ACCOUNT")) c.dancu_account = v;
  if (auto v = env("MOTCUA_DANCU_TIMEOUT_S")) c.dancu_timeout_s = std::clamp<int64_t>(std::atoll(v), 1, 120);
  if (auto v = env("MOTCUA_DVCQG_URL")) c.dvcqg_url = v;
  if (auto v = env("MOTCUA_DVCQG_USERNAME")) c.dvcqg_username = v;
  if (auto v = env("MOTCUA_DVCQG_PASSWORD")) c.dvcqg_password = v;
  if (auto v = env("MOTCUA_DVCQG_MADONVI")) c.dvcqg_madonvi = v;
  if (auto v = env("MOTCUA_DVCQG_TIMEOUT_S")) c.dvcqg_timeout_s = std::clamp<int64_t>(std::atoll(v), 1, 600);
  if (auto v = env("MOTCUA_DVCQG_PULL_S")) c.dvcqg_pull_s = std::clamp<int64_t>(std::atoll(v), 0, 86'400);
  if (auto v = env("MOTCUA_DVCQG_INBOUND_SECRET")) {
    c.dvcqg_inbound_secret = v;
    if (c.dvcqg_inbound_secret.size() < 32)
      return make_error(ErrorKind::invalid, "MOTCUA_DVCQG_INBOUND_SECRET phải dài ít nhất 32 ký tự");
  }
  if (auto v = env("MOTCUA_ZALO_APP_ID")) c.zalo_app_id = v;
  if (auto v = env("MOTCUA_ZALO_OA_SECRET")) c.zalo_oa_secret = v;
  if (auto v = env("MOTCUA_ZALO_WEBHOOK_WINDOW_S")) c.zalo_webhook_window_s = std::clamp<int64_t>(std::atoll(v), 5, 86'400);
  if (auto v = env("MOTCUA_ZALO_OA_URL")) c.zalo_oa_url = v;
  if (auto v = env("MOTCUA_ZALO_OAUTH_URL")) c.zalo_oauth_url = v;
  if (auto v = env("MOTCUA_ZALO_APP_SECRET")) c.zalo_app_secret = v;
  if (auto v = env("MOTCUA_ZALO_REFRESH_TOKEN")) c.zalo_refresh_token = v;
  if (auto v = env("MOTCUA_MAILBOX_URL")) c.mailbox_url = v;
  if (auto v = env("MOTCUA_MAILBOX_USER")) c.mailbox_user = v;
  if (auto v = env("MOTCUA_MAILBOX_PASSWORD")) c.mailbox_password = v;
  if (auto v = env("MOTCUA_MAILBOX_POLL_S")) c.mailbox_poll_s = std::clamp<int64_t>(std::atoll(v), 1, 86'400);
  if (auto v = env("MOTCUA_MAILBOX_MAX_MB")) c.mailbox_max_mb = std::clamp<int64_t>(std::atoll(v), 1, 1024);
  if (auto v = env("MOTCUA_MAILBOX_MAX_ATTACHMENTS"))
    c.mailbox_max_attachments = std::clamp<int64_t>(std::atoll(v), 0, 100);
  if (auto v = env("MOTCUA_FILES_DIR")) c.files_dir = v;
  if (auto v = env("MOTCUA_MAX_FILE_MB")) c.max_file_mb = std::clamp<int64_t>(std::atoll(v), 1, 1024);
  if (auto v = env("MOTCUA_MAX_DOSSIER_MB")) c.max_dossier_mb = std::clamp<int64_t>(std::atoll(v), 1, 10240);
  if (auto v = env("MOTCUA_DRAFT_TTL_S")) c.draft_ttl_s = std::clamp<int64_t>(std::atoll(v), 1, 3650LL * 86400);
  if (auto v = env("MOTCUA_DRAFT_WARN_S")) c.draft_warn_s = std::clamp<int64_t>(std::atoll(v), 0, 3650LL * 86400);
  if (auto v = env("MOTCUA_BODY_MEMORY_MB")) c.body_memory_mb = std::clamp<int64_t>(std::atoll(v), 1, 65536);
  // Behind a proxy every connection has the proxy's address: no cap unless one is asked for.
  if (c.trust_proxy) c.max_conn_per_ip = 0;
  if (auto v = env("MOTCUA_MAX_CONN_PER_IP")) c.max_conn_per_ip = std::clamp<int64_t>(std::atoll(v), 0, 1000000);
  if (auto v = env("MOTCUA_IO_THREADS")) c.io_threads = std::clamp(std::atoi(v), 1, 64);
  c.worker_threads = default_worker_threads(c.db.rfind("postgres:", 0) == 0, std::thread::hardware_concurrency());
  if (auto v = env("MOTCUA_WORKERS")) c.worker_threads = std::max(2, std::atoi(v));
  return c;
}

int default_worker_threads(bool postgres, unsigned cores) {
  if (!postgres) return 64;
  return std::clamp(4 * int(cores == 0 ? 2 : cores), 8, 64);
}

}  // namespace motcua::app
