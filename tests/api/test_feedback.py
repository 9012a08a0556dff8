"""Feedback and petitions (phản ánh, kiến nghị, issue 16), end to end over HTTP on either store.

- a citizen files on the portal with an attachment and Idempotency-Key, follows the case, and a
  replayed key with another body is refused;
- anonymous and contact-less filings are recorded and answered with the rules' Vietnamese reply;
- oversized, disguised or malformed attachments are refused and nothing is written;
- the desk classifies, transfers (the clock restarts), assigns, answers and publishes; the
  citizen rates, reopens once, and the published answer is found without diacritics, with the
  sender's personal data removed; the leaders' counters moved;
- another citizen gets 404 by every URL of a case, and nothing is written;
- text with <script> is stored and answered exactly as sent (JSON, never HTML);
- the hotline desk logs a call (received_by), a clerk may not;
- a case naming a dossier: the dossier lists it, only for who may read both;
- the Open311 GeoReport v2 API files through the same intake;
- the deadline watch reminds and escalates to the superior agency, through the outbox.
"""
import base64
import datetime
import json
import os
import sqlite3
import subprocess
import unittest
import urllib.parse

import harness
from harness import Client, Server, as_staff, intake, logged_in, new_key, procedure_for

server = None

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS"] = "1000"  # this module files many cases
    server.setup().start()


def tearDownModule():
    server.stop()


def sql(q):
    """Rows of a query on the server's store (either engine), as lists of strings/ints."""
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\x1f", "-c", q],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\x1f") for line in out.splitlines() if line]
    db = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        return [[str(x) if x is not None else "" for x in r] for r in db.execute(q).fetchall()]
    finally:
        db.close()


def count(table, where="1=1"):
    return int(sql(f"SELECT COUNT(*) FROM {table} WHERE {where}")[0][0])


def writes():
    """What a refused request must not change."""
    return (count("feedback_cases"), count("feedback_events"), count("feedback_attachments"),
            count("feedback_ratings"), count("audit_log"), count("outbox"))


def citizen(pid, name="Trần Thị Bình"):
    c = Client(server)
    c.login_citizen(pid, name)
    return c


def b64(data):
    return base64.b64encode(data).decode()


def filing(**over):
    body = {"kind": "phan_anh", "title": "Chậm trả kết quả khai sinh",
            "content": "Tôi nộp hồ sơ khai sinh đã quá hẹn 5 ngày nhưng chưa nhận được kết quả.",
            "sender_phone": "0905 123 456", "sender_email": "binh.tran@example.vn"}
    body.update(over)
    return body


def file_case(client, **over):
    status, body, _ = client.post("/api/v1/feedback", filing(**over), headers={"Idempotency-Key": new_key()})
    assert status == 201, (status, body)
    return body


