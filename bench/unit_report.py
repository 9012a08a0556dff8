#!/usr/bin/env python3
"""A unit's periodic report at scale (issue 14, docs/reports.md; run by bench/kpi.py in `make
bench`): with N dossiers (default 1,000,000, bench-fill), the time to generate form 06a for a
year for the busiest unit that has a demo account (the snapshot reads the counters and the
closed months' rollups: app/kpi/form06a.h), then to check, submit, and to
export it as XLSX and PDF; and the province's consolidation of that period.

  python3 bench/unit_report.py [--count N] [--db PATH (reuse a filled file)]
                               [--pg CONNINFO [--db keep (reuse its filled database)]]

Python standard library; reuses bench/run.py's server and HTTP helpers.
"""
import argparse
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402


def timed(c, method, path, body=None):
    t = time.monotonic()
    st, _, js, raw = c.request(method, path, body, timeout=600)
    ms = (time.monotonic() - t) * 1000
    if st not in (200, 201):
        raise RuntimeError("%s %s -> %d %s" % (method, path, st, raw[:300]))
    return round(ms, 1), js, raw


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--db")
    ap.add_argument("--pg", help="conninfo of an empty PostgreSQL database to fill and read instead of SQLite")
    a = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    work = tempfile.mkdtemp(prefix="motcua-rep.")
    db = a.db or os.path.join(work, "rep.db")
    srv = R.Server(binary, work, db, "rep")
    res = {"count": a.count, "store": "postgres" if a.pg else "sqlite"}
    if a.pg:
        srv.env["MOTCUA_DB"] = "postgres:" + a.pg
    if (not a.db or not os.path.exists(db)) and not (a.pg and a.db == "keep"):
        for args in (["migrate"], ["seed"]):
            srv.cli(*args)
        res["fill_s"] = round(srv.cli("bench-fill", "--count", str(a.count), timeout=7200), 1)
        print("filled %d dossiers in %.0f s" % (a.count, res["fill_s"]), flush=True)
    else:
        srv.cli("migrate")
    with open(os.path.join(R.ROOT, "data", "seed", "staff.json"), encoding="utf-8") as f:
        leaders = {g["agency"]: s["username"] for s in json.load(f)["staff"] for g in s["grants"] if g["role"] == "leader"}
    count_sql = "SELECT competent_agency_id, COUNT(*) FROM dossiers GROUP BY 1"
    if a.pg:
        out = subprocess.run(["psql", a.pg, "-At", "-c", count_sql], check=True, capture_output=True, text=True).stdout
        counts = {ag: int(n) for ag, n in (line.split("|") for line in out.splitlines() if line)}
    else:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        counts = dict(con.execute(count_sql).fetchall())
        con.close()
    agency = max((ag for ag in leaders if ag in counts), key=lambda ag: counts[ag])
    res["agency"], res["agency_dossiers"] = agency, counts[agency]
    srv.start()
    try:
        c = R.login(srv.port, leaders[agency])
        today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
        period = {"from": str(today - datetime.timedelta(days=364)), "to": str(today)}
        res["generate_ms"], rep, _ = timed(c, "POST", "/api/v1/unit-reports", dict(period, agency_id=agency, form="06a"))
        res["lines"] = len(rep["figures"]["lines"])
        res["received"] = rep["figures"]["total"]["received"]
        res["problems"] = len(rep["problems"])
        res["check_ms"], _, _ = timed(c, "POST", "/api/v1/unit-reports/%s/check" % rep["id"], {})
        res["submit_ms"], _, _ = timed(c, "POST", "/api/v1/unit-reports/%s/submit" % rep["id"], {})
        res["xlsx_ms"], _, raw = timed(c, "GET", "/api/v1/unit-reports/%s/xlsx" % rep["id"])
        res["xlsx_bytes"] = len(raw)
        res["pdf_ms"], _, raw = timed(c, "GET", "/api/v1/unit-reports/%s/pdf" % rep["id"])
        res["pdf_bytes"] = len(raw)
        admin = R.login(srv.port, "quantritinh.tinh")
        res["consolidate_ms"], _, _ = timed(admin, "POST", "/api/v1/report-consolidations", dict(period, form="06a"))
    finally:
        srv.stop()
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
