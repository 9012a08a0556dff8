"""Every number of the Quyết định 766 view has the list that gives it (issue 14): GET
/api/v1/kpi/index766 names, beside each numerator, denominator and stock figure, the list route and
query; following it page by page (GET /api/v1/kpi/dossiers, cursor) must give exactly that many
dossiers, procedures, feedback cases or components of dossiers, in every scope. A number the answer
leaves without a list must be one the contract says has none, or the test fails.

The demo desk (seed-demo) drives dossiers through the real use cases over eight weeks ending
2026-04-20; the national portal's simulator (tools/sim/dvcqg) confirms them through the outbox
relay, so the synced and progress_published numerators are not empty. Its applicants pay the one
verified per-case fee (2.000815, chứng thực bản sao) online through VNPay's IPN and rate about half
of the returned dossiers, so the paid and rated lists are not empty either. Every scope is walked:
province, level, an agency read by its leader, a field and a procedure. Feedback cases are filed,
answered (on time, late, twice after a reopening), rated and reopened through the API in the
current month (the server runs on the system clock; a late answer has its case's due instant
moved into the past first), so both feedback indicators are walked on cases counted by hand. Runs
on the store MOTCUA_TEST_DB names."""
import datetime
import os
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

from harness import Client, account, as_staff, logged_in, new_key, Server
from test_dvcqg import Sim, env_for, wait_for

NOW = "2026-04-20T10:00:00+07:00"
WINDOW = {"from": "2026-02-01", "to": "2026-04-30"}
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}
# Numbers no list stands behind: none (an unmeasured indicator has no number).
NO_LIST: set = set()
server = sim = monitor = None


def setUpModule():
    global server, sim, monitor
    sim = Sim()
    server = Server()
    server.env.update(env_for(sim))
    server.env["MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS"] = "1000"  # the feedback cases below
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


def sql(q):
    """Runs statements on the server's store (either engine)."""
    if server.engine == "postgres":
        subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-c", q], check=True, capture_output=True)
        return
    db = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        db.executescript(q)
        db.commit()
    finally:
        db.close()


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


class Walker(unittest.TestCase):
    """Walks every list a view names (no test of its own)."""

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


