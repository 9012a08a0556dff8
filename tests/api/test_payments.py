"""Payments of dossier fees through the simulated national payment platform and VNPay.

Starts its own simulators (tools/sim/paygov, tools/sim/vnpay) on loopback and a server whose seed
gives one procedure a verified fee (the demo seed has no verified per-case fee above zero).
Runs on SQLite and PostgreSQL (MOTCUA_TEST_DB), like every API test.
"""
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import http.client

sys.path.insert(0, os.path.dirname(__file__))
from harness import ROOT, SEED, Client, Server, act, as_staff, free_port, intake, today_vn  # noqa: E402

PAID_PROC = "1.004884@v1"        # given a verified fee of 50,000 đồng at reception in this test's seed
UNVERIFIED_PROC = "1.005461@v1"  # its seed fee is unverified: never charged automatically
EXEMPT_PROC = "1.004746@v1"      # given two verified fees in this test's seed, one waived for poor households
PAGE_PROC = "2.000815@v1"        # the seed's certified copy: 2.000 đ a page, 1.000 đ from the third, ≤ 200.000 đ a copy
AGENCY = "ubnd-camthanh"
FEE = 50000
PG_SECRET, VNP_SECRET = "paygov-test-secret", "vnpay-test-secret"

server = paygov = vnpay = None
_seq = [0]


class Sim:
    def __init__(self, name, args):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "tools", "sim", name, "server.py"),
                                      "--port", str(self.port), *args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                self.get("/")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(name + " simulator did not start")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def get(self, path):
        with urllib.request.urlopen(self.base + path, timeout=10) as r:
            return r.read()

    def post(self, path, obj):
        req = urllib.request.Request(self.base + path, data=json.dumps(obj).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    def control(self, **kw):
        base = {"behaviour": "success", "tamper": "checksum", "repeat": 100, "late_ms": 800, "init": "ok"}
        base.update(kw)
        return self.post("/_control", base)

    def log(self):
        return json.loads(self.get("/_control/log"))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def test_seed():
    d = tempfile.mkdtemp(prefix="motcua-pay-seed-")
    dst = os.path.join(d, "seed")
    shutil.copytree(SEED, dst)
    path = os.path.join(dst, "procedures.json")
    with open(path, encoding="utf-8") as f:
        procs = json.load(f)
    for p in procs:
        if p["id"] == PAID_PROC:
            p["fees"] = [{"code": "LP01", "name": "Lệ phí thử nghiệm", "amount_vnd": FEE, "collected_at": "reception",
                          "verified": True, "note": "test seed"}]
        if p["id"] == EXEMPT_PROC:
            p["fees"] = [{"code": "LP01", "name": "Lệ phí đăng ký lại kết hôn", "amount_vnd": 30000,
                          "collected_at": "reception", "verified": True, "exempt_for": ["ho_ngheo", "nguoi_co_cong"]},
                         {"code": "LP02", "name": "Phí cấp bản sao", "amount_vnd": 10000, "collected_at": "result",
                          "verified": True}]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(procs, f, ensure_ascii=False)
    return dst


def setUpModule():
    global server, paygov, vnpay
    server = Server()
    paygov = Sim("paygov", ["--secret", PG_SECRET, "--merchant", "MOTCUA",
                            "--confirm-url", f"http://127.0.0.1:{server.port}/api/v1/payments/paygov/confirm"])
    vnpay = Sim("vnpay", ["--secret", VNP_SECRET, "--tmn-code", "MOTCUA01",
                          "--ipn-url", f"http://127.0.0.1:{server.port}/api/v1/payments/vnpay/ipn"])
    server.env.update({
        "MOTCUA_SEED_DIR": test_seed(),
        "MOTCUA_PUBLIC_URL": f"http://127.0.0.1:{server.port}",
        "MOTCUA_PAYGOV_URL": paygov.base, "MOTCUA_PAYGOV_SECRET": PG_SECRET, "MOTCUA_PAYGOV_MERCHANT": "MOTCUA",
        "MOTCUA_VNPAY_URL": vnpay.base + "/paymentv2/vpcpay.html",
        "MOTCUA_VNPAY_API_URL": vnpay.base + "/merchant_webapi/api/transaction",
        "MOTCUA_VNPAY_TMN_CODE": "MOTCUA01", "MOTCUA_VNPAY_SECRET": VNP_SECRET,
        "MOTCUA_PAYMENT_REQUERY_MS": "300", "MOTCUA_PAYMENT_REQUERY_MAX_MS": "600",
    })
    server.setup().start()


def tearDownModule():
    for x in (server,):
        if x:
            x.stop()
    for s in (paygov, vnpay):
        if s:
            s.stop()


def rows(sql, *params):
    """Rows from the server's store (SQLite file or PostgreSQL), for what only the store shows."""
    if server.engine == "postgres":
        q = sql
        for p in params:
            q = q.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\t", "-c", q],
                             capture_output=True, text=True, check=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]
    with sqlite3.connect(server.db[len("sqlite:"):]) as c:
        return [tuple(str(v) for v in r) for r in c.execute(sql, params).fetchall()]


