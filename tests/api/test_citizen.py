"""The citizen's side (issue 13): Hồ sơ của tôi, a supplement answered online, withdrawal, the
electronic result issued by the desk and downloaded by the citizen, Kho dữ liệu của tôi (reuse by
reference, counted), components the national databases could replace, and the rating — once per
dossier, from Hồ sơ của tôi, from the signed single-use link (no login) and from the desk kiosk
paired by an official. Run on both stores (MOTCUA_TEST_DB)."""
import base64
import hashlib
import hmac
import json
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

from harness import (Client, Server, act, as_staff, decide, intake, long_procedure_for, new_key, result_document)

SECRET = "bí-mật-đánh-giá-cho-kiểm-thử-0123456789"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF2 = b"%PDF-1.4\n% ket qua da ky so\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

server = None
_person = [0]


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_RATING_SECRET"] = SECRET
    server.setup().start()


def tearDownModule():
    server.stop()


def new_person():
    _person[0] += 1
    return "0510%08d" % (70000000 + _person[0] + int(time.time()) % 100000 * 10)


def citizen(person, name="Nguyễn Văn An"):
    c = Client(server)
    c.login_citizen(person, name)
    return c


def upload(client, dossier_id, data=PDF, name="giấy tờ.pdf", component="Giấy tờ"):
    q = urllib.parse.urlencode({"name": name, "component": component})
    status, doc, _ = client.request("POST", f"/api/v1/dossiers/{dossier_id}/documents?{q}", raw=data,
                                    headers={"Content-Type": "application/octet-stream"})
    assert status == 201, (status, doc)
    return doc


def outbox(topic):
    """Payloads of the outbox rows of `topic`, oldest first (read from the store itself)."""
    sql = f"SELECT payload FROM outbox WHERE topic = '{topic}' ORDER BY id"
    if server.engine == "postgres":
        out = subprocess.run(["psql", server.db[len("postgres:"):], "-At", "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    con = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        return [json.loads(r[0]) for r in con.execute(sql)]
    finally:
        con.close()


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def signed_link(dossier_id, expires_s, secret=SECRET):
    mac = hmac.new(secret.encode(), f"rating-link|{dossier_id}|{expires_s}".encode(), hashlib.sha256).digest()
    return f"{dossier_id}.{expires_s}.{b64url(mac)}"


def this_month():
    return time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))


class Desk:
    """The commune's desk: reception, specialist; dossiers received for a citizen at the counter."""

    def __init__(self):
        self.reception = as_staff(server, "reception", "commune_committee")
        self.agency = self.reception.agency
        self.specialist = as_staff(server, "specialist", agency=self.agency)
        self.proc = long_procedure_for(self.reception, self.agency)

    def received(self, person, name="Nguyễn Văn An"):
        return intake(self.reception, self.proc, person=person, name=name)

    def in_progress(self, person):
        d = self.received(person)
        status, d, _ = act(self.specialist, d["id"], "start_processing")
        assert status == 200, d
        return d

    def resolved_electronically(self, person):
        d = self.in_progress(person)
        doc = upload(self.specialist, d["id"], PDF2, "quyết định đã ký.pdf", "Kết quả")
        status, d, _ = decide(server, d["id"], result=result_document(return_method="electronic", document_id=doc["id"]))
        assert status == 200, d
        return d, doc

    def returned(self, person, by=None):
        d, doc = self.resolved_electronically(person)
        status, d, _ = act(by or self.reception, d["id"], "return_result", return_method="electronic")
        assert status == 200, d
        return d

    def counters(self, reader=None):
        m = this_month()
        status, body, _ = (reader or self.reception).get(f"/api/v1/ratings?agency_id={self.agency}&from={m}&to={m}")
        assert status == 200, body
        return body["items"][0]


