#!/usr/bin/env python3
"""PostgreSQL: intake with one `motcua serve`, with two on the same database, and pgbench.

In one run and against one PostgreSQL cluster (scripts/pg_test_cluster.sh, or BENCH_PG):
  1. a fresh database, migrated and seeded; two servers A and B on it
  2. rounds of: intake through A alone (wrk, CONNS connections), then through A and B at once
     (CONNS/2 connections each: the same total client load); the figure is the median round;
     once with the servers' default workers, once with 4 workers per process (--bounded-workers)
  3. pgbench on a scratch database of the same cluster, running the anchor's transaction (one
     dossier row of ~2 KB and one event row, as bench/raw_sqlite does on SQLite) with CONNS
     clients, in rounds beside ours

  python3 bench/pg_scale.py [--seconds 5] [--rounds 2] [--conns 64] [--no-pgbench]
  MOTCUA_BIN=/path/to/motcua (default build/motcua); BENCH_PG=<libpq conninfo> (an existing
  cluster; its database motcua_bench and motcua_anchor are dropped and made again).

Prints one JSON line; `measure()` is what bench/run.py calls. Python standard library, wrk,
psql and pgbench (Debian's postgresql-15).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import intake_probe as IP  # noqa: E402
import run as R  # noqa: E402

PGBIN = os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin")


def tool(name):
    p = os.path.join(PGBIN, name)
    return p if os.path.exists(p) else (shutil.which(name) or name)


def with_db(conninfo, db):
    parts = [p for p in conninfo.split() if not p.startswith("dbname=")]
    return " ".join(parts + ["dbname=" + db])


def psql(conninfo, sql):
    subprocess.run([tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql],
                   check=True, capture_output=True, text=True, timeout=120)


def fresh_db(conninfo, db):
    admin = with_db(conninfo, "postgres")
    psql(admin, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % db)
    psql(admin, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'" % db)
    return with_db(conninfo, db)


class Cluster:
    """A throw-away cluster from scripts/pg_test_cluster.sh, or BENCH_PG's."""

    def __init__(self):
        self.dir = None
        self.conninfo = os.environ.get("BENCH_PG")

    def __enter__(self):
        if not self.conninfo:
            self.dir = tempfile.mkdtemp(prefix="motcua-pgbench.")
            os.chmod(self.dir, 0o755)
            out = subprocess.run(["bash", os.path.join(R.ROOT, "scripts", "pg_test_cluster.sh"), "start",
                                  self.dir], check=True, capture_output=True, text=True, timeout=180).stdout
            self.conninfo = [ln for ln in out.splitlines() if "port=" in ln][-1].strip()
        return self

    def __exit__(self, *exc):
        if self.dir:
            subprocess.run(["bash", os.path.join(R.ROOT, "scripts", "pg_test_cluster.sh"), "stop", self.dir],
                           capture_output=True, timeout=120)


class PgServer(R.Server):
    def __init__(self, binary, workdir, conninfo, name):
        super().__init__(binary, workdir, os.path.join(workdir, name + ".unused"), name)
        self.env["MOTCUA_DB"] = "postgres:" + conninfo
        self.env["MOTCUA_FILES_DIR"] = os.path.join(workdir, name + "-files")


def desks(port):
    """(client, procedure id) for every reception desk of a distinct agency (bench desks added),
    on a fresh database each time."""
    R.BENCH_DESKS.clear()
    return IP.desks(port)