class Filing(unittest.TestCase):
    def test_citizen_files_with_attachment_and_follows_it(self):
        c = citizen("051090007001")
        key = new_key()
        body = filing(attachments=[{"file_name": "../../giấy hẹn.png", "data_base64": b64(PNG)}])
        status, f, _ = c.post("/api/v1/feedback", body, headers={"Idempotency-Key": key})
        self.assertEqual(status, 201, f)
        self.assertTrue(f["accepted"])
        self.assertTrue(f["code"].startswith("PAKN-"))
        # The same request again answers the same case; the key with another body is refused.
        status, again, _ = c.post("/api/v1/feedback", body, headers={"Idempotency-Key": key})
        self.assertEqual((status, again["id"]), (201, f["id"]))
        before = writes()
        status, p, _ = c.post("/api/v1/feedback", filing(content="Một nội dung khác hẳn để thử khóa."),
                              headers={"Idempotency-Key": key})
        self.assertEqual(status, 409, p)
        self.assertEqual(writes(), before)
        status, v, _ = c.get(f["href"])
        self.assertEqual(status, 200, v)
        self.assertEqual(v["state"], "received")
        self.assertEqual(v["channel"], "portal")
        self.assertEqual(v["sender"]["phone"], "0905123456")
        self.assertEqual(v["sender"]["name"], "Trần Thị Bình")  # from the session
        self.assertEqual(len(v["attachments"]), 1)
        att = v["attachments"][0]
        self.assertEqual(att["file_name"], "giấy hẹn.png")
        self.assertEqual(att["content_type"], "image/png")
        status, raw, h = c.get(att["href"])
        self.assertEqual((status, raw), (200, PNG))
        self.assertEqual(h["x-content-type-options"], "nosniff")
        self.assertTrue(h["content-disposition"].startswith("attachment"))
        self.assertEqual([e["action"] for e in v["history"]], ["filed"])
        status, mine, _ = c.get("/api/v1/me/feedback")
        self.assertEqual(status, 200)
        self.assertIn(f["id"], [x["id"] for x in mine["items"]])
        self.assertEqual(count("audit_log", f"action = 'feedback.filed' AND object = 'feedback:{f['id']}'"), 1)
        self.assertEqual(count("outbox", f"payload LIKE '%feedback_received%' AND payload LIKE '%{f['id']}%'"), 1)

    def test_anonymous_and_contactless_get_the_rules_answer(self):
        anon = Client(server)
        status, f, _ = anon.post("/api/v1/feedback", {"content": "Cán bộ một cửa xã gây khó dễ khi nhận hồ sơ."})
        self.assertEqual(status, 201, f)
        self.assertFalse(f["accepted"])
        self.assertIn("không ghi rõ họ tên", f["reply"])
        self.assertIn("Điều 7 Nghị định 20/2008/NĐ-CP", f["reply"])
        status, f2, _ = anon.post("/api/v1/feedback", {"content": "Cán bộ một cửa xã gây khó dễ khi nhận hồ sơ.",
                                                        "sender_name": "Lê Văn Cường"})
        self.assertEqual(status, 201, f2)
        self.assertFalse(f2["accepted"])
        self.assertIn("số điện thoại, thư điện tử hoặc địa chỉ", f2["reply"])
        # Recorded and counted, never handled.
        rows = sql(f"SELECT state, verdict FROM feedback_cases WHERE id IN ('{f['id']}', '{f2['id']}') ORDER BY verdict")
        self.assertEqual(rows, [["refused", "anonymous"], ["refused", "incomplete"]])
        self.assertEqual(int(sql("SELECT COALESCE(SUM(n),0) FROM feedback_counters WHERE metric = 'refused_anonymous'")[0][0]) >= 1, True)
        # Named and reachable without a session: accepted.
        status, f3, _ = anon.post("/api/v1/feedback", {"content": "Đề nghị niêm yết rõ phí chứng thực tại xã.",
                                                        "kind": "kien_nghi", "sender_name": "Lê Văn Cường",
                                                        "sender_address": "Thôn 2, xã Nghĩa Hành"})
        self.assertEqual((status, f3["accepted"]), (201, True), f3)
        # An anonymous filer cannot read the case (no session): 401.
        status, _, _ = anon.get(f3["href"])
        self.assertEqual(status, 401)

    def test_bad_input_is_refused_and_nothing_is_written(self):
        c = citizen("051090007002")
        before = writes()
        cases = [
            (filing(content="   "), 400),
            (filing(content="ngắn"), 400),
            (filing(sender_email="a@b@c.vn"), 400),
            (filing(sender_phone="12345"), 400),
            (filing(kind="khieu_nai"), 400),
            (filing(attachments=[{"file_name": "x.pdf", "data_base64": "!!không phải base64!!"}]), 400),
            (filing(attachments=[{"file_name": "x.pdf", "data_base64": b64(b"<html><script>alert(1)</script></html>")}]), 415),
            (filing(attachments=[{"file_name": "x.exe", "data_base64": b64(b"MZ\x90\x00" + b"\0" * 100)}]), 415),
            (filing(attachments=[{"file_name": "big.pdf", "data_base64": b64(PDF + b"\0" * (5 * 1024 * 1024 + 1))}]), 413),
            (filing(attachments=[{"file_name": f"{i}.pdf", "data_base64": b64(PDF)} for i in range(6)]), 400),
            (filing(unknown_field=1), 400),
        ]
        for body, expect in cases:
            status, p, h = c.post("/api/v1/feedback", body)
            self.assertEqual(status, expect, (body.get("content"), p))
            self.assertIn("problem+json", h["content-type"])
            self.assertTrue(p["detail"])
        status, p, _ = c.post("/api/v1/feedback", raw=b'{"content": "\xff\xfe"}')
        self.assertEqual(status, 400, p)
        self.assertEqual(writes(), before)

    def test_attachments_up_to_the_limits_are_taken(self):
        c = citizen("051090007004")
        big = PDF + b"\0" * (4 * 1024 * 1024 + 512 * 1024)  # 4.5 MB each, 9 MB in all (limits: 5 and 10)
        f = file_case(c, attachments=[{"file_name": "a.pdf", "data_base64": b64(big)},
                                      {"file_name": "b.pdf", "data_base64": b64(big + b"x")}])
        status, v, _ = c.get(f["href"])
        self.assertEqual([a["size_bytes"] for a in v["attachments"]], [len(big), len(big) + 1])
        status, raw, _ = c.get(v["attachments"][1]["href"])
        self.assertEqual(raw, big + b"x")
        # Three files of 3.6 MB each are under the per-file limit and over the 10 MB in all.
        mid = PDF + b"\0" * (3 * 1024 * 1024 + 600 * 1024)
        before = writes()
        status, p, _ = c.post("/api/v1/feedback", filing(attachments=[{"file_name": f"{i}.pdf", "data_base64": b64(mid)}
                                                                      for i in range(3)]))
        self.assertEqual((status, p["type"].rsplit("/", 1)[1]), (413, "attachment_too_large"), p)
        self.assertEqual(writes(), before)

    def test_script_text_is_stored_and_answered_as_sent(self):
        c = citizen("051090007003")
        text = "<script>alert('xss')</script> Cán bộ \"hẹn\" & không trả <b>kết quả</b>."
        f = file_case(c, content=text, title="<img src=x onerror=alert(1)>")
        status, v, h = c.get(f["href"])
        self.assertEqual(status, 200)
        self.assertTrue(h["content-type"].startswith("application/json"))
        self.assertEqual(v["content"], text)
        self.assertEqual(v["title"], "<img src=x onerror=alert(1)>")
        self.assertEqual(sql(f"SELECT content FROM feedback_cases WHERE id = '{f['id']}'")[0][0], text)


