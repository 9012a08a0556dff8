"""The dossier lifecycle through the API: every transition, its national code, its legal limits."""
import unittest

from harness import Client, Server, act, as_staff, decide, intake, long_procedure_for

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class CounterJourney(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.reception = as_staff(server, "reception", "commune_committee")
        commune = cls.reception.agency
        cls.specialist = as_staff(server, "specialist", agency=commune)
        cls.leader = as_staff(server, "leader", agency=commune)
        cls.proc = long_procedure_for(cls.reception, commune)

    def test_full_journey(self):
        d = intake(self.reception, self.proc)
        self.assertEqual(d["state"]["id"], "received")
        self.assertEqual(d["state"]["national_code"], 2)
        self.assertRegex(d["code"], r"^\d{3}\.\d{2}\.\d{2}\.[HG]\d{2}-\d{6}-\d{4}$")
        self.assertIsNotNone(d["due_at"])
        self.assertIn("paper_handover_due", d["history"][1]["data"])  # the 15:00 hand-over rule
        self.assertEqual([s["step"] for s in d["control_sheet"]], [1, 2])
        self.assertIn(d["control_sheet"][0]["timeliness"], ("early", "on_time"))

        status, d, _ = act(self.specialist, d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        self.assertEqual(d["state"]["national_code"], 4)
        status, d, _ = decide(server, d["id"])  # handed on step by step to the leader, who decides
        self.assertEqual(status, 200, d)
        self.assertEqual(d["state"]["national_code"], 9)
        self.assertEqual(d["details"]["result"]["number"], "125/QĐ-UBND")
        self.assertTrue(d["result_ready"])
        self.assertIn(d["timeliness"], ("early", "on_time"))
        status, d, _ = act(self.reception, d["id"], "return_result", return_method="counter",
                           received_by="Nguyễn Văn An")
        self.assertEqual(status, 200, d)
        self.assertEqual(d["state"]["national_code"], 10)
        actions = [h["action"] for h in d["history"]]
        self.assertEqual(actions[:3], ["intake", "receive", "start_processing"])
        self.assertEqual(actions[-2:], ["resolve_granted", "return_result"])
        self.assertEqual(set(actions[3:-2]), {"handover"})
        self.assertTrue(all(s["finished_at"] for s in d["control_sheet"]))

        # The code alone shows the state and the dates; the tracking key (on the receipt) the rest.
        status, pub, _ = Client(server).get("/api/v1/public/dossiers/" + d["code"])
        self.assertEqual(status, 200)
        self.assertEqual(pub["status"]["national_code"], 10)
        self.assertIs(pub["details"], False)
        self.assertNotIn("applicant", pub)
        self.assertNotIn("procedure", pub)
        status, pub, _ = Client(server).get(f"/api/v1/public/dossiers/{d['code']}?k={d['tracking_key']}")
        self.assertEqual(status, 200)
        self.assertIs(pub["details"], True)
        self.assertEqual(pub["applicant"], "N***** V** A*")
        self.assertNotIn("051090001234", str(pub))
        self.assertTrue(pub["result_ready"])
        # The page the forms' QR code opens: plain HTML, no script, no personal data.
        status, page, headers = Client(server).get(f"/tra-cuu/{d['code']}?k={d['tracking_key']}")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        text = page.decode("utf-8")
        self.assertIn("Đã trả kết quả", text)
        self.assertIn("N***** V** A*", text)
        self.assertNotIn("<script", text)
        self.assertNotIn("051090001234", text)

    def test_intake_answer_matches_the_stored_dossier(self):
        d = intake(self.reception, self.proc)
        status, stored, _ = self.reception.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200)
        # Read-time: the national portal's progress (none configured here: the change waits).
        self.assertEqual(stored.pop("national_sync")["state"], "pending")
        self.assertEqual(d, stored)  # the answer is built from what was written, not read back

    def test_illegal_transition_is_409_in_vietnamese(self):
        d = intake(self.reception, self.proc)
        status, body, _ = act(self.reception, d["id"], "return_result", return_method="counter", received_by="A")
        self.assertEqual(status, 409, body)
        self.assertIn("Không thể", body["detail"])
        status, body, _ = act(self.specialist, d["id"], "explode")
        self.assertEqual(status, 400)

    def test_supplement_once_and_clock_pause(self):
        d = intake(self.reception, self.proc)
        act(self.specialist, d["id"], "start_processing")
        status, d2, _ = act(self.specialist, d["id"], "request_supplement", items=[])
        self.assertEqual(status, 400, d2)  # itemised list required
        status, d2, _ = act(self.specialist, d["id"], "request_supplement",
                            items=["Bản sao giấy tờ chứng minh nơi cư trú"])
        self.assertEqual(status, 200, d2)
        self.assertEqual(d2["state"]["national_code"], 5)
        self.assertTrue(d2["paused"])
        status, d3, _ = act(self.specialist, d["id"], "supplement_received")
        self.assertEqual(status, 200, d3)
        self.assertEqual(d3["state"]["id"], "in_progress")
        self.assertFalse(d3["paused"])
        self.assertGreaterEqual(d3["due_at"], d2["due_at"])
        status, body, _ = act(self.specialist, d["id"], "request_supplement", items=["Giấy tờ khác"])
        self.assertEqual(status, 409)
        self.assertIn("một lần", body["detail"])

    def test_apology_once(self):
        d = intake(self.reception, self.proc)
        act(self.specialist, d["id"], "start_processing")
        status, body, _ = act(self.specialist, d["id"], "apologise", note="Cần xác minh thêm",
                              new_due="2027-12-31T16:00:00+07:00")
        self.assertEqual(status, 200, body)
        self.assertTrue(body["apology_used"])
        self.assertEqual(body["due_at"], "2027-12-31T16:00:00+07:00")
        self.assertIsNotNone(body["original_due_at"])
        status, body, _ = act(self.specialist, d["id"], "apologise", note="Lần hai",
                              new_due="2028-01-31T16:00:00+07:00")
        self.assertEqual(status, 409)

    def test_stop_and_withdraw(self):
        d = intake(self.reception, self.proc)
        status, body, _ = act(self.leader, d["id"], "stop", items=["Người nộp không bổ sung theo yêu cầu"])
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 8)
        d = intake(self.reception, self.proc)
        status, body, _ = act(self.reception, d["id"], "withdraw", note="Công dân xin rút")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 7)

    def test_reception_check_refuse_and_supplement(self):
        d = intake(self.reception, self.proc, receive=False)
        self.assertEqual(d["state"]["national_code"], 1)
        status, body, _ = act(self.reception, d["id"], "refuse", items=[])
        self.assertEqual(status, 400)
        status, body, _ = act(self.reception, d["id"], "refuse", items=["Không thuộc thẩm quyền"])
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 3)
        d = intake(self.reception, self.proc, receive=False)
        status, body, _ = act(self.reception, d["id"], "request_supplement", items=["Tờ khai có chữ ký"])
        self.assertEqual(status, 200, body)
        self.assertFalse(body["paused"])  # the clock has not started
        status, body, _ = act(self.reception, d["id"], "supplement_received")
        self.assertEqual(body["state"]["id"], "submitted")
        status, body, _ = act(self.reception, d["id"], "request_supplement", items=["Lần hai"])
        self.assertEqual(status, 409)
        status, body, _ = act(self.reception, d["id"], "receive")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["id"], "received")
        self.assertIsNotNone(body["due_at"])

    def test_stale_version_conflict(self):
        d = intake(self.reception, self.proc)
        v = d["version"]
        status, _, _ = act(self.specialist, d["id"], "start_processing", expected_version=v)
        self.assertEqual(status, 200)
        status, body, _ = act(self.specialist, d["id"], "handover", expected_version=v)
        self.assertEqual(status, 409)
        self.assertIn("người khác", body["detail"])

    def test_parallel_consultation(self):
        d = intake(self.reception, self.proc)
        act(self.specialist, d["id"], "start_processing")
        dept = as_staff(server, "specialist", "department")
        self.assertEqual(dept.get("/api/v1/dossiers/" + d["id"])[0], 403)
        status, body, _ = self.specialist.post(f"/api/v1/dossiers/{d['id']}/consultations",
                                               {"agency_id": dept.agency, "subject": "Xin ý kiến về hồ sơ", "hours": 16})
        self.assertEqual(status, 201, body)
        cons = body["consultations"][0]
        self.assertIsNotNone(cons["due_at"])
        self.assertIsNone(cons["answered_at"])
        # The consulted agency may now read the dossier and answer; the asking one may not answer.
        self.assertEqual(dept.get("/api/v1/dossiers/" + d["id"])[0], 200)
        path = f"/api/v1/dossiers/{d['id']}/consultations/{cons['id']}/answer"
        self.assertEqual(self.specialist.post(path, {"answer": "Tự trả lời"})[0], 403)
        status, body, _ = dept.post(path, {"answer": "Thống nhất"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["consultations"][0]["timeliness"], "early")
        self.assertEqual(dept.post(path, {"answer": "Lần hai"})[0], 409)
        self.assertEqual(body["state"]["id"], "in_progress")

    def test_payment_and_refused_result_returned_electronically(self):
        d = intake(self.reception, self.proc)
        act(self.specialist, d["id"], "start_processing")
        status, body, _ = act(self.specialist, d["id"], "request_payment", note="Nộp lệ phí")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 6)
        self.assertTrue(body["paused"])
        status, body, _ = act(self.specialist, d["id"], "payment_received")
        self.assertEqual(body["state"]["id"], "in_progress")
        self.assertFalse(body["paused"])
        status, body, _ = decide(server, d["id"], "resolve_refused", items=[])
        self.assertEqual(status, 400)  # a refusal must give reasons
        status, body, _ = decide(server, d["id"], "resolve_refused", items=["Không đủ điều kiện theo quy định"])
        self.assertEqual(status, 200, body)
        self.assertEqual(body["resolution"], "refused")
        status, body, _ = act(self.reception, d["id"], "return_result", return_method="pigeon", received_by="A")
        self.assertEqual(status, 400)
        status, body, _ = act(self.reception, d["id"], "return_result", return_method="electronic")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 10)
        self.assertEqual(body["details"]["return"]["method"], "electronic")

    def test_queue_tells_working_time_left(self):
        d = intake(self.reception, self.proc)
        status, q, _ = self.specialist.get("/api/v1/dossiers?queue=to_process&limit=200")
        self.assertEqual(status, 200)
        item = next(x for x in q["items"] if x["id"] == d["id"])
        self.assertGreater(item["working_minutes_left"], 480)  # the procedure allows ≥ 3 working days
        self.assertFalse(item["near_due"])
        self.assertFalse(item["overdue"])

    def test_codes_are_sequential_per_agency_per_day(self):
        a = intake(self.reception, self.proc)["code"]
        b = intake(self.reception, self.proc)["code"]
        self.assertEqual(a[:-4], b[:-4])
        self.assertEqual(int(b[-4:]), int(a[-4:]) + 1)


class OnlineJourney(unittest.TestCase):
    def test_citizen_submits_and_desk_receives(self):
        reception = as_staff(server, "reception", "commune_committee")
        proc = long_procedure_for(reception, reception.agency)
        citizen = Client(server)
        citizen.login_citizen("062195004321", "Y Bình")
        status, d, _ = citizen.post("/api/v1/dossiers", {"procedure_id": proc, "channel": 2,
                                                          "receiving_agency_id": reception.agency,
                                                          "applicant": {"kind": "citizen", "full_name": "Y Bình"}})
        self.assertEqual(status, 201, d)
        self.assertEqual(d["state"]["national_code"], 1)
        status, mine, _ = citizen.get("/api/v1/dossiers")
        self.assertEqual([x["id"] for x in mine["items"]], [d["id"]])
        desk = as_staff(server, "reception", agency=d["receiving_agency_id"])
        status, q, _ = desk.get("/api/v1/dossiers?queue=to_receive")
        self.assertIn(d["id"], [x["id"] for x in q["items"]])
        status, body, _ = act(desk, d["id"], "receive")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["state"]["national_code"], 2)


if __name__ == "__main__":
    unittest.main()
