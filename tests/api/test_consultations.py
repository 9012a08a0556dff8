"""Consultations (lấy ý kiến phối hợp): who may ask, who may answer, what the consulted agency
sees (and does not), its "to consult" queue, and the clocks (working time left, near due) of
dossiers and consultations."""
import threading
import unittest
import urllib.parse

from harness import Client, Server, act, as_staff, decide, intake, logged_in, new_key

server = None
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# 1.012784 Tách thửa hoặc hợp thửa đất: decided by the land registration office (vpdkdd),
# received at the provincial service centre; its catalogue suggests consulting the commune.
LAND = "1.012784@v1"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def login(username):
    return logged_in(server, username)


class Consultations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = login("tiepnhan.ttphcc")
        cls.office = login("chuyenvien.vpdkdd")       # competent agency: asks
        cls.commune = login("chuyenvien.camthanh")    # consulted agency: answers
        cls.commune_leader = login("lanhdao.camthanh")
        cls.commune_desk = login("tiepnhan.camthanh")  # same agency, a role that gives no opinion
        cls.commune_clerk = login("vanthu.camthanh")
        cls.commune_admin = login("quantri.camthanh")
        cls.justice = login("chuyenvien.stp")          # consulted on the same dossier about something else
        cls.other = login("chuyenvien.sxd")            # never consulted

    def in_progress(self, note="Hồ sơ tách thửa"):
        status, d, _ = self.desk.post("/api/v1/dossiers", {
            "procedure_id": LAND, "channel": 1, "receive": True, "note": note,
            "applicant": {"kind": "citizen", "full_name": "Lê Văn Phúc", "id_number": "051090004321",
                          "phone": "0905000111", "address": "Tổ 3, phường Cẩm Thành"},
            "components": [{"name": "Đơn đề nghị tách thửa", "kind": "original", "count": 1, "provided": True}]})
        self.assertEqual(status, 201, d)
        status, d, _ = act(self.office, d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        return d

    def consult(self, client, dossier_id, agency, subject, hours=24):
        return client.post(f"/api/v1/dossiers/{dossier_id}/consultations",
                           {"agency_id": agency, "subject": subject, "hours": hours})

    def test_consulted_official_sees_only_what_the_opinion_needs(self):
        d = self.in_progress(note="Ghi chú nội bộ của bộ phận một cửa")
        self.assertEqual(self.commune.get("/api/v1/dossiers/" + d["id"])[0], 403)
        status, v, _ = self.consult(self.office, d["id"], "ubnd-camthanh", "Xác nhận hiện trạng thửa đất")
        self.assertEqual(status, 201, v)
        status, v, _ = self.consult(self.office, d["id"], "stp", "Ý kiến về hồ sơ thừa kế kèm theo")
        self.assertEqual(status, 201, v)
        self.assertEqual(v["access"], "full")
        self.assertEqual(len(v["consultations"]), 2)
        self.assertEqual({c["requested_by"] for c in v["consultations"]}, {"staff:chuyenvien.vpdkdd"})

        status, seen, _ = self.commune.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, seen)
        self.assertEqual(seen["access"], "consulted")
        # What the opinion needs: procedure, applicant, components, its own request.
        self.assertEqual(seen["procedure"]["id"], LAND)
        self.assertEqual(seen["applicant"]["full_name"], "Lê Văn Phúc")
        self.assertEqual([c["name"] for c in seen["details"]["components"]], ["Đơn đề nghị tách thửa"])
        self.assertEqual([c["agency_id"] for c in seen["consultations"]], ["ubnd-camthanh"])
        # Not: the other agency's request, the internal control sheet, reception notes, the rest of the history.
        self.assertNotIn("Ý kiến về hồ sơ thừa kế", str(seen))
        self.assertEqual(seen["control_sheet"], [])
        self.assertNotIn("note", seen["details"])
        self.assertEqual([h["action"] for h in seen["history"]], ["consult"])
        self.assertEqual(seen["history"][0]["note"], "Xác nhận hiện trạng thửa đất")
        # The other consulted agency sees its own request only.
        status, seen2, _ = self.justice.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200)
        self.assertEqual([c["agency_id"] for c in seen2["consultations"]], ["stp"])
        self.assertNotIn("Xác nhận hiện trạng", str(seen2))

        # Officials of the consulted agency whose role gives no opinion, and other agencies: nothing.
        for client in (self.commune_desk, self.commune_clerk, self.commune_admin, self.other):
            self.assertEqual(client.get("/api/v1/dossiers/" + d["id"])[0], 403, client)
        # No printed forms for the consulted agency; the handling agency prints them.
        self.assertEqual(self.commune.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")[0], 403)
        self.assertEqual(self.office.get(f"/api/v1/dossiers/{d['id']}/forms/06.pdf")[0], 200)
        # No lifecycle action, no upload.
        status, body, _ = act(self.commune, d["id"], "handover")
        self.assertEqual(status, 403, body)
        q = urllib.parse.urlencode({"name": "y-kien.pdf"})
        status, body, _ = self.commune.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=PDF,
                                               headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 403, body)

    def test_consulted_official_reads_the_documents(self):
        d = self.in_progress()
        q = urllib.parse.urlencode({"name": "ban-do-thua-dat.pdf"})
        status, doc, _ = self.office.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=PDF,
                                             headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 201, doc)
        self.assertEqual(self.commune.get(doc["href"])[0], 403)
        self.consult(self.office, d["id"], "ubnd-camthanh", "Xác nhận nguồn gốc sử dụng đất")
        status, body, headers = self.commune.get(doc["href"] + "?inline=1")
        self.assertEqual(status, 200)
        self.assertEqual(body, PDF)
        self.assertIn("sandbox", headers["content-security-policy"])
        self.assertEqual(self.commune_desk.get(doc["href"])[0], 403)

    def test_answer_and_the_to_consult_queue(self):
        d = self.in_progress()
        status, v, _ = self.consult(self.office, d["id"], "ubnd-camthanh", "Ý kiến về quy hoạch thửa đất", hours=24)
        self.assertEqual(status, 201, v)
        cons = v["consultations"][0]
        self.assertIsInstance(cons["working_minutes_left"], int)
        self.assertGreater(cons["working_minutes_left"], 480)  # 24 working hours given
        self.assertFalse(cons["near_due"])
        self.assertFalse(cons["overdue"])
        self.assertIsNone(cons["answered_by"])

        # The consulted official finds it in the "to consult" queue, with the request itself.
        status, q, _ = self.commune.get("/api/v1/dossiers?queue=to_consult&limit=200")
        self.assertEqual(status, 200, q)
        item = next(x for x in q["items"] if x["id"] == d["id"])
        self.assertEqual(item["consultation"]["id"], cons["id"])
        self.assertEqual(item["consultation"]["subject"], "Ý kiến về quy hoạch thửa đất")
        self.assertEqual(item["consultation"]["due_at"], cons["due_at"])
        self.assertIn("near_due", item["consultation"])
        # Search works in this queue too.
        status, q, _ = self.commune.get("/api/v1/dossiers?queue=to_consult&q=" + urllib.parse.quote(d["code"]))
        self.assertEqual([x["id"] for x in q["items"]], [d["id"]])
        # Roles that give no opinion have no such queue; the asking agency does not see it there.
        self.assertEqual(self.commune_desk.get("/api/v1/dossiers?queue=to_consult")[1]["items"], [])
        self.assertNotIn(d["id"], [x["id"] for x in self.office.get("/api/v1/dossiers?queue=to_consult")[1]["items"]])

        path = f"/api/v1/dossiers/{d['id']}/consultations/{cons['id']}/answer"
        self.assertEqual(self.commune_desk.post(path, {"answer": "Không thuộc vai trò"})[0], 403)
        self.assertEqual(self.office.post(path, {"answer": "Tự trả lời"})[0], 403)
        status, v, _ = self.commune_leader.post(path, {"answer": "Thửa đất phù hợp quy hoạch, đủ điều kiện tách."})
        self.assertEqual(status, 200, v)
        self.assertEqual(v["access"], "consulted")
        c = v["consultations"][0]
        self.assertEqual(c["answered_by"], "staff:lanhdao.camthanh")
        self.assertEqual(c["requested_by"], "staff:chuyenvien.vpdkdd")
        self.assertIsNone(c["working_minutes_left"])  # answered: the clock stopped
        self.assertFalse(c["near_due"])
        self.assertIn(c["timeliness"], ("early", "on_time"))
        # Out of the queue once answered; the asking agency sees the answer and who gave it.
        _, q, _ = self.commune.get("/api/v1/dossiers?queue=to_consult&limit=200")
        self.assertNotIn(d["id"], [x["id"] for x in q["items"]])
        _, full, _ = self.office.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(full["consultations"][0]["answer"], "Thửa đất phù hợp quy hoạch, đủ điều kiện tách.")
        self.assertEqual(full["consultations"][0]["answered_by"], "staff:lanhdao.camthanh")
        self.assertEqual([h["action"] for h in full["history"]][-2:], ["consult", "consultation_answered"])

    def test_queue_paging_and_bad_cursor(self):
        ids = []
        for i in range(3):
            d = self.in_progress()
            self.consult(self.office, d["id"], "snv", f"Câu hỏi {i}", hours=8 + i)
            ids.append(d["id"])
        hr = login("chuyenvien.snv")
        seen, cursor = [], None
        for _ in range(5):
            path = "/api/v1/dossiers?queue=to_consult&limit=2" + (f"&cursor={cursor}" if cursor else "")
            status, q, _ = hr.get(path)
            self.assertEqual(status, 200, q)
            seen += [x["id"] for x in q["items"]]
            cursor = q["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, ids)  # by the consultation's due time, no repeats
        self.assertEqual(hr.get("/api/v1/dossiers?queue=to_consult&cursor=123:abc")[0], 400)
        self.assertEqual(hr.get("/api/v1/dossiers?queue=to_consult&overdue=1")[1]["items"], [])

    def test_who_may_ask_and_whom(self):
        d = self.in_progress()
        # Only the competent agency's specialist or head asks; never itself; never an ended agency.
        self.assertEqual(self.consult(self.commune, d["id"], "stp", "Hỏi thay")[0], 403)
        self.assertEqual(self.consult(self.desk, d["id"], "stp", "Hỏi thay")[0], 403)
        status, body, _ = self.consult(self.office, d["id"], "vpdkdd", "Tự hỏi mình")
        self.assertEqual(status, 400, body)
        status, body, _ = self.consult(self.office, d["id"], "old-ubnd-quyetthang", "Đơn vị đã sáp nhập")
        self.assertEqual(status, 400, body)
        self.assertIn("agency_id", str(body))
        status, body, _ = self.consult(self.office, d["id"], "ubnd-camthanh", "", hours=8)
        self.assertEqual(status, 400, body)

    def test_dossier_view_tells_working_time_left(self):
        d = self.in_progress()
        self.assertIsInstance(d["working_minutes_left"], int)
        self.assertGreater(d["working_minutes_left"], 480)  # 15 working days
        self.assertFalse(d["near_due"])
        _, v, _ = self.office.get("/api/v1/dossiers/" + d["id"])
        self.assertGreater(v["working_minutes_left"], 480)
        self.assertLessEqual(v["working_minutes_left"], d["working_minutes_left"])
        # Paused (awaiting payment): no running clock.
        status, v, _ = act(self.office, d["id"], "request_payment", note="Nộp lệ phí")
        self.assertEqual(status, 200, v)
        self.assertIsNone(v["working_minutes_left"])
        self.assertFalse(v["near_due"])
        # A counter intake answers with it too; a dossier not yet received has none.
        status, s, _ = self.desk.post("/api/v1/dossiers", {
            "procedure_id": LAND, "channel": 1, "receive": False,
            "applicant": {"kind": "citizen", "full_name": "Lê Thị Hoa", "id_number": "051190004322"}})
        self.assertEqual(status, 201, s)
        self.assertIsNone(s["working_minutes_left"])
        self.assertFalse(s["near_due"])

    def test_near_due_within_one_working_day(self):
        # A version of the procedure with a 4-working-hour limit: near due from reception on.
        admin = login("quantritinh.tinh")
        status, base, _ = admin.get("/api/v1/procedures/2.000950@v1")
        self.assertEqual(status, 200, base)
        status, new, _ = admin.post("/api/v1/admin/procedures/2.000950@v1/versions", {
            "effective_from": base["catalogue"].get("effective_from") or "2025-07-01",
            "time_limit": {"amount": 4, "unit": "working_hours"},
            "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 1},
                        {"name": "Xử lý", "role": "specialist", "agency": "competent", "hours": 2},
                        {"name": "Phê duyệt", "role": "leader", "agency": "competent", "hours": 1}]})
        self.assertEqual(status, 201, new)
        reception = login("tiepnhan.camthanh")
        d = intake(reception, new["id"])
        self.assertTrue(d["near_due"], d)
        self.assertGreaterEqual(d["working_minutes_left"], 0)
        self.assertLessEqual(d["working_minutes_left"], 240)
        specialist = login("chuyenvien.camthanh")
        status, q, _ = specialist.get("/api/v1/dossiers?queue=to_process&q=" + urllib.parse.quote(d["code"]))
        self.assertEqual(status, 200, q)
        self.assertEqual(len(q["items"]), 1)
        self.assertTrue(q["items"][0]["near_due"])
        self.assertFalse(q["items"][0]["overdue"])


