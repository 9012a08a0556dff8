"""Where dossiers wait (issue 14): working time per process step and per agency.

The demo desk drives dossiers through the real use cases over eight weeks that cross the end of
the first quarter of 2026 (handovers, supplements that pause the clock, decisions, returns). Each
control-sheet step left is counted in kpi_step in the same transaction; here the read API must
agree with itself (per step = per agency = total; the quarters add up to the half-year, a step
crossing the quarter counted once, on the day it was left), `kpi-verify` must recount the same
figures from the control sheets and history, name a tampered row and repair it, and a live
dossier's steps must move the counters by exactly the steps it left. The working-minute formulas
themselves are checked against hand-computed cases in src/domain/kpi/step_time_test.cc.
Runs on the store MOTCUA_TEST_DB names (sqlite or postgres)."""
import os
import sqlite3
import subprocess
import unittest
import urllib.parse

from harness import Client, Server, account, act, as_staff, decide, intake, long_procedure_for, today_vn

NOW = "2026-04-20T10:00:00+07:00"
server = None
monitor = None


def setUpModule():
    global server, monitor
    server = Server().setup()
    server.run("seed-demo", "--now", NOW, "--seed", "26", "--scale", "1", "--weeks", "8")
    server.start()
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    server.stop()


def sql(statement):
    if server.engine == "postgres":
        subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                       check=True, capture_output=True)
    else:
        db = sqlite3.connect(server.db[len("sqlite:"):], timeout=30)
        db.execute(statement)
        db.commit()
        db.close()


def steps(client=None, expect=200, **q):
    status, body, _ = (client or monitor).get("/api/v1/kpi/steps?" + urllib.parse.urlencode(q))
    assert status == expect, (status, body)
    return body


def period(f, t, **q):
    return steps(**q, **{"from": f, "to": t})


