"""The legal forms as PDFs (text read back with pdftotext) and the register as PDF and XLSX."""
import shutil
import subprocess
import tempfile
import unittest

from harness import Client, Server, act, as_staff, intake, long_procedure_for

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True,
                              check=True).stdout


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class Forms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", "commune_committee")
        cls.specialist = as_staff(server, "specialist", agency=cls.desk.agency)
        cls.proc = long_procedure_for(cls.desk, cls.desk.agency)

    def test_receipt_reads_back_in_vietnamese(self):
        d = intake(self.desk, self.proc, name="Nguyễn Thị Hồng Nhung")
        status, pdf, headers = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")
        self.assertEqual(status, 200, pdf)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        text = pdf_text(pdf)
        for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Nguyễn Thị Hồng Nhung", d["code"], "/tra-cuu/", "GIẤY TIẾP NHẬN HỒ SƠ"):
            self.assertIn(expected, text)
        self.assertNotIn("tiepnhan.", text)  # the officer signs with their full name

    def test_forms_follow_the_dossier(self):
        d = intake(self.desk, self.proc)
        status, body, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/02.pdf")
        self.assertEqual(status, 409, body)
        self.assertIn("bổ sung", body["detail"])
        act(self.specialist, d["id"], "start_processing")
        act(self.specialist, d["id"], "request_supplement", items=["Bản sao Giấy chứng nhận quyền sử dụng đất"])
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/02.pdf")
        self.assertEqual(status, 200)
        self.assertIn("Bản sao Giấy chứng nhận quyền sử dụng đất", pdf_text(pdf))
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/06.pdf")
        self.assertEqual(status, 200)
        self.assertEqual(self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/09.pdf")[0], 404)
        other = as_staff(server, "reception", "commune_committee", exclude_agency=self.desk.agency)
        self.assertEqual(other.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")[0], 403)

    def test_register_pdf_and_xlsx(self):
        d = intake(self.desk, self.proc)
        day = d["received_at"][:10]
        status, pdf, _ = self.desk.get(f"/api/v1/agencies/{self.desk.agency}/register.pdf?from={day}&to={day}")
        self.assertEqual(status, 200, pdf)
        self.assertIn(d["code"], pdf_text(pdf).replace("\n", " ") + " ".join(pdf_text(pdf).split()))
        status, xlsx, headers = self.desk.get(f"/api/v1/agencies/{self.desk.agency}/register.xlsx?from={day}&to={day}")
        self.assertEqual(status, 200)
        self.assertTrue(xlsx.startswith(b"PK"))
        self.assertEqual(self.desk.get(f"/api/v1/agencies/{self.desk.agency}/register.pdf?from=x&to={day}")[0], 400)
        other = as_staff(server, "reception", "commune_committee", exclude_agency=self.desk.agency)
        self.assertEqual(other.get(f"/api/v1/agencies/{self.desk.agency}/register.pdf?from={day}&to={day}")[0], 403)


if __name__ == "__main__":
    unittest.main()
