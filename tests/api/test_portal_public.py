"""The portal's public reads (issue 13): the home page's "most used procedures" from real numbers
(dossiers per procedure over the last 12 months, cached: no scan per request), who the published
fees exempt on the procedure page (DOMAIN.md §6), and gzip of API answers for slow networks
(Accept-Encoding honoured, small and non-JSON answers left alone). Run on both stores."""
import gzip
import http.client
import json
import os
import sqlite3
import subprocess
import time
import unittest

from harness import Server, as_staff, intake

server = None


def setUpModule():
    global server
    server = Server()
    server.setup().start()


def tearDownModule():
    server.stop()


def sql(statement, *params):
    if server.engine == "postgres":
        q = statement
        for p in params:
            q = q.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
        subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-q", "-c", q], check=True, capture_output=True)
        return
    with sqlite3.connect(server.db[len("sqlite:"):]) as c:
        c.execute(statement, params)


def raw_get(path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    h = {k.lower(): v for k, v in r.getheaders()}
    conn.close()
    return r.status, body, h


def get_json(path):
    status, body, h = raw_get(path)
    return status, json.loads(body), h


DAY_MS = 86400 * 1000


class MostUsed(unittest.TestCase):
    def test_counts_dossiers_of_the_last_twelve_months_and_caches_them(self):
        reception = as_staff(server, "reception", "commune_committee")
        status, body, _ = reception.get("/api/v1/procedures?agency=" + reception.agency + "&current=1")
        procs = [p for p in body["items"]][:3]
        first, second, third = procs
        made = {p["id"]: [] for p in procs}
        seq = 0
        for p, n in ((first, 3), (second, 2), (third, 1)):
            for _ in range(n):
                seq += 1
                made[p["id"]].append(intake(reception, p["id"], person="05109%07d" % seq)["id"])
        now = int(time.time() * 1000)
        # One of `second`'s dossiers is from five months ago (still counted), one of `first`'s from
        # thirteen months ago (outside the window, not counted).
        sql("UPDATE dossiers SET created_at = ? WHERE id = ?", now - 150 * DAY_MS, made[second["id"]][0])
        sql("UPDATE dossiers SET created_at = ? WHERE id = ?", now - 400 * DAY_MS, made[first["id"]][0])
        status, m, h = get_json("/api/v1/procedures/most-used?limit=8")
        self.assertEqual(status, 200, m)
        self.assertIn("max-age", h["cache-control"])
        got = [(x["national_code"], x["dossiers"]) for x in m["items"]]
        expected = sorted([(first["national_code"], 2), (second["national_code"], 2), (third["national_code"], 1)],
                          key=lambda x: (-x[1], x[0]))
        self.assertEqual(got, expected)
        self.assertEqual(len(m["from_month"]), 7)
        self.assertTrue(m["from_month"] < m["to_month"])
        self.assertEqual(m["items"][0]["name"], next(p["name"] for p in procs if p["national_code"] == got[0][0]))
        # More dossiers this month: the answer is the cached one until the current month is read
        # again (at most every 10 minutes), so no request scans the dossiers.
        for i in range(3):
            intake(reception, third["id"], person="05108%07d" % i)
        status, again, _ = get_json("/api/v1/procedures/most-used?limit=8")
        self.assertEqual([(x["national_code"], x["dossiers"]) for x in again["items"]], got)
        status, one, _ = get_json("/api/v1/procedures/most-used?limit=1")
        self.assertEqual([(x["national_code"], x["dossiers"]) for x in one["items"]], got[:1])
        for bad in ("0", "51", "x", ""):
            status, body, _ = get_json("/api/v1/procedures/most-used?limit=" + bad)
            self.assertEqual(status, 400, body)


class Exemptions(unittest.TestCase):
    def test_the_procedure_page_says_who_the_fees_exempt(self):
        status, p, _ = get_json("/api/v1/procedures/1.001193@v1")
        self.assertEqual(status, 200, p)
        self.assertEqual([(e["code"], e["label"], e["fees"]) for e in p["exemptions"]], [
            ("ho_ngheo", "Hộ nghèo", ["Lệ phí đăng ký khai sinh"]),
            ("nguoi_co_cong", "Gia đình người có công với cách mạng", ["Lệ phí đăng ký khai sinh"]),
            ("nguoi_khuyet_tat", "Người khuyết tật", ["Lệ phí đăng ký khai sinh"])])
        status, p, _ = get_json("/api/v1/procedures/1.004884@v1")
        self.assertEqual(p["exemptions"], [])


class Gzip(unittest.TestCase):
    PATH = "/api/v1/procedures?limit=200"

    def test_a_large_json_answer_is_gzipped_when_the_client_takes_it(self):
        status, plain, h = raw_get(self.PATH)
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        self.assertIn("Accept-Encoding", h.get("vary", ""))
        self.assertGreater(len(plain), 4096)
        status, body, h = raw_get(self.PATH, {"Accept-Encoding": "gzip, deflate, br"})
        self.assertEqual((status, h.get("content-encoding")), (200, "gzip"))
        self.assertEqual(int(h["content-length"]), len(body))
        self.assertLess(len(body), len(plain) // 3)
        self.assertEqual(gzip.decompress(body), plain)
        self.assertIn("Accept-Encoding", h["vary"])
        self.assertTrue(h["content-type"].startswith("application/json"))

    def test_refused_small_or_not_json_stays_identity(self):
        for ae in ("identity", "gzip;q=0", "br", "*;q=0"):
            status, body, h = raw_get(self.PATH, {"Accept-Encoding": ae})
            self.assertNotIn("content-encoding", h, ae)
            json.loads(body)
        status, body, h = raw_get("/api/v1/health", {"Accept-Encoding": "gzip"})  # small
        self.assertNotIn("content-encoding", h)
        status, body, h = raw_get("/tra-cuu", {"Accept-Encoding": "gzip"})  # HTML, not an API answer
        self.assertNotIn("content-encoding", h)
        # A problem+json answer large enough is compressed like any JSON; a HEAD says the same length.
        status, body, h = raw_get(self.PATH, {"Accept-Encoding": "gzip"})
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("HEAD", self.PATH, headers={"Accept-Encoding": "gzip"})
        r = conn.getresponse()
        r.read()
        self.assertEqual((r.getheader("Content-Encoding"), r.getheader("Content-Length")), ("gzip", str(len(body))))
        conn.close()


if __name__ == "__main__":
    unittest.main()
