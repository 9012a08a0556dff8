"""Uploads: PDF/JPEG/PNG by content, size limits, stored by hash, served back as attachments."""
import hashlib
import unittest
import urllib.parse

from harness import Client, Server, as_staff, intake, long_procedure_for

server = None
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_MAX_FILE_MB"] = "1"
    server.env["MOTCUA_MAX_DOSSIER_MB"] = "2"
    server.setup().start()


def tearDownModule():
    server.stop()


class Documents(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", "commune_committee")
        cls.proc = long_procedure_for(cls.desk, cls.desk.agency)

    def upload(self, client, dossier_id, data, name="Giấy khai sinh.pdf", ctype="application/pdf"):
        q = urllib.parse.urlencode({"name": name, "component": "Tờ khai"})
        return client.request("POST", f"/api/v1/dossiers/{dossier_id}/documents?{q}", raw=data,
                              headers={"Content-Type": ctype})

    def test_upload_and_download(self):
        d = intake(self.desk, self.proc)
        status, doc, _ = self.upload(self.desk, d["id"], PDF)
        self.assertEqual(status, 201, doc)
        self.assertEqual(doc["content_type"], "application/pdf")
        self.assertEqual(doc["sha256"], hashlib.sha256(PDF).hexdigest())
        self.assertEqual(doc["file_name"], "Giấy khai sinh.pdf")
        status, body, headers = self.desk.get(doc["href"])
        self.assertEqual(status, 200)
        self.assertEqual(body, PDF)
        self.assertTrue(headers["content-disposition"].startswith("attachment"))
        self.assertIn("UTF-8''Gi%E1%BA%A5y", headers["content-disposition"])
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        _, view, _ = self.desk.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual([x["id"] for x in view["documents"]], [doc["id"]])
        self.assertIn("document_added", [h["action"] for h in view["history"]])

    def test_type_is_decided_by_content(self):
        d = intake(self.desk, self.proc)
        status, body, _ = self.upload(self.desk, d["id"], b"<html><script>alert(1)</script>", name="scan.pdf")
        self.assertEqual(status, 415, body)
        self.assertIn("PDF, JPEG hoặc PNG", body["detail"])
        status, body, _ = self.upload(self.desk, d["id"], b"")
        self.assertEqual(status, 400, body)
        status, body, _ = self.upload(self.desk, d["id"], PNG, name="anh.pdf", ctype="application/pdf")
        self.assertEqual(status, 201)
        self.assertEqual(body["content_type"], "image/png")

    def test_size_limits(self):
        d = intake(self.desk, self.proc)
        big = PDF + b"0" * (1024 * 1024)
        status, body, _ = self.upload(self.desk, d["id"], big)
        self.assertEqual(status, 413, body)
        self.assertIn("1 MB", body["detail"])
        part = PDF + b"0" * (900 * 1024)
        for i in range(2):
            self.assertEqual(self.upload(self.desk, d["id"], part + bytes([i]))[0], 201)
        status, body, _ = self.upload(self.desk, d["id"], part + b"x")
        self.assertEqual(status, 413)
        self.assertIn("2 MB", body["detail"])
        _, view, _ = self.desk.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(len(view["documents"]), 2)

    def test_nobody_else_reads_or_writes(self):
        d = intake(self.desk, self.proc)
        status, doc, _ = self.upload(self.desk, d["id"], PDF)
        other = as_staff(server, "reception", "commune_committee", exclude_agency=self.desk.agency)
        self.assertEqual(other.get(doc["href"])[0], 403)
        self.assertEqual(self.upload(other, d["id"], PDF)[0], 403)
        stranger = Client(server)
        stranger.login_citizen("062195002222", "Người lạ")
        self.assertEqual(stranger.get(doc["href"])[0], 404)
        self.assertEqual(Client(server).get(doc["href"])[0], 401)

    def test_inline_preview(self):
        d = intake(self.desk, self.proc)
        _, pdf, _ = self.upload(self.desk, d["id"], PDF)
        _, png, _ = self.upload(self.desk, d["id"], PNG, name="ảnh chụp.png", ctype="image/png")
        for doc, ctype, data in ((pdf, "application/pdf", PDF), (png, "image/png", PNG)):
            status, body, headers = self.desk.get(doc["href"] + "?inline=1")
            self.assertEqual(status, 200)
            self.assertEqual(body, data)
            self.assertEqual(headers["content-type"], ctype)
            self.assertTrue(headers["content-disposition"].startswith("inline;"), headers)
            self.assertIn("filename*=UTF-8''", headers["content-disposition"])
            self.assertEqual(headers["x-content-type-options"], "nosniff")
            csp = [p.strip() for p in headers["content-security-policy"].split(";")]
            self.assertIn("sandbox", csp)  # no allow-* token: no script, no form, no same origin
            self.assertIn("default-src 'none'", csp)
            self.assertIn("frame-ancestors 'self'", csp)
            self.assertEqual(headers["x-frame-options"], "SAMEORIGIN")
            self.assertIn("no-store", headers["cache-control"])
        # The plain download stays an attachment under the server's own policy.
        status, _, headers = self.desk.get(pdf["href"])
        self.assertTrue(headers["content-disposition"].startswith("attachment;"))
        self.assertNotIn("sandbox", headers["content-security-policy"])
        self.assertIn("frame-ancestors 'none'", headers["content-security-policy"])
        self.assertEqual(headers["x-frame-options"], "DENY")
        status, _, headers = self.desk.get(pdf["href"] + "?inline=0")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-disposition"].startswith("attachment;"))
        status, body, _ = self.desk.get(pdf["href"] + "?inline=yes")
        self.assertEqual(status, 400, body)

    def test_inline_preview_has_the_same_authorisation(self):
        d = intake(self.desk, self.proc)
        _, doc, _ = self.upload(self.desk, d["id"], PDF)
        url = doc["href"] + "?inline=1"
        other = as_staff(server, "reception", "commune_committee", exclude_agency=self.desk.agency)
        self.assertEqual(other.get(url)[0], 403)
        stranger = Client(server)
        stranger.login_citizen("062195003333", "Người lạ")
        self.assertEqual(stranger.get(url)[0], 404)
        self.assertEqual(Client(server).get(url)[0], 401)
        missing = f"/api/v1/dossiers/{d['id']}/documents/00000000-0000-0000-0000-000000000000?inline=1"
        self.assertEqual(self.desk.get(missing)[0], 404)


if __name__ == "__main__":
    unittest.main()
