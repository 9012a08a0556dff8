"""The edges an attacker probes first (issue 17): parallel password guesses, login CSRF, display
spoofing with bidi controls, staff admins granting beyond their reach, upload names, search
wildcards and cursors, walking the public lookup, and one account exhausting a desk."""
import concurrent.futures
import shutil
import subprocess
import unittest
import urllib.parse

from harness import Client, Server, as_staff, intake, logged_in, new_username, procedure_for

server = None

PASSWORD = "MotCua@2026"
GOOD_PW = "matkhau2026moi"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def problem_code(body):
    return body["type"].rsplit("/", 1)[-1] if isinstance(body, dict) else None


def field_errors(body):
    return {e["field"]: e["detail"] for e in body.get("errors", [])}


def create_staff(admin, agency="ubnd-camthanh", role="reception"):
    body = {"username": new_username(), "full_name": "Trần Thử Nghiệm", "password": GOOD_PW,
            "grants": [{"agency_id": agency, "role": role, "from": "2025-07-01", "to": None}]}
    status, res, _ = admin.post("/api/v1/admin/staff", body)
    assert status == 201, res
    return body["username"], res


class Logins(unittest.TestCase):
    def test_parallel_wrong_passwords_get_five_checks(self):
        # 16 guesses at once at a real account: the limit (5 per account) holds, so exactly five
        # passwords are checked and eleven are refused before any check.
        user, _ = create_staff(logged_in(server, "quantritinh.tinh"))

        def guess(i):
            return Client(server).post("/api/v1/auth/login", {"username": user, "password": f"sai-{i}"})

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(guess, range(16)))
        statuses = sorted(a[0] for a in answers)
        self.assertEqual(statuses, [401] * 5 + [429] * 11)
        refused = next(a for a in answers if a[0] == 429)
        self.assertEqual(problem_code(refused[1]), "login_throttled")
        self.assertGreater(int(refused[2]["retry-after"]), 0)
        self.assertLessEqual(int(refused[2]["retry-after"]), 15 * 60)
        # The right password is refused too while the account is locked.
        status, body, _ = Client(server).post("/api/v1/auth/login", {"username": user, "password": GOOD_PW})
        self.assertEqual(status, 429, body)

    def test_good_logins_do_not_use_up_the_address(self):
        # 40 good logins from one address (an office behind one NAT) stay welcome: a good login
        # gives back the attempt it reserved.
        user, _ = create_staff(logged_in(server, "quantritinh.tinh"))
        for _ in range(40):
            status, body, _ = Client(server).post("/api/v1/auth/login", {"username": user, "password": GOOD_PW})
            self.assertEqual(status, 200, body)

    def test_login_only_as_json(self):
        raw = b'{"username":"quantritinh.tinh","password":"MotCua@2026"}'
        status, body, headers = Client(server).request("POST", "/api/v1/auth/login", raw=raw,
                                                       headers={"Content-Type": "text/plain"})
        self.assertEqual(status, 415, body)
        self.assertEqual(problem_code(body), "unsupported_media_type")
        self.assertNotIn("set-cookie", headers)
        status, body, _ = Client(server).request("POST", "/api/v1/auth/citizen-dev-login",
                                                 raw=b'{"personal_id":"051090001234"}',
                                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 415, body)

    def test_login_from_a_foreign_origin_is_refused(self):
        creds = {"username": "quantritinh.tinh", "password": PASSWORD}
        for headers in ({"Origin": "https://ke-gian.example"}, {"Origin": "null"},
                        {"Sec-Fetch-Site": "cross-site"}):
            status, body, h = Client(server).post("/api/v1/auth/login", creds, headers=headers)
            self.assertEqual(status, 403, (headers, body))
            self.assertEqual(problem_code(body), "foreign_origin")
            self.assertNotIn("set-cookie", h)
        # Our own pages send their own origin.
        own = f"http://127.0.0.1:{server.port}"
        status, body, _ = Client(server).post("/api/v1/auth/login", creds,
                                              headers={"Origin": own, "Sec-Fetch-Site": "same-origin"})
        self.assertEqual(status, 200, body)

    def test_password_change_is_throttled(self):
        user, _ = create_staff(logged_in(server, "quantritinh.tinh"))
        c = logged_in(server, user, GOOD_PW)
        answers = [c.post("/api/v1/auth/password", {"current_password": f"sai-{i}", "new_password": "matkhau2027moi"})
                   for i in range(6)]
        self.assertEqual([a[0] for a in answers], [400] * 5 + [429])
        self.assertEqual(problem_code(answers[5][1]), "password_change_throttled")
        self.assertIn("retry-after", answers[5][2])
        # Locked: even the right current password waits.
        status, body, _ = c.post("/api/v1/auth/password", {"current_password": GOOD_PW, "new_password": "matkhau2027moi"})
        self.assertEqual(status, 429, body)


