// motcua: one binary, several subcommands sharing the configuration `make run` uses.
#include <gperftools/malloc_extension_c.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "api/context.h"
#include "app/app.h"
#include "app/demo_desk.h"
#include "app/kpi/recount.h"
#include "app/kpi/rollup.h"
#include "store/kpi_rollup.h"
#include "app/payment/payment_config.h"
#include "common/crypto.h"
#include "docs/payment_docs.h"
#include "integrations/oidc/oidc_provider.h"
#include "integrations/paygov/paygov_gateway.h"
#include "integrations/vnpay/vnpay_gateway.h"
#include "http/server.h"
#include "integrations/dvcqg/catalogue_source.h"
#include "integrations/dvcqg/dvcqg_sink.h"
#include "integrations/dvcqg/inbound.h"
#include "integrations/mail/mailbox_reader.h"
#include "integrations/dancu/registry_client.h"
#include "integrations/sms/esms_channel.h"
#include "integrations/smtp/smtp_channel.h"
#include "integrations/zalo/oa_message.h"
#include "integrations/zalo/zns_channel.h"

using namespace motcua;

namespace {

int usage() {
  std::fprintf(stderr,
               "Cách dùng: motcua <lệnh>\n"
               "  serve          chạy máy chủ (mặc định http://127.0.0.1:8080)\n"
               "  migrate        tạo/cập nhật cấu trúc CSDL\n"
               "  seed           nạp dữ liệu mẫu tỉnh Quảng Ngãi vào CSDL trống\n"
               "  seed-demo [--now RFC3339] [--seed N] [--scale K] [--weeks W]   thêm vài trăm (× K) hồ sơ mẫu ở mọi\n"
               "                 trạng thái, nhận trong W tuần trước (sau seed)\n"
               "  accounts       in các tài khoản thử nghiệm\n"
               "  audit-verify [--save-heads TỆP] [--heads TỆP]   kiểm tra chuỗi nhật ký kiểm toán (và các đầu\n"
               "                 chuỗi đã lưu trước ở TỆP)\n"
               "  bench-fill --count N [--synced P]  thêm N hồ sơ giả lập (đo hiệu năng); P %% đã được Cổng DVCQG xác nhận\n"
               "  kpi-verify [--repair]  đếm lại mọi bộ đếm chỉ tiêu từ hồ sơ và nêu từng chỗ lệch (mã 3 khi có);\n"
               "                 --repair ghi lại bộ đếm theo số đếm lại\n"
               "  outbox relay [--once]  chuyển tiếp hàng đợi gửi đi (thông báo, ...) một lượt hoặc liên tục\n"
               "  payments reconcile --date YYYY-MM-DD [--provider paygov|vnpay] [--out THƯ_MỤC]\n"
               "                 đối soát sổ thanh toán với bảng kê của cổng thanh toán (JSON và XLSX)\n"
               "  feedback watch [--at RFC3339]   một lượt nhắc hạn và báo cấp trên các phản ánh, kiến nghị\n"
               "                 (tại thời điểm --at, mặc định bây giờ)\n"
               "Biến môi trường: MOTCUA_DB (sqlite:PATH | postgres:CONNINFO), MOTCUA_PORT, MOTCUA_ADDRESS,\n"
               "  MOTCUA_SEED_DIR, MOTCUA_PRODUCTION=1\n");
  return 2;
}

int fail(const Error& e) {
  std::fprintf(stderr, "Lỗi: %s%s%s\n", e.detail.c_str(), e.code.empty() ? "" : " — ", e.code.c_str());
  return 1;
}

Result<std::unique_ptr<app::App>> open_app(const app::Config& cfg) {
  if (cfg.db.rfind("sqlite:", 0) == 0) {
    // Create the folder of the database file (var/ by default).
    std::error_code ec;
    auto dir = std::filesystem::path(cfg.db.substr(7)).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  }
  return app::App::open(cfg);
}

// VNeID login (app/identity/oidc.h) when MOTCUA_OIDC_ISSUER is set (app/config.h).
void wire_vneid(app::App& a) {
  const app::Config& c = a.config();
  if (!c.oidc_on()) return;
  a.identity().set_oidc_provider(std::make_shared<integrations::oidc::HttpProvider>(integrations::oidc::Options{
      c.oidc_issuer, c.oidc_client_id, c.oidc_client_secret, c.oidc_redirect_uri, c.oidc_id_claim,
      long(c.oidc_timeout_s)}));
}

// The payment providers configured in the environment (app/payment/payment_config.h).
void wire_payments(app::App& a) {
  auto pc = app::load_payment_config_from_env();
  a.payments().configure(pc);
  if (pc.paygov_on()) a.payments().add_gateway(std::make_unique<integrations::PaygovGateway>(pc));
  if (pc.vnpay_on()) a.payments().add_gateway(std::make_unique<integrations::VnpayGateway>(pc));
}

// The notification channels configured in the environment (app/config.h) and the relay's sinks:
// `notify` when at least one channel is configured. Rows of a topic without a sink stay pending.
Status wire_notifications(app::App& a) {
  const app::Config& c = a.config();
  auto& n = a.notify();
  if (!c.smtp_url.empty())
    n.set_channel(app::notify::Channel::email, std::make_shared<integrations::smtp::SmtpChannel>(integrations::smtp::SmtpOptions{
                                                   c.smtp_url, c.mail_from, c.smtp_user, c.smtp_password, long(c.notify_timeout_s)}));
  // One token source for ZNS and the OA messages (refreshed when Zalo refuses it, kept in the store).
  namespace zl = integrations::zalo;
  auto tokens = std::make_shared<zl::TokenSource>(
      zl::TokenOptions{c.zalo_access_token, c.zalo_refresh_token, c.zalo_oauth_url, c.zalo_app_id, c.zalo_app_secret,
                       long(c.notify_timeout_s)},
      &a.zalo().token_vault());
  std::shared_ptr<zl::OaMessenger> messenger;
  if (!c.zalo_oa_url.empty()) {
    messenger = std::make_shared<zl::OaMessenger>(c.zalo_oa_url, tokens, long(c.notify_timeout_s));
    a.relay().add_sink("zalo", std::make_shared<zl::ReplySink>(messenger));  // the bot's answers
  }
  if (!c.zalo_url.empty() || messenger)
    n.set_channel(app::notify::Channel::zalo,
                  std::make_shared<zl::ZnsChannel>(zl::ZnsOptions{c.zalo_url, tokens, long(c.notify_timeout_s), messenger}));
  if (!c.sms_url.empty())
    n.set_channel(app::notify::Channel::sms, std::make_shared<integrations::sms::EsmsChannel>(integrations::sms::EsmsOptions{
                                                 c.sms_url, c.sms_api_key, c.sms_secret_key, c.sms_brandname, long(c.notify_timeout_s)}));
  if (!n.has_channels()) return ok_status();
  MC_ASSIGN(auto templates, app::notify::Templates::load(c.notify_templates));
  n.set_templates(std::move(templates));
  a.relay().add_sink(app::notify::kTopic, n.sink());
  return ok_status();
}

// The national portal (integrations/dvcqg) when MOTCUA_DVCQG_URL is set: the relay's sink for
// `dvcqg.*` rows (without it they stay pending until it is) and the pull of dossiers filed on the
// portal (returned; started by `serve` when MOTCUA_DVCQG_PULL_S > 0).
std::unique_ptr<integrations::dvcqg::InboundPuller> wire_dvcqg(app::App& a) {
  const app::Config& c = a.config();
  if (c.dvcqg_url.empty()) return nullptr;
  auto client = std::make_shared<integrations::dvcqg::PortalClient>(integrations::dvcqg::Options{
      c.dvcqg_url, c.dvcqg_username, c.dvcqg_password, c.dvcqg_madonvi, long(c.dvcqg_timeout_s)});
  a.relay().add_sink("dvcqg", std::make_shared<integrations::dvcqg::DvcqgSink>(client, a.national()));
  a.national().set_catalogue_source(std::make_shared<integrations::dvcqg::CatalogueSource>(client));
  if (c.dvcqg_pull_s <= 0) return nullptr;
  return std::make_unique<integrations::dvcqg::InboundPuller>(client, a.national(), c.max_file_mb << 20,
                                                              c.dvcqg_pull_s * 1000);
}

// The feedback mailbox (integrations/mail) when MOTCUA_MAILBOX_URL is set and the feedback
// context's intake is wired (returned; started by `serve`).
std::unique_ptr<integrations::mail::MailboxReader> wire_mailbox(app::App& a) {
  const app::Config& c = a.config();
  if (c.mailbox_url.empty()) return nullptr;
  if (!a.intake()) {
    std::fprintf(stderr, "MOTCUA_MAILBOX_URL đã đặt nhưng chưa có dịch vụ tiếp nhận phản ánh: hộp thư chưa được đọc.\n");
    return nullptr;
  }
  return std::make_unique<integrations::mail::MailboxReader>(
      integrations::mail::MailboxOptions{c.mailbox_url, c.mailbox_user, c.mailbox_password, 30}, *a.intake(),
      integrations::mail::ReaderLimits{c.mailbox_max_mb << 20, c.max_file_mb << 20, int(c.mailbox_max_attachments), 50});
}

// The national population database (integrations/dancu) when MOTCUA_DANCU_URL is set; without it
// lookups answer 503 population_not_connected and every component is still asked for.
void wire_dancu(app::App& a) {
  const app::Config& c = a.config();
  if (c.dancu_url.empty()) return;
  integrations::dancu::Options o;
  o.url = c.dancu_url;
  o.credentials = {c.dancu_username, c.dancu_secret, c.dancu_auth_url.empty() ? c.dancu_url : c.dancu_auth_url,
                   c.dancu_x_road_client, c.dancu_api_key};
  o.service = c.dancu_madvc;
  o.unit = c.dancu_madonvi;
  o.account = c.dancu_account;
  o.timeout_s = long(c.dancu_timeout_s);
  a.population().set_registry(std::make_shared<integrations::dancu::RegistryClient>(std::move(o)));
}

// motcua outbox relay [--once]: relays due outbox rows with the configured sinks (one pass with
// --once, printing how many rows were attempted; otherwise until Ctrl+C).
int outbox_cmd(const app::Config& cfg, int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[2], "relay") != 0) return usage();
  const bool once = argc > 3 && std::strcmp(argv[3], "--once") == 0;
  auto app = open_app(cfg);
  if (!app.ok()) return fail(app.error());
  if (auto st = wire_notifications(**app); !st.ok()) return fail(st.error());
  wire_dvcqg(**app);
  if (!(*app)->relay().has_sinks()) {
    std::printf("Chưa cấu hình kênh chuyển tiếp nào (MOTCUA_SMTP_URL, MOTCUA_ZALO_URL, MOTCUA_SMS_URL).\n");
    return 0;
  }
  if (once) {
    int total = 0;
    for (;;) {  // until nothing is due
      auto n = (*app)->relay().run_once();
      if (!n.ok()) return fail(n.error());
      if (*n == 0) break;
      total += *n;
    }
    std::printf("Đã chuyển tiếp %d thông điệp.\n", total);
    return 0;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  (*app)->relay().start();
  int sig = 0;
  sigwait(&set, &sig);
  (*app)->relay().stop();
  return 0;
}

