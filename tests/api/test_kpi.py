"""What leaders see (issue 14): counters kept, not recounted.

The demo desk (app/demo_desk.h) drives a few thousand dossiers through the real use cases on a
manual clock — received at the counter, online and by post, reception and processing supplements
(paused clocks), payments, apologies, withdrawals before and after reception, stops, refusals,
decisions early, on time and late — over eight weeks that cross the end of the first quarter of
2026. Then `motcua kpi-verify` recounts every counter from the dossiers and must find no
difference; the read API must agree with itself (drill-down lists exactly the counted dossiers,
form 06a balances, carried over = in progress the day before), and only leaders and the province
roles read it. Runs on the store MOTCUA_TEST_DB names (sqlite or postgres)."""
import os
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

from harness import Client, Server, account

NOW = "2026-04-20T10:00:00+07:00"
server = None
monitor = None


def setUpModule():
    global server, monitor
    server = Server().setup()
    t0 = time.time()
    # ~360 dossiers a scale step; PostgreSQL commits each use case more slowly, so fewer there.
    scale = os.environ.get("MOTCUA_KPI_SCALE", "3" if server.engine == "postgres" else "5")
    out = server.run("seed-demo", "--now", NOW, "--seed", "14", "--scale", scale, "--weeks", "8")
    print(f"\nseed-demo ({server.engine}): {time.time() - t0:.1f} s — {out.stdout.strip().splitlines()[0]}")
    server.start()
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    server.stop()


def sql(statement):
    """Runs one statement on the server's store (to tamper with a counter)."""
    if server.engine == "postgres":
        subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                       check=True, capture_output=True)
    else:
        db = sqlite3.connect(server.db[len("sqlite:"):], timeout=30)
        db.execute(statement)
        db.commit()
        db.close()


def get(client, path, **query):
    status, body, _ = client.get(path + "?" + urllib.parse.urlencode(query))
    return status, body


class Recount(unittest.TestCase):
    def test_1_recount_from_the_dossiers_finds_no_difference(self):
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr)
        self.assertIn("0 chỗ lệch", r.stdout)
        n = int(r.stdout.split("Đã đếm lại ")[1].split(" ")[0])
        self.assertGreaterEqual(n, 1000)

    def test_9_a_tampered_counter_is_named_then_repaired(self):
        sql("UPDATE kpi_daily SET resolved_late = resolved_late + 1 WHERE day = "
            "(SELECT MIN(day) FROM kpi_daily WHERE resolved > 0) AND resolved > 0")
        sql("UPDATE kpi_due SET n = n + 2 WHERE day = (SELECT MAX(day) FROM kpi_due)")
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn("LỆCH: Bộ đếm resolved_late", r.stdout)
        self.assertIn("LỆCH: Tồn theo hạn", r.stdout)
        r = server.run("kpi-verify", "--repair", check=False)
        self.assertEqual(r.returncode, 3)
        self.assertIn("Đã ghi lại bộ đếm", r.stdout)
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])


