"""The feedback deadline watch writes to people (issue 16): staff accounts carry a contact e-mail
(set by an administrator, validated, audited), and the watch's reminder and escalation go out by
e-mail through the outbox relay to a real SMTP server (aiosmtpd) on loopback.

- an administrator sets a contact address; a malformed one is refused and nothing is written;
  a unit administrator of another agency may not touch the account;
- a case nearing its due instant → one reminder mail to the official it was given to;
- past it → one escalation mail to the leader of the superior agency (the organisation's parent),
  none to the official; the first SMTP attempt fails (451) and the relay's retry delivers it once;
- passes of the watch run again send nothing more; the case's title, with a <script>, is plain
  text in the text part and escaped in the HTML part.
"""
import datetime
import os
import time
import unittest
import uuid

import test_notifications as tn
from harness import Client, Server, logged_in, new_key

server = None


def setUpModule():
    global server
    tn.setUpModule()
    server = Server().setup()
    server.env.update(tn.relay_env())
    server.start()


def tearDownModule():
    server.stop()
    tn.tearDownModule()


def staff_id(admin, username):
    status, body, _ = admin.get("/api/v1/admin/staff")
    assert status == 200, body
    for s in body["items"]:
        if s["username"] == username:
            return s
    raise LookupError(username)


def mails(address, subject_prefix):
    return [m for m in tn.mails_to(address) if m[2]["Subject"].startswith(subject_prefix)]


def settle(seconds=1.5):
    """Long enough for the relay (50 ms polls, 300 ms backoff) to send anything still pending."""
    time.sleep(seconds)


class StaffEmail(unittest.TestCase):
    def test_an_administrator_sets_a_validated_address(self):
        admin = logged_in(server, "quantritinh.tinh")
        member = staff_id(admin, "vanthu.sxd")
        self.assertEqual(member["email"], "vanthu.sxd@motcua.example")  # the seed's demo address
        before = staff_id(admin, "vanthu.sxd")
        for bad in ("khong-phai-thu", "an@localhost", "An <an@example.vn>", "nguyễn@example.vn", "a@b@c.vn"):
            status, p, _ = admin.post(f"/api/v1/admin/staff/{member['id']}/email", {"email": bad})
            self.assertEqual(status, 400, (bad, p))
            self.assertEqual([e["field"] for e in p["errors"]], ["email"], p)
        status, p, _ = admin.post(f"/api/v1/admin/staff/{member['id']}/email", {"email": "a@b.vn\r\nBcc: x@y.vn"})
        self.assertEqual(status, 400, p)
        self.assertEqual(staff_id(admin, "vanthu.sxd"), before)
        status, v, _ = admin.post(f"/api/v1/admin/staff/{member['id']}/email", {"email": "tle.sxd@quangngai.gov.vn"})
        self.assertEqual((status, v["email"]), (200, "tle.sxd@quangngai.gov.vn"), v)
        self.assertEqual(staff_id(admin, "vanthu.sxd")["email"], "tle.sxd@quangngai.gov.vn")
        # Another agency's unit administrator may not change it.
        other = logged_in(server, "quantri.stp")
        status, p, _ = other.post(f"/api/v1/admin/staff/{member['id']}/email", {"email": "x@example.vn"})
        self.assertEqual(status, 403, p)
        # "" removes it; no field at all is refused.
        status, p, _ = admin.post(f"/api/v1/admin/staff/{member['id']}/email", {})
        self.assertEqual(status, 400, p)
        status, v, _ = admin.post(f"/api/v1/admin/staff/{member['id']}/email", {"email": ""})
        self.assertEqual((status, v["email"]), (200, None), v)
        status, _, _ = Client(server).post(f"/api/v1/admin/staff/{member['id']}/email", {"email": "x@example.vn"})
        self.assertEqual(status, 401)


