"""Closed months' rollups of the KPI counters (issue 14, migration 025; store/kpi_rollup.h).

The demo desk drives dossiers through the real use cases from late February to 20 April 2026
(crossing the end of the first quarter); the server runs on the system clock, so every one of
those months is closed and the first read builds their rollups. A second server on the same
store with MOTCUA_KPI_ROLLUPS=off answers from the daily rows only (the path before the
rollups). Both must give the same figures — summary, form 06a, drill-down totals, public
results — for periods that start and end inside months, on month and quarter boundaries, and
that cover whole months; and again after a past day's counter was tampered with and repaired.
Runs on the store MOTCUA_TEST_DB names (sqlite or postgres)."""
import copy
import datetime
import os
import sqlite3
import subprocess
import unittest
import urllib.parse

from harness import Client, account, free_port, Server

NOW = "2026-04-20T10:00:00+07:00"
served = None   # reads the rollups
daily = None    # MOTCUA_KPI_ROLLUPS=off: the daily rows only
clients = {}

TODAY = str((datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date())
PERIODS = [
    ("2026-01-01", "2026-03-31"),  # the first quarter: whole months
    ("2026-04-01", "2026-06-30"),  # the second: April, then months without a counter
    ("2026-02-01", "2026-04-30"),
    ("2026-03-15", "2026-04-10"),  # inside two months
    ("2026-02-10", "2026-04-20"),  # a part, a whole month, a part
    ("2026-03-31", "2026-03-31"),  # the quarter's last day
    ("2026-04-01", "2026-04-01"),  # the next quarter's first
    ("2026-03-01", "2026-03-31"),
    ("2026-01-01", "2026-12-31"),  # ends in the open month
    (str(datetime.date.fromisoformat(TODAY) - datetime.timedelta(days=364)), TODAY),
]


def setUpModule():
    global served, daily
    served = Server().setup()
    scale = "2" if served.engine == "postgres" else "3"
    served.run("seed-demo", "--now", NOW, "--seed", "25", "--scale", scale, "--weeks", "8")
    served.start()
    daily = copy.copy(served)
    daily.port = free_port()
    daily.proc = None
    daily.env = dict(served.env, MOTCUA_PORT=str(daily.port), MOTCUA_KPI_ROLLUPS="off")
    daily.start()
    user, pw, _ = account("province_monitor")
    for name, srv in (("served", served), ("daily", daily)):
        clients[name] = Client(srv)
        clients[name].login(user, pw)


def tearDownModule():
    if daily:
        daily.kill()
    served.stop()


def sql(statement):
    """One statement on the shared store; the rows as lists of text."""
    if served.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]
    db = sqlite3.connect(served.db[len("sqlite:"):], timeout=30)
    rows = [[str(v) for v in r] for r in db.execute(statement).fetchall()]
    db.commit()
    db.close()
    return rows


def get(which, path, **query):
    status, body, _ = clients[which].get(path + "?" + urllib.parse.urlencode(query))
    if status != 200:
        raise AssertionError(f"{which} {path} {query} -> {status} {body}")
    return body


