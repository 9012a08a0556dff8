#!/usr/bin/env python3
"""MotCua bench runner (`make bench` builds first, then runs this).

Measures, in one run and side by side, the anchors and us:
  a. anchor: build/raw_sqlite (bare SQLite, the same shape of intake transaction)
  b. starts `motcua serve` on a free loopback port with a fresh temporary SQLite db
  c. HTTP ceiling: wrk on GET /api/v1/health, then 3 rounds of (build/bare_beast, health): the
     yardstick is a bare Beast server answering the same bytes (bench/http_ceiling.py)
  d. logs in as the demo receiving officer, finds a procedure of their agency
  e. intake throughput: wrk POST /api/v1/dossiers, 64 connections, 3 rounds of (anchor 3 s,
     intake 3 s); the ratio is median intake ÷ median anchor of the rounds
  f. intake latency at a fixed offered rate (open loop, 500 req/s, 10 s)
  g. public lookup: wrk GET /api/v1/public/dossiers/{code}, rotating codes
  h. memory and the staff queue with BENCH_DOSSIERS (default 1,000,000) dossiers
     (before it: lifecycle actions/s on SQLite, bench/lifecycle.py; the PostgreSQL section,
     bench/pg_scale.py: intake with one process and two on one database, pgbench, lifecycle),
     and payment callbacks/s (VNPay IPNs confirming distinct orders, bench/payment_callbacks.py)
     set beside the intake figure of the same run
  i. prints a table (ours / anchor / ratio) and writes bench/results/latest.json

Python standard library only, plus `wrk`. Everything binds and connects to 127.0.0.1.
Environment: MOTCUA_BIN (build/motcua), BENCH_RAW (build/raw_sqlite), BENCH_BARE (build/bare_beast),
BENCH_DOSSIERS, BENCH_QUICK=1 (shorter runs), BENCH_KEEP=1 (keep the temp dir), BENCH_OUT (json path),
BENCH_NO_PG=1 (no PostgreSQL section), BENCH_PG (conninfo of an existing cluster for it).
"""
import argparse
import asyncio
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

import http_ceiling  # bench/http_ceiling.py: the bare Beast yardstick

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
# The officer whose queues are measured (a commune desk with a large share of bench-fill dossiers).
USERNAME = "tiepnhan.camthanh"
# Intake is spread over every reception desk of the seed: the dossier code's 4-digit daily
# sequence (NNNN, by law) gives each agency at most 9,999 dossiers a day.
STAFF_JSON = os.path.join(ROOT, "data", "seed", "staff.json")
PASSWORD = "MotCua@2026"
SESSION_COOKIE = "motcua_session"


def log(*a):
    print("[bench]", *a, flush=True)


def intake_body(i=None):
    return {
        "procedure_id": None,  # filled in
        "channel": 1,
        "receive": True,
        "applicant": {
            "kind": "citizen",
            "full_name": "Nguyễn Văn An",
            "id_number": "051090001234",
            "phone": "0905123456",
            "address": "Thôn 1",
            "address_unit_id": None,
        },
    }


# --------------------------------------------------------------------------- helpers

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def pct(values, p):
    """Nearest-rank percentile of a list (p in 0..100)."""
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1)))))
    return v[k]


def r3(x):
    return None if x is None else round(x, 3)


class Http:
    """A tiny keep-alive JSON client for the setup steps (not for load)."""

    def __init__(self, port):
        self.port = port
        self.conn = None
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, timeout=30):
        h = {"Accept": "application/json"}
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
            try:
                self.conn.request(method, path, body=data, headers=h)
                resp = self.conn.getresponse()
                raw = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                self.close()
                if attempt:
                    raise
        try:
            js = json.loads(raw) if raw else None
        except ValueError:
            js = None
        return resp.status, resp, js, raw

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def parse_wrk_duration(s):
    m = re.match(r"([\d.]+)(us|ms|s|m|h)$", s.strip())
    if not m:
        return None
    v = float(m.group(1))
    return v * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}[m.group(2)]