class ReadApi(unittest.TestCase):
    PERIODS = [("2026-03-01", "2026-03-31"), ("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30"),
               ("2026-03-16", "2026-04-12"), ("2025-01-01", "2025-12-31")]

    def summary(self, client=None, **q):
        status, body = get(client or monitor, "/api/v1/kpi/summary", **q)
        self.assertEqual(status, 200, body)
        return body

    def test_stocks_chain_from_one_period_to_the_next(self):
        # Carried over into Q2 = in progress at the close of Q1; balance inside each period.
        q1 = self.summary(scope="province", **{"from": "2026-01-01", "to": "2026-03-31"})
        q2 = self.summary(scope="province", **{"from": "2026-04-01", "to": "2026-06-30"})
        self.assertEqual(q2["carried_over"], q1["in_progress"]["total"])
        self.assertGreater(q1["in_progress"]["total"], 0)
        self.assertGreater(q2["resolved"]["late"], 0)
        self.assertGreater(q1["apologised"] + q2["apologised"], 0)
        for s in (q1, q2):
            self.assertEqual(s["carried_over"] + s["received"]["total"],
                             s["resolved"]["total"] + s["closed_undecided"] + s["in_progress"]["total"])
            self.assertEqual(s["received"]["total"], s["received"]["counter"] + s["received"]["online"] + s["received"]["post"])
            self.assertEqual(s["in_progress"]["total"], s["in_progress"]["within_time"] + s["in_progress"]["overdue"])
        # An empty period: nothing received, nothing carried, no rates.
        empty = self.summary(scope="province", **{"from": "2025-01-01", "to": "2025-12-31"})
        self.assertEqual((empty["received"]["total"], empty["carried_over"], empty["in_progress"]["total"]), (0, 0, 0))
        self.assertIsNone(empty["on_time_rate"])
        self.assertEqual(empty["ratings"]["note"], "Chưa có đánh giá")

    def test_form06a_balances_in_every_period(self):
        for f, t in self.PERIODS:
            status, rep = get(monitor, "/api/v1/kpi/form06a", scope="province", **{"from": f, "to": t})
            self.assertEqual(status, 200, rep)
            self.assertEqual(rep["problems"], [], (f, t))
            tot = rep["total"]
            s = self.summary(scope="province", **{"from": f, "to": t})
            self.assertEqual(tot["received"], s["received"]["total"] + s["carried_over"])
            self.assertEqual(tot["resolved_late"], s["resolved"]["late"])
            self.assertEqual(tot["in_progress_overdue"], s["in_progress"]["overdue"])
            self.assertEqual(sum(l["received_online"] for l in rep["lines"]), s["received"]["online"])

    def test_drill_down_lists_exactly_the_counted_dossiers(self):
        period = {"from": "2026-03-01", "to": "2026-04-20"}
        for metric in ("received_post", "resolved_late", "resolved_on_time"):
            ids, cursor = [], None
            while True:
                q = dict(period, scope="province", metric=metric, limit="7")
                if cursor:
                    q["cursor"] = cursor
                status, page = get(monitor, "/api/v1/kpi/dossiers", **q)
                self.assertEqual(status, 200, page)
                ids += [d["id"] for d in page["items"]]
                cursor = page["next"]
                if not cursor:
                    break
            self.assertGreater(len(ids), 7, metric)
            self.assertEqual(len(ids), len(set(ids)), metric)
            self.assertEqual(len(ids), page["total"], metric)

    def test_an_agency_leader_reads_their_agency_only(self):
        user, pw, agency = account("leader")
        leader = Client(server)
        leader.login(user, pw)
        period = {"from": "2026-03-01", "to": "2026-04-20"}
        mine = self.summary(leader, scope="agency:" + agency, **period)
        self.assertEqual(mine, self.summary(scope="agency:" + agency, **period))
        for scope in ("province", "level:commune", "agency:ubnd-tinh-khong-phai" if agency == "x" else "agency:x" + agency):
            status, body = get(leader, "/api/v1/kpi/summary", scope=scope, **period)
            self.assertEqual(status, 403, (scope, body))
            self.assertTrue(body["type"].endswith("kpi_forbidden"), body)
        user, pw, agency = account("specialist")
        spec = Client(server)
        spec.login(user, pw)
        status, body = get(spec, "/api/v1/kpi/summary", scope="agency:" + agency, **period)
        self.assertEqual(status, 403, body)
        status, body = get(Client(server), "/api/v1/kpi/summary", scope="province", **period)
        self.assertEqual(status, 401, body)

    def test_bad_queries_are_refused_with_the_field(self):
        for q in ({"from": "2026-13-01", "to": "2026-04-01"}, {"from": "2026-04-02", "to": "2026-04-01"},
                  {"from": "2026-01-01", "to": "2026-04-01", "scope": "city"}):
            status, body = get(monitor, "/api/v1/kpi/summary", **q)
            self.assertEqual(status, 400, (q, body))
        status, body = get(monitor, "/api/v1/kpi/dossiers", metric="apologised", **{"from": "2026-01-01", "to": "2026-04-01"})
        self.assertEqual(status, 400, body)

    def test_level_and_field_scopes_add_up_to_the_province(self):
        period = {"from": "2026-01-01", "to": "2026-04-20"}
        prov = self.summary(scope="province", **period)
        total = 0
        for level in ("province", "district", "commune"):
            total += self.summary(scope="level:" + level, **period)["received"]["total"]
        # Agencies with no unit (if any) belong to no level: never more than the province.
        self.assertLessEqual(total, prov["received"]["total"])
        status, rep = get(monitor, "/api/v1/kpi/form06a", scope="province", **period)
        fields = {l["field"] for l in rep["lines"]}
        by_field = sum(self.summary(scope="province", field=f, **period)["received"]["total"] for f in fields)
        self.assertEqual(by_field, prov["received"]["total"])


if __name__ == "__main__":
    unittest.main()
