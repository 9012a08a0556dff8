"""E-forms, drafts and submission (issue 13): the e-form of a procedure version, the citizen's
drafts (versioned: a lost update is 412; another device resumes), resumable uploads (a dropped
connection resumed from the server's offset; wrong type or size refused with nothing kept),
submit (server-side validation 422 by field path, a former commune mapped, ONE dossier for any
number of repeated or concurrent submits), and citizen B seeing none of A's draft."""
import json
import os
import socket
import threading
import unittest

from harness import Client, Server

server = None

BIRTH = "1.001193@v1"          # Đăng ký khai sinh: its own e-form
MANG_CANH_OLD = "c23470@old"   # Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum (until 2025-06-30)
MANG_DEN = "c23473"            # Xã Măng Đen (merged from it)
A_ID = "051190001234"
B_ID = "051190005678"
PDF = b"%PDF-1.4\n" + b"x" * 2991   # 3000 bytes, a PDF by its first bytes


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_MAX_FILE_MB"] = "1"
    server.setup().start()


def tearDownModule():
    server.stop()


def citizen(pid=A_ID, name="Lê Thị Hoa"):
    c = Client(server)
    c.login_citizen(pid, name)
    return c


def birth_form(unit=None, former=MANG_CANH_OLD):
    addr = {"line": "Thôn Măng Cành 2"}
    if unit:
        addr["unit_id"] = unit
    if former:
        addr["former_unit_id"] = former
    return {
        "requester": {"full_name": "Lê Thị Hoa", "personal_id": A_ID, "phone": "0905123456", "relationship": "me"},
        "residence": addr,
        "child": {"full_name": "Nguyễn Lê Minh An", "birth_date": "2026-11-20", "sex": "nam", "ethnicity": "Kinh",
                  "nationality": "Việt Nam", "birth_place": "Trạm y tế xã Măng Đen", "home_town": "Quảng Ngãi"},
        "mother": {"full_name": "Lê Thị Hoa", "birth_year": 1990, "ethnicity": "Kinh", "nationality": "Việt Nam"},
        "father_known": False,
        "pledge": True,
    }


def new_draft(c, data=None, procedure=BIRTH, **kw):
    body = {"procedure_id": procedure, "receiving_agency_id": "ubnd-mangden"}
    if data is not None:
        body["data"] = data
    status, d, h = c.post("/api/v1/drafts", body, **kw)
    assert status == 201, (status, d)
    return d, h


def put(c, draft, body, version=None, **kw):
    headers = dict(kw.pop("headers", {}))
    if version is not None:
        headers["If-Match"] = '"%d"' % version
    return c.request("PUT", "/api/v1/drafts/" + draft, body=body, headers=headers, **kw)


def start_upload(c, draft, size=len(PDF), component="Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)",
                 name="giay-chung-sinh.pdf"):
    return c.post("/api/v1/drafts/%s/uploads" % draft, {"component": component, "file_name": name, "size": size})


def chunk(c, draft, upload, data, first, total):
    return c.request("PUT", "/api/v1/drafts/%s/uploads/%s" % (draft, upload), raw=data,
                     headers={"Content-Type": "application/octet-stream",
                              "Content-Range": "bytes %d-%d/%d" % (first, first + len(data) - 1, total)})


def dropped_chunk(c, draft, upload, data, first, total, sent):
    """Sends a chunk's headers and only `sent` of its bytes, then the connection drops."""
    s = socket.create_connection(("127.0.0.1", server.port))
    head = ("PUT /api/v1/drafts/%s/uploads/%s HTTP/1.1\r\nHost: x\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
            "Content-Type: application/octet-stream\r\nContent-Range: bytes %d-%d/%d\r\nContent-Length: %d\r\n\r\n"
            % (draft, upload, c.cookie, c.csrf, first, first + len(data) - 1, total, len(data)))
    s.sendall(head.encode() + data[:sent])
    s.close()


def uploaded(c, draft):
    status, d, _ = c.get("/api/v1/drafts/" + draft)
    assert status == 200, d
    return d["uploads"]


def files_in(sub):
    root = os.path.join(server.dir, "files", sub)
    return sorted(os.listdir(root)) if os.path.isdir(root) else []


