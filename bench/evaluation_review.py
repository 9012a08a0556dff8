"""Times the evaluation view and the procedure review on a filled store (docs/performance.md,
"Evaluation and procedure review"). Usage: python3 bench/evaluation_review.py PORT AGENCY_ID..."""
import http.client, json, sys, time, statistics
port = int(sys.argv[1])

def req(method, path, body=None, cookie=None, csrf=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    h = {}
    if body is not None:
        h["Content-Type"] = "application/json"
    if cookie: h["Cookie"] = cookie
    if csrf: h["X-CSRF-Token"] = csrf
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse(); data = r.read()
    ck = None
    for k, v in r.getheaders():
        if k.lower() == "set-cookie": ck = v.split(";", 1)[0]
    return r.status, data, ck

s, d, ck = req("POST", "/api/v1/auth/login", {"username": "giamsat.tinh", "password": "MotCua@2026"})
assert s == 200, d
def timed(path, n=7):
    ts = []
    for _ in range(n):
        t = time.perf_counter(); s, d, _ = req("GET", path, cookie=ck); ts.append((time.perf_counter() - t) * 1000)
        assert s == 200, (path, s, d[:300])
    return statistics.median(ts), max(ts), d
for agency in sys.argv[2:]:
    med, mx, d = timed(f"/api/v1/agencies/{agency}/evaluations/2026-Q3")
    v = json.loads(d)
    print(f"evaluation view {agency} 2026-Q3: resolved {v['figures']['resolved']}, median {med:.1f} ms, max {mx:.1f} ms")
med, mx, d = timed("/api/v1/reviews/procedures?year=2026", 5)
v = json.loads(d)
print(f"review JSON 2026, {len(v['procedures'])} procedures, {sum(p['dossiers']['filed'] for p in v['procedures'])} dossiers: median {med:.1f} ms, max {mx:.1f} ms")
med, mx, d = timed("/api/v1/reviews/procedures.xlsx?year=2026", 5)
print(f"review XLSX 2026 ({len(d)} bytes): median {med:.1f} ms, max {mx:.1f} ms")
