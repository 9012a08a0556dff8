"""The Quyết định 766 view and the stocks beside it (issue 14): GET /api/v1/kpi/index766 and
GET /api/v1/kpi/dossiers for the stocks (the lists of every number: test_kpi_766_lists.py).

The demo desk drives dossiers through the real use cases over eight weeks ending 2026-04-20 (as
test_kpi.py). Each indicator's numerator and denominator must be the counters' own figures
(/kpi/summary), the points must follow the rule (full at the target, else in proportion) with
the targets of the version in force on the period's first day, an indicator the data cannot
decide must say "not measured" with no points, and each stock figure of today must list exactly
that many dossiers. Runs on the store MOTCUA_TEST_DB names (sqlite or postgres)."""
import datetime
import os
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
    scale = os.environ.get("MOTCUA_KPI_SCALE", "2")
    server.run("seed-demo", "--now", NOW, "--seed", "766", "--scale", scale, "--weeks", "8")
    print(f"\nseed-demo ({server.engine}): {time.time() - t0:.1f} s")
    server.start()
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    server.stop()


def get(client, path, **query):
    status, body, _ = client.get(path + "?" + urllib.parse.urlencode(query))
    return status, body


def today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()


Q1 = {"from": "2026-01-01", "to": "2026-03-31"}
WINDOW = {"from": "2026-02-01", "to": "2026-04-30"}


