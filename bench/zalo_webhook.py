"""Signed Zalo OA webhook events taken per second (issue 16): one client, then eight, each event a
new text from one of 50 followers (the bot's help answer queued in the outbox; relay off).
Run from anywhere: MOTCUA_BIN=build/motcua MOTCUA_TEST_DB=sqlite|postgres [MOTCUA_TEST_PG=…]
/usr/bin/python3 bench/zalo_webhook.py"""
import hashlib, http.client, json, os, subprocess, sys, tempfile, threading, time, uuid
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "api"))
import harness
from harness import Server
APP, SECRET = "bench-app", "bench-secret"
s = Server()
s.env.update({"MOTCUA_ZALO_APP_ID": APP, "MOTCUA_ZALO_OA_SECRET": SECRET, "MOTCUA_OUTBOX_THREADS": "0"})
s.setup().start()
def body(user):
    ts = str(int(time.time() * 1000))
    ev = {"app_id": APP, "sender": {"id": user}, "recipient": {"id": "oa"}, "event_name": "user_send_text",
          "message": {"text": "xin chào", "msg_id": uuid.uuid4().hex}, "timestamp": ts}
    b = json.dumps(ev, separators=(",", ":"))
    return b, "mac=" + hashlib.sha256((APP + b + ts + SECRET).encode()).hexdigest()
def worker(n, lat):
    c = http.client.HTTPConnection("127.0.0.1", s.port)
    for i in range(n):
        b, sig = body(str(1000 + i % 50))
        t = time.perf_counter()
        c.request("POST", "/api/v1/integrations/zalo/webhook", body=b.encode(), headers={"Content-Type": "application/json", "X-ZEvent-Signature": sig})
        r = c.getresponse(); r.read()
        lat.append(time.perf_counter() - t)
        assert r.status == 200, r.status
try:
    for threads, per in ((1, 300), (8, 250)):
        lat = []
        ts = [threading.Thread(target=worker, args=(per, lat)) for _ in range(threads)]
        t0 = time.perf_counter()
        for t in ts: t.start()
        for t in ts: t.join()
        dt = time.perf_counter() - t0
        lat.sort()
        print(f"{threads} clients: {len(lat)} events in {dt:.2f}s = {len(lat)/dt:.0f}/s, p50 {lat[len(lat)//2]*1000:.1f} ms, p99 {lat[int(len(lat)*0.99)]*1000:.1f} ms")
finally:
    s.stop()
