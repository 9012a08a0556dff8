"""Feedback notices reach the sender through the outbox relay (issue 16): a real SMTP server
(aiosmtpd) and the SMS simulator on loopback, as in test_notifications.

- a case filed with an e-mail address and a phone number → one e-mail «Đã tiếp nhận phản ánh,
  kiến nghị <code>» and one SMS; the answer → one e-mail carrying the answer, whose <script> is
  plain text in the text part and escaped in the HTML part;
- a case refused by the rules (a name, no contact) is told nowhere: no row for nobody.
"""
import unittest
import uuid

import test_notifications as tn
from harness import Client, Server, logged_in, new_key


def setUpModule():
    tn.setUpModule()


def tearDownModule():
    tn.tearDownModule()


class FeedbackNotices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().setup()
        cls.server.env.update(tn.relay_env())
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_filed_and_answered_by_email_and_sms(self):
        to = f"binh.{uuid.uuid4().hex[:8]}@example.vn"
        c = Client(self.server)
        c.login_citizen("051090008001", "Trần Thị Bình")
        status, f, _ = c.post("/api/v1/feedback", {"kind": "phan_anh", "content": "Xã hẹn trả kết quả khai sinh ba lần.",
                                                   "sender_email": to, "sender_phone": "0905123457"},
                              headers={"Idempotency-Key": new_key()})
        self.assertEqual(status, 201, f)
        got = tn.wait_for("the e-mail", lambda: tn.mails_to(to))
        _, _, msg = got[0]
        self.assertEqual(msg["Subject"], f"Đã tiếp nhận phản ánh, kiến nghị {f['code']}")
        text, _ = tn.parts(msg)
        self.assertIn("Trần Thị Bình", text)
        tn.wait_for("the SMS", lambda: tn.sms_with(f["code"]))
        # The desk answers; the answer goes to the sender.
        desk = logged_in(self.server, "tiepnhan.ttphcc")
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "classify", "field": "Hộ tịch", "kind": "phan_anh"})
        self.assertEqual(status, 200, v)
        desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "transfer", "agency_id": "stp"})
        head = logged_in(self.server, "truongphong.stp")
        _, me, _ = head.get("/api/v1/auth/me")
        head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "assign", "assignee_id": me["user"]["id"]})
        answer = "Đã đôn đốc xã trả kết quả <script>alert(1)</script> ngày 4/12."
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "answer", "answer": answer})
        self.assertEqual(status, 200, v)
        subject = f"Trả lời phản ánh, kiến nghị {f['code']}"
        got = tn.wait_for("the answer", lambda: [m for m in tn.mails_to(to) if m[2]["Subject"] == subject])
        text, html = tn.parts(got[0][2])
        self.assertIn(answer, text)
        self.assertIsNotNone(html)
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        # Delivered once each: received, transferred, answered (e-mail).
        subjects = sorted(m[2]["Subject"] for m in tn.mails_to(to))
        self.assertEqual(len(subjects), 3, subjects)

    def test_a_case_with_no_contact_is_told_nowhere(self):
        anon = Client(self.server)
        status, f, _ = anon.post("/api/v1/feedback", {"content": "Một phản ánh không có cách liên hệ nào.",
                                                       "sender_name": "Lê Văn Cường"})
        self.assertEqual((status, f["accepted"]), (201, False), f)
        self.assertIn("Điều 7", f["reply"])


if __name__ == "__main__":
    unittest.main()
