#!/usr/bin/env python3
"""Leaders' reads at scale, two (or more) binaries side by side (issue 14; docs/performance.md,
"The 766 lists, receptions per procedure, step times and public results at 1,000,000"): on one
bench-filled SQLite store, alternating rounds — each round starts each binary in turn on its
store and times, sequentially as the province monitor, over the last 365 days:

  view      GET /api/v1/kpi/index766 (province)
  list_*    the first page (50) of a Quyết định 766 list: GET /api/v1/kpi/dossiers?metric=…
  steps     GET /api/v1/kpi/steps (province)
  public    GET /api/v1/public/results?period=<this year> (no login)

The machine's load moves between the binaries alike; the ratio of the medians of the rounds'
p95 (last binary ÷ first) is the figure to compare. Every binary must give the same bodies
(`same_answers`), and each list's total must equal its number in the view (`totals_match`).

  python3 bench/leaders_ab.py --db PATH --bin BEFORE --bin AFTER [--db-for BIN=PATH]
                              [--requests 30] [--rounds 3] [--only view,list_received_of_online,…]

--db-for: that binary reads a copy of the store at PATH (e.g. with an index the other lacks).
Python standard library; reuses bench/run.py's server and HTTP helpers.
"""
import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402
from kpi_dashboard import MONITOR, timed  # noqa: E402

LISTS = ("received_of_online", "received_online_of_online", "procedures_online_used", "synced", "resolved_not_late",
         "paid_online")


def indicator_numbers(view):
    """list id → the number the view shows beside it (numerator or denominator)."""
    out = {}
    for g in view["groups"]:
        for ind in g["indicators"]:
            for side in ("numerator", "denominator"):
                lst = ind.get(side + "_list")
                if lst and ind.get(side) is not None:
                    out[lst] = ind[side]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--bin", action="append", required=True)
    ap.add_argument("--db-for", action="append", default=[])
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    db_for = dict(x.split("=", 1) for x in a.db_for)
    work = tempfile.mkdtemp(prefix="motcua-leaders.")
    today = (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()
    period = {"from": str(today - datetime.timedelta(days=364)), "to": str(today), "scope": "province"}
    reads = [("view", "/api/v1/kpi/index766?" + urllib.parse.urlencode(period), True)]
    for lst in LISTS:
        reads.append(("list_" + lst, "/api/v1/kpi/dossiers?" + urllib.parse.urlencode(dict(period, metric=lst, limit="50")), True))
    reads.append(("steps", "/api/v1/kpi/steps?" + urllib.parse.urlencode(period), True))
    reads.append(("public", "/api/v1/public/results?period=%d" % today.year, False))
    if a.only:
        keep = set(a.only.split(","))
        reads = [r for r in reads if r[0] in keep]
    lat, bodies, totals = {}, {}, {}
    for rnd in range(a.rounds):
        for i, b in enumerate(a.bin):
            srv = R.Server(b, work, db_for.get(b, a.db), "serve%d" % i)
            srv.start()
            try:
                c = R.login(srv.port, MONITOR)
                anon = R.Http(srv.port)
                for name, path, staff in reads:
                    cl = c if staff else anon
                    timed(cl, path, 3)  # warm the page cache and the statement cache
                    r, body = timed(cl, path, a.requests)
                    lat.setdefault((name, b), []).append(r)
                    bodies.setdefault(name, {})[b] = json.dumps(body, sort_keys=True)
                    if name.startswith("list_"):
                        totals[(name, b)] = body["total"]
                    print("round %d bin %d %-32s p50 %7.2f  p95 %7.2f ms" % (rnd + 1, i, name, r["p50_ms"], r["p95_ms"]),
                          flush=True)
                if any(n == "view" for n, _, _ in reads) and any(n.startswith("list_") for n, _, _ in reads):
                    st, _, view, _ = c.request("GET", reads[0][1])
                    nums = indicator_numbers(view)
                    for name, _, _ in reads:
                        if name.startswith("list_") and name[5:] in nums:
                            totals[(name, b, "view")] = nums[name[5:]]
            finally:
                srv.stop()
    out = {"period": period, "bins": a.bin, "reads": {}, "same_answers": {n: len(set(v.values())) == 1 for n, v in bodies.items()}}
    out["totals_match"] = all(totals[(n, b)] == v for (n, b, *rest), v in totals.items() if rest)
    for name, _, _ in reads:
        per = {}
        for b in a.bin:
            rs = lat[(name, b)]
            per[b] = {"p50_ms": [x["p50_ms"] for x in rs], "p95_ms": [x["p95_ms"] for x in rs],
                      "p95_median_ms": statistics.median(x["p95_ms"] for x in rs)}
        first, last = per[a.bin[0]]["p95_median_ms"], per[a.bin[-1]]["p95_median_ms"]
        out["reads"][name] = {"per_bin": per, "p95_ratio_last_over_first": round(last / first, 3) if first else None}
        print("%-32s p95 medians %s  ratio %s" % (name, " / ".join("%.2f" % per[b]["p95_median_ms"] for b in a.bin),
                                                  out["reads"][name]["p95_ratio_last_over_first"]), flush=True)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