class Eforms(unittest.TestCase):
    def test_a_procedure_version_serves_its_own_eform(self):
        status, body, h = Client(server).get("/api/v1/procedures/%s/eform" % BIRTH)
        self.assertEqual(status, 200, body)
        self.assertFalse(body["generic"])
        self.assertEqual(body["schema"]["title"], "Tờ khai đăng ký khai sinh")
        self.assertIn("verified", body["schema"])
        self.assertEqual(body["schema"]["applicant"]["id_number"], "requester.personal_id")
        names = [f["name"] for f in body["schema"]["fields"]]
        self.assertEqual(names[:3], ["requester", "residence", "child"])
        self.assertEqual(len(body["components"]), 4)

    def test_a_procedure_without_one_gets_the_generic_form(self):
        status, body, _ = Client(server).get("/api/v1/procedures/1.004884@v1/eform")
        self.assertEqual(status, 200, body)
        self.assertTrue(body["generic"])
        self.assertEqual([f["name"] for f in body["schema"]["fields"]], ["requester", "address", "note"])

    def test_an_unknown_version_is_404(self):
        status, body, _ = Client(server).get("/api/v1/procedures/9.999999@v1/eform")
        self.assertEqual(status, 404, body)

    def test_at_least_eight_seeded_procedures_have_their_own(self):
        c = Client(server)
        status, body, _ = c.get("/api/v1/procedures?limit=200")
        self.assertEqual(status, 200, body)
        own = 0
        for p in body["items"]:
            st, e, _ = c.get("/api/v1/procedures/%s/eform" % p["id"])
            self.assertEqual(st, 200, e)
            own += not e["generic"]
        self.assertGreaterEqual(own, 8)


class EformVersions(unittest.TestCase):
    def test_a_new_version_carries_the_form_and_a_dossier_keeps_its_version(self):
        c = citizen()
        d, _ = new_draft(c, birth_form())
        admin = Client(server)
        admin.login("quantritinh.tinh", "MotCua@2026")
        status, v2, _ = admin.post(f"/api/v1/admin/procedures/{BIRTH}/versions", {
            "effective_from": "2030-01-01", "time_limit": {"amount": 3, "unit": "working_days"},
            "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 2},
                        {"name": "Giải quyết", "role": "leader", "agency": "competent", "hours": 8}]})
        self.assertEqual(status, 201, v2)
        status, form, _ = Client(server).get("/api/v1/procedures/%s/eform" % v2["id"])
        self.assertEqual(status, 200, form)
        self.assertFalse(form["generic"])
        self.assertEqual(form["schema"]["title"], "Tờ khai đăng ký khai sinh")
        # The draft begun under version 1 is filed under version 1 (in force today).
        status, up, _ = start_upload(c, d["id"])
        chunk(c, d["id"], up["id"], PDF, 0, len(PDF))
        status, dossier, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual((status, dossier.get("procedure_id")), (201, BIRTH), dossier)


