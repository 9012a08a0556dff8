#!/usr/bin/env python3
"""'Hồ sơ của tôi' p95 (issue 13): a citizen with 200 dossiers in a store of 1,000,000.

bench/run.py calls `measure()` on its filled server (bench-fill spreads the dossiers over 5,000
applicants in turn: the bench citizen 051090001234 owns one in 5,000, 200 of 1,000,000):
  1. the citizen logs in (development login) and pages through all their dossiers (20 a page),
     checking the count and the order (newest first)
  2. wrk GET /api/v1/me/dossiers?limit=20 (the first page) with 4 and 32 connections: p50/p95/p99
  3. the query plan of the page's SQL on the filled SQLite file must use the owner's index
     (dossiers_owner_created, migration 014) — and, with `--pg` or in `pg_plan()`, on PostgreSQL
     over a bench-filled database (the planner with sequential scans made dear must choose it).

  python3 bench/my_dossiers.py --port N --db /path/fill.db [--seconds 5]   (a running filled server)
  python3 bench/my_dossiers.py --pg [--count 20000]                         (PostgreSQL plan only)

Python standard library, wrk; psql for --pg.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402

PERSON = "051090001234"
PAGE = "/api/v1/me/dossiers?limit=20"
INDEX = "dossiers_owner_created"
# The page's query as store::list_my_dossiers writes it (first page, any state).
SQL = ("SELECT id, code, state, created_at FROM dossiers WHERE owner_personal_id = '%s'"
       " ORDER BY owner_personal_id DESC, created_at DESC, id DESC LIMIT 20" % PERSON)


def citizen_login(port):
    c = R.Http(port)
    st, resp, js, raw = c.request("POST", "/api/v1/auth/citizen-dev-login",
                                  {"personal_id": PERSON, "full_name": "Nguyễn Văn An"})
    if st != 200:
        raise RuntimeError("citizen login failed: %d %s" % (st, raw[:300]))
    c.csrf = js["csrf_token"]
    c.cookie = "; ".join(v.split(";", 1)[0] for k, v in resp.getheaders() if k.lower() == "set-cookie")
    return c


def page_all(c):
    """Every dossier of the citizen, page by page; (count, pages, newest first?, seconds)."""
    path, n, pages, last, ordered = PAGE, 0, 0, None, True
    t = time.monotonic()
    while path:
        st, _, js, raw = c.request("GET", path)
        if st != 200:
            raise RuntimeError("%s -> %d %s" % (path, st, raw[:300]))
        for item in js["items"]:
            if last is not None and item["submitted_at"] > last:
                ordered = False
            last = item["submitted_at"]
        n += len(js["items"])
        pages += 1
        cur = js.get("next_cursor")
        path = PAGE + "&cursor=" + R.urllib.parse.quote(cur, safe="") if cur else None
    return n, pages, ordered, time.monotonic() - t


def sqlite_plan(db_path):
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    try:
        return " | ".join(str(r[-1]) for r in con.execute("EXPLAIN QUERY PLAN " + SQL))
    finally:
        con.close()


def measure(port, db_path, seconds=5, workdir=None, log=print):
    c = citizen_login(port)
    count, pages, ordered, t = page_all(c)
    log("   Hồ sơ của tôi: %d dossiers in %d pages (%.0f ms), newest first: %s" % (count, pages, t * 1000, ordered))
    lua = "wrk.headers[\"Cookie\"] = %s\n" % R.lua_str(c.cookie)
    work = workdir or tempfile.mkdtemp(prefix="motcua-mine.")
    url = "http://%s:%d%s" % (R.HOST, port, PAGE)
    w4 = R.run_wrk(url, seconds, conns=4, threads=2, lua=lua, workdir=work)
    w32 = R.run_wrk(url, seconds, conns=32, threads=2, lua=lua, workdir=work)
    plan = sqlite_plan(db_path) if db_path else None
    uses_index = bool(plan and INDEX in plan)
    log("   Hồ sơ của tôi page: 4 conns %.0f req/s p95 %s ms; 32 conns %.0f req/s p95 %s ms; plan: %s"
        % (w4["req_per_s"], R.r3(w4.get("p95_ms")), w32["req_per_s"], R.r3(w32.get("p95_ms")), plan))
    out = {"dossiers_of_citizen": count, "pages": pages, "newest_first": ordered, "all_pages_ms": round(t * 1000, 1),
           "page_4": {k: w4.get(k) for k in ("req_per_s", "p50_ms", "p95_ms", "p99_ms", "non_2xx")},
           "page_32": {k: w32.get(k) for k in ("req_per_s", "p50_ms", "p95_ms", "p99_ms", "non_2xx")},
           "p95_ms": w4.get("p95_ms"), "sqlite_plan": plan, "sqlite_uses_index": uses_index}
    if not uses_index:
        raise RuntimeError("the page's query does not use %s on SQLite: %s" % (INDEX, plan))
    return out


def pg_plan(binary, count=20000, log=print):
    """PostgreSQL: a bench-filled database; the page's plan must use the owner's index."""
    import pg_scale as P
    with P.Cluster() as cl:
        ci = P.fresh_db(cl.conninfo, "motcua_mine")
        env = dict(os.environ, MOTCUA_DB="postgres:" + ci,
                   MOTCUA_SEED_DIR=os.environ.get("MOTCUA_SEED_DIR", os.path.join(R.ROOT, "data", "seed")))
        for args in (["migrate"], ["seed"], ["bench-fill", "--count", str(count)]):
            subprocess.run([binary, *args], env=env, check=True, capture_output=True, timeout=1800)
        P.psql(ci, "ANALYZE dossiers")
        out = subprocess.run([P.tool("psql"), "-X", "-At", ci, "-c", "EXPLAIN " + SQL], check=True,
                             capture_output=True, text=True).stdout
        plan = " | ".join(line.strip() for line in out.splitlines())
        log("   PostgreSQL plan (%d dossiers): %s" % (count, plan))
        return {"count": count, "plan": plan, "uses_index": INDEX in plan}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int)
    ap.add_argument("--db")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--pg", action="store_true")
    ap.add_argument("--count", type=int, default=20000)
    a = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    res = {}
    if a.port:
        res["sqlite"] = measure(a.port, a.db, a.seconds)
    if a.pg:
        res["postgres"] = pg_plan(binary, a.count)
    print(json.dumps(res, ensure_ascii=False))
    return 0 if all(v.get("uses_index", v.get("sqlite_uses_index", True)) for v in res.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