class StepTimes(unittest.TestCase):
    def check_consistent(self, b):
        tot = b["total"]
        self.assertEqual(sum(x["n"] for x in b["by_step"]), tot["n"])
        self.assertEqual(sum(x["n"] for x in b["by_agency"]), tot["n"])
        self.assertEqual(sum(x["minutes"] for x in b["by_step"]), tot["minutes"])
        self.assertEqual(sum(x["minutes"] for x in b["by_agency"]), tot["minutes"])
        for x in b["by_step"] + b["by_agency"] + [tot]:
            self.assertEqual(sum(x["histogram"]), x["n"])
            self.assertEqual(len(x["histogram"]), len(b["buckets"]))
            if x["n"]:
                self.assertAlmostEqual(x["mean_minutes"], x["minutes"] / x["n"])
                lo, hi = x["median_bucket"]["from"], x["median_bucket"]["to"]
                self.assertGreaterEqual(x["median_minutes"], lo)
                if hi is not None:
                    self.assertLess(x["median_minutes"], hi)
            else:
                self.assertIsNone(x["mean_minutes"])
                self.assertIsNone(x["median_minutes"])

    def test_1_quarters_add_up_and_every_view_agrees(self):
        q1 = period("2026-01-01", "2026-03-31")
        q2 = period("2026-04-01", "2026-06-30")
        half = period("2026-01-01", "2026-06-30")
        for b in (q1, q2, half):
            self.check_consistent(b)
        self.assertGreater(q1["total"]["n"], 0)
        self.assertGreater(q2["total"]["n"], 0)
        self.assertEqual(q1["total"]["n"] + q2["total"]["n"], half["total"]["n"])
        self.assertEqual(q1["total"]["minutes"] + q2["total"]["minutes"], half["total"]["minutes"])
        # The decision step (the leader's) is among the steps, with a Vietnamese role name.
        roles = {x["role"]: x["role_name"] for x in half["by_step"]}
        self.assertIn("leader", roles)
        self.assertEqual(roles["leader"], "Lãnh đạo cơ quan")
        # Some steps took working time (the demo's days pass on its clock).
        self.assertGreater(half["total"]["minutes"], 0)
        # An empty period: nothing, no mean.
        empty = period("2025-01-01", "2025-12-31")
        self.assertEqual(empty["total"]["n"], 0)
        self.assertEqual(empty["by_step"], [])
        self.assertIsNone(empty["total"]["mean_minutes"])

    def test_2_agencies_add_up_to_the_province(self):
        half = period("2026-01-01", "2026-06-30")
        total = 0
        # Each dossier counts under its competent agency: the agency scopes partition the province.
        status, body, _ = monitor.get("/api/v1/agencies")
        self.assertEqual(status, 200, body)
        items = body["items"] if isinstance(body, dict) else body
        for ag in items:
            b = period("2026-01-01", "2026-06-30", scope="agency:" + ag["id"])
            self.check_consistent(b)
            total += b["total"]["n"]
        self.assertEqual(total, half["total"]["n"])

    def test_3_recount_finds_no_difference(self):
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr)
        self.assertIn("0 chỗ lệch", r.stdout)
        self.assertNotIn(" 0 dòng thời gian theo bước", r.stdout)

    def test_4_a_live_dossier_moves_the_counters_by_the_steps_it_left(self):
        agency = "ubnd-camthanh"
        officer = as_staff(server, "reception", agency=agency)
        proc = long_procedure_for(officer, agency)
        day = today_vn()
        before = period(day, day, scope="agency:" + agency)
        d = intake(officer, proc)
        status, d, _ = act(as_staff(server, "specialist", agency=agency), d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        status, view, _ = decide(server, d["id"])
        self.assertEqual(status, 200, view)
        after = period(day, day, scope="agency:" + agency)
        status, view, _ = monitor.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, view)
        left = [s for s in view["control_sheet"] if s["finished_at"] is not None][1:]  # reception: not a wait
        self.assertGreaterEqual(len(left), 2)
        self.assertEqual(after["total"]["n"] - before["total"]["n"], len(left))
        # The dossier's leader step is now counted under the leader's role.
        lead = lambda b: sum(x["n"] for x in b["by_step"] if x["role"] == "leader")
        self.assertEqual(lead(after) - lead(before), sum(1 for s in left if s["role"] == "leader"))
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:])

    def test_5_who_may_read(self):
        clerk = as_staff(server, "specialist", agency="ubnd-camthanh")
        steps(clerk, expect=403, **{"from": "2026-01-01", "to": "2026-03-31"})
        anon = Client(server)
        steps(anon, expect=401, **{"from": "2026-01-01", "to": "2026-03-31"})
        b = steps(expect=400, **{"from": "2026-04-01", "to": "2026-03-31"})
        self.assertEqual(b["status"], 400)
        self.assertIn("Ngày kết thúc", b["detail"])

    def test_9_a_tampered_row_is_named_then_repaired(self):
        sql("UPDATE kpi_step SET n = n + 1, h0 = h0 + 1 WHERE day = (SELECT MIN(day) FROM kpi_step)")
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn("LỆCH: Thời gian theo bước", r.stdout)
        r = server.run("kpi-verify", "--repair", check=False)
        self.assertEqual(r.returncode, 3)
        self.assertIn("Đã ghi lại bộ đếm", r.stdout)
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])


