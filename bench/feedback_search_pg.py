#!/usr/bin/env python3
"""Published-answer search on PostgreSQL (issue 16; docs/performance.md, "PostgreSQL at
1,000,000 dossiers"): 100,000 published cases written by SQL into an empty, migrated and seeded
database (bench/feedback.py's vocabulary: 13 subjects × 6 places, each case's own number), then
`motcua serve` on it and sequential GET /api/v1/feedback/published?q=… per query mix, twice:

  common: the 78 subject + place pairs (each in ~1/78 of the cases);
  rare:   200 case numbers ("so 4711"; the number also as a prefix: 4711, 47110–47119);
  every:  "ho so", in every case.

  python3 bench/feedback_search_pg.py CONNINFO [--binary PATH] [--keep (the cases are already there)]

Prints p50 / p95 / max per mix as JSON. Python standard library and psql.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402
from feedback import PLACES, VI, WORDS  # noqa: E402

FILL = """
WITH w(k, f, v) AS (VALUES {words}), p(k, f) AS (VALUES {places}),
 g AS (SELECT i, (hashint4(i) & 2147483647) % {nw} AS wk, (hashint4(i + 7777777) & 2147483647) % {np} AS pk,
              1700000000000::bigint + i * 1000 AS at FROM generate_series(0, {n} - 1) i)
INSERT INTO feedback_cases (id, code, channel, kind, state, title, content, verdict, agency_id, received_at, field,
 answer, answered_at, public_text, public_folded, published_at, wants_private, published, version, created_at, updated_at)
SELECT 'bench-' || lpad(i::text, 7, '0'), 'PAKN-B' || lpad(i::text, 7, '0'), 'portal', 'phan_anh', 'closed',
 'Chậm giải quyết hồ sơ ' || w.v || ' tại ' || p.f || ' số ' || i,
 'Người dân phản ánh hồ sơ ' || w.v || ' bị hẹn lại nhiều lần tại ' || p.f || '.', 'accepted', 'stp', at, 'Hộ tịch',
 'Cơ quan đã kiểm tra, đôn đốc giải quyết hồ sơ ' || w.v || '; kết quả đã trả.', at + 500, '{{}}',
 'cham giai quyet ho so ' || w.f || ' tai ' || p.f || ' so ' || i || ' nguoi dan phan anh ho so ' || w.f ||
 ' bi hen lai nhieu lan tai ' || p.f || ' co quan da kiem tra don doc giai quyet ho so ' || w.f || ' ket qua da tra',
 at + 600, 0, 1, 1, at, at + 600
FROM g JOIN w ON w.k = g.wk JOIN p ON p.k = g.pk;
ANALYZE feedback_cases;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("conninfo")
    ap.add_argument("--binary", default=os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua")))
    ap.add_argument("--cases", type=int, default=100000)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="motcua-fbpg.")
    srv = R.Server(a.binary, work, os.path.join(work, "unused.db"), "fbpg")
    srv.env["MOTCUA_DB"] = "postgres:" + a.conninfo
    res = {"cases": a.cases}
    if not a.keep:
        srv.cli("migrate")
        srv.cli("seed")
        lit = lambda s: "'" + s.replace("'", "''") + "'"  # noqa: E731
        sql = FILL.format(words=",".join("(%d,%s,%s)" % (i, lit(w), lit(VI[w])) for i, w in enumerate(WORDS)),
                          places=",".join("(%d,%s)" % (i, lit(p)) for i, p in enumerate(PLACES)),
                          nw=len(WORDS), np=len(PLACES), n=a.cases)
        t = time.monotonic()
        subprocess.run(["psql", a.conninfo, "-q", "-v", "ON_ERROR_STOP=1"], input=sql, text=True, check=True)
        res["fill_s"] = round(time.monotonic() - t, 1)
    rnd = random.Random(16)
    mixes = {"common": [w + " " + p.split()[-1] for w in WORDS for p in PLACES],
             "rare": ["so %d" % rnd.randrange(a.cases) for _ in range(200)],
             "every": ["ho so"] * 20}
    srv.start()
    try:
        c = R.Http(srv.port)
        for name, queries in mixes.items():
            ms = []
            for _ in range(2):
                for q in queries:
                    t = time.monotonic()
                    st, _, _, raw = c.request("GET", "/api/v1/feedback/published?q=" + urllib.parse.quote(q))
                    ms.append((time.monotonic() - t) * 1000)
                    if st != 200:
                        raise RuntimeError("%s -> %d %s" % (q, st, raw[:200]))
            ms.sort()
            res[name] = {"requests": len(ms), "p50_ms": round(R.pct(ms, 50), 2), "p95_ms": round(R.pct(ms, 95), 2),
                         "max_ms": round(ms[-1], 1)}
            print(name, res[name], flush=True)
    finally:
        srv.stop()
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
