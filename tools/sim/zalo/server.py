#!/usr/bin/env python3
"""Simulated Zalo platform for MotCua tests and the demo (SIMULATED): ZNS template messages, the
Official Account (OA) message API, OA access tokens that expire and their refresh, and the OA's
webhook events sent to MotCua, signed as Zalo signs them.

Speaks the shape Zalo publishes for template messages:
  POST /message/template   header access_token: <OA token>
  body {"phone": "84xxxxxxxxx", "template_id": "...", "template_data": {...}, "tracking_id": "..."}
  answer 200 {"error": 0, "message": "Success", "data": {"msg_id": "...", "sent_time": "...", "quota": {...}}}
It checks what it receives as the platform would: the token, the phone number, a known template,
every parameter of the template present, none unknown, each within its type's length limit, and a
tracking_id. A repeated tracking_id is not delivered twice (answered with the first msg_id, and
recorded as a duplicate).

The Official Account (docs/integrations.md, "Zalo OA"):
  POST /v3.0/oa/message/cs   header access_token; body {"recipient": {"user_id"}, "message": {"text"}}
       answer {"error": 0, "message": "Success", "data": {"message_id", "user_id"}}; -216 for an
       invalid or expired token, -213 to someone who does not follow the OA, -201 bad text.
  POST /v4/oa/access_token   (the oauth.zaloapp.com endpoint) header secret_key: <app secret>,
       form app_id, grant_type=refresh_token, refresh_token → {"access_token", "refresh_token",
       "expires_in": "<s>"}; a refresh token works once. Access tokens live --token-ttl seconds.
  Webhook events to MotCua (--webhook URL): POST with X-ZEvent-Signature =
       "mac=" + sha256(app_id + body + timestamp + oa_secret_key).

Test control:
  GET  /_sim/received             {"messages": [...accepted...], "rejected": [...], "duplicates": N,
                                   "oa_messages": [...], "refreshes": N, "webhooks": [...]}
  POST /_sim/webhook {"event_name": "user_send_text" | "follow" | "unfollow", "user_id", "text",
       "msg_id" (default: new), "repeat": N (the same signed delivery N times: a replay),
       "tamper": "signature" | "body" | "app" (signed with another key / body changed after
       signing / another app's id), "age_ms": M (timestamp M ms in the past), "lag_ms": L}
       → {"body", "signature", "answers": [{"status", "body"}...]}
  POST /_sim/expire               every access token issued so far expires now
  POST /_sim/control {"mode": "ok" | "fail" | "error" | "lag" | "drop", "count": N, "lag_ms": M, "error": E}
       fail: HTTP 500; error: answer {"error": E}; lag: wait M ms then answer; drop: deliver, then
       answer HTTP 502 as if the answer were lost (the sender retries: the repeat must be dropped).
       The mode applies to the next N requests (default 1), then "ok" again.
  POST /_sim/reset
Usage: server.py --port N [--secret TOKEN] [--mode demo] [--app-id ID --oa-secret K --app-secret S
                 --refresh-token R --token-ttl SECONDS --webhook URL]
"""
import argparse
import hashlib
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
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
    def __init__(self, secret, args=None):
        self.secret = secret
        self.app_id = getattr(args, "app_id", "zalo-sim-app")
        self.oa_secret = getattr(args, "oa_secret", "zalo-sim-oa-secret")
        self.app_secret = getattr(args, "app_secret", "zalo-sim-app-secret")
        self.first_refresh = getattr(args, "refresh_token", "zalo-sim-refresh")
        self.ttl = getattr(args, "token_ttl", 90000)
        self.webhook = getattr(args, "webhook", "")
        self.lock = threading.Lock()
        self.reset()

    def token_ok(self, token):
        with self.lock:
            exp = self.tokens.get(token)
            return exp is not None and exp > time.time()

    def reset(self):
        # Tokens and followers outlive a reset (MotCua keeps the refreshed pair in its store).
        if not hasattr(self, "tokens"):
            self.tokens = {self.secret: time.time() + self.ttl}
            self.refresh_tokens = {self.first_refresh}
            self.followers = set()
        self.refreshes = 0
        self.oa_messages = []
        self.webhooks = []
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
    if not state.token_ok(token):
        return -124, "Access token is invalid or expired"
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
                                             "duplicates": state.duplicates, "oa_messages": state.oa_messages,
                                             "refreshes": state.refreshes, "webhooks": state.webhooks,
                                             "followers": sorted(state.followers), "simulated": True})
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
            if self.path == "/_sim/expire":
                with state.lock:
                    for t in state.tokens:
                        state.tokens[t] = 0
                return self.answer(200, {"ok": True})
            if self.path == "/_sim/webhook":
                return self.answer(200, send_event(state, self.read_json() or {}))
            if self.path == "/v4/oa/access_token":
                return self.refresh_token()
            if self.path == "/v3.0/oa/message/cs":
                return self.oa_message()
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

        def refresh_token(self):
            n = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(n).decode("utf-8", "replace")) if n else {}
            one = lambda k: (form.get(k) or [""])[0]
            if self.headers.get("secret_key", "") != state.app_secret or one("app_id") != state.app_id:
                return self.answer(200, {"error": -14002, "error_name": "Invalid app",
                                         "error_description": "app_id or secret_key is invalid"})
            if one("grant_type") != "refresh_token":
                return self.answer(200, {"error": -14001, "error_description": "grant_type must be refresh_token"})
            with state.lock:
                if one("refresh_token") not in state.refresh_tokens:
                    return self.answer(200, {"error": -14014, "error_name": "Invalid refresh token",
                                             "error_description": "Refresh token is invalid or used"})
                state.refresh_tokens.discard(one("refresh_token"))  # single use
                access, refresh = "at-" + uuid.uuid4().hex, "rt-" + uuid.uuid4().hex
                state.tokens[access] = time.time() + state.ttl
                state.refresh_tokens.add(refresh)
                state.refreshes += 1
            self.answer(200, {"access_token": access, "refresh_token": refresh, "expires_in": str(state.ttl)})

        def oa_message(self):
            mode = state.take_mode()
            if mode == "fail":
                return self.answer(500, {"error": -1, "message": "Simulated server error"})
            if mode == "lag":
                time.sleep(state.lag_ms / 1000.0)
            body = self.read_json()
            if not state.token_ok(self.headers.get("access_token", "")):
                return self.answer(200, {"error": -216, "message": "Access token is invalid or expired"})
            if mode == "error":
                return self.answer(200, {"error": state.error, "message": "Simulated error"})
            rec = (body or {}).get("recipient") if isinstance(body, dict) else None
            msg = (body or {}).get("message") if isinstance(body, dict) else None
            user = rec.get("user_id") if isinstance(rec, dict) else None
            text = msg.get("text") if isinstance(msg, dict) else None
            if not isinstance(text, str) or not text or len(text) > 2000:
                return self.answer(200, {"error": -201, "message": "Text is empty or too long"})
            with state.lock:
                if user not in state.followers:
                    return self.answer(200, {"error": -213, "message": "User has not followed the OA"})
                mid = uuid.uuid4().hex
                state.oa_messages.append({"message_id": mid, "user_id": user, "text": text, "received_at": time.time()})
            if mode == "drop":
                return self.answer(502, {"error": -1, "message": "Simulated lost answer"})
            self.answer(200, {"error": 0, "message": "Success", "data": {"message_id": mid, "user_id": user}})

    return Handler


