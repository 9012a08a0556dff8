"""The training copy (MOTCUA_TRAINING=1, `make training`): the server says so, and so do the
public tracking page and every page of the printed forms; a normal server says none of it. The
training server is built as `make training` builds it: migrate, seed, then the living demo desk
(`seed-demo`). One server at a time (on PostgreSQL they share the test schema)."""
import shutil
import subprocess
import tempfile
import unittest

from harness import Server, as_staff, intake, long_procedure_for, today_vn

MARK = "BẢN ĐÀO TẠO"
FULL_MARK = "BẢN ĐÀO TẠO — không có giá trị pháp lý"
HAS_PDFTOTEXT = shutil.which("pdftotext") is not None


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True,
                              check=True).stdout


def pdf_pages(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


class NormalServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().setup().start()
        cls.desk = as_staff(cls.server, "reception", "commune_committee")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_health_says_it_is_not_a_training_copy(self):
        status, body, _ = self.desk.get("/api/v1/health")
        self.assertEqual(status, 200, body)
        self.assertIs(body["training"], False)

    def test_no_banner_and_no_mark(self):
        d = intake(self.desk, long_procedure_for(self.desk, self.desk.agency))
        status, html, _ = self.desk.get("/tra-cuu/" + d["code"])
        self.assertEqual(status, 200)
        self.assertNotIn(MARK, html.decode("utf-8"))
        if not HAS_PDFTOTEXT:
            self.skipTest("pdftotext (poppler-utils) is not installed")
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")
        self.assertEqual(status, 200, pdf)
        text = pdf_text(pdf)
        self.assertIn("GIẤY TIẾP NHẬN HỒ SƠ", text)
        self.assertNotIn(MARK, text)


class TrainingServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.env["MOTCUA_TRAINING"] = "1"
        cls.server.setup()
        cls.demo = cls.server.run("seed-demo").stdout
        cls.server.start()
        cls.desk = as_staff(cls.server, "reception", "commune_committee")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_health_says_it_is_a_training_copy(self):
        status, body, _ = self.desk.get("/api/v1/health")
        self.assertEqual(status, 200, body)
        self.assertIs(body["training"], True)

    def test_the_tracking_page_carries_the_banner_above_everything(self):
        d = intake(self.desk, long_procedure_for(self.desk, self.desk.agency))
        status, html, _ = self.desk.get("/tra-cuu/" + d["code"])
        self.assertEqual(status, 200)
        html = html.decode("utf-8")
        self.assertIn(FULL_MARK, html)
        self.assertLess(html.index(FULL_MARK), html.index("<header>"))
        self.assertIn('role="note"', html)

    @unittest.skipUnless(HAS_PDFTOTEXT, "pdftotext (poppler-utils) is not installed")
    def test_form_01_says_it(self):
        d = intake(self.desk, long_procedure_for(self.desk, self.desk.agency), name="Nguyễn Thị Hồng Nhung")
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")
        self.assertEqual(status, 200, pdf)
        text = pdf_text(pdf)
        self.assertIn(FULL_MARK, text)
        # The form itself still reads as before (the diagonal watermark is drawn, not text).
        self.assertIn("GIẤY TIẾP NHẬN HỒ SƠ", text)
        self.assertIn("Nguyễn Thị Hồng Nhung", text)

    @unittest.skipUnless(HAS_PDFTOTEXT, "pdftotext (poppler-utils) is not installed")
    def test_every_page_of_a_long_form_says_it(self):
        # The register (07) of a busy day runs over several pages: each one carries the line.
        proc = long_procedure_for(self.desk, self.desk.agency)
        for i in range(40):
            intake(self.desk, proc, name=f"Trần Văn Học {i}")
        day = today_vn()
        status, pdf, _ = self.desk.get(f"/api/v1/agencies/{self.desk.agency}/register.pdf?from={day}&to={day}")
        self.assertEqual(status, 200, pdf)
        pages = pdf_pages(pdf)
        self.assertGreater(pages, 1)
        self.assertEqual(pdf_text(pdf).count(FULL_MARK), pages)

    @unittest.skipUnless(HAS_PDFTOTEXT, "pdftotext (poppler-utils) is not installed")
    def test_the_demo_desk_is_there_and_its_forms_say_it(self):
        leader = as_staff(self.server, "leader", agency="ubnd-camthanh")
        status, page, _ = leader.get("/api/v1/dossiers?queue=all&limit=50")
        self.assertEqual(status, 200, page)
        received = [d for d in page["items"] if d.get("received_at")]
        self.assertTrue(received, "the demo desk is empty")
        status, pdf, _ = leader.get(f"/api/v1/dossiers/{received[0]['id']}/forms/06.pdf")
        self.assertEqual(status, 200, pdf)
        self.assertIn(FULL_MARK, pdf_text(pdf))

    def test_seed_demo_filled_every_state_and_only_once(self):
        for state in ("submitted", "received", "in_progress", "supplement_requested", "awaiting_payment",
                      "resolved", "returned", "refused", "withdrawn", "stopped"):
            self.assertIn(f" {state} ", self.demo)
        again = self.server.run("seed-demo", check=False)
        self.assertNotEqual(again.returncode, 0)  # only into an empty desk
        self.assertIn("trống", again.stderr)


if __name__ == "__main__":
    unittest.main()
