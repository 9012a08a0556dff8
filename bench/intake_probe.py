#!/usr/bin/env python3
"""Intake only, for working on the write path: the anchor, then our intake over HTTP on a fresh
db, then the writer's own counts (commits, WAL pages) from the server's shutdown line.

  python3 bench/intake_probe.py [--seconds 8] [--conns 64] [--no-anchor]

Prints one JSON line: req/s, anchor tx/s, ratio, intakes per commit, WAL pages per intake.
Uses bench/run.py's helpers; Python standard library plus `wrk`.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402


def desks(port):
    R.add_bench_desks(port)
    out, seen = [], set()
    for u in R.reception_usernames() + R.BENCH_DESKS:
        try:
            c = R.login(port, u)
        except RuntimeError:
            continue
        st, _, js, _ = c.request("GET", "/api/v1/procedures?agency=me")
        its = R.items_of(js) if st == 200 else []
        _, _, me, _ = c.request("GET", "/api/v1/auth/me")
        agency = (me or {}).get("user", {}).get("grants", [{}])[0].get("agency_id")
        if its and agency not in seen:
            seen.add(agency)
            out.append((c, its[0]["id"]))
    return out


def wrk_lua(ds):
    reqs = []
    for c, pid in ds:
        b = dict(R.intake_body(), procedure_id=pid)
        reqs.append("wrk.format(\"POST\", \"/api/v1/dossiers\", {[\"Content-Type\"] = "
                    "\"application/json\", [\"Cookie\"] = %s, [\"X-CSRF-Token\"] = %s}, %s)"
                    % (R.lua_str(c.cookie), R.lua_str(c.csrf), R.lua_str(json.dumps(b, ensure_ascii=False))))
    return ("local reqs = {}\nlocal i = 0\n"
            "function init(args)\n  reqs = {%s}\n  i = math.random(#reqs)\nend\n"
            "function request()\n  i = i %% #reqs + 1\n  return reqs[i]\nend\n" % ", ".join(reqs))


def cpu_us(pid):
    """User + system CPU of a process so far, in microseconds (from /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1e6 / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--conns", type=int, default=64)
    ap.add_argument("--no-anchor", action="store_true")
    args = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    raw_bin = os.environ.get("BENCH_RAW", os.path.join(R.ROOT, "build", "raw_sqlite"))
    out = {}
    if not args.no_anchor:
        p = subprocess.run([raw_bin, "3"], capture_output=True, text=True, timeout=120, check=True)
        out["anchor_tx_s"] = round(json.loads(p.stdout.strip().splitlines()[-1])["tx_per_s"])
    work = tempfile.mkdtemp(prefix="motcua-probe.")
    srv = R.Server(binary, work, os.path.join(work, "probe.db"), "serve")
    try:
        srv.cli("migrate")
        srv.cli("seed")
        srv.start()
        ds = desks(srv.port)
        # PROBE_PERF=<file>: sample the whole machine (server, wrk, kernel) during the run.
        prof = None
        if os.environ.get("PROBE_PERF"):
            # PROBE_PERF_DWARF=1: the server only, with DWARF call stacks (SQLite and libc have
            # no frame pointers), at a lower rate.
            target = (["-p", str(srv.proc.pid), "--call-graph", "dwarf,16384", "-F", "499"]
                      if os.environ.get("PROBE_PERF_DWARF") else ["-a", "-g"])
            prof = subprocess.Popen(["perf", "record", "-e", "cpu-clock", *target, "-o",
                                     os.environ["PROBE_PERF"]], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        cpu0 = cpu_us(srv.proc.pid)
        r = R.run_wrk("http://%s:%d/api/v1/dossiers" % (R.HOST, srv.port), args.seconds,
                      conns=args.conns, lua=wrk_lua(ds), workdir=work)  # non-2xx: wrk counts (run.py)
        if prof:
            prof.send_signal(signal.SIGINT)
            prof.wait(timeout=120)
        served = max(r.get("requests") or r["req_per_s"] * args.seconds, 1)
        out["server_cpu_us_per_req"] = round((cpu_us(srv.proc.pid) - cpu0) / served, 1)
        out.update(req_s=round(r["req_per_s"]), p99_ms=r["p99_ms"], non_2xx=r.get("non_2xx"),
                   desks=len(ds))
    finally:
        srv.stop()
    m = re.findall(r"Đã ghi (\d+) lượt trong (\d+) giao dịch \(\d+ lỗi, (\d+) trang WAL, (\d+) µs CPU luồng ghi\)", srv.tail(50))
    if m:
        jobs, commits, pages, cpu = map(int, m[-1])
        out.update(writer_cpu_us_per_job=round(cpu / max(jobs, 1), 1), jobs=jobs, commits=commits, jobs_per_commit=round(jobs / max(commits, 1), 1),
                   wal_pages_per_job=round(pages / max(jobs, 1), 2))
    m = re.findall(r"Luồng ghi bận (\d+) µs, trong đó (\d+) µs ở COMMIT", srv.tail(50))
    if m and out.get("jobs"):
        busy, commit = map(int, m[-1])
        out.update(writer_busy_us_per_job=round(busy / out["jobs"], 1),
                   commit_wall_us_per_commit=round(commit / max(out["commits"], 1)))
    if "anchor_tx_s" in out and "req_s" in out:
        out["ratio"] = round(out["req_s"] / out["anchor_tx_s"], 3)
    print(json.dumps(out))
    if not os.environ.get("PROBE_KEEP"): shutil.rmtree(work, ignore_errors=True)
    else: print(work)


if __name__ == "__main__":
    main()