class MyDossiers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = Desk()

    def test_list_newest_first_with_plain_words_and_pages(self):
        person = new_person()
        me = citizen(person)
        ids = [self.desk.received(person)["id"] for _ in range(3)]
        status, page, _ = me.get("/api/v1/me/dossiers?limit=2")
        self.assertEqual(status, 200, page)
        self.assertEqual([x["id"] for x in page["items"]], ids[::-1][:2])
        self.assertEqual(page["items"][0]["state"], "received")
        self.assertEqual(page["items"][0]["state_label"], "Đã được tiếp nhận")
        self.assertEqual(page["items"][0]["national_status"], 2)
        self.assertTrue(page["items"][0]["open"])
        self.assertIsNotNone(page["items"][0]["due_at"])
        self.assertEqual(page["items"][0]["awaiting"], [])
        self.assertTrue(page["items"][0]["procedure_name"])
        status, page2, _ = me.get("/api/v1/me/dossiers?limit=2&cursor=" + urllib.parse.quote(page["next_cursor"]))
        self.assertEqual(status, 200, page2)
        self.assertEqual([x["id"] for x in page2["items"]], [ids[0]])
        self.assertIsNone(page2["next_cursor"])
        # Filters: open / closed, one state.
        act(me, ids[0], "withdraw", note="Không cần nữa")
        _, open_, _ = me.get("/api/v1/me/dossiers?open=1")
        self.assertEqual([x["id"] for x in open_["items"]], ids[:0:-1])
        _, closed, _ = me.get("/api/v1/me/dossiers?open=0")
        self.assertEqual([x["id"] for x in closed["items"]], [ids[0]])
        self.assertEqual(closed["items"][0]["state_label"], "Đã rút hồ sơ")
        _, by_state, _ = me.get("/api/v1/me/dossiers?state=withdrawn")
        self.assertEqual([x["id"] for x in by_state["items"]], [ids[0]])
        # Bad input: a clear 400 each.
        for q, field in (("cursor=abc", "cursor"), ("state=flying", "state"), ("open=2", "open"), ("limit=0", "limit")):
            status, body, _ = me.get("/api/v1/me/dossiers?" + q)
            self.assertEqual(status, 400, (q, body))
            self.assertEqual([e["field"] for e in body["errors"]], [field], q)
        # Another citizen sees none of them; an official is told the page is for citizens.
        _, other, _ = citizen(new_person()).get("/api/v1/me/dossiers")
        self.assertEqual(other["items"], [])
        status, body, _ = self.desk.reception.get("/api/v1/me/dossiers")
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/citizens_only")
        self.assertEqual(Client(server).get("/api/v1/me/dossiers")[0], 401)

    def test_view_shows_what_the_applicant_is_shown(self):
        person = new_person()
        me = citizen(person)
        d = self.desk.in_progress(person)
        # Internal work: a consultation and hand-overs, none of which the applicant is shown.
        status, view, _ = me.get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(status, 200, view)
        self.assertEqual(view["state_label"], "Đang được giải quyết")
        events = [h["event"] for h in view["history"]]
        self.assertEqual(events, ["intake", "receive", "start_processing"])
        self.assertEqual(view["history"][1]["label"], "Hồ sơ đã được tiếp nhận")
        self.assertIsNotNone(view["history"][1]["due_at"])
        self.assertNotIn("staff:", json.dumps(view, ensure_ascii=False))  # no official's account
        self.assertEqual([f["form"] for f in view["forms"]], ["01"])
        self.assertEqual(view["forms"][0]["href"], f"/api/v1/dossiers/{d['id']}/forms/01.pdf")
        self.assertTrue(view["may_withdraw"])
        self.assertFalse(view["may_rate"])
        self.assertIsNone(view["result"])
        # The form listed is the citizen's to download.
        status, pdf, headers = me.get(view["forms"][0]["href"])
        self.assertEqual(status, 200)
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Someone else's dossier, a made-up id: the same 404.
        for who, id_ in ((citizen(new_person()), d["id"]), (me, "019ac9f2-7b1e-7c3a-9d2e-4f5a6b7c8d9e")):
            status, body, _ = who.get("/api/v1/me/dossiers/" + id_)
            self.assertEqual(status, 404, body)
            self.assertEqual(body["detail"], "Không tìm thấy hồ sơ.")

    def test_supplement_answered_online_resumes_the_clock(self):
        person = new_person()
        me = citizen(person)
        d = self.desk.in_progress(person)
        early = upload(me, d["id"]) if False else None  # the citizen cannot upload while in progress
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement", {"note": "Gửi bổ sung"})
        self.assertEqual(status, 409, body)  # nothing is asked now
        self.assertEqual(body["type"], "https://motcua.vn/problems/illegal_transition")
        status, asked, _ = act(self.desk.specialist, d["id"], "request_supplement",
                               items=["Bản sao giấy chứng nhận quyền sử dụng đất"])
        self.assertEqual(status, 200, asked)
        _, view, _ = me.get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(view["state_label"], "Cần bổ sung giấy tờ")
        self.assertEqual(view["awaiting"], [{"id": "send_supplement", "label": "Gửi giấy tờ bổ sung",
                                             "items": ["Bản sao giấy chứng nhận quyền sử dụng đất"]}])
        self.assertEqual([f["form"] for f in view["forms"]], ["01", "02"])
        self.assertTrue(view["may_answer_supplement"])
        doc = upload(me, d["id"], PDF, "giấy chứng nhận.pdf", "Giấy chứng nhận")
        # Neither a document nor a note; a document that is not this dossier's: 400, nothing moves.
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement", {})
        self.assertEqual(status, 400, body)
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement",
                                  {"document_ids": ["019ac9f2-7b1e-7c3a-9d2e-4f5a6b7c8d9e"]})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/unknown_document")
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement", {"document_ids": [doc["id"]], "x": 1})
        self.assertEqual(status, 400, body)  # unknown field
        status, view, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement",
                                  {"note": "Tôi gửi bản sao có chứng thực", "document_ids": [doc["id"]]})
        self.assertEqual(status, 200, view)
        self.assertEqual(view["state"], "in_progress")
        self.assertEqual(view["history"][-1]["event"], "supplement_received")
        self.assertEqual(view["history"][-1]["note"], "Tôi gửi bản sao có chứng thực")
        self.assertTrue(view["history"][-1]["by_me"])
        self.assertIn(doc["id"], [x["id"] for x in view["documents"]])
        # The desk sees what was sent: the note and the documents, on its own dossier view.
        status, staff, _ = self.desk.specialist.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, staff)
        self.assertFalse(staff["paused"])
        answer = staff["details"]["supplement_answer"]
        self.assertEqual(answer["documents"], [doc["id"]])
        self.assertEqual(answer["note"], "Tôi gửi bản sao có chứng thực")
        self.assertTrue(answer["online"])
        entry = staff["history"][-1]
        self.assertEqual(entry["action"], "supplement_received")
        self.assertEqual(entry["data"]["documents"], [doc["id"]])
        self.assertGreaterEqual(staff["due_at"], d["due_at"])  # moved by the paused working time
        # Once is all: the supplement cannot be answered again.
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/supplement", {"note": "lần nữa"})
        self.assertEqual(status, 409, body)

    def test_withdraw_with_a_reason(self):
        person = new_person()
        me = citizen(person)
        d = self.desk.received(person)
        before = self.desk.counters()
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/withdraw", {})
        self.assertEqual(status, 400, body)
        self.assertEqual([e["field"] for e in body["errors"]], ["reason"])
        status, body, _ = citizen(new_person()).post(f"/api/v1/me/dossiers/{d['id']}/withdraw", {"reason": "x"})
        self.assertEqual(status, 404, body)
        status, view, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/withdraw", {"reason": "Tôi đã nộp nhầm thủ tục"})
        self.assertEqual(status, 200, view)
        self.assertEqual(view["state"], "withdrawn")
        self.assertEqual(view["national_status"], 7)
        self.assertEqual(view["history"][-1]["note"], "Tôi đã nộp nhầm thủ tục")
        self.assertFalse(view["may_withdraw"])
        self.assertFalse(view["open"])
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/withdraw", {"reason": "lần nữa"})
        self.assertEqual(status, 409, body)
        status, staff, _ = self.desk.reception.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(staff["history"][-1]["note"], "Tôi đã nộp nhầm thủ tục")
        self.assertEqual(self.desk.counters(), before)  # rating counters unmoved by a withdrawal

    def test_electronic_result_issued_counted_and_downloaded(self):
        person = new_person()
        me = citizen(person)
        before = self.desk.counters()
        d = self.desk.in_progress(person)
        # Only a PDF can be the electronic result.
        png = upload(self.desk.specialist, d["id"], PNG, "ảnh.png", "Kết quả")
        status, body, _ = decide(server, d["id"], result=result_document(return_method="electronic", document_id=png["id"]))
        self.assertEqual(status, 400, body)
        self.assertIn("result.document_id", [e["field"] for e in body["errors"]])
        status, body, _ = me.get(f"/api/v1/me/dossiers/{d['id']}/result")
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/no_electronic_result")
        signed = upload(self.desk.specialist, d["id"], PDF2, "quyết định.pdf", "Kết quả")
        status, body, _ = decide(server, d["id"], result=result_document(return_method="electronic", document_id=signed["id"]))
        self.assertEqual(status, 200, body)
        self.assertEqual(self.desk.counters()["results_electronic"], before["results_electronic"] + 1)
        status, view, _ = me.get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(view["state_label"], "Đã có kết quả, chờ nhận")
        self.assertEqual([a["id"] for a in view["awaiting"]], ["download_result", "rate"])
        self.assertEqual(view["result"]["href"], f"/api/v1/me/dossiers/{d['id']}/result")
        self.assertTrue(view["result"]["electronic"])
        self.assertTrue(view["result"]["granted"])
        self.assertEqual([x["kind"] for x in view["documents"]], ["result"])  # the desk's other scans stay internal
        status, data, headers = me.get(view["result"]["href"])
        self.assertEqual(status, 200)
        self.assertEqual(data, PDF2)
        self.assertTrue(headers["content-disposition"].startswith("attachment;"))
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertEqual(citizen(new_person()).get(view["result"]["href"])[0], 404)
        # A decision whose result is on paper only is not counted as electronic.
        d2 = self.desk.in_progress(person)
        status, body, _ = decide(server, d2["id"])
        self.assertEqual(status, 200, body)
        self.assertEqual(self.desk.counters()["results_electronic"], before["results_electronic"] + 1)
        self.assertEqual(me.get(f"/api/v1/me/dossiers/{d2['id']}/result")[0], 409)