class Handling(unittest.TestCase):
    def test_classify_transfer_assign_answer_publish_rate_reopen(self):
        c = citizen("051090007010", "Phạm Minh Đức")
        f = file_case(c, content="Ông Phạm Minh Đức, số 0912345678, phản ánh hộ tịch xã trả kết quả chậm.",
                      sender_phone="0912345678")
        desk = as_staff(server, "reception", agency="ttphcc")
        status, v, _ = desk.get(f["href"])
        self.assertEqual(status, 200, v)
        self.assertEqual(v["agency_id"], "ttphcc")
        self.assertIn("classify", v["may"])
        self.assertNotIn("assign", v["may"])  # reception does not assign
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "classify", "field": "Hộ tịch", "kind": "phan_anh"})
        self.assertEqual((status, v["state"]), (200, "classified"), v)
        first_due = v["due_at"]
        self.assertTrue(first_due)
        status, p, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "classify", "field": "Không có",
                                                                         "kind": "phan_anh"})
        self.assertEqual(status, 400, p)
        # Transferred to the competent agency: recorded, the clock restarts there.
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "transfer", "agency_id": "stp", "reason": "Thuộc thẩm quyền Sở Tư pháp"})
        self.assertEqual((status, v["state"], v["agency_id"]), (200, "transferred", "stp"), v)
        self.assertGreaterEqual(v["due_at"], first_due)
        # The sending desk no longer reads it; another agency never did.
        status, _, _ = desk.get(f["href"])
        self.assertEqual(status, 403)
        status, _, _ = as_staff(server, "head", agency="sxd").get(f["href"])
        self.assertEqual(status, 403)
        specialist = logged_in(server, "chuyenvien.stp")
        status, p, _ = specialist.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "answer", "answer": "Đã xử lý."})
        self.assertEqual((status, p["type"].rsplit("/", 1)[1]), (403, "not_your_case"), p)  # not given to them (yet)
        status, p, _ = specialist.post(f"/api/v1/feedback/{f['id']}/actions",
                                       {"action": "assign", "assignee_id": "x"})
        self.assertEqual(status, 403, p)  # a specialist does not assign
        head = logged_in(server, "truongphong.stp")
        status, me, _ = specialist.get("/api/v1/auth/me")
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "assign", "assignee_id": me["user"]["id"]})
        self.assertEqual((status, v["state"]), (200, "assigned"), v)
        answer = "Sở Tư pháp đã kiểm tra; UBND xã trả kết quả cho ông Phạm Minh Đức (0912345678) ngày 3/12."
        status, v, _ = specialist.post(f"/api/v1/feedback/{f['id']}/actions",
                                       {"action": "answer", "answer": answer, "publish": True})
        self.assertEqual((status, v["state"], v["published"]), (200, "answered", True), v)
        self.assertEqual(v["timeliness"] in ("early", "on_time"), True)
        # Published, found without diacritics, personal data removed.
        status, pub, _ = Client(server).get("/api/v1/feedback/published?q=" + urllib.parse.quote("ho tich tra ket qua"))
        self.assertEqual(status, 200, pub)
        mine = [x for x in pub["items"] if x["code"] == f["code"]]
        self.assertEqual(len(mine), 1, pub)
        shown = json.dumps(mine[0], ensure_ascii=False)
        self.assertNotIn("0912345678", shown)
        self.assertNotIn("Phạm Minh Đức", shown)
        self.assertIn("[đã ẩn]", shown)
        self.assertEqual(mine[0]["agency_name"], v["agency_name"])
        # The citizen rates, once; then reopens, once.
        status, v, _ = c.get(f["href"])
        self.assertEqual(v["answer"], answer)
        self.assertEqual(set(v["may"]), {"rate", "reopen"})
        status, v, _ = c.post(f"/api/v1/feedback/{f['id']}/rating", {"score": "dissatisfied", "comment": "Chưa rõ"})
        self.assertEqual(status, 200, v)
        self.assertEqual(v["may"], ["reopen"])  # rated once; may still reopen
        status, p, _ = c.post(f"/api/v1/feedback/{f['id']}/rating", {"score": "satisfied"})
        self.assertEqual((status, p["type"].rsplit("/", 1)[1]), (409, "already_rated"), p)
        status, v, _ = c.post(f"/api/v1/feedback/{f['id']}/reopen", {"reason": "Xã vẫn chưa trả kết quả."})
        self.assertEqual((status, v["state"], v["reopened"]), (200, "reopened", True), v)
        status, v, _ = specialist.post(f"/api/v1/feedback/{f['id']}/actions",
                                       {"action": "answer", "answer": "Đã trả kết quả ngày 4/12."})
        self.assertEqual((status, v["state"]), (200, "answered"), v)
        status, p, _ = c.post(f"/api/v1/feedback/{f['id']}/reopen", {"reason": "Lần nữa"})
        self.assertEqual(status, 409, p)
        self.assertEqual(p["detail"], "Mỗi phản ánh, kiến nghị chỉ được mở lại một lần.")
        status, v, _ = c.post(f"/api/v1/feedback/{f['id']}/rating", {"score": "very_satisfied"})
        self.assertEqual(status, 200, v)
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "close"})
        self.assertEqual((status, v["state"]), (200, "closed"), v)
        self.assertEqual([e["action"] for e in v["history"]],
                         ["filed", "classify", "transfer", "assign", "answer", "rate", "reopen", "answer", "rate", "close"])
        # Every step audited; the leaders' figures moved in the same transactions.
        self.assertEqual(count("audit_log", f"object = 'feedback:{f['id']}'"), 10)
        leader = logged_in(server, "lanhdao.stp")
        month = v["answered_at"][:7]
        status, fig, _ = leader.get(f"/api/v1/staff/feedback/figures?agency_id=stp&from={month}&to={month}")
        self.assertEqual(status, 200, fig)
        self.assertGreaterEqual(fig["handled"], 2)
        self.assertGreaterEqual(fig["rated"], 2)
        metrics = {(x["metric"], x["field"]) for x in fig["counters"]}
        self.assertIn(("transferred_in", "Hộ tịch"), metrics)
        self.assertIn(("reopened", "Hộ tịch"), metrics)
        status, _, _ = specialist.get(f"/api/v1/staff/feedback/figures?agency_id=stp&from={month}&to={month}")
        self.assertEqual(status, 403)
        status, lst, _ = head.get("/api/v1/staff/feedback?state=closed")
        self.assertIn(f["id"], [x["id"] for x in lst["items"]])

    def test_private_answers_are_not_published(self):
        c = citizen("051090007011")
        f = file_case(c, **{"private": True})
        desk = as_staff(server, "reception", agency="ttphcc")
        desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "classify", "field": "Khác", "kind": "phan_anh"})
        head = as_staff(server, "head", agency="ttphcc") if False else None
        rows = sql(f"SELECT state FROM feedback_cases WHERE id = '{f['id']}'")
        self.assertEqual(rows, [["classified"]])
        # Move it to an agency with a head, who assigns to themself and answers with publish.
        desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "transfer", "agency_id": "snv"})
        head = logged_in(server, "truongphong.snv")
        status, me, _ = head.get("/api/v1/auth/me")
        head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "assign", "assignee_id": me["user"]["id"]})
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "answer", "answer": "Trả lời riêng.", "publish": True})
        self.assertEqual((status, v["published"]), (200, False), v)
        status, p, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "publish"})
        self.assertEqual(status, 409, p)
        status, pub, _ = Client(server).get("/api/v1/feedback/published?limit=50")
        self.assertNotIn(f["code"], [x["code"] for x in pub["items"]])


