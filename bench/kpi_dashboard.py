#!/usr/bin/env python3
"""What leaders see, at scale (issue 14; run by bench/kpi.py in `make bench`): with N dossiers (default 1,000,000, bench-fill: spread
over 400 days, every agency and procedure, the counters written as the transactions would have),

  1. GET /api/v1/kpi/summary for the whole province over the last year: p50/p95 of sequential
     requests (the dashboard's one call);
  2. the same for the agency with most dossiers;
  3. GET /api/v1/kpi/form06a for the province over the last year (every field × agency line);
  4. the other leaders' reads over the same year: the Quyết định 766 view (kpi/index766), where
     dossiers wait (kpi/steps), the public results page (public/results, the year; no login) and
     the first page of the drill-down behind the province's receptions (kpi/dossiers);
  5. kpi counters' rows and their closed months' rollups, the SQLite query plan of the stock sum
     (must not read `dossiers`).

  python3 bench/kpi_dashboard.py [--count N] [--requests R] [--db PATH (reuse a filled file)]
                                 [--pg CONNINFO [--db keep (reuse its filled database)]]

With --pg the fill's time is that of bench-fill on PostgreSQL (the 1,000,000 run and its figures:
docs/performance.md, "PostgreSQL at 1,000,000 dossiers").

Python standard library; reuses bench/run.py's server and HTTP helpers.
"""
import argparse
import datetime
import json
import shutil
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402

MONITOR = "giamsat.tinh"


def timed(c, path, n):
    ms = []
    body = None
    for _ in range(n):
        t = time.monotonic()
        st, _, js, raw = c.request("GET", path)
        ms.append((time.monotonic() - t) * 1000)
        if st != 200:
            raise RuntimeError("%s -> %d %s" % (path, st, raw[:300]))
        body = js
    ms.sort()
    return {"p50_ms": round(R.pct(ms, 50), 2), "p95_ms": round(R.pct(ms, 95), 2), "max_ms": round(ms[-1], 2),
            "requests": n}, body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--db")
    ap.add_argument("--pg", help="conninfo of an empty PostgreSQL database to fill and read instead of SQLite")
    a = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    work = tempfile.mkdtemp(prefix="motcua-kpi.")
    db = a.db or os.path.join(work, "kpi.db")
    srv = R.Server(binary, work, db, "kpi")
    res = {"count": a.count, "store": "postgres" if a.pg else "sqlite"}
    if a.pg:
        srv.env["MOTCUA_DB"] = "postgres:" + a.pg
    if (not a.db or not os.path.exists(db)) and not (a.pg and a.db == "keep"):
        for args in (["migrate"], ["seed"]):
            srv.cli(*args)
        res["fill_s"] = round(srv.cli("bench-fill", "--count", str(a.count), timeout=7200), 1)
        print("filled %d dossiers in %.0f s" % (a.count, res["fill_s"]), flush=True)
        if a.pg:
            # What autovacuum would do next (and did, concurrently, during the reads of an
            # earlier run): done first so that the reads are measured on their own.
            t = time.monotonic()
            subprocess.run(["psql", a.pg, "-q", "-c", "VACUUM (ANALYZE)"], check=True)
            res["vacuum_analyze_s"] = round(time.monotonic() - t, 1)
            print("VACUUM (ANALYZE) in %.0f s" % res["vacuum_analyze_s"], flush=True)
    if a.pg:
        def q(statement):
            out = subprocess.run(["psql", a.pg, "-At", "-c", statement], check=True, capture_output=True, text=True).stdout
            return [line.split("|") for line in out.splitlines() if line]
    else:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)

        def q(statement):
            return con.execute(statement).fetchall()
    res["kpi_daily_rows"] = int(q("SELECT COUNT(*) FROM kpi_daily")[0][0])
    res["kpi_due_rows"] = int(q("SELECT COUNT(*) FROM kpi_due")[0][0])
    # The closed months' rollups (migration 025) bench-fill built: what a year mostly reads.
    res["kpi_month_rows"] = int(q("SELECT COUNT(*) FROM kpi_month")[0][0])
    res["kpi_month_stock_rows"] = int(q("SELECT COUNT(*) FROM kpi_month_stock")[0][0])
    res["rollups_through"] = q("SELECT built_through FROM kpi_rollup")[0][0]
    agency = q("SELECT agency_id FROM kpi_daily GROUP BY 1 ORDER BY SUM(received) DESC LIMIT 1")[0][0]
    if not a.pg:
        plan = " | ".join(str(r[-1]) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT SUM(k.n), SUM(CASE WHEN k.due_day <> '' AND k.due_day <= '2026-01-01' THEN k.n ELSE 0 END)"
            " FROM kpi_due k WHERE k.day > '2025-12-31' AND k.day <= '2026-01-01'"))
        con.close()
        res["stock_plan"] = plan
    srv.start()
    try:
        c = R.login(srv.port, MONITOR)
        today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
        period = {"from": str(today - datetime.timedelta(days=364)), "to": str(today)}
        for name, q in (("province_year", {"scope": "province"}), ("agency_year", {"scope": "agency:" + agency})):
            res[name], body = timed(c, "/api/v1/kpi/summary?" + urllib.parse.urlencode(dict(period, **q)), a.requests)
            res[name]["received"] = body["received"]["total"]
            res[name]["in_progress"] = body["in_progress"]["total"]
            print(name, res[name], flush=True)
        res["form06a_year"], rep = timed(c, "/api/v1/kpi/form06a?" + urllib.parse.urlencode(dict(period, scope="province")),
                                         max(5, a.requests // 10))
        res["form06a_year"]["lines"] = len(rep["lines"])
        res["form06a_year"]["problems"] = len(rep["problems"])
        print("form06a_year", res["form06a_year"], flush=True)
        few = max(5, a.requests // 5)
        res["index766_year"], _ = timed(c, "/api/v1/kpi/index766?" + urllib.parse.urlencode(dict(period, scope="province")), few)
        print("index766_year", res["index766_year"], flush=True)
        res["steps_year"], steps = timed(c, "/api/v1/kpi/steps?" + urllib.parse.urlencode(dict(period, scope="province")), few)
        res["steps_year"]["steps_left"] = steps["total"]["n"]  # bench-fill writes the control sheets and kpi_step
        print("steps_year", res["steps_year"], flush=True)
        # A Quyết định 766 list behind one of the view's numbers (online procedures' receptions):
        # its first page reads only the parts of the view its total is made of.
        res["list766_first_page"], page = timed(c, "/api/v1/kpi/dossiers?" + urllib.parse.urlencode(
            dict(period, scope="province", metric="received_of_online", limit="50")), few)
        res["list766_first_page"]["items"], res["list766_first_page"]["total"] = len(page["items"]), page["total"]
        print("list766_first_page", res["list766_first_page"], flush=True)
        res["drill_first_page"], page = timed(c, "/api/v1/kpi/dossiers?" + urllib.parse.urlencode(
            dict(period, scope="province", metric="received", limit="50")), few)
        res["drill_first_page"]["items"], res["drill_first_page"]["total"] = len(page["items"]), page["total"]
        print("drill_first_page", res["drill_first_page"], flush=True)
        anon = R.Http(srv.port)
        res["public_results_year"], _ = timed(anon, "/api/v1/public/results?period=%d" % today.year, few)
        print("public_results_year", res["public_results_year"], flush=True)
    finally:
        srv.stop()
        if not a.db:
            shutil.rmtree(work, ignore_errors=True)
    res["agency"] = agency
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