// motcua payments reconcile --date YYYY-MM-DD [--provider paygov|vnpay] [--out DIR]: our ledger
// against each configured platform's statement of that day; writes
// DIR/doi-soat-<provider>-<date>.{json,xlsx} and prints the JSON. Exit 0 when everything
// matches, 5 when there are differences, 1 on an error.
int payments_cmd(const app::Config& cfg, int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[2], "reconcile") != 0) return usage();
  std::string date, only, out_dir = ".";
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--date") == 0) date = argv[i + 1];
    else if (std::strcmp(argv[i], "--provider") == 0) only = argv[i + 1];
    else if (std::strcmp(argv[i], "--out") == 0) out_dir = argv[i + 1];
    else return usage();
  }
  if (date.empty()) return usage();
  auto app = open_app(cfg);
  if (!app.ok()) return fail(app.error());
  wire_payments(**app);
  bool differences = false, any = false;
  boost::json::array all;
  for (const char* provider : {"paygov", "vnpay"}) {
    if (!only.empty() && only != provider) continue;
    if (!(*app)->payments().has_gateway(provider)) continue;
    any = true;
    auto r = (*app)->payments().reconcile(provider, date);
    if (!r.ok()) return fail(r.error());
    static const std::map<std::string, std::string> issue_vi{
        {"missing_at_platform", "Có trong sổ của hệ thống, không có trong bảng kê của cổng"},
        {"missing_in_ledger", "Có trong bảng kê của cổng, không có trong sổ của hệ thống"},
        {"amount", "Số tiền khác nhau"},
        {"state", "Trạng thái khác nhau"}};
    boost::json::array diffs;
    docs::ReconcileSheet sheet;
    sheet.provider_label = provider == std::string("paygov") ? "Nền tảng thanh toán trực tuyến quốc gia" : "VNPay";
    sheet.date = date;
    sheet.ours = r->ours;
    sheet.theirs = r->theirs;
    sheet.matched = r->matched;
    for (auto& d : r->differences) {
      diffs.push_back(boost::json::object{{"order_ref", d.order_ref}, {"issue", d.issue}, {"our_state", d.our_state},
                                          {"their_state", d.their_state}, {"our_amount", d.our_amount},
                                          {"their_amount", d.their_amount}, {"dossier_id", d.dossier_id}});
      sheet.rows.push_back({d.order_ref, issue_vi.at(d.issue), d.our_state, d.their_state, d.dossier_id, d.our_amount,
                            d.their_amount});
    }
    differences = differences || !r->differences.empty();
    boost::json::object o{{"provider", provider}, {"date", date}, {"ours", r->ours}, {"theirs", r->theirs},
                          {"matched", r->matched}, {"differences", std::move(diffs)}};
    auto xlsx = docs::render_reconcile_xlsx(sheet);
    if (!xlsx.ok()) return fail(xlsx.error());
    const std::string base = out_dir + "/doi-soat-" + provider + "-" + date;
    std::ofstream(base + ".xlsx", std::ios::binary | std::ios::trunc) << *xlsx;
    std::ofstream(base + ".json", std::ios::trunc) << boost::json::serialize(o) << "\n";
    all.push_back(std::move(o));
  }
  if (!any) return fail(make_error(ErrorKind::invalid, "Chưa cấu hình cổng thanh toán nào (MOTCUA_PAYGOV_URL, MOTCUA_VNPAY_URL)."));
  std::printf("%s\n", boost::json::serialize(all).c_str());
  (*app)->db().close();
  return differences ? 5 : 0;
}