class Privacy(unittest.TestCase):
    def test_another_citizen_gets_404_by_every_url_and_nothing_is_written(self):
        owner = citizen("051090007020")
        f = file_case(owner, attachments=[{"file_name": "a.pdf", "data_base64": b64(PDF)}])
        status, v, _ = owner.get(f["href"])
        att = v["attachments"][0]["href"]
        other = citizen("051090007021")
        before = writes()
        for method, path, body in [
            ("GET", f["href"], None),
            ("GET", att, None),
            ("POST", f"/api/v1/feedback/{f['id']}/rating", {"score": "satisfied"}),
            ("POST", f"/api/v1/feedback/{f['id']}/reopen", {"reason": "thử"}),
            ("GET", "/api/v1/feedback/khong-co-ma-nay", None),
        ]:
            status, p, _ = other.request(method, path, body=body)
            self.assertEqual(status, 404, (path, p))
            self.assertEqual(p["detail"], "Không tìm thấy phản ánh, kiến nghị.")
        status, p, _ = other.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "classify", "field": "Khác",
                                                                         "kind": "phan_anh"})
        self.assertEqual(status, 404, p)
        status, p, _ = owner.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "close"})
        self.assertEqual((status, p["type"].rsplit("/", 1)[1]), (403, "role_not_allowed"), p)
        status, mine, _ = other.get("/api/v1/me/feedback")
        self.assertNotIn(f["id"], [x["id"] for x in mine["items"]])
        self.assertEqual(writes(), before)


