#!/usr/bin/env python3
"""Simulated Zalo ZNS (Zalo Notification Service) for MotCua tests and the demo (SIMULATED).

Speaks the shape Zalo publishes for template messages:
  POST /message/template   header access_token: <OA token>
  body {"phone": "84xxxxxxxxx", "template_id": "...", "template_data": {...}, "tracking_id": "..."}
  answer 200 {"error": 0, "message": "Success", "data": {"msg_id": "...", "sent_time": "...", "quota": {...}}}
It checks what it receives as the platform would: the token, the phone number, a known template,
every parameter of the template present, none unknown, each within its type's length limit, and a
tracking_id. A repeated tracking_id is not delivered twice (answered with the first msg_id, and
recorded as a duplicate).

Test control:
  GET  /_sim/received             {"messages": [...accepted...], "rejected": [...], "duplicates": N}
  POST /_sim/control {"mode": "ok" | "fail" | "error" | "lag" | "drop", "count": N, "lag_ms": M, "error": E}
       fail: HTTP 500; error: answer {"error": E}; lag: wait M ms then answer; drop: deliver, then
       answer HTTP 502 as if the answer were lost (the sender retries: the repeat must be dropped).
       The mode applies to the next N requests (default 1), then "ok" again.
  POST /_sim/reset
Usage: server.py --port N [--secret TOKEN] [--mode demo]
"""
import argparse
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The demo province's approved templates: parameter → its type's limit in characters
# (Zalo's parameter types: customer name 30, code 30, custom label 30, amount 20, URL 200).
TEMPLATES = {
    "301001": {"customer_name": 30, "dossier_code": 30, "due_date": 30, "tracking_url": 200},
    "301002": {"customer_name": 30, "dossier_code": 30, "tracking_url": 200},
    "301003": {"customer_name": 30, "dossier_code": 30, "amount": 20, "payment_url": 200},
    "301004": {"customer_name": 30, "dossier_code": 30, "new_due": 30, "tracking_url": 200},
    "301005": {"customer_name": 30, "dossier_code": 30, "tracking_url": 200},
    "301006": {"customer_name": 30, "dossier_code": 30, "tracking_url": 200},
    "301007": {"customer_name": 30, "dossier_code": 30, "tracking_url": 200},
    "301008": {"customer_name": 30, "dossier_code": 30, "rating_url": 200},
}


class State:
    def __init__(self, secret):
        self.secret = secret
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.messages = []
        self.rejected = []
        self.by_tracking = {}
        self.duplicates = 0
        self.mode = "ok"
        self.count = 0
        self.lag_ms = 0
        self.error = -1

    def take_mode(self):
        with self.lock:
            if self.count <= 0:
                return "ok"
            self.count -= 1
            return self.mode


def has_control(s):
    return any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in s)


def check(body, state, token):
    """Returns (error_code, message) or None when the request is acceptable."""
    if token != state.secret:
        return -124, "Access token is invalid"
    if not isinstance(body, dict):
        return -100, "Body is not a JSON object"
    phone = body.get("phone")
    if not isinstance(phone, str) or not phone.isdigit() or not phone.startswith("84") or len(phone) != 11:
        return -108, "Phone number is invalid"
    tid = body.get("template_id")
    if tid not in TEMPLATES:
        return -131, "Template is not found or not approved"
    data = body.get("template_data")
    if not isinstance(data, dict):
        return -139, "template_data is missing"
    limits = TEMPLATES[tid]
    for name in limits:
        if name not in data or not isinstance(data[name], str) or not data[name]:
            return -139, f"Parameter {name} is missing"
    for name, value in data.items():
        if name not in limits:
            return -139, f"Parameter {name} is not in the template"
        if len(value) > limits[name]:
            return -139, f"Parameter {name} is longer than {limits[name]}"
        if has_control(value):
            return -139, f"Parameter {name} holds a control character"
    tracking = body.get("tracking_id")
    if not isinstance(tracking, str) or not tracking or len(tracking) > 48:
        return -100, "tracking_id is missing or too long"
    return None


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, status, obj):
            data = json.dumps(obj, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def read_json(self):
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n) if n else b""
            try:
                return json.loads(raw.decode("utf-8")) if raw else {}
            except (UnicodeDecodeError, json.JSONDecodeError):
                return None

        def do_GET(self):
            if self.path == "/_sim/received":
                with state.lock:
                    return self.answer(200, {"messages": state.messages, "rejected": state.rejected,
                                             "duplicates": state.duplicates, "simulated": True})
            self.answer(404, {"error": -1, "message": "Not found"})

        def do_POST(self):
            if self.path == "/_sim/reset":
                with state.lock:
                    state.reset()
                return self.answer(200, {"ok": True})
            if self.path == "/_sim/control":
                body = self.read_json() or {}
                with state.lock:
                    state.mode = body.get("mode", "ok")
                    state.count = int(body.get("count", 1))
                    state.lag_ms = int(body.get("lag_ms", 0))
                    state.error = int(body.get("error", -1))
                return self.answer(200, {"ok": True})
            if self.path != "/message/template":
                return self.answer(404, {"error": -1, "message": "Not found"})
            mode = state.take_mode()
            if mode == "fail":
                return self.answer(500, {"error": -1, "message": "Simulated server error"})
            if mode == "lag":
                time.sleep(state.lag_ms / 1000.0)
            body = self.read_json()
            token = self.headers.get("access_token", "")
            problem = check(body, state, token) if body is not None else (-100, "Body is not valid JSON")
            if problem:
                with state.lock:
                    state.rejected.append({"error": problem[0], "message": problem[1], "body": body})
                return self.answer(200, {"error": problem[0], "message": problem[1]})
            if mode == "error":
                with state.lock:
                    state.rejected.append({"error": state.error, "message": "Simulated error", "body": body})
                return self.answer(200, {"error": state.error, "message": "Simulated error"})
            with state.lock:
                first = state.by_tracking.get(body["tracking_id"])
                if first:
                    state.duplicates += 1
                    msg_id = first
                else:
                    msg_id = uuid.uuid4().hex
                    state.by_tracking[body["tracking_id"]] = msg_id
                    state.messages.append({"msg_id": msg_id, "phone": body["phone"], "template_id": body["template_id"],
                                           "template_data": body["template_data"], "tracking_id": body["tracking_id"],
                                           "received_at": time.time()})
            if mode == "drop":
                return self.answer(502, {"error": -1, "message": "Simulated lost answer"})
            self.answer(200, {"error": 0, "message": "Success",
                              "data": {"msg_id": msg_id, "sent_time": str(int(time.time() * 1000)),
                                       "quota": {"dailyQuota": "500", "remainingQuota": "499"}}})

    return Handler


def main():
    ap = argparse.ArgumentParser(description="Zalo ZNS simulator (SIMULATED)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", default="zalo-sim-token", help="the OA access token it accepts")
    ap.add_argument("--mode", default="test", help="demo: say so on start")
    a = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(State(a.secret)))
    print(f"[MÔ PHỎNG] Zalo ZNS tại http://127.0.0.1:{a.port} (access_token {a.secret})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
