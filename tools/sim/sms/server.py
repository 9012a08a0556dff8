#!/usr/bin/env python3
"""Simulated eSMS.vn SMS brandname API for MotCua tests and the demo (SIMULATED).

Speaks eSMS's published shape (esms.vn developer docs, "Send OTP/Customer care message"):
  POST /MainService.svc/json/SendMultipleMessage_V4_post_json/
  body {"ApiKey", "SecretKey", "Phone", "Content", "Brandname", "SmsType": "2", "IsUnicode": "0",
        "Sandbox": "0", "RequestId", "CallbackUrl"?, "campaignid"?}
  answer 200 {"CodeResult": "100", "CountRegenerate": 0, "SMSID": "..."}
It checks what it receives: the keys (101 otherwise), the registered brandname (104), SmsType 2
(118), a Vietnamese mobile number (0 + 9 digits or 84 + 9 digits; 146), the content non-empty, at
most 459 characters, plain printable ASCII when IsUnicode is "0" and without control characters
(145). A repeated RequestId is not sent twice (answered with the first SMSID, recorded as a
duplicate). Codes other than 100 and 99 are this simulator's reading of eSMS's list (see
docs/integrations.md).

Test control: GET /_sim/received, POST /_sim/control {"mode": "ok"|"fail"|"error"|"lag"|"drop",
"count": N, "lag_ms": M, "code": "99"}, POST /_sim/reset (as the Zalo simulator).
Usage: server.py --port N [--secret APIKEY:SECRETKEY] [--brandname NAME] [--mode demo]
"""
import argparse
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATH = "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
MAX_CHARS = 459


class State:
    def __init__(self, api_key, secret_key, brandname):
        self.api_key, self.secret_key, self.brandname = api_key, secret_key, brandname
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.messages, self.rejected, self.by_request = [], [], {}
        self.duplicates = 0
        self.mode, self.count, self.lag_ms, self.code = "ok", 0, 0, "99"

    def take_mode(self):
        with self.lock:
            if self.count <= 0:
                return "ok"
            self.count -= 1
            return self.mode


def check(b, st):
    if not isinstance(b, dict):
        return "99", "Body is not a JSON object"
    if b.get("ApiKey") != st.api_key or b.get("SecretKey") != st.secret_key:
        return "101", "Authorize failed"
    if b.get("Brandname") != st.brandname:
        return "104", "Brandname is not registered"
    if str(b.get("SmsType")) != "2":
        return "118", "SmsType is invalid"
    phone = b.get("Phone")
    if not isinstance(phone, str) or not re.fullmatch(r"(0[1-9]\d{8}|84[1-9]\d{8})", phone):
        return "146", "Phone is invalid"
    content = b.get("Content")
    if not isinstance(content, str) or not content.strip():
        return "145", "Content is empty"
    if len(content) > MAX_CHARS:
        return "145", f"Content is longer than {MAX_CHARS}"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in content):
        return "145", "Content holds a control character"
    if str(b.get("IsUnicode", "0")) == "0" and any(ord(c) > 0x7E for c in content):
        return "145", "Content is not plain text while IsUnicode is 0"
    rid = b.get("RequestId")
    if not isinstance(rid, str) or not rid or len(rid) > 100:
        return "99", "RequestId is missing"
    return None


def make_handler(st):
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
                with st.lock:
                    return self.answer(200, {"messages": st.messages, "rejected": st.rejected,
                                             "duplicates": st.duplicates, "simulated": True})
            self.answer(404, {"CodeResult": "99"})

        def do_POST(self):
            if self.path == "/_sim/reset":
                with st.lock:
                    st.reset()
                return self.answer(200, {"ok": True})
            if self.path == "/_sim/control":
                body = self.read_json() or {}
                with st.lock:
                    st.mode = body.get("mode", "ok")
                    st.count = int(body.get("count", 1))
                    st.lag_ms = int(body.get("lag_ms", 0))
                    st.code = str(body.get("code", "99"))
                return self.answer(200, {"ok": True})
            if self.path != PATH:
                return self.answer(404, {"CodeResult": "99", "ErrorMessage": "Not found"})
            mode = st.take_mode()
            if mode == "fail":
                return self.answer(500, {"CodeResult": "99", "ErrorMessage": "Simulated server error"})
            if mode == "lag":
                time.sleep(st.lag_ms / 1000.0)
            body = self.read_json()
            problem = check(body, st) if body is not None else ("99", "Body is not valid JSON")
            if problem:
                with st.lock:
                    st.rejected.append({"code": problem[0], "message": problem[1], "body": body})
                return self.answer(200, {"CodeResult": problem[0], "ErrorMessage": problem[1]})
            if mode == "error":
                with st.lock:
                    st.rejected.append({"code": st.code, "message": "Simulated error", "body": body})
                return self.answer(200, {"CodeResult": st.code, "ErrorMessage": "Simulated error"})
            with st.lock:
                first = st.by_request.get(body["RequestId"])
                if first:
                    st.duplicates += 1
                    sms_id = first
                else:
                    sms_id = uuid.uuid4().hex
                    st.by_request[body["RequestId"]] = sms_id
                    st.messages.append({"sms_id": sms_id, "phone": body["Phone"], "content": body["Content"],
                                        "brandname": body["Brandname"], "request_id": body["RequestId"],
                                        "received_at": time.time()})
            if mode == "drop":
                return self.answer(502, {"CodeResult": "99", "ErrorMessage": "Simulated lost answer"})
            self.answer(200, {"CodeResult": "100", "CountRegenerate": 0, "SMSID": sms_id})

    return Handler


def main():
    ap = argparse.ArgumentParser(description="eSMS brandname SMS simulator (SIMULATED)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", default="esms-sim-key:esms-sim-secret", help="APIKEY:SECRETKEY it accepts")
    ap.add_argument("--brandname", default="MOTCUA")
    ap.add_argument("--mode", default="test", help="demo: say so on start")
    a = ap.parse_args()
    api_key, _, secret_key = a.secret.partition(":")
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(State(api_key, secret_key, a.brandname)))
    print(f"[MÔ PHỎNG] eSMS brandname tại http://127.0.0.1:{a.port} (brandname {a.brandname})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