class Names(unittest.TestCase):
    def test_bidi_override_in_a_name_is_refused(self):
        admin = logged_in(server, "quantritinh.tinh")
        body = {"username": new_username(), "full_name": "Nguyễn Văn \u202eAn", "password": GOOD_PW,
                "grants": [{"agency_id": "ubnd-camthanh", "role": "reception", "from": "2025-07-01"}]}
        status, res, _ = admin.post("/api/v1/admin/staff", body)
        self.assertEqual(status, 400, res)
        self.assertEqual(field_errors(res)["full_name"], "Chứa ký tự điều khiển hướng văn bản (bidi) không được phép")
        status, res, _ = admin.get("/api/v1/admin/staff?agency=ubnd-camthanh")
        self.assertNotIn(body["username"], str(res))


class Grants(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.province = logged_in(server, "quantritinh.tinh")
        cls.unit = logged_in(server, "quantri.camthanh")  # unit_admin at ubnd-camthanh

    def grant(self, admin, staff_id, role, agency="ubnd-camthanh"):
        return admin.post(f"/api/v1/admin/staff/{staff_id}/grants",
                          {"agency_id": agency, "role": role, "from": "2025-07-01", "to": None})

    def staff_id(self, username):
        status, lst, _ = self.province.get("/api/v1/admin/staff")
        return next(s["id"] for s in lst["items"] if s["username"] == username)

    def test_unit_admin_cannot_make_themselves_leader(self):
        me = self.staff_id("quantri.camthanh")
        status, body, _ = self.grant(self.unit, me, "leader")
        self.assertEqual(status, 403, body)
        self.assertEqual(problem_code(body), "self_decision_role")
        # Nothing was granted.
        status, lst, _ = self.province.get("/api/v1/admin/staff?agency=ubnd-camthanh")
        mine = next(s for s in lst["items"] if s["id"] == me)
        self.assertNotIn("leader", [g["role"] for g in mine["grants"]])
        # Another member of their commune may be made leader by them.
        _, other = create_staff(self.unit)
        status, body, _ = self.grant(self.unit, other["id"], "leader")
        self.assertEqual(status, 201, body)

    def test_unit_admin_cannot_grant_to_other_agencies_or_province_accounts(self):
        for username in ("chuyenvien.stp", "quantritinh.tinh"):
            status, body, _ = self.grant(self.unit, self.staff_id(username), "specialist")
            self.assertEqual(status, 403, (username, body))
            self.assertEqual(problem_code(body), "foreign_account")
        # The province admin may.
        status, body, _ = self.grant(self.province, self.staff_id("chuyenvien.stp"), "specialist")
        self.assertEqual(status, 201, body)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class UploadNames(unittest.TestCase):
    def test_stored_name_names_the_content_without_bidi_tricks(self):
        desk = as_staff(server, "reception", agency="ubnd-camthanh")
        d = intake(desk, procedure_for(desk, desk.agency))
        cases = {"hoa-don\u202efdp.exe": "hoa-donfdp.pdf", "Giấy\u200b khai sinh.png": "Giấy khai sinh.pdf",
                 "bao-cao": "bao-cao.pdf", "C:\\tmp\\to-khai.PDF": "to-khai.PDF"}
        for sent, stored in cases.items():
            q = urllib.parse.urlencode({"name": sent, "component": "Tờ khai"})
            status, doc, _ = desk.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=PDF,
                                          headers={"Content-Type": "application/pdf"})
            self.assertEqual(status, 201, (sent, doc))
            self.assertEqual(doc["file_name"], stored)
            status, _, headers = desk.get(doc["href"])
            self.assertEqual(status, 200)
            self.assertNotIn("%E2%80%AE", headers["content-disposition"])