class Lists766(Walker):
    def test_every_number_lists_exactly_its_dossiers(self):
        v, seen = self.walk_view(monitor, dict(scope="province", **WINDOW))
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        # The data is not empty where it matters: a list of nothing would prove nothing.
        for m in ("synced", "received", "resolved", "resolved_not_late", "in_progress", "in_progress_within",
                  "procedures", "procedures_online", "received_of_online", "received_online_of_online",
                  "progress_published", "progress_due",
                  "paid_online", "received_of_fee", "fee_procedures", "rated", "rated_not_dissatisfied"):
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
        # Progress published: decisions the portal confirmed, of the decided ones (progress_due = resolved).
        self.assertLessEqual({d["id"] for d in seen["progress_published"]}, {d["id"] for d in seen["progress_due"]})
        self.assertEqual({d["id"] for d in seen["progress_due"]}, {d["id"] for d in seen["resolved"]})
        self.assertTrue(all(d["resolved_at"] for d in seen["progress_published"]))
        self.assertLessEqual({p["id"] for p in seen["procedures_online"]}, {p["id"] for p in seen["procedures"]})
        self.assertTrue(all(p["online_level"] in ("full", "partial") for p in seen["procedures_online"]))
        self.assertEqual(ind["dossiers_synced"]["lists"]["numerator"][0]["query"]["scope"], "province")
        # Paid online: dossiers of procedures with a fee, each paid once however many attempts.
        fee_procs = {p["id"] for p in seen["fee_procedures"]}
        self.assertTrue(all(d["procedure_id"] in fee_procs for d in seen["paid_online"]))
        self.assertEqual((ind["dossiers_paid_online"]["numerator"], ind["dossiers_paid_online"]["denominator"]),
                         (len(seen["paid_online"]), len(seen["received_of_fee"])))
        # Rated: some dissatisfied among them, so the satisfied are fewer than the rated.
        happy, rated = {d["id"] for d in seen["rated_not_dissatisfied"]}, {d["id"] for d in seen["rated"]}
        self.assertLess(happy, rated)
        self.assertTrue(all(d["state"] == "returned" for d in seen["rated"]))
        sat = ind["dossier_satisfaction"]
        self.assertTrue(sat["measured"])
        self.assertEqual((sat["numerator"], sat["denominator"]), (len(happy), len(rated)))
        self.assertIsNotNone(sat["points"])
        # The procedures paid for online count only online services with a fee: the seed's one
        # verified per-case fee (2.000815) belongs to a procedure the catalogue does not publish as
        # an online service (online_level "unknown", counter only), so that list is honestly empty
        # (test_kpi_766_paid_rated.py fills it in a test seed).
        paid_procs = self.check(monitor, {"path": "/api/v1/kpi/dossiers",
                                          "query": dict(metric="fee_procedures_paid", scope="province", **WINDOW)},
                                0, "fee_procedures_paid")
        self.assertEqual(paid_procs, [])
        online = {p["id"] for p in seen["procedures_online"]}
        self.assertTrue(all(d["procedure_id"] not in online for d in seen["paid_online"]))
        self.assertEqual([r["metric"] for r in ind["handled_on_time"]["lists"]["numerator"]],
                         ["resolved_not_late", "in_progress_within"])

    def test_public_results_and_the_dashboard_show_the_seeded_ratings(self):
        status, pub, _ = Client(server).get("/api/v1/public/results?period=2026-Q1")
        self.assertEqual(status, 200, pub)
        r = pub["province"]["ratings"]
        self.assertGreater(r["total"], 0)
        self.assertGreater(r["dissatisfied"], 0)
        self.assertAlmostEqual(pub["province"]["satisfaction"], (r["total"] - r["dissatisfied"]) / r["total"], places=3)
        status, s = get(monitor, "/api/v1/kpi/summary", scope="province", **WINDOW)
        self.assertEqual(status, 200, s)
        self.assertGreater(s["ratings"]["total"], r["total"])  # the window is wider than the quarter

    def test_a_seeded_payment_went_through_the_ledger_and_the_dossier(self):
        _, paid = walk(monitor, {"path": "/api/v1/kpi/dossiers",
                                 "query": dict(metric="paid_online", scope="province", **WINDOW)})
        d = paid[0]
        status, v, _ = monitor.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual(status, 200, v)
        done = [p for p in v["items"] if p["state"] == "paid"]
        status, view, _ = monitor.get(f"/api/v1/dossiers/{d['id']}")
        self.assertEqual(status, 200, view)
        # 2.000815's fee is per page: the desk counted 1–4 pages of one copy (2.000 đ a page, 1.000 đ
        # from the third), and that is what was paid.
        asked = [e for e in view["history"] if e["action"] == "request_payment"][-1]["data"]
        self.assertEqual(asked["copies"], 1)
        amount = {1: 2000, 2: 4000, 3: 5000, 4: 6000}[asked["pages"]]
        self.assertEqual(asked["fee"]["amount"], amount)
        self.assertEqual([(p["provider"], p["amount"], p["purpose"]) for p in done], [("vnpay", amount, "agency")])
        self.assertTrue(all(p["state"] in ("paid", "failed") for p in v["items"]))  # nothing left pending
        status, pdf, headers = monitor.get(done[0]["receipt_url"])
        self.assertEqual((status, headers.get("content-type")), (200, "application/pdf"))
        settled = [e for e in view["history"] if e["action"] == "payment_received"]
        self.assertEqual([e["actor"] for e in settled], ["system"])  # moved on by VNPay's IPN, not by hand
        self.assertEqual(settled[0]["data"]["receipt_no"], done[0]["receipt_no"])

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

    def test_a_field_and_a_procedure(self):
        # The catalogue's procedure with the most decisions in the window, and its field: the
        # progress lists (and every other) add up there too.
        v = self.view(monitor, scope="province", **WINDOW)
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        _, decided = walk(monitor, ind["progress_published"]["lists"]["numerator"][0])
        by_proc = {}
        for d in decided:
            by_proc[d["procedure_id"]] = by_proc.get(d["procedure_id"], 0) + 1
        proc = max(sorted(by_proc), key=by_proc.get)
        _, procs = walk(monitor, ind["procedures_online"]["lists"]["denominator"][0])  # the scope's catalogue
        field = next(p["field"] for p in procs if p["id"] == proc)
        for q in (dict(scope="province", field=field), dict(scope="province", procedure=proc)):
            v, seen = self.walk_view(monitor, dict(q, **WINDOW))
            self.assertGreater(len(seen["progress_published"]), 0, q)
            self.assertTrue(all(d["procedure_id"] == proc for d in seen["progress_due"]) or "field" in q, q)

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


