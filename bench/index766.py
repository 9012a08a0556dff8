#!/usr/bin/env python3
"""The Quyết định 766 view at scale (issue 14; docs/performance.md): GET /api/v1/kpi/index766 for
the whole province and for the agency with most dossiers over the last 365 days, sequential
requests as the province monitor, p50/p95 — for one or more binaries on the same SQLite store,
in alternating rounds (the machine's load moves between them alike). The "synced" figure each
binary answers is printed, and whether the binaries' whole answers were identical.

  python3 bench/index766.py --db PATH [--count N --synced P (fill PATH when absent)]
                            [--backlog 1200] [--requests 40] [--rounds 2] --bin A [--bin B ...]

--backlog: unsent dvcqg outbox rows added once (the server runs without a portal, so they stay
unsent): 3/4 for confirmed dossiers whose row is out of date (the dossier now received a year
earlier, at another agency, or not received — the dossier changed, not the row, so the synced
counter stays equal to its recount), 1/4 for unconfirmed dossiers.
Python standard library; reuses bench/run.py's server and HTTP helpers.
"""
import argparse
import datetime
import json
import os
import sqlite3
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402
from kpi_dashboard import MONITOR, timed  # noqa: E402


def add_backlog(db, n):
    con = sqlite3.connect(db, timeout=60)
    if con.execute("SELECT COUNT(*) FROM outbox WHERE sink = 'dvcqg' AND state <> 'sent'").fetchone()[0] >= n:
        con.close()
        return
    stale = [r[0] for r in con.execute("SELECT dossier_id FROM dvcqg_sync WHERE received_at > 0 ORDER BY dossier_id LIMIT ?",
                                       (n * 3 // 4,))]
    other = con.execute("SELECT id FROM agencies ORDER BY id LIMIT 1").fetchone()[0]
    third = len(stale) // 3
    for i, d in enumerate(stale):
        if i < third:
            con.execute("UPDATE dossiers SET received_at = received_at - 365 * 86400000 WHERE id = ?", (d,))
        elif i < 2 * third:
            con.execute("UPDATE dossiers SET competent_agency_id = ? WHERE id = ?", (other, d))
        else:
            con.execute("UPDATE dossiers SET received_at = NULL WHERE id = ?", (d,))
    fresh = [r[0] for r in con.execute("SELECT id FROM dossiers WHERE id NOT IN (SELECT dossier_id FROM dvcqg_sync)"
                                       " ORDER BY id LIMIT ?", (n - len(stale),))]
    now = int(datetime.datetime.now().timestamp() * 1000)
    for d in stale + fresh:
        con.execute("INSERT INTO outbox (topic, payload, created_at, state, sink, okey, next_attempt_at)"
                    " VALUES ('dvcqg.sync', '{}', ?, 'pending', 'dvcqg', ?, ?)", (now, d, now))
    con.commit()
    con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--synced", type=int, default=70)
    ap.add_argument("--backlog", type=int, default=0)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--bin", action="append", required=True)
    ap.add_argument("--db-for", action="append", default=[],
                    help="BIN=PATH: that binary reads a copy of the store at PATH (e.g. with an index the other lacks)")
    a = ap.parse_args()
    db_for = dict(x.split("=", 1) for x in a.db_for)
    work = tempfile.mkdtemp(prefix="motcua-766.")
    if not os.path.exists(a.db):
        srv = R.Server(a.bin[-1], work, a.db, "fill")
        for args in (["migrate"], ["seed"], ["bench-fill", "--count", str(a.count), "--synced", str(a.synced)]):
            srv.cli(*args, timeout=7200)
    if a.backlog:
        add_backlog(a.db, a.backlog)
    con = sqlite3.connect("file:%s?mode=ro" % a.db, uri=True)
    agency = con.execute("SELECT agency_id FROM kpi_daily GROUP BY 1 ORDER BY SUM(received) DESC LIMIT 1").fetchone()[0]
    con.close()
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
    period = {"from": str(today - datetime.timedelta(days=364)), "to": str(today)}
    lat = {}
    figures = {}
    bodies = {}
    for rnd in range(a.rounds):
        for i, b in enumerate(a.bin):
            srv = R.Server(b, work, db_for.get(b, a.db), "serve%d" % i)
            srv.start()
            try:
                c = R.login(srv.port, MONITOR)
                for name, q in (("province_year", {"scope": "province"}), ("agency_year", {"scope": "agency:" + agency})):
                    path = "/api/v1/kpi/index766?" + urllib.parse.urlencode(dict(period, **q))
                    timed(c, path, 3)  # warm the cache and the statement cache
                    # timed() returns percentiles only; keep each round's list for the pooled figure
                    r, body = timed(c, path, a.requests)
                    lat.setdefault((b, name), []).append(r)
                    ind = [x for g in body["groups"] for x in g["indicators"] if x["id"] == "dossiers_synced"][0]
                    figures.setdefault((b, name), set()).add((ind["numerator"], ind["denominator"]))
                    bodies.setdefault(name, {})[b] = json.dumps(body, sort_keys=True)
                    print("round %d %s %s %s synced %s/%s" % (rnd + 1, os.path.basename(os.path.dirname(os.path.dirname(b))) or b,
                                                               name, r, ind["numerator"], ind["denominator"]), flush=True)
            finally:
                srv.stop()
    out = {"agency": agency, "period": period, "results": [],
           "same_answers": {name: len(set(v.values())) == 1 for name, v in bodies.items()}}
    for (b, name), rs in lat.items():
        out["results"].append({"bin": b, "scope": name, "p50_ms": [r["p50_ms"] for r in rs], "p95_ms": [r["p95_ms"] for r in rs],
                               "synced": sorted(figures[(b, name)])})
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
