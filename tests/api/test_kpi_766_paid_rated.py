"""Paid online and rated, counted by hand (issue 14): the Quyết định 766 numbers and their lists for a
small scenario whose answer is known, beside the seeded walk of test_kpi_766_lists.py (which checks
that every list holds its number, not that the number is right).

This test's seed gives one procedure a verified fee of 30,000 đồng at reception and publishes it as
a full online service (the demo catalogue has no such procedure: see test_kpi_766_lists.py). Three
citizens file it online at Cẩm Thành today and pay through the VNPay simulator (tools/sim/vnpay,
its IPN to our server): A pays, B cancels once and then pays, C cancels and never pays. All three
are received, decided and returned; A rates very satisfied, B satisfied, C dissatisfied.
Runs on SQLite and PostgreSQL (MOTCUA_TEST_DB)."""
import json
import os
import shutil
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from harness import SEED, Client, Server, account, act, as_staff, decide, today_vn  # noqa: E402
from test_payments import Sim  # noqa: E402

FEE_PROC = "1.004884@v1"
AGENCY = "ubnd-camthanh"
FEE = 30000
SECRET = "vnpay-766-secret"
server = vnpay = monitor = None


def fee_seed():
    d = tempfile.mkdtemp(prefix="motcua-766-paid-")
    dst = os.path.join(d, "seed")
    shutil.copytree(SEED, dst)
    path = os.path.join(dst, "procedures.json")
    with open(path, encoding="utf-8") as f:
        procs = json.load(f)
    for p in procs:
        if p["id"] == FEE_PROC:
            p["online_level"] = "full"
            p["fees"] = [{"code": "LP01", "name": "Lệ phí thử nghiệm", "amount_vnd": FEE, "collected_at": "reception",
                          "verified": True, "note": "test seed"}]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(procs, f, ensure_ascii=False)
    return dst


def setUpModule():
    global server, vnpay, monitor
    server = Server()
    vnpay = Sim("vnpay", ["--secret", SECRET, "--tmn-code", "MOTCUA01",
                          "--ipn-url", f"http://127.0.0.1:{server.port}/api/v1/payments/vnpay/ipn"])
    server.env.update({
        "MOTCUA_SEED_DIR": fee_seed(),
        "MOTCUA_PUBLIC_URL": f"http://127.0.0.1:{server.port}",
        "MOTCUA_VNPAY_URL": vnpay.base + "/paymentv2/vpcpay.html",
        "MOTCUA_VNPAY_API_URL": vnpay.base + "/merchant_webapi/api/transaction",
        "MOTCUA_VNPAY_TMN_CODE": "MOTCUA01", "MOTCUA_VNPAY_SECRET": SECRET,
    })
    server.setup().start()
    monitor = Client(server)
    user, pw, _ = account("province_monitor")
    monitor.login(user, pw)


def tearDownModule():
    if server:
        server.stop()
    if vnpay:
        vnpay.stop()


def get(client, path, **query):
    status, body, _ = client.get(path + "?" + urllib.parse.urlencode(query))
    assert status == 200, (path, query, body)
    return body


def wait_paid(c, dossier_id, n):
    deadline = time.time() + 15
    while time.time() < deadline:
        status, v, _ = c.get(f"/api/v1/dossiers/{dossier_id}/payments")
        assert status == 200, v
        if sum(p["state"] == "paid" for p in v["items"]) == n and all(p["state"] != "pending" for p in v["items"]):
            return v["items"]
        time.sleep(0.1)
    raise AssertionError(f"payments of {dossier_id} did not settle")


def pay(c, dossier_id, outcome):
    """The citizen starts a VNPay payment and clicks on the simulator's page; its IPN reaches us."""
    status, p, _ = c.post(f"/api/v1/dossiers/{dossier_id}/payments", {"provider": "vnpay"})
    assert status == 201, p
    vnpay.get(p["payment_url"][len(vnpay.base):])
    vnpay.post("/_control/pay", {"order_ref": p["order_ref"], "outcome": outcome})