def parse_wrk(out):
    """Parses wrk's text report plus the BENCH_* lines our Lua done() hook prints."""
    res = {}
    m = re.search(r"Requests/sec:\s*([\d.]+)", out)
    res["req_per_s"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out)
    if m:
        res["requests"] = int(m.group(1))
        res["seconds"] = parse_wrk_duration(m.group(2) + m.group(3)) / 1000.0
    m = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    res["non_2xx_3xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    dist = {}
    block = out.split("Latency Distribution", 1)
    if len(block) == 2:
        for pm in re.finditer(r"^\s*(\d+(?:\.\d+)?)%\s+([\d.]+(?:us|ms|s|m))\s*$", block[1], re.M):
            dist[float(pm.group(1))] = parse_wrk_duration(pm.group(2))
    res["p50_ms"] = dist.get(50.0)
    res["p90_ms"] = dist.get(90.0)
    res["p99_ms"] = dist.get(99.0)
    # Precise figures from the Lua hook (microseconds) override the rounded text ones.
    m = re.search(r"^BENCH_LAT p50=(\d+) p95=(\d+) p99=(\d+) max=(\d+)", out, re.M)
    if m:
        p50, p95, p99, mx = (int(x) / 1000.0 for x in m.groups())
        res.update(p50_ms=p50, p95_ms=p95, p99_ms=p99, max_ms=mx)
    m = re.search(r"^BENCH_STATUS non2xx=(\d+) first=(\d+)", out, re.M)
    if m:
        res["non_2xx"] = int(m.group(1))
        if int(m.group(2)):
            res["first_non_2xx_status"] = int(m.group(2))
            mb = re.search(r"^BENCH_BODY (.*)$", out, re.M)
            if mb:
                res["first_non_2xx_body"] = mb.group(1)[:300]
    if res.get("requests") and res.get("seconds") and "non_2xx" in res:
        res["ok_req_per_s"] = (res["requests"] - res["non_2xx"]) / res["seconds"]
    return res


# Latency percentiles in microseconds from wrk's own histogram (wrk's text report has no p95).
LUA_LATENCY = r"""
function done(summary, latency, requests)
  io.write(string.format("BENCH_LAT p50=%d p95=%d p99=%d max=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
  if count_status then count_status() end
end
"""

# Counts non-2xx exactly (wrk's own counter lets 3xx pass) and keeps the first bad answer. A Lua
# `response` hook costs wrk CPU on every response, taken from the server on the same two cores
# (intake measured 4-17% slower with it), so the timed runs rely on wrk's built-in "Non-2xx or
# 3xx" counter (no endpoint measured answers 3xx) and the hook is used only in a short run that
# shows what went wrong when that counter is not zero.
LUA_STATUS = r"""
non2xx = 0
first_bad = 0
first_body = ""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then
      first_bad = status
      first_body = string.sub(string.gsub(body or "", "[\r\n]", " "), 1, 300)
    end
  end
end
function count_status()
  local n, first, fbody = 0, 0, ""
  for _, t in ipairs(threads) do
    n = n + (t:get("non2xx") or 0)
    local f = t:get("first_bad") or 0
    if first == 0 and f ~= 0 then first = f; fbody = t:get("first_body") or "" end
  end
  io.write(string.format("BENCH_STATUS non2xx=%d first=%d\n", n, first))
  if first ~= 0 then io.write("BENCH_BODY " .. fbody .. "\n") end
end
"""


def lua_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_wrk(url, seconds, conns=64, threads=2, lua=None, workdir=None, timeout_s=None,
            count_status=False):
    script = (LUA_STATUS if count_status else "") + LUA_LATENCY + (lua or "")
    path = os.path.join(workdir, "wrk_%d.lua" % int(time.time() * 1000))
    with open(path, "w") as f:
        f.write(script)
    cmd = ["wrk", "-t%d" % threads, "-c%d" % conns, "-d%ds" % seconds, "--latency",
           "--timeout", "10s", "-s", path, url]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s or seconds + 60)
    out = p.stdout + p.stderr
    if p.returncode != 0:
        raise RuntimeError("wrk failed (%d): %s" % (p.returncode, out[-2000:]))
    res = parse_wrk(out)
    if res.get("req_per_s") is None:
        raise RuntimeError("could not parse wrk output:\n" + out)
    if "non_2xx" not in res:
        res["non_2xx"] = res["non_2xx_3xx"]
        if res.get("requests") and res.get("seconds"):
            res["ok_req_per_s"] = (res["requests"] - res["non_2xx"]) / res["seconds"]
    res["conns"] = conns
    res["wrk_output"] = out.strip().splitlines()[-12:]
    return res


# --------------------------------------------------------------------------- open-loop load

class RawConn:
    def __init__(self, reader, writer):
        self.r, self.w = reader, writer


async def read_response(r):
    head = await r.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, status = lines[0].split(" ", 2)[:2]
    status = int(status)
    hdrs = {}
    for ln in lines[1:]:
        if ":" in ln:
            k, v = ln.split(":", 1)
            hdrs[k.strip().lower()] = v.strip()
    if version == "HTTP/1.0" and hdrs.get("connection", "").lower() != "keep-alive":
        hdrs["connection"] = "close"
    if "content-length" in hdrs:
        body = await r.readexactly(int(hdrs["content-length"]))
    elif hdrs.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await r.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await r.readuntil(b"\r\n")  # (no trailers expected)
                break
            parts.append(await r.readexactly(size))
            await r.readexactly(2)
        body = b"".join(parts)
    elif status in (204, 304) or 100 <= status < 200:
        body = b""
    else:
        body = await r.read()  # until close
        hdrs["connection"] = "close"
    return status, hdrs, body