class ConsultationRules(unittest.TestCase):
    """Idempotent requests, no opinion once the dossier's handling has ended, and the data a
    consulted agency does not need (contact data, the identity number)."""

    @classmethod
    def setUpClass(cls):
        cls.desk = login("tiepnhan.ttphcc")
        cls.office = login("chuyenvien.vpdkdd")
        cls.office_leader = login("lanhdao.vpdkdd")
        cls.commune = login("chuyenvien.camthanh")
        cls.commune_leader = login("lanhdao.camthanh")

    def in_progress(self, applicant=None):
        applicant = applicant or {"kind": "citizen", "full_name": "Trần Thị Mai", "id_number": "051190004321",
                                  "phone": "0905000222", "email": "mai@example.vn",
                                  "address": "Số 12 đường Phan Đình Phùng",
                                  "address_former_unit_id": "c23470@old"}  # Măng Cành (old) → Măng Đen
        status, d, _ = self.desk.post("/api/v1/dossiers", {
            "procedure_id": LAND, "channel": 1, "receive": True, "applicant": applicant,
            "components": [{"name": "Đơn đề nghị tách thửa", "kind": "original", "count": 1, "provided": True}]})
        self.assertEqual(status, 201, d)
        status, d, _ = act(self.office, d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        return d

    def consult(self, dossier_id, subject="Xác nhận hiện trạng thửa đất", key=None, client=None, hours=24):
        return (client or self.office).post(f"/api/v1/dossiers/{dossier_id}/consultations",
                                            {"agency_id": "ubnd-camthanh", "subject": subject, "hours": hours},
                                            headers={"Idempotency-Key": key} if key else None)

    def full(self, dossier_id):
        status, v, _ = self.office.get("/api/v1/dossiers/" + dossier_id)
        self.assertEqual(status, 200, v)
        return v

    def assertProblem(self, status, body, headers, code, want=409):
        self.assertEqual(status, want, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"), headers)
        self.assertEqual(body["type"], "https://motcua.vn/problems/" + code, body)
        return body

    # -- 1. Idempotency-Key on POST …/consultations

    def test_same_key_same_body_opens_one_consultation(self):
        d = self.in_progress()
        key = new_key()
        s1, first, _ = self.consult(d["id"], key=key)
        s2, again, _ = self.consult(d["id"], key=key)
        self.assertEqual((s1, s2), (201, 201), (first, again))
        self.assertEqual(len(first["consultations"]), 1)
        self.assertEqual(first["consultations"], again["consultations"])
        self.assertEqual(first["history"], again["history"])
        v = self.full(d["id"])
        self.assertEqual(len(v["consultations"]), 1)
        self.assertEqual([h["action"] for h in v["history"]].count("consult"), 1)
        # Without a key each request opens its own consultation, as before.
        self.assertEqual(self.consult(d["id"])[0], 201)
        self.assertEqual(len(self.full(d["id"])["consultations"]), 2)

    def test_same_key_other_request_is_a_conflict(self):
        d = self.in_progress()
        key = new_key()
        self.assertEqual(self.consult(d["id"], key=key)[0], 201)
        before = self.full(d["id"])
        # Another body, or the same body for another dossier: the key names one request.
        status, body, headers = self.consult(d["id"], subject="Câu hỏi khác", key=key)
        self.assertProblem(status, body, headers, "idempotency_mismatch")
        other = self.in_progress()
        status, body, headers = self.consult(other["id"], key=key)
        self.assertProblem(status, body, headers, "idempotency_mismatch")
        after = self.full(d["id"])
        self.assertEqual(after["consultations"], before["consultations"])
        self.assertEqual(after["history"], before["history"])
        self.assertEqual(self.full(other["id"])["consultations"], [])
        # Keys are per user: the same key from another official is a request of its own.
        head = login("truongphong.vpdkdd")
        self.assertEqual(self.consult(d["id"], subject="Câu hỏi khác", key=key, client=head)[0], 201)
        # Likewise the reception desk may use the same key for an intake of its own.
        status, body, headers = self.desk.post("/api/v1/dossiers", {
            "procedure_id": LAND, "channel": 1, "receive": False,
            "applicant": {"kind": "citizen", "full_name": "Lê Văn Phúc", "id_number": "051090004321"}},
            headers={"Idempotency-Key": key})
        self.assertEqual(status, 201, body)
        status, body, headers = self.consult(d["id"], key="x" * 201)
        self.assertProblem(status, body, headers, "invalid_idempotency_key", want=400)

    def test_concurrent_retries_open_one_consultation(self):
        d = self.in_progress()
        key = new_key()
        clients = [login("chuyenvien.vpdkdd") for _ in range(6)]  # one user, several connections
        results, start = [], threading.Barrier(len(clients))

        def send(c):
            start.wait()
            results.append(self.consult(d["id"], key=key, client=c)[0])

        threads = [threading.Thread(target=send, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [201] * 6)
        self.assertEqual(len(self.full(d["id"])["consultations"]), 1)

    # -- 2. No opinion once the handling has ended; one answer only

    def close(self, d, how):
        if how == "stop":
            status, v, _ = act(self.office, d["id"], "stop", items=["Người nộp đề nghị dừng"])
        elif how == "withdraw":
            status, v, _ = act(self.desk, d["id"], "withdraw", note="Công dân xin rút hồ sơ")
        elif how == "resolve":
            status, v, _ = decide(server, d["id"])
        else:
            status, v, _ = decide(server, d["id"])
            self.assertEqual(status, 200, v)
            status, v, _ = act(self.desk, d["id"], "return_result", return_method="counter", received_by="Trần Thị Mai")
        self.assertEqual(status, 200, v)
        return v

    def test_no_answer_nor_request_after_the_dossier_is_closed(self):
        labels = {"stop": "Dừng xử lý", "withdraw": "Công dân yêu cầu rút hồ sơ", "resolve": "Đã xử lý xong",
                  "return": "Đã trả kết quả"}
        for how, label in labels.items():
            with self.subTest(how=how):
                d = self.in_progress()
                status, v, _ = self.consult(d["id"])
                self.assertEqual(status, 201, v)
                cid = v["consultations"][0]["id"]
                closed = self.close(d, how)
                before = self.full(d["id"])
                status, body, headers = self.commune.post(f"/api/v1/dossiers/{d['id']}/consultations/{cid}/answer",
                                                          {"answer": "Ý kiến gửi muộn"})
                body = self.assertProblem(status, body, headers, "dossier_closed")
                self.assertIn(label, body["detail"])
                self.assertIn("trả lời", body["detail"])
                status, body, headers = self.consult(d["id"], key=new_key())
                body = self.assertProblem(status, body, headers, "dossier_closed")
                self.assertIn(label, body["detail"])
                after = self.full(d["id"])
                self.assertEqual(after["version"], closed["version"])
                self.assertEqual(after["consultations"], before["consultations"])
                self.assertIsNone(after["consultations"][0]["answered_at"])
                self.assertEqual(after["history"], before["history"])
                # Out of the consulted agency's queue, which offers only answerable requests.
                _, q, _ = self.commune.get("/api/v1/dossiers?queue=to_consult&q=" + urllib.parse.quote(d["code"]))
                self.assertEqual(q["items"], [])

    def test_answered_once_only(self):
        d = self.in_progress()
        _, v, _ = self.consult(d["id"])
        path = f"/api/v1/dossiers/{d['id']}/consultations/{v['consultations'][0]['id']}/answer"
        self.assertEqual(self.commune.post(path, {"answer": "Đồng ý"})[0], 200)
        before = self.full(d["id"])
        status, body, headers = self.commune_leader.post(path, {"answer": "Ý kiến khác"})
        self.assertProblem(status, body, headers, "already_answered")
        # Still "already answered" once the dossier is closed: that is the truer reason.
        self.close(d, "stop")
        status, body, headers = self.commune.post(path, {"answer": "Lần ba"})
        self.assertProblem(status, body, headers, "already_answered")
        after = self.full(d["id"])
        self.assertEqual(after["consultations"], before["consultations"])
        self.assertEqual(after["consultations"][0]["answer"], "Đồng ý")

    def test_concurrent_answers_record_one(self):
        d = self.in_progress()
        _, v, _ = self.consult(d["id"])
        path = f"/api/v1/dossiers/{d['id']}/consultations/{v['consultations'][0]['id']}/answer"
        clients = [login("chuyenvien.camthanh") for _ in range(3)] + [login("lanhdao.camthanh") for _ in range(3)]
        results, start = [], threading.Barrier(len(clients))

        def send(i, c):
            start.wait()
            results.append((c.post(path, {"answer": f"Ý kiến {i}"})[0], i))

        threads = [threading.Thread(target=send, args=(i, c)) for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(s for s, _ in results), [200] + [409] * 5, results)
        winner = next(i for s, i in results if s == 200)
        v = self.full(d["id"])
        self.assertEqual(v["consultations"][0]["answer"], f"Ý kiến {winner}")
        self.assertEqual([h["action"] for h in v["history"]].count("consultation_answered"), 1)

    # -- 3. What the consulted agency sees of the applicant

    def test_consulted_view_leaves_out_contact_data(self):
        d = self.in_progress()
        self.consult(d["id"])
        full = self.full(d["id"])
        self.assertEqual(full["applicant"]["id_number"], "051190004321")  # the handling agency sees all
        self.assertEqual(full["applicant"]["phone"], "0905000222")
        status, seen, _ = self.commune.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, seen)
        self.assertEqual(seen["access"], "consulted")
        a = seen["applicant"]
        self.assertEqual(a["full_name"], "Trần Thị Mai")
        self.assertEqual(a["kind"], "citizen")
        self.assertEqual(a["id_number"], "*********321")
        for gone in ("phone", "email", "address"):
            self.assertNotIn(gone, a)
        self.assertEqual(a["address_unit_id"], full["applicant"]["address_unit_id"])
        self.assertEqual(a["address_unit_name"], full["applicant"]["address_unit_name"])
        self.assertEqual(a["address_former_unit_name"], full["applicant"]["address_former_unit_name"])
        self.assertEqual(a["address_unit_id"], "c23473")
        text = str(seen)
        for secret in ("051190004321", "0905000222", "mai@example.vn", "Phan Đình Phùng"):
            self.assertNotIn(secret, text)
        # Its queue does not confirm a guessed identity number; the code and the name still find it.
        q = lambda term: self.commune.get("/api/v1/dossiers?queue=to_consult&q=" + urllib.parse.quote(term))[1]
        self.assertEqual(q("051190004321")["items"], [])
        self.assertIn(d["id"], [x["id"] for x in q(d["code"])["items"]])
        self.assertIn(d["id"], [x["id"] for x in q("tran thi mai")["items"]])
        # The handling agency's own queues still search by identity number.
        _, mine, _ = self.office.get("/api/v1/dossiers?queue=to_process&q=051190004321")
        self.assertIn(d["id"], [x["id"] for x in mine["items"]])

    def test_organisation_keeps_its_tax_code(self):
        d = self.in_progress({"kind": "organisation", "full_name": "Công ty TNHH Đất Việt", "tax_code": "0100047516",
                              "phone": "02553000111", "address": "Lô 5 khu công nghiệp"})
        self.consult(d["id"])
        _, seen, _ = self.commune.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(seen["applicant"]["tax_code"], "0100047516")
        self.assertNotIn("phone", seen["applicant"])
        self.assertNotIn("Lô 5", str(seen))

    def test_documents_of_this_dossier_only(self):
        # Filed online by the citizen, who uploads a scan: the uploader is named by personal ID.
        citizen = Client(server)
        citizen.login_citizen("051090007654", "Phạm Văn Hùng")
        status, d, _ = citizen.post("/api/v1/dossiers", {"procedure_id": LAND, "channel": 2,
                                                          "receiving_agency_id": "vpdkdd",
                                                          "applicant": {"kind": "citizen", "phone": "0912345678"}})
        self.assertEqual(status, 201, d)
        q = urllib.parse.urlencode({"name": "so-do.pdf"})
        status, doc, _ = citizen.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=PDF,
                                         headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 201, doc)
        self.assertEqual(act(login("tiepnhan.vpdkdd"), d["id"], "receive")[0], 200)
        self.assertEqual(act(self.office, d["id"], "start_processing")[0], 200)
        self.assertEqual(self.consult(d["id"])[0], 201)
        # Another dossier with a document, on which the commune is not consulted.
        other = self.in_progress()
        status, other_doc, _ = self.office.request("POST", f"/api/v1/dossiers/{other['id']}/documents?{q}",
                                                   raw=PDF + b"%other", headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 201, other_doc)

        _, seen, _ = self.commune.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual([x["id"] for x in seen["documents"]], [doc["id"]])
        self.assertEqual(seen["documents"][0]["uploaded_by"], "citizen:*********654")
        self.assertNotIn("051090007654", str(seen))
        self.assertEqual(self.commune.get(doc["href"])[0], 200)
        self.assertEqual(self.commune.get(doc["href"] + "?inline=1")[0], 200)
        # Not the other dossier's document: neither by its own path nor through this dossier's.
        self.assertEqual(self.commune.get(other_doc["href"])[0], 403)
        self.assertEqual(self.commune.get(other_doc["href"] + "?inline=1")[0], 403)
        status, body, _ = self.commune.get(f"/api/v1/dossiers/{d['id']}/documents/{other_doc['id']}")
        self.assertEqual(status, 404, body)


if __name__ == "__main__":
    unittest.main()