int print_accounts(const app::Config& cfg) {
  std::ifstream in(cfg.seed_dir + "/staff.json");
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto v = boost::json::parse(ss.str(), ec);
  if (ec || !v.is_object()) {
    std::fprintf(stderr, "Không đọc được %s/staff.json\n", cfg.seed_dir.c_str());
    return 1;
  }
  std::printf("Tài khoản thử nghiệm (cán bộ):\n");
  std::printf("  %-34s %-18s %-16s %s\n", "tên đăng nhập", "mật khẩu", "vai trò", "cơ quan");
  for (auto& s : v.as_object()["staff"].as_array()) {
    auto& o = s.as_object();
    for (auto& g : o["grants"].as_array()) {
      auto& go = g.as_object();
      std::printf("  %-30s %-14s %-16s %s\n", std::string(o["username"].as_string()).c_str(),
                  std::string(o["password"].as_string()).c_str(), std::string(go["role"].as_string()).c_str(),
                  std::string(go["agency"].as_string()).c_str());
    }
  }
  if (auto* c = v.as_object().if_contains("citizens"); c && c->is_array()) {
    std::printf("Công dân (đăng nhập thử nghiệm bằng số định danh, POST /api/v1/auth/citizen-dev-login):\n");
    for (auto& s : c->as_array())
      std::printf("  %s  %s\n", std::string(s.as_object().at("personal_id").as_string()).c_str(),
                  std::string(s.as_object().at("full_name").as_string()).c_str());
  }
  return 0;
}

