"""Administration: staff and role grants, agencies, procedure versions; every change audited."""
import datetime
import json
import os
import sqlite3
import subprocess
import unittest

from harness import Client, Server, as_staff, intake, logged_in, new_username

server = None

PASSWORD = "MotCua@2026"
GOOD_PW = "matkhau2026moi"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def login(username, password=PASSWORD):
    return logged_in(server, username, password)


def today():
    # Local date in Việt Nam (UTC+7), as the server counts grant validity.
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=7)).date()


def sql(q):
    """Rows of a query on the server's store (either engine), as lists of strings."""
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\x1f", "-c", q],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\x1f") for line in out.splitlines() if line]
    db = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        return [[str(x) for x in r] for r in db.execute(q).fetchall()]
    finally:
        db.close()


def fields(body):
    return {e["field"] for e in body.get("errors", body.get("fields", []))} if isinstance(body, dict) else set()


class Staff(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.province = login("quantritinh.tinh")
        cls.unit = login("quantri.camthanh")  # unit_admin at ubnd-camthanh

    def create(self, admin, agency="ubnd-camthanh", role="reception", username=None, expect=201, **extra):
        body = {"username": username or new_username(), "full_name": "Nguyễn Thử Nghiệm", "password": GOOD_PW,
                "grants": [{"agency_id": agency, "role": role, "from": "2025-07-01", "to": None}]}
        body.update(extra)
        status, res, _ = admin.post("/api/v1/admin/staff", body)
        self.assertEqual(status, expect, res)
        return body, res

    def test_the_session_says_what_the_staff_app_offers(self):
        """`may` comes from the server's policy: the web shows menus and edit buttons from it."""
        def may(client):
            status, me, _ = client.get("/api/v1/auth/me")
            self.assertEqual(status, 200, me)
            return me["user"]["may"]
        self.assertEqual(may(self.unit), {"receive": False, "administration": True, "manage_staff": True,
                                          "read_calendar": False, "change_calendar": False,
                                          "read_organisation": False, "change_organisation": False,
                                          "change_procedures": False, "read_kpi": False, "read_kpi_province": False, "feedback_calls": False,
                                          "feedback_cases": False, "feedback_figures": False, "feedback_figures_province": False,
                                          "evaluate": False, "review_procedures": False,
                                          "reports": False, "consolidate_reports": False})
        self.assertEqual(may(self.province), {"receive": False, "administration": True, "manage_staff": True,
                                              "read_calendar": True, "change_calendar": True,
                                              "read_organisation": True, "change_organisation": True,
                                              "change_procedures": True, "read_kpi": True, "read_kpi_province": True, "feedback_calls": False,
                                              "feedback_cases": True, "feedback_figures": True, "feedback_figures_province": True,
                                              "evaluate": True, "review_procedures": True,
                                              "reports": True, "consolidate_reports": True})
        body, _ = self.create(self.unit, role="reception")
        desk = may(login(body["username"], GOOD_PW))
        self.assertTrue(desk["receive"])
        self.assertEqual((desk["reports"], desk["consolidate_reports"]), (True, False))
        self.assertFalse(desk["administration"])

    def test_the_session_names_the_agencies_and_roles_the_staff_app_offers(self):
        """The intake form's agencies and the grant form's roles come from the policy, not from role names in the web."""
        def me(client):
            status, body, _ = client.get("/api/v1/auth/me")
            self.assertEqual(status, 200, body)
            return body["user"]
        unit = me(self.unit)
        self.assertEqual(unit["staff_agencies"], ["ubnd-camthanh"])
        self.assertEqual(unit["receive_agencies"], [])
        self.assertEqual(sorted(unit["grantable_roles"]),
                         ["clerk", "head", "leader", "reception", "specialist", "unit_admin"])
        province = me(self.province)
        self.assertEqual(province["staff_agencies"], [])
        self.assertIn("province_admin", province["grantable_roles"])
        self.assertEqual(len(province["grantable_roles"]), 8)
        body, _ = self.create(self.unit, role="reception")
        desk = me(login(body["username"], GOOD_PW))
        self.assertEqual(desk["receive_agencies"], ["ubnd-camthanh"])
        self.assertEqual(desk["grantable_roles"], [])

    def test_create_and_login(self):
        body, res = self.create(self.unit)
        self.assertNotIn("password", str(res).lower().replace("password_", ""))
        self.assertEqual(res["username"], body["username"])
        self.assertTrue(res["active"])
        self.assertEqual(len(res["grants"]), 1)
        c = login(body["username"], GOOD_PW)
        status, me, _ = c.get("/api/v1/auth/me")
        self.assertEqual(status, 200, me)
        # Duplicate username → 409.
        self.create(self.province, username=body["username"], expect=409)
        # Listed for the unit admin and the province admin, never with a password hash.
        for admin in (self.unit, self.province):
            status, lst, _ = admin.get("/api/v1/admin/staff?agency=ubnd-camthanh")
            self.assertEqual(status, 200, lst)
            names = [s["username"] for s in lst["items"]]
            self.assertIn(body["username"], names)
            self.assertNotIn("argon2", str(lst))
            self.assertNotIn("password_hash", str(lst))

    def test_create_with_a_contact_email(self):
        # The address is checked by the same rule as the separate route; a bad one refuses the
        # whole account, and nothing is written.
        for bad in ("khong-phai-thu", "nguyễn@example.vn", "a@b.vn\r\nBcc: x@y.vn"):
            name = new_username()
            _, res = self.create(self.unit, username=name, email=bad, expect=400)
            self.assertEqual([e["field"] for e in res["errors"]], ["email"], res)
            if "\r" not in bad:  # control characters are the request reader's to refuse
                self.assertEqual(res["errors"][0]["detail"], "Địa chỉ thư điện tử không hợp lệ "
                                 "(dạng ten@co-quan.gov.vn, không dấu, không khoảng trắng)")
            self.assertEqual(sql(f"SELECT COUNT(*) FROM staff WHERE username = '{name}'"), [["0"]])
        # A good one is written with the account, in the same change, and audited masked.
        _, res = self.create(self.unit, email="tmai.camthanh@quangngai.gov.vn")
        self.assertEqual(res["email"], "tmai.camthanh@quangngai.gov.vn")
        status, lst, _ = self.unit.get("/api/v1/admin/staff?agency=ubnd-camthanh")
        self.assertEqual(next(s["email"] for s in lst["items"] if s["id"] == res["id"]), "tmai.camthanh@quangngai.gov.vn")
        self.assertEqual(sql(f"SELECT email FROM staff_contacts WHERE staff_id = '{res['id']}'"),
                         [["tmai.camthanh@quangngai.gov.vn"]])
        [[detail]] = sql(f"SELECT detail FROM audit_log WHERE action = 'staff.create' AND object = 'staff:{res['id']}'")
        detail = json.loads(detail)
        self.assertEqual(detail["email"], "t***@quangngai.gov.vn")
        # None given, or "": no address.
        for extra in ({}, {"email": ""}):
            _, res = self.create(self.unit, **extra)
            self.assertIsNone(res["email"], res)
            self.assertEqual(sql(f"SELECT COUNT(*) FROM staff_contacts WHERE staff_id = '{res['id']}'"), [["0"]])

    def test_bad_input(self):
        status, res, _ = self.province.post("/api/v1/admin/staff", {
            "username": "Co Dau", "full_name": "A", "password": "short1",
            "grants": [{"agency_id": "ubnd-camthanh", "role": "wizard", "from": "2025-13-01"}]})
        self.assertEqual(status, 400, res)
        text = str(res)
        for f in ("username", "password", "grants[0].role", "grants[0].from"):
            self.assertIn(f, text)
        # Letters only → weak.
        _, res = self.create(self.province, password="chicochucaithoi", expect=400)
        self.assertIn("password", str(res))

    def test_unit_admin_limits(self):
        # Another agency: neither create there, nor list it.
        self.create(self.unit, agency="stp", expect=403)
        status, res, _ = self.unit.get("/api/v1/admin/staff?agency=stp")
        self.assertEqual(status, 403, res)
        # Without a filter, only staff with a grant at their agencies.
        status, lst, _ = self.unit.get("/api/v1/admin/staff")
        self.assertEqual(status, 200, lst)
        for s in lst["items"]:
            self.assertIn("ubnd-camthanh", [g["agency_id"] for g in s["grants"]], s)
        # Province roles are for the province admin only.
        self.create(self.unit, role="province_admin", expect=403)
        self.create(self.unit, role="province_monitor", expect=403)
        _, someone = self.create(self.unit)
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{someone['id']}/grants",
                                        {"agency_id": "ubnd-camthanh", "role": "province_admin",
                                         "from": "2025-07-01", "to": None})
        self.assertEqual(status, 403, res)
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{someone['id']}/grants",
                                        {"agency_id": "stp", "role": "specialist", "from": "2025-07-01"})
        self.assertEqual(status, 403, res)
        # A department's staff member is out of reach (password, active).
        status, lst, _ = self.province.get("/api/v1/admin/staff?agency=stp")
        stp = next(s for s in lst["items"] if s["username"] == "chuyenvien.stp")
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{stp['id']}/password", {"password": GOOD_PW})[0], 403)
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{stp['id']}/active", {"active": False})[0], 403)
        # Ordinary staff are not admins at all.
        reception = as_staff(server, "reception", agency="ubnd-camthanh")
        self.assertEqual(reception.get("/api/v1/admin/staff")[0], 403)
        # The province admin may grant a province role.
        status, res, _ = self.province.post(f"/api/v1/admin/staff/{someone['id']}/grants",
                                            {"agency_id": "ubnd-tinh", "role": "province_monitor",
                                             "from": "2025-07-01", "to": None})
        self.assertEqual(status, 201, res)
        # ...after which the unit admin no longer manages that account.
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{someone['id']}/active", {"active": False})[0], 403)

    def test_grant_end_keeps_history(self):
        body, st = self.create(self.unit, role="reception")
        sid = st["id"]
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{sid}/grants",
                                        {"agency_id": "ubnd-camthanh", "role": "specialist", "from": "2025-07-01"})
        self.assertEqual(status, 201, res)
        # Overlapping same role → 409.
        status, res2, _ = self.unit.post(f"/api/v1/admin/staff/{sid}/grants",
                                         {"agency_id": "ubnd-camthanh", "role": "specialist", "from": "2025-08-01"})
        self.assertEqual(status, 409, res2)
        grant = next(g for g in res["grants"] if g["role"] == "specialist")
        yesterday = (today() - datetime.timedelta(days=1)).isoformat()
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{sid}/grants/{grant['id']}/end", {"to": yesterday})
        self.assertEqual(status, 200, res)
        ended = next(g for g in res["grants"] if g["id"] == grant["id"])
        self.assertEqual(ended["to"], yesterday)
        self.assertEqual(len(res["grants"]), 2)  # history kept
        # Ending again → 409; unknown grant → 404; end before start → 400.
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{sid}/grants/{grant['id']}/end", {"to": yesterday})
        self.assertEqual(status, 409, res)
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{sid}/grants/999999/end", {"to": yesterday})[0], 404)
        recept = next(g for g in st["grants"] if g["role"] == "reception")
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{sid}/grants/{recept['id']}/end", {"to": "2020-01-01"})
        self.assertEqual(status, 400, res)
        # The member now only holds reception.
        c = login(body["username"], GOOD_PW)
        _, me, _ = c.get("/api/v1/auth/me")
        self.assertNotIn("specialist", str(me.get("user", me).get("grants", me)))

    def test_deactivate_logs_out(self):
        body, st = self.create(self.unit)
        c = login(body["username"], GOOD_PW)
        self.assertEqual(c.get("/api/v1/auth/me")[0], 200)
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{st['id']}/active", {"active": False})
        self.assertEqual(status, 200, res)
        self.assertFalse(res["active"])
        status, res, _ = c.get("/api/v1/dossiers?queue=all")
        self.assertEqual(status, 401, res)
        status, _, _ = Client(server).post("/api/v1/auth/login", {"username": body["username"], "password": GOOD_PW})
        self.assertEqual(status, 401)
        # Reactivated: may log in again.
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{st['id']}/active", {"active": True})
        self.assertEqual(status, 200, res)
        login(body["username"], GOOD_PW)
        # Nobody locks themselves out.
        status, me, _ = self.unit.get("/api/v1/auth/me")
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{me['user']['id']}/active", {"active": False})[0], 409)

    def test_password_change_and_reset(self):
        body, st = self.create(self.unit)
        c = login(body["username"], GOOD_PW)
        status, res, _ = c.post("/api/v1/auth/password", {"current_password": "sai-mat-khau-1", "new_password": "moihon2026abc"})
        self.assertEqual(status, 400, res)  # a field error, not a lost session (docs/openapi.yaml)
        self.assertEqual([f["field"] for f in res["errors"]], ["current_password"], res)
        status, res, _ = c.post("/api/v1/auth/password", {"current_password": GOOD_PW, "new_password": "yeu"})
        self.assertEqual(status, 400, res)
        self.assertIn("new_password", str(res))
        other = login(body["username"], GOOD_PW)  # the same person on another device
        status, res, _ = c.post("/api/v1/auth/password", {"current_password": GOOD_PW, "new_password": "moihon2026abc"})
        self.assertEqual(status, 204, res)
        # The other session ends; the one that changed the password goes on.
        self.assertEqual(other.get("/api/v1/dossiers?queue=all")[0], 401)
        self.assertEqual(c.get("/api/v1/dossiers?queue=all")[0], 200)
        login(body["username"], "moihon2026abc")
        # Admin reset: weak → 400; good → old sessions end, new password works.
        self.assertEqual(self.unit.post(f"/api/v1/admin/staff/{st['id']}/password", {"password": "abc"})[0], 400)
        status, res, _ = self.unit.post(f"/api/v1/admin/staff/{st['id']}/password", {"password": "datlai2026xyz"})
        self.assertEqual(status, 204, res)
        self.assertEqual(c.get("/api/v1/dossiers?queue=all")[0], 401)
        login(body["username"], "datlai2026xyz")
        # A citizen has no password here.
        cit = Client(server)
        cit.login_citizen("051090003333")
        status, _, _ = cit.post("/api/v1/auth/password", {"current_password": "x", "new_password": "moihon2026abc"})
        self.assertEqual(status, 403)


