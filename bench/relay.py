#!/usr/bin/env python3
"""The national portal's relay (issue 15): how fast the outbox relay drains `dvcqg.sync` rows to
the portal's simulator (tools/sim/dvcqg), and how long a change waits before the portal has it
while intake runs.

1. Throughput: a fresh SQLite store takes N counter intakes with no portal configured (the rows
   wait), then the server is restarted with the portal and MOTCUA_OUTBOX_THREADS workers; rows/s =
   rows sent ÷ time until none is pending (each row is two calls: DongBoHoSoMC, CapNhatTienDoHoSoMC).
2. Sync lag: with the portal configured, CONNS clients do counter intakes for SECONDS; the lag of
   each row is sent_at − created_at read from the store once everything is sent; p50/p95/max.

  python3 bench/relay.py [--rows 600] [--threads 4] [--seconds 10] [--conns 4]
  MOTCUA_BIN (default build/motcua). Python standard library. Prints one JSON line.
"""
import argparse
import json
import os
import sqlite3
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "api"))


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


def db_path(server):
    return server.db[len("sqlite:"):]


def counts(server):
    with sqlite3.connect(db_path(server), timeout=30) as c:
        return dict(c.execute("SELECT state, count(*) FROM outbox WHERE sink = 'dvcqg' GROUP BY state").fetchall())


def intakes(server, n_each, conns, seconds=None):
    """`conns` clients each do counter intakes (n_each, or for `seconds`). Returns the count."""
    from harness import applicant, as_staff, long_procedure_for
    clients = [as_staff(server, "reception", "commune_committee") for _ in range(conns)]
    proc = long_procedure_for(clients[0], clients[0].agency)
    done = [0] * conns
    stop_at = time.time() + seconds if seconds else None

    def work(i):
        c = clients[i]
        k = 0
        while (stop_at and time.time() < stop_at) or (not stop_at and k < n_each):
            status, body, _ = c.post("/api/v1/dossiers", {"procedure_id": proc, "channel": 1, "receive": True,
                                                          "applicant": applicant("05109%07d" % (i * 1000000 + k % 1000000))})
            if status != 201:
                raise RuntimeError(f"intake answered {status}: {body}")
            k += 1
        done[i] = k

    ts = [threading.Thread(target=work, args=(i,)) for i in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(done)


def measure(binary, rows=600, threads=4, seconds=10, conns=4, log=None):
    """Both figures with `binary` (bench/run.py calls this); returns a dict."""
    os.environ["MOTCUA_BIN"] = os.path.abspath(binary)  # harness reads it when first imported
    from harness import Server
    from test_dvcqg import Sim, env_for
    a = argparse.Namespace(rows=rows, threads=threads, seconds=seconds, conns=conns)
    out = {"engine": "sqlite", "relay_threads": a.threads}

    # 1. Throughput of a backlog.
    sim = Sim().start()
    server = Server("sqlite")
    try:
        server.env.update({"MOTCUA_OUTBOX_THREADS": "0"})
        server.setup().start()
        intakes(server, max(1, a.rows // a.conns), a.conns)
        server.kill()
        backlog = counts(server).get("pending", 0)
        env = env_for(sim)
        env.update({"MOTCUA_OUTBOX_THREADS": str(a.threads), "MOTCUA_OUTBOX_POLL_MS": "20", "MOTCUA_DVCQG_PULL_S": "0"})
        server.env.update(env)
        t0 = time.time()
        server.start()
        while counts(server).get("pending", 0) > 0:
            if time.time() - t0 > 600:
                raise RuntimeError("relay did not drain the backlog in 10 minutes")
            time.sleep(0.05)
        dt = time.time() - t0
        c = counts(server)
        rec = sim.received()
        out.update({"backlog_rows": backlog, "drain_s": round(dt, 2), "relay_rows_per_s": round(backlog / dt, 1),
                    "parked": c.get("parked", 0), "portal_rejected": len(rec["rejected"]),
                    # TCP connections the portal accepted while draining (keep-alive: about one per worker)
                    "portal_calls": rec["calls"], "portal_connections": rec.get("connections")})
    finally:
        server.stop()
        sim.stop()

    # 2. Sync lag while intake runs.
    sim = Sim().start()
    server = Server("sqlite")
    try:
        env = env_for(sim)
        env.update({"MOTCUA_OUTBOX_THREADS": str(a.threads), "MOTCUA_OUTBOX_POLL_MS": "20", "MOTCUA_DVCQG_PULL_S": "0"})
        server.env.update(env)
        server.setup().start()
        t0 = time.time()
        n = intakes(server, 0, a.conns, seconds=a.seconds)
        rate = n / (time.time() - t0)
        deadline = time.time() + 300
        while counts(server).get("pending", 0) > 0 and time.time() < deadline:
            time.sleep(0.1)
        with sqlite3.connect(db_path(server), timeout=30) as c:
            lags = [r[0] for r in c.execute("SELECT sent_at - created_at FROM outbox WHERE sink = 'dvcqg' AND state = 'sent'")]
        out.update({"intakes_per_s": round(rate, 1), "rows_sent": len(lags), "sync_lag_ms_p50": pct(lags, 50),
                    "sync_lag_ms_p95": pct(lags, 95), "sync_lag_ms_max": max(lags) if lags else None})
    finally:
        server.stop()
        sim.stop()
    if log:
        log("   relay %.0f rows/s (backlog %d rows, %d workers); sync lag p95 %s ms at %.0f intakes/s"
            % (out["relay_rows_per_s"], out["backlog_rows"], threads, out["sync_lag_ms_p95"], out["intakes_per_s"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=600, help="intakes before the relay starts (part 1)")
    ap.add_argument("--threads", type=int, default=4, help="relay workers (MOTCUA_OUTBOX_THREADS)")
    ap.add_argument("--seconds", type=float, default=10, help="intake time of part 2")
    ap.add_argument("--conns", type=int, default=4, help="intake clients")
    a = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(HERE, "..", "build", "motcua"))
    print(json.dumps(measure(binary, a.rows, a.threads, a.seconds, a.conns)))


if __name__ == "__main__":
    main()