class WatchMail(unittest.TestCase):
    def test_reminder_to_the_assignee_then_escalation_to_the_superiors_leader_each_once(self):
        tag = uuid.uuid4().hex[:8]
        admin = logged_in(server, "quantritinh.tinh")
        official, leader = staff_id(admin, "chuyenvien.stp"), staff_id(admin, "lanhdao.tinh")
        official_mail, leader_mail = f"loc.{tag}@stp.example.vn", f"luc.{tag}@ubnd.example.vn"
        for who, addr in ((official, official_mail), (leader, leader_mail)):
            status, v, _ = admin.post(f"/api/v1/admin/staff/{who['id']}/email", {"email": addr})
            self.assertEqual(status, 200, v)
        # A case filed, classified at the service centre, transferred to the justice department,
        # given to its specialist.
        c = Client(server)
        c.login_citizen("051090007090", "Trần Thị Bình")
        title = f"Chậm trả kết quả <script>alert('{tag}')</script>"
        status, f, _ = c.post("/api/v1/feedback", {"kind": "phan_anh", "title": title,
                                                   "content": "Hồ sơ khai sinh đã quá hẹn năm ngày.",
                                                   "sender_phone": "0905123457"},
                              headers={"Idempotency-Key": new_key()})
        self.assertEqual(status, 201, f)
        desk = logged_in(server, "tiepnhan.ttphcc")
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "classify", "field": "Hộ tịch", "kind": "phan_anh"})
        self.assertEqual(status, 200, v)
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "transfer", "agency_id": "stp"})
        self.assertEqual(status, 200, v)
        head = logged_in(server, "truongphong.stp")
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "assign", "assignee_id": official["id"]})
        self.assertEqual(status, 200, v)
        due = datetime.datetime.fromisoformat(v["due_at"])
        remind_subject = f"Nhắc hạn xử lý phản ánh, kiến nghị {f['code']}"
        late_subject = f"Phản ánh, kiến nghị {f['code']} quá hạn xử lý"

        # An hour before the due instant: one reminder, to the official.
        server.run("feedback", "watch", "--at", (due - datetime.timedelta(hours=1)).isoformat())
        got = tn.wait_for("the reminder", lambda: mails(official_mail, remind_subject))
        text, html = tn.parts(got[0][2])
        self.assertIn("Đặng Văn Lộc", text)
        self.assertIn(title, text)  # plain text as written
        self.assertIsNotNone(html)
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        server.run("feedback", "watch", "--at", (due - datetime.timedelta(minutes=30)).isoformat())
        settle()
        self.assertEqual(len(mails(official_mail, remind_subject)), 1)
        self.assertEqual(mails(leader_mail, remind_subject), [])

        # Past it: the superior (ubnd-tinh, the department's parent) hears by its leader. The SMTP
        # server refuses the first attempt; the relay's retry delivers it, once.
        with open(os.path.join(tn.mail_dir, ".fail"), "w") as fh:
            fh.write("1")
        late = (due + datetime.timedelta(days=2)).isoformat()
        server.run("feedback", "watch", "--at", late)
        got = tn.wait_for("the escalation", lambda: mails(leader_mail, late_subject))
        with open(os.path.join(tn.mail_dir, ".fail")) as fh:
            self.assertEqual(fh.read(), "0")  # the refusal was used: this mail is the retry
        text, html = tn.parts(got[0][2])
        self.assertIn("Ủy ban nhân dân tỉnh Quảng Ngãi", text)
        self.assertIn("Sở Tư pháp", text)
        self.assertNotIn("<script>", html)
        server.run("feedback", "watch", "--at", (due + datetime.timedelta(days=3)).isoformat())
        settle()
        self.assertEqual(len(mails(leader_mail, late_subject)), 1)
        self.assertEqual(mails(official_mail, late_subject), [])
        self.assertEqual(len(mails(official_mail, remind_subject)), 1)
        # The history names who was told; the superior's leader reads the case.
        status, v, _ = head.get(f["href"])
        self.assertEqual(status, 200, v)
        self.assertEqual(v["escalated_to"], "ubnd-tinh")
        status, _, _ = logged_in(server, "lanhdao.tinh").get(f["href"])
        self.assertEqual(status, 200)

    def test_an_unassigned_case_reminds_the_heads_of_the_handling_agency(self):
        tag = uuid.uuid4().hex[:8]
        admin = logged_in(server, "quantritinh.tinh")
        head = staff_id(admin, "truongphong.sxd")
        head_mail = f"duc.{tag}@sxd.example.vn"
        status, v, _ = admin.post(f"/api/v1/admin/staff/{head['id']}/email", {"email": head_mail})
        self.assertEqual(status, 200, v)
        c = Client(server)
        c.login_citizen("051090007091", "Lê Văn Cường")
        status, f, _ = c.post("/api/v1/feedback", {"kind": "phan_anh", "title": "Cấp phép xây dựng chậm",
                                                   "content": "Giấy phép xây dựng quá hẹn mười ngày.",
                                                   "sender_phone": "0905123458"},
                              headers={"Idempotency-Key": new_key()})
        self.assertEqual(status, 201, f)
        desk = logged_in(server, "tiepnhan.ttphcc")
        desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "classify", "field": "Hoạt động xây dựng", "kind": "phan_anh"})
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "transfer", "agency_id": "sxd"})
        self.assertEqual(status, 200, v)
        due = datetime.datetime.fromisoformat(v["due_at"])
        server.run("feedback", "watch", "--at", (due - datetime.timedelta(hours=1)).isoformat())
        got = tn.wait_for("the reminder", lambda: mails(head_mail, f"Nhắc hạn xử lý phản ánh, kiến nghị {f['code']}"))
        self.assertEqual(len(got), 1)
        # Answered in time: no later pass escalates it.
        hc = logged_in(server, "truongphong.sxd")
        status, v, _ = hc.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "assign", "assignee_id": head["id"]})
        self.assertEqual(status, 200, v)
        status, v, _ = hc.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "answer", "answer": "Đã cấp giấy phép."})
        self.assertEqual(status, 200, v)


if __name__ == "__main__":
    unittest.main()
