#!/usr/bin/env python3
"""Lifecycle actions per second: dossiers taken from reception to the return of the result.

Each dossier goes through every step a commune's dossier takes at the demo desk: intake received
at once (one request), start_processing, a handover per step of the internal process until the
leader's step, resolve_granted with its result document, return_result. Every action is one
transaction with its history entry, control-sheet rows, audit record, outbox row and counters.

The walk is found once on one dossier (who holds each step, whom it is handed to, as
tests/api/harness.py's `decide` does), then THREADS client threads replay it on fresh dossiers
for SECONDS, each dossier's actions in order, many dossiers at once. Reported: actions/s and
dossiers/s (completed), with p50/p99 per action.

  python3 bench/lifecycle.py [--seconds 5] [--threads 16] [--engine sqlite|postgres]
  MOTCUA_BIN (build/motcua); on postgres BENCH_PG or a throw-away cluster (bench/pg_scale.py).

`measure()` is what bench/run.py calls. Python standard library only.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402

SEED = os.path.join(R.ROOT, "data", "seed")


def account(role, agency):
    with open(os.path.join(SEED, "staff.json"), encoding="utf-8") as f:
        for s in json.load(f)["staff"]:
            if any(g["role"] == role and g["agency"] == agency and not g.get("to") for g in s["grants"]):
                return s["username"]
    raise LookupError("no demo account with role %s at %s" % (role, agency))


def today_vn():
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))


class Walk:
    """The steps of one dossier's life, as (username, path suffix or None for intake, body)."""

    def __init__(self, port):
        self.port = port
        self.logins = {}
        self.reception = R.login(port, R.USERNAME)
        _, _, me, _ = self.reception.request("GET", "/api/v1/auth/me")
        self.agency = me["user"]["grants"][0]["agency_id"]
        self.logins[R.USERNAME] = self.reception
        self.procedure = self.long_procedure()
        self.steps = []

    def client(self, username):
        if username not in self.logins:
            self.logins[username] = R.login(self.port, username)
        return self.logins[username]

    def long_procedure(self):
        st, _, js, _ = self.reception.request("GET", "/api/v1/procedures?agency=" + self.agency)
        for p in R.items_of(js):
            t = p.get("time_limit") or {}
            if t.get("unit") == "working_days" and t.get("amount", 0) >= 3:
                return p["id"]
        raise RuntimeError("no procedure of %s with >= 3 working days" % self.agency)

    def intake_body(self):
        return {"procedure_id": self.procedure, "channel": 1, "receive": True,
                "applicant": {"kind": "citizen", "full_name": "Nguyễn Văn An", "id_number": "051090001234",
                              "phone": "0905123456", "address": "Thôn 1"}}

    def act(self, username, dossier_id, action, body):
        st, _, js, raw = self.client(username).request("POST", "/api/v1/dossiers/%s/actions/%s" % (dossier_id, action), body)
        if st != 200:
            raise RuntimeError("%s by %s -> %d: %s" % (action, username, st, raw[:300]))
        self.steps.append((username, action, body))
        return js

    def discover(self):
        st, _, d, raw = self.reception.request("POST", "/api/v1/dossiers", self.intake_body())
        if st != 201:
            raise RuntimeError("intake -> %d: %s" % (st, raw[:300]))
        self.steps.append((R.USERNAME, None, self.intake_body()))
        did = d["id"]
        d = self.act(account("specialist", self.agency), did, "start_processing", {})
        monitor = account("province_monitor", "ubnd-tinh")
        while True:
            _, _, view, _ = self.client(monitor).request("GET", "/api/v1/dossiers/" + did)
            open_steps = [s for s in view["control_sheet"] if s["finished_at"] is None]
            step = open_steps[-1]
            holder = account(step["role"], step["agency_id"])
            _, _, view, _ = self.client(holder).request("GET", "/api/v1/dossiers/" + did)
            if step["role"] == "leader":
                result = {"number": "125/QĐ-UBND", "date": today_vn(), "signer": "Nguyễn Văn Lãnh",
                          "return_method": "counter"}
                self.act(holder, did, "resolve_granted", {"result": result})
                break
            choice = next(c for c in view["step_choices"] if c["action"] == "handover")
            self.act(holder, did, "handover", {"assignee_id": choice["candidates"][0]["id"]})
        self.act(R.USERNAME, did, "return_result", {"return_method": "counter", "received_by": "Nguyễn Văn An"})
        return [a or "intake" for _, a, _ in self.steps]


