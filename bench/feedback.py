#!/usr/bin/env python3
"""Feedback cases (issue 16): cases filed per second through the public API (Open311 create and
the portal's JSON filing) beside dossier intake in the same run, and the published-answer search
p95 over 100,000 cases.

  1. a fresh SQLite store: migrate, seed;
  2. 100,000 published cases written straight into the store (bench data: the same columns the
     service writes when it publishes; titles and answers drawn from a small vocabulary);
  3. `motcua serve`; wrk for BENCH_SECONDS (default 5) each, 16 connections:
     POST /open311/v2/requests.json (form), POST /api/v1/feedback (JSON, named sender, no
     session), POST /api/v1/dossiers (the receiving officer's intake: the yardstick);
  4. GET /api/v1/feedback/published?q=… with rotating queries (without diacritics), wrk 4
     connections: p50/p95/p99; then rare words (one case's number), the same way.

  python3 bench/feedback.py [--seconds 5] [--cases 100000] [--search-only]
Python standard library and wrk; everything on 127.0.0.1.
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402

WORDS = ["ho tich", "khai sinh", "chung thuc", "dat dai", "xay dung", "thue", "bao tro xa hoi", "nguoi co cong",
         "ket hon", "giay phep", "ho kinh doanh", "lao dong", "giao duc"]
VI = {"ho tich": "hộ tịch", "khai sinh": "khai sinh", "chung thuc": "chứng thực", "dat dai": "đất đai",
      "xay dung": "xây dựng", "thue": "thuế", "bao tro xa hoi": "bảo trợ xã hội", "nguoi co cong": "người có công",
      "ket hon": "kết hôn", "giay phep": "giấy phép", "ho kinh doanh": "hộ kinh doanh", "lao dong": "lao động",
      "giao duc": "giáo dục"}
PLACES = ["xa nghia hanh", "phuong cam thanh", "xa mang den", "phuong kon tum", "xa ba to", "xa son ha"]


def fill(db_path, n):
    """n published cases, in one transaction (bench data)."""
    con = sqlite3.connect(db_path)
    rnd = random.Random(16)
    t0 = int(time.time() * 1000) - n * 1000
    rows = []
    for i in range(n):
        w, p = rnd.choice(WORDS), rnd.choice(PLACES)
        title = f"Chậm giải quyết hồ sơ {VI[w]} tại {p} số {i}"
        content = f"Người dân phản ánh hồ sơ {VI[w]} bị hẹn lại nhiều lần tại {p}."
        answer = f"Cơ quan đã kiểm tra, đôn đốc giải quyết hồ sơ {VI[w]}; kết quả đã trả."
        folded = f"cham giai quyet ho so {w} tai {p} so {i} nguoi dan phan anh ho so {w} bi hen lai nhieu lan tai {p} co quan da kiem tra don doc giai quyet ho so {w} ket qua da tra"
        at = t0 + i * 1000
        rows.append((f"bench-{i:07d}", f"PAKN-B{i:07d}", "portal", "phan_anh", "closed", title, content, "accepted",
                     "stp", at, "Hộ tịch", answer, at + 500, json.dumps({"title": title, "content": content, "answer": answer},
                                                                     ensure_ascii=False), folded, at + 600, at, at + 600))
    con.executemany(
        "INSERT INTO feedback_cases (id, code, channel, kind, state, title, content, verdict, agency_id, received_at,"
        " field, answer, answered_at, public_text, public_folded, published_at, wants_private, published, version,"
        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,1,1,?,?)", rows)
    con.commit()
    con.close()


class SkipFiling(Exception):
    """--search-only: straight to the search."""


def wrk_post(port, path, body, ctype, seconds, conns, workdir, headers=None):
    hdr = "".join('wrk.headers[%s] = %s\n' % (R.lua_str(k), R.lua_str(v)) for k, v in (headers or {}).items())
    lua = ('wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = %s\n%s'
           % (R.lua_str(body), R.lua_str(ctype), hdr))
    return R.run_wrk("http://%s:%d%s" % (R.HOST, port, path), seconds, conns=conns, lua=lua, workdir=workdir,
                     count_status=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "5")))
    ap.add_argument("--cases", type=int, default=100000)
    ap.add_argument("--search-only", action="store_true", help="measure the published-answer search only")
    args = ap.parse_args()
    binary = os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua"))
    work = tempfile.mkdtemp(prefix="motcua-bench-fb-")
    db = os.path.join(work, "fb.db")
    srv = R.Server(binary, work, db, "feedback")
    srv.env.update({"MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS": "100000000", "MOTCUA_FILES_DIR": os.path.join(work, "files")})
    srv.cli("migrate")
    srv.cli("seed")
    t = time.monotonic()
    fill(db, args.cases)
    R.log("filled %d published cases in %.1f s" % (args.cases, time.monotonic() - t))
    srv.start()
    out = {}
    try:
        port = srv.port
        if args.search_only:
            raise SkipFiling()
        form = urllib.parse.urlencode({"service_code": "phan_anh", "first_name": "An", "last_name": "Nguyễn Văn",
                                       "phone": "0905123456",
                                       "description": "Cán bộ hẹn lại nhiều lần mà không nói rõ lý do."})
        out["open311_create"] = wrk_post(port, "/open311/v2/requests.json", form, "application/x-www-form-urlencoded",
                                         args.seconds, 16, work)
        portal = json.dumps({"kind": "phan_anh", "content": "Cán bộ hẹn lại nhiều lần mà không nói rõ lý do.",
                             "sender_name": "Nguyễn Văn An", "sender_phone": "0905123456"}, ensure_ascii=False)
        out["portal_file"] = wrk_post(port, "/api/v1/feedback", portal, "application/json", args.seconds, 16, work)
        # The yardstick: the receiving officer's dossier intake, 1 s on each of three desks (a desk
        # numbers at most 9,999 dossiers a day, by law), the median of the three.
        runs = []
        for username in R.reception_usernames()[:3]:
            c = R.login(port, username)
            proc, _ = R.find_procedure(c)
            body = R.intake_body()
            body["procedure_id"] = proc
            runs.append(wrk_post(port, "/api/v1/dossiers", json.dumps(body, ensure_ascii=False), "application/json", 1,
                                 16, work, headers={"Cookie": c.cookie, "X-CSRF-Token": c.csrf}))
        runs.sort(key=lambda r: r.get("ok_req_per_s") or 0)
        out["dossier_intake"] = runs[1]
    except SkipFiling:
        pass
    try:
        # Published-answer search: rotating queries without diacritics (two words each).
        queries = ["/api/v1/feedback/published?q=" + urllib.parse.quote(w + " " + p.split()[-1])
                   for w in WORDS for p in PLACES]
        lua = "local paths = {%s}\nlocal i = 0\nrequest = function()\n  i = i %% #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n" % (
            ",".join(R.lua_str(q) for q in queries))
        out["published_search"] = R.run_wrk("http://%s:%d/" % (R.HOST, port), args.seconds, conns=4, lua=lua,
                                            workdir=work, count_status=True)
        # Rare words: a case's own number ("so 4711": one case in 100,000), where a scan finds
        # its page last.
        rnd = random.Random(7)
        rare = ["/api/v1/feedback/published?q=" + urllib.parse.quote("so %d" % rnd.randrange(args.cases))
                for _ in range(200)]
        lua_rare = "local paths = {%s}\nlocal i = 0\nrequest = function()\n  i = i %% #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n" % (
            ",".join(R.lua_str(q) for q in rare))
        out["published_search_rare"] = R.run_wrk("http://%s:%d/" % (R.HOST, port), args.seconds, conns=4,
                                                 lua=lua_rare, workdir=work, count_status=True)
        st, _, js, raw = R.Http(port).request("GET", queries[0])
        out["search_sample_items"] = len(js.get("items", [])) if isinstance(js, dict) else raw[:200]
    finally:
        srv.stop() if hasattr(srv, "stop") else None
    keys = ("req_per_s", "ok_req_per_s", "non_2xx", "p50_ms", "p90_ms", "p99_ms", "latency_p50", "latency_p99")
    summary = {k: {kk: v.get(kk) for kk in v if kk != "wrk_output"} if isinstance(v, dict) else v for k, v in out.items()}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    os.makedirs(os.path.join(R.ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(R.ROOT, "bench", "results", "feedback.json"), "w") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)


if __name__ == "__main__":
    main()
