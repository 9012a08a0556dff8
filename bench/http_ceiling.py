#!/usr/bin/env python3
"""Honest yardstick for the HTTP path: bench/bare_beast (a trivial Beast server on the same
threads, answering the same bytes as our GET /api/v1/health) against our own server.

Used by bench/run.py (`rounds()`: alternating wrk runs of bare and health, medians), and on its
own for profiling work:

    python3 bench/http_ceiling.py [--rounds 3] [--seconds 2] [--binary build/motcua]

starts `motcua serve` on a fresh SQLite db and bare_beast, runs the alternating rounds and prints
health ÷ bare. Environment: BENCH_BARE (build/bare_beast), MOTCUA_IO_THREADS (both servers).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEALTH = "/api/v1/health"


def io_threads():
    return int(os.environ.get("MOTCUA_IO_THREADS", "2"))


class Bare:
    """bare_beast on an ephemeral loopback port, as many io threads as our server."""

    def __init__(self, binary=None):
        self.binary = binary or os.environ.get("BENCH_BARE", os.path.join(ROOT, "build", "bare_beast"))
        self.proc = None
        self.port = None

    def start(self):
        self.proc = subprocess.Popen([self.binary, "0", str(io_threads())], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                                     start_new_session=True)
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "listening":
            self.stop()
            raise RuntimeError("bare_beast did not start: %r" % line)
        self.port = int(line[1])
        return self

    def url(self):
        return "http://127.0.0.1:%d%s" % (self.port, HEALTH)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def rounds(run_wrk, health_url, workdir, n=3, seconds=2, log=print, bare_binary=None):
    """n rounds of (bare `seconds` s, our health `seconds` s) with wrk, 64 connections.
    Returns {"bare_rounds_req_per_s", "health_rounds_req_per_s", "bare_req_per_s" (median),
    "health_req_per_s" (median), "health_vs_bare", p50/p99 of the median rounds}."""
    bare = Bare(bare_binary).start()
    try:
        b, h = [], []
        for i in range(n):
            b.append(run_wrk(bare.url(), seconds, workdir=workdir))
            h.append(run_wrk(health_url, seconds, workdir=workdir))
            log("   round %d: bare %.0f req/s, health %.0f req/s" % (i + 1, b[-1]["req_per_s"], h[-1]["req_per_s"]))
    finally:
        bare.stop()

    def median_run(runs):
        return sorted(runs, key=lambda r: r["req_per_s"])[len(runs) // 2]
    mb, mh = median_run(b), median_run(h)
    return {
        "bare_rounds_req_per_s": [round(r["req_per_s"]) for r in b],
        "health_rounds_req_per_s": [round(r["req_per_s"]) for r in h],
        "bare_req_per_s": statistics.median(r["req_per_s"] for r in b),
        "health_req_per_s": statistics.median(r["req_per_s"] for r in h),
        "health_vs_bare": round(statistics.median(r["req_per_s"] for r in h) /
                                statistics.median(r["req_per_s"] for r in b), 4),
        "bare_p50_ms": mb.get("p50_ms"), "bare_p99_ms": mb.get("p99_ms"),
        "health_p50_ms": mh.get("p50_ms"), "health_p99_ms": mh.get("p99_ms"),
        "io_threads": io_threads(),
    }


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import run  # noqa: E402  (bench/run.py: wrk runner and server control)

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=2)
    ap.add_argument("--binary", default=os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
    ap.add_argument("--bare", default=None)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="motcua-ceiling-")
    srv = run.Server(os.path.abspath(args.binary), work, os.path.join(work, "bench.db"), "serve")
    try:
        srv.cli("migrate")
        srv.cli("seed")
        srv.start()
        r = rounds(run.run_wrk, "http://127.0.0.1:%d%s" % (srv.port, HEALTH), work, args.rounds, args.seconds,
                   bare_binary=args.bare)
    finally:
        srv.stop()
    print("bare %s req/s, health %s req/s (rounds); health ÷ bare = %.3f (medians %.0f / %.0f)"
          % (r["bare_rounds_req_per_s"], r["health_rounds_req_per_s"], r["health_vs_bare"],
             r["health_req_per_s"], r["bare_req_per_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
