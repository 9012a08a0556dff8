"""Every number of the Quyết định 766 view has the list that gives it (issue 14): GET
/api/v1/kpi/index766 names, beside each numerator, denominator and stock figure, the list route and
query; following it page by page (GET /api/v1/kpi/dossiers, cursor) must give exactly that many
dossiers, procedures or components of dossiers, in every scope. A number the answer leaves without
a list must be one the contract says has none (feedback cases), or the test fails.

The demo desk (seed-demo) drives dossiers through the real use cases over eight weeks ending
2026-04-20; the national portal's simulator (tools/sim/dvcqg) confirms them through the outbox
relay, so the synced numerator is not empty. Runs on the store MOTCUA_TEST_DB names."""
import os
import time
import unittest
import urllib.parse

from harness import Client, account, as_staff, Server
from test_dvcqg import Sim, env_for, wait_for

NOW = "2026-04-20T10:00:00+07:00"
WINDOW = {"from": "2026-02-01", "to": "2026-04-30"}
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}
# Numbers no list stands behind: feedback cases are counted by month in the feedback room's
# counters.
NO_LIST = {"feedback_on_time", "feedback_satisfaction"}
server = sim = monitor = None


def setUpModule():
    global server, sim, monitor
    sim = Sim()
    server = Server()
    server.env.update(env_for(sim))
    sim.start(motcua_url=f"http://127.0.0.1:{server.port}")
    server.setup()
    server.run("seed-demo", "--now", NOW, "--seed", "766", "--scale", os.environ.get("MOTCUA_KPI_SCALE", "1"), "--weeks", "8")
    server.start()
    admin = as_staff(server, "province_admin")
    wait_for(lambda: admin.get("/api/v1/admin/dvcqg/summary")[1]["waiting"] == 0, timeout=240, step=0.5)
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    if server:
        server.stop()
    if sim:
        sim.stop()


def get(client, path, **query):
    status, body, _ = client.get(path + "?" + urllib.parse.urlencode(query))
    return status, body


def walk(client, ref):
    """Every page of the list `ref` names: (the list's total, its items)."""
    items, cursor, total = [], "", None
    for _ in range(500):
        q = dict(ref["query"], limit=200)
        if cursor:
            q["cursor"] = cursor
        status, page = get(client, ref["path"], **q)
        assert status == 200, (ref, page)
        total = page["total"] if total is None else total
        assert page["total"] == total, (ref, "the total moved between pages")
        items += page["items"]
        cursor = page.get("next")
        if not cursor:
            return total, items
    raise AssertionError(f"no end of the list {ref}")