def sign(app_id, body, timestamp, secret):
    return "mac=" + hashlib.sha256((app_id + body + timestamp + secret).encode("utf-8")).hexdigest()


def send_event(state, c):
    """Builds one webhook event as Zalo sends it, signs it and POSTs it to MotCua."""
    name = c.get("event_name", "user_send_text")
    user = str(c.get("user_id", "100200300"))
    ts = str(int(time.time() * 1000) - int(c.get("age_ms", 0)))
    app_id = state.app_id if c.get("tamper") != "app" else "another-app"
    if name in ("follow", "unfollow"):
        ev = {"oa_id": "sim-oa", "follower": {"id": user}, "user_id_by_app": "app-" + user, "event_name": name,
              "source": "oa_profile", "app_id": app_id, "timestamp": ts}
        with state.lock:
            (state.followers.add if name == "follow" else state.followers.discard)(user)
    else:
        ev = {"app_id": app_id, "sender": {"id": user}, "user_id_by_app": "app-" + user,
              "recipient": {"id": "sim-oa"}, "event_name": name,
              "message": {"text": c.get("text", ""), "msg_id": c.get("msg_id") or uuid.uuid4().hex},
              "timestamp": ts}
    body = json.dumps(ev, ensure_ascii=False, separators=(",", ":"))
    signature = sign(app_id, body, ts, state.oa_secret if c.get("tamper") != "signature" else "not-the-key")
    if c.get("tamper") == "body":  # changed on the way, signature kept
        body = body.replace(c.get("text", "") or "sim-oa", (c.get("text", "") or "sim-oa") + "!", 1)
    if c.get("body_pad"):  # an oversized delivery
        body = body[:-1] + ',"pad":"' + "x" * int(c["body_pad"]) + '"}'
    if c.get("lag_ms"):
        time.sleep(int(c["lag_ms"]) / 1000.0)
    answers = []
    for _ in range(max(1, int(c.get("repeat", 1)))):
        req = urllib.request.Request(state.webhook, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", "X-ZEvent-Signature": signature})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                answers.append({"status": r.status, "body": r.read().decode("utf-8", "replace")})
        except urllib.error.HTTPError as e:
            answers.append({"status": e.code, "body": e.read().decode("utf-8", "replace")})
        except (urllib.error.URLError, OSError) as e:
            answers.append({"status": 0, "body": str(e)})
    with state.lock:
        state.webhooks.append({"event": ev, "tamper": c.get("tamper"), "answers": answers})
    return {"body": body, "signature": signature, "answers": answers}


def main():
    ap = argparse.ArgumentParser(description="Zalo ZNS simulator (SIMULATED)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", default="zalo-sim-token", help="the OA access token it accepts")
    ap.add_argument("--mode", default="test", help="demo: say so on start")
    ap.add_argument("--app-id", default="zalo-sim-app")
    ap.add_argument("--oa-secret", default="zalo-sim-oa-secret", help="OA secret key: signs the webhook events")
    ap.add_argument("--app-secret", default="zalo-sim-app-secret", help="app secret: the secret_key of refreshes")
    ap.add_argument("--refresh-token", default="zalo-sim-refresh", help="the first refresh token it accepts")
    ap.add_argument("--token-ttl", type=int, default=90000, help="seconds an access token lives")
    ap.add_argument("--webhook", default="", help="MotCua's webhook URL the OA events are sent to")
    a = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(State(a.secret, a)))
    print(f"[MÔ PHỎNG] Zalo ZNS và Zalo OA tại http://127.0.0.1:{a.port} (access_token {a.secret})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
