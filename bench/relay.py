#!/usr/bin/env python3
"""The national portal's relay (issue 15): how fast the outbox relay drains `dvcqg.sync` rows to
the portal's simulator (tools/sim/dvcqg), and how long a change waits before the portal has it
while intake runs.

1. Throughput: a fresh SQLite store takes N counter intakes with no portal configured (the rows
   wait), then the server is restarted with the portal and MOTCUA_OUTBOX_THREADS workers; rows/s =
   rows sent ÷ time until none is pending (each row is two calls: DongBoHoSoMC, CapNhatTienDoHoSoMC).
2. Sync lag: with the portal configured, CONNS clients do counter intakes for SECONDS; the lag of
   each row is sent_at − created_at read from the store once everything is sent; p50/p95/max.
3. `--pg` (measure_pg): the issue's figure. Two `motcua serve` processes share one PostgreSQL
   (bench/pg_scale.py's throw-away cluster, or BENCH_PG), both relaying to one DVCQG simulator
   (FOR UPDATE SKIP LOCKED shares the rows); an open-loop client offers RATE counter intakes/s
   for SECONDS, half to each process, spread over every reception desk; then the relay drains.
   Sync lag of a row = sent_at (the simulator answered the second call, CapNhatTienDoHoSoMC) −
   created_at (the change's transaction time, just before its commit); p50/p95/max over every
   dossier row of the run, and the relay's rows/s while it had work (rows ÷ first created_at to
   last sent_at).

  python3 bench/relay.py [--rows 600] [--threads 4] [--seconds 10] [--conns 4]
  python3 bench/relay.py --pg [--rate 500] [--seconds 10] [--threads 4]
  MOTCUA_BIN (default build/motcua). Python standard library. Prints one JSON line.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "api"))
sys.path.insert(0, HERE)


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


def pg_rows(conninfo):
    """(created_at, sent_at, state) of every dvcqg row, read with psql."""
    import pg_scale
    out = subprocess.run([pg_scale.tool("psql"), "-X", "-q", "-A", "-t", "-F", " ", conninfo, "-c",
                          "SELECT created_at, coalesce(sent_at, 0), state FROM outbox WHERE sink = 'dvcqg'"],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    return [(int(a), int(b), c) for a, b, c in (ln.split() for ln in out.splitlines() if ln.strip())]


def measure_pg(binary, rate=500, seconds=10, threads=4, log=None):
    """Sync lag while intake is offered at `rate`/s through two processes sharing one PostgreSQL."""
    import asyncio
    import pg_scale
    import run as R
    os.environ["MOTCUA_BIN"] = os.path.abspath(binary)
    from test_dvcqg import Sim, env_for
    out = {"engine": "postgres", "processes": 2, "relay_threads_per_process": threads, "offered_rate": rate,
           "seconds": seconds}
    say = log or (lambda *a: print(*a, file=sys.stderr, flush=True))
    with pg_scale.Cluster() as cl:
        work = tempfile.mkdtemp(prefix="motcua-relaypg.")
        sim = Sim().start()
        servers = []
        try:
            ci = pg_scale.fresh_db(cl.conninfo, "motcua_relay")
            a = pg_scale.PgServer(binary, work, ci, "relay_a")
            b = pg_scale.PgServer(binary, work, ci, "relay_b")
            env = env_for(sim)
            env.update({"MOTCUA_OUTBOX_THREADS": str(threads), "MOTCUA_OUTBOX_POLL_MS": "20", "MOTCUA_DVCQG_PULL_S": "0"})
            env.pop("MOTCUA_OUTBOX_LEASE_S", None)  # the default lease, not the tests' 2 s (a starved worker's row re-sent)
            for s in (a, b):
                s.env.update(env)
            a.cli("migrate")
            a.cli("seed")
            servers[:] = [a, b]
            a.start()
            b.start()
            ds = pg_scale.desks(a.port)  # sessions live in the database: valid on both processes
            loads = []
            for i, (c, pid) in enumerate(ds):
                body = json.dumps(dict(R.intake_body(), procedure_id=pid), ensure_ascii=False).encode()
                hdr = {"Content-Type": "application/json", "Cookie": c.cookie, "X-CSRF-Token": c.csrf}
                loads.append(((a, b)[i % 2].port, hdr, body))

            async def offer():
                return await asyncio.gather(*[R.open_loop(port, "POST", "/api/v1/dossiers", hdr, body,
                                                          rate / len(loads), seconds, warm_conns=4, max_conns=64)
                                              for port, hdr, body in loads])
            t0 = time.time()
            parts = asyncio.run(offer())
            t_end = time.time()
            intake_s = t_end - t0
            ok = sum(p["ok"] for p in parts)
            out.update({"desks": len(loads), "intakes_ok": ok, "intake_errors": sum(p["errors"] for p in parts),
                        "intake_non_2xx": sum(p["sent"] - p["ok"] - p["errors"] for p in parts),
                        "intakes_dropped": sum(p["dropped"] for p in parts),
                        "achieved_intakes_per_s": round(ok / seconds, 1),
                        "intake_p99_ms_worst_desk": max((p["p99_ms"] or 0) for p in parts)})
            deadline = time.time() + 900
            while time.time() < deadline:
                rows = pg_rows(ci)
                if not any(st == "pending" for _, _, st in rows):
                    break
                time.sleep(0.5)
            drained_s = time.time() - t0 - intake_s
            rows = pg_rows(ci)
            sent = [(c, s) for c, s, st in rows if st == "sent"]
            lags = [s - c for c, s in sent]
            span = (max(s for _, s in sent) - min(c for c, _ in sent)) / 1000.0 if sent else 0
            # The relay's pace while intake ran (sharing the CPU with it), and alone afterwards on
            # the backlog left (the simulator and PostgreSQL then the only other work).
            end_ms = int(t_end * 1000)
            during = sum(1 for _, s in sent if s <= end_ms)
            after = [s for _, s in sent if s > end_ms]
            after_span = (max(after) - end_ms) / 1000.0 if after else 0
            rec = sim.received()
            out.update({"rows": len(rows), "rows_sent": len(sent),
                        "rows_parked": sum(1 for *_, st in rows if st == "parked"),
                        "rows_pending": sum(1 for *_, st in rows if st == "pending"),
                        "drain_after_intake_s": round(drained_s, 1),
                        "relay_rows_per_s": round(len(sent) / span, 1) if span else None,
                        "relay_rows_per_s_during_intake": round(during / intake_s, 1) if intake_s else None,
                        "relay_rows_per_s_after_intake": round(len(after) / after_span, 1) if after_span else None,
                        "sync_lag_ms_p50": pct(lags, 50), "sync_lag_ms_p95": pct(lags, 95),
                        "sync_lag_ms_max": max(lags) if lags else None,
                        "portal_calls": rec["calls"], "portal_logins": rec.get("logins"),
                        "portal_duplicates": rec.get("duplicates"), "portal_rejected": len(rec["rejected"])})
        finally:
            for s in servers:
                try:
                    s.stop()
                except Exception:  # noqa: BLE001
                    pass
            sim.stop()
            shutil.rmtree(work, ignore_errors=True)
    say("   relay (2 processes, PostgreSQL): %s intakes/s achieved of %d offered; relay %s rows/s (%s during "
        "intake, %s after); sync lag p50 %s ms, p95 %s ms, max %s ms" % (
            out["achieved_intakes_per_s"], rate, out["relay_rows_per_s"], out["relay_rows_per_s_during_intake"],
            out["relay_rows_per_s_after_intake"], out["sync_lag_ms_p50"], out["sync_lag_ms_p95"], out["sync_lag_ms_max"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=600, help="intakes before the relay starts (part 1)")
    ap.add_argument("--threads", type=int, default=4, help="relay workers (MOTCUA_OUTBOX_THREADS)")
    ap.add_argument("--seconds", type=float, default=10, help="intake time of part 2")
    ap.add_argument("--conns", type=int, default=4, help="intake clients")
    ap.add_argument("--pg", action="store_true", help="two processes on PostgreSQL at --rate intakes/s")
    ap.add_argument("--rate", type=float, default=500, help="offered intakes/s (--pg)")
    a = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(HERE, "..", "build", "motcua"))
    if a.pg:
        print(json.dumps(measure_pg(binary, a.rate, a.seconds, a.threads)))
        return
    print(json.dumps(measure(binary, a.rows, a.threads, a.seconds, a.conns)))


if __name__ == "__main__":
    main()