class Hotline(unittest.TestCase):
    def test_the_desk_logs_a_call(self):
        desk = as_staff(server, "reception", agency="ttphcc")
        status, me, _ = desk.get("/api/v1/auth/me")
        status, f, _ = desk.post("/api/v1/staff/feedback/calls",
                                 {"kind": "phan_anh", "content": "Người gọi phản ánh phải chờ 2 giờ tại quầy tiếp nhận.",
                                  "sender_name": "Võ Thị Hoa", "sender_phone": "0935111222"},
                                 headers={"Idempotency-Key": new_key()})
        self.assertEqual(status, 201, f)
        status, v, _ = desk.get(f["href"])
        self.assertEqual((v["channel"], v["received_by"]), ("hotline", me["user"]["id"]), v)
        self.assertEqual(v["history"][0]["actor"], "staff:" + me["user"]["username"])
        clerk = logged_in(server, "vanthu.stp")
        status, p, _ = clerk.post("/api/v1/staff/feedback/calls", {"content": "Một cuộc gọi thử nghiệm dài."})
        self.assertEqual(status, 403, p)
        status, p, _ = citizen("051090007030").post("/api/v1/staff/feedback/calls", {"content": "Một cuộc gọi thử."})
        # A citizen's session is no staff session: the desk's routes ask for a staff login.
        self.assertEqual(status, 401, p)
        self.assertTrue(p["type"].endswith("/unauthenticated"), p)