class SearchAndCursors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency="ubnd-camthanh")
        proc = procedure_for(cls.desk, cls.desk.agency)
        cls.plain = intake(cls.desk, proc, name="Phạm Thị Hoa")
        cls.odd = intake(cls.desk, proc, name="Công ty 100% vốn Hoa_Sen")

    def search(self, text):
        status, body, _ = self.desk.get("/api/v1/dossiers?queue=all&q=" + urllib.parse.quote(text))
        self.assertEqual(status, 200, body)
        return {d["id"] for d in body["items"]}

    def test_percent_and_underscore_are_matched_literally(self):
        self.assertEqual(self.search("%"), {self.odd["id"]})
        self.assertEqual(self.search("a_s"), {self.odd["id"]})
        self.assertNotIn(self.plain["id"], self.search("_"))
        self.assertEqual(self.search("100%"), {self.odd["id"]})
        self.assertIn(self.plain["id"], self.search("hoa"))

    def test_malformed_cursor_is_a_400(self):
        for cursor in ("abc", "1:xyz", "12abc:" + self.plain["id"], "99999999999999999999:" + self.plain["id"],
                       ":" + self.plain["id"], "1:" + self.plain["id"] + "x"):
            status, body, _ = self.desk.get("/api/v1/dossiers?queue=all&cursor=" + urllib.parse.quote(cursor))
            self.assertEqual(status, 400, (cursor, body))
            self.assertEqual(problem_code(body), "bad_cursor")
            self.assertIn("cursor", field_errors(body))
        status, body, _ = self.desk.get("/api/v1/dossiers?queue=to_consult&cursor=1:abc")
        self.assertEqual(status, 400, body)
        # The cursor the server wrote is taken.
        status, page, _ = self.desk.get("/api/v1/dossiers?queue=all&limit=1")
        self.assertEqual(status, 200, page)
        status, body, _ = self.desk.get("/api/v1/dossiers?queue=all&limit=1&cursor=" +
                                        urllib.parse.quote(page["next_cursor"]))
        self.assertEqual(status, 200, body)


