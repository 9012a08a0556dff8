#!/usr/bin/env python3
"""Two binaries' Quyết định 766 answers compared (docs/performance.md): GET /api/v1/kpi/index766
for 6 periods (a year to today, half a year, month-crossing, one whole month, the last 21 days,
one day) × 6 scopes (province, an agency, a level, a field, a procedure, a level with a field),
each binary on its own store (copies of one), and the bodies compared byte for byte.

  python3 bench/index766_compare.py BIN_A BIN_B STORE_A STORE_B [--agency ID --procedure ID]
"""
import argparse
import datetime
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402
from kpi_dashboard import MONITOR  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bins", nargs=2)
    ap.add_argument("stores", nargs=2)
    ap.add_argument("--agency", default="ubnd-dakha")
    ap.add_argument("--procedure", default="1.000419@v1")
    a = ap.parse_args()
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
    periods = [(str(today - datetime.timedelta(days=364)), str(today)), ("2026-01-01", "2026-06-30"),
               ("2026-03-16", "2026-04-12"), ("2026-05-01", "2026-05-31"), (str(today - datetime.timedelta(days=20)), str(today)),
               ("2026-11-30", "2026-11-30")]
    scopes = [{"scope": "province"}, {"scope": "agency:" + a.agency}, {"scope": "level:district"},
              {"scope": "province", "field": "Hộ tịch"}, {"scope": "agency:" + a.agency, "procedure": a.procedure},
              {"scope": "level:commune", "field": "Chứng thực"}]
    out = {}
    for b, db in zip(a.bins, a.stores):
        srv = R.Server(b, os.path.dirname(os.path.abspath(db)), db, "compare")
        srv.start()
        try:
            c = R.login(srv.port, MONITOR)
            for f, t in periods:
                for s in scopes:
                    q = dict(s, **{"from": f, "to": t})
                    st, _, js, _ = c.request("GET", "/api/v1/kpi/index766?" + urllib.parse.urlencode(q))
                    out.setdefault(json.dumps(q, ensure_ascii=False), []).append((st, json.dumps(js, sort_keys=True)))
        finally:
            srv.stop()
    differ = [k for k, v in out.items() if v[0] != v[1]]
    print(json.dumps({"queries": len(out), "statuses": sorted({v[0][0] for v in out.values()}), "differ": differ},
                     ensure_ascii=False))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
