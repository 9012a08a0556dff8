#!/usr/bin/env python3
"""Simulator of VNPay (API 2.1.0) for MotCua's payment adapter (src/integrations/vnpay).

  server.py --port N [--secret S] [--tmn-code C] [--ipn-url URL] [--mode demo]

- GET /paymentv2/vpcpay.html?vnp_...: the payment page. vnp_SecureHash must be the HMAC-SHA512 of
  the other parameters sorted by name, urlencoded (PHP urlencode: space '+', '~' encoded), joined
  with '&'; vnp_TmnCode must be ours; vnp_Amount a multiple of 100. A bad request is refused (the
  page says so, code 70/03) and recorded.
- Paying calls our IPN (GET --ipn-url?vnp_...&vnp_SecureHash=...) and sends the browser to
  vnp_ReturnUrl with the same signed parameters.
- POST /merchant_webapi/api/transaction: querydr (pipe-joined HMAC-SHA512), and (ASSUMED, for the
  reconciliation) vnp_Command=statement: the day's transactions.

Control (tests): POST /_control {"behaviour": success|failure|pending|late|duplicated|tampered,
"late_ms", "repeat", "tamper": "checksum"|"amount"}; GET /_control/log; POST /_control/pay
{"order_ref", "outcome"}; POST /_control/settle {"order_ref", "state"}; POST /_control/statement.
"""
import argparse
import datetime
import hashlib
import hmac
import html
import json
import threading
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BANNER = "MÔ PHỎNG — không phải cổng thanh toán thật"
QUERY = ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate",
         "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"]
QUERY_REPLY = ["vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef",
               "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType",
               "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount"]
STATEMENT = ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Date"]
STATEMENT_REPLY = ["vnp_ResponseCode", "vnp_Date", "vnp_Count", "vnp_Total"]
CODES = {"paid": ("00", "00"), "failed": ("24", "02"), "pending": ("00", "01")}


def urlencode_php(s):
    return urllib.parse.quote_plus(s, safe="").replace("~", "%7E")


def sign_data(params):
    return "&".join(urlencode_php(k) + "=" + urlencode_php(v) for k, v in sorted(params.items())
                    if k not in ("vnp_SecureHash", "vnp_SecureHashType"))


def secure_hash(params, secret):
    return hmac.new(secret.encode(), sign_data(params).encode(), hashlib.sha512).hexdigest()


def pipe_hash(msg, order, secret):
    return hmac.new(secret.encode(), "|".join(str(msg.get(f, "")) for f in order).encode(), hashlib.sha512).hexdigest()


def vn_now():
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)


