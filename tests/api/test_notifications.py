"""Notifications and the outbox relay, end to end: a real SMTP server (aiosmtpd) and the Zalo ZNS
and eSMS simulators as processes on loopback, motcua relaying from its outbox.

- a dossier received at the counter → one e-mail with its code and tracking link, one SMS;
- a channel that fails is retried with backoff and then delivered, the others not sent again;
- a row that keeps failing is parked, listed for the province administrator, retried, delivered;
- a name with <script> arrives escaped; nothing typed reaches a mail header;
- kill -9 while a message is on its way: the next process sends it, delivered once;
- the citizen's settings are validated; the delivery log is the owner's and the desk's only;
- (PostgreSQL) two motcua processes on one store relay every row once.
"""
import email
import email.policy
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import uuid
import http.client

import harness
from harness import Client, Server, applicant, as_staff, procedure_for, wait_for, wait_port

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PY = "/usr/bin/python3"

procs = []
mail_dir = None
zalo_port = sms_port = smtp_port = None


def start(args):
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(p)
    return p


def setUpModule():
    global mail_dir, zalo_port, sms_port, smtp_port
    mail_dir = tempfile.mkdtemp(prefix="motcua-mail-")
    smtp_port, zalo_port, sms_port = harness.free_port(), harness.free_port(), harness.free_port()
    start([PY, os.path.join(HERE, "smtp_sink.py"), "--port", str(smtp_port), "--dir", mail_dir])
    start([PY, os.path.join(ROOT, "tools", "sim", "zalo", "server.py"), "--port", str(zalo_port)])
    start([PY, os.path.join(ROOT, "tools", "sim", "sms", "server.py"), "--port", str(sms_port)])
    for p in (smtp_port, zalo_port, sms_port):
        wait_port(p)


def tearDownModule():
    for p in procs:
        p.terminate()
        p.wait(timeout=10)
    shutil.rmtree(mail_dir, ignore_errors=True)


def relay_env(**over):
    env = {
        "MOTCUA_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "MOTCUA_MAIL_FROM": "Bộ phận Một cửa <motcua@quangngai.gov.vn>",
        "MOTCUA_ZALO_URL": f"http://127.0.0.1:{zalo_port}",
        "MOTCUA_ZALO_ACCESS_TOKEN": "zalo-sim-token",
        "MOTCUA_SMS_URL": f"http://127.0.0.1:{sms_port}",
        "MOTCUA_SMS_API_KEY": "esms-sim-key",
        "MOTCUA_SMS_SECRET_KEY": "esms-sim-secret",
        "MOTCUA_SMS_BRANDNAME": "MOTCUA",
        "MOTCUA_OUTBOX_POLL_MS": "50",
        "MOTCUA_OUTBOX_BACKOFF_MS": "300",
        "MOTCUA_OUTBOX_BACKOFF_CAP_MS": "1000",
        "MOTCUA_OUTBOX_MAX_ATTEMPTS": "3",
        "MOTCUA_OUTBOX_LEASE_S": "5",
        "MOTCUA_NOTIFY_TIMEOUT_S": "5",
    }
    env.update(over)
    return env