def citizen():
    _seq[0] += 1
    c = Client(server)
    pid = f"0511{os.getpid() % 10000:04d}{_seq[0]:04d}"
    c.login_citizen(pid, "Trần Thị Bích")
    c.pid = pid
    return c


def file_online(c, proc=PAID_PROC):
    status, d, _ = c.post("/api/v1/dossiers", {
        "procedure_id": proc, "channel": 2, "receiving_agency_id": AGENCY,
        "applicant": {"kind": "citizen", "full_name": "Trần Thị Bích", "phone": "0905123456"}})
    assert status == 201, (status, d)
    return d


def in_progress(c, proc=PAID_PROC):
    d = file_online(c, proc)
    reception = as_staff(server, "reception", agency=AGENCY)
    specialist = as_staff(server, "specialist", agency=AGENCY)
    for who, action in ((reception, "receive"), (specialist, "start_processing")):
        status, body, _ = act(who, d["id"], action)
        assert status == 200, (action, status, body)
    return d, specialist


def awaiting_payment(c):
    """An online dossier the agency received, started and asked to pay (state awaiting_payment)."""
    d, specialist = in_progress(c)
    status, body, _ = act(specialist, d["id"], "request_payment")
    assert status == 200, (status, body)
    assert body["state"]["id"] == "awaiting_payment", body["state"]
    return d


def start(c, dossier_id, provider, key=None):
    headers = {"Idempotency-Key": key} if key else None
    return c.post(f"/api/v1/dossiers/{dossier_id}/payments", {"provider": provider}, headers=headers)


def follow_return(url):
    """The browser landing on our return URL: the page we show."""
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", u.path + "?" + u.query)
    r = conn.getresponse()
    body = r.read().decode()
    conn.close()
    return r.status, body


def pay(sim, p, outcome="success"):
    """The citizen opens the payment page (the simulator checks what we sent) and clicks; returns
    where the simulator sends the browser back."""
    page = sim.get(p["payment_url"][len(sim.base):]).decode()
    assert "MÔ PHỎNG" in page, page
    return sim.post("/_control/pay", {"order_ref": p["order_ref"], "outcome": outcome})["return_url"]