// The living demo desk (app/demo_desk.h) on a fresh seeded store: its own App on a manual clock.
// The fill is rebuilt from scratch if lost, so its commits skip fsync (synchronous=NORMAL).
int seed_demo(app::Config cfg, int argc, char** argv) {
  app::DemoDeskOptions opt;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--now") == 0) {
      auto t = parse_rfc3339(argv[i + 1]);
      if (!t) return usage();
      opt.now = *t;
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      opt.seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--scale") == 0) {
      opt.scale = std::clamp(std::atoi(argv[i + 1]), 1, 100);
    } else if (std::strcmp(argv[i], "--weeks") == 0) {
      opt.weeks = std::clamp(std::atoi(argv[i + 1]), 1, 104);
    } else {
      return usage();
    }
  }
  cfg.synchronous_full = false;
  if (cfg.db.rfind("sqlite:", 0) == 0) {
    std::error_code ec;
    auto dir = std::filesystem::path(cfg.db.substr(7)).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  }
  auto clock = std::make_shared<app::ManualClock>(opt.now ? opt.now : now_ms());
  auto app = app::App::open(cfg, clock);
  if (!app.ok()) return fail(app.error());
  // Online fees are paid through VNPay: an adapter keyed with this run's own secret, with which the
  // demo signs the IPN VNPay would send (app/demo_citizens.h); the configured terminal and page.
  app::PaymentConfig pc = app::load_payment_config_from_env();
  pc.vnpay_secret = random_hex(32);
  if (pc.vnpay_url.empty()) pc.vnpay_url = cfg.public_url + "/vnpay-mo-phong/vpcpay.html";
  (*app)->payments().configure(pc);
  (*app)->payments().add_gateway(std::make_unique<integrations::VnpayGateway>(pc));
  opt.vnpay = app::DemoVnpay{pc.vnpay_tmn_code, pc.vnpay_secret};
  const auto started = std::chrono::steady_clock::now();
  auto rep = app::fill_demo_desk(**app, *clock, opt);
  if (!rep.ok()) return fail(rep.error());
  // Its counters went on past days: closed months' rollups already built are dropped (the next
  // read builds them again, store/kpi_rollup.h).
  if (auto st = (*app)->db().write([](sql::Connection& c) { return store::drop_rollups(c); }); !st.ok())
    return fail(st.error());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Đã tạo %lld hồ sơ mẫu (%lld thao tác) trong %.1f giây.\n", (long long)rep->dossiers,
              (long long)rep->use_cases, secs);
  std::printf("  theo trạng thái:");
  for (auto& [state, n] : rep->by_state) std::printf(" %s %lld;", state.c_str(), (long long)n);
  std::printf("\n  đã trả kết quả:");
  for (auto& [cls, n] : rep->returned_by_timeliness) std::printf(" %s %lld;", cls.c_str(), (long long)n);
  std::printf("\n  quá hạn %lld, sắp đến hạn %lld; trực tuyến %lld, trực tiếp %lld, bưu chính %lld; xin lỗi %lld; "
              "lấy ý kiến %lld (đang chờ %lld); tài liệu %lld\n",
              (long long)rep->overdue, (long long)rep->near_due, (long long)rep->online, (long long)rep->counter,
              (long long)rep->post, (long long)rep->apologies, (long long)rep->consultations,
              (long long)rep->open_consultations, (long long)rep->documents);
  std::printf("  thanh toán trực tuyến %lld (hủy trên trang thanh toán %lld); đánh giá:", (long long)rep->paid_online,
              (long long)rep->payments_cancelled);
  for (auto& [score, n] : rep->ratings) std::printf(" %s %lld;", score.c_str(), (long long)n);
  std::printf(" qua");
  for (auto& [channel, n] : rep->ratings_by_channel) std::printf(" %s %lld;", channel.c_str(), (long long)n);
  std::printf("\n");
  (*app)->db().close();
  return 0;
}

