#include "api/context.h"

#include "common/crypto.h"

namespace motcua::api {

std::string Gate::cookie_name() const {
  return config.secure_cookies ? "__Host-motcua_session" : "motcua_session";
}

std::string Gate::session_cookie(const std::string& token) const {
  std::string c = cookie_name() + "=" + token + "; Path=/; HttpOnly; SameSite=Lax";
  c += "; Max-Age=" + std::to_string(config.session_absolute_hours * 3600);
  if (config.secure_cookies) c += "; Secure";
  return c;
}

std::string Gate::clear_cookie() const {
  std::string c = cookie_name() + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (config.secure_cookies) c += "; Secure";
  return c;
}

namespace {

Error login_required() {
  return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập để tiếp tục.", "login_required");
}

// A state-changing request must carry the session's CSRF token.
Result<app::SessionInfo> csrf_checked(const http::Request& req, Result<app::SessionInfo> r) {
  if (!r.ok()) return r;
  const app::SessionInfo& s = r.value();
  bool safe = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
  if (!safe) {
    auto sent = req.header("x-csrf-token");
    if (!sent || !constant_time_equal(*sent, s.csrf))
      return make_error(ErrorKind::forbidden, "Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token). Vui lòng tải lại trang.",
                        "csrf");
  }
  return r;
}

}  // namespace

Result<app::SessionInfo> Gate::session(const http::Request& req) const {
  auto token = req.cookie(cookie_name());
  if (!token || token->empty()) return login_required();
  return csrf_checked(req, identity.authenticate(*token));
}

std::optional<Result<app::SessionInfo>> Gate::session_in_memory(const http::Request& req) const {
  auto token = req.cookie(cookie_name());
  if (!token || token->empty()) return Result<app::SessionInfo>(login_required());
  auto r = identity.authenticate_cached(*token);
  if (!r) return std::nullopt;
  return csrf_checked(req, std::move(*r));
}

std::string Gate::client_address(const http::Request& req) const {
  if (config.trust_proxy) {
    if (auto xff = req.header("x-forwarded-for")) {
      std::string_view v = *xff;
      auto comma = v.rfind(',');
      v = comma == std::string_view::npos ? v : v.substr(comma + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (!v.empty() && v.size() <= 45) return std::string(v);
    }
  }
  return req.remote_addr;
}

Status within_limit(http::RateLimiter& limiter, const std::string& key, int cost, const char* detail) {
  int64_t wait = limiter.take(key, cost, now_ms());
  if (wait == 0) return ok_status();
  Error e = make_error(ErrorKind::too_many,
                       std::string(detail) + " Vui lòng thử lại sau " + std::to_string(wait) + " giây.", "rate_limited");
  e.retry_after_s = wait;
  return e;
}

Result<IdempotencyHeader> idempotency_of(const http::Request& req) {
  std::string key(req.header("idempotency-key").value_or(""));
  auto bad = [](const std::string& detail) {
    Error e = make_error(ErrorKind::invalid, detail, "invalid_idempotency_key");
    e.fields.push_back(FieldError{"Idempotency-Key", detail});
    return e;
  };
  if (key.size() > 200) return bad("Idempotency-Key tối đa 200 ký tự.");
  // Visible ASCII only (a UUID, say): no spaces, control characters or letters with diacritics.
  for (unsigned char ch : key)
    if (ch < 0x21 || ch > 0x7e)
      return bad("Idempotency-Key chỉ gồm chữ cái không dấu, chữ số và ký hiệu ASCII in được "
                 "(không có dấu cách), ví dụ một UUID.");
  if (key.empty()) return IdempotencyHeader{};
  if (req.body_file) return IdempotencyHeader{std::move(key), sha256_file_hex(req.body_file->path)};
  return IdempotencyHeader{std::move(key), sha256_hex(req.body)};
}

Api::Api(app::App& app)
    : limits_(app.config()),
      gate_{app.config(), app.identity(), limits_},
      public_{gate_, app.catalogue(), app.organisation(), app.calendar(), app.dossiers()},
      dossiers_{gate_, app.dossiers()},
      calendar_{gate_, app.calendar()},
      manage_{gate_, app.identity(), app.organisation(), app.catalogue()},
      units_{gate_, app.organisation()},
      forms_{gate_, app.forms()},
      eforms_{gate_, app.eforms()},
      relay_{gate_, app.relay()},
      notify_{gate_, app.notify()},
      payments_{gate_, app.payments()},
      citizen_{gate_, app.citizen()},
      national_{gate_, app.national()},
      kpi_{gate_, app.kpi()},
      index766_{gate_, app.index766()},
      feedback_{gate_, app.feedback()},
      zalo_{gate_, app.zalo()},
      evaluation_{gate_, app.evaluation()},
      review_{gate_, app.review()},
      reports_{gate_, app.reports()},
      population_{gate_, app.population()},
      config_(app.config()) {}

http::Router Api::build_router() {
  http::Router r;
  add_public_routes(r, public_);
  add_auth_routes(r, gate_);
  add_vneid_routes(r, gate_);
  add_dossier_routes(r, dossiers_);
  add_admin_routes(r, calendar_);
  add_admin_manage_routes(r, manage_);
  add_admin_unit_routes(r, units_);
  add_static_routes(r, config_, &public_.catalogue);
  add_document_routes(r, dossiers_);
  add_form_routes(r, forms_);
  add_eform_routes(r, eforms_);
  add_outbox_routes(r, relay_);
  add_notify_routes(r, notify_);
  add_payment_routes(r, payments_);
  add_citizen_routes(r, citizen_);
  add_dvcqg_routes(r, national_);
  add_kpi_routes(r, kpi_);
  add_index766_routes(r, index766_);
  add_feedback_routes(r, feedback_);
  add_open311_routes(r, feedback_);
  add_zalo_routes(r, zalo_);
  add_evaluation_routes(r, evaluation_);
  add_report_routes(r, reports_);
  add_review_routes(r, review_);
  add_population_routes(r, population_);
  add_tracking_routes(r, public_, config_.training);
  // Routes with large bodies (uploads) are for signed-in users: their session (and CSRF token)
  // is checked from the header before the server reads the body; a refusal is sent at once.
  r.set_body_gate([&gate = gate_](const http::Request& q, bool may_block) -> std::optional<http::Response> {
    std::optional<Result<app::SessionInfo>> s =
        may_block ? std::optional<Result<app::SessionInfo>>(gate.session(q)) : gate.session_in_memory(q);
    if (!s) return http::Response::on_worker();
    if (!s->ok()) return http::Response::problem(s->error());
    return std::nullopt;
  });
  return r;
}

}  // namespace motcua::api