def wait_for(fn, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = fn()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def payment_of(c, dossier_id, pid):
    status, v, _ = c.get(f"/api/v1/dossiers/{dossier_id}/payments")
    assert status == 200, v
    return next(p for p in v["items"] if p["id"] == pid)


class Fees(unittest.TestCase):
    def test_fee_comes_from_the_version_and_an_unverified_fee_is_never_charged(self):
        c = citizen()
        d = file_online(c)
        status, v, _ = c.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual(status, 200, v)
        self.assertEqual((v["fee"]["status"], v["fee"]["amount"], v["may_pay"]), ("due", FEE, True))
        self.assertEqual(v["fee"]["message"], "Số tiền phải nộp: 50.000 đồng.")
        self.assertEqual(sorted(v["providers"]), ["paygov", "vnpay"])

        u = file_online(c, UNVERIFIED_PROC)
        status, v, _ = c.get(f"/api/v1/dossiers/{u['id']}/payments")
        self.assertEqual((v["fee"]["status"], v["fee"]["amount"], v["may_pay"]), ("unverified", 0, False))
        self.assertIn("chưa được xác minh", v["fee"]["message"])
        status, body, _ = start(c, u["id"], "vnpay")
        self.assertEqual(status, 409, body)
        self.assertTrue(body["type"].endswith("/fee_unverified"), body)
        self.assertIn("chưa được xác minh", body["detail"])
        self.assertEqual(rows("SELECT COUNT(*) FROM payments WHERE dossier_id = ?", u["id"]), [("0",)])

    def test_amounts_are_never_taken_from_the_browser(self):
        c = citizen()
        d = file_online(c)
        status, body, _ = c.post(f"/api/v1/dossiers/{d['id']}/payments", {"provider": "vnpay", "amount": 1000})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["errors"][0]["field"], "amount")
        status, body, _ = start(c, d["id"], "momo")
        self.assertEqual(status, 400, body)
        self.assertEqual(rows("SELECT COUNT(*) FROM payments WHERE dossier_id = ?", d["id"]), [("0",)])

    def test_the_official_grants_an_exemption_when_asking_for_payment(self):
        c = citizen()
        d, specialist = in_progress(c, EXEMPT_PROC)
        # The citizen is told who is exempt, from the published fees, before anything is granted.
        status, v, _ = c.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual([(x["code"], x["label"], x["fees"], x["granted"]) for x in v["exemptions"]],
                         [("ho_ngheo", "Hộ nghèo", ["Lệ phí đăng ký lại kết hôn"], False),
                          ("nguoi_co_cong", "Gia đình người có công với cách mạng", ["Lệ phí đăng ký lại kết hôn"], False)])
        status, body, _ = act(specialist, d["id"], "request_payment", items=["tu_khai_mien"])
        self.assertEqual(status, 400, body)
        self.assertTrue(body["type"].endswith("/invalid_exemption"), body)
        status, body, _ = act(specialist, d["id"], "request_payment", items=["ho_ngheo"])
        self.assertEqual(status, 200, body)
        entry = [e for e in body["history"] if e["action"] == "request_payment"][-1]
        self.assertEqual(entry["data"]["exemptions"], ["ho_ngheo"])
        self.assertEqual(entry["data"]["fee"]["amount"], 10000)
        status, v, _ = c.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual((v["fee"]["status"], v["fee"]["amount"]), ("due", 10000))
        self.assertEqual([(x["code"], x["amount"], x["exempted"]) for x in v["fee"]["lines"]],
                         [("LP01", 0, True), ("LP02", 10000, False)])
        self.assertEqual([(x["code"], x["granted"]) for x in v["exemptions"]],
                         [("ho_ngheo", True), ("nguoi_co_cong", False)])
        status, p, _ = start(c, d["id"], "vnpay")
        self.assertEqual((status, p["amount"]), (201, 10000))

    def test_a_per_page_fee_is_computed_from_the_pages_and_copies_the_official_counted(self):
        c = citizen()
        reception = as_staff(server, "reception", agency=AGENCY)
        specialist = as_staff(server, "specialist", agency=AGENCY)
        d = intake(reception, PAGE_PROC, person=c.pid, name="Trần Thị Bích")  # in person only: at the counter
        status, v, _ = act(specialist, d["id"], "start_processing")
        self.assertEqual(status, 200, v)
        ask = [a for a in v["allowed_actions"] if a["id"] == "request_payment"]
        self.assertEqual(ask[0]["fee"], {"per_page": True})
        # Refused: one without the other, out of range, not an integer.
        for body, field in (({"pages": 3}, "copies"), ({"pages": 0, "copies": 1}, "pages"),
                            ({"pages": 10001, "copies": 1}, "pages"), ({"pages": 2, "copies": 1001}, "copies"),
                            ({"pages": 2.5, "copies": 1}, "pages"), ({"pages": "3", "copies": 1}, "pages")):
            status, err, _ = act(specialist, d["id"], "request_payment", **body)
            self.assertEqual(status, 400, (body, err))
            self.assertEqual([e["field"] for e in err["errors"]], [field], (body, err))
        status, err, _ = act(specialist, d["id"], "request_payment", pages=3)
        self.assertEqual(err["errors"][0]["detail"], "Số bản phải là số nguyên từ 1 đến 1000")
        # 10 pages, 2 copies: (2 × 2.000 + 8 × 1.000) × 2.
        status, body, _ = act(specialist, d["id"], "request_payment", pages=10, copies=2)
        self.assertEqual(status, 200, body)
        entry = [e for e in body["history"] if e["action"] == "request_payment"][-1]
        self.assertEqual((entry["data"]["pages"], entry["data"]["copies"]), (10, 2))
        self.assertEqual((entry["data"]["fee"]["status"], entry["data"]["fee"]["amount"]), ("due", 24000))
        status, v, _ = c.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual((v["fee"]["status"], v["fee"]["amount"], v["may_pay"]), ("due", 24000, True))
        status, p, _ = start(c, d["id"], "vnpay")
        self.assertEqual((status, p["amount"]), (201, 24000))

    def test_a_per_page_fee_not_counted_is_not_paid_online(self):
        c = citizen()
        reception = as_staff(server, "reception", agency=AGENCY)
        specialist = as_staff(server, "specialist", agency=AGENCY)
        d = intake(reception, PAGE_PROC, person=c.pid, name="Trần Thị Bích")
        act(specialist, d["id"], "start_processing")
        status, body, _ = act(specialist, d["id"], "request_payment")
        self.assertEqual(status, 200, body)
        status, v, _ = c.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual((v["fee"]["status"], v["fee"]["amount"], v["may_pay"]), ("not_fixed", 0, False))
        self.assertIn("theo số trang", v["fee"]["message"])

    def test_pages_are_refused_when_the_fee_is_not_per_page(self):
        d, specialist = in_progress(citizen())
        status, v, _ = specialist.get(f"/api/v1/dossiers/{d['id']}")
        self.assertEqual([a["fee"] for a in v["allowed_actions"] if a["id"] == "request_payment"], [{"per_page": False}])
        status, err, _ = act(specialist, d["id"], "request_payment", pages=1, copies=1)
        self.assertEqual(status, 400, err)
        self.assertTrue(err["type"].endswith("/invalid_page_count"), err)
        self.assertEqual([e["field"] for e in err["errors"]], ["pages"])

    def test_staff_do_not_pay_online(self):
        d = file_online(citizen())
        reception = as_staff(server, "reception", agency=AGENCY)
        status, v, _ = reception.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual((status, v["may_pay"]), (200, False))
        status, body, _ = start(reception, d["id"], "vnpay")
        self.assertEqual(status, 403, body)