class Rollups(unittest.TestCase):
    def both(self, path, **query):
        a, b = get("served", path, **query), get("daily", path, **query)
        self.assertEqual(a, b, f"{path} {query}")
        return a

    def scopes(self):
        agency = sql("SELECT agency_id FROM kpi_daily GROUP BY agency_id ORDER BY SUM(received) DESC, agency_id LIMIT 1")[0][0]
        proc = sql("SELECT procedure_id FROM kpi_daily GROUP BY procedure_id ORDER BY SUM(received) DESC, procedure_id LIMIT 1")[0][0]
        rep = get("daily", "/api/v1/kpi/form06a", scope="province", **{"from": "2026-01-01", "to": "2026-06-30"})
        fields = sorted({line["field"] for line in rep["lines"] if line["field"]})
        self.assertTrue(fields)
        return [{"scope": "province"}, {"scope": "agency:" + agency}, {"scope": "level:commune"},
                {"scope": "level:province"}, {"scope": "province", "field": fields[0]},
                {"scope": "agency:" + agency, "field": fields[0]}, {"scope": "province", "procedure_id": proc}]

    def same_everywhere(self):
        """Every period × scope: summary and form 06a alike on both servers; returns the figures."""
        seen = {}
        for f, t in PERIODS:
            for q in self.scopes():
                s = self.both("/api/v1/kpi/summary", **{"from": f, "to": t}, **q)
                seen[(f, t, tuple(sorted(q.items())))] = s
            rep = self.both("/api/v1/kpi/form06a", scope="province", **{"from": f, "to": t})
            self.assertEqual(rep["problems"], [])
            for metric in ("received_online", "resolved_late"):
                page = self.both("/api/v1/kpi/dossiers", scope="province", metric=metric, limit=1, **{"from": f, "to": t})
                seen[(f, t, metric)] = page["total"]
        for period in ("2026-Q1", "2026-03", "2026-04", "2026"):
            self.both("/api/v1/public/results", period=period)
        return seen

    def test_1_the_closed_months_are_built_and_serve_the_same_figures(self):
        get("served", "/api/v1/kpi/summary", scope="province", **{"from": "2026-01-01", "to": "2026-03-31"})
        through = sql("SELECT built_through FROM kpi_rollup")[0][0]
        self.assertGreaterEqual(through, "2026-04")
        self.assertLess(through, TODAY[:7])  # the open month is never built
        self.assertEqual(sql("SELECT COUNT(*) FROM kpi_month WHERE month = '2026-03'")[0][0],
                         sql("SELECT COUNT(*) FROM (SELECT DISTINCT agency_id, procedure_id, channel FROM kpi_daily"
                             " WHERE day >= '2026-03-01' AND day <= '2026-03-31') x")[0][0])
        seen = self.same_everywhere()
        q1 = seen[("2026-01-01", "2026-03-31", (("scope", "province"),))]
        self.assertGreater(q1["received"]["total"], 100)
        q2 = seen[("2026-04-01", "2026-06-30", (("scope", "province"),))]
        self.assertEqual(q2["carried_over"], q1["in_progress"]["total"])

    def test_2_the_rollups_are_what_is_read(self):
        # A month's sum changed in the rollup only: the served figure moves, the daily one does not.
        period = {"scope": "province", "from": "2026-03-01", "to": "2026-03-31"}
        before = get("daily", "/api/v1/kpi/summary", **period)
        sql("UPDATE kpi_agency_month SET received = received + 5 WHERE month = '2026-03' AND agency_id ="
            " (SELECT MIN(agency_id) FROM kpi_agency_month WHERE month = '2026-03')"
            " AND channel = (SELECT MIN(channel) FROM kpi_agency_month WHERE month = '2026-03')")
        self.assertEqual(get("served", "/api/v1/kpi/summary", **period)["received"]["total"],
                         before["received"]["total"] + 5)
        self.assertEqual(get("daily", "/api/v1/kpi/summary", **period), before)
        r = served.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn("LỆCH: Tổng hợp theo cơ quan tháng 2026-03", r.stdout)
        r = served.run("kpi-verify", "--repair", check=False)
        self.assertIn("Đã ghi lại bộ đếm", r.stdout)
        self.assertEqual(served.run("kpi-verify", check=False).returncode, 0)
        self.assertEqual(get("served", "/api/v1/kpi/summary", **period), before)

    def test_3_after_a_repair_both_paths_agree_again(self):
        original = self.same_everywhere()
        # A past day's counters and stock tampered with: the daily path reads them at once, the
        # built months do not — until kpi-verify --repair rewrites the counters and rebuilds them.
        sql("UPDATE kpi_daily SET resolved_late = resolved_late + 1 WHERE day = "
            "(SELECT MIN(day) FROM kpi_daily WHERE day >= '2026-03-02' AND resolved > 0) AND resolved > 0")
        sql("UPDATE kpi_due SET n = n + 2 WHERE day = (SELECT MIN(day) FROM kpi_due WHERE day >= '2026-03-02')")
        q1 = {"scope": "province", "from": "2026-01-01", "to": "2026-03-31"}
        self.assertNotEqual(get("daily", "/api/v1/kpi/form06a", **q1), get("served", "/api/v1/kpi/form06a", **q1))
        r = served.run("kpi-verify", "--repair", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn("LỆCH: Bộ đếm resolved_late", r.stdout)
        self.assertIn("LỆCH: Tổng hợp tháng 2026-03", r.stdout)  # the built months no longer add up to the days
        self.assertEqual(served.run("kpi-verify", check=False).returncode, 0)
        self.assertGreaterEqual(sql("SELECT built_through FROM kpi_rollup")[0][0], "2026-04")
        self.assertEqual(self.same_everywhere(), original)


if __name__ == "__main__":
    unittest.main()