class Lists766(unittest.TestCase):
    def view(self, client=None, **q):
        status, body = get(client or monitor, "/api/v1/kpi/index766", **q)
        self.assertEqual(status, 200, body)
        return body

    def check(self, client, ref, n, what):
        self.assertIsNotNone(ref, what)
        total, items = walk(client, ref)
        self.assertEqual(total, n, what)
        self.assertEqual(len(items), n, what)
        if ref.get("kind") == "components":  # one item per component (of a dossier, by its place)
            self.assertEqual(len({(i["id"], i["component"]) for i in items}), n, what)
        elif ref["path"].endswith("/kpi/dossiers"):  # one item per dossier or procedure
            self.assertEqual(len({i["id"] for i in items}), n, what)
        return items

    def walk_view(self, client, q):
        v = self.view(client, **q)
        seen = {}
        for g in v["groups"]:
            for i in g["indicators"]:
                for part, n in (("numerator", i["numerator"]), ("denominator", i["denominator"])):
                    refs = i["lists"][part]
                    what = (q, i["id"], part)
                    if not i["measured"] or i["id"] in NO_LIST:
                        self.assertEqual(refs, [], what)
                        continue
                    # The number is the sum of its lists' totals (handled_on_time has two a side).
                    self.assertGreater(len(refs), 0, what)
                    counted = 0
                    for ref in refs:
                        total, items = walk(client, ref)
                        self.check(client, ref, total, what)
                        seen[ref["metric"]] = items
                        counted += total
                    self.assertEqual(counted, n, what)
        st = v["stock"]
        for key in ("in_progress", "overdue", "near_due"):
            seen[key] = self.check(client, st["lists"][key], st[key], (q, key))
        for key in ("apologised", "supplement_requested", "received"):
            seen[key] = self.check(client, v["lists"][key], v[key], (q, key))
        return v, seen

    def test_every_number_lists_exactly_its_dossiers(self):
        v, seen = self.walk_view(monitor, dict(scope="province", **WINDOW))
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        # The data is not empty where it matters: a list of nothing would prove nothing.
        for m in ("synced", "received", "resolved", "resolved_not_late", "in_progress", "in_progress_within",
                  "procedures", "procedures_online", "received_of_online", "received_online_of_online"):
            self.assertGreater(len(seen[m]), 0, m)
        self.assertGreater(len(seen["overdue"]) + len(seen["near_due"]), 0)
        # The digitisation group: the desk scans most counter dossiers at reception; the demo
        # looks nobody up in the population database, so every replaceable component is asked.
        for m in ("received_digitised", "components_asked"):
            self.assertGreater(len(seen[m]), 0, m)
        self.assertLess(len(seen["received_digitised"]), len(seen["received"]))
        self.assertLessEqual({d["id"] for d in seen["received_digitised"]}, {d["id"] for d in seen["received"]})
        self.assertLessEqual({d["id"] for d in seen["received"] if d["channel"] == 2},
                             {d["id"] for d in seen["received_digitised"]})  # online: digitised by nature
        self.assertTrue(all(not c["reused"] and c["source"] is None and c["component"] for c in seen["components_asked"]))
        self.assertEqual([r["metric"] for r in ind["data_reused"]["lists"]["denominator"]],
                         ["components_reused", "components_asked"])
        # What a list holds is what its number says: online, not late, within the ones of its denominator.
        self.assertTrue(all(d["channel"] == 2 for d in seen["received_online_of_online"]))
        self.assertTrue(all(d["timeliness"] != "late" for d in seen["resolved_not_late"]))
        self.assertLessEqual({d["id"] for d in seen["synced"]}, {d["id"] for d in seen["received"]})
        self.assertLessEqual({d["id"] for d in seen["in_progress_within"]}, {d["id"] for d in seen["in_progress"]})
        self.assertLessEqual({p["id"] for p in seen["procedures_online"]}, {p["id"] for p in seen["procedures"]})
        self.assertTrue(all(p["online_level"] in ("full", "partial") for p in seen["procedures_online"]))
        self.assertEqual(ind["dossiers_synced"]["lists"]["numerator"][0]["query"]["scope"], "province")
        self.assertEqual([r["metric"] for r in ind["handled_on_time"]["lists"]["numerator"]],
                         ["resolved_not_late", "in_progress_within"])

    def test_every_scope_and_a_past_day(self):
        user, pw, agency = account("leader")
        leader = Client(server)
        leader.login(user, pw)
        self.walk_view(monitor, dict(scope="level:commune", **WINDOW))
        self.walk_view(monitor, dict(scope="province", **MARCH))  # stocks at the close of a past day
        self.walk_view(leader, dict(scope="agency:" + agency, **WINDOW))
        # Partial months (the counters read by day there), and one field: the civil-status
        # procedures hold the components the population database can replace.
        v, seen = self.walk_view(monitor, {"scope": "province", "from": "2026-03-10", "to": "2026-04-15"})
        self.assertGreater(len(seen["components_asked"]) + len(seen["received_digitised"]), 0)
        v, seen = self.walk_view(monitor, {"scope": "province", "field": "Hộ tịch", "from": "2026-02-15", "to": "2026-04-20"})
        self.assertGreater(len(seen["components_asked"]), 0)

    def test_only_the_figures_readers_read_the_lists(self):
        user, pw, agency = account("leader")
        leader = Client(server)
        leader.login(user, pw)
        for metric in ("synced", "procedures_online", "near_due", "paid_online", "received"):
            status, body = get(leader, "/api/v1/kpi/dossiers", metric=metric, scope="province", **WINDOW)
            self.assertEqual(status, 403, (metric, body))
        status, body = get(Client(server), "/api/v1/kpi/dossiers", metric="synced", scope="province", **WINDOW)
        self.assertEqual(status, 401, body)
        status, body = get(monitor, "/api/v1/kpi/dossiers", metric="population_asked", scope="province", **WINDOW)
        self.assertEqual(status, 400, body)
        status, body = get(monitor, "/api/v1/kpi/dossiers", metric="synced", scope="province", cursor="x", **WINDOW)
        self.assertEqual(status, 400, body)
        status, _ = get(monitor, "/api/v1/kpi/stock-dossiers", metric="overdue", scope="province", **WINDOW)
        self.assertEqual(status, 404)


if __name__ == "__main__":
    unittest.main()