class EndToEnd(unittest.TestCase):
    def setUp(self):
        paygov.control()
        vnpay.control()

    def test_paid_at_filing_through_vnpay_with_receipt(self):
        c = citizen()
        d = file_online(c)
        key = "pay-" + d["id"]
        status, p, _ = start(c, d["id"], "vnpay", key)
        self.assertEqual(status, 201, p)
        self.assertEqual((p["state"], p["amount"], p["purpose"]), ("pending", FEE, "filing"))
        self.assertTrue(p["payment_url"].startswith(vnpay.base + "/paymentv2/vpcpay.html?"), p)
        status, again, _ = start(c, d["id"], "vnpay", key)
        self.assertEqual((status, again["id"]), (201, p["id"]))
        # The simulator checks our signature and amount ×100 when the browser arrives.
        refused_before = len(vnpay.log()["refused"])
        page = vnpay.get(p["payment_url"][len(vnpay.base):]).decode()
        self.assertIn("MÔ PHỎNG", page)
        self.assertIn("50,000 đồng", page)
        self.assertEqual(len(vnpay.log()["refused"]), refused_before)
        back = pay(vnpay, p, "success")
        status, html = follow_return(back)
        self.assertEqual(status, 200)
        self.assertIn("Thanh toán thành công", html)
        paid = payment_of(c, d["id"], p["id"])
        self.assertEqual(paid["state"], "paid")
        self.assertIsNone(paid["payment_url"])
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "submitted")
        recorded = [e for e in view["history"] if e["action"] == "payment_recorded"]
        self.assertEqual(len(recorded), 1, view["history"])
        status, pdf, headers = c.get(paid["receipt_url"])
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
            self.assertIn("BIÊN LAI THU PHÍ, LỆ PHÍ", text)
            self.assertIn(paid["receipt_no"], text)
            self.assertIn("50.000", text)
        # Staff of the agency see it too.
        reception = as_staff(server, "reception", agency=AGENCY)
        status, _, _ = reception.get(paid["receipt_url"])
        self.assertEqual(status, 200)

    def test_agency_asks_and_the_paid_dossier_moves_on_through_paygov(self):
        c = citizen()
        d = awaiting_payment(c)
        notices = rows("SELECT payload FROM outbox WHERE topic = 'notify'")
        due = [json.loads(x[0]) for x in notices
               if json.loads(x[0]).get("dossier_id") == d["id"] and json.loads(x[0])["event"] == "payment_due"]
        self.assertEqual(len(due), 1, notices)
        self.assertEqual(due[0]["event"], "payment_due")
        self.assertEqual(due[0]["payment_url"], f"http://127.0.0.1:{server.port}/ho-so-cua-toi/{d['id']}")
        status, p, _ = start(c, d["id"], "paygov")
        self.assertEqual(status, 201, p)
        self.assertEqual((p["purpose"], p["amount"]), ("agency", FEE))
        self.assertTrue(p["payment_url"].startswith(paygov.base + "/pay/"), p)
        # The citizen clicks pay on the platform's page; it confirms to us and sends the browser back.
        conn = http.client.HTTPConnection("127.0.0.1", paygov.port, timeout=10)
        conn.request("POST", urllib.parse.urlparse(p["payment_url"]).path, body="outcome=success",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        r = conn.getresponse()
        r.read()
        self.assertEqual(r.status, 303)
        status, html = follow_return(r.getheader("Location"))
        self.assertIn("Thanh toán thành công", html)
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "in_progress")
        moved = [e for e in view["history"] if e["action"] == "payment_received"]
        self.assertEqual(len(moved), 1)
        self.assertEqual(moved[0]["actor"], "system")
        self.assertEqual(rows("SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.payment_received'"
                              " AND object = ?", "dossier:" + d["id"]), [("1",)])

    def test_failed_payment_leaves_the_dossier_waiting_and_may_be_retried(self):
        c = citizen()
        d = awaiting_payment(c)
        status, p, _ = start(c, d["id"], "vnpay")
        back = pay(vnpay, p, "cancel")
        status, html = follow_return(back)
        self.assertIn("không thành công", html)
        self.assertEqual(payment_of(c, d["id"], p["id"])["state"], "failed")
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "awaiting_payment")
        status, p2, _ = start(c, d["id"], "vnpay")
        self.assertEqual(status, 201)
        self.assertNotEqual(p2["order_ref"], p["order_ref"])


    def test_platform_down_at_init_is_recorded_and_the_retry_runs_afresh(self):
        c = citizen()
        d = file_online(c)
        key = "down-" + d["id"]
        paygov.control(init="error")
        status, body, _ = start(c, d["id"], "paygov", key)
        self.assertEqual(status, 503, body)
        self.assertTrue(body["type"].endswith("/provider_unavailable"), body)
        self.assertIn("tạm thời không trả lời", body["detail"])
        failed = rows("SELECT state FROM payments WHERE dossier_id = ?", d["id"])
        self.assertEqual(failed, [("failed",)])
        paygov.control()
        status, p, _ = start(c, d["id"], "paygov", key)
        self.assertEqual((status, p["state"]), (201, "pending"), p)
        self.assertEqual(sorted(r[0] for r in rows("SELECT state FROM payments WHERE dossier_id = ?", d["id"])),
                         ["failed", "pending"])