class FeedbackLists766(Walker):
    """The two feedback indicators count cases (each once, in the month of its first answer, with
    that answer's timeliness), and their lists are exactly those cases: seven cases, counted by hand."""

    def act(self, client, case, body):
        status, v, _ = client.post(f"/api/v1/feedback/{case}/actions", body)
        self.assertEqual(status, 200, (body, v))
        return v

    def late(self, case):
        """The case's due instant a day ago: its next answer is late (the server runs on the system clock)."""
        sql(f"UPDATE feedback_cases SET due_at = {int(time.time() * 1000) - 86400000} WHERE id = '{case}'")

    def test_feedback_lists_count_each_case_once(self):
        citizen = Client(server)
        citizen.login_citizen("051090007766", "Lê Văn Tám")
        desk = logged_in(server, "tiepnhan.ttphcc")
        stp, commune = logged_in(server, "lanhdao.stp"), logged_in(server, "lanhdao.camthanh")
        cases = {}
        for name, field, agency in (("c1", "Hộ tịch", "stp"), ("c2", "Hộ tịch", "stp"), ("c3", "Hộ tịch", "stp"),
                                    ("c4", "Khác", "stp"), ("c5", "Khác", "stp"), ("c6", "Khác", "ubnd-camthanh"),
                                    ("c7", "Khác", "stp")):
            status, f, _ = citizen.post("/api/v1/feedback", {
                "kind": "phan_anh", "title": f"Phản ánh {name} của ông Lê Văn Tám",
                "content": "Ông Lê Văn Tám phản ánh việc trả kết quả chậm tại bộ phận một cửa.",
                "sender_phone": "0905123456"}, headers={"Idempotency-Key": new_key()})
            self.assertEqual(status, 201, f)
            cases[name] = f["id"]
            self.act(desk, f["id"], {"action": "classify", "field": field, "kind": "phan_anh", "agency_id": agency})
        for client, names in ((stp, ("c1", "c2", "c3", "c4", "c5", "c7")), (commune, ("c6",))):
            me = client.get("/api/v1/auth/me")[1]["user"]["id"]
            for name in names:  # the leader takes the case (a case is assigned before it is answered)
                self.act(client, cases[name], {"action": "assign", "assignee_id": me})
        answer = {"action": "answer", "answer": "Đã kiểm tra và trả lời ông."}
        self.act(stp, cases["c1"], answer)
        self.act(stp, cases["c2"], answer)
        self.late(cases["c3"])
        self.act(stp, cases["c3"], answer)
        v = self.act(stp, cases["c4"], answer)
        self.assertIn(v["timeliness"], ("early", "on_time"))
        self.late(cases["c5"])
        self.act(stp, cases["c5"], answer)
        self.act(commune, cases["c6"], answer)
        for name, score in (("c1", "very_satisfied"), ("c3", "dissatisfied"), ("c5", "satisfied")):
            status, v, _ = citizen.post(f"/api/v1/feedback/{cases[name]}/rating", {"score": score})
            self.assertEqual(status, 200, v)
        # c4: reopened (its first answer rated dissatisfied by it), answered again late, then rated well.
        status, v, _ = citizen.post(f"/api/v1/feedback/{cases['c4']}/reopen", {"reason": "Chưa giải quyết xong."})
        self.assertEqual(status, 200, v)
        self.late(cases["c4"])
        v = self.act(stp, cases["c4"], answer)
        self.assertEqual(v["timeliness"], "late")
        status, v, _ = citizen.post(f"/api/v1/feedback/{cases['c4']}/rating", {"score": "very_satisfied"})
        self.assertEqual(status, 200, v)

        month = v["answered_at"][:7]
        y, m = int(month[:4]), int(month[5:])
        last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).isoformat()
        period = {"from": f"{month}-01", "to": last}
        c = {k: cases[k] for k in cases}
        # By hand: six cases answered (c7 not), c4 once though answered twice; on time c1, c2, c4
        # (its first answer), c6; dissatisfied c3 and c4 (reopened), so the satisfied side is c1,
        # c2, c5, c6.
        for client, scope, field, answered, on_time, happy in (
                (monitor, "province", "", 6, {"c1", "c2", "c4", "c6"}, {"c1", "c2", "c5", "c6"}),
                (stp, "agency:stp", "", 5, {"c1", "c2", "c4"}, {"c1", "c2", "c5"}),
                (monitor, "level:commune", "", 1, {"c6"}, {"c6"}),
                (monitor, "level:province", "", 5, {"c1", "c2", "c4"}, {"c1", "c2", "c5"}),
                (monitor, "province", "Hộ tịch", 3, {"c1", "c2"}, {"c1", "c2"})):
            q = dict(scope=scope, **period)
            if field:
                q["field"] = field
            v, seen = self.walk_view(client, q)
            ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
            what = (scope, field)
            self.assertEqual((ind["feedback_on_time"]["numerator"], ind["feedback_on_time"]["denominator"]),
                             (len(on_time), answered), what)
            self.assertEqual((ind["feedback_satisfaction"]["numerator"], ind["feedback_satisfaction"]["denominator"]),
                             (len(happy), answered), what)
            self.assertEqual([r["metric"] for r in ind["feedback_satisfaction"]["lists"]["numerator"]],
                             ["feedback_answered_not_dissatisfied"])
            self.assertEqual({f["id"] for f in seen["feedback_answered_on_time"]}, {c[k] for k in on_time}, what)
            self.assertEqual({f["id"] for f in seen["feedback_answered_not_dissatisfied"]}, {c[k] for k in happy}, what)
            self.assertNotIn(c["c7"], {f["id"] for f in seen["feedback_answered"]})
            # Pages of two give the same cases.
            ref = ind["feedback_on_time"]["lists"]["denominator"][0]
            self.assertEqual(ref["kind"], "feedback")
            items, cursor = [], ""
            while True:
                status, page = get(client, ref["path"], **dict(ref["query"], limit=2, **({"cursor": cursor} if cursor else {})))
                self.assertEqual(status, 200, page)
                self.assertLessEqual(len(page["items"]), 2)
                items += page["items"]
                cursor = page["next"]
                if not cursor:
                    break
            self.assertEqual([f["id"] for f in items], [f["id"] for f in seen["feedback_answered"]], what)
        row = {f["id"]: f for f in seen["feedback_answered"]}[c["c1"]]
        self.assertEqual((row["field"], row["timeliness"] != "late", row["rating"], row["dissatisfied"]),
                         ("Hộ tịch", True, "very_satisfied", False))
        self.assertNotIn("Lê Văn Tám", row["title"])  # the sender's name is not shown
        # The answers' own counters (the feedback room's figures) count c4's two answers.
        status, fig, _ = stp.get(f"/api/v1/staff/feedback/figures?agency_id=stp&from={month}&to={month}")
        self.assertEqual((status, fig["handled"]), (200, 6), fig)
        # The dashboard's "this month" (up to today) holds the month so far: the same cases.
        today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()
        v, seen = self.walk_view(monitor, {"scope": "province", "from": f"{month}-01", "to": today})
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        self.assertEqual((ind["feedback_satisfaction"]["numerator"], ind["feedback_satisfaction"]["denominator"]), (4, 6))
        # A period of part of a month has no feedback figure and no list.
        status, body = get(monitor, "/api/v1/kpi/dossiers", metric="feedback_answered", scope="province",
                           **{"from": f"{month}-02", "to": last})
        self.assertEqual(status, 400, body)
        # kpi-verify recounts the cases and their counters from the history: no difference.
        def verify():
            out = server.run("kpi-verify", check=False).stdout
            self.assertIn(" 6 phản ánh, kiến nghị đã trả lời;", out)
            self.assertNotIn("phản ánh", "\n".join(x for x in out.splitlines() if x.startswith("LỆCH")).lower(), out)
        verify()
        # Migration 032's backfill (this engine's file) gives the same rows and counters from the history.
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "../../src/store/migrations", server.engine, "032_feedback_answered.sql"),
                  encoding="utf-8") as f:
            script = f.read()
        backfill = script[script.index("INSERT INTO feedback_answered"):]
        sql("DELETE FROM feedback_answered; DELETE FROM feedback_counters WHERE metric LIKE 'case_answered%';" + backfill)
        verify()


if __name__ == "__main__":
    unittest.main()