def intake_at(ports, seconds, conns, lua, work):
    """wrk on every port at once, conns split evenly; returns (ok req/s summed, runs)."""
    res = [None] * len(ports)
    errs = []

    def one(i, port):
        try:
            res[i] = R.run_wrk("http://%s:%d/api/v1/dossiers" % (R.HOST, port), seconds,
                               conns=max(1, conns // len(ports)), threads=1 if len(ports) > 1 else 2,
                               lua=lua, workdir=work)
        except Exception as e:  # noqa: BLE001
            errs.append(e)
    ts = [threading.Thread(target=one, args=(i, p)) for i, p in enumerate(ports)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errs:
        raise errs[0]
    total = sum(r.get("ok_req_per_s") or r["req_per_s"] for r in res)
    return total, res


PAYLOAD = '{"applicant":{"kind":"citizen","full_name":"Nguyễn Văn An","id_number":"051090001234",' \
          '"phone":"0905123456","address":"Thôn 1, xã Hòa Phước"},"form":{'


def anchor_setup(conninfo, work):
    """The anchor's database and pgbench script: bench/raw_sqlite's two-insert transaction."""
    ci = fresh_db(conninfo, "motcua_anchor")
    psql(ci, """
CREATE TABLE dossier (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, procedure_id TEXT NOT NULL,
  agency_id TEXT NOT NULL, status INTEGER NOT NULL, channel INTEGER NOT NULL,
  applicant_name TEXT NOT NULL, applicant_id_number TEXT NOT NULL, received_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX dossier_queue ON dossier(agency_id, status, received_at);
CREATE TABLE event (id BIGSERIAL PRIMARY KEY, dossier_id TEXT NOT NULL REFERENCES dossier(id),
  at BIGINT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX event_dossier ON event(dossier_id, at);""")
    payload = PAYLOAD
    while len(payload.encode()) < 2000:
        payload += '"truong":"Giá trị trường biểu mẫu",'
    payload += '"end":1}}'
    script = os.path.join(work, "anchor.pgbench")
    with open(script, "w") as f:
        f.write("\\set n random(1, 1000000000000000)\n"
                "BEGIN;\n"
                "INSERT INTO dossier (id, code, procedure_id, agency_id, status, channel, applicant_name,"
                " applicant_id_number, received_at, due_at, payload) VALUES (:client_id || '-' || :n,"
                " '000.00.01.H56-' || :client_id || '-' || :n, 'proc-0001', 'agency-ttphcc', 2, 1,"
                " 'Nguyễn Văn An', '051090001234', 1764000000000, 1764432000000, :n || '%s');\n"
                "INSERT INTO event (dossier_id, at, kind, actor, detail) VALUES (:client_id || '-' || :n,"
                " 1764000000000, 'received', 'tiepnhan.ttphcc', '{\"channel\":1}');\n"
                "END;\n" % payload.replace("'", "''"))
    return ci, script


def lock_sampler(conninfo, seconds, db="motcua_bench"):
    """Samples pg_stat_activity every 50 ms for `seconds` in one psql process (started now);
    join() gives {"samples", "active", "waiting_on_lock", "lock_share", "by_event"}: how often a
    backend of our database was waiting for a lock held by another (a row both processes need)."""
    n = max(1, int(seconds * 20))
    sql = ("SELECT count(*) FILTER (WHERE state = 'active'), "
           "string_agg(wait_event || ':' || regexp_replace(left(query, 50), '[,|\s]+', ' ', 'g'), ',') FILTER (WHERE wait_event_type = 'Lock') "
           "FROM pg_stat_activity WHERE datname = '%s' AND pid <> pg_backend_pid();\n"
           "SELECT pg_sleep(0.05);\n" % db) * n
    p = subprocess.Popen([tool("psql"), "-X", "-q", "-A", "-t", "-F", "|", conninfo],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    box = {}

    def run():
        out, _ = p.communicate(sql, timeout=seconds + 60)
        active, waiting, samples, by = 0, 0, 0, {}
        for line in out.splitlines():
            if "|" not in line:
                continue
            a, w = line.split("|", 1)
            samples += 1
            active += int(a or 0)
            for e in filter(None, w.split(",")):
                waiting += 1
                by[e] = by.get(e, 0) + 1
        box.update(samples=samples, active=active, waiting_on_lock=waiting,
                   lock_share=round(waiting / active, 4) if active else 0.0, by_event=by)
    t = threading.Thread(target=run)
    t.start()
    return lambda: (t.join(), box)[1]


def pgbench(ci, script, seconds, clients):
    p = subprocess.run([tool("pgbench"), "-n", "-M", "prepared", "-c", str(clients), "-j", "2",
                        "-T", str(seconds), "-f", script, ci],
                       capture_output=True, text=True, timeout=seconds + 120)
    out = p.stdout + p.stderr
    m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    if p.returncode != 0 or not m:
        raise RuntimeError("pgbench failed (%d): %s" % (p.returncode, out[-1500:]))
    lat = re.search(r"latency average = ([\d.]+) ms", out)
    return {"tps": float(m.group(1)), "latency_avg_ms": float(lat.group(1)) if lat else None}


def measure(binary, seconds=5, rounds=2, conns=64, with_pgbench=True, log=print, bounded_workers=4,
            lifecycle_seconds=0):
    """The PostgreSQL section of `make bench`: a dict of figures (see the module's docstring).

    Measured twice: with the servers' default worker pool ("default"), where on a small shared
    machine one process may already use every core, and with `bounded_workers` workers per
    process ("bounded": each process a fixed capacity, as one machine of several would be), where
    two processes can only beat one if nothing in the database makes them take turns."""
    out = {"seconds": seconds, "rounds": rounds, "conns": conns}
    with Cluster() as cl:
        work = tempfile.mkdtemp(prefix="motcua-pgscale.")
        servers = []
        try:
            ci = fresh_db(cl.conninfo, "motcua_bench")
            a = PgServer(binary, work, ci, "pg_a")
            b = PgServer(binary, work, ci, "pg_b")
            a.cli("migrate")
            a.cli("seed")
            if with_pgbench:
                anchor_ci, script = anchor_setup(cl.conninfo, work)
            pgb = []
            configs = [("default", None)] + ([("bounded", bounded_workers)] if bounded_workers else [])
            for name, workers in configs:
                for s in (a, b):
                    s.env.pop("MOTCUA_WORKERS", None)
                    if workers:
                        s.env["MOTCUA_WORKERS"] = str(workers)
                servers[:] = [a, b]
                a.start()
                b.start()
                if "desks" not in out:
                    ds = desks(a.port)
                    out["desks"] = len(ds)
                    lua = IP.wrk_lua(ds)
                one, two, locks = [], [], []
                for _ in range(rounds):
                    r1, _ = intake_at([a.port], seconds, conns, lua, work)
                    one.append(r1)
                    sampled = lock_sampler(ci, seconds)
                    r2, parts = intake_at([a.port, b.port], seconds, conns, lua, work)
                    locks.append(sampled())
                    two.append(r2)
                    msg = "   pg intake (%s workers): one process %.0f/s, two processes %.0f/s (%s)" % (
                        workers or "default", r1, r2,
                        " + ".join("%.0f" % (p.get("ok_req_per_s") or p["req_per_s"]) for p in parts))
                    if with_pgbench and name == "default":
                        pgb.append(pgbench(anchor_ci, script, seconds, conns)["tps"])
                        msg += ", pgbench %.0f tx/s" % pgb[-1]
                    log(msg)
                for s in servers:
                    s.stop()
                o = out[name] = {"workers": workers}
                o["one_rounds"] = [round(x) for x in one]
                o["two_rounds"] = [round(x) for x in two]
                o["one_process"] = statistics.median(one)
                o["two_processes"] = statistics.median(two)
                o["two_over_one"] = round(o["two_processes"] / o["one_process"], 3) if o["one_process"] else None
                # While both processes wrote: the share of busy backends waiting on a lock held by
                # another (the old single audit head made this ~all of them).
                act = sum(x.get("active", 0) for x in locks)
                wait = sum(x.get("waiting_on_lock", 0) for x in locks)
                o["two_lock_wait_share"] = round(wait / act, 4) if act else None
                by = {}
                for x in locks:
                    for k, v in x.get("by_event", {}).items():
                        by[k] = by.get(k, 0) + v
                o["two_lock_waits_by_event"] = by
                log("   pg intake (%s workers), two processes: %d of %d busy backend samples waited on a lock %s" % (
                    workers or "default", wait, act, by))
            if pgb:
                d = out["default"]
                out["pgbench_rounds"] = [round(x) for x in pgb]
                out["pgbench_tps"] = statistics.median(pgb)
                d["one_over_pgbench"] = round(d["one_process"] / out["pgbench_tps"], 3)
                d["two_over_pgbench"] = round(d["two_processes"] / out["pgbench_tps"], 3)
            v = subprocess.run([binary, "audit-verify"], env=a.env, capture_output=True, text=True, timeout=600)
            out["audit_verify"] = (v.stdout.strip().splitlines() or [""])[0]
            if v.returncode != 0:
                raise RuntimeError("audit-verify after the PostgreSQL rounds: " + v.stdout + v.stderr)
            if lifecycle_seconds:  # bench/lifecycle.py on a database of its own in this cluster
                import lifecycle
                out["lifecycle"] = lifecycle.measure(binary, lifecycle_seconds, engine="postgres", log=log,
                                                     conninfo=fresh_db(cl.conninfo, "motcua_lifecycle"))
        finally:
            for s in servers:
                try:
                    s.stop()
                except Exception:  # noqa: BLE001
                    pass
            shutil.rmtree(work, ignore_errors=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--conns", type=int, default=64)
    ap.add_argument("--no-pgbench", action="store_true")
    ap.add_argument("--bounded-workers", type=int, default=4, help="workers per process in the bounded runs (0: none)")
    args = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    t = time.monotonic()
    r = measure(binary, args.seconds, args.rounds, args.conns, not args.no_pgbench,
                log=lambda *a: print(*a, file=sys.stderr, flush=True), bounded_workers=args.bounded_workers)
    r["wall_s"] = round(time.monotonic() - t, 1)
    print(json.dumps(r))


if __name__ == "__main__":
    main()