def replay(walk, seconds, threads):
    """THREADS threads, each taking dossiers through `walk.steps` until the time is up."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    lat, counts, errors = [], {"actions": 0, "dossiers": 0}, []

    def worker():
        conns = {}
        for u, c in walk.logins.items():
            h = R.Http(walk.port)
            h.cookie, h.csrf = c.cookie, c.csrf
            conns[u] = h
        my_lat, acts, done = [], 0, 0
        try:
            while time.monotonic() < stop:
                did = None
                for username, action, body in walk.steps:
                    t = time.perf_counter()
                    if action is None:
                        st, _, js, raw = conns[username].request("POST", "/api/v1/dossiers", body)
                        ok = st == 201
                        did = js.get("id") if ok else None
                    else:
                        st, _, js, raw = conns[username].request(
                            "POST", "/api/v1/dossiers/%s/actions/%s" % (did, action), body)
                        ok = st == 200
                    my_lat.append((time.perf_counter() - t) * 1000.0)
                    if not ok:
                        with lock:
                            if len(errors) < 5:
                                errors.append("%s -> %d: %s" % (action or "intake", st, raw[:200]))
                        break
                    acts += 1
                else:
                    done += 1
        except Exception as e:  # noqa: BLE001
            with lock:
                errors.append(repr(e))
        with lock:
            lat.extend(my_lat)
            counts["actions"] += acts
            counts["dossiers"] += done

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.monotonic() - t0
    return {
        "threads": threads,
        "seconds": round(elapsed, 2),
        "actions": counts["actions"],
        "dossiers": counts["dossiers"],
        "actions_per_s": round(counts["actions"] / elapsed, 1),
        "dossiers_per_s": round(counts["dossiers"] / elapsed, 1),
        "p50_ms": R.r3(R.pct(lat, 50)),
        "p99_ms": R.r3(R.pct(lat, 99)),
        "errors": errors,
    }


def measure(binary, seconds=5, threads=16, engine="sqlite", log=print, conninfo=None):
    work = tempfile.mkdtemp(prefix="motcua-lifecycle.")
    srv = R.Server(binary, work, os.path.join(work, "lifecycle.db"), "serve_lifecycle")
    if engine == "postgres":
        srv.env["MOTCUA_DB"] = "postgres:" + conninfo
    try:
        srv.cli("migrate")
        srv.cli("seed")
        srv.start()
        walk = Walk(srv.port)
        path = walk.discover()
        r = replay(walk, seconds, threads)
        r["engine"] = engine
        r["walk"] = path
        r["actions_per_dossier"] = len(path)
        log("   lifecycle on %s: %.0f actions/s, %.1f dossiers/s (%d actions each: %s), p50 %s ms, p99 %s ms%s"
            % (engine, r["actions_per_s"], r["dossiers_per_s"], len(path), " → ".join(path), r["p50_ms"], r["p99_ms"],
               (", errors: " + "; ".join(r["errors"])[:300]) if r["errors"] else ""))
        srv.stop()
        v = subprocess_run([binary, "audit-verify"], srv.env)
        r["audit_verify_ok"] = v
        return r
    finally:
        srv.stop()
        shutil.rmtree(work, ignore_errors=True)


def subprocess_run(cmd, env):
    import subprocess
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    return p.returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--engine", default="sqlite", choices=("sqlite", "postgres"))
    args = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    log = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    if args.engine == "postgres":
        import pg_scale
        with pg_scale.Cluster() as cl:
            ci = pg_scale.fresh_db(cl.conninfo, "motcua_lifecycle")
            r = measure(binary, args.seconds, args.threads, "postgres", log, ci)
    else:
        r = measure(binary, args.seconds, args.threads, "sqlite", log)
    print(json.dumps(r))


if __name__ == "__main__":
    main()
