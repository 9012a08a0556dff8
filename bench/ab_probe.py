#!/usr/bin/env python3
"""Alternating side-by-side intake probes of several server binaries, for changes smaller than
this machine's run-to-run noise (±15% between runs here; use 3 or more rounds).

  python3 bench/ab_probe.py [--rounds 3] [--seconds 6] BIN [BIN ...]

A BIN may be a wrapper script that sets environment variables and execs build/motcua. Each
round runs every binary once, in turn, through bench/intake_probe.py (no anchor); then a table
of every run and the median per binary: intakes/s, server CPU and writer CPU per intake (µs),
intakes per commit. Python standard library only, plus `wrk`.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ("req_s", "server_cpu_us_per_req", "writer_cpu_us_per_job", "jobs_per_commit")


def probe(binary, seconds):
    env = dict(os.environ, MOTCUA_BIN=os.path.abspath(binary))
    out = subprocess.run([sys.executable, os.path.join(HERE, "intake_probe.py"), "--seconds", str(seconds),
                          "--no-anchor"], env=env, capture_output=True, text=True, timeout=600)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise RuntimeError("probe of %s failed: %s" % (binary, (out.stderr or out.stdout)[-500:]))
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=6)
    ap.add_argument("binaries", nargs="+")
    args = ap.parse_args()
    runs = {b: [] for b in args.binaries}
    print("%-28s %5s %9s %9s %9s %9s" % ("binary", "round", "req/s", "cpu_us", "writer_us", "per_commit"))
    for r in range(1, args.rounds + 1):
        for b in args.binaries:
            d = probe(b, args.seconds)
            runs[b].append(d)
            print("%-28s %5d %9.0f %9.1f %9.1f %9.1f" % ((os.path.basename(b), r) + tuple(d.get(k) or 0 for k in KEYS)),
                  flush=True)
    print("medians:")
    for b, ds in runs.items():
        med = [statistics.median(d.get(k) or 0 for d in ds) for k in KEYS]
        print("%-28s %5s %9.0f %9.1f %9.1f %9.1f" % ((os.path.basename(b), "") + tuple(med)))


if __name__ == "__main__":
    main()
