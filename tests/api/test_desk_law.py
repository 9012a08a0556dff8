"""The desk keeps the law: who closes a step, who decides, who may be handed the next step, what a
decision records, and what the dossier view tells each reader they may do now."""
import unittest
import urllib.parse

from harness import Client, Server, act, as_staff, decide, desk_client, intake, open_step, result_document, to_leader_step

server = None
COMMUNE = "ubnd-camthanh"
PROBLEM = "https://motcua.vn/problems/"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def five_step_procedure(client):
    """A Cẩm Thành procedure whose process is reception → specialist → head → leader → clerk."""
    status, body, _ = client.get("/api/v1/procedures?agency=" + COMMUNE)
    assert status == 200, body
    for p in body["items"]:
        _, full, _ = client.get("/api/v1/procedures/" + p["id"])
        roles = [s["role"] for s in full["catalogue"].get("process", [])]
        if roles == ["reception", "specialist", "head", "leader", "clerk"] and p["time_limit"]["unit"] == "working_days":
            return p["id"]
    raise LookupError("no five-step procedure at " + COMMUNE)


class DeskLaw(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency=COMMUNE)
        cls.specialist = as_staff(server, "specialist", agency=COMMUNE)
        cls.head = as_staff(server, "head", agency=COMMUNE)
        cls.leader = as_staff(server, "leader", agency=COMMUNE)
        cls.clerk = as_staff(server, "clerk", agency=COMMUNE)
        cls.proc = five_step_procedure(cls.desk)
        cls.ids = {}
        for name, c in (("specialist", cls.specialist), ("head", cls.head), ("leader", cls.leader), ("clerk", cls.clerk)):
            _, me, _ = c.get("/api/v1/auth/me")
            cls.ids[name] = me["user"]["id"]

    def started(self):
        d = intake(self.desk, self.proc)
        status, d, _ = act(self.specialist, d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        return d

    def allowed(self, client, dossier_id):
        status, v, _ = client.get("/api/v1/dossiers/" + dossier_id)
        self.assertEqual(status, 200, v)
        return [a["id"] for a in v["allowed_actions"]]

    def test_a_specialist_cannot_close_the_heads_step(self):
        d = self.started()
        self.assertEqual(open_step(d)["assignee_id"], self.ids["specialist"])  # taken by who started it
        status, d, _ = act(self.specialist, d["id"], "handover", assignee_id=self.ids["head"])
        self.assertEqual(status, 200, d)
        self.assertEqual(open_step(d)["role"], "head")
        self.assertEqual(open_step(d)["assignee_id"], self.ids["head"])
        self.assertEqual(open_step(d)["assignee_name"], "Phan Thị Bích Ngọc")  # truongphong.camthanh
        status, body, _ = act(self.specialist, d["id"], "handover")
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], PROBLEM + "not_your_step")
        self.assertEqual(body["detail"], "Bước đang xử lý thuộc trưởng phòng được giao; bạn không được kết thúc bước này.")

    def test_only_the_leader_decides_and_only_at_the_leaders_step(self):
        d = self.started()
        for who in (self.specialist, self.head):
            status, body, _ = act(who, d["id"], "resolve_refused", items=["Không đủ điều kiện"])
            self.assertEqual(status, 403, body)
            self.assertEqual(body["type"], PROBLEM + "role_not_allowed")
        status, body, _ = act(self.leader, d["id"], "resolve_granted", result=result_document())
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], PROBLEM + "not_at_decision_step")
        to_leader_step(server, d["id"])
        status, body, _ = act(self.leader, d["id"], "handover")
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], PROBLEM + "decision_step")
        status, body, _ = act(self.leader, d["id"], "resolve_granted", result=result_document())
        self.assertEqual(status, 200, body)

    def test_the_next_handler_is_one_of_the_holders_of_the_next_steps_role(self):
        d = self.started()
        status, v, _ = self.specialist.get("/api/v1/dossiers/" + d["id"])
        choice = [c for c in v["step_choices"] if c["action"] == "handover"]
        self.assertEqual(len(choice), 1)
        self.assertEqual(choice[0]["role"], "head")
        self.assertEqual(choice[0]["role_label"], "Trưởng phòng")
        self.assertEqual([c["id"] for c in choice[0]["candidates"]], [self.ids["head"]])
        for wrong in (self.ids["clerk"], "typed-by-hand"):
            status, body, _ = act(self.specialist, d["id"], "handover", assignee_id=wrong)
            self.assertEqual(status, 400, body)
            self.assertEqual(body["type"], PROBLEM + "invalid_assignee")
            self.assertEqual([e["field"] for e in body["errors"]], ["assignee_id"])
        status, after, _ = self.specialist.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(after["version"], v["version"])  # nothing written

    def test_the_view_lists_what_this_reader_may_do_now(self):
        d = intake(self.desk, self.proc)
        self.assertEqual([a["id"] for a in d["allowed_actions"]], ["withdraw"])  # the desk, after receiving
        self.assertEqual(self.allowed(self.specialist, d["id"]), ["start_processing", "apologise", "stop"])
        self.assertEqual(self.allowed(self.leader, d["id"]), ["apologise", "stop"])
        self.assertEqual(self.allowed(self.clerk, d["id"]), [])
        act(self.specialist, d["id"], "start_processing")
        to_leader_step(server, d["id"])
        self.assertEqual(self.allowed(self.leader, d["id"]), ["apologise", "stop", "resolve_granted", "resolve_refused"])
        self.assertEqual(self.allowed(self.specialist, d["id"]), ["request_supplement", "request_payment", "apologise", "stop"])
        status, v, _ = self.leader.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(v["allowed_actions"][2], {"id": "resolve_granted", "label": "hoàn thành giải quyết hồ sơ"})

    def test_the_view_says_who_may_consult_and_attach(self):
        d = self.started()
        seen = {}
        for name, c in (("specialist", self.specialist), ("leader", self.leader), ("clerk", self.clerk),
                        ("desk", self.desk)):
            status, v, _ = c.get("/api/v1/dossiers/" + d["id"])
            self.assertEqual(status, 200, v)
            seen[name] = (v["may_consult"], v["may_attach_documents"], v["consultations_open"])
        self.assertEqual(seen, {"specialist": (True, True, True), "leader": (False, False, True),
                                "clerk": (False, False, True), "desk": (False, True, True)})

    def test_the_registers_a_reader_may_print(self):
        status, body, _ = self.clerk.get("/api/v1/registers")
        self.assertEqual(status, 200, body)
        self.assertEqual([a["id"] for a in body["items"]], [COMMUNE])
        monitor = as_staff(server, "province_monitor", agency="ubnd-tinh")
        status, body, _ = monitor.get("/api/v1/registers")
        ids = [a["id"] for a in body["items"]]
        self.assertEqual(ids[0], "ubnd-tinh")  # their own first
        self.assertIn(COMMUNE, ids)
        self.assertIn("stp", ids)

    def test_a_grant_records_its_result_document(self):
        d = self.started()
        to_leader_step(server, d["id"])
        status, body, _ = act(self.leader, d["id"], "resolve_granted")
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], PROBLEM + "result_not_ready")
        status, body, _ = act(self.leader, d["id"], "resolve_granted", result=result_document(number=""))
        self.assertEqual(status, 400, body)
        self.assertEqual([e["field"] for e in body["errors"]], ["result.number"])
        status, body, _ = act(self.leader, d["id"], "resolve_granted",
                              result=result_document(return_method="electronic", date="2099-01-01"))
        self.assertEqual(status, 400, body)
        self.assertEqual(sorted(e["field"] for e in body["errors"]), ["result.date", "result.document_id"])
        self.assertEqual(body["detail"], "Thông tin kết quả giải quyết chưa hợp lệ.")
        # The signed file is one of the dossier's documents; the applicant downloads it later.
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        q = urllib.parse.urlencode({"name": "Quyết định.pdf", "component": "Kết quả giải quyết"})
        status, doc, _ = self.specialist.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=pdf,
                                                 headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 201, doc)
        status, v, _ = act(self.leader, d["id"], "resolve_granted",
                           result=result_document(return_method="electronic", document_id=doc["id"]))
        self.assertEqual(status, 200, v)
        r = v["details"]["result"]
        self.assertEqual((r["number"], r["signer"], r["return_method"], r["document_id"]),
                         ("125/QĐ-UBND", "Nguyễn Văn Lãnh", "electronic", doc["id"]))
        self.assertEqual(open_step(v)["role"], "clerk")  # issuing the result comes after the decision
        status, v, _ = act(self.clerk, d["id"], "return_result", return_method="electronic")
        self.assertEqual(status, 200, v)
        self.assertIsNone(open_step(v))
        roles = [s["role"] for s in v["control_sheet"]]
        self.assertEqual(roles, ["reception", "specialist", "head", "leader", "clerk"])
        # The applicant (the dossier's owner) downloads the electronic result, after the return too.
        citizen = Client(server)
        citizen.login_citizen("051090001234", "Nguyễn Văn An")
        status, mine, _ = citizen.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, mine)
        self.assertEqual(mine["details"]["result"]["document_id"], doc["id"])
        status, body, headers = citizen.get(f"/api/v1/dossiers/{d['id']}/documents/{doc['id']}")
        self.assertEqual(status, 200)
        self.assertEqual(body, pdf)
        # Somebody else does not.
        other = Client(server)
        other.login_citizen("051090009999", "Người khác")
        status, _, _ = other.get(f"/api/v1/dossiers/{d['id']}/documents/{doc['id']}")
        self.assertEqual(status, 404)


if __name__ == "__main__":
    unittest.main()