class LookupByCode(unittest.TestCase):
    """Codes are predictable: the code alone shows state and dates; walking codes hits 429."""

    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency="ubnd-camthanh")
        cls.d = intake(cls.desk, procedure_for(cls.desk, cls.desk.agency), name="Đặng Thị Kín")

    def test_1_code_alone_shows_state_and_dates_only(self):
        status, pub, _ = Client(server).get("/api/v1/public/dossiers/" + self.d["code"])
        self.assertEqual(status, 200, pub)
        self.assertEqual(set(pub), {"code", "status", "received_at", "due_at", "result_ready", "returned_at",
                                    "details"})
        self.assertIs(pub["details"], False)
        status, page, _ = Client(server).get("/tra-cuu/" + self.d["code"])
        text = page.decode("utf-8")
        self.assertEqual(status, 200)
        self.assertNotIn(self.d["procedure"]["name"], text)
        self.assertNotIn("Đ*** T** K**", text)
        self.assertIn("Nhập thêm mã tra cứu", text)

    def test_2_key_shows_the_rest_and_a_wrong_key_is_refused(self):
        key = self.d["tracking_key"]
        status, pub, _ = Client(server).get(f"/api/v1/public/dossiers/{self.d['code']}?k={key.lower()}")
        self.assertEqual(status, 200, pub)
        self.assertEqual(pub["procedure"], self.d["procedure"]["name"])
        wrong = "".join("A" if ch != "A" else "B" for ch in key)
        status, body, _ = Client(server).get(f"/api/v1/public/dossiers/{self.d['code']}?k={wrong}")
        self.assertEqual(status, 403, body)
        self.assertEqual(problem_code(body), "wrong_tracking_key")
        self.assertNotIn(self.d["procedure"]["name"], str(body))
        # The receipt's QR code and footer carry the key.
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{self.d['id']}/forms/01.pdf")
        self.assertEqual(status, 200)
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True).stdout.decode("utf-8")
            self.assertIn(key, text)

    def test_3_walking_the_codes_is_stopped(self):
        # 300 codes in a row, as the probe did: the limit (20 a minute, misses cost 5) answers 429
        # with Retry-After long before the end, and nothing after that names a procedure.
        prefix = self.d["code"].rsplit("-", 1)[0]
        answers = [Client(server).get(f"/api/v1/public/dossiers/{prefix}-{n:04d}") for n in range(1, 301)]
        statuses = [a[0] for a in answers]
        first = statuses.index(429)
        self.assertLessEqual(first, 20)
        self.assertEqual(set(statuses[first:]), {429})
        body, headers = answers[first][1], answers[first][2]
        self.assertEqual(problem_code(body), "rate_limited")
        self.assertGreater(int(headers["retry-after"]), 0)
        status, page, headers = Client(server).get("/tra-cuu/" + self.d["code"])
        self.assertEqual(status, 429)
        self.assertIn("retry-after", headers)


