"""Nobody sees or changes what is not theirs: citizens A/B, commune X vs department Y, roles, CSRF."""
import unittest

from harness import Client, Server, act, as_staff, intake, long_procedure_for

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class Boundaries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.commune = as_staff(server, "reception", "commune_committee")
        cls.proc = long_procedure_for(cls.commune, cls.commune.agency)
        cls.dossier = intake(cls.commune, cls.proc)
        cls.other_commune = as_staff(server, "reception", "commune_committee", exclude_agency=cls.commune.agency)
        cls.department = as_staff(server, "specialist", "department")

    def test_no_session(self):
        c = Client(server)
        status, body, _ = c.get("/api/v1/dossiers/" + self.dossier["id"])
        self.assertEqual(status, 401)
        self.assertEqual(body["status"], 401)
        status, _, _ = c.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 1, "applicant": {}})
        self.assertEqual(status, 401)

    def test_other_agency_cannot_open_or_act(self):
        for other in (self.other_commune, self.department):
            status, body, _ = other.get("/api/v1/dossiers/" + self.dossier["id"])
            self.assertEqual(status, 403, body)
            self.assertNotIn(self.dossier["applicant"]["full_name"], str(body))
            status, body, _ = act(other, self.dossier["id"], "start_processing")
            self.assertEqual(status, 403, body)
            status, q, _ = other.get("/api/v1/dossiers?queue=all")
            self.assertNotIn(self.dossier["id"], [x["id"] for x in q["items"]])

    def test_wrong_role(self):
        d = intake(self.commune, self.proc)
        status, body, _ = act(self.commune, d["id"], "resolve_granted")  # reception may not decide
        self.assertEqual(status, 403, body)
        leader = as_staff(server, "leader", agency=self.commune.agency)
        status, body, _ = leader.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 1,
                                                           "applicant": {"kind": "citizen", "full_name": "A",
                                                                         "id_number": "051090001234"}})
        self.assertEqual(status, 403, body)  # only reception officers take in dossiers

    def test_citizen_a_cannot_see_b(self):
        a, b = Client(server), Client(server)
        a.login_citizen("051090001111", "Công dân A")
        b.login_citizen("062195002222", "Công dân B")
        status, d, _ = a.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 2,
                                                    "receiving_agency_id": self.commune.agency,
                                                    "applicant": {"kind": "citizen", "full_name": "Công dân A"}})
        self.assertEqual(status, 201, d)
        self.assertEqual(a.get("/api/v1/dossiers/" + d["id"])[0], 200)
        status, body, _ = b.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 404)
        self.assertEqual(act(b, d["id"], "withdraw")[0], 404)
        _, mine, _ = b.get("/api/v1/dossiers")
        self.assertEqual(mine["items"], [])
        # A citizen cannot act as an official, nor file at a counter.
        self.assertEqual(act(a, d["id"], "receive")[0], 403)
        status, _, _ = a.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 1,
                                                    "applicant": {"kind": "citizen", "full_name": "Công dân A"}})
        self.assertEqual(status, 400)
        status, body, _ = a.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 2, "receive": True,
                                                       "receiving_agency_id": self.commune.agency,
                                                       "applicant": {"kind": "citizen", "full_name": "Công dân A"}})
        self.assertEqual(status, 403, body)  # a citizen cannot receive their own dossier
        # The owner may withdraw.
        status, body, _ = act(a, d["id"], "withdraw", note="Tôi xin rút hồ sơ")
        self.assertEqual(status, 200, body)

    def test_csrf_required(self):
        c = as_staff(server, "reception", agency=self.commune.agency)
        token = c.csrf
        c.csrf = None
        status, body, _ = c.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 1, "receive": True,
                                                      "applicant": {"kind": "citizen", "full_name": "A",
                                                                    "id_number": "051090001234"}})
        self.assertEqual(status, 403)
        self.assertIn("X-CSRF-Token", body["detail"])
        c.csrf = "0" * len(token)
        self.assertEqual(act(c, self.dossier["id"], "withdraw")[0], 403)

    def test_logout_ends_session(self):
        c = as_staff(server, "reception", agency=self.commune.agency)
        self.assertEqual(c.get("/api/v1/auth/me")[0], 200)
        self.assertEqual(c.post("/api/v1/auth/logout")[0], 204)
        c2 = Client(server)
        c2.cookie = c.cookie
        self.assertEqual(c.get("/api/v1/auth/me")[0], 401)

    def test_login_throttle(self):
        c = Client(server)
        user = "khong.ton.tai"
        codes = [c.post("/api/v1/auth/login", {"username": user, "password": "sai"})[0] for _ in range(6)]
        self.assertEqual(codes[:5], [401] * 5)
        self.assertEqual(codes[5], 429)

    def test_calendar_admin_only(self):
        status, body, _ = act(self.commune, self.dossier["id"], "noop")
        self.assertEqual(status, 400, body)  # no such action: refused before any role is looked at
        self.assertTrue(body["type"].endswith("/unknown_action"), body)
        status, body, _ = self.commune.request("PUT", "/api/v1/admin/calendar/days/2026-12-31",
                                               body={"working": False, "reason": "Nghỉ"})
        self.assertEqual(status, 403)
        admin = as_staff(server, "province_admin")
        status, body, _ = admin.request("PUT", "/api/v1/admin/calendar/days/2026-12-31",
                                        body={"working": False, "reason": "Nghỉ đột xuất (thử nghiệm)"})
        self.assertEqual(status, 200, body)
        _, days, _ = Client(server).get("/api/v1/calendar/days?from=2026-12-31&to=2026-12-31")
        self.assertFalse(days[0]["working"])
        self.assertEqual(days[0]["reason"], "Nghỉ đột xuất (thử nghiệm)")
        status, _, _ = admin.request("DELETE", "/api/v1/admin/calendar/days/2026-12-31")
        self.assertEqual(status, 204)
        status, changes, _ = admin.get("/api/v1/admin/calendar/changes")
        self.assertEqual(status, 200)
        mine = [c for c in changes["items"] if c["date"] == "2026-12-31"]
        self.assertEqual([c["working"] for c in mine], [None, False])  # newest first: removed, then set
        self.assertTrue(all(c["changed_by"].startswith("staff:") for c in mine))
        self.assertEqual(self.commune.get("/api/v1/admin/calendar/changes")[0], 403)
        _, days, _ = Client(server).get("/api/v1/calendar/days?from=2026-12-31&to=2026-12-31")
        self.assertTrue(days[0]["working"])


if __name__ == "__main__":
    unittest.main()
