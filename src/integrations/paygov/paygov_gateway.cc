#include "integrations/paygov/paygov_gateway.h"

#include <boost/json.hpp>

#include "integrations/paygov/http_call.h"

namespace motcua::integrations {
namespace json = boost::json;
using namespace motcua::payment;

namespace {

std::string raw_of(const app::Fields& f) {
  json::object o;
  for (auto& [k, v] : f) o[k] = v;
  return json::serialize(o);
}

std::optional<int64_t> amount_of(const std::string& s) {
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

Outcome outcome_of(const std::string& trang_thai) {
  auto s = parse_paygov_status(trang_thai);
  if (!s) return Outcome::pending;
  return *s == PaygovStatus::success ? Outcome::paid : *s == PaygovStatus::failed ? Outcome::failed : Outcome::pending;
}

const std::string& get(const app::Fields& f, const char* k) {
  static const std::string empty;
  auto it = f.find(k);
  return it == f.end() ? empty : it->second;
}

}  // namespace

PaygovGateway::PaygovGateway(const app::PaymentConfig& c)
    : url_(c.paygov_url), merchant_(c.paygov_merchant), secret_(c.paygov_secret), timeout_ms_(long(c.timeout_ms)) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

Result<app::Fields> PaygovGateway::call(const std::string& path, app::Fields msg, const std::vector<std::string>& order) {
  msg["MaXacThuc"] = paygov_checksum(msg, order, secret_);
  json::object body;
  for (auto& [k, v] : msg) body[k] = v;
  MC_ASSIGN(auto a, payments::post_json(url_ + path, json::serialize(body), timeout_ms_));
  boost::system::error_code ec;
  json::value v = json::parse(a.body, ec);
  if (a.status != 200 || ec || !v.is_object())
    return make_error(ErrorKind::unavailable, "Nền tảng thanh toán trả lời không hợp lệ.",
                      "paygov_http_" + std::to_string(a.status));
  app::Fields f = payments::flat(v.as_object());
  if (path == "/statement" && v.as_object().contains("GiaoDich")) f["__body"] = a.body;
  return f;
}

Result<app::InitReply> PaygovGateway::init(const app::InitRequest& r) {
  app::Fields m{{"MaDoiTac", merchant_},           {"MaThamChieu", r.order_ref},
                {"SoTien", std::to_string(r.amount)}, {"MaHoSo", r.dossier_code},
                {"UrlTraVe", r.return_url},        {"ThoiGianGD", vn_timestamp(r.now)},
                {"NoiDung", r.description}};
  MC_ASSIGN(auto f, call("/init", m, kPaygovInitFields));
  if (get(f, "MaLoi") != "00")
    return make_error(ErrorKind::unavailable, "Nền tảng thanh toán từ chối tạo giao dịch (mã " + get(f, "MaLoi") + ").",
                      "paygov_init_refused");
  if (!paygov_verify(f, kPaygovInitReplyFields, secret_) || get(f, "MaThamChieu") != r.order_ref)
    return make_error(ErrorKind::unavailable, "Câu trả lời của nền tảng thanh toán sai mã xác thực.", "paygov_bad_reply");
  return app::InitReply{get(f, "UrlThanhToan"), get(f, "MaGiaoDich")};
}

Result<app::ProviderStatus> PaygovGateway::query(const store::PaymentRec& p, Millis now) {
  app::Fields m{{"MaDoiTac", merchant_}, {"MaThamChieu", p.order_ref}, {"ThoiGianGD", vn_timestamp(now)}};
  MC_ASSIGN(auto f, call("/query", m, kPaygovQueryFields));
  app::ProviderStatus s;
  s.raw = raw_of(f);
  if (get(f, "MaLoi") == "01") return s;  // the platform holds no payment of it yet: still pending
  if (get(f, "MaLoi") != "00")
    return make_error(ErrorKind::unavailable, "Nền tảng thanh toán trả lời lỗi " + get(f, "MaLoi") + ".", "paygov_query");
  if (!paygov_verify(f, kPaygovQueryReplyFields, secret_) || get(f, "MaThamChieu") != p.order_ref)
    return make_error(ErrorKind::unavailable, "Câu trả lời của nền tảng thanh toán sai mã xác thực.", "paygov_bad_reply");
  s.outcome = outcome_of(get(f, "TrangThai"));
  s.amount = amount_of(get(f, "SoTien"));
  s.provider_txn = get(f, "MaGiaoDich");
  return s;
}

app::CallbackFacts PaygovGateway::read_callback(const app::Fields& f) const {
  app::CallbackFacts c;
  c.signature_ok = paygov_verify(f, kPaygovConfirmFields, secret_) && get(f, "MaDoiTac") == merchant_;
  c.order_ref = get(f, "MaThamChieu");
  c.status.outcome = outcome_of(get(f, "TrangThai"));
  c.status.amount = amount_of(get(f, "SoTien"));
  c.status.provider_txn = get(f, "MaGiaoDich");
  c.status.raw = raw_of(f);
  return c;
}

app::CallbackFacts PaygovGateway::read_return(const app::Fields& f) const {
  app::CallbackFacts c;
  c.signature_ok = paygov_verify(f, kPaygovReturnFields, secret_);
  c.order_ref = get(f, "MaThamChieu");
  c.status.outcome = outcome_of(get(f, "TrangThai"));
  return c;
}

Result<std::vector<app::StatementLine>> PaygovGateway::statement(const std::string& date) {
  app::Fields m{{"MaDoiTac", merchant_}, {"Ngay", date}};
  MC_ASSIGN(auto f, call("/statement", m, kPaygovStatementFields));
  if (get(f, "MaLoi") != "00")
    return make_error(ErrorKind::unavailable, "Nền tảng thanh toán không trả bảng kê (mã " + get(f, "MaLoi") + ").",
                      "paygov_statement");
  // The statement is signed over MaLoi|Ngay|SoGiaoDich|TongTien.
  if (!paygov_verify(f, {"MaLoi", "Ngay", "SoGiaoDich", "TongTien"}, secret_))
    return make_error(ErrorKind::unavailable, "Bảng kê của nền tảng thanh toán sai mã xác thực.", "paygov_bad_reply");
  std::vector<app::StatementLine> out;
  json::value v = json::parse(get(f, "__body"));
  for (auto& x : v.as_object().at("GiaoDich").as_array()) {
    if (!x.is_object()) continue;
    app::Fields t = payments::flat(x.as_object());
    Outcome o = outcome_of(get(t, "TrangThai"));
    out.push_back({get(t, "MaThamChieu"), get(t, "MaGiaoDich"), amount_of(get(t, "SoTien")).value_or(-1),
                   o == Outcome::paid ? "paid" : o == Outcome::failed ? "failed" : "pending", get(t, "ThoiGianThanhToan")});
  }
  return out;
}

}  // namespace motcua::integrations
