#include "integrations/vnpay/vnpay_gateway.h"

#include <boost/json.hpp>

#include "common/crypto.h"
#include "integrations/paygov/http_call.h"

namespace motcua::integrations {
namespace json = boost::json;
using namespace motcua::payment;

namespace {

const std::string& get(const app::Fields& f, const char* k) {
  static const std::string empty;
  auto it = f.find(k);
  return it == f.end() ? empty : it->second;
}

std::string raw_of(const app::Fields& f) {
  json::object o;
  for (auto& [k, v] : f)
    if (k != "vnp_SecureHash") o[k] = v;
  return json::serialize(o);
}

Result<app::Fields> post(const std::string& url, app::Fields msg, long timeout_ms) {
  json::object body;
  for (auto& [k, v] : msg) body[k] = v;
  MC_ASSIGN(auto a, payments::post_json(url, json::serialize(body), timeout_ms));
  boost::system::error_code ec;
  json::value v = json::parse(a.body, ec);
  if (a.status != 200 || ec || !v.is_object())
    return make_error(ErrorKind::unavailable, "VNPay trả lời không hợp lệ.", "vnpay_http_" + std::to_string(a.status));
  app::Fields f = payments::flat(v.as_object());
  if (v.as_object().contains("data")) f["__body"] = a.body;
  return f;
}

}  // namespace

VnpayGateway::VnpayGateway(const app::PaymentConfig& c)
    : pay_url_(c.vnpay_url), api_url_(c.vnpay_api_url), tmn_(c.vnpay_tmn_code), secret_(c.vnpay_secret),
      timeout_ms_(long(c.timeout_ms)) {}

Result<app::InitReply> VnpayGateway::init(const app::InitRequest& r) {
  app::Fields p{{"vnp_Version", "2.1.0"},
                {"vnp_Command", "pay"},
                {"vnp_TmnCode", tmn_},
                {"vnp_Amount", vnpay_amount(r.amount)},
                {"vnp_CurrCode", "VND"},
                {"vnp_TxnRef", r.order_ref},
                {"vnp_OrderInfo", r.description},
                {"vnp_OrderType", "other"},
                {"vnp_Locale", "vn"},
                {"vnp_ReturnUrl", r.return_url},
                {"vnp_IpAddr", r.client_ip.empty() ? "127.0.0.1" : r.client_ip},
                {"vnp_CreateDate", vn_timestamp(r.now)},
                {"vnp_ExpireDate", vn_timestamp(r.now + 15 * 60 * 1000)}};
  return app::InitReply{pay_url_ + "?" + vnpay_query_string(p, secret_), ""};
}

Result<app::ProviderStatus> VnpayGateway::query(const store::PaymentRec& p, Millis now) {
  app::Fields m{{"vnp_RequestId", random_hex(8)},
                {"vnp_Version", "2.1.0"},
                {"vnp_Command", "querydr"},
                {"vnp_TmnCode", tmn_},
                {"vnp_TxnRef", p.order_ref},
                {"vnp_OrderInfo", "Truy van giao dich " + p.order_ref},
                {"vnp_TransactionDate", vn_timestamp(p.created_at)},
                {"vnp_CreateDate", vn_timestamp(now)},
                {"vnp_IpAddr", "127.0.0.1"}};
  m["vnp_SecureHash"] = vnpay_pipe_hash(m, kVnpayQueryFields, secret_);
  MC_ASSIGN(auto f, post(api_url_, m, timeout_ms_));
  app::ProviderStatus s;
  s.raw = raw_of(f);
  if (get(f, "vnp_ResponseCode") == "91") return s;  // no such transaction at VNPay yet: still pending
  if (!same_digest(get(f, "vnp_SecureHash"), vnpay_pipe_hash(f, kVnpayQueryReplyFields, secret_)) ||
      get(f, "vnp_TxnRef") != p.order_ref)
    return make_error(ErrorKind::unavailable, "Câu trả lời của VNPay sai chữ ký.", "vnpay_bad_reply");
  if (get(f, "vnp_ResponseCode") != "00")
    return make_error(ErrorKind::unavailable, "VNPay trả lời lỗi " + get(f, "vnp_ResponseCode") + ".", "vnpay_query");
  s.outcome = vnpay_outcome("00", get(f, "vnp_TransactionStatus"));
  s.amount = vnpay_amount_to_vnd(get(f, "vnp_Amount"));
  s.provider_txn = get(f, "vnp_TransactionNo");
  return s;
}

app::CallbackFacts VnpayGateway::read_callback(const app::Fields& f) const {
  app::CallbackFacts c;
  c.signature_ok = vnpay_verify(f, secret_) && get(f, "vnp_TmnCode") == tmn_;
  c.order_ref = get(f, "vnp_TxnRef");
  c.status.outcome = vnpay_outcome(get(f, "vnp_ResponseCode"), get(f, "vnp_TransactionStatus"));
  c.status.amount = vnpay_amount_to_vnd(get(f, "vnp_Amount"));
  c.status.provider_txn = get(f, "vnp_TransactionNo");
  c.status.raw = raw_of(f);
  return c;
}

Result<std::vector<app::StatementLine>> VnpayGateway::statement(const std::string& date) {
  // ASSUMED: VNPay gives merchants their statements through its merchant portal; our simulator
  // serves the same content at the merchant API with vnp_Command=statement (docs/integrations.md).
  app::Fields m{{"vnp_RequestId", random_hex(8)}, {"vnp_Version", "2.1.0"}, {"vnp_Command", "statement"},
                {"vnp_TmnCode", tmn_}, {"vnp_Date", date}};
  m["vnp_SecureHash"] = vnpay_pipe_hash(m, {"vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Date"},
                                        secret_);
  MC_ASSIGN(auto f, post(api_url_, m, timeout_ms_));
  if (get(f, "vnp_ResponseCode") != "00")
    return make_error(ErrorKind::unavailable, "VNPay không trả bảng kê (mã " + get(f, "vnp_ResponseCode") + ").",
                      "vnpay_statement");
  if (!same_digest(get(f, "vnp_SecureHash"),
                   vnpay_pipe_hash(f, {"vnp_ResponseCode", "vnp_Date", "vnp_Count", "vnp_Total"}, secret_)))
    return make_error(ErrorKind::unavailable, "Bảng kê của VNPay sai chữ ký.", "vnpay_bad_reply");
  std::vector<app::StatementLine> out;
  json::value v = json::parse(get(f, "__body"));
  for (auto& x : v.as_object().at("data").as_array()) {
    if (!x.is_object()) continue;
    app::Fields t = payments::flat(x.as_object());
    Outcome o = vnpay_outcome(get(t, "vnp_ResponseCode"), get(t, "vnp_TransactionStatus"));
    out.push_back({get(t, "vnp_TxnRef"), get(t, "vnp_TransactionNo"), vnpay_amount_to_vnd(get(t, "vnp_Amount")).value_or(-1),
                   o == Outcome::paid ? "paid" : o == Outcome::failed ? "failed" : "pending", get(t, "vnp_PayDate")});
  }
  return out;
}

}  // namespace motcua::integrations
