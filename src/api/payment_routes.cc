// Payments of a dossier's fees (app/payment): the applicant starts one and everyone who may read
// the dossier lists them and downloads receipts; the platforms call back (paygov CONFIRM, VNPay
// IPN) and send the browser back (return URLs). Callbacks carry no session: the service believes
// them only when their signature, order and amount check.
#include <boost/json.hpp>

#include "api/context.h"
#include "common/encoding.h"
#include "common/crypto.h"

namespace motcua::api {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

json::value payment_json(const store::PaymentRec& p, const std::string& dossier_id) {
  json::object o{{"id", p.id},
                 {"dossier_id", p.dossier_id},
                 {"provider", p.provider},
                 {"order_ref", p.order_ref},
                 {"purpose", p.purpose},
                 {"amount", p.amount},
                 {"state", p.state},
                 {"created_at", p.created_at},
                 {"paid_at", p.paid_at ? json::value(p.paid_at) : json::value(nullptr)},
                 {"receipt_no", p.receipt_no.empty() ? json::value(nullptr) : json::value(p.receipt_no)}};
  o["payment_url"] = p.state == "pending" ? json::value(p.pay_url) : json::value(nullptr);
  o["receipt_url"] = p.state == "paid"
                         ? json::value("/api/v1/dossiers/" + dossier_id + "/payments/" + p.id + "/receipt.pdf")
                         : json::value(nullptr);
  return o;
}

Response list(Routes<app::PaymentService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto v = ctx.service.payments(s->actor, req.params["id"]);
  if (!v.ok()) return Response::problem(v.error());
  json::array lines, items, providers;
  for (auto& l : v->quote.lines)
    lines.push_back(json::object{{"code", l.code}, {"name", l.name}, {"amount", l.amount}, {"exempted", l.exempted}});
  for (auto& p : v->payments) items.push_back(payment_json(p, v->dossier_id));
  for (auto& p : v->providers) providers.push_back(json::value(p));
  json::array exemptions;
  for (auto& e : v->exemptions) {
    json::array fees;
    for (auto& f : e.fees) fees.push_back(json::value(f));
    exemptions.push_back(json::object{{"code", e.code}, {"label", e.label_vi}, {"fees", std::move(fees)}, {"granted", e.granted}});
  }
  json::object fee{{"status", std::string(payment::to_string(v->quote.status))},
                   {"amount", v->quote.amount},
                   {"message", v->quote.message_vi},
                   {"lines", std::move(lines)}};
  return Response::json(200, json::object{{"dossier_id", v->dossier_id},
                                          {"dossier_code", v->dossier_code},
                                          {"fee", std::move(fee)},
                                          {"may_pay", v->may_pay},
                                          {"providers", std::move(providers)},
                                          {"exemptions", std::move(exemptions)},
                                          {"items", std::move(items)}});
}

Response start(Routes<app::PaymentService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto idem = idempotency_of(req);
  if (!idem.ok()) return Response::problem(idem.error());
  // Whose dossier it is decides first, so that another citizen's id answers 404 whatever the body.
  if (auto seen = ctx.service.payments(s->actor, req.params["id"]); !seen.ok()) return Response::problem(seen.error());
  app::StartPayment in;
  auto st = http::read_json_body(req.body, [&](http::ObjectReader& rd) {
    in.provider = rd.required_string("provider", 20);
  });
  if (!st.ok()) return Response::problem(st.error());
  in.client_ip = ctx.gate.client_address(req);
  auto p = ctx.service.start(s->actor, req.params["id"], in, idem->key, idem->body_hash);
  if (!p.ok()) return Response::problem(p.error());
  Response r = Response::json(201, payment_json(*p, p->dossier_id));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response receipt(Routes<app::PaymentService>& ctx, Request& req) {
  auto s = ctx.gate.session(req);
  if (!s.ok()) return Response::problem(s.error());
  auto f = ctx.service.receipt(s->actor, req.params["id"], req.params["pid"]);
  if (!f.ok()) return Response::problem(f.error());
  Response r = Response::text(200, std::move(f->pdf), "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + f->file_name + "\"");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

// The query's parameters as one map; a repeated name makes the message unreadable (nullopt).
std::optional<app::Fields> query_fields(const Request& req) {
  app::Fields f;
  if (req.query.size() > 64) return std::nullopt;
  for (auto& [k, v] : req.query) {
    if (k.size() > 64 || v.size() > 2048 || !f.emplace(k, v).second) return std::nullopt;
  }
  return f;
}

Response vnpay_ipn(Routes<app::PaymentService>& ctx, Request& req) {
  auto f = query_fields(req);  // unreadable: refused as unsigned, and audited
  app::CallbackOutcome o = ctx.service.callback("vnpay", f ? *f : app::Fields{}, ctx.gate.client_address(req));
  const char* code = "99";
  const char* msg = "Unknow error";
  switch (o) {
    case app::CallbackOutcome::applied: code = "00"; msg = "Confirm Success"; break;
    case app::CallbackOutcome::duplicate: code = "02"; msg = "Order already confirmed"; break;
    case app::CallbackOutcome::unknown_order: code = "01"; msg = "Order not found"; break;
    case app::CallbackOutcome::bad_amount: code = "04"; msg = "invalid amount"; break;
    case app::CallbackOutcome::bad_checksum: code = "97"; msg = "Invalid signature"; break;
    case app::CallbackOutcome::error: break;
  }
  return Response::json(200, json::object{{"RspCode", code}, {"Message", msg}});
}

Response paygov_confirm(Routes<app::PaymentService>& ctx, Request& req) {
  app::Fields f;
  bool readable = true;
  auto obj = http::parse_json_object(req.body, http::JsonLimits{64 << 10, 2, 4096, 1});
  if (!obj.ok()) readable = false;
  else
    for (auto& [k, v] : *obj) {
      if (v.is_string()) f[std::string(k)] = std::string(v.as_string());
      else if (v.is_int64()) f[std::string(k)] = std::to_string(v.as_int64());
      else if (v.is_uint64()) f[std::string(k)] = std::to_string(v.as_uint64());
      else readable = false;
    }
  if (!readable) f.erase("MaXacThuc");  // unreadable: refused as unsigned, and audited
  app::CallbackOutcome o = ctx.service.callback("paygov", f, ctx.gate.client_address(req));
  std::string code(payment::kPaygovOther), msg = "Lỗi không xác định";
  switch (o) {
    case app::CallbackOutcome::applied: code = payment::kPaygovOk; msg = "Đã ghi nhận"; break;
    case app::CallbackOutcome::duplicate: code = payment::kPaygovOk; msg = "Đã ghi nhận trước đó"; break;
    case app::CallbackOutcome::unknown_order: code = payment::kPaygovUnknownOrder; msg = "Không tìm thấy giao dịch"; break;
    case app::CallbackOutcome::bad_amount: code = payment::kPaygovBadAmount; msg = "Số tiền không khớp"; break;
    case app::CallbackOutcome::bad_checksum: code = payment::kPaygovBadChecksum; msg = "Sai mã xác thực"; break;
    case app::CallbackOutcome::error: break;
  }
  return Response::json(200, json::object{{"MaLoi", code}, {"MoTa", msg}});
}

// The page the browser lands on after the platform: what we know now, and the way back to the
// dossier. It changes nothing (the state moves on the platform's callback or our query).
Response browser_return(Routes<app::PaymentService>& ctx, Request& req, const std::string& provider) {
  auto f = query_fields(req);
  auto page = f ? ctx.service.browser_return(provider, *f) : Result<app::ReturnPage>(app::ReturnPage{});
  if (!page.ok()) return Response::problem(page.error());
  std::string title, text;
  if (!page->signature_ok || page->dossier_id.empty()) {
    title = "Không xác thực được kết quả thanh toán";
    text = "Thông tin trả về từ cổng thanh toán không hợp lệ. Nếu bạn đã thanh toán, hệ thống sẽ tự cập nhật khi "
           "cổng thanh toán xác nhận; vui lòng xem lại hồ sơ sau ít phút.";
  } else if (page->state == "paid") {
    title = "Thanh toán thành công";
    text = "Hồ sơ " + page->dossier_code + " đã được ghi nhận thanh toán " + payment::format_vnd(page->amount) +
           ". Biên lai điện tử có trong trang hồ sơ.";
  } else if (page->state == "failed") {
    title = "Thanh toán không thành công";
    text = "Giao dịch cho hồ sơ " + page->dossier_code + " không thành công. Bạn có thể thanh toán lại từ trang hồ sơ.";
  } else {
    title = "Đang chờ cổng thanh toán xác nhận";
    text = "Hồ sơ " + page->dossier_code + ": hệ thống sẽ tự cập nhật khi cổng thanh toán xác nhận giao dịch.";
  }
  std::string back = page->dossier_id.empty() ? "/ho-so-cua-toi" : "/ho-so-cua-toi/" + page->dossier_id;
  std::string html = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                     "content=\"width=device-width,initial-scale=1\"><title>" + html_escape(title) +
                     "</title></head><body style=\"font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem\"><h1>" +
                     html_escape(title) + "</h1><p>" + html_escape(text) + "</p><p><a href=\"" + html_escape(back) +
                     "\">Về trang hồ sơ</a></p></body></html>";
  Response r = Response::text(200, std::move(html), "text/html; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  r.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  r.set_header("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace

void add_payment_routes(http::Router& r, Routes<app::PaymentService>& ctx) {
  r.add("GET", "/api/v1/dossiers/{id}/payments", [&ctx](Request& q) { return list(ctx, q); });
  r.add("POST", "/api/v1/dossiers/{id}/payments", [&ctx](Request& q) { return start(ctx, q); });
  r.add("GET", "/api/v1/dossiers/{id}/payments/{pid}/receipt.pdf", [&ctx](Request& q) { return receipt(ctx, q); });
  r.add("POST", "/api/v1/payments/paygov/confirm", [&ctx](Request& q) { return paygov_confirm(ctx, q); });
  r.add("GET", "/api/v1/payments/paygov/return", [&ctx](Request& q) { return browser_return(ctx, q, "paygov"); });
  r.add("GET", "/api/v1/payments/vnpay/ipn", [&ctx](Request& q) { return vnpay_ipn(ctx, q); });
  r.add("GET", "/api/v1/payments/vnpay/return", [&ctx](Request& q) { return browser_return(ctx, q, "vnpay"); });
}

}  // namespace motcua::api
