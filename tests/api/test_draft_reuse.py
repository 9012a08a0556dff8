"""«Never ask twice» while filing online (issue 13, DOMAIN.md §4): a draft's component taken from
the citizen's data store (Kho dữ liệu của tôi) instead of an upload. Only what is in the caller's
store may be taken (their own earlier upload or a result issued to them, its content still
stored); the submit checks it again, files it by reference, records the reuse on the dossier and
counts it once as documents_reused. Run on both stores (MOTCUA_TEST_DB)."""
import os
import time
import unittest
import urllib.parse

from harness import Client, Server, as_staff, new_key

server = None

BIRTH = "1.001193@v1"
CERT = "Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)"
RESIDENCE = "Giấy tờ chứng minh nơi cư trú khi không khai thác được dữ liệu cư trú"
PDF = b"%PDF-1.4\n% giay chung sinh goc\n" + b"x" * 1200


def setUpModule():
    global server
    server = Server()
    server.setup().start()


def tearDownModule():
    server.stop()


_n = [0]


def person():
    _n[0] += 1
    return "0511%08d" % (int(time.time()) % 1000000 * 10 + _n[0])


def citizen(pid, name="Lê Thị Hoa"):
    c = Client(server)
    c.login_citizen(pid, name)
    return c


def birth_form(pid, name="Lê Thị Hoa"):
    return {
        "requester": {"full_name": name, "personal_id": pid, "phone": "0905123456", "relationship": "me"},
        "residence": {"line": "Thôn 2", "unit_id": "c23473"},
        "child": {"full_name": "Nguyễn Lê Minh An", "birth_date": "2026-11-20", "sex": "nam", "ethnicity": "Kinh",
                  "nationality": "Việt Nam", "birth_place": "Trạm y tế xã Măng Đen", "home_town": "Quảng Ngãi"},
        "mother": {"full_name": name, "birth_year": 1990, "ethnicity": "Kinh", "nationality": "Việt Nam"},
        "father_known": False,
        "pledge": True,
    }


def new_draft(c, pid):
    status, d, _ = c.post("/api/v1/drafts", {"procedure_id": BIRTH, "receiving_agency_id": "ubnd-mangden",
                                             "data": birth_form(pid)})
    assert status == 201, (status, d)
    return d


def reuse(c, draft_id, document_id, component=None, key=None):
    body = {"document_id": document_id}
    if component is not None:
        body["component"] = component
    return c.post("/api/v1/drafts/%s/reuses" % draft_id, body, headers={"Idempotency-Key": key} if key else None)


def first_dossier(c, pid):
    """A dossier filed online with the certificate uploaded: its document is in the store."""
    d = new_draft(c, pid)
    status, up, _ = c.post("/api/v1/drafts/%s/uploads" % d["id"], {"component": CERT, "file_name": "chứng sinh.pdf",
                                                                    "size": len(PDF)})
    assert status == 201, up
    status, up, _ = c.request("PUT", "/api/v1/drafts/%s/uploads/%s" % (d["id"], up["id"]), raw=PDF,
                              headers={"Content-Type": "application/octet-stream",
                                       "Content-Range": "bytes 0-%d/%d" % (len(PDF) - 1, len(PDF))})
    assert status == 200 and up["complete"], up
    status, dossier, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
    assert status == 201, dossier
    return dossier


def reused_counter(staff, agency):
    m = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
    status, body, _ = staff.get(f"/api/v1/ratings?agency_id={agency}&from={m}&to={m}")
    assert status == 200, body
    return body["items"][0]["documents_reused"]


