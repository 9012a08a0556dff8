#!/usr/bin/env python3
"""Simulator of the national payment platform (Nền tảng thanh toán trực tuyến quốc gia).

Speaks the protocol our adapter speaks (src/integrations/paygov, docs/integrations.md «Payments»):
JSON over HTTP; INIT (POST /init), QUERY (POST /query), the day's statement (POST /statement); it
calls us back with CONFIRM (POST to --confirm-url) and sends the browser back to the order's
return URL. Every message carries MaXacThuc = sha256("f1|f2|...|fn|secret") over its fields in a
fixed order; messages whose checksum is wrong are refused (MaLoi 97) and recorded.

  server.py --port N [--secret S] [--merchant M] [--confirm-url URL] [--mode demo]

Control (for tests): POST /_control {"behaviour": success|failure|pending|late|duplicated|tampered,
"late_ms": 1500, "repeat": 100, "tamper": "checksum"|"amount", "init": "ok"|"error"}; GET /_control/log (what it received,
refused, sent and what we answered); POST /_control/settle {"order_ref", "state": paid|failed}
(a pending order settles, without a callback: our re-query must find it); POST /_control/statement
{"order_ref", "amount"} changes an order's amount in the statement, {"phantom": {...}} adds a line
we never had; POST /_control/pay {"order_ref", "outcome"} is the citizen clicking pay.
"""
import argparse
import datetime
import hashlib
import html
import json
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INIT = ["MaDoiTac", "MaThamChieu", "SoTien", "MaHoSo", "UrlTraVe", "ThoiGianGD"]
INIT_REPLY = ["MaLoi", "MaThamChieu", "MaGiaoDich", "UrlThanhToan"]
QUERY = ["MaDoiTac", "MaThamChieu", "ThoiGianGD"]
QUERY_REPLY = ["MaLoi", "MaThamChieu", "MaGiaoDich", "SoTien", "TrangThai"]
CONFIRM = ["MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "TrangThai", "ThoiGianThanhToan"]
RETURN = ["MaThamChieu", "TrangThai"]
STATEMENT = ["MaDoiTac", "Ngay"]
STATEMENT_REPLY = ["MaLoi", "Ngay", "SoGiaoDich", "TongTien"]
STATUS = {"paid": "1", "pending": "3", "failed": "4"}
BANNER = "MÔ PHỎNG — không phải cổng thanh toán thật"


def checksum(msg, order, secret):
    return hashlib.sha256(("|".join(str(msg.get(f, "")) for f in order) + "|" + secret).encode()).hexdigest()


def vn_now():
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)


