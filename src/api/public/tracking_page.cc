// /tra-cuu/{code}: the plain public tracking page the QR code on every form points to. Rendered
// on the server with no script (works on any phone), over the same public lookup as the API.
#include "api/context.h"
#include "common/encoding.h"
#include "api/views.h"
#include "domain/dossier/code.h"

namespace motcua::api {
using http::Request;
using http::Response;

namespace {

std::string when(Millis t) {
  if (t == 0) return "—";
  Date d = local_date(t);
  int m = local_minute_of_day(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d giờ %02d, ngày %02d/%02d/%04d", m / 60, m % 60, d.day, d.month, d.year);
  return buf;
}

const char* kCss =
    "body{font-family:'Noto Sans',system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f5f6f8}"
    "header{background:#a51d24;color:#fff;padding:12px 16px}header p{margin:0;font-size:14px}"
    "main{max-width:640px;margin:0 auto;padding:16px}h1{font-size:20px;margin:8px 0 16px}"
    "form{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:16px}label{width:100%;font-weight:600}"
    "input{flex:1;min-width:0;font-size:16px;padding:10px;border:1px solid #767676;border-radius:4px}"
    "button{font-size:16px;padding:10px 16px;background:#1f4e9c;color:#fff;border:0;border-radius:4px}"
    "input:focus,button:focus{outline:3px solid #f0a500;outline-offset:2px}"
    "dl{background:#fff;padding:16px;border-radius:6px;display:grid;grid-template-columns:max-content 1fr;gap:8px 16px}"
    "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}.status{font-size:18px;font-weight:700;color:#1f4e9c}"
    ".err{background:#fff;border-left:4px solid #a51d24;padding:12px}"
    "@media(max-width:420px){dl{grid-template-columns:1fr}}"
    ".training{margin:0;background:#ffd400;color:#1b1b1b;font-weight:700;text-align:center;padding:8px 16px;"
    "border-bottom:3px solid #1b1b1b}";

// A training copy (MOTCUA_TRAINING=1) says so above everything else.
std::string page(const std::string& code, const std::string& key, const std::string& content, bool training) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<title>Tra cứu hồ sơ " + html_escape(code) + "</title><link rel=\"stylesheet\" href=\"/tra-cuu.css\"></head><body>" +
         std::string(training ? "<p class=\"training\" role=\"note\">BẢN ĐÀO TẠO — không có giá trị pháp lý</p>" : "") +
         "<header><p>Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi</p></header>"
         "<main><h1>Tra cứu tình trạng hồ sơ</h1>"
         "<form method=\"get\" action=\"/tra-cuu\" role=\"search\"><label for=\"ma\">Mã hồ sơ</label>"
         "<input id=\"ma\" name=\"ma\" maxlength=\"50\" autocomplete=\"off\" value=\"" + html_escape(code) + "\">"
         "<label for=\"k\">Mã tra cứu (in trên giấy tiếp nhận, không bắt buộc)</label>"
         "<input id=\"k\" name=\"k\" maxlength=\"20\" autocomplete=\"off\" value=\"" + html_escape(key) + "\">"
         "<button type=\"submit\">Tra cứu</button></form>" + content + "</main></body></html>";
}

Response html(int status, std::string body) {
  Response r = Response::text(status, std::move(body), "text/html; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response tracking(PublicRoutes& ctx, const Request& req, const std::string& code, bool training) {
  const std::string key = req.query_param("k").value_or("");
  auto page = [training, &key](const std::string& c, const std::string& content) {
    return api::page(c, key, content, training);
  };
  if (code.empty()) return html(200, page("", ""));
  if (!dossier::is_acceptable_code(code) || key.size() > 20)
    return html(400, page(code, "<p class=\"err\" role=\"alert\">Mã hồ sơ hoặc mã tra cứu không hợp lệ.</p>"));
  auto p = lookup_limited(ctx, req, code, key);
  if (!p.ok()) {
    int st = http::status_for(p.error().kind);
    Response r = html(st, page(code, "<p class=\"err\" role=\"alert\">" + html_escape(p.error().detail) + "</p>"));
    if (p.error().retry_after_s > 0) r.set_header("Retry-After", std::to_string(p.error().retry_after_s));
    return r;
  }
  // Rows in the order people read them; the details only with the tracking key (codes are
  // predictable: the code alone shows the state and the dates).
  auto row = [](const char* term, const std::string& value, const char* cls = nullptr) {
    return std::string("<dt>") + term + "</dt><dd" + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + value +
           "</dd>";
  };
  std::string dl = "<dl aria-label=\"Thông tin hồ sơ\">" + row("Mã hồ sơ", html_escape(p->code)) +
                   row("Tình trạng", html_escape(p->national_status_name), "status");
  if (p->details)
    dl += row("Thủ tục", html_escape(p->procedure_name)) + row("Cơ quan tiếp nhận", html_escape(p->receiving_agency)) +
          row("Người nộp", html_escape(p->masked_name));
  dl += row("Ngày tiếp nhận", when(p->received_at)) + row("Hẹn trả kết quả", when(p->due_at)) +
        row("Kết quả", p->result_ready ? "Đã có kết quả" : "Chưa có kết quả");
  if (p->returned_at) dl += row("Ngày trả kết quả", when(p->returned_at));
  dl += "</dl>";
  if (!p->details)
    dl += "<p>Nhập thêm mã tra cứu in trên giấy tiếp nhận (hoặc quét mã QR trên giấy) để xem thủ tục, cơ quan "
          "tiếp nhận và giấy tờ cần bổ sung.</p>";
  if (!p->supplement_items.empty()) {
    dl += "<section aria-labelledby=\"bs\"><h2 id=\"bs\">Giấy tờ cần bổ sung, hoàn thiện</h2>"
          "<p>Cơ quan tiếp nhận đề nghị bổ sung các giấy tờ sau; thời gian giải quyết tạm dừng cho đến khi nhận đủ:</p><ol>";
    for (auto& item : p->supplement_items) dl += "<li>" + html_escape(item) + "</li>";
    dl += "</ol></section>";
  }
  return html(200, page(code, dl));
}

}  // namespace

void add_tracking_routes(http::Router& r, PublicRoutes& ctx, bool training) {
  r.add("GET", "/tra-cuu", [&ctx, training](Request& q) {
    return tracking(ctx, q, q.query_param("ma").value_or(""), training);
  });
  r.add("GET", "/tra-cuu/{code}", [&ctx, training](Request& q) { return tracking(ctx, q, q.params["code"], training); });
  r.add("GET", "/tra-cuu.css", [](Request&) {
    Response res = Response::text(200, kCss, "text/css; charset=utf-8");
    res.set_header("Cache-Control", "public, max-age=3600");
    return res;
  });
}

}  // namespace motcua::api