class Catalogue(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.province = login("quantritinh.tinh")

    def base_procedure(self):
        _, body, _ = self.province.get("/api/v1/procedures?agency=ubnd-camthanh")
        for p in body["items"]:
            if p["time_limit"]["unit"] == "working_days" and p["time_limit"]["amount"] >= 3:
                return p
        raise LookupError("no procedure")

    def test_new_version(self):
        base = self.base_procedure()
        _, before, _ = self.province.get("/api/v1/procedures/" + base["id"])
        path = f"/api/v1/admin/procedures/{base['id']}/versions"
        process = [{"name": "Tiếp nhận hồ sơ", "role": "reception", "agency": "receiving", "hours": 2},
                   {"name": "Thẩm định", "role": "specialist", "agency": "competent", "hours": 10},
                   {"name": "Phê duyệt", "role": "leader", "agency": "competent", "hours": 4},
                   {"name": "Trả kết quả", "role": "reception", "agency": "receiving", "hours": 2}]
        # Sum 18 h > 2 working days (16 h) → 400 on "process".
        status, res, _ = self.province.post(path, {"effective_from": "2026-12-01",
                                                   "time_limit": {"amount": 2, "unit": "working_days"},
                                                   "process": process})
        self.assertEqual(status, 400, res)
        self.assertIn("process", [e["field"] for e in res.get("errors", [])] or str(res))
        # Bad role and hours, per field.
        bad = [dict(process[0], role="wizard"), dict(process[1], hours=0), dict(process[2], agency="elsewhere")]
        status, res, _ = self.province.post(path, {"effective_from": "2026-12-01",
                                                   "time_limit": {"amount": 3, "unit": "working_days"},
                                                   "process": bad})
        self.assertEqual(status, 400, res)
        for f in ("process[0].role", "process[1].hours", "process[2].agency"):
            self.assertIn(f, str(res))
        # A unit admin may not.
        unit = login("quantri.camthanh")
        status, res, _ = unit.post(path, {"effective_from": "2026-12-01",
                                          "time_limit": {"amount": 3, "unit": "working_days"}, "process": process})
        self.assertEqual(status, 403, res)
        # Good: 18 h ≤ 3 working days.
        status, new, _ = self.province.post(path, {"effective_from": "2026-12-01",
                                                   "time_limit": {"amount": 3, "unit": "working_days"},
                                                   "process": process})
        self.assertEqual(status, 201, new)
        self.assertEqual(new["id"], f"{base['national_code']}@v{base['version'] + 1}")
        self.assertEqual(new["version"], base["version"] + 1)
        self.assertEqual(new["time_limit"]["amount"], 3)
        self.assertEqual([s["hours"] for s in new["catalogue"]["process"]], [2, 10, 4, 2])
        # The old version is unchanged.
        _, after, _ = self.province.get("/api/v1/procedures/" + base["id"])
        self.assertEqual(before, after)
        # Both listed.
        status, vs, _ = self.province.get(path)
        self.assertEqual(status, 200, vs)
        self.assertEqual([v["id"] for v in vs["items"]][-2:], [base["id"], new["id"]])
        _, cat, _ = self.province.get("/api/v1/procedures?agency=ubnd-camthanh&limit=500")
        self.assertIn(new["id"], [p["id"] for p in cat["items"]])
        # A dossier can be received under the new version, with its process as the control sheet.
        reception = as_staff(server, "reception", agency="ubnd-camthanh")
        d = intake(reception, new["id"])
        self.assertEqual(d["procedure"]["id"], new["id"])
        # same_day allows 8 h at most.
        status, res, _ = self.province.post(path, {"effective_from": "2026-12-02",
                                                   "time_limit": {"amount": 0, "unit": "same_day"},
                                                   "process": process})
        self.assertEqual(status, 400, res)

    def test_agency_update_audited(self):
        status, res, _ = self.province.request("PUT", "/api/v1/admin/agencies/old-ubnd-tranhungdao-qng",
                                               body={"name": "Ủy ban nhân dân phường Trần Hưng Đạo (cũ)",
                                                     "valid_to": "2025-06-30", "successor_id": "ubnd-camthanh"})
        self.assertEqual(status, 200, res)
        self.assertEqual(res["name"], "Ủy ban nhân dân phường Trần Hưng Đạo (cũ)")
        _, agencies, _ = self.province.get("/api/v1/agencies")
        items = agencies["items"] if isinstance(agencies, dict) else agencies
        a = next(x for x in items if x["id"] == "old-ubnd-tranhungdao-qng")
        self.assertEqual(a["name"], "Ủy ban nhân dân phường Trần Hưng Đạo (cũ)")
        # Unknown successor → 400; a cycle → 409; a unit admin → 403.
        status, res, _ = self.province.request("PUT", "/api/v1/admin/agencies/old-ubnd-tranhungdao-qng",
                                               body={"name": "X", "successor_id": "khong-co"})
        self.assertEqual(status, 400, res)
        status, res, _ = self.province.request("PUT", "/api/v1/admin/agencies/ubnd-camthanh",
                                               body={"name": "Ủy ban nhân dân phường Cẩm Thành",
                                                     "successor_id": "old-ubnd-tranhungdao-qng"})
        self.assertEqual(status, 409, res)
        unit = login("quantri.camthanh")
        status, res, _ = unit.request("PUT", "/api/v1/admin/agencies/ubnd-camthanh",
                                      body={"name": "Đổi tên"})
        self.assertEqual(status, 403, res)


class ZAudit(unittest.TestCase):
    def test_audit_chain_intact(self):
        out = server.run("audit-verify")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)


if __name__ == "__main__":
    unittest.main()