class PaidAndRated(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reception = as_staff(server, "reception", agency=AGENCY)
        specialist = as_staff(server, "specialist", agency=AGENCY)
        cls.ids = {}
        for i, (who, outcomes, score) in enumerate((("A", ["success"], "very_satisfied"),
                                                    ("B", ["cancel", "success"], "satisfied"),
                                                    ("C", ["cancel"], "dissatisfied"))):
            c = Client(server)
            c.login_citizen(f"0510{os.getpid() % 10000:04d}{i:04d}", "Công dân " + who)
            status, d, _ = c.post("/api/v1/dossiers", {
                "procedure_id": FEE_PROC, "channel": 2, "receiving_agency_id": AGENCY,
                "applicant": {"kind": "citizen", "full_name": "Công dân " + who, "phone": "0905123456"}})
            assert status == 201, d
            for outcome in outcomes:
                pay(c, d["id"], outcome)
            wait_paid(c, d["id"], outcomes.count("success"))
            for client, action, fields in ((reception, "receive", {}), (specialist, "start_processing", {})):
                status, body, _ = act(client, d["id"], action, **fields)
                assert status == 200, (action, body)
            status, body, _ = decide(server, d["id"])
            assert status == 200, body
            status, body, _ = act(reception, d["id"], "return_result", return_method="counter",
                                  received_by="Công dân " + who)
            assert status == 200, body
            status, body, _ = c.post(f"/api/v1/me/dossiers/{d['id']}/rating", {"score": score})
            assert status == 201, body
            cls.ids[who] = d["id"]
        cls.q = dict(scope="agency:" + AGENCY, **{"from": today_vn(), "to": today_vn()})

    def walk(self, metric):
        items, cursor = [], ""
        while True:
            page = get(monitor, "/api/v1/kpi/dossiers", metric=metric, limit=2, **self.q, **({"cursor": cursor} if cursor else {}))
            items += page["items"]
            cursor = page.get("next")
            if not cursor:
                return page["total"], items

    def test_the_numbers(self):
        v = get(monitor, "/api/v1/kpi/index766", **self.q)
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        pair = lambda k: (ind[k]["numerator"], ind[k]["denominator"])  # noqa: E731
        self.assertEqual(pair("dossiers_paid_online"), (2, 3))      # A and B paid; C only cancelled
        self.assertEqual(pair("payment_with_transactions"), (1, 1))  # the one online service with a fee
        self.assertEqual(pair("dossier_satisfaction"), (2, 3))      # C dissatisfied
        self.assertAlmostEqual(ind["dossier_satisfaction"]["value"], 2 / 3, places=4)
        s = get(monitor, "/api/v1/kpi/summary", **self.q)
        self.assertEqual((s["ratings"]["very_satisfied"], s["ratings"]["satisfied"], s["ratings"]["dissatisfied"],
                          s["ratings"]["total"]), (1, 1, 1, 3))

    def test_the_lists_hold_exactly_those_dossiers(self):
        a, b, c = self.ids["A"], self.ids["B"], self.ids["C"]
        for metric, want in (("paid_online", {a, b}), ("received_of_fee", {a, b, c}), ("rated", {a, b, c}),
                             ("rated_not_dissatisfied", {a, b})):
            total, items = self.walk(metric)
            self.assertEqual(total, len(want), metric)
            self.assertEqual({i["id"] for i in items}, want, metric)
            self.assertEqual(len(items), len(want), metric)
        total, items = self.walk("fee_procedures_paid")
        self.assertEqual((total, [p["id"] for p in items]), (1, [FEE_PROC]))

    def test_public_results_show_the_satisfaction(self):
        day = today_vn()
        status, pub, _ = Client(server).get(f"/api/v1/public/results?period={day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}")
        self.assertEqual(status, 200, pub)
        row = next(r for r in pub["agencies"] if r["agency_id"] == AGENCY)
        self.assertEqual(row["ratings"], {"very_satisfied": 1, "satisfied": 1, "dissatisfied": 1, "total": 3})
        self.assertAlmostEqual(row["satisfaction"], 2 / 3, places=4)
        self.assertEqual((row["received"], row["received_online"]), (3, 3))


if __name__ == "__main__":
    unittest.main()