class Drafts(unittest.TestCase):
    def test_create_read_save_and_delete(self):
        c = citizen()
        d, h = new_draft(c, {"requester": {"full_name": "Lê Thị Hoa"}})
        self.assertEqual(h["etag"], '"1"')
        self.assertEqual(h["location"], "/api/v1/drafts/" + d["id"])
        self.assertEqual((d["state"], d["version"], d["procedure_name"]), ("open", 1, "Đăng ký khai sinh"))
        self.assertEqual(d["data"], {"requester": {"full_name": "Lê Thị Hoa"}})
        self.assertIsNotNone(d["expires_at"])
        self.assertFalse(d["expiry_warning"])
        status, listed, _ = c.get("/api/v1/drafts")
        self.assertIn(d["id"], [x["id"] for x in listed["items"]])
        status, saved, h = put(c, d["id"], {"data": birth_form()}, version=1)
        self.assertEqual(status, 200, saved)
        self.assertEqual((saved["version"], h["etag"]), (2, '"2"'))
        self.assertEqual(saved["data"]["child"]["full_name"], "Nguyễn Lê Minh An")
        status, _, _ = c.request("DELETE", "/api/v1/drafts/" + d["id"])
        self.assertEqual(status, 204)
        status, body, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((status, body["type"]), (404, "https://motcua.vn/problems/draft_not_found"))

    def test_a_lost_update_is_412_and_another_device_resumes(self):
        phone = citizen()
        d, _ = new_draft(phone, {"requester": {"full_name": "Lê Thị Hoa"}})
        laptop = citizen()  # the same citizen on a second device
        status, seen, h = laptop.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((status, seen["data"]), (200, d["data"]))
        status, saved, _ = put(laptop, d["id"], {"data": birth_form()}, version=int(h["etag"].strip('"')))
        self.assertEqual((status, saved["version"]), (200, 2))
        # The phone still holds version 1: its save would overwrite the laptop's.
        status, body, _ = put(phone, d["id"], {"data": {"requester": {"full_name": "Lê Hoa"}}}, version=1)
        self.assertEqual(status, 412, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/draft_version_mismatch")
        status, now, _ = phone.get("/api/v1/drafts/" + d["id"])
        self.assertEqual(now["data"]["child"]["full_name"], "Nguyễn Lê Minh An")
        status, body, _ = put(phone, d["id"], {"data": {}})  # no If-Match at all
        self.assertEqual(status, 428, body)

    def test_create_is_idempotent(self):
        c = citizen()
        key = {"Idempotency-Key": "draft-once-1"}
        a, _ = new_draft(c, None, headers=key)
        b, _ = new_draft(c, None, headers=key)
        self.assertEqual(a["id"], b["id"])

    def test_a_draft_refuses_what_is_wrong_but_not_what_is_missing(self):
        c = citizen()
        d, _ = new_draft(c)
        bad = {"requester": {"full_name": "An\u202eeT", "personal_id": "123", "role": "admin"},
               "child": {"birth_date": "2030-01-01"}, "amount_vnd": 0, "residence": {"line": "x", "unit_id": 5}}
        status, body, _ = put(c, d["id"], {"data": bad}, version=1)
        self.assertEqual(status, 422, body)
        errors = {(e["field"], e["detail"]) for e in body["errors"]}
        self.assertEqual(errors, {
            ("data.requester.full_name", "Có ký tự điều khiển hoặc ký tự ẩn không được phép."),
            ("data.requester.personal_id", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
            ("data.requester.role", "Trường này không có trong biểu mẫu."),
            ("data.child.birth_date", "Ngày không được sau hôm nay."),
            ("data.amount_vnd", "Trường này không có trong biểu mẫu."),
            ("data.residence.unit_id", "Mã đơn vị hành chính không hợp lệ."),
        })
        status, still, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((still["version"], still["data"]), (1, {}))  # nothing written

    def test_scripts_are_stored_as_text(self):
        c = citizen()
        script = "<script>alert('x')</script>"
        d, _ = new_draft(c, {"requester": {"full_name": script}, "residence": {"line": "<img src=x onerror=alert(1)>"}})
        status, got, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual(got["data"]["requester"]["full_name"], script)
        self.assertEqual(got["data"]["residence"]["line"], "<img src=x onerror=alert(1)>")

    def test_text_is_stored_composed(self):
        c = citizen()
        d, _ = new_draft(c, {"requester": {"full_name": "Nguye\u0302\u0303n"}})
        self.assertEqual(d["data"]["requester"]["full_name"], "Nguyễn")

    def test_malformed_and_oversized_bodies(self):
        c = citizen()
        status, body, _ = c.request("POST", "/api/v1/drafts", raw=b'{"procedure_id": "1.001193@v1", "data": {',
                                    headers={"Content-Type": "application/json"})
        self.assertEqual(status, 400, body)
        status, body, _ = c.post("/api/v1/drafts", {"procedure_id": BIRTH, "data": {"note": "x" * (300 << 10)}})
        self.assertEqual(status, 413, body)
        status, body, _ = c.post("/api/v1/drafts", {"procedure_id": BIRTH, "data": [1]})
        self.assertEqual(status, 400, body)
        status, body, _ = c.post("/api/v1/drafts", {"procedure_id": BIRTH, "colour": "đỏ"})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["errors"][0]["field"], "colour")
        status, body, _ = c.post("/api/v1/drafts", {"procedure_id": "9.999999@v1"})
        self.assertEqual((status, body["errors"][0]["field"]), (422, "procedure_id"))
        status, body, _ = c.post("/api/v1/drafts", {"procedure_id": "2.000884@v1"})  # counter only
        self.assertEqual((status, body["type"]), (409, "https://motcua.vn/problems/online_not_offered"))

    def test_staff_and_anonymous_have_no_drafts(self):
        status, body, _ = Client(server).get("/api/v1/drafts")
        self.assertEqual(status, 401, body)


class NobodyElses(unittest.TestCase):
    def test_citizen_b_gets_404_on_everything_of_a(self):
        a = citizen()
        d, _ = new_draft(a, birth_form())
        status, up, _ = start_upload(a, d["id"])
        self.assertEqual(status, 201, up)
        b = citizen(B_ID, "Trần Văn Bình")
        base = "/api/v1/drafts/" + d["id"]
        for method, path, body, headers in [
            ("GET", base, None, {}),
            ("PUT", base, {"data": {}}, {"If-Match": '"1"'}),
            ("DELETE", base, None, {}),
            ("POST", base + "/submit", None, {}),
            ("POST", base + "/uploads", {"component": "x", "file_name": "a.pdf", "size": 10}, {}),
            ("GET", base + "/uploads/" + up["id"], None, {}),
            ("DELETE", base + "/uploads/" + up["id"], None, {}),
        ]:
            status, answer, _ = b.request(method, path, body=body, headers=headers)
            self.assertEqual(status, 404, (method, path, answer))
        status, answer, _ = b.request("PUT", base + "/uploads/" + up["id"], raw=PDF[:100],
                                      headers={"Content-Range": "bytes 0-99/3000"})
        self.assertEqual(status, 404, answer)
        status, listed, _ = b.get("/api/v1/drafts")
        self.assertNotIn(d["id"], [x["id"] for x in listed["items"]])
        self.assertEqual(uploaded(a, d["id"])[0]["received"], 0)  # B's chunk wrote nothing
        status, still, _ = a.get(base)
        self.assertEqual((status, still["version"]), (200, 1))


class Uploads(unittest.TestCase):
    def test_interrupted_then_resumed_from_the_servers_offset(self):
        c = citizen()
        d, _ = new_draft(c, birth_form())
        status, up, h = start_upload(c, d["id"])
        self.assertEqual((status, up["received"], up["complete"], h["upload-offset"]), (201, 0, False, "0"))
        status, got, h = chunk(c, d["id"], up["id"], PDF[:1000], 0, 3000)
        self.assertEqual((status, got["received"], h["upload-offset"]), (200, 1000, "1000"), got)
        dropped_chunk(c, d["id"], up["id"], PDF[1000:], 1000, 3000, sent=700)
        # The other device (or the same after reconnecting) asks where to go on from.
        other = citizen()
        status, at, h = other.get("/api/v1/drafts/%s/uploads/%s" % (d["id"], up["id"]))
        self.assertEqual((status, at["received"], h["upload-offset"]), (200, 1000, "1000"))
        status, body, h = chunk(other, d["id"], up["id"], PDF[1500:], 1500, 3000)  # the wrong place
        self.assertEqual((status, body["upload"]["received"], h["upload-offset"]), (409, 1000, "1000"), body)
        status, done, _ = chunk(other, d["id"], up["id"], PDF[1000:], 1000, 3000)
        self.assertEqual(status, 200, done)
        self.assertEqual((done["received"], done["complete"], done["content_type"]), (3000, True, "application/pdf"))
        self.assertEqual(uploaded(c, d["id"])[0]["complete"], True)
        self.assertEqual(files_in(".drafts"), [])  # the partial file went into the blob store

    def test_a_wrong_type_is_refused_and_nothing_kept(self):
        c = citizen()
        d, _ = new_draft(c)
        status, up, _ = start_upload(c, d["id"], size=200, name="virus.pdf")
        self.assertEqual(status, 201, up)
        status, body, _ = chunk(c, d["id"], up["id"], b"MZ\x90\x00" + b"\x00" * 196, 0, 200)
        self.assertEqual(status, 415, body)
        self.assertEqual(uploaded(c, d["id"]), [])
        self.assertEqual(files_in(".drafts"), [])
        status, body, _ = c.get("/api/v1/drafts/%s/uploads/%s" % (d["id"], up["id"]))
        self.assertEqual(status, 404, body)

    def test_sizes_are_bounded(self):
        c = citizen()
        d, _ = new_draft(c)
        status, body, _ = start_upload(c, d["id"], size=(1 << 20) + 1)  # MOTCUA_MAX_FILE_MB=1
        self.assertEqual(status, 413, body)
        status, up, _ = start_upload(c, d["id"], size=100)
        status, body, _ = chunk(c, d["id"], up["id"], PDF[:200], 0, 200)  # more than declared
        self.assertEqual(status, 400, body)  # Content-Range total differs from the declared size
        status, body, _ = c.request("PUT", "/api/v1/drafts/%s/uploads/%s" % (d["id"], up["id"]), raw=PDF[:200],
                                    headers={"Upload-Offset": "0"})
        self.assertEqual(status, 413, body)
        self.assertEqual(uploaded(c, d["id"])[0]["received"], 0)
        status, body, _ = start_upload(c, d["id"], component="Giấy khai sinh của người khác")
        self.assertEqual((status, body["errors"][0]["field"]), (422, "component"))


class Submit(unittest.TestCase):
    def complete_draft(self, c):
        d, _ = new_draft(c, birth_form())
        status, up, _ = start_upload(c, d["id"])
        status, done, _ = chunk(c, d["id"], up["id"], PDF, 0, len(PDF))
        self.assertEqual(done["complete"], True, done)
        return d

    def mine(self, c):
        status, body, _ = c.get("/api/v1/dossiers?queue=mine&limit=200")
        self.assertEqual(status, 200, body)
        return body["items"]

    def test_submit_makes_one_dossier_and_repeats_answer_it(self):
        c = citizen()
        d = self.complete_draft(c)
        before = len(self.mine(c))
        status, dossier, h = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual(status, 201, dossier)
        self.assertEqual((dossier["channel"], dossier["state"]["id"]), (2, "submitted"))
        code = dossier["code"]
        self.assertEqual(h["location"], "/api/v1/dossiers/" + dossier["id"])
        # The form is the dossier's, its former commune mapped to today's.
        form = dossier["details"]["eform"]
        self.assertEqual(form["draft_id"], d["id"])
        self.assertEqual(form["data"]["residence"]["former_unit_id"], MANG_CANH_OLD)
        self.assertEqual(form["data"]["residence"]["unit_id"], MANG_DEN)
        self.assertIn("Măng Đen", form["data"]["residence"]["unit_name"])
        self.assertNotIn("father", form["data"])
        self.assertEqual(dossier["applicant"]["full_name"], "Lê Thị Hoa")
        self.assertEqual(dossier["applicant"]["address_unit_id"], MANG_DEN)
        self.assertEqual(len(dossier["documents"]), 1)
        self.assertEqual(dossier["documents"][0]["content_type"], "application/pdf")
        provided = {k["name"]: k["provided"] for k in dossier["details"]["components"]}
        self.assertEqual(provided, {
            "Tờ khai đăng ký khai sinh (mẫu)": True,  # the e-form is the declaration
            "Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)": True,
            "Giấy tờ tùy thân của người yêu cầu (xuất trình)": False,
            "Giấy tờ chứng minh nơi cư trú khi không khai thác được dữ liệu cư trú": False})
        for _ in range(3):  # a retried, double-clicked submit
            status, again, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
            self.assertEqual((status, again["code"]), (201, code))
        self.assertEqual(len(self.mine(c)), before + 1)
        status, now, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((now["state"], now["dossier_id"]), ("submitted", dossier["id"]))
        status, body, _ = put(c, d["id"], {"data": {}}, version=now["version"])
        self.assertEqual(status, 409, body)
        status, doc, h = c.get("/api/v1/dossiers/%s/documents/%s" % (dossier["id"], dossier["documents"][0]["id"]))
        self.assertEqual((status, doc), (200, PDF))

    def test_concurrent_submits_make_one_dossier(self):
        c = citizen(B_ID, "Trần Văn Bình")
        form = birth_form()
        form["requester"].update({"full_name": "Trần Văn Bình", "personal_id": B_ID, "relationship": "cha"})
        d, _ = new_draft(c, form)
        before = len(self.mine(c))
        answers = []

        def go():
            answers.append(c.post("/api/v1/drafts/%s/submit" % d["id"])[:2])

        threads = [threading.Thread(target=go) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual({s for s, _ in answers}, {201}, answers)
        self.assertEqual(len({b["code"] for _, b in answers}), 1)
        self.assertEqual(len(self.mine(c)), before + 1)

    def test_the_server_checks_the_form_in_full(self):
        c = citizen()
        form = birth_form()
        del form["child"]["full_name"]
        form["pledge"] = False
        form["father_known"] = True
        d, _ = new_draft(c, form)
        status, up, _ = start_upload(c, d["id"])
        status, body, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual(status, 422, body)
        errors = {(e["field"], e["detail"]) for e in body["errors"]}
        self.assertEqual(errors, {
            ("child.full_name", "Thông tin bắt buộc."),
            ("father", "Thông tin bắt buộc."),
            ("pledge", "Cần xác nhận mục này."),
            ("uploads." + up["id"], "Tệp «giay-chung-sinh.pdf» chưa tải lên xong: tải tiếp hoặc xoá tệp."),
        })
        status, now, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual(now["state"], "open")

    def test_an_unknown_or_split_commune_is_said_at_its_field(self):
        c = citizen()
        d, _ = new_draft(c, birth_form(unit="c99999", former=None))
        status, body, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual(status, 422, body)
        self.assertEqual([e["field"] for e in body["errors"]], ["residence.unit_id"])

    def test_filing_for_someone_else_needs_the_right(self):
        c = citizen()
        form = birth_form()
        form["requester"]["personal_id"] = B_ID  # not the account's
        d, _ = new_draft(c, form)
        status, body, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual(status, 422, body)
        self.assertEqual(body["errors"][0]["field"], "on_behalf")


if __name__ == "__main__":
    unittest.main()