// motcua feedback watch [--at RFC3339]: one pass of the feedback deadline watch (reminders and
// escalations), at the given instant (tests, or catching up by hand).
int feedback_cmd(const app::Config& cfg, int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[2], "watch") != 0) return usage();
  Millis at = now_ms();
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--at") != 0) return usage();
    auto t = parse_rfc3339(argv[i + 1]);
    if (!t) return usage();
    at = *t;
  }
  auto app = app::App::open(cfg, std::make_shared<app::ManualClock>(at));
  if (!app.ok()) return fail(app.error());
  auto n = (*app)->feedback().watch_once(1000);
  if (!n.ok()) return fail(n.error());
  std::printf("Đã nhắc hạn hoặc báo cấp trên %d phản ánh, kiến nghị.\n", *n);
  return 0;
}

int serve(const app::Config& cfg) {
  // Block the stop signals in every thread; one waits for them below.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto app = open_app(cfg);
  if (!app.ok()) return fail(app.error());
  wire_payments(**app);
  (*app)->payments().start_jobs();  // re-query of pending payments
  (*app)->feedback().start_jobs();  // reminders and escalation of feedback cases
  if (auto st = wire_notifications(**app); !st.ok()) return fail(st.error());
  auto national_pull = wire_dvcqg(**app);  // the pull of dossiers filed on the national portal
  wire_dancu(**app);
  if (national_pull) national_pull->start();
  wire_vneid(**app);
  auto mailbox = wire_mailbox(**app);  // feedback by e-mail
  if (mailbox) mailbox->start((*app)->config().mailbox_poll_s * 1000);
  (*app)->relay().start();  // the outbox relay's workers (MOTCUA_OUTBOX_THREADS)
  api::Api api(**app);
  http::Router router = api.build_router();
  http::ServerOptions so;
  so.address = cfg.address;
  so.port = cfg.port;
  so.io_threads = cfg.io_threads;
  so.worker_threads = cfg.worker_threads;
  // Each route's body limit is its own (http::RouteOptions; uploads the largest).
  so.max_body_memory = size_t(cfg.body_memory_mb) << 20;  // uploads go to disk (to_disk routes)
  // Beside the stored files: an upload is moved into the blob store, not copied.
  so.spool_dir = cfg.files_dir + "/.incoming";
  so.max_connections_per_address = size_t(cfg.max_conn_per_ip);
  so.trim_memory = [] { MallocExtension_ReleaseFreeMemory(); };  // tcmalloc keeps freed pages otherwise
  http::Server server(so, router);
  auto port = server.start();
  if (!port.ok()) return fail(port.error());
  std::printf("MotCua đang phục vụ tại http://%s:%u (CSDL %s). Nhấn Ctrl+C để dừng.\n", cfg.address.c_str(),
              unsigned(*port), cfg.db.c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  std::printf("Đang dừng...\n");
  server.stop();
  server.wait();
  (*app)->payments().stop_jobs();
  (*app)->feedback().stop_jobs();
  if (national_pull) national_pull->stop();
  if (mailbox) mailbox->stop();
  (*app)->relay().stop();
  auto ws = (*app)->db().stats();
  std::printf("Đã ghi %lld lượt trong %lld giao dịch (%lld lỗi, %lld trang WAL, %lld µs CPU luồng ghi).\n"
              "Luồng ghi bận %lld µs, trong đó %lld µs ở COMMIT (ghi WAL và fsync).\n",
              (long long)ws.jobs, (long long)ws.commits, (long long)ws.failed_jobs, (long long)ws.wal_frames,
              (long long)ws.writer_cpu_us, (long long)ws.writer_busy_us, (long long)ws.commit_wall_us);
  (*app)->db().close();
  return 0;
}

// kpi-verify: every counter recounted from the dossiers (app/kpi/recount.h); exit 3 on a difference.
int kpi_verify_cmd(const app::Config& cfg, int argc, char** argv) {
  bool repair = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repair") == 0) repair = true;
    else return usage();
  }
  auto a = open_app(cfg);
  if (!a.ok()) return fail(a.error());
  auto r = app::verify_kpi((*a)->db(), *(*a)->calendar().current(), repair);
  if (!r.ok()) return fail(r.error());
  // A repair dropped the closed months' rollups: built again now rather than by the next read.
  if (r->repaired)
    if (auto st = app::ensure_kpi_rollups((*a)->db(), local_date(now_ms())); !st.ok()) return fail(st.error());
  for (auto& d : r->differences) std::printf("LỆCH: %s\n", d.c_str());
  std::printf("Đã đếm lại %lld hồ sơ; %lld dòng bộ đếm ngày, %lld dòng tồn theo hạn, %lld dòng thời gian theo bước,"
              " %lld dòng hồ sơ đã đồng bộ, %lld dòng hồ sơ có tiến độ đã cập nhật lên Cổng, %lld phản ánh, kiến nghị"
              " đã trả lời; %zu chỗ lệch.%s\n",
              (long long)r->dossiers, (long long)r->daily_rows, (long long)r->due_rows, (long long)r->step_rows,
              (long long)r->synced_rows, (long long)r->progress_rows, (long long)r->feedback_cases,
              r->differences.size(),
              r->repaired ? " Đã ghi lại bộ đếm theo số đếm lại." : "");
  return r->differences.empty() ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  auto cfg = app::load_config_from_env();
  if (!cfg.ok()) return fail(cfg.error());
  std::string cmd = argv[1];
  if (cmd == "serve") return serve(*cfg);
  if (cmd == "accounts") return print_accounts(*cfg);
  if (cmd == "seed-demo") return seed_demo(*cfg, argc, argv);
  if (cmd == "outbox") return outbox_cmd(*cfg, argc, argv);
  if (cmd == "payments") return payments_cmd(*cfg, argc, argv);
  if (cmd == "kpi-verify") return kpi_verify_cmd(*cfg, argc, argv);
  if (cmd == "feedback") return feedback_cmd(*cfg, argc, argv);
  if (cmd == "migrate" || cmd == "seed" || cmd == "audit-verify" || cmd == "bench-fill") {
    auto app = open_app(*cfg);
    if (!app.ok()) return fail(app.error());
    if (cmd == "migrate") {
      std::printf("Đã cập nhật cấu trúc CSDL.\n");
      return 0;
    }
    if (cmd == "seed") {
      if (auto st = (*app)->seed(); !st.ok()) return fail(st.error());
      std::printf("Đã nạp dữ liệu mẫu từ %s.\n", cfg->seed_dir.c_str());
      return 0;
    }
    if (cmd == "bench-fill") {
      int64_t n = 0, synced = 0;
      for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0) n = std::atoll(argv[i + 1]);
        if (std::strcmp(argv[i], "--synced") == 0) synced = std::atoll(argv[i + 1]);
      }
      if (n <= 0 || synced < 0 || synced > 100) return usage();
      if (auto st = (*app)->bench_fill(n, int(synced)); !st.ok()) return fail(st.error());
      std::printf("Đã thêm %lld hồ sơ giả lập.\n", (long long)n);
      return 0;
    }
    // --heads FILE: heads kept by an earlier `--save-heads FILE` (one "chain.seq.hash" a line),
    // which the log must still hold; --save-heads FILE: write this check's heads there.
    std::vector<std::string> kept;
    std::string save_to;
    for (int i = 2; i + 1 < argc; ++i) {
      if (std::strcmp(argv[i], "--heads") == 0) {
        std::ifstream in(argv[i + 1]);
        if (!in) return fail(make_error(ErrorKind::invalid, std::string("Không đọc được tệp ") + argv[i + 1]));
        for (std::string line; std::getline(in, line);)
          if (!line.empty()) kept.push_back(line);
      } else if (std::strcmp(argv[i], "--save-heads") == 0) {
        save_to = argv[i + 1];
      }
    }
    auto r = (*app)->verify_audit(kept);
    if (!r.ok()) return fail(r.error());
    if (r->first_broken != 0) {
      std::printf("HỎNG: chuỗi nhật ký %lld đứt tại bản ghi %lld (%s); đã kiểm %lld bản ghi.\n",
                  (long long)r->broken_chain, (long long)r->first_broken, r->reason.c_str(), (long long)r->records);
      return 3;
    }
    if (!save_to.empty()) {
      std::ofstream out(save_to, std::ios::trunc);
      for (auto& h : r->heads) out << h << "\n";
      if (!out.flush()) return fail(make_error(ErrorKind::internal, "Không ghi được tệp " + save_to));
    }
    if (!kept.empty()) std::printf("Còn nguyên %zu đầu chuỗi đã lưu trước.\n", kept.size());
    std::printf("Chuỗi nhật ký kiểm toán nguyên vẹn: %lld bản ghi trong %lld chuỗi, %lld mốc neo.\n"
                "Dấu niêm phong các đầu chuỗi (ghi lại ở nơi khác để đối chiếu sau): %s\n",
                (long long)r->records, (long long)r->chains, (long long)r->anchors, r->seal.c_str());
    return 0;
  }
  return usage();
}
