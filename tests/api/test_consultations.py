"""Consultations (lấy ý kiến phối hợp): who may ask, who may answer, what the consulted agency
sees (and does not), its "to consult" queue, and the clocks (working time left, near due) of
dossiers and consultations."""
import unittest
import urllib.parse

from harness import Client, Server, act, as_staff, intake

server = None
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# 1.012784 Tách thửa hoặc hợp thửa đất: decided by the land registration office (vpdkdd),
# received at the provincial service centre; its catalogue suggests consulting the commune.
LAND = "1.012784@v1"


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_FILES_DIR"] = server.dir + "/files"
    server.setup().start()


def tearDownModule():
    server.stop()


def login(username):
    c = Client(server)
    c.login(username, "MotCua@2026")
    return c


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


if __name__ == "__main__":
    unittest.main()