class Gateway:
    def __init__(self, args):
        self.secret, self.tmn, self.ipn_url = args.secret, args.tmn_code, args.ipn_url
        self.lock = threading.Lock()
        self.orders = {}
        self.behaviour = {"behaviour": "success", "late_ms": 1500, "repeat": 100, "tamper": "checksum"}
        self.log = {"received": [], "refused": [], "callbacks": [], "queries": 0}
        self.phantoms = []

    def refuse(self, what, msg):
        with self.lock:
            self.log["refused"].append({"what": what, "message": msg})

    def create(self, q):
        self.log["received"].append({"message": "pay", "order_ref": q.get("vnp_TxnRef")})
        if not hmac.compare_digest(q.get("vnp_SecureHash", "").lower(), secure_hash(q, self.secret)):
            self.refuse("pay", q)
            return None, "70", "Sai chữ ký"
        if q.get("vnp_TmnCode") != self.tmn:
            self.refuse("pay", q)
            return None, "02", "Mã website không đúng"
        amount = q.get("vnp_Amount", "")
        if not amount.isdigit() or int(amount) % 100 or int(amount) <= 0:
            self.refuse("pay", q)
            return None, "03", "Số tiền không hợp lệ"
        info = q.get("vnp_OrderInfo", "")
        if not info or not all(" " <= ch <= "~" for ch in info):  # VNPay: Vietnamese without diacritics
            self.refuse("pay", q)
            return None, "03", "Nội dung thanh toán phải là tiếng Việt không dấu"
        ref = q["vnp_TxnRef"]
        with self.lock:
            if ref not in self.orders:
                self.orders[ref] = {"ref": ref, "amount": int(amount), "info": q.get("vnp_OrderInfo", ""),
                                    "return": q.get("vnp_ReturnUrl", ""), "created": q.get("vnp_CreateDate", ""),
                                    "txn": str(14000000 + len(self.orders) + 1), "state": "new", "paid_at": None,
                                    "statement_amount": None}
        return self.orders[ref], "00", ""

    def result_params(self, o):
        rc, ts = CODES[o["state"]]
        p = {"vnp_Amount": str(o["amount"]), "vnp_BankCode": "NCB", "vnp_BankTranNo": "VNP" + o["txn"],
             "vnp_CardType": "ATM", "vnp_OrderInfo": o["info"], "vnp_PayDate": o["paid_at"] or "",
             "vnp_ResponseCode": rc, "vnp_TmnCode": self.tmn, "vnp_TransactionNo": o["txn"],
             "vnp_TransactionStatus": ts, "vnp_TxnRef": o["ref"]}
        p["vnp_SecureHash"] = secure_hash(p, self.secret)
        return p

    def send_ipn(self, p):
        answer, status = None, None
        try:
            with urllib.request.urlopen(self.ipn_url + "?" + urllib.parse.urlencode(p), timeout=10) as resp:
                status = resp.status
                answer = json.loads(resp.read() or b"{}")
        except Exception as e:  # noqa: BLE001
            answer = {"error": str(e)}
        with self.lock:
            self.log["callbacks"].append({"order_ref": p.get("vnp_TxnRef"), "status": status, "answer": answer,
                                          "sent": p})
        return answer

    def pay(self, ref, outcome):
        b = dict(self.behaviour)
        with self.lock:
            o = self.orders.get(ref)
            if not o:
                return None
            if outcome != "success" or b["behaviour"] == "failure":
                o["state"] = "failed"
            elif b["behaviour"] == "pending":
                o["state"] = "pending"
            else:
                o["state"] = "paid"
            o["paid_at"] = vn_now().strftime("%Y%m%d%H%M%S")
        p = self.result_params(o)
        if o["state"] != "pending":
            kind = b["behaviour"]
            if kind == "tampered":
                t = dict(p)
                t["vnp_Amount"] = str(max(100, (int(t["vnp_Amount"]) // 1000) * 100))
                if b.get("tamper") == "amount":
                    t["vnp_SecureHash"] = secure_hash(t, self.secret)
                self.send_ipn(t)
            elif kind == "duplicated":
                for _ in range(int(b.get("repeat", 100))):
                    self.send_ipn(p)
            elif kind == "late":
                threading.Timer(int(b.get("late_ms", 1500)) / 1000.0, self.send_ipn, args=(p,)).start()
            else:
                self.send_ipn(p)
        sep = "&" if "?" in o["return"] else "?"
        return o["return"] + sep + urllib.parse.urlencode(p)

    def querydr(self, m):
        with self.lock:
            self.log["queries"] += 1
        if not hmac.compare_digest(m.get("vnp_SecureHash", "").lower(), pipe_hash(m, QUERY, self.secret)):
            self.refuse("querydr", m)
            return {"vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"}
        o = self.orders.get(m.get("vnp_TxnRef"))
        if not o or o["state"] == "new":
            return {"vnp_ResponseCode": "91", "vnp_Message": "Not found transaction"}
        rc, ts = CODES[o["state"]]
        r = {"vnp_ResponseId": uuid.uuid4().hex[:16], "vnp_Command": "querydr", "vnp_ResponseCode": "00",
             "vnp_Message": "QueryDR Success", "vnp_TmnCode": self.tmn, "vnp_TxnRef": o["ref"],
             "vnp_Amount": str(o["amount"]), "vnp_BankCode": "NCB", "vnp_PayDate": o["paid_at"] or "",
             "vnp_TransactionNo": o["txn"], "vnp_TransactionType": "01", "vnp_TransactionStatus": ts,
             "vnp_OrderInfo": o["info"], "vnp_PromotionCode": "", "vnp_PromotionAmount": ""}
        r["vnp_SecureHash"] = pipe_hash(r, QUERY_REPLY, self.secret)
        return r

    def statement(self, m):
        if not hmac.compare_digest(m.get("vnp_SecureHash", "").lower(), pipe_hash(m, STATEMENT, self.secret)):
            self.refuse("statement", m)
            return {"vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"}
        day = m.get("vnp_Date", "").replace("-", "")
        rows = []
        with self.lock:
            for o in self.orders.values():
                if o["state"] in ("paid", "failed") and (o["paid_at"] or "").startswith(day):
                    rc, ts = CODES[o["state"]]
                    amount = o["statement_amount"] * 100 if o["statement_amount"] is not None else o["amount"]
                    rows.append({"vnp_TxnRef": o["ref"], "vnp_TransactionNo": o["txn"], "vnp_Amount": str(amount),
                                 "vnp_ResponseCode": rc, "vnp_TransactionStatus": ts, "vnp_PayDate": o["paid_at"]})
            rows += [x for x in self.phantoms if x["vnp_PayDate"].startswith(day)]
        total = sum(int(x["vnp_Amount"]) for x in rows if x["vnp_TransactionStatus"] == "00")
        r = {"vnp_ResponseCode": "00", "vnp_Date": m.get("vnp_Date", ""), "vnp_Count": str(len(rows)),
             "vnp_Total": str(total), "data": rows}
        r["vnp_SecureHash"] = pipe_hash(r, STATEMENT_REPLY, self.secret)
        return r


def page(title, body, status_note=""):
    return ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><title>" + html.escape(title) + "</title></head>"
            "<body style='font-family:sans-serif;max-width:34rem;margin:0 auto;padding:1rem'>"
            "<p style='background:#b00020;color:#fff;padding:.75rem;font-weight:bold;text-align:center'>"
            + html.escape(BANNER) + "</p>" + body + "</body></html>")


def make_handler(g):
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send_json(self, obj, status=200):
            data = json.dumps(obj, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def send_html(self, text, status=200):
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def redirect(self, url):
            self.send_response(303)
            self.send_header("Location", url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            u = urllib.parse.urlparse(self.path)
            if u.path == "/_control/log":
                with g.lock:
                    return self.send_json({**g.log, "orders": g.orders, "behaviour": g.behaviour})
            if u.path == "/paymentv2/vpcpay.html":
                pairs = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
                q = dict(pairs)
                if len(q) != len(pairs):
                    g.refuse("pay", q)
                    return self.send_html(page("Lỗi", "<h1>Yêu cầu không hợp lệ</h1>"), 400)
                o, code, why = g.create(q)
                if not o:
                    return self.send_html(page("Giao dịch không hợp lệ",
                                               f"<h1>Giao dịch không hợp lệ</h1><p>Mã lỗi {code}: {html.escape(why)}</p>"), 400)
                body = (f"<h1>Thanh toán qua VNPay (mô phỏng)</h1><p>{html.escape(o['info'])}</p>"
                        f"<p>Số tiền: <b>{o['amount'] // 100:,} đồng</b></p>"
                        f"<form method='post' action='/paymentv2/submit?ref={urllib.parse.quote(o['ref'])}'>"
                        "<button name='outcome' value='success' style='font-size:1.2rem;padding:.6rem 1.2rem'>"
                        "Thanh toán (mô phỏng)</button> "
                        "<button name='outcome' value='cancel' style='padding:.6rem 1.2rem'>Hủy giao dịch</button></form>")
                return self.send_html(page("VNPay (mô phỏng)", body))
            if u.path == "/":
                return self.send_html(page("VNPay (mô phỏng)", "<h1>VNPay — bản mô phỏng</h1>"))
            self.send_json({"error": "not found"}, 404)

        def do_POST(self):
            u = urllib.parse.urlparse(self.path)
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n) if n else b""
            if u.path == "/paymentv2/submit":
                ref = urllib.parse.parse_qs(u.query).get("ref", [""])[0]
                outcome = urllib.parse.parse_qs(raw.decode()).get("outcome", ["cancel"])[0]
                url = g.pay(ref, outcome)
                if not url:
                    return self.send_html(page("Lỗi", "<h1>Không tìm thấy giao dịch</h1>"), 404)
                return self.redirect(url)
            try:
                m = json.loads(raw or b"{}")
            except ValueError:
                return self.send_json({"vnp_ResponseCode": "99"}, 400)
            if u.path == "/merchant_webapi/api/transaction":
                if m.get("vnp_Command") == "querydr":
                    return self.send_json(g.querydr(m))
                if m.get("vnp_Command") == "statement":
                    return self.send_json(g.statement(m))
                return self.send_json({"vnp_ResponseCode": "99", "vnp_Message": "Unknown command"})
            if u.path == "/_control":
                g.behaviour.update(m)
                return self.send_json(g.behaviour)
            if u.path == "/_control/pay":
                return self.send_json({"return_url": g.pay(m["order_ref"], m.get("outcome", "success"))})
            if u.path == "/_control/settle":
                with g.lock:
                    o = g.orders[m["order_ref"]]
                    o["state"] = m.get("state", "paid")
                    o["paid_at"] = vn_now().strftime("%Y%m%d%H%M%S")
                return self.send_json({"ok": True})
            if u.path == "/_control/statement":
                with g.lock:
                    if "phantom" in m:
                        g.phantoms.append(m["phantom"])
                    else:
                        g.orders[m["order_ref"]]["statement_amount"] = int(m["amount"])
                return self.send_json({"ok": True})
            self.send_json({"error": "not found"}, 404)

    return H


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", default="vnpay-secret-dev")
    ap.add_argument("--tmn-code", default="MOTCUA01")
    ap.add_argument("--ipn-url", default="http://127.0.0.1:8080/api/v1/payments/vnpay/ipn")
    ap.add_argument("--mode", choices=["test", "demo"], default="test")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(Gateway(args)))
    srv.daemon_threads = True
    print(f"[{BANNER}] VNPay simulator on http://127.0.0.1:{args.port}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
