#!/usr/bin/env python3
"""What leaders see, in `make bench` (issue 14; docs/performance.md): in one run,

  1. the KPI counters' cost on intake: rounds of bench/intake_probe.py alternating a server that
     writes the counters with one started with MOTCUA_BENCH_NO_KPI_COUNTERS=1 (the same binary,
     no counter written; refused with MOTCUA_PRODUCTION=1): the ratio of the medians;
  2. bench/kpi_dashboard.py on BENCH_DOSSIERS dossiers (default 1,000,000; bench-fill): the
     dashboard (GET /api/v1/kpi/summary) for the province and for the busiest agency over the
     last 365 days, p95; form 06a for the province over the same year;
  3. bench/unit_report.py on the same store: a unit's report generated, checked, submitted,
     exported, and the province's consolidation.

  python3 bench/kpi.py [--dossiers N] [--rounds R] [--pg CONNINFO [--no-intake]]

--pg: parts 2 and 3 on that (empty) PostgreSQL database instead of a SQLite file (bench-fill
fills it; ~3 min for 1,000,000 on the 2-core machine, then seconds of reads; in `make
bench` through scripts/bench_pg_kpi.sh; docs/performance.md, "PostgreSQL at 1,000,000 dossiers"). --no-intake skips part 1.

Prints each part's lines, then a table against the issue's bars, and writes
bench/results/kpi.json. Python standard library plus `wrk`.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def last_json(args, env=None, timeout=7200):
    p = subprocess.run([sys.executable, *args], env=env or os.environ, capture_output=True, text=True, timeout=timeout)
    sys.stdout.write(p.stdout)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        raise RuntimeError("%s failed: %s" % (args[0], (p.stderr or p.stdout)[-800:]))
    return json.loads(lines[-1])


def intake_cost(rounds, seconds):
    """Median intakes/s with and without the counters, alternating, one probe each per round."""
    runs = {"with": [], "without": []}
    for r in range(rounds):
        for side in ("with", "without"):
            env = dict(os.environ)
            env.pop("MOTCUA_BENCH_NO_KPI_COUNTERS", None)
            if side == "without":
                env["MOTCUA_BENCH_NO_KPI_COUNTERS"] = "1"
            d = last_json([os.path.join(HERE, "intake_probe.py"), "--seconds", str(seconds), "--no-anchor"], env, 600)
            runs[side].append(d["req_s"])
            print("   intake %-7s counters, round %d: %d req/s (writer %s µs/intake)"
                  % (side, r + 1, d["req_s"], d.get("writer_cpu_us_per_job")), flush=True)
    w, wo = statistics.median(runs["with"]), statistics.median(runs["without"])
    return {"with_req_s": w, "without_req_s": wo, "ratio": round(w / wo, 3), "rounds": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=int(os.environ.get("BENCH_DOSSIERS", "1000000")))
    ap.add_argument("--rounds", type=int, default=2 if os.environ.get("BENCH_QUICK") == "1" else 3)
    ap.add_argument("--seconds", type=int, default=4 if os.environ.get("BENCH_QUICK") == "1" else 6)
    ap.add_argument("--requests", type=int, default=50)
    ap.add_argument("--out")
    ap.add_argument("--pg", help="conninfo of an empty PostgreSQL database for parts 2 and 3")
    ap.add_argument("--no-intake", action="store_true")
    a = ap.parse_args()
    a.out = a.out or os.path.join(HERE, "results", "kpi_pg.json" if a.pg else "kpi.json")
    res = {"dossiers": a.dossiers, "store": "postgres" if a.pg else "sqlite"}
    if not a.no_intake:
        print("== KPI counters' cost on intake (%d rounds of %d s, alternating)" % (a.rounds, a.seconds), flush=True)
        res["intake"] = intake_cost(a.rounds, a.seconds)
    pg = ["--pg", a.pg] if a.pg else []
    work = tempfile.mkdtemp(prefix="motcua-kpibench.")
    db = os.path.join(work, "kpi.db")
    try:
        print("== dashboard and form 06a on %d dossiers" % a.dossiers, flush=True)
        res["dashboard"] = last_json([os.path.join(HERE, "kpi_dashboard.py"), "--count", str(a.dossiers),
                                      "--requests", str(a.requests), "--db", db, *pg])
        print("== a unit's report on the same store", flush=True)
        res["unit_report"] = last_json([os.path.join(HERE, "unit_report.py"), "--count", str(a.dossiers),
                                        "--db", "keep" if a.pg else db, *pg])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    d, i = res["dashboard"], res.get("intake")
    rows = [
        ("dashboard, province, 365 days, p95", "%.1f ms" % d["province_year"]["p95_ms"], "< 100 ms"),
        ("dashboard, agency %s, 365 days, p95" % d["agency"], "%.1f ms" % d["agency_year"]["p95_ms"], "< 100 ms"),
        ("form 06a, province, 365 days (p50 / max)", "%.0f / %.0f ms" % (d["form06a_year"]["p50_ms"], d["form06a_year"]["max_ms"]),
         "< 1000 ms"),
        ("766 view, province, 365 days, p95", "%.1f ms" % d["index766_year"]["p95_ms"], ""),
        ("where dossiers wait (kpi/steps), province, p95", "%.1f ms" % d["steps_year"]["p95_ms"], ""),
        ("766 list (received_of_online), first page, p95", "%.1f ms" % d["list766_first_page"]["p95_ms"], ""),
        ("drill-down, receptions, first page, p95", "%.1f ms" % d["drill_first_page"]["p95_ms"], ""),
        ("public results, the year, p95", "%.1f ms" % d["public_results_year"]["p95_ms"], ""),
        ("unit report 06a generate, %s" % res["unit_report"]["agency"], "%.0f ms" % res["unit_report"]["generate_ms"], ""),
    ]
    if "fill_s" in d:
        rows.insert(0, ("bench-fill", "%.0f s" % d["fill_s"], ""))
    if "vacuum_analyze_s" in d:
        rows.insert(1, ("VACUUM (ANALYZE) after it", "%.0f s" % d["vacuum_analyze_s"], ""))
    if i:
        rows.append(("intake with / without KPI counters",
                     "%.0f / %.0f req/s = x%.3f" % (i["with_req_s"], i["without_req_s"], i["ratio"]), "(cost)"))
    print("\nKPI (%d dossiers, %s)" % (a.dossiers, "PostgreSQL" if a.pg else "SQLite"))
    for name, value, bar in rows:
        print("  %-48s %28s  %s" % (name, value, bar))
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