class Platform:
    def __init__(self, args):
        self.secret = args.secret
        self.merchant = args.merchant
        self.confirm_url = args.confirm_url
        self.demo = args.mode == "demo"
        self.base = f"http://127.0.0.1:{args.port}"
        self.lock = threading.Lock()
        self.orders = {}        # order_ref -> order
        self.by_txn = {}        # MaGiaoDich -> order_ref
        self.behaviour = {"behaviour": "success", "late_ms": 1500, "repeat": 100, "tamper": "checksum",
                          "init": "ok"}
        self.log = {"received": [], "refused": [], "callbacks": [], "queries": 0}
        self.phantoms = []

    def refuse(self, what, msg):
        with self.lock:
            self.log["refused"].append({"what": what, "message": msg})

    # --- the protocol ---
    def init(self, m):
        self.log["received"].append({"message": "INIT", "order_ref": m.get("MaThamChieu")})
        if m.get("MaXacThuc") != checksum(m, INIT, self.secret) or m.get("MaDoiTac") != self.merchant:
            self.refuse("INIT", m)
            return {"MaLoi": "97", "MoTa": "Sai mã xác thực"}
        if not str(m.get("SoTien", "")).isdigit() or int(m["SoTien"]) <= 0:
            self.refuse("INIT", m)
            return {"MaLoi": "04", "MoTa": "Số tiền không hợp lệ"}
        if self.behaviour.get("init") == "error":  # the platform is having a bad day
            self.refuse("INIT (told to fail)", m)
            return {"MaLoi": "99", "MoTa": "Hệ thống đang bận"}
        ref = m["MaThamChieu"]
        with self.lock:
            if ref in self.orders:
                self.refuse("INIT duplicate", m)
                return {"MaLoi": "02", "MoTa": "Mã tham chiếu đã dùng"}
            txn = "PG" + uuid.uuid4().hex[:12].upper()
            self.orders[ref] = {"ref": ref, "txn": txn, "amount": int(m["SoTien"]), "return": m.get("UrlTraVe", ""),
                                "dossier": m.get("MaHoSo", ""), "content": m.get("NoiDung", ""), "state": "new",
                                "paid_at": None, "statement_amount": None}
            self.by_txn[txn] = ref
        r = {"MaLoi": "00", "MaThamChieu": ref, "MaGiaoDich": txn, "UrlThanhToan": f"{self.base}/pay/{txn}"}
        r["MaXacThuc"] = checksum(r, INIT_REPLY, self.secret)
        return r

    def query(self, m):
        with self.lock:
            self.log["queries"] += 1
        if m.get("MaXacThuc") != checksum(m, QUERY, self.secret):
            self.refuse("QUERY", m)
            return {"MaLoi": "97", "MoTa": "Sai mã xác thực"}
        o = self.orders.get(m.get("MaThamChieu"))
        if not o or o["state"] == "new":
            return {"MaLoi": "01", "MoTa": "Không tìm thấy giao dịch"}
        r = {"MaLoi": "00", "MaThamChieu": o["ref"], "MaGiaoDich": o["txn"], "SoTien": str(o["amount"]),
             "TrangThai": STATUS[o["state"]]}
        r["MaXacThuc"] = checksum(r, QUERY_REPLY, self.secret)
        return r

    def statement(self, m):
        if m.get("MaXacThuc") != checksum(m, STATEMENT, self.secret):
            self.refuse("STATEMENT", m)
            return {"MaLoi": "97", "MoTa": "Sai mã xác thực"}
        day = m.get("Ngay", "")
        lines = []
        with self.lock:
            for o in self.orders.values():
                if o["state"] in ("paid", "failed") and o["paid_at"] and o["paid_at"].startswith(day):
                    amount = o["statement_amount"] if o["statement_amount"] is not None else o["amount"]
                    lines.append({"MaThamChieu": o["ref"], "MaGiaoDich": o["txn"], "SoTien": str(amount),
                                  "TrangThai": STATUS[o["state"]], "ThoiGianThanhToan": o["paid_at"]})
            lines += [p for p in self.phantoms if p["ThoiGianThanhToan"].startswith(day)]
        total = sum(int(x["SoTien"]) for x in lines if x["TrangThai"] == "1")
        r = {"MaLoi": "00", "Ngay": day, "SoGiaoDich": str(len(lines)), "TongTien": str(total), "GiaoDich": lines}
        r["MaXacThuc"] = checksum(r, STATEMENT_REPLY, self.secret)
        return r

    def confirm_message(self, o):
        m = {"MaDoiTac": self.merchant, "MaThamChieu": o["ref"], "MaGiaoDich": o["txn"], "SoTien": str(o["amount"]),
             "TrangThai": STATUS[o["state"]], "ThoiGianThanhToan": o["paid_at"] or ""}
        m["MaXacThuc"] = checksum(m, CONFIRM, self.secret)
        return m

    def send_confirm(self, m):
        answer, status = None, None
        try:
            req = urllib.request.Request(self.confirm_url, data=json.dumps(m).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(req, timeout=10) as resp:
                status = resp.status
                answer = json.loads(resp.read() or b"{}")
        except Exception as e:  # noqa: BLE001 - recorded for the tests
            answer = {"error": str(e)}
        with self.lock:
            self.log["callbacks"].append({"order_ref": m["MaThamChieu"], "status": status, "answer": answer,
                                          "sent": m})
        return answer

    def pay(self, ref, outcome):
        """The citizen clicked pay (or cancel): apply the behaviour; returns the browser's redirect."""
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
            o["paid_at"] = vn_now().strftime("%Y-%m-%d %H:%M:%S") if o["state"] != "pending" else None
        if o["state"] != "pending":
            m = self.confirm_message(o)
            kind = b["behaviour"]
            if kind == "tampered":
                m = dict(m)
                m["SoTien"] = str(max(1, int(m["SoTien"]) // 10))
                if b.get("tamper") == "amount":  # re-signed: only the amount check can catch it
                    m["MaXacThuc"] = checksum(m, CONFIRM, self.secret)
                self.send_confirm(m)
            elif kind == "duplicated":
                for _ in range(int(b.get("repeat", 100))):
                    self.send_confirm(m)
            elif kind == "late":
                threading.Timer(int(b.get("late_ms", 1500)) / 1000.0, self.send_confirm, args=(m,)).start()
            else:
                self.send_confirm(m)
        back = {"MaThamChieu": ref, "TrangThai": STATUS[o["state"]]}
        back["MaXacThuc"] = checksum(back, RETURN, self.secret)
        sep = "&" if "?" in o["return"] else "?"
        return o["return"] + sep + urllib.parse.urlencode(back)

    def settle(self, ref, state):
        with self.lock:
            o = self.orders[ref]
            o["state"] = state
            o["paid_at"] = vn_now().strftime("%Y-%m-%d %H:%M:%S")


def page(title, body):
    return ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><title>" + html.escape(title) + "</title></head>"
            "<body style='font-family:sans-serif;max-width:34rem;margin:0 auto;padding:1rem'>"
            "<p style='background:#b00020;color:#fff;padding:.75rem;font-weight:bold;text-align:center'>"
            + html.escape(BANNER) + "</p>" + body + "</body></html>")


def make_handler(p):
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def body(self):
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

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
            path = urllib.parse.urlparse(self.path).path
            if path == "/_control/log":
                with p.lock:
                    return self.send_json({**p.log, "orders": p.orders, "behaviour": p.behaviour})
            if path.startswith("/pay/"):
                ref = p.by_txn.get(path[5:])
                o = p.orders.get(ref) if ref else None
                if not o:
                    return self.send_html(page("Không tìm thấy giao dịch", "<h1>Không tìm thấy giao dịch</h1>"), 404)
                body = (f"<h1>Thanh toán phí, lệ phí</h1><p>Hồ sơ: <b>{html.escape(o['dossier'])}</b></p>"
                        f"<p>Số tiền: <b>{o['amount']:,} đồng</b></p><p>{html.escape(o['content'])}</p>"
                        f"<form method='post' action='/pay/{o['txn']}'>"
                        "<button name='outcome' value='success' style='font-size:1.2rem;padding:.6rem 1.2rem'>"
                        "Thanh toán (mô phỏng)</button> "
                        "<button name='outcome' value='cancel' style='padding:.6rem 1.2rem'>Hủy</button></form>")
                return self.send_html(page("Cổng thanh toán (mô phỏng)", body))
            if path == "/":
                return self.send_html(page("Nền tảng thanh toán (mô phỏng)",
                                           "<h1>Nền tảng thanh toán trực tuyến quốc gia — bản mô phỏng</h1>"))
            self.send_json({"MaLoi": "99", "MoTa": "Không có"}, 404)

        def do_POST(self):
            path = urllib.parse.urlparse(self.path).path
            raw = self.body()
            if path.startswith("/pay/"):
                form = urllib.parse.parse_qs(raw.decode())
                ref = p.by_txn.get(path[5:])
                if not ref:
                    return self.send_html(page("Không tìm thấy giao dịch", "<h1>Không tìm thấy giao dịch</h1>"), 404)
                return self.redirect(p.pay(ref, (form.get("outcome") or ["cancel"])[0]))
            try:
                m = json.loads(raw or b"{}")
            except ValueError:
                return self.send_json({"MaLoi": "99", "MoTa": "JSON không hợp lệ"}, 400)
            if path == "/init":
                return self.send_json(p.init(m))
            if path == "/query":
                return self.send_json(p.query(m))
            if path == "/statement":
                return self.send_json(p.statement(m))
            if path == "/_control":
                p.behaviour.update(m)
                return self.send_json(p.behaviour)
            if path == "/_control/pay":
                return self.send_json({"return_url": p.pay(m["order_ref"], m.get("outcome", "success"))})
            if path == "/_control/settle":
                p.settle(m["order_ref"], m.get("state", "paid"))
                return self.send_json({"ok": True})
            if path == "/_control/statement":
                with p.lock:
                    if "phantom" in m:
                        p.phantoms.append(m["phantom"])
                    else:
                        p.orders[m["order_ref"]]["statement_amount"] = int(m["amount"])
                return self.send_json({"ok": True})
            self.send_json({"MaLoi": "99", "MoTa": "Không có"}, 404)

    return H


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", default="paygov-secret-dev")
    ap.add_argument("--merchant", default="MOTCUA")
    ap.add_argument("--confirm-url", default="http://127.0.0.1:8080/api/v1/payments/paygov/confirm")
    ap.add_argument("--mode", choices=["test", "demo"], default="test")
    args = ap.parse_args()
    p = Platform(args)
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(p))
    srv.daemon_threads = True
    print(f"[{BANNER}] paygov simulator on http://127.0.0.1:{args.port}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