def sim(port, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    data = json.loads(r.read() or b"{}")
    c.close()
    return data


def mails_to(address):
    """The messages the SMTP server accepted for `address`, parsed."""
    out = []
    for meta in sorted(glob.glob(os.path.join(mail_dir, "*.json"))):
        eml = meta[:-5] + ".eml"
        if not os.path.exists(eml):
            continue
        with open(meta) as f:
            m = json.load(f)
        if address in m["rcpt_tos"]:
            with open(eml, "rb") as f:
                raw = f.read()
            out.append((m, raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return out


def sms_with(code):
    return [m for m in sim(sms_port, "GET", "/_sim/received")["messages"] if code in m["content"]]


def zalo_with(code):
    return [m for m in sim(zalo_port, "GET", "/_sim/received")["messages"]
            if m["template_data"].get("dossier_code") == code]


def counter_intake(client, proc, email_address=None, name="Nguyễn Văn An", person="051090001234"):
    a = applicant(person, name)
    if email_address:
        a["email"] = email_address
    status, body, _ = client.post("/api/v1/dossiers", {"procedure_id": proc, "channel": 1, "receive": True,
                                                       "applicant": a})
    assert status == 201, (status, body)
    return body


def parts(msg):
    text = html = None
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
        elif part.get_content_type() == "text/html":
            html = part.get_content()
    return text, html


class Notifications(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().setup()
        cls.server.env.update(relay_env())
        cls.server.start()
        cls.desk = as_staff(cls.server, "reception", agency="ubnd-camthanh")
        cls.proc = procedure_for(cls.desk, "ubnd-camthanh")
        cls.admin = as_staff(cls.server, "province_admin")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        sim(zalo_port, "POST", "/_sim/reset")
        sim(sms_port, "POST", "/_sim/reset")

    def deliveries(self, client, dossier_id):
        status, body, _ = client.get(f"/api/v1/dossiers/{dossier_id}/deliveries")
        self.assertEqual(status, 200, body)
        return body["items"]

    def test_a_dossier_received_at_the_counter_sends_one_email_with_its_code_and_link(self):
        to = f"an.{uuid.uuid4().hex[:8]}@example.vn"
        d = counter_intake(self.desk, self.proc, to)
        code = d["code"]
        got = wait_for("the e-mail", lambda: mails_to(to))
        meta, raw, msg = got[0]
        self.assertEqual(msg["Subject"], f"Đã tiếp nhận hồ sơ {code}")
        self.assertEqual(msg["From"].addresses[0].addr_spec, "motcua@quangngai.gov.vn")
        self.assertEqual(msg["From"].addresses[0].display_name, "Bộ phận Một cửa")
        self.assertEqual(meta["rcpt_tos"], [to])
        text, html = parts(msg)
        self.assertIn(code, text)
        self.assertIn("Nguyễn Văn An", text)
        self.assertRegex(text, r"http://127\.0\.0\.1:\d+/tra-cuu/" + code.replace(".", r"\.") + r"\?k=[A-Z0-9]{8}")
        self.assertIn(code, html)
        # The SMS went too (the applicant's phone), without diacritics, through the brandname.
        sms = wait_for("the SMS", lambda: sms_with(code))
        self.assertEqual(sms[0]["phone"], "0905123456")
        self.assertEqual(sms[0]["brandname"], "MOTCUA")
        self.assertIn("tiep nhan", sms[0]["content"])
        time.sleep(1.0)  # nothing more comes
        self.assertEqual(len(mails_to(to)), 1)
        self.assertEqual(len(sms_with(code)), 1)
        log = wait_for("the log", lambda: [x for x in self.deliveries(self.desk, d["id"]) if x["state"] == "sent"]
                       if len([x for x in self.deliveries(self.desk, d["id"]) if x["state"] == "sent"]) == 2 else None)
        by = {x["channel"]: x for x in log}
        self.assertEqual(by["email"]["to"], to[0] + "***@example.vn")
        self.assertEqual(by["sms"]["to"], "090****456")
        self.assertEqual(by["email"]["event"], "received")
        self.assertEqual(by["email"]["event_name"], "Tiếp nhận hồ sơ")
        self.assertEqual(by["email"]["attempts"], 1)
        self.assertIsNotNone(by["email"]["sent_at"])

    def test_a_failing_channel_is_retried_with_backoff_and_the_others_are_not_sent_again(self):
        sim(sms_port, "POST", "/_sim/control", {"mode": "fail", "count": 2})
        to = f"retry.{uuid.uuid4().hex[:8]}@example.vn"
        t0 = time.time()
        d = counter_intake(self.desk, self.proc, to)
        sms = wait_for("the SMS after two failures", lambda: sms_with(d["code"]))
        waited = time.time() - t0
        # Two failed attempts then a third: at least the first delay and the second (with at most
        # half of each taken off by the jitter): 150 ms + 300 ms.
        self.assertGreaterEqual(waited, 0.45)
        self.assertEqual(len(sms), 1)
        time.sleep(0.8)
        self.assertEqual(len(mails_to(to)), 1)  # the e-mail went once, not with each retry
        self.assertEqual(len(sms_with(d["code"])), 1)
        self.assertEqual(sim(sms_port, "GET", "/_sim/received")["duplicates"], 0)
        by = {x["channel"]: x for x in self.deliveries(self.desk, d["id"])}
        self.assertEqual(by["sms"]["state"], "sent")
        self.assertEqual(by["sms"]["attempts"], 3)
        self.assertEqual(by["email"]["attempts"], 1)

    def test_a_lost_answer_is_sent_again_with_the_same_key_and_not_delivered_twice(self):
        sim(sms_port, "POST", "/_sim/control", {"mode": "drop", "count": 1})
        d = counter_intake(self.desk, self.proc)
        wait_for("the retry", lambda: sim(sms_port, "GET", "/_sim/received")["duplicates"] >= 1)
        self.assertEqual(len(sms_with(d["code"])), 1)
        by = wait_for("sent", lambda: {x["channel"]: x for x in self.deliveries(self.desk, d["id"])
                                       if x["state"] == "sent"})
        self.assertEqual(by["sms"]["attempts"], 2)

    def test_a_row_that_keeps_failing_is_parked_shown_to_the_administrator_and_retried(self):
        citizen = Client(self.server)
        person = "051090007777"
        citizen.login_citizen(person, "Trần Thị Bình")
        status, prefs, _ = citizen.request("PUT", "/api/v1/me/notifications",
                                           {"channels": ["zalo"], "phone": "0912 345 678"})
        self.assertEqual(status, 200, prefs)
        self.assertEqual(prefs["phone"], "0912345678")
        sim(zalo_port, "POST", "/_sim/control", {"mode": "error", "error": -32, "count": 100})
        d = counter_intake(self.desk, self.proc, person=person, name="Trần Thị Bình")

        def parked():
            status, body, _ = self.admin.get("/api/v1/admin/outbox?state=parked")
            self.assertEqual(status, 200, body)
            return [x for x in body["items"] if x["topic"] == "notify" and x["payload"]["dossier_id"] == d["id"]]
        row = wait_for("the row parked", parked)[0]
        self.assertEqual(row["state"], "parked")
        self.assertEqual(row["attempts"], 3)
        self.assertIn("Zalo ZNS lỗi -32", row["last_error"])
        self.assertEqual(row["payload"]["event"], "received")
        # The latest attempts, the row's own and its Zalo delivery's, each with why it failed.
        recent = row["recent_attempts"]
        self.assertEqual(len(recent), 5)
        self.assertEqual({a["channel"] for a in recent}, {None, "zalo"})
        self.assertTrue(all(a["outcome"] == "error" and "-32" in a["error"] for a in recent), recent)
        self.assertEqual(row["idempotency_key"], f"motcua-outbox-{row['id']}")
        # Only the province administrator sees or retries it.
        for who in (self.desk, citizen):
            status, body, _ = who.get("/api/v1/admin/outbox?state=parked")
            self.assertEqual(status, 403, body)
            status, body, _ = who.post(f"/api/v1/admin/outbox/{row['id']}/retry")
            self.assertEqual(status, 403, body)
        status, body, _ = self.admin.get("/api/v1/admin/outbox?state=lost")
        self.assertEqual(status, 400, body)
        status, body, _ = self.admin.post("/api/v1/admin/outbox/99999999/retry")
        self.assertEqual(status, 404, body)
        status, body, _ = self.admin.post("/api/v1/admin/outbox/abc/retry")
        self.assertEqual(status, 400, body)
        self.assertEqual(zalo_with(d["code"]), [])
        # The administrator retries once the platform is back: delivered, once.
        sim(zalo_port, "POST", "/_sim/control", {"mode": "ok"})
        status, body, _ = self.admin.post(f"/api/v1/admin/outbox/{row['id']}/retry")
        self.assertEqual(status, 200, body)
        self.assertIn(body["state"], ("pending", "sent"))
        z = wait_for("the Zalo message", lambda: zalo_with(d["code"]))
        self.assertEqual(z[0]["phone"], "84912345678")
        self.assertEqual(z[0]["template_id"], "301001")
        self.assertEqual(z[0]["template_data"]["customer_name"], "Trần Thị Bình")
        self.assertEqual(z[0]["tracking_id"], f"motcua-outbox-{row['id']}-zalo")
        wait_for("not parked", lambda: not parked())
        status, again, _ = self.admin.post(f"/api/v1/admin/outbox/{row['id']}/retry")
        self.assertEqual(status, 409, again)  # sent: nothing to retry
        self.assertEqual(len(zalo_with(d["code"])), 1)
        # Only the chosen channel: no SMS though the applicant's phone is on the dossier.
        self.assertEqual(sms_with(d["code"]), [])
        # The owner reads the log of their dossier.
        log = self.deliveries(citizen, d["id"])
        self.assertEqual([(x["channel"], x["state"], x["to"]) for x in log], [("zalo", "sent", "091****678")])

    def test_script_and_line_breaks_in_a_name_arrive_escaped_and_add_no_header(self):
        to = f"xss.{uuid.uuid4().hex[:8]}@example.vn"
        name = 'Lê <script>alert("x")</script> & Bcc: evil@example.vn'
        d = counter_intake(self.desk, self.proc, to, name=name)
        meta, raw, msg = wait_for("the e-mail", lambda: mails_to(to))[0]
        self.assertEqual(meta["rcpt_tos"], [to])
        headers = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # headers are plain ASCII
        self.assertNotIn("Bcc", headers)
        self.assertNotIn("evil", headers)
        self.assertIsNone(msg["Bcc"])
        text, html = parts(msg)
        self.assertIn(name, text)  # plain text shows it as typed
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bcc", html)
        self.assertNotIn("<script>", html)
        # A contact address with a line break is refused before anything is stored.
        citizen = Client(self.server)
        citizen.login_citizen("051090008888", "Phạm Văn C")
        status, body, _ = citizen.request("PUT", "/api/v1/me/notifications",
                                          {"channels": ["email"], "email": "c@example.vn\r\nBcc: evil@example.vn"})
        self.assertEqual(status, 400, body)
        self.assertEqual([e["field"] for e in body["errors"]], ["email"])

    def test_settings_are_validated_and_the_log_is_not_for_everyone(self):
        citizen = Client(self.server)
        person = "051090009999"
        citizen.login_citizen(person, "Võ Thị D")
        status, body, _ = citizen.get("/api/v1/me/notifications")
        self.assertEqual((status, body["channels"], body["updated_at"]), (200, [], None))
        for bad, fields in [
            ({"channels": ["fax"]}, ["channels"]),
            ({"channels": ["email"]}, ["email"]),
            ({"channels": ["sms"], "phone": "12345"}, ["phone"]),
            ({"channels": ["zalo"]}, ["phone"]),
            ({"channels": ["email"], "email": "Võ <d@example.vn>"}, ["email"]),
            ({"channels": "email"}, ["channels"]),
            ({"channels": [], "unknown": 1}, ["unknown"]),
        ]:
            status, body, _ = citizen.request("PUT", "/api/v1/me/notifications", bad)
            self.assertEqual(status, 400, (bad, body))
            self.assertEqual(sorted({e["field"] for e in body["errors"]}), fields, (bad, body))
            self.assertTrue(body["detail"])
        status, body, _ = citizen.request("PUT", "/api/v1/me/notifications",
                                          {"channels": ["email", "sms", "email"], "email": "d@example.vn",
                                           "phone": "+84 905 000 111"})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["channels"], body["email"], body["phone"]),
                         (["email", "sms"], "d@example.vn", "0905000111"))
        status, body, _ = citizen.get("/api/v1/me/notifications")
        self.assertEqual(body["channels"], ["email", "sms"])
        # Staff have no notification settings of their own here.
        status, body, _ = self.desk.request("PUT", "/api/v1/me/notifications", {"channels": []})
        self.assertEqual(status, 401, body)
        status, body, _ = Client(self.server).get("/api/v1/me/notifications")
        self.assertEqual(status, 401, body)
        # The delivery log: the owner and the desk; another citizen gets 404, another agency 403.
        d = counter_intake(self.desk, self.proc, person=person, name="Võ Thị D")
        wait_for("deliveries", lambda: len(self.deliveries(self.desk, d["id"])) == 2)
        self.assertEqual({x["channel"] for x in self.deliveries(citizen, d["id"])}, {"email", "sms"})
        other = Client(self.server)
        other.login_citizen("051090001111", "Người khác")
        status, body, _ = other.get(f"/api/v1/dossiers/{d['id']}/deliveries")
        self.assertEqual(status, 404, body)
        status, body, _ = other.get("/api/v1/dossiers/no-such-dossier/deliveries")
        self.assertEqual(status, 404, body)
        elsewhere = as_staff(self.server, "reception", "commune_committee", exclude_agency="ubnd-camthanh")
        status, body, _ = elsewhere.get(f"/api/v1/dossiers/{d['id']}/deliveries")
        self.assertEqual(status, 403, body)
        status, body, _ = Client(self.server).get(f"/api/v1/dossiers/{d['id']}/deliveries")
        self.assertEqual(status, 401, body)


class KillMidRelay(unittest.TestCase):
    def test_kill_9_while_a_message_is_on_its_way_loses_nothing(self):
        import signal
        server = Server().setup()
        server.env.update(relay_env(MOTCUA_OUTBOX_LEASE_S="2", MOTCUA_SMTP_URL="", MOTCUA_ZALO_URL=""))
        server.start()
        try:
            sim(sms_port, "POST", "/_sim/reset")
            sim(sms_port, "POST", "/_sim/control", {"mode": "lag", "lag_ms": 3000, "count": 1})
            desk = as_staff(server, "reception", agency="ubnd-camthanh")
            d = counter_intake(desk, procedure_for(desk, "ubnd-camthanh"))
            time.sleep(1.0)  # the relay is waiting for the lagging provider
            server.kill(signal.SIGKILL)
            server.start()  # the row's lease ends; the new process sends it again, same RequestId
            wait_for("the SMS", lambda: sms_with(d["code"]), timeout=30)
            desk = as_staff(server, "reception", agency="ubnd-camthanh")
            by = wait_for("sent", lambda: {x["channel"]: x for x in self.deliveries(desk, d["id"])
                                           if x["state"] == "sent"}, timeout=30)
            self.assertIn("sms", by)
            time.sleep(0.5)
            self.assertEqual(len(sms_with(d["code"])), 1)  # delivered once, whatever was repeated
        finally:
            server.stop()

    def deliveries(self, client, dossier_id):
        status, body, _ = client.get(f"/api/v1/dossiers/{dossier_id}/deliveries")
        self.assertEqual(status, 200, body)
        return body["items"]


@unittest.skipUnless(harness.ENGINE == "postgres", "several processes share one PostgreSQL store")
class TwoProcesses(unittest.TestCase):
    def test_two_processes_relay_each_row_once(self):
        first = Server().setup()
        first.env.update(relay_env(MOTCUA_OUTBOX_THREADS="2"))
        first.start()
        second = Server.__new__(Server)
        second.engine, second.db, second.proc = first.engine, first.db, None
        second.dir = tempfile.mkdtemp(prefix="motcua-api-")
        second.port = harness.free_port()
        second.env = dict(first.env, MOTCUA_PORT=str(second.port), MOTCUA_FILES_DIR=os.path.join(second.dir, "files"))
        second.start()
        try:
            sim(sms_port, "POST", "/_sim/reset")
            desks = [as_staff(first, "reception", agency="ubnd-camthanh"),
                     as_staff(second, "reception", agency="ubnd-camthanh")]
            proc = procedure_for(desks[0], "ubnd-camthanh")
            tag = uuid.uuid4().hex[:6]
            addresses = [f"two.{tag}.{i}@example.vn" for i in range(24)]
            codes = [counter_intake(desks[i % 2], proc, a)["code"] for i, a in enumerate(addresses)]
            wait_for("every e-mail", lambda: all(mails_to(a) for a in addresses), timeout=60)
            wait_for("every SMS", lambda: all(sms_with(c) for c in codes), timeout=60)
            time.sleep(1.0)
            for a in addresses:
                self.assertEqual(len(mails_to(a)), 1, a)
            for c in codes:
                self.assertEqual(len(sms_with(c)), 1, c)
            self.assertEqual(sim(sms_port, "GET", "/_sim/received")["duplicates"], 0)
            conninfo = os.environ["MOTCUA_TEST_PG"]
            q = ("SELECT COUNT(*), COUNT(DISTINCT outbox_id), COUNT(DISTINCT split_part(worker, ':', 2))"
                 " FROM outbox_attempts WHERE channel = '' AND outcome = 'ok'")
            out = subprocess.run(["psql", conninfo, "-At", "-c", q], capture_output=True, text=True, check=True)
            ok_attempts, rows, processes = (int(x) for x in out.stdout.strip().split("|"))
            self.assertEqual(ok_attempts, rows)  # no row sent twice
            self.assertEqual(rows, 24)
            print(f"\n  two processes: {rows} rows, relayed by {processes} process(es)", file=sys.stderr)
        finally:
            second.kill()
            shutil.rmtree(second.dir, ignore_errors=True)
            first.stop()


if __name__ == "__main__":
    unittest.main()
