"""The feedback mailbox against a real IMAP server process (issue 16): Debian's dovecot on
loopback, started by scripts/imap_test_server.sh; mails are delivered into it with IMAP APPEND.

- the reader (integrations/mail) files each new mail once, marks it \\Seen only after it is
  filed, leaves it unseen while the store is down, flags what it refuses, and a mail delivered
  twice (same Message-ID) files nothing new — run as the C++ test MailboxReaderLive.* in
  build/integrations_tests against this server (its Intake records what it is given: the
  feedback context is another branch);
- through `motcua serve` with MOTCUA_MAILBOX_URL a mail becomes a case (channel email) that the
  desk reads; when an official answers, the answer goes back by e-mail to the sender (a real SMTP
  server, test_notifications' sink), the answer's <script> escaped in the HTML part.
"""
import imaplib
import os
import subprocess
import tempfile
import time
import unittest

import test_notifications as tn
from harness import ROOT, Server, logged_in

BIN_DIR = os.path.dirname(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
TESTS = os.path.join(BIN_DIR, "integrations_tests")
SCRIPT = os.path.join(ROOT, "scripts", "imap_test_server.sh")

imap_dir = None
imap = None  # (url, user, password)


def setUpModule():
    global imap_dir, imap
    imap_dir = tempfile.mkdtemp(prefix="motcua-imap-")
    out = subprocess.run(["bash", SCRIPT, "start", imap_dir], capture_output=True, text=True)
    if out.returncode == 2:
        raise unittest.SkipTest("dovecot-imapd is not installed (scripts/bootstrap.sh)")
    out.check_returncode()
    imap = tuple(out.stdout.split())
    tn.setUpModule()  # the SMTP server the answers go to


def tearDownModule():
    subprocess.run(["bash", SCRIPT, "stop", imap_dir], capture_output=True)
    tn.tearDownModule()


class Mailbox(unittest.TestCase):
    def test_the_server_takes_mail_by_append(self):
        url, user, password = imap
        host, port = url.split("/")[2].split(":")
        m = imaplib.IMAP4(host, int(port))
        m.login(user, password)
        typ, _ = m.append("INBOX", None, None, b"From: a@example.vn\r\nSubject: x\r\nMessage-ID: <p@x>\r\n\r\nhi\r\n")
        self.assertEqual(typ, "OK")
        m.logout()

    def test_reader_against_the_real_server(self):
        self.assertTrue(os.path.exists(TESTS), TESTS + " is not built (ninja -C build integrations_tests)")
        env = dict(os.environ, MOTCUA_TEST_IMAP=" ".join(imap))
        r = subprocess.run([TESTS, "--gtest_filter=MailboxReaderLive.*"], env=env, capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout[-4000:] + r.stderr[-2000:])
        self.assertIn("[  PASSED  ] 2 tests", r.stdout)
        self.assertNotIn("SKIPPED", r.stdout)

    def test_a_mail_becomes_a_case_through_serve(self):
        # serve reads the mailbox only with the feedback context's Intake wired (App::intake()).
        url, user, password = imap
        host, port = url.split("/")[2].split(":")
        server = Server()
        server.env.update({"MOTCUA_MAILBOX_URL": url, "MOTCUA_MAILBOX_USER": user,
                           "MOTCUA_MAILBOX_PASSWORD": password, "MOTCUA_MAILBOX_POLL_S": "1"})
        server.env.update(tn.relay_env())
        server.setup().start()
        try:
            m = imaplib.IMAP4(host, int(port))
            m.login(user, password)
            mid = f"serve-{time.time_ns()}@example.vn"
            sender = f"binh.{time.time_ns()}@example.vn"
            raw = (f"From: =?UTF-8?B?VHLhuqduIFRo4buLIELDrG5o?= <{sender}>\r\nSubject: =?UTF-8?B?UGjhuqNuIMOhbmg=?=\r\n"
                   f"Message-ID: <{mid}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                   "Hồ sơ của tôi quá hạn.\r\n").encode()
            self.assertEqual(m.append("INBOX", None, None, raw)[0], "OK")
            m.select("INBOX")
            _, found = m.search(None, "HEADER", "Message-ID", mid)
            num = found[0].split()[-1]
            deadline = time.time() + 20
            while time.time() < deadline:  # \Seen only once the case is filed
                m.noop()
                _, flags = m.fetch(num, "(FLAGS)")
                if b"\\Seen" in flags[0]:
                    break
                time.sleep(0.2)
            self.assertIn(b"\\Seen", flags[0])
            m.logout()
            # The desk reads the case: channel e-mail, the sender as the mail named them.
            desk = logged_in(server, "tiepnhan.ttphcc")
            status, lst, _ = desk.get("/api/v1/staff/feedback?state=received&limit=100")
            self.assertEqual(status, 200, lst)
            mine = [v for v in (desk.get(f"/api/v1/feedback/{x['id']}")[1] for x in lst["items"] if x["channel"] == "email")
                    if v["sender"]["email"] == sender]
            self.assertEqual(len(mine), 1, lst)
            v, cid, status = mine[0], mine[0]["id"], 200
            self.assertEqual((status, v["accepted"], v["title"]), (200, True, "Phản ánh"), v)
            self.assertEqual(v["sender"]["email"], sender)
            self.assertEqual(v["sender"]["name"], "Trần Thị Bình")
            self.assertIn("Hồ sơ của tôi quá hạn.", v["content"])
            got = tn.wait_for("the receipt", lambda: tn.mails_to(sender))
            self.assertEqual(got[0][2]["Subject"], f"Đã tiếp nhận phản ánh, kiến nghị {v['code']}")
            # An official answers: the answer goes back by e-mail to the sender.
            act = f"/api/v1/feedback/{cid}/actions"
            status, r, _ = desk.post(act, {"action": "classify", "field": "Khác", "kind": "phan_anh"})
            self.assertEqual(status, 200, r)
            desk.post(act, {"action": "transfer", "agency_id": "stp"})
            head = logged_in(server, "truongphong.stp")
            _, me, _ = head.get("/api/v1/auth/me")
            head.post(act, {"action": "assign", "assignee_id": me["user"]["id"]})
            answer = "Hồ sơ đã được trả <script>alert(1)</script> ngày 4/12."
            status, r, _ = head.post(act, {"action": "answer", "answer": answer})
            self.assertEqual((status, r["state"]), (200, "answered"), r)
            subject = f"Trả lời phản ánh, kiến nghị {v['code']}"
            got = tn.wait_for("the answer by e-mail",
                              lambda: [m for m in tn.mails_to(sender) if m[2]["Subject"] == subject])
            self.assertEqual(len(got), 1)
            text, html = tn.parts(got[0][2])
            self.assertIn(answer, text)
            self.assertNotIn("<script>", html)
            self.assertIn("&lt;script&gt;", html)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