class DraftReuse(unittest.TestCase):
    def test_a_document_from_the_store_is_filed_by_reference_and_counted_once(self):
        pid = person()
        me = citizen(pid)
        first = first_dossier(me, pid)
        agency = first["competent_agency_id"]
        staff = as_staff(server, "reception", agency=agency)
        status, store, _ = me.get("/api/v1/me/documents")
        self.assertEqual(status, 200, store)
        doc = store["items"][0]
        self.assertEqual((doc["dossier_id"], doc["kind"], doc["component"]), (first["id"], "submitted", CERT))

        draft = new_draft(me, pid)
        key = new_key()
        status, up, h = reuse(me, draft["id"], doc["id"], key=key)
        self.assertEqual(status, 201, up)
        self.assertEqual((up["component"], up["reused_from"], up["complete"], up["size"], up["received"]),
                         (CERT, doc["id"], True, len(PDF), len(PDF)))
        self.assertEqual(h["location"], "/api/v1/drafts/%s/uploads/%s" % (draft["id"], up["id"]))
        status, again, _ = reuse(me, draft["id"], doc["id"], key=key)  # a retried request
        self.assertEqual((status, again["id"]), (201, up["id"]))
        status, body, _ = reuse(me, draft["id"], doc["id"])  # the same document twice
        self.assertEqual(status, 409, body)
        self.assertTrue(body["type"].endswith("/already_attached"), body)
        status, d, _ = me.get("/api/v1/drafts/" + draft["id"])
        self.assertEqual([(u["id"], u["reused_from"]) for u in d["uploads"]], [(up["id"], doc["id"])])

        before = reused_counter(staff, agency)
        status, dossier, _ = me.post("/api/v1/drafts/%s/submit" % draft["id"])
        self.assertEqual(status, 201, dossier)
        self.assertEqual([(x["component"], x["sha256"]) for x in dossier["documents"]], [(CERT, doc["sha256"])])
        provided = {k["name"]: k["provided"] for k in dossier["details"]["components"]}
        self.assertTrue(provided[CERT])
        status, again, _ = me.post("/api/v1/drafts/%s/submit" % draft["id"])
        self.assertEqual((status, again["id"]), (201, dossier["id"]))
        self.assertEqual(reused_counter(staff, agency), before + 1)  # once, however often submitted
        status, mine, _ = me.get("/api/v1/me/dossiers/" + dossier["id"])
        self.assertEqual([x["reused_from"] for x in mine["documents"]], [doc["id"]])
        status, data, _ = me.get("/api/v1/dossiers/%s/documents/%s" % (dossier["id"], dossier["documents"][0]["id"]))
        self.assertEqual((status, data), (200, PDF))  # the same content, no copy asked for

    def test_only_the_callers_store_and_a_component_the_procedure_asks(self):
        pid_a, pid_b = person(), person()
        a, b = citizen(pid_a), citizen(pid_b, "Trần Văn Bình")
        first = first_dossier(a, pid_a)
        _, store, _ = a.get("/api/v1/me/documents")
        doc = store["items"][0]
        a_draft, b_draft = new_draft(a, pid_a), new_draft(b, pid_b)
        # Another citizen's document, into their own draft or into A's: as if it did not exist.
        status, body, _ = reuse(b, b_draft["id"], doc["id"])
        self.assertEqual(status, 404, body)
        self.assertTrue(body["type"].endswith("/document_not_found"), body)
        status, body, _ = reuse(b, a_draft["id"], doc["id"])
        self.assertEqual(status, 404, body)
        self.assertTrue(body["type"].endswith("/draft_not_found"), body)
        # A scan the desk made in A's dossier is not A's own document.
        staff = as_staff(server, "reception", agency=first["competent_agency_id"])
        q = urllib.parse.urlencode({"name": "bản quét.pdf", "component": "Quét tại quầy"})
        status, scan, _ = staff.request("POST", f"/api/v1/dossiers/{first['id']}/documents?{q}", raw=PDF + b"scan",
                                        headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(status, 201, scan)
        status, body, _ = reuse(a, a_draft["id"], scan["id"])
        self.assertEqual(status, 404, body)
        status, body, _ = reuse(a, a_draft["id"], "khong-co-tai-lieu-nay")
        self.assertEqual(status, 404, body)
        # A component the procedure does not ask for: 422 at its field.
        status, body, _ = reuse(a, a_draft["id"], doc["id"], component="Giấy tờ không có trong thủ tục")
        self.assertEqual(status, 422, body)
        self.assertEqual([e["field"] for e in body["errors"]], ["component"])
        # Staff have no drafts.
        status, body, _ = reuse(staff, a_draft["id"], doc["id"])
        # A staff session is no citizen's session: drafts need the citizen to log in.
        self.assertEqual(status, 401, body)
        self.assertTrue(body["type"].endswith("/login_required"), body)
        status, d, _ = a.get("/api/v1/drafts/" + a_draft["id"])
        self.assertEqual(d["uploads"], [])  # nothing was attached by any of these
        status, d, _ = a.get("/api/v1/drafts/" + b_draft["id"])
        self.assertEqual(status, 404, d)
        # Under another component the procedure asks for, it is taken.
        status, up, _ = reuse(a, a_draft["id"], doc["id"], component=RESIDENCE)
        self.assertEqual((status, up.get("component")), (201, RESIDENCE), up)

    def test_a_document_no_longer_valid_at_submit_is_said_and_nothing_filed(self):
        pid = person()
        me = citizen(pid)
        first = first_dossier(me, pid)
        _, store, _ = me.get("/api/v1/me/documents")
        doc = store["items"][0]
        draft = new_draft(me, pid)
        status, up, _ = reuse(me, draft["id"], doc["id"])
        self.assertEqual(status, 201, up)
        status, mine, _ = me.get("/api/v1/me/dossiers")
        count = len(mine["items"])
        # The stored content is gone (e.g. removed by retention): the document is no longer valid.
        path = os.path.join(server.dir, "files", doc["sha256"][:2], doc["sha256"])
        os.rename(path, path + ".gone")
        try:
            status, body, _ = me.post("/api/v1/drafts/%s/submit" % draft["id"])
            self.assertEqual(status, 422, body)
            self.assertEqual([e["field"] for e in body["errors"]], ["uploads." + up["id"]])
            self.assertIn("không còn trong kho dữ liệu", body["errors"][0]["detail"])
            status, mine, _ = me.get("/api/v1/me/dossiers")
            self.assertEqual(len(mine["items"]), count)  # nothing filed
            status, d, _ = me.get("/api/v1/drafts/" + draft["id"])
            self.assertEqual(d["state"], "open")
            other = new_draft(me, pid)
            status, body, _ = reuse(me, other["id"], doc["id"])
            self.assertEqual(status, 404, body)
        finally:
            os.rename(path + ".gone", path)
        self.assertEqual(first["state"]["id"], "submitted")


if __name__ == "__main__":
    unittest.main()
