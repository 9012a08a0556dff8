"""The printed forms keep the law of the dossier (issue 12): form 01 lists what was received and
only that, its signatures stay with the body, agency names wrap between words, and form 06 shows
every step of the internal process with people's names, roles and deadlines in process order."""
import datetime
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import Server, act, applicant, logged_in

server = None
AGENCY = "ubnd-camthanh"
PROCESS = [
    {"name": "Tiếp nhận hồ sơ", "role": "reception", "agency": "receiving", "hours": 2},
    {"name": "Thẩm định hồ sơ", "role": "specialist", "agency": "competent", "hours": 8},
    {"name": "Xem xét, trình ký", "role": "head", "agency": "competent", "hours": 4},
    {"name": "Phê duyệt kết quả", "role": "leader", "agency": "competent", "hours": 4},
    {"name": "Trả kết quả", "role": "reception", "agency": "receiving", "hours": 2},
]
DUE = re.compile(r"\d\d/\d\d/\d{4} \d\d:\d\d")


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def pdf_text(data, mode="-layout"):
    """pdftotext of a PDF: -layout keeps the page's lines, -raw the order things were drawn in."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        return subprocess.run(["pdftotext", mode, f.name, "-"], capture_output=True, text=True,
                              check=True).stdout


def flat(text):
    return " ".join(text.split())


def local_minute(instant):
    """'2026-12-04T14:09:00+07:00' (or any offset) → '04/12/2026 14:09' in Vietnam time."""
    t = datetime.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return t.astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M")


def header_left_lines(layout_text):
    """The left column (issuing agency) of the lines above the form's title."""
    out = []
    for line in layout_text.split("\n"):
        if "GIẤY TIẾP NHẬN" in line or "PHIẾU" in line or "THÔNG BÁO" in line:
            break
        stripped = line.lstrip()
        if stripped and len(line) - len(stripped) < 30:
            out.append(re.split(r"\s{3,}", stripped)[0])
    return out


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class FormsKeepTheLaw(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = logged_in(server, "tiepnhan.camthanh")
        cls.specialist = logged_in(server, "chuyenvien.camthanh")
        cls.head = logged_in(server, "truongphong.camthanh")
        province = logged_in(server, "quantritinh.tinh")
        status, body, _ = province.get("/api/v1/procedures?agency=" + AGENCY)
        assert status == 200, body
        base = next(p for p in body["items"]
                    if p["time_limit"]["unit"] == "working_days" and p["time_limit"]["amount"] >= 3)
        status, new, _ = province.post(f"/api/v1/admin/procedures/{base['id']}/versions", {
            "effective_from": datetime.date.today().isoformat(),
            "time_limit": {"amount": 3, "unit": "working_days"}, "process": PROCESS})
        assert status == 201, (status, new)
        cls.proc = new["id"]

    def intake(self, components, receive=True):
        status, body, _ = self.desk.post("/api/v1/dossiers", {
            "procedure_id": self.proc, "channel": 1, "receive": receive,
            "applicant": applicant("051090001234", "Nguyễn Thị Hồng Nhung"), "components": components})
        self.assertEqual(status, 201, body)
        return body

    def form(self, dossier_id, n, mode="-layout"):
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{dossier_id}/forms/0{n}.pdf")
        self.assertEqual(status, 200, pdf)
        return pdf_text(pdf, mode)

    def act_ok(self, client, dossier_id, action, **fields):
        status, body, _ = act(client, dossier_id, action, **fields)
        self.assertEqual(status, 200, (action, body))
        return body

    def test_receipt_lists_only_what_was_received(self):
        d = self.intake([
            {"name": "Đơn đề nghị cấp giấy phép xây dựng", "kind": "original", "count": 1},
            {"name": "Bản vẽ thiết kế kiến trúc công trình", "kind": "original", "provided": False},
            {"name": "Giấy chứng nhận quyền sử dụng đất", "kind": "copy", "count": 2, "provided": True},
        ])
        text = flat(self.form(d["id"], 1))
        self.assertIn("Đơn đề nghị cấp giấy phép xây dựng", text)
        self.assertIn("Giấy chứng nhận quyền sử dụng đất Bản sao 02", text)
        self.assertNotIn("Bản vẽ thiết kế kiến trúc", text)  # not provided: not received

    def test_receipt_after_a_supplement(self):
        # Reception stage: asked for, then received before the dossier was accepted.
        d = self.intake([{"name": "Đơn đề nghị cấp giấy phép xây dựng"},
                         {"name": "Bản vẽ thiết kế kiến trúc công trình", "provided": False}], receive=False)
        self.act_ok(self.desk, d["id"], "request_supplement", items=["Bản vẽ thiết kế kiến trúc công trình"])
        self.act_ok(self.desk, d["id"], "supplement_received")
        self.act_ok(self.desk, d["id"], "receive")
        text = flat(self.form(d["id"], 1))
        self.assertIn("Bản vẽ thiết kế kiến trúc công trình", text)
        self.assertIn("Nhận bổ sung ngày", text)
        # Processing stage: asked for but not yet received → not on the receipt; once received, it is.
        self.act_ok(self.specialist, d["id"], "start_processing")
        self.act_ok(self.specialist, d["id"], "request_supplement", items=["Bản sao hợp đồng thi công"])
        self.assertNotIn("Bản sao hợp đồng thi công", flat(self.form(d["id"], 1)))
        self.act_ok(self.specialist, d["id"], "supplement_received")
        self.assertIn("Bản sao hợp đồng thi công", flat(self.form(d["id"], 1)))

    def test_receipt_signatures_stay_with_the_body(self):
        comps = [{"name": f"TP{i:02d} Giấy tờ chứng minh quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác "
                          f"gắn liền với đất của hộ gia đình, cá nhân (bản số {i})", "kind": "copy"}
                 for i in range(1, 26)]
        d = self.intake(comps)
        pages = self.form(d["id"], 1).split("\f")
        sig = [p for p in pages if "NGƯỜI NỘP HỒ SƠ" in p]
        self.assertEqual(len(sig), 1, pages)
        self.assertIn("NGƯỜI TIẾP NHẬN HỒ SƠ", sig[0])
        self.assertIn("Vào Sổ theo dõi hồ sơ", sig[0])  # the body's last line
        self.assertIn("7. Đăng ký nhận kết quả tại", sig[0])
        text = "\n".join(pages)
        for i in range(1, 26):
            self.assertIn(f"TP{i:02d}", text)

    def test_agency_name_wraps_between_words(self):
        d = self.intake([{"name": "Đơn đề nghị"}])
        for n in (1, 6):
            text = self.form(d["id"], n)
            lines = header_left_lines(text)
            self.assertIn("PHƯỜNG CẨM THÀNH", lines, lines)  # the place name on one line
            words = set("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI PHƯỜNG CẨM THÀNH".split())
            for line in lines:
                self.assertTrue(set(line.split()) <= words, lines)  # only whole words
        # In the body too: «Bộ phận Một cửa - Ủy ban nhân dân phường Cẩm Thành» reaches the line's end.
        body = self.form(d["id"], 1)
        self.assertIn("phường Cẩm Thành", body)
        self.assertEqual([l for l in body.split("\n") if l.rstrip().endswith("Cẩm")], [], body)

    def test_control_sheet_every_step_with_people_and_deadlines(self):
        d = self.intake([{"name": "Đơn đề nghị"}])
        self.act_ok(self.specialist, d["id"], "start_processing")
        self.act_ok(self.specialist, d["id"], "handover")  # to the head (no one chosen)
        view = self.act_ok(self.head, d["id"], "handover")  # to the leader
        sheet = view["control_sheet"]
        self.assertEqual([s["step"] for s in sheet], [1, 2, 3, 4])
        text = flat(self.form(d["id"], 6, "-raw"))
        # Every step of the process, in process order, the one not reached yet included.
        at = [text.find(f"{k + 1} {s['name']}") for k, s in enumerate(PROCESS)]
        self.assertTrue(all(i >= 0 for i in at), (at, text))
        self.assertEqual(at, sorted(at), text)
        # Each reached step's deadline (dd/mm/yyyy HH:mm) in its own row, in process order.
        for k, s in enumerate(sheet):
            due = local_minute(s["due_at"])
            row = text[at[k]:at[k + 1]]
            self.assertIn(due, row, (k, row))
        self.assertEqual(DUE.findall(text[at[4]:]), [], text[at[4]:])  # step 5: blank cells
        # People by name and Vietnamese role, never as staff:<username>.
        self.assertIn("Nguyễn Thị Hồng Nhung — Người nộp hồ sơ", text)
        self.assertIn("Dương Thị Hồng Nhung — Tiếp nhận và trả kết quả", text)
        self.assertIn("Lý Văn Tài — Chuyên viên", text)
        self.assertIn("Phan Thị Bích Ngọc — Trưởng phòng", text)
        self.assertIn("Lãnh đạo cơ quan", text)  # step 4's receiver: open to the leaders
        self.assertIn("Đang xử lý", text)
        for leaked in ("staff:", "chuyenvien.camthanh", "truongphong.camthanh", "tiepnhan.camthanh"):
            self.assertNotIn(leaked, text)


if __name__ == "__main__":
    unittest.main()