async def open_loop(port, method, path, headers, body, rate, seconds, warm_conns=48,
                    max_conns=512, on_body=None):
    """Sends `rate` requests per second for `seconds`, on schedule, whatever the responses.

    Latency is measured from each request's *scheduled* time (so a stall that delays sends
    is counted, not hidden: no coordinated omission). Each connection carries one request at
    a time (HTTP/1.1 keep-alive, no pipelining); a new connection is opened when none is
    idle, up to max_conns; beyond that a request is counted as dropped.
    """
    loop = asyncio.get_running_loop()
    body = body or b""
    hdr = "".join("%s: %s\r\n" % kv for kv in headers.items())
    req = ("%s %s HTTP/1.1\r\nHost: %s:%d\r\n%sContent-Length: %d\r\n\r\n"
           % (method, path, HOST, port, hdr, len(body))).encode() + body
    idle = []
    opened = 0
    lat, statuses, errors, bad_bodies = [], {}, [], []
    dropped = 0
    inflight = 0

    async def connect():
        nonlocal opened
        r, w = await asyncio.open_connection(HOST, port)
        w.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        opened += 1
        return RawConn(r, w)

    for _ in range(warm_conns):
        idle.append(await connect())

    async def one(sched):
        nonlocal inflight
        inflight += 1
        c = None
        try:
            for attempt in (0, 1):
                reused = bool(idle)
                c = idle.pop() if idle else await connect()
                try:
                    c.w.write(req)
                    await c.w.drain()
                    status, h, b = await read_response(c.r)
                    break
                except (ConnectionError, asyncio.IncompleteReadError):
                    # a kept-alive connection the server had closed: once more on a fresh one
                    c.w.close()
                    c = None
                    if attempt or not reused:
                        raise
            lat.append((loop.time() - sched) * 1000.0)
            statuses[status] = statuses.get(status, 0) + 1
            if on_body and 200 <= status < 300:
                on_body(b)
            elif not 200 <= status < 300 and len(bad_bodies) < 2:
                bad_bodies.append("%d %s" % (status, b[:300].decode("utf-8", "replace")))
            if h.get("connection", "").lower() == "close":
                c.w.close()
            else:
                idle.append(c)
        except Exception as e:  # noqa: BLE001 - every failure is a counted error
            errors.append(repr(e))
            if c is not None:
                c.w.close()
        finally:
            inflight -= 1

    n = int(rate * seconds)
    tasks = []
    t0 = loop.time() + 0.05
    late_max = 0.0
    for i in range(n):
        sched = t0 + i / rate
        d = sched - loop.time()
        if d > 0:
            await asyncio.sleep(d)
        else:
            late_max = max(late_max, -d)
        if inflight >= max_conns:
            dropped += 1
            continue
        tasks.append(asyncio.ensure_future(one(sched)))
    sent_done = loop.time()
    if tasks:
        done, pending = await asyncio.wait(tasks, timeout=30)
        for t in pending:
            t.cancel()
        errors.extend(["timeout"] * len(pending))
    end = loop.time()
    for c in idle:
        c.w.close()
    ok = sum(v for k, v in statuses.items() if 200 <= k < 300)
    return {
        "offered_rate": rate,
        "seconds": seconds,
        "sent": len(tasks),
        "send_span_s": round(sent_done - t0, 3),
        "max_send_lag_ms": round(late_max * 1000.0, 3),
        "completed": len(lat),
        "ok": ok,
        "achieved_ok_per_s": round(ok / max(1e-9, end - t0), 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": len(errors),
        "error_samples": errors[:3],
        "non_2xx_samples": bad_bodies,
        "dropped": dropped,
        "connections_opened": opened,
        "p50_ms": r3(pct(lat, 50)),
        "p90_ms": r3(pct(lat, 90)),
        "p99_ms": r3(pct(lat, 99)),
        "max_ms": r3(max(lat) if lat else None),
        "mean_ms": r3(statistics.fmean(lat) if lat else None),
    }


# --------------------------------------------------------------------------- server control

class Server:
    def __init__(self, binary, workdir, db_path, name):
        self.binary = binary
        self.workdir = workdir
        self.db_path = db_path
        self.port = None
        self.proc = None
        self.log_path = os.path.join(workdir, name + ".log")
        self.env = dict(os.environ)
        self.env.update({
            "MOTCUA_DB": "sqlite:" + db_path,
            "MOTCUA_ADDRESS": HOST,
            # wrk and the open-loop client are one loopback address with 64+ connections
            "MOTCUA_MAX_CONN_PER_IP": "0",
            # and the lookup step measures the lookup, not the per-address limit on guessing codes
            "MOTCUA_LOOKUP_PER_MINUTE": "1000000",
            "MOTCUA_SEED_DIR": os.environ.get("MOTCUA_SEED_DIR", os.path.join(ROOT, "data", "seed")),
        })

    def cli(self, *args, timeout=600):
        t = time.monotonic()
        with open(self.log_path, "a") as lf:
            lf.write("\n$ motcua %s\n" % " ".join(args))
            lf.flush()
            p = subprocess.run([self.binary, *args], env=self.env, cwd=ROOT, stdout=lf,
                               stderr=subprocess.STDOUT, timeout=timeout)
        if p.returncode != 0:
            raise RuntimeError("motcua %s failed (exit %d); log %s:\n%s"
                               % (" ".join(args), p.returncode, self.log_path, self.tail()))
        return time.monotonic() - t

    def tail(self, n=30):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def start(self, wait_s=60):
        self.port = free_port()
        env = dict(self.env, MOTCUA_PORT=str(self.port))
        lf = open(self.log_path, "a")
        lf.write("\n$ motcua serve (port %d)\n" % self.port)
        lf.flush()
        self.proc = subprocess.Popen([self.binary, "serve"], env=env, cwd=ROOT, stdout=lf,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        lf.close()
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("motcua serve exited with %d:\n%s" % (self.proc.returncode, self.tail()))
            try:
                c = http.client.HTTPConnection(HOST, self.port, timeout=2)
                c.request("GET", "/api/v1/health")
                r = c.getresponse()
                r.read()
                c.close()
                if r.status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("motcua serve not healthy after %ds:\n%s" % (wait_s, self.tail()))

    def memory(self):
        out = {}
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for ln in f:
                    k, _, v = ln.partition(":")
                    if k in ("VmHWM", "VmRSS", "Threads"):
                        out[k] = int(v.split()[0])
        except OSError:
            pass
        return out

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def reception_usernames():
    with open(STAFF_JSON, encoding="utf-8") as f:
        staff = json.load(f)["staff"]
    return [s["username"] for s in staff if any(g["role"] == "reception" for g in s["grants"])]


def add_bench_desks(port):
    """A reception account at every agency that handles procedures but has no desk in the seed
    (created through the administration API as the province admin), so that the intake run is
    not cut short by the 9,999-a-day dossier sequence of a few agencies."""
    admin = login(port, "quantritinh.tinh")
    st, _, js, _ = admin.request("GET", "/api/v1/agencies")
    made = 0
    for a in items_of(js) if st == 200 else []:
        if a.get("valid_to"):
            continue
        st, _, procs, _ = admin.request("GET", "/api/v1/procedures?agency=" + urllib.parse.quote(a["id"]))
        if st != 200 or not items_of(procs):
            continue
        user = "bench.tiepnhan." + "".join(ch for ch in a["id"].lower() if ch.isalnum())
        body = {"username": user, "full_name": "Bàn tiếp nhận đo hiệu năng", "password": "BenchDesk2026x",
                "grants": [{"agency_id": a["id"], "role": "reception", "from": "2025-07-01", "to": None}]}
        st, _, _, rawb = admin.request("POST", "/api/v1/admin/staff", body)
        if st == 201 or st == 200:
            made += 1
            BENCH_DESKS.append(user)
    return made


BENCH_DESKS = []


def login(port, username=USERNAME):
    c = Http(port)
    pw = "BenchDesk2026x" if username.startswith("bench.") else PASSWORD
    st, resp, js, raw = c.request("POST", "/api/v1/auth/login",
                                  {"username": username, "password": pw})
    if st != 200 or not isinstance(js, dict):
        raise RuntimeError("login failed: %d %s" % (st, raw[:500]))
    c.csrf = js.get("csrf_token")
    cookies = []
    for k, v in resp.getheaders():
        if k.lower() == "set-cookie":
            cookies.append(v.split(";", 1)[0].strip())
    sess = [ck for ck in cookies if SESSION_COOKIE in ck.split("=", 1)[0]]
    c.cookie = "; ".join(sess or cookies) or None
    if not c.cookie:
        raise RuntimeError("login set no session cookie")
    if not c.csrf:
        raise RuntimeError("login response has no csrf_token: %s" % raw[:300])
    return c


def items_of(js):
    if isinstance(js, list):
        return js
    if isinstance(js, dict):
        for k in ("items", "data", "results"):
            if isinstance(js.get(k), list):
                return js[k]
    return []


def find_procedure(c):
    for path in ("/api/v1/procedures?agency=me", "/api/v1/procedures"):
        st, _, js, _ = c.request("GET", path)
        its = items_of(js) if st == 200 else []
        if its and its[0].get("id"):
            return its[0]["id"], path
    raise RuntimeError("no procedure found via /api/v1/procedures")


def code_of(js):
    if isinstance(js, dict):
        if js.get("code"):
            return js["code"]
        for k in ("dossier", "data"):
            if isinstance(js.get(k), dict) and js[k].get("code"):
                return js[k]["code"]
    return None


# --------------------------------------------------------------------------- the run

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossiers", type=int, default=int(os.environ.get("BENCH_DOSSIERS", "1000000")),
                    help="dossiers for the memory/queue step (0 skips it)")
    ap.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK") == "1",
                    help="shorter measurement windows (smoke run)")
    ap.add_argument("--rate", type=int, default=500, help="offered rate for the latency step")
    ap.add_argument("--out", default=os.environ.get("BENCH_OUT", os.path.join(ROOT, "bench", "results", "latest.json")))
    args = ap.parse_args()

    binary = os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua"))
    raw_bin = os.environ.get("BENCH_RAW", os.path.join(ROOT, "build", "raw_sqlite"))
    # Intake runs 3 rounds of 3 s, each after 3 s of the anchor: 16 desks × 9,999 codes a day
    # (the legal NNNN) is 160k dossiers, which ~18k intakes/s would use up in 9 s (then 503
    # dossier_seq_exhausted, reported as non-2xx).
    d_anchor, d_health, d_intake, d_latency, d_lookup, d_queue = (5, 5, 3, 10, 10, 5)
    intake_rounds, d_round_anchor = 3, 3
    if args.quick:
        d_anchor, d_health, d_intake, d_latency, d_lookup, d_queue = (2, 2, 2, 3, 3, 2)
        intake_rounds, d_round_anchor = 1, 2
    if not shutil.which("wrk"):
        sys.exit("bench: wrk not found (scripts/bootstrap.sh installs it)")

    raw = {"machine": {"nproc": os.cpu_count(), "kernel": platform.release()},
           "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "quick": args.quick, "errors": {}, "warnings": [], "timings_s": {}}

    def warn(msg):
        raw["warnings"].append(msg)
        log("   WARNING:", msg)
    work = tempfile.mkdtemp(prefix="motcua-bench.")
    servers = []

    def on_signal(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)

    def step(name, fn):
        log("--", name)
        t = time.monotonic()
        try:
            return fn()
        except KeyboardInterrupt:
            raise
        except Exception as e:  # noqa: BLE001 - a failed step is reported, the rest goes on
            raw["errors"][name] = str(e)[:4000]
            log("   FAILED:", str(e)[:2000])
            if os.environ.get("BENCH_DEBUG"):
                traceback.print_exc()
            return None
        finally:
            raw["timings_s"][name] = round(time.monotonic() - t, 2)

    try:
        # (a) anchor
        def anchor(seconds):
            p = subprocess.run([raw_bin, str(seconds)], capture_output=True, text=True, timeout=120)
            if p.returncode != 0:
                raise RuntimeError("raw_sqlite failed: %s" % p.stderr)
            r = json.loads(p.stdout.strip().splitlines()[-1])
            log("   raw_sqlite: %.0f tx/s, p50 %.3f ms, p99 %.3f ms" % (r["tx_per_s"], r["p50_ms"], r["p99_ms"]))
            return r
        raw["raw_sqlite"] = step("anchor raw_sqlite", lambda: anchor(d_anchor))

        # (b) server on a fresh db
        srv = Server(binary, work, os.path.join(work, "bench.db"), "serve")
        servers.append(srv)

        def start():
            srv.cli("migrate")
            srv.cli("seed")
            srv.start()
            log("   motcua serve on %s:%d (pid %d)" % (HOST, srv.port, srv.proc.pid))
            return True
        up = step("start server", start)

        if up:
            base = "http://%s:%d" % (HOST, srv.port)
            # (c) HTTP ceiling
            raw["health"] = step("health (HTTP ceiling)", lambda: run_wrk(
                base + "/api/v1/health", d_health, workdir=work))
            if raw.get("health"):
                h = raw["health"]
                log("   health: %.0f req/s, p50 %s ms, p99 %s ms" % (h["req_per_s"], r3(h["p50_ms"]), r3(h["p99_ms"])))
            raw["http_ceiling"] = step("bare Beast vs health (yardstick)", lambda: http_ceiling.rounds(
                run_wrk, base + "/api/v1/health", work, n=3, seconds=max(2, d_health // 2), log=log))

            # (d) login and procedure
            sess = {}

            def do_login():
                c = login(srv.port)
                pid, via = find_procedure(c)
                sess.update(client=c, procedure_id=pid)
                log("   logged in as %s; procedure %s (from %s)" % (USERNAME, pid, via))
                # The other desks, for the wrk intake run (one agency's daily sequence is 9,999).
                # The latency run's desk keeps its agency's sequence to itself.
                _, _, me0, _ = c.request("GET", "/api/v1/auth/me")
                main_agency = (me0 or {}).get("user", {}).get("grants", [{}])[0].get("agency_id")
                desks, seen_agencies = [], {main_agency}
                try:
                    log("   %d bench reception desks added" % add_bench_desks(srv.port))
                except RuntimeError as e:
                    warn("could not add bench desks: %s" % e)
                for u in reception_usernames() + BENCH_DESKS:
                    if u == USERNAME:
                        continue
                    try:
                        dc = login(srv.port, u)
                    except RuntimeError:
                        continue
                    st, _, js, _ = dc.request("GET", "/api/v1/procedures?agency=me")
                    its = items_of(js) if st == 200 else []
                    st2, _, me, _ = dc.request("GET", "/api/v1/auth/me")
                    agency = (me or {}).get("user", {}).get("grants", [{}])[0].get("agency_id")
                    if its and agency not in seen_agencies:
                        seen_agencies.add(agency)
                        desks.append((dc, its[0]["id"]))
                sess["desks"] = desks or [(c, pid)]
                log("   %d reception desks for the wrk intake run" % len(sess["desks"]))
                return {"procedure_id": pid, "procedures_path": via, "desks": len(sess["desks"])}
            raw["login"] = step("login", do_login)

            codes = []
            if sess:
                c = sess["client"]
                body = intake_body()
                body["procedure_id"] = sess["procedure_id"]
                body_json = json.dumps(body, ensure_ascii=False)

                def warm():  # a few sequential intakes: checks the request works, collects codes
                    lat, bad = [], {}
                    for i in range(100):
                        t = time.perf_counter()
                        st, _, js, rawb = c.request("POST", "/api/v1/dossiers", body)
                        lat.append((time.perf_counter() - t) * 1000)
                        if not 200 <= st < 300:
                            bad[st] = bad.get(st, 0) + 1
                            if i == 0 or sum(bad.values()) > 10:
                                raise RuntimeError("intake POST -> %d: %s" % (st, rawb[:500]))
                        elif code_of(js):
                            codes.append(code_of(js))
                    if not codes:
                        raise RuntimeError("intake responses carry no \"code\": %s" % rawb[:300])
                    return {"n": len(lat), "non_2xx": bad, "p50_ms": r3(pct(lat, 50)), "p99_ms": r3(pct(lat, 99))}
                raw["intake_sequential"] = step("intake warm-up (sequential)", warm)

                # (e) intake throughput
                def intake():
                    reqs = []
                    for dc, dpid in sess["desks"]:
                        b = dict(intake_body(), procedure_id=dpid)
                        reqs.append("wrk.format(\"POST\", \"/api/v1/dossiers\", {[\"Content-Type\"] = "
                                    "\"application/json\", [\"Cookie\"] = %s, [\"X-CSRF-Token\"] = %s}, %s)"
                                    % (lua_str(dc.cookie), lua_str(dc.csrf),
                                       lua_str(json.dumps(b, ensure_ascii=False))))
                    lua = ("local reqs = {}\nlocal i = 0\n"
                           "function init(args)\n  reqs = {%s}\n  i = math.random(#reqs)\nend\n"
                           "function request()\n  i = i %% #reqs + 1\n  return reqs[i]\nend\n"
                           % ", ".join(reqs))
                    # BENCH_PROFILE=<file>: `perf record` the server during this run (perf report -i <file>).
                    prof = None
                    if os.environ.get("BENCH_PROFILE"):
                        prof = subprocess.Popen(["perf", "record", "-o", os.environ["BENCH_PROFILE"],
                                                 "-p", str(srv.proc.pid)], stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
                    # Rounds of (anchor, intake), each ratio's two sides a few seconds apart; the
                    # table takes the median of each side. One run of either varies by ±15% on
                    # these shared machines, which a single pair turns into ±20% on the ratio.
                    samples, anchors = [], []
                    try:
                        for _ in range(intake_rounds):
                            a = anchor(d_round_anchor)
                            if a:
                                anchors.append(a["tx_per_s"])
                            samples.append(run_wrk(base + "/api/v1/dossiers", d_intake, lua=lua, workdir=work))
                            log("   intake: %.0f req/s (%s non-2xx), p50 %s ms, p99 %s ms"
                                % (samples[-1]["req_per_s"], samples[-1].get("non_2xx"),
                                   r3(samples[-1]["p50_ms"]), r3(samples[-1]["p99_ms"])))
                    finally:
                        if prof:
                            prof.send_signal(signal.SIGINT)
                            prof.wait(timeout=60)
                    # The median by successful answers (what the table reports), not by all.
                    by_rate = sorted(samples, key=lambda x: x.get("ok_req_per_s") or x["req_per_s"])
                    r = dict(by_rate[len(by_rate) // 2])  # the median round, with its latencies
                    r["rounds_req_per_s"] = [round(x["req_per_s"]) for x in samples]
                    r["non_2xx"] = sum(x.get("non_2xx") or 0 for x in samples)
                    r["requests"] = sum(x.get("requests") or 0 for x in samples)
                    if anchors:
                        raw["anchor_rounds_tx_per_s"] = [round(x) for x in anchors]
                        log("   medians: intake %.0f req/s, anchor %.0f tx/s"
                            % (r["req_per_s"], statistics.median(anchors)))
                    if r.get("non_2xx"):
                        why = run_wrk(base + "/api/v1/dossiers", 1, conns=4, lua=lua, workdir=work,
                                      count_status=True)
                        warn("intake (wrk): %d of %d responses non-2xx; a 1 s rerun: first %s: %s"
                             % (r["non_2xx"], r.get("requests", 0), why.get("first_non_2xx_status"),
                                why.get("first_non_2xx_body", "")[:200]))
                    return r
                if raw.get("intake_sequential"):
                    raw["intake"] = step("intake throughput (wrk, 64 conns)", intake)

                    # (f) intake latency at a fixed offered rate
                    def intake_latency():
                        def grab(b):
                            if len(codes) < 2000:
                                try:
                                    cd = code_of(json.loads(b))
                                    if cd:
                                        codes.append(cd)
                                except ValueError:
                                    pass
                        r = asyncio.run(open_loop(
                            srv.port, "POST", "/api/v1/dossiers",
                            {"Content-Type": "application/json", "Cookie": c.cookie,
                             "X-CSRF-Token": c.csrf},
                            body_json.encode(), args.rate, d_latency, on_body=grab))
                        log("   intake @%d/s: p50 %s ms, p99 %s ms, ok %d/%d, errors %d, dropped %d"
                            % (args.rate, r["p50_ms"], r["p99_ms"], r["ok"], r["sent"], r["errors"], r["dropped"]))
                        if r["ok"] < r["sent"]:
                            warn("intake @%d/s: only %d of %d answered 2xx (%s); latency figures include "
                                 "the failures" % (args.rate, r["ok"], r["sent"],
                                                   "; ".join(r["non_2xx_samples"] + r["error_samples"])[:300]))
                        return r
                    raw["intake_latency"] = step("intake latency (open loop)", intake_latency)

                # (g) public lookup
                def lookup():
                    if not codes:
                        raise RuntimeError("no dossier codes collected from intake responses")
                    st, _, js, rb = Http(srv.port).request(
                        "GET", "/api/v1/public/dossiers/" + urllib.parse.quote(codes[0], safe=""))
                    if st != 200:
                        raise RuntimeError("lookup of %s -> %d: %s" % (codes[0], st, rb[:300]))
                    sample = codes[:1000]
                    lua = ("local codes = {%s}\nlocal i = 0\n"
                           "function init(args) i = math.random(#codes) end\n"
                           "function request()\n  i = i %% #codes + 1\n"
                           "  return wrk.format(\"GET\", \"/api/v1/public/dossiers/\" .. codes[i])\nend\n"
                           % ",".join(lua_str(urllib.parse.quote(x, safe="")) for x in sample))
                    r = run_wrk(base + "/api/v1/public/dossiers/x", d_lookup, lua=lua, workdir=work)
                    r["distinct_codes"] = len(sample)
                    log("   lookup: %.0f req/s (%s non-2xx), p50 %s ms, p99 %s ms"
                        % (r["req_per_s"], r.get("non_2xx"), r3(r["p50_ms"]), r3(r["p99_ms"])))
                    return r
                raw["lookup"] = step("public lookup (wrk)", lookup)
            mem = srv.memory() if srv.proc else {}
            raw["rss_after_load_kb"] = mem
            srv.stop()

        # lifecycle actions per second (SQLite), then the PostgreSQL section (one process vs two,
        # pgbench, lifecycle): bench/lifecycle.py and bench/pg_scale.py; BENCH_NO_PG=1 skips the latter
        import lifecycle
        import pg_scale
        raw["lifecycle"] = step("lifecycle actions (SQLite)", lambda: lifecycle.measure(
            binary, 3 if args.quick else 5, log=log))
        import payment_callbacks
        raw["payment_callbacks"] = step("payment callbacks (VNPay IPN, SQLite)", lambda: payment_callbacks.measure(
            binary, 3 if args.quick else 5, log=log))
        import relay as relay_bench  # the national portal's relay: rows/s and sync lag (bench/relay.py)
        raw["relay"] = step("national portal relay (DVCQG simulator, SQLite)", lambda: relay_bench.measure(
            binary, 300 if args.quick else 1000, 4, 5 if args.quick else 10, 4, log=log))
        if os.environ.get("BENCH_NO_PG") != "1":
            raw["postgres"] = step("PostgreSQL: one process vs two, pgbench", lambda: pg_scale.measure(
                binary, 3 if args.quick else 5, 1 if args.quick else 2, log=log,
                lifecycle_seconds=3 if args.quick else 5))
            # the figure: sync lag while intake is offered at 500/s to two processes on one
            # PostgreSQL, both relaying to the DVCQG simulator (bench/relay.py measure_pg)
            raw["relay_pg"] = step("national portal relay: 2 processes on PostgreSQL @500 intakes/s",
                                   lambda: relay_bench.measure_pg(binary, 500, 5 if args.quick else 10, 4, log=log))
            import my_dossiers
            raw["mine_pg_plan"] = step("PostgreSQL: Hồ sơ của tôi uses the owner's index", lambda: my_dossiers.pg_plan(
                binary, 20000 if args.quick else 100000, log=log))

        # (h) memory and queue with many dossiers
        if args.dossiers > 0:
            big = Server(binary, work, os.path.join(work, "fill.db"), "serve_fill")
            servers.append(big)

            def fill():
                big.cli("migrate")
                big.cli("seed")
                t = big.cli("bench-fill", "--count", str(args.dossiers), timeout=3600)
                log("   bench-fill %d dossiers: %.1f s" % (args.dossiers, t))
                return {"count": args.dossiers, "seconds": round(t, 1),
                        "db_mb": round(sum(os.path.getsize(os.path.join(work, f)) for f in os.listdir(work)
                                           if f.startswith("fill.db")) / 1048576, 1)}
            raw["fill"] = step("bench-fill", fill)

            def big_run():
                big.start(wait_s=300)
                c = login(big.port)
                qpath = "/api/v1/dossiers?queue=to_receive&limit=50"
                st, _, js, rb = c.request("GET", qpath)
                if st != 200:
                    raise RuntimeError("queue -> %d: %s" % (st, rb[:300]))
                queue_items = len(items_of(js))
                found = [code_of(x) for x in items_of(js) if code_of(x)]
                if queue_items == 0:
                    warn("queue to_receive is empty for %s at %d dossiers: the queue figure "
                         "measures an empty page" % (USERNAME, args.dossiers))
                # more codes for lookups: the other queues of this officer, a few pages deep
                for extra in ("all", "to_process", "to_return"):
                    path = "/api/v1/dossiers?queue=%s&limit=50" % extra
                    for _ in range(4):
                        st, _, js, _ = c.request("GET", path)
                        if st != 200:
                            break
                        found += [code_of(x) for x in items_of(js) if code_of(x)]
                        cur = js.get("next_cursor") if isinstance(js, dict) else None
                        if not cur:
                            break
                        path = "/api/v1/dossiers?queue=%s&limit=50&cursor=%s" % (extra, urllib.parse.quote(str(cur), safe=""))
                if not found:
                    warn("no dossier codes visible to %s in the filled db: lookups there hit unknown codes"
                         % USERNAME)
                    found = ["000.00.00.H00-000000-0000"]
                pub = Http(big.port)
                mixed = {"lookup": 0, "queue": 0, "non_2xx": 0, "distinct_codes": len(set(found)),
                         "queue_items": queue_items}
                t = time.monotonic()
                for i in range(2000):
                    if i % 2 == 0:
                        st, *_ = pub.request("GET", "/api/v1/public/dossiers/" + urllib.parse.quote(found[i // 2 % len(found)], safe=""))
                        mixed["lookup"] += 1
                    else:
                        st, *_ = c.request("GET", qpath if i % 4 != 1 else "/api/v1/dossiers?queue=all&limit=50")
                        mixed["queue"] += 1
                    if not 200 <= st < 300:
                        mixed["non_2xx"] += 1
                mixed["seconds"] = round(time.monotonic() - t, 2)
                mem = big.memory()
                lua = "wrk.headers[\"Cookie\"] = %s\n" % lua_str(c.cookie)
                q = run_wrk("http://%s:%d%s" % (HOST, big.port, qpath), d_queue, lua=lua, workdir=work)
                # The same queue with 4 officials at once (a realistic desk load, not saturation).
                q4 = run_wrk("http://%s:%d%s" % (HOST, big.port, qpath), d_queue, conns=4, threads=2, lua=lua,
                             workdir=work)
                # "Hồ sơ của tôi" of a citizen with 200 of these dossiers (bench/my_dossiers.py).
                import my_dossiers
                try:
                    mine = my_dossiers.measure(big.port, big.db_path, d_queue, work, log=log)
                except Exception as e:  # noqa: BLE001
                    warn("Hồ sơ của tôi: %s" % e)
                    mine = {"error": str(e)}
                mem_after = big.memory()
                r = {"mine": mine, "mixed": mixed, "status_kb": mem, "status_kb_after_queue_wrk": mem_after,
                     "rss_mb": round(max(mem.get("VmHWM", 0), mem_after.get("VmHWM", 0)) / 1024.0, 1),
                     "vmrss_mb": round(mem_after.get("VmRSS", 0) / 1024.0, 1), "queue": q, "queue_4": q4}
                log("   RSS (VmHWM) %.1f MB, VmRSS %.1f MB; queue: %.0f req/s, p95 %s ms (%s non-2xx)"
                    % (r["rss_mb"], r["vmrss_mb"], q["req_per_s"], r3(q.get("p95_ms")), q.get("non_2xx")))
                big.stop()
                return r
            if raw.get("fill"):
                raw["large"] = step("memory and queue at %d dossiers" % args.dossiers, big_run)
    except KeyboardInterrupt:
        log("interrupted")
        raw["errors"]["interrupted"] = True
    finally:
        for s in servers:
            try:
                s.stop()
            except Exception:  # noqa: BLE001
                pass
        if os.environ.get("BENCH_KEEP") == "1":
            log("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    report(raw, args)
    return 1 if raw["errors"] else 0


def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return round(a / b, 4)


def report(raw, args):
    g = lambda *ks: _get(raw, ks)  # noqa: E731
    intake_rps = g("intake", "ok_req_per_s") or g("intake", "req_per_s")
    lookup_rps = g("lookup", "ok_req_per_s") or g("lookup", "req_per_s")
    health_rps = g("health", "req_per_s")
    bare_rps = g("http_ceiling", "bare_req_per_s")  # median of the rounds
    health_rounds_rps = g("http_ceiling", "health_req_per_s")
    # The rounds' anchors when there are any (the median, beside our median intake round).
    rounds = raw.get("anchor_rounds_tx_per_s")
    raw_tps = statistics.median(rounds) if rounds else g("raw_sqlite", "tx_per_s")
    result = {
        "ratios": {
            "intake_vs_raw_sqlite": ratio(intake_rps, raw_tps),
            "health_vs_bare_beast": ratio(health_rounds_rps, bare_rps),
            "lookup_vs_bare_beast": ratio(lookup_rps, bare_rps),
            "lookup_vs_http_ceiling": ratio(lookup_rps, health_rps),
            "intake_p99_vs_raw_sqlite_p99": ratio(g("intake_latency", "p99_ms"), g("raw_sqlite", "p99_ms")),
            "lookup_p99_vs_health_p99": ratio(g("lookup", "p99_ms"), g("health", "p99_ms")),
            "lifecycle_actions_vs_raw_sqlite": ratio(g("lifecycle", "actions_per_s"), raw_tps),
            "payment_confirmations_vs_intake": ratio(g("payment_callbacks", "confirmations_per_s"), intake_rps),
            "pg_intake_vs_pgbench": ratio(g("postgres", "default", "one_process"), g("postgres", "pgbench_tps")),
            "pg_two_processes_vs_one": ratio(g("postgres", "default", "two_processes"),
                                             g("postgres", "default", "one_process")),
            "pg_two_processes_vs_one_4_workers": ratio(g("postgres", "bounded", "two_processes"),
                                                       g("postgres", "bounded", "one_process")),
        },
        "p99_ms": {
            "intake_at_%drps" % args.rate: r3(g("intake_latency", "p99_ms")),
            "lookup": r3(g("lookup", "p99_ms")),
            "health": r3(g("health", "p99_ms")),
            "raw_sqlite": r3(g("raw_sqlite", "p99_ms")),
        },
        "p50_ms": {
            "intake_at_%drps" % args.rate: r3(g("intake_latency", "p50_ms")),
            "lookup": r3(g("lookup", "p50_ms")),
            "health": r3(g("health", "p50_ms")),
        },
        "queue_p95_ms": r3(g("large", "queue", "p95_ms")),
        "queue_p95_ms_4_conns": r3(g("large", "queue_4", "p95_ms")),
        # Hồ sơ của tôi: one citizen's first page (200 of BENCH_DOSSIERS dossiers), 4 connections.
        "my_dossiers_p95_ms": r3(g("large", "mine", "p95_ms")),
        "my_dossiers_uses_index": {"sqlite": g("large", "mine", "sqlite_uses_index"),
                                   "postgres": g("mine_pg_plan", "uses_index")},
        "rss_mb": g("large", "rss_mb"),
        "dossiers": args.dossiers,
        "raw": raw,
    }
    if args.rate != 500:
        result["p99_ms"]["intake_at_500rps"] = None
    rows = [
        ("intake req/s (64 conns)", intake_rps, raw_tps, "raw_sqlite tx/s (median rounds)"),
        ("intake p99 ms @%d/s" % args.rate, g("intake_latency", "p99_ms"), g("raw_sqlite", "p99_ms"), "raw_sqlite p99"),
        ("intake p50 ms @%d/s" % args.rate, g("intake_latency", "p50_ms"), g("raw_sqlite", "p50_ms"), "raw_sqlite p50"),
        ("lookup req/s", lookup_rps, bare_rps, "bare Beast req/s (median rounds)"),
        ("health req/s (median rounds)", health_rounds_rps, bare_rps, "bare Beast req/s (median rounds)"),
        ("lookup p99 ms", g("lookup", "p99_ms"), g("health", "p99_ms"), "health p99"),
        ("lookup req/s ÷ health", lookup_rps, health_rps, "health req/s (one run)"),
        ("lifecycle actions/s (SQLite)", g("lifecycle", "actions_per_s"), raw_tps, "raw_sqlite tx/s (median rounds)"),
        ("lifecycle dossiers/s (SQLite)", g("lifecycle", "dossiers_per_s"), None, ""),
        ("payment callbacks/s (IPN, SQLite)", g("payment_callbacks", "confirmations_per_s"), intake_rps,
         "intake req/s (same run)"),
        ("pg intake req/s, 1 process", g("postgres", "default", "one_process"), g("postgres", "pgbench_tps"),
         "pgbench tx/s (2 inserts, same cluster)"),
        ("pg intake req/s, 2 processes", g("postgres", "default", "two_processes"),
         g("postgres", "default", "one_process"), "pg intake, 1 process"),
        ("pg intake, 4 workers: 2 processes", g("postgres", "bounded", "two_processes"),
         g("postgres", "bounded", "one_process"), "pg intake, 4 workers, 1 process"),
        ("lifecycle actions/s (PostgreSQL)", g("postgres", "lifecycle", "actions_per_s"), g("postgres", "pgbench_tps"),
         "pgbench tx/s"),
        ("relay rows/s to the national portal (sim)", g("relay", "relay_rows_per_s"), None, ""),
        ("sync lag p95 ms while intake runs", g("relay", "sync_lag_ms_p95"), None, ""),
        ("pg 2 processes: intakes/s achieved (500 offered)", g("relay_pg", "achieved_intakes_per_s"), None, ""),
        ("pg 2 processes: relay rows/s to the portal (sim)", g("relay_pg", "relay_rows_per_s"), None, ""),
        ("pg 2 processes @500/s: sync lag p95 ms", g("relay_pg", "sync_lag_ms_p95"), None, ""),
        ("queue p95 ms @%s, 64 conns" % f"{args.dossiers:,}", g("large", "queue", "p95_ms"), None, ""),
        ("queue p95 ms @%s, 4 conns" % f"{args.dossiers:,}", g("large", "queue_4", "p95_ms"), None, ""),
        ("RSS MB (VmHWM) @%s" % f"{args.dossiers:,}", g("large", "rss_mb"), None, ""),
    ]

    def fmt(v):
        if v is None:
            return "-"
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}"
    print()
    print("%-34s %12s %12s %8s  %s" % ("metric", "ours", "anchor", "ratio", "anchor is"))
    print("-" * 84)
    for name, ours, anchor, what in rows:
        rt = ratio(ours, anchor)
        print("%-34s %12s %12s %8s  %s" % (name, fmt(ours), fmt(anchor), "-" if rt is None else "%.3f" % rt, what))
    nb = [(k, g(k, "non_2xx")) for k in ("health", "intake", "lookup") if g(k, "non_2xx")]
    if nb:
        print("non-2xx responses: " + ", ".join("%s %d" % kv for kv in nb))
    for w in raw.get("warnings", []):
        print("warning:", w)
    if raw["errors"]:
        print("errors: " + "; ".join("%s: %s" % (k, str(v).splitlines()[0][:200] if v is not True else "yes")
                                      for k, v in raw["errors"].items()))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    out = os.path.abspath(args.out)
    print("wrote", os.path.relpath(out) if out.startswith(os.getcwd() + os.sep) else out)


def _get(d, ks):
    for k in ks:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


if __name__ == "__main__":
    sys.exit(main())