class DataStore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = Desk()

    def online(self, me, name="Nguyễn Văn An"):
        status, d, _ = me.post("/api/v1/dossiers", {"procedure_id": self.desk.proc, "channel": 2,
                                                     "receiving_agency_id": self.desk.agency,
                                                     "applicant": {"kind": "citizen", "full_name": name}})
        self.assertEqual(status, 201, d)
        return d

    def test_reuse_by_reference_is_recorded_and_counted(self):
        person = new_person()
        me = citizen(person)
        first = self.online(me)
        doc = upload(me, first["id"], PDF, "căn cước.pdf", "Căn cước công dân")
        upload(self.desk.reception, first["id"], PNG, "bản quét.png", "Quét tại quầy")  # not the citizen's
        status, store, _ = me.get("/api/v1/me/documents")
        self.assertEqual(status, 200, store)
        self.assertEqual([(x["id"], x["kind"], x["dossier_code"]) for x in store["items"]],
                         [(doc["id"], "submitted", first["code"])])
        self.assertFalse(store["national_databases"]["connected"])
        self.assertIn("chưa kết nối", store["national_databases"]["message"])
        second = self.online(me)
        before = self.desk.counters()["documents_reused"]
        key = new_key()
        status, made, _ = me.post(f"/api/v1/me/dossiers/{second['id']}/documents/reuse", {"document_id": doc["id"]},
                                  headers={"Idempotency-Key": key})
        self.assertEqual(status, 201, made)
        self.assertNotEqual(made["id"], doc["id"])
        self.assertEqual(made["sha256"], doc["sha256"])  # the same stored content, no copy
        self.assertEqual(made["component"], "Căn cước công dân")
        status, again, _ = me.post(f"/api/v1/me/dossiers/{second['id']}/documents/reuse", {"document_id": doc["id"]},
                                   headers={"Idempotency-Key": key})
        self.assertEqual((status, again["id"]), (201, made["id"]))
        self.assertEqual(self.desk.counters()["documents_reused"], before + 1)
        status, data, _ = me.get(made["href"])
        self.assertEqual((status, data), (200, PDF))
        _, view, _ = me.get("/api/v1/me/dossiers/" + second["id"])
        self.assertEqual([(x["id"], x["reused_from"]) for x in view["documents"]], [(made["id"], doc["id"])])
        _, staff, _ = self.desk.reception.get("/api/v1/dossiers/" + second["id"])
        self.assertEqual(staff["history"][-1]["data"]["reused_from"], doc["id"])
        # The store lists the content once.
        _, store, _ = me.get("/api/v1/me/documents")
        self.assertEqual([x["id"] for x in store["items"]], [doc["id"]])
        # Another citizen's document, or a dossier that no longer takes documents: refused, nothing added.
        other = citizen(new_person())
        theirs = self.online(other)
        their_doc = upload(other, theirs["id"])
        status, body, _ = me.post(f"/api/v1/me/dossiers/{second['id']}/documents/reuse", {"document_id": their_doc["id"]})
        self.assertEqual(status, 404, body)
        status, body, _ = other.post(f"/api/v1/me/dossiers/{second['id']}/documents/reuse", {"document_id": their_doc["id"]})
        self.assertEqual(status, 404, body)
        status, body, _ = me.post(f"/api/v1/me/dossiers/{first['id']}/documents/reuse", {"document_id": doc["id"]})
        self.assertEqual(status, 409, body)  # already in that dossier
        act(self.desk.reception, second["id"], "receive")
        status, body, _ = me.post(f"/api/v1/me/dossiers/{second['id']}/documents/reuse", {"document_id": doc["id"]})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/documents_closed")
        self.assertEqual(self.desk.counters()["documents_reused"], before + 1)

    def test_results_issued_are_in_the_store(self):
        person = new_person()
        me = citizen(person)
        d, doc = self.desk.resolved_electronically(person)
        _, store, _ = me.get("/api/v1/me/documents")
        self.assertEqual([(x["id"], x["kind"]) for x in store["items"]], [(doc["id"], "result")])
        later = self.online(me)
        status, made, _ = me.post(f"/api/v1/me/dossiers/{later['id']}/documents/reuse",
                                  {"document_id": doc["id"], "component": "Quyết định trước đây"})
        self.assertEqual(status, 201, made)
        self.assertEqual(made["component"], "Quyết định trước đây")

    def test_components_say_what_the_national_databases_would_replace(self):
        me = citizen(new_person())
        status, body, _ = me.get("/api/v1/me/procedures/1.001193@v1/components")
        if status == 404:
            self.skipTest("seed has no 1.001193@v1")
        self.assertEqual(status, 200, body)
        replaceable = [c for c in body["items"] if c["replaceable_by"]]
        self.assertTrue(replaceable)
        for c in replaceable:
            self.assertEqual(c["replaceable_by"], "csdl_dan_cu")
            self.assertEqual(c["source_name"], "Cơ sở dữ liệu quốc gia về dân cư")
            self.assertTrue(c["asked"])  # not connected yet: still asked for, and said so
        self.assertFalse(body["national_databases"]["connected"])
        self.assertEqual(me.get("/api/v1/me/procedures/khong-co@v1/components")[0], 404)