class Index766(unittest.TestCase):
    def view(self, client=None, **q):
        status, body = get(client or monitor, "/api/v1/kpi/index766", **q)
        self.assertEqual(status, 200, body)
        return body

    def summary(self, **q):
        status, body = get(monitor, "/api/v1/kpi/summary", **q)
        self.assertEqual(status, 200, body)
        return body

    @staticmethod
    def indicators(v):
        return {i["id"]: i for g in v["groups"] for i in g["indicators"]}

    def test_groups_and_points_follow_the_counters(self):
        for q in (dict(scope="province", **WINDOW), dict(scope="province", **Q1), dict(scope="level:commune", **WINDOW)):
            v = self.view(**q)
            s = self.summary(**q)
            self.assertEqual([g["id"] for g in v["groups"]],
                             ["transparency", "progress", "online", "satisfaction", "digitisation"])
            self.assertEqual(sum(g["max_points"] for g in v["groups"]), 100)
            self.assertEqual(v["total"]["max_points"], 100)
            self.assertFalse(v["rules"]["verified"])
            ind = self.indicators(v)
            self.assertEqual(len(ind), 16)
            for i in ind.values():
                self.assertTrue(i["formula"], i["id"])
                # A value presented as checked names its source (docs/legal_sources.md).
                if i["points_verified"] or i["target_verified"]:
                    self.assertTrue(i["source"], i["id"])
                if i["points"] is not None:
                    # Full at the target, else max × value / target (hundredths).
                    expect = i["max_points"] if i["numerator"] * 1.0 / i["denominator"] >= i["target"] or i["target"] == 0 \
                        else i["max_points"] * (i["numerator"] / i["denominator"]) / i["target"]
                    self.assertAlmostEqual(i["points"], expect, delta=0.006, msg=i["id"])
                    self.assertEqual(i["reached"], i["numerator"] * 10000 >= round(i["target"] * 10000) * i["denominator"])
            # What our data cannot decide is not measured: no value, no points, a reason.
            for k in ("published_on_time",):
                self.assertFalse(ind[k]["measured"], k)
                self.assertIsNone(ind[k]["value"])
                self.assertIsNone(ind[k]["points"])
                self.assertTrue(ind[k]["note"].startswith("Chưa đo"), ind[k]["note"])
            # The counters' own figures.
            # Progress: one ratio of 20 points over the dossiers decided in the period and those
            # still open at its close (QĐ 766 as the stored sources give it).
            r = ind["handled_on_time"]
            self.assertEqual((r["numerator"], r["denominator"]),
                             (s["resolved"]["total"] - s["resolved"]["late"] + s["in_progress"]["within_time"],
                              s["resolved"]["total"] + s["in_progress"]["total"]))
            self.assertGreater(r["denominator"], 0)
            self.assertEqual(r["max_points"], 20)
            self.assertTrue(r["points_verified"])
            self.assertEqual(([x["metric"] for x in r["lists"]["numerator"]], [x["metric"] for x in r["lists"]["denominator"]]),
                             (["resolved_not_late", "in_progress_within"], ["resolved", "in_progress"]))
            self.assertEqual([g["max_points"] for g in v["groups"]], [18, 20, 22, 18, 22])
            self.assertEqual((ind["dossier_satisfaction"]["target"], ind["dossier_satisfaction"]["target_verified"]), (0.9, True))
            self.assertFalse(ind["dossiers_synced"]["points_verified"])
            self.assertEqual(ind["dossiers_synced"]["denominator"], s["received"]["total"])
            self.assertLessEqual(ind["dossiers_synced"]["numerator"], s["received"]["total"])
            # Progress published: over the decided (no portal here: none confirmed).
            pp = ind["progress_published"]
            self.assertTrue(pp["measured"])
            self.assertEqual(pp["denominator"], s["resolved"]["total"])
            self.assertLessEqual(pp["numerator"], pp["denominator"])
            self.assertEqual(([x["metric"] for x in pp["lists"]["numerator"]], [x["metric"] for x in pp["lists"]["denominator"]]),
                             (["progress_published"], ["progress_due"]))
            self.assertEqual((ind["results_electronic"]["numerator"], ind["results_electronic"]["denominator"]),
                             (s["results_electronic"], s["resolved"]["total"]))
            rated = s["ratings"]["total"]
            d = ind["dossier_satisfaction"]
            if rated == 0:
                self.assertEqual(d["note"], "Chưa có đánh giá")
                self.assertIsNone(d["points"])
            else:
                self.assertEqual((d["numerator"], d["denominator"]), (rated - s["ratings"]["dissatisfied"], rated))
            on = ind["online_dossier_share"]
            self.assertLessEqual(on["denominator"], s["received"]["total"])
            self.assertLessEqual(on["numerator"], s["received"]["online"])
            # Totals add up.
            self.assertAlmostEqual(v["total"]["points"], sum(g["points"] for g in v["groups"]), delta=0.001)
            for g in v["groups"]:
                self.assertAlmostEqual(g["points"], sum(i["points"] or 0 for i in g["indicators"]), delta=0.001)
            self.assertEqual(v["apologised"], s["apologised"])
            self.assertEqual(v["stock"]["overdue"], s["in_progress"]["overdue"])
            self.assertEqual(v["stock"]["in_progress"], s["in_progress"]["total"])

    def test_received_figures_read_through_the_month_rollups(self):
        # 26 Feb – 12 Apr reads three February days, March's month rollup and April's days; 5 Mar –
        # 12 Apr reads March's rollup less its first four days. Each piece below is at most half a
        # month, so it reads daily rows only: the per-procedure receptions (online share, fee
        # dossiers) must be the same either way.
        periods = {("2026-02-26", "2026-04-12"): [("2026-02-26", "2026-02-28"), ("2026-03-01", "2026-03-04")],
                   ("2026-03-05", "2026-04-12"): []}
        tail = [("2026-03-05", "2026-03-15"), ("2026-03-16", "2026-03-30"), ("2026-03-31", "2026-03-31"),
                ("2026-04-01", "2026-04-12")]
        keys = (("online_dossier_share", "numerator"), ("online_dossier_share", "denominator"),
                ("dossiers_paid_online", "denominator"), ("dossiers_synced", "numerator"), ("dossiers_synced", "denominator"))
        for scope in ("province", "level:commune"):
            for (lo, hi), head in periods.items():
                whole = self.indicators(self.view(scope=scope, **{"from": lo, "to": hi}))
                parts = [self.indicators(self.view(scope=scope, **{"from": a, "to": b})) for a, b in head + tail]
                for ind, side in keys:
                    self.assertEqual(whole[ind][side], sum(p[ind][side] for p in parts), (scope, lo, ind, side))
                self.assertGreater(whole["online_dossier_share"]["denominator"], 0, scope)
                self.assertGreater(parts[0]["online_dossier_share"]["denominator"], 0, scope)
                used = whole["procedures_with_online_dossiers"]["numerator"]
                self.assertGreaterEqual(used, max(p["procedures_with_online_dossiers"]["numerator"] for p in parts), scope)
                self.assertLessEqual(used, sum(p["procedures_with_online_dossiers"]["numerator"] for p in parts), scope)

    def test_targets_follow_the_period(self):
        late_2024 = self.indicators(self.view(scope="province", **{"from": "2024-10-01", "to": "2024-12-31"}))
        early_2025 = self.indicators(self.view(scope="province", **{"from": "2025-01-01", "to": "2025-03-31"}))
        # One version (2022-06-23): no stored source supports a raise of the targets in 2025, and
        # the portal's formula description still gives 50% (docs/legal_sources.md §1).
        self.assertEqual(late_2024["online_dossier_share"]["target"], 0.5)
        self.assertEqual(early_2025["online_dossier_share"]["target"], 0.5)
        self.assertTrue(early_2025["online_dossier_share"]["target_verified"])
        # An empty period: every measured ratio has nothing to count: no points at all.
        self.assertIsNone(early_2025["handled_on_time"]["points"])
        before = self.view(scope="province", **{"from": "2022-01-01", "to": "2022-03-31"})
        self.assertIsNone(before["rules"])
        self.assertEqual(before["groups"], [])

    def test_feedback_is_measured_on_whole_months_only(self):
        whole = self.indicators(self.view(scope="province", **Q1))
        self.assertTrue(whole["feedback_on_time"]["measured"])
        part = self.indicators(self.view(scope="province", **{"from": "2026-01-05", "to": "2026-03-31"}))
        self.assertFalse(part["feedback_on_time"]["measured"])
        self.assertIn("trọn các tháng", part["feedback_on_time"]["note"])

    def test_near_due_comes_from_the_stock(self):
        seen = 0
        day = datetime.date(2026, 3, 2)
        while day <= datetime.date(2026, 4, 17):
            v = self.view(scope="province", **{"from": "2026-03-01", "to": day.isoformat()})
            st = v["stock"]
            self.assertLessEqual(st["near_due"] + st["overdue"], st["in_progress"], day)
            self.assertGreater(st["near_due_until"], st["at"])
            seen += st["near_due"]
            day += datetime.timedelta(days=5)
        self.assertGreater(seen, 0)

    def test_stock_lists_hold_exactly_the_figure_today_and_on_a_past_day(self):
        for q in ({"scope": "province", "from": "2026-01-01", "to": today()}, dict(scope="province", **Q1)):
            v = self.view(**q)
            for metric, key in (("in_progress", "in_progress"), ("overdue", "overdue"), ("near_due", "near_due")):
                items, cursor = [], ""
                while True:
                    status, page = get(monitor, "/api/v1/kpi/dossiers", metric=metric, limit=200, **q,
                                       **({"cursor": cursor} if cursor else {}))
                    self.assertEqual(status, 200, page)
                    self.assertEqual(page["total"], v["stock"][key], (q, metric))
                    items += page["items"]
                    cursor = page["next"]
                    if not cursor:
                        break
                self.assertEqual(len(items), page["total"], (q, metric))
                self.assertEqual(len({d["id"] for d in items}), page["total"], (q, metric))
            self.assertGreater(v["stock"]["overdue"], 0)
        # The route of the stocks of today only is gone (one list route); an unknown metric is refused.
        status, _ = get(monitor, "/api/v1/kpi/stock-dossiers", metric="overdue", scope="province", **Q1)
        self.assertEqual(status, 404)
        status, body = get(monitor, "/api/v1/kpi/dossiers", metric="nothing", scope="province", **Q1)
        self.assertEqual(status, 400, body)

    def test_apologies_and_supplements_list_exactly_their_entries(self):
        user, pw, agency = account("leader")
        for q in (dict(scope="province", **WINDOW), dict(scope="province", **Q1), dict(scope="level:commune", **WINDOW),
                  dict(scope="agency:" + agency, **WINDOW)):
            s = self.summary(**q)
            for metric in ("apologised", "supplement_requested"):
                status, page = get(monitor, "/api/v1/kpi/event-dossiers", metric=metric, **q)
                self.assertEqual(status, 200, page)
                self.assertEqual(page["total"], s[metric], (q, metric))
                self.assertEqual(len(page["items"]), page["total"], (q, metric))
        s = self.summary(scope="province", **WINDOW)
        self.assertGreater(s["apologised"], 0)
        self.assertGreater(s["supplement_requested"], 0)
        status, body = get(monitor, "/api/v1/kpi/event-dossiers", metric="received", scope="province", **WINDOW)
        self.assertEqual(status, 400, body)

    def test_only_leaders_read_it(self):
        user, pw, agency = account("leader")
        leader = Client(server)
        leader.login(user, pw)
        mine = self.view(leader, scope="agency:" + agency, **Q1)
        self.assertEqual(mine, self.view(scope="agency:" + agency, **Q1))
        status, body = get(leader, "/api/v1/kpi/index766", scope="province", **Q1)
        self.assertEqual(status, 403, body)
        self.assertTrue(body["type"].endswith("kpi_forbidden"), body)
        status, body = get(leader, "/api/v1/kpi/dossiers", scope="province", metric="near_due",
                           **{"from": "2026-01-01", "to": today()})
        self.assertEqual(status, 403, body)
        status, body = get(Client(server), "/api/v1/kpi/index766", scope="province", **Q1)
        self.assertEqual(status, 401, body)


if __name__ == "__main__":
    unittest.main()