class FilingOnline(unittest.TestCase):
    """Who files for whom, and how much one account or one address may file."""

    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency="ubnd-camthanh")
        cls.proc = procedure_for(cls.desk, cls.desk.agency)

    def citizen(self, pid):
        c = Client(server)
        c.login_citizen(pid, "Hồ Thị Nộp")
        return c

    def file(self, c, applicant, **extra):
        body = {"procedure_id": self.proc, "channel": 2, "receiving_agency_id": self.desk.agency,
                "applicant": applicant}
        body.update(extra)
        return c.post("/api/v1/dossiers", body)

    def test_filing_for_someone_else_says_so(self):
        c = self.citizen("051090003301")
        other = {"kind": "citizen", "full_name": "Hồ Văn Được", "id_number": "051090003302"}
        # Any ID number put down as the applicant, without a word: refused, nothing written.
        status, body, _ = self.file(c, other)
        self.assertEqual(status, 400, body)
        self.assertEqual(problem_code(body), "invalid_on_behalf")
        self.assertIn("on_behalf", field_errors(body))
        self.assertEqual(c.get("/api/v1/dossiers")[1]["items"], [])
        # Authorised, but the authorisation is not among the components.
        status, body, _ = self.file(c, other, on_behalf={"relationship": "authorised", "document": "Giấy ủy quyền"})
        self.assertEqual(status, 400, body)
        self.assertIn("on_behalf.document", field_errors(body))
        # A guardian of an organisation does not exist.
        status, body, _ = self.file(c, {"kind": "organisation", "full_name": "Công ty TNHH Một Cửa",
                                        "tax_code": "0100047516"}, on_behalf={"relationship": "guardian"})
        self.assertEqual(status, 400, body)
        self.assertIn("on_behalf.relationship", field_errors(body))
        # Said so, with the document: filed, and recorded on the dossier.
        comps = [{"name": "Giấy ủy quyền", "kind": "original"}, {"name": "Tờ khai", "kind": "original"}]
        status, d, _ = self.file(c, other, components=comps,
                                 on_behalf={"relationship": "authorised", "document": "Giấy ủy quyền"})
        self.assertEqual(status, 201, d)
        self.assertEqual(d["details"]["on_behalf"], {"relationship": "authorised", "filer_id": "051090003301",
                                                     "filer_name": "Hồ Thị Nộp", "document": "Giấy ủy quyền"})
        self.assertEqual(d["applicant"]["id_number"], "051090003302")
        # Filing for oneself claims no right.
        status, body, _ = self.file(c, {"kind": "citizen", "full_name": "Hồ Thị Nộp"},
                                    on_behalf={"relationship": "authorised", "document": "Giấy ủy quyền"},
                                    components=comps)
        self.assertEqual(status, 400, body)
        self.assertIn("on_behalf", field_errors(body))
        # A legal representative files for the organisation without a separate document.
        status, d, _ = self.file(c, {"kind": "organisation", "full_name": "Công ty TNHH Một Cửa",
                                     "tax_code": "0100047516"}, on_behalf={"relationship": "legal_representative"})
        self.assertEqual(status, 201, d)
        self.assertEqual(d["details"]["on_behalf"]["relationship"], "legal_representative")

    def test_unknown_applicant_kind_is_refused_at_the_edge(self):
        # The kind is read once, by the request reader: an unknown one is a field of the
        # body's validation problem (reported with the body's other problems), never a string
        # that reaches the use case.
        c = self.citizen("051090003305")
        status, body, _ = self.file(c, {"kind": "company", "full_name": "Công ty TNHH Một Cửa",
                                        "tax_code": "0100047516"}, channel=9)
        self.assertEqual(status, 400, body)
        self.assertEqual(problem_code(body), "validation")
        errors = field_errors(body)
        self.assertEqual(errors["applicant.kind"],
                         "Loại người nộp phải là citizen (cá nhân) hoặc organisation (tổ chức)")
        self.assertIn("channel", errors)
        self.assertEqual(c.get("/api/v1/dossiers")[1]["items"], [])

    def test_one_account_files_at_most_twenty_a_day(self):
        c = self.citizen("051090003303")
        me = {"kind": "citizen", "full_name": "Hồ Thị Nộp"}
        for i in range(20):
            status, body, _ = self.file(c, me)
            self.assertEqual(status, 201, (i, body))
        status, body, headers = self.file(c, me)
        self.assertEqual(status, 429, body)
        self.assertEqual(problem_code(body), "filing_limit")
        self.assertIn("retry-after", headers)
        self.assertEqual(len(c.get("/api/v1/dossiers?limit=100")[1]["items"]), 20)
        # The counter still receives at that agency, for that very person.
        d = intake(self.desk, self.proc, person="051090003303", name="Hồ Thị Nộp")
        self.assertEqual(d["state"]["id"], "received")

    def test_online_filings_leave_the_last_thousand_numbers_to_the_counter(self):
        # The agency's online filings today have reached number 9000 (set in the store, as a
        # flood would): online is refused with nothing written, the counter still gets codes.
        first = intake(self.desk, self.proc)
        day = first["code"].split("-")[-2]
        set_code_sequence(self.desk.agency, "20" + day[:2] + "-" + day[2:4] + "-" + day[4:6], 9000)
        c = self.citizen("051090003304")
        status, body, _ = self.file(c, {"kind": "citizen", "full_name": "Hồ Thị Nộp"})
        self.assertEqual(status, 503, body)
        self.assertEqual(problem_code(body), "online_quota_reached")
        self.assertEqual(c.get("/api/v1/dossiers")[1]["items"], [])
        d = intake(self.desk, self.proc)
        self.assertTrue(d["code"].endswith("-9001"), d["code"])


def set_code_sequence(agency, day, n):
    sql = f"UPDATE dossier_code_seq SET n = {int(n)} WHERE agency_id = '{agency}' AND day = '{day}'"
    if server.engine == "postgres":
        subprocess.run(["psql", server.db.split(":", 1)[1], "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                       capture_output=True)
    else:
        import sqlite3
        con = sqlite3.connect(server.db.split(":", 1)[1])
        with con:
            changed = con.execute(sql).rowcount
        con.close()
        assert changed == 1, (agency, day)


if __name__ == "__main__":
    unittest.main()