class Callbacks(unittest.TestCase):
    def tearDown(self):
        paygov.control()
        vnpay.control()

    def test_ipn_replayed_a_hundred_times_changes_the_state_once(self):
        c = citizen()
        d = awaiting_payment(c)
        _, p, _ = start(c, d["id"], "vnpay")
        vnpay.control(behaviour="duplicated", repeat=100)
        pay(vnpay, p, "success")
        answers = [x["answer"]["RspCode"] for x in vnpay.log()["callbacks"] if x["order_ref"] == p["order_ref"]]
        self.assertEqual(len(answers), 100)
        self.assertEqual(answers, ["00"] + ["02"] * 99)
        self.assertEqual(rows("SELECT COUNT(*) FROM payment_ledger WHERE payment_id = ? AND kind = 'state'", p["id"]),
                         [("1",)])
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "in_progress")
        self.assertEqual(len([e for e in view["history"] if e["action"] == "payment_received"]), 1)

    def test_the_same_ipn_sent_concurrently_changes_the_state_once(self):
        import threading
        c = citizen()
        d = awaiting_payment(c)
        _, p, _ = start(c, d["id"], "vnpay")
        vnpay.get(p["payment_url"][len(vnpay.base):])  # the simulator checked our request
        # VNPay's IPN for it, signed as VNPay signs it, sent 20 times at once.
        ipn = {"vnp_Amount": str(FEE * 100), "vnp_BankCode": "NCB", "vnp_OrderInfo": "x", "vnp_PayDate": "20261204100000",
               "vnp_ResponseCode": "00", "vnp_TmnCode": "MOTCUA01", "vnp_TransactionNo": "777",
               "vnp_TransactionStatus": "00", "vnp_TxnRef": p["order_ref"]}
        data = "&".join(urllib.parse.quote_plus(k) + "=" + urllib.parse.quote_plus(v) for k, v in sorted(ipn.items()))
        ipn["vnp_SecureHash"] = hmac.new(VNP_SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
        path = "/api/v1/payments/vnpay/ipn?" + urllib.parse.urlencode(ipn)
        answers, lock = [], threading.Lock()

        def send():
            status, body, _ = Client(server).get(path)
            with lock:
                answers.append((status, body["RspCode"]))

        threads = [threading.Thread(target=send) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(answers), [(200, "00")] + [(200, "02")] * 19)
        self.assertEqual(rows("SELECT COUNT(*) FROM payment_ledger WHERE payment_id = ? AND kind = 'state'", p["id"]),
                         [("1",)])
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "in_progress")
        self.assertEqual(len([e for e in view["history"] if e["action"] == "payment_received"]), 1)

    def test_confirm_replayed_a_hundred_times_changes_the_state_once(self):
        c = citizen()
        d = file_online(c)
        _, p, _ = start(c, d["id"], "paygov")
        paygov.control(behaviour="duplicated", repeat=100)
        pay(paygov, p, "success")
        answers = [x["answer"]["MaLoi"] for x in paygov.log()["callbacks"] if x["order_ref"] == p["order_ref"]]
        self.assertEqual(answers, ["00"] * 100)
        self.assertEqual(rows("SELECT COUNT(*) FROM payment_ledger WHERE payment_id = ? AND kind = 'state'", p["id"]),
                         [("1",)])
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(len([e for e in view["history"] if e["action"] == "payment_recorded"]), 1)

    def test_tampered_checksum_is_refused_and_audited(self):
        for sim, provider, field, code in ((vnpay, "vnpay", "RspCode", "97"), (paygov, "paygov", "MaLoi", "97")):
            with self.subTest(provider=provider):
                c = citizen()
                d = file_online(c)
                _, p, _ = start(c, d["id"], provider)
                sim.control(behaviour="tampered", tamper="checksum")
                pay(sim, p, "success")
                answers = [x["answer"][field] for x in sim.log()["callbacks"] if x["order_ref"] == p["order_ref"]]
                self.assertEqual(answers, [code])
                self.assertEqual(payment_of(c, d["id"], p["id"])["state"], "pending")
                audited = rows("SELECT detail FROM audit_log WHERE action = 'payment.callback_refused' AND object = ?",
                               "payment:" + p["id"])
                self.assertEqual(len(audited), 1)
                self.assertEqual(json.loads(audited[0][0])["reason"], "bad_checksum")

    def test_forged_amount_is_refused(self):
        for sim, provider, field in ((vnpay, "vnpay", "RspCode"), (paygov, "paygov", "MaLoi")):
            with self.subTest(provider=provider):
                c = citizen()
                d = file_online(c)
                _, p, _ = start(c, d["id"], provider)
                sim.control(behaviour="tampered", tamper="amount")  # re-signed over the smaller amount
                pay(sim, p, "success")
                answers = [x["answer"][field] for x in sim.log()["callbacks"] if x["order_ref"] == p["order_ref"]]
                self.assertEqual(answers, ["04"])
                self.assertEqual(payment_of(c, d["id"], p["id"])["state"], "pending")
                audited = rows("SELECT detail FROM audit_log WHERE action = 'payment.callback_refused' AND object = ?",
                               "payment:" + p["id"])
                self.assertEqual(json.loads(audited[0][0])["reason"], "bad_amount")

    def test_unknown_order_gets_the_protocols_code(self):
        ref = "MC000000000000dead"
        ipn = {"vnp_Amount": "5000000", "vnp_ResponseCode": "00", "vnp_TmnCode": "MOTCUA01", "vnp_TransactionNo": "1",
               "vnp_TransactionStatus": "00", "vnp_TxnRef": ref, "vnp_OrderInfo": "x y"}
        data = "&".join(urllib.parse.quote_plus(k) + "=" + urllib.parse.quote_plus(v) for k, v in sorted(ipn.items()))
        ipn["vnp_SecureHash"] = hmac.new(VNP_SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
        c = Client(server)
        status, body, _ = c.get("/api/v1/payments/vnpay/ipn?" + urllib.parse.urlencode(ipn))
        self.assertEqual((status, body["RspCode"]), (200, "01"))
        ipn["vnp_SecureHash"] = "0" * 128
        status, body, _ = c.get("/api/v1/payments/vnpay/ipn?" + urllib.parse.urlencode(ipn))
        self.assertEqual(body["RspCode"], "97")
        confirm = {"MaDoiTac": "MOTCUA", "MaThamChieu": ref, "MaGiaoDich": "PG1", "SoTien": "50000", "TrangThai": "1",
                   "ThoiGianThanhToan": "2026-12-04 10:00:00"}
        order = ["MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "TrangThai", "ThoiGianThanhToan"]
        confirm["MaXacThuc"] = hashlib.sha256(("|".join(confirm[f] for f in order) + "|" + PG_SECRET).encode()).hexdigest()
        status, body, _ = c.post("/api/v1/payments/paygov/confirm", confirm)
        self.assertEqual((status, body["MaLoi"]), (200, "01"))
        self.assertGreaterEqual(len(rows("SELECT 1 FROM audit_log WHERE action = 'payment.callback_refused'"
                                         " AND object = ?", "payment-order:" + ref)), 2)

    def test_pending_then_requeried_paid_and_the_dossier_moves_on(self):
        for sim, provider in ((paygov, "paygov"), (vnpay, "vnpay")):
            with self.subTest(provider=provider):
                c = citizen()
                d = awaiting_payment(c)
                _, p, _ = start(c, d["id"], provider)
                sim.control(behaviour="pending")
                pay(sim, p, "success")
                self.assertEqual([x for x in sim.log()["callbacks"] if x["order_ref"] == p["order_ref"]], [])
                queries = sim.log()["queries"]
                wait_for(lambda: sim.log()["queries"] > queries)  # asked again while still pending
                self.assertEqual(payment_of(c, d["id"], p["id"])["state"], "pending")
                sim.post("/_control/settle", {"order_ref": p["order_ref"], "state": "paid"})
                wait_for(lambda: payment_of(c, d["id"], p["id"])["state"] == "paid")
                status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
                self.assertEqual(view["state"]["id"], "in_progress")
                via = rows("SELECT detail FROM payment_ledger WHERE payment_id = ? AND kind = 'state'", p["id"])
                self.assertEqual(json.loads(via[0][0])["via"], "query")

    def test_late_confirmation_still_moves_the_dossier(self):
        c = citizen()
        d = awaiting_payment(c)
        _, p, _ = start(c, d["id"], "paygov")
        paygov.control(behaviour="late", late_ms=700)
        back = pay(paygov, p, "success")
        status, html = follow_return(back)
        self.assertEqual(status, 200)
        wait_for(lambda: payment_of(c, d["id"], p["id"])["state"] == "paid")
        status, view, _ = c.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["state"]["id"], "in_progress")


class Privacy(unittest.TestCase):
    def test_citizen_b_cannot_read_or_pay_a_payment_of_a(self):
        a, b = citizen(), citizen()
        d = file_online(a)
        _, p, _ = start(a, d["id"], "vnpay")
        vnpay.control()
        pay(vnpay, p, "success")
        paid = payment_of(a, d["id"], p["id"])
        for method, path, body in (("GET", f"/api/v1/dossiers/{d['id']}/payments", None),
                                   ("POST", f"/api/v1/dossiers/{d['id']}/payments", {"provider": "vnpay"}),
                                   ("GET", paid["receipt_url"], None)):
            status, answer, _ = b.request(method, path, body=body)
            self.assertEqual(status, 404, (method, path, answer))
        status, answer, _ = b.get(f"/api/v1/dossiers/{d['id']}/payments/{p['id']}/receipt.pdf")
        self.assertEqual(status, 404)
        anonymous = Client(server)
        status, _, _ = anonymous.get(f"/api/v1/dossiers/{d['id']}/payments")
        self.assertEqual(status, 401)


class Reconcile(unittest.TestCase):
    def test_reconcile_lists_every_difference_as_json_and_xlsx(self):
        vnpay.control()
        c = citizen()
        refs = []
        for _ in range(3):
            d = file_online(c)
            _, p, _ = start(c, d["id"], "vnpay")
            pay(vnpay, p, "success")
            refs.append(p["order_ref"])
        vnpay.post("/_control/statement", {"order_ref": refs[0], "amount": 40000})
        day = today_vn()
        vnpay.post("/_control/statement", {"phantom": {
            "vnp_TxnRef": "MCPHANTOM", "vnp_TransactionNo": "999", "vnp_Amount": "1000000", "vnp_ResponseCode": "00",
            "vnp_TransactionStatus": "00", "vnp_PayDate": day.replace("-", "") + "090000"}})
        out = tempfile.mkdtemp(prefix="motcua-reconcile-")
        r = server.run("payments", "reconcile", "--date", day, "--provider", "vnpay", "--out", out, check=False)
        self.assertEqual(r.returncode, 5, r.stderr)
        report = json.loads(r.stdout)[0]
        issues = {(x["order_ref"], x["issue"]) for x in report["differences"]}
        self.assertIn((refs[0], "amount"), issues)
        self.assertIn(("MCPHANTOM", "missing_in_ledger"), issues)
        self.assertNotIn(refs[1], {x["order_ref"] for x in report["differences"]})
        with open(os.path.join(out, f"doi-soat-vnpay-{day}.xlsx"), "rb") as f:
            self.assertEqual(f.read(2), b"PK")
        with open(os.path.join(out, f"doi-soat-vnpay-{day}.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["differences"], report["differences"])
        # A payment we hold as paid that the platform does not list.
        d = file_online(c)
        _, p, _ = start(c, d["id"], "paygov")
        paygov.control()
        pay(paygov, p, "success")
        rows_changed = rows("SELECT order_ref FROM payments WHERE id = ?", p["id"])
        self.assertEqual(rows_changed, [(p["order_ref"],)])
        with open(os.devnull, "w"):
            pass
        # Forget it at the platform: settle to a state the statement leaves out.
        paygov.post("/_control/settle", {"order_ref": p["order_ref"], "state": "paid"})
        paygov.post("/_control/statement", {"phantom": {"MaThamChieu": "MCOTHER", "MaGiaoDich": "PGX", "SoTien": "7000",
                                                        "TrangThai": "1", "ThoiGianThanhToan": day + " 08:00:00"}})
        r = server.run("payments", "reconcile", "--date", day, "--provider", "paygov", "--out", out, check=False)
        report = json.loads(r.stdout)[0]
        self.assertIn(("MCOTHER", "missing_in_ledger"), {(x["order_ref"], x["issue"]) for x in report["differences"]})


if __name__ == "__main__":
    unittest.main()