class DossierLink(unittest.TestCase):
    def test_a_case_naming_a_dossier(self):
        reception = as_staff(server, "reception", "commune_committee")
        d = intake(reception, procedure_for(reception, reception.agency), person="051090007040", name="Hồ Văn Sơn")
        owner = citizen("051090007040", "Hồ Văn Sơn")
        f = file_case(owner, dossier_code=d["code"])
        status, v, _ = owner.get(f["href"])
        self.assertEqual(v["dossier"]["code"], d["code"])
        self.assertEqual(v["dossier"]["id"], d["id"])
        self.assertEqual(v["agency_id"], d["competent_agency_id"])
        status, lst, _ = owner.get(f"/api/v1/dossiers/{d['id']}/feedback")
        self.assertEqual((status, [x["id"] for x in lst["items"]]), (200, [f["id"]]), lst)
        status, lst, _ = reception.get(f"/api/v1/dossiers/{d['id']}/feedback")
        self.assertEqual((status, [x["id"] for x in lst["items"]]), (200, [f["id"]]), lst)
        status, _, _ = citizen("051090007041").get(f"/api/v1/dossiers/{d['id']}/feedback")
        self.assertEqual(status, 404)
        status, _, _ = as_staff(server, "reception", agency="sxd").get(f"/api/v1/dossiers/{d['id']}/feedback")
        self.assertEqual(status, 403)
        # Someone else naming the dossier: their case keeps the code they gave, never the link.
        stranger = citizen("051090007042")
        g = file_case(stranger, dossier_code=d["code"])
        status, v, _ = stranger.get(g["href"])
        self.assertEqual(v["dossier"], {"id": None, "code": d["code"]})
        status, lst, _ = owner.get(f"/api/v1/dossiers/{d['id']}/feedback")
        self.assertEqual([x["id"] for x in lst["items"]], [f["id"]])