class Rating(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = Desk()

    def test_from_my_dossiers_once_and_counted(self):
        person = new_person()
        me = citizen(person)
        d = self.desk.in_progress(person)
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/rating", {"score": "satisfied"})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/not_rateable")
        status, body, _ = decide(server, d["id"])
        self.assertEqual(status, 200, body)
        before = self.desk.counters()
        for bad in ({"score": "neutral"}, {}, {"score": "satisfied", "comment": "x" * 1001}, {"score": "satisfied", "x": 1}):
            status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/rating", bad)
            self.assertEqual(status, 400, (bad, body))
        status, body, _ = citizen(new_person()).post(f"/api/v1/me/dossiers/{d['id']}/rating", {"score": "satisfied"})
        self.assertEqual(status, 404, body)
        status, r, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/rating",
                               {"score": "very_satisfied", "comment": "<script>alert(1)</script> Cán bộ nhiệt tình"})
        self.assertEqual(status, 201, r)
        self.assertEqual((r["score"], r["label"], r["channel"]), ("very_satisfied", "Rất hài lòng", "web"))
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/rating", {"score": "dissatisfied"})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/already_rated")
        after = self.desk.counters()
        self.assertEqual(after["very_satisfied"], before["very_satisfied"] + 1)
        self.assertEqual(after["dissatisfied"], before["dissatisfied"])
        _, view, _ = me.get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(view["rating"]["score"], "very_satisfied")
        self.assertFalse(view["may_rate"])
        self.assertNotIn("rate", [a["id"] for a in view["awaiting"]])
        # Counters are for the agency's staff and the province.
        status, body, _ = me.get(f"/api/v1/ratings?agency_id={self.desk.agency}&from={this_month()}&to={this_month()}")
        self.assertEqual(status, 403, body)
        other = as_staff(server, "reception", "commune_committee", exclude_agency=self.desk.agency)
        status, body, _ = other.get(f"/api/v1/ratings?agency_id={self.desk.agency}&from={this_month()}&to={this_month()}")
        self.assertEqual(status, 403, body)
        status, body, _ = self.desk.reception.get(f"/api/v1/ratings?agency_id={self.desk.agency}&from=2026-13&to=2026-01")
        self.assertEqual(status, 400, body)

    def test_invitation_link_signed_single_use_and_expiring(self):
        person = new_person()
        me = citizen(person)
        d = self.desk.returned(person)
        invites = [p for p in outbox("notify") if p.get("event") == "rating_invitation" and p["dossier_id"] == d["id"]]
        self.assertEqual(len(invites), 1, invites)
        url = invites[0]["rating_url"]
        self.assertEqual(set(invites[0]), {"event", "dossier_id", "rating_url"})
        self.assertIn("/danh-gia/", url)
        token = url.rsplit("/", 1)[1]
        anon = Client(server)
        status, info, _ = anon.get("/api/v1/rating-links/" + token)
        self.assertEqual(status, 200, info)
        self.assertEqual(info["code"], d["code"])
        self.assertNotIn("Nguyễn", json.dumps(info, ensure_ascii=False))  # no personal data
        # Forged: another dossier's id under this mac, a changed mac, a wrong secret, garbage.
        dossier_id, expires, mac = token.split(".")
        other = self.desk.received(new_person())["id"]
        for forged in (f"{other}.{expires}.{mac}", f"{dossier_id}.{int(expires) + 1}.{mac}", token[:-2] + "AA",
                       signed_link(dossier_id, expires, "khóa-khác-hoàn-toàn-0123456789abcdef"), "abc", "a.b.c"):
            status, body, _ = anon.get("/api/v1/rating-links/" + urllib.parse.quote(forged))
            self.assertEqual(status, 404, (forged, body))
            self.assertEqual(body["type"], "https://motcua.vn/problems/rating_link_not_found")
            status, body, _ = anon.post("/api/v1/rating-links/" + urllib.parse.quote(forged), {"score": "satisfied"})
            self.assertEqual(status, 404, (forged, body))
        # Expired (signed with the server's secret, a second in the past): 410.
        expired = signed_link(dossier_id, int(time.time()) - 1)
        for method in ("GET", "POST"):
            status, body, _ = anon.request(method, "/api/v1/rating-links/" + expired,
                                           body={"score": "satisfied"} if method == "POST" else None)
            self.assertEqual(status, 410, body)
            self.assertEqual(body["type"], "https://motcua.vn/problems/rating_link_expired")
        before = self.desk.counters()
        status, r, _ = anon.post("/api/v1/rating-links/" + token, {"score": "dissatisfied", "comment": "Chờ lâu"})
        self.assertEqual(status, 201, r)
        self.assertEqual((r["channel"], r["dossier_id"]), ("link", d["id"]))
        self.assertEqual(self.desk.counters()["dissatisfied"], before["dissatisfied"] + 1)
        # Used: 410 by the link, 409 from Hồ sơ của tôi.
        for method in ("GET", "POST"):
            status, body, _ = anon.request(method, "/api/v1/rating-links/" + token,
                                           body={"score": "satisfied"} if method == "POST" else None)
            self.assertEqual(status, 410, body)
            self.assertEqual(body["type"], "https://motcua.vn/problems/rating_link_used")
        status, body, _ = me.post(f"/api/v1/me/dossiers/{d['id']}/rating", {"score": "satisfied"})
        self.assertEqual(status, 409, body)
        self.assertEqual(self.desk.counters()["dissatisfied"], before["dissatisfied"] + 1)
        _, view, _ = me.get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(view["rating"]["channel"], "link")

    def test_desk_kiosk_rates_only_the_dossier_just_returned_there(self):
        desk = self.desk
        # Pairing: an official of the desk; the tablet takes the code once.
        status, body, _ = citizen(new_person()).post("/api/v1/kiosks", {"desk": "Quầy 1"})
        self.assertEqual(status, 403, body)
        status, pairing, _ = desk.reception.post("/api/v1/kiosks", {"desk": "Quầy số 3"})
        self.assertEqual(status, 201, pairing)
        self.assertRegex(pairing["pairing_code"], r"^\d{8}$")
        tablet = Client(server)
        wrong = "%08d" % ((int(pairing["pairing_code"]) + 1) % 100000000)
        status, body, _ = tablet.post("/api/v1/kiosk/pair", {"code": wrong})
        self.assertEqual(status, 404, body)
        self.assertEqual(tablet.get("/api/v1/kiosk/current")[0], 401)
        status, paired, headers = tablet.post("/api/v1/kiosk/pair", {"code": pairing["pairing_code"]})
        self.assertEqual(status, 200, paired)
        self.assertIn("HttpOnly", headers["set-cookie"])
        self.assertIn("SameSite=Strict", headers["set-cookie"])
        self.assertEqual(paired["desk"], "Quầy số 3")
        status, body, _ = Client(server).post("/api/v1/kiosk/pair", {"code": pairing["pairing_code"]})
        self.assertEqual(status, 404, body)  # single use
        status, cur, _ = tablet.get("/api/v1/kiosk/current")
        self.assertEqual(status, 200, cur)
        self.assertIsNone(cur["dossier"])
        csrf = {"X-CSRF-Token": cur["csrf_token"]}
        status, body, _ = tablet.post("/api/v1/kiosk/rating", {"score": "satisfied"}, headers=csrf)
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/nothing_to_rate")
        # A dossier returned by another official does not reach this desk's kiosk.
        other_desk = as_staff(server, "reception", "commune_committee", exclude_agency=desk.agency)
        other = Desk.__new__(Desk)
        other.reception, other.agency = other_desk, other_desk.agency
        other.specialist = as_staff(server, "specialist", agency=other.agency)
        other.proc = long_procedure_for(other_desk, other.agency)
        other.returned(new_person())
        self.assertIsNone(tablet.get("/api/v1/kiosk/current")[1]["dossier"])
        # The dossier this official returns is the one the kiosk shows, and the only one it rates.
        person = new_person()
        d = desk.returned(person)
        status, cur, _ = tablet.get("/api/v1/kiosk/current")
        self.assertEqual(cur["dossier"]["code"], d["code"])
        self.assertNotIn("Nguyễn Văn An", json.dumps(cur, ensure_ascii=False))  # the name is masked
        status, body, _ = tablet.post("/api/v1/kiosk/rating", {"score": "satisfied"})
        self.assertEqual(status, 403, body)  # no kiosk token
        status, body, _ = Client(server).post("/api/v1/kiosk/rating", {"score": "satisfied"}, headers=csrf)
        self.assertEqual(status, 401, body)  # no kiosk cookie
        status, body, _ = tablet.post("/api/v1/kiosk/rating", {"score": "satisfied", "dossier_id": other.agency},
                                      headers=csrf)
        self.assertEqual(status, 400, body)  # no dossier can be named
        before = desk.counters()
        status, r, _ = tablet.post("/api/v1/kiosk/rating", {"score": "very_satisfied"}, headers=csrf)
        self.assertEqual(status, 201, r)
        self.assertEqual((r["dossier_id"], r["channel"]), (d["id"], "kiosk"))
        self.assertEqual(desk.counters()["very_satisfied"], before["very_satisfied"] + 1)
        self.assertIsNone(tablet.get("/api/v1/kiosk/current")[1]["dossier"])
        status, body, _ = tablet.post("/api/v1/kiosk/rating", {"score": "dissatisfied"}, headers=csrf)
        self.assertEqual(status, 409, body)
        _, view, _ = citizen(person).get("/api/v1/me/dossiers/" + d["id"])
        self.assertEqual(view["rating"]["channel"], "kiosk")
        # A new pairing by the same official replaces this kiosk.
        status, again, _ = desk.reception.post("/api/v1/kiosks", {"desk": "Quầy số 3"})
        self.assertEqual(status, 201, again)
        self.assertEqual(tablet.get("/api/v1/kiosk/current")[0], 401)


if __name__ == "__main__":
    unittest.main()