class PastStocks(unittest.TestCase):
    """In progress / overdue at the close of any past day: the list holds exactly the dossiers the
    counters count (GET /api/v1/kpi/dossiers, metric in_progress / overdue)."""

    def walk(self, metric, day, limit=37, **q):
        items, cursor, total = [], None, None
        for _ in range(200):
            query = dict(metric=metric, limit=limit, **{"from": day, "to": day}, **q)
            if cursor:
                query["cursor"] = cursor
            status, body, _ = monitor.get("/api/v1/kpi/dossiers?" + urllib.parse.urlencode(query))
            self.assertEqual(status, 200, body)
            total = body["total"] if total is None else total
            self.assertEqual(body["total"], total)
            self.assertLessEqual(len(body["items"]), limit)
            items += body["items"]
            cursor = body["next"]
            if not cursor:
                break
        return total, items

    def test_lists_hold_exactly_the_counted_dossiers(self):
        checked = 0
        for day in ("2026-03-02", "2026-03-20", "2026-03-31", "2026-04-10"):
            status, s, _ = monitor.get("/api/v1/kpi/summary?" + urllib.parse.urlencode({"from": day, "to": day}))
            self.assertEqual(status, 200, s)
            end = day + "T23:59:59+07:00"
            for metric, figure in (("in_progress", s["in_progress"]["total"]), ("overdue", s["in_progress"]["overdue"])):
                total, items = self.walk(metric, day)
                self.assertEqual(total, figure, (day, metric))
                self.assertEqual(len(items), figure, (day, metric))
                self.assertEqual(len({d["id"] for d in items}), len(items))
                for d in items:
                    # Received by the close of the day, not decided by then.
                    self.assertIsNotNone(d["received_at"])
                    self.assertLessEqual(d["received_at"][:10], day)
                    if d["resolved_at"]:
                        self.assertGreater(d["resolved_at"][:10], day)
                checked += figure
        self.assertGreater(checked, 0)

    def test_an_agency_scope_and_a_bad_metric(self):
        day = "2026-03-31"
        status, body, _ = monitor.get("/api/v1/agencies")
        items = body["items"] if isinstance(body, dict) else body
        province, _ = self.walk("in_progress", day, limit=200)
        n = 0
        for ag in items:
            total, listed = self.walk("in_progress", day, limit=200, scope="agency:" + ag["id"])
            self.assertEqual(len(listed), total)
            self.assertTrue(all(d["agency_id"] == ag["id"] for d in listed))
            n += total
        self.assertEqual(n, province)
        status, body, _ = monitor.get("/api/v1/kpi/dossiers?metric=stock&from=2026-03-31&to=2026-03-31")
        self.assertEqual(status, 400, body)
        # One list route for every number (issue 14): an id no number names is refused as such.
        self.assertEqual(body["detail"], "Chỉ tiêu (metric) không có danh sách: hãy dùng mã danh sách mà GET /api/v1/kpi/index766 ghi bên mỗi số")
        for cursor in ("x", "ag|abc|id|0", "ag|1|id|-1", "|1|id|0"):
            status, body, _ = monitor.get("/api/v1/kpi/dossiers?" + urllib.parse.urlencode(
                {"metric": "in_progress", "from": day, "to": day, "cursor": cursor}))
            self.assertEqual(status, 400, (cursor, body))
            self.assertEqual(body["detail"], "Con trỏ trang không hợp lệ")


class EvaluationFromCounters(unittest.TestCase):
    """The quarterly evaluation reads its decisions from the counters (migration 026) and the rest
    from the agency's dossier range: for the demo's first quarter (its last weeks), every agency's
    figures equal the dashboard's for the same agency and quarter, and both parts agree."""

    def test_each_agencys_quarter_matches_the_counters(self):
        status, body, _ = monitor.get("/api/v1/agencies")
        items = body["items"] if isinstance(body, dict) else body
        seen = 0
        for ag in items:
            status, s, _ = monitor.get("/api/v1/kpi/summary?" + urllib.parse.urlencode(
                {"scope": "agency:" + ag["id"], "from": "2026-01-01", "to": "2026-03-31"}))
            self.assertEqual(status, 200, s)
            status, v, _ = monitor.get(f"/api/v1/agencies/{ag['id']}/evaluations/2026-Q1")
            if status == 404:
                continue  # an agency the evaluation does not cover
            self.assertEqual(status, 200, v)
            f = v["figures"]
            r = s["resolved"]
            self.assertEqual((f["resolved"], f["on_time"], f["late"]), (r["total"], r["on_time"], r["late"]), ag["id"])
            self.assertEqual(f["early"] + f["on_time"] + f["late"], f["resolved"])
            # The dossier range's part counts the same dossiers.
            self.assertEqual(f["units_early"] + f["units_on_time"] + f["units_late"], f["resolved"], ag["id"])
            self.assertEqual(f["contacts_1"] + f["contacts_2"] + f["contacts_3"], f["resolved"], ag["id"])
            seen += f["resolved"]
        self.assertGreater(seen, 0)


if __name__ == "__main__":
    unittest.main()