class Open311(unittest.TestCase):
    def test_services_create_and_status(self):
        anon = Client(server)
        status, svc, _ = anon.get("/open311/v2/services.json")
        self.assertEqual(status, 200)
        self.assertEqual([s["service_code"] for s in svc], ["phan_anh", "kien_nghi"])
        form = urllib.parse.urlencode({"service_code": "kien_nghi", "description": "Đề nghị bỏ yêu cầu bản sao có chứng thực.",
                                       "first_name": "Lan", "last_name": "Nguyễn Thị", "email": "lan@example.vn"})
        hdr = {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": new_key()}
        status, created, _ = anon.request("POST", "/open311/v2/requests.json", raw=form.encode(), headers=hdr)
        self.assertEqual(status, 201, created)
        code = created[0]["service_request_id"]
        status, again, _ = anon.request("POST", "/open311/v2/requests.json", raw=form.encode(), headers=hdr)
        self.assertEqual(again[0]["service_request_id"], code)
        status, req, _ = anon.get(f"/open311/v2/requests/{code}.json")
        self.assertEqual(status, 200, req)
        self.assertEqual((req[0]["status"], req[0]["service_code"]), ("open", "kien_nghi"))
        self.assertNotIn("lan@example.vn", json.dumps(req))
        self.assertEqual(sql(f"SELECT channel, sender_name FROM feedback_cases WHERE code = '{code}'"),
                         [["open311", "Nguyễn Thị Lan"]])
        status, lst, _ = anon.get(f"/open311/v2/requests.json?service_request_id={code},PAKN-KHONGCO")
        self.assertEqual([x["service_request_id"] for x in lst], [code])
        before = writes()
        for body in ({"service_code": "khac", "description": "Một nội dung đủ dài."},
                     {"service_code": "phan_anh", "description": ""},
                     {"service_code": "phan_anh", "description": "Một nội dung đủ dài.", "la": "x"}):
            status, err, _ = anon.request("POST", "/open311/v2/requests.json", raw=urllib.parse.urlencode(body).encode(),
                                          headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 400, err)
            self.assertEqual(err[0]["code"], 400)
        status, err, _ = anon.request("POST", "/open311/v2/requests.json", raw=b"description=%ZZ",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 400)
        self.assertEqual(writes(), before)
        status, err, _ = anon.get("/open311/v2/requests/PAKN-KHONGCO.json")
        self.assertEqual(status, 404)

    def test_ids_are_capped_at_64_characters(self):
        # Every id a GeoReport client sends is at most 64 characters; a longer one is refused
        # with a 400 that names the field and the limit (never echoing the value), and nothing
        # is written or looked up. 64 characters exactly still passes the cap.
        anon = Client(server)
        form_hdr = {"Content-Type": "application/x-www-form-urlencoded"}
        good = {"service_code": "phan_anh", "description": "Đèn đường trước chợ Măng Đen không sáng."}
        before = writes()
        for field in ("service_code", "account_id", "device_id", "jurisdiction_id", "address_id", "api_key"):
            body = dict(good, **{field: "A" * 65})
            status, err, _ = anon.request("POST", "/open311/v2/requests.json", raw=urllib.parse.urlencode(body).encode(),
                                          headers=form_hdr)
            self.assertEqual(status, 400, (field, err))
            self.assertEqual(err, [{"code": 400, "description": f"Trường «{field}» dài tối đa 64 ký tự."}])
        status, err, _ = anon.request("POST", "/open311/v2/requests.json",
                                      raw=urllib.parse.urlencode(dict(good, **{"x" * 65: "1"})).encode(), headers=form_hdr)
        self.assertEqual((status, err), (400, [{"code": 400, "description": "Tên trường dài tối đa 64 ký tự."}]))
        self.assertEqual(writes(), before)
        long_id = "PAKN-" + "Ệ" * 60
        for path in (f"/open311/v2/requests/{urllib.parse.quote(long_id)}.json",
                     f"/open311/v2/requests.json?service_request_id=PAKN-KHONGCO,{urllib.parse.quote(long_id)}"):
            status, err, _ = anon.get(path)
            self.assertEqual((status, err), (400, [{"code": 400,
                                                    "description": "Trường «service_request_id» dài tối đa 64 ký tự."}]))
        # At the limit: an unknown id, answered as before.
        status, _, _ = anon.get(f"/open311/v2/requests/{'P' * 64}.json")
        self.assertEqual(status, 404)
        status, lst, _ = anon.get(f"/open311/v2/requests.json?service_request_id={'P' * 64}")
        self.assertEqual((status, lst), (200, []))
        status, created, _ = anon.request("POST", "/open311/v2/requests.json",
                                          raw=urllib.parse.urlencode(dict(good, account_id="a" * 64)).encode(),
                                          headers=form_hdr)
        self.assertEqual(status, 201, created)


class Watch(unittest.TestCase):
    def test_reminder_then_escalation_to_the_superior(self):
        c = citizen("051090007050")
        f = file_case(c)
        desk = as_staff(server, "reception", agency="ttphcc")
        status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "classify", "field": "Khác", "kind": "phan_anh"})
        self.assertEqual(status, 200, v)
        # An hour before the due instant: inside the reminder window (2 working days), not late.
        due = datetime.datetime.fromisoformat(v["due_at"])
        server.run("feedback", "watch", "--at", (due - datetime.timedelta(hours=1)).isoformat())
        status, v, _ = desk.get(f["href"])
        self.assertEqual((v["reminded"], v["escalated_to"]), (True, None), v)
        self.assertEqual([e["action"] for e in v["history"]][-1], "remind")
        # Long after the due instant: escalated, once; the reminder is not repeated.
        out = server.run("feedback", "watch", "--at", "2099-01-05T09:00:00+07:00")
        self.assertIn("Đã nhắc hạn", out.stdout)
        server.run("feedback", "watch", "--at", "2099-01-06T09:00:00+07:00")
        status, v, _ = desk.get(f["href"])
        self.assertEqual(status, 200, v)
        self.assertTrue(v["reminded"])
        self.assertEqual(v["escalated_to"], "ubnd-tinh")  # the service centre's superior
        self.assertEqual([e["action"] for e in v["history"]][-2:], ["remind", "escalate"])
        self.assertEqual(count("outbox", f"payload LIKE '%feedback_escalated%' AND payload LIKE '%{f['id']}%'"), 1)
        # The citizen's view shows neither the desk's reminders nor its escalation.
        status, mine, _ = c.get(f["href"])
        self.assertEqual([e["action"] for e in mine["history"]], ["filed", "classify"])
        # The superior's province monitor reads it.
        status, _, _ = logged_in(server, "giamsat.tinh").get(f["href"])
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
