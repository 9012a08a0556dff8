"""The periodic reports of the units (issue 14, DOMAIN.md §9: forms 06a and 07b).

A unit's report is generated (figures snapshotted from the counters), checked by its leader,
submitted and then frozen (a change is 409); a later correction is a new revision and both are
kept; the province sees which units have not reported and consolidates the submitted ones, naming
its sources. The exports are read back: the .xlsx sheet's XML (python3-openpyxl is not installed)
with the exact figures of the hand-made dossiers below, the PDF's text (pdftotext) with the
official header. A report whose stored figures no longer balance is refused at export with the
broken invariant named. Runs on the store MOTCUA_TEST_DB names (sqlite or postgres)."""
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

from harness import Server, act, as_staff, decide, intake, long_procedure_for, today_vn

server = None
AGENCY = "ubnd-camthanh"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def sql(statement, params=()):
    db = sqlite3.connect(server.db[len("sqlite:"):], timeout=30)
    db.execute(statement, params)
    db.commit()
    db.close()


def psql(statement):
    subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                   check=True, capture_output=True)


def set_figures(report_id, figures):
    text = json.dumps(figures, ensure_ascii=False)
    if server.engine == "postgres":
        psql("UPDATE unit_reports SET figures = '" + text.replace("'", "''") + "' WHERE id = '" + report_id + "'")
    else:
        sql("UPDATE unit_reports SET figures = ? WHERE id = ?", (text, report_id))


def sheet_rows(xlsx):
    """The first sheet's rows as lists of values (shared strings resolved, numbers as int)."""
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rows = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % NS["m"]):
        vals = []
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            if c.get("t") == "s":
                vals.append(shared[int(v.text)])
            elif c.get("t") == "inlineStr":
                vals.append("".join(t.text or "" for t in c.iter("{%s}t" % NS["m"])))
            elif v is not None:
                f = float(v.text)
                vals.append(int(f) if f.is_integer() else f)
        rows.append(vals)
    return rows


def pdf_text(pdf):
    if not shutil.which("pdftotext"):
        raise unittest.SkipTest("pdftotext is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], check=True, capture_output=True,
                              text=True).stdout


FIG06 = ["received", "received_online", "received_counter_post", "carried_over", "resolved", "resolved_early",
         "resolved_on_time", "resolved_late", "in_progress", "in_progress_within", "in_progress_overdue",
         "closed_undecided"]


class Workflow(unittest.TestCase):
    """Ordered steps on one unit and one period (today: nothing carried over on a fresh store)."""

    @classmethod
    def setUpClass(cls):
        cls.day = today_vn()
        cls.reception = as_staff(server, "reception", agency=AGENCY)
        cls.specialist = as_staff(server, "specialist", agency=AGENCY)
        cls.leader = as_staff(server, "leader", agency=AGENCY)
        cls.other_leader = as_staff(server, "leader", agency="stp")
        cls.admin = as_staff(server, "province_admin")
        cls.monitor = as_staff(server, "province_monitor")
        cls.proc = long_procedure_for(cls.reception, AGENCY)
        # Three dossiers received at the counter today: one decided, one in processing, one waiting.
        cls.dossiers = [intake(cls.reception, cls.proc) for _ in range(3)]
        status, d, _ = act(cls.specialist, cls.dossiers[0]["id"], "start_processing")
        assert status == 200, d
        status, d, _ = decide(server, d["id"])
        assert status == 200, d
        cls.decided = d
        status, d, _ = act(cls.specialist, cls.dossiers[1]["id"], "start_processing")
        assert status == 200, d
        cls.state = {}

    def expected(self, received, resolved):
        """The row the hand-made dossiers give: all at the counter, decided ones early or on time."""
        status, v, _ = self.monitor.get("/api/v1/dossiers/" + self.decided["id"])
        self.assertEqual(status, 200, v)
        early = resolved if v["timeliness"] == "early" else 0
        return {"received": received, "received_online": 0, "received_counter_post": received, "carried_over": 0,
                "resolved": resolved, "resolved_early": early, "resolved_on_time": resolved - early,
                "resolved_late": 0, "in_progress": received - resolved, "in_progress_within": received - resolved,
                "in_progress_overdue": 0, "closed_undecided": 0}

    def generate(self, client, key=None, **over):
        body = {"agency_id": AGENCY, "form": "06a", "from": self.day, "to": self.day}
        body.update(over)
        return client.post("/api/v1/unit-reports", body, headers={"Idempotency-Key": key} if key else None)

    def test_1_staff_generate_with_the_figures_of_the_dossiers(self):
        status, body, _ = self.generate(self.other_leader)
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/not_your_agency")
        status, body, _ = self.generate(self.specialist, form="06b")
        self.assertEqual(status, 400, body)
        status, rep, headers = self.generate(self.specialist)
        self.assertEqual(status, 201, rep)
        self.assertEqual((rep["state"], rep["revision"], rep["frozen"]), ("generated", 1, False))
        self.assertEqual(headers.get("location"), "/api/v1/unit-reports/" + rep["id"])
        total = {k: rep["figures"]["total"][k] for k in FIG06}
        self.assertEqual(total, self.expected(3, 1))
        self.assertEqual(rep["problems"], [])
        self.assertEqual([h["action"] for h in rep["history"]], ["generated"])
        self.__class__.state["r1"] = rep["id"]
        # Who reads it: the unit's staff and province roles; another unit's leader does not see it.
        self.assertEqual(self.monitor.get("/api/v1/unit-reports/" + rep["id"])[0], 200)
        self.assertEqual(self.other_leader.get("/api/v1/unit-reports/" + rep["id"])[0], 404)

    def test_2_the_leader_checks_then_submits_and_it_is_frozen(self):
        rid = self.state["r1"]
        status, body, _ = self.leader.post(f"/api/v1/unit-reports/{rid}/submit", {})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/report_not_checked")
        status, body, _ = self.specialist.post(f"/api/v1/unit-reports/{rid}/check", {})
        self.assertEqual(status, 403, body)
        status, rep, _ = self.leader.post(f"/api/v1/unit-reports/{rid}/check", {})
        self.assertEqual(status, 200, rep)
        self.assertEqual(rep["state"], "checked")
        self.assertTrue(rep["may"]["submit"])
        status, rep, _ = self.leader.post(f"/api/v1/unit-reports/{rid}/submit", {})
        self.assertEqual(status, 200, rep)
        self.assertEqual((rep["state"], rep["frozen"]), ("submitted", True))
        self.assertIsNotNone(rep["submitted_at"])
        self.assertEqual([h["action"] for h in rep["history"]], ["generated", "checked", "submitted"])
        for step in ("check", "submit"):
            status, body, _ = self.leader.post(f"/api/v1/unit-reports/{rid}/{step}", {})
            self.assertEqual(status, 409, body)
            self.assertEqual(body["type"], "https://motcua.vn/problems/report_frozen")
            self.assertIn("đã gửi và được khóa", body["detail"])

    def test_3_the_xlsx_holds_the_exact_figures_under_the_official_heading(self):
        status, data, headers = self.leader.get(f"/api/v1/unit-reports/{self.state['r1']}/xlsx")
        self.assertEqual(status, 200)
        self.assertIn("spreadsheetml", headers["content-type"])
        rows = sheet_rows(data)
        text = [v for r in rows for v in r if isinstance(v, str)]
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertTrue(any(t.startswith("Quảng Ngãi, ngày ") for t in text), text)
        totals = [r for r in rows if "Tổng cộng" in r]
        self.assertEqual(len(totals), 1, rows)
        want = self.expected(3, 1)
        self.assertEqual(totals[0][-12:], [want[k] for k in FIG06])

    def test_4_the_pdf_has_the_official_header(self):
        status, data, headers = self.leader.get(f"/api/v1/unit-reports/{self.state['r1']}/pdf")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertTrue(data.startswith(b"%PDF"))
        t = pdf_text(data)
        for s in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày",
                  "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Tổng cộng"):
            self.assertIn(s, t)

    def test_5_the_province_sees_who_has_not_reported(self):
        q = f"/api/v1/report-periods?form=06a&from={self.day}&to={self.day}"
        self.assertEqual(self.leader.get(q)[0], 403)
        status, p, _ = self.monitor.get(q)
        self.assertEqual(status, 200, p)
        self.assertNotIn(AGENCY, p["not_reported"])
        self.assertIn("stp", p["not_reported"])
        unit = [u for u in p["units"] if u["agency"]["id"] == AGENCY][0]
        self.assertEqual((unit["submitted_revision"], unit["submitted_report_id"]), (1, self.state["r1"]))
        self.assertEqual(len(p["not_reported"]), len(p["units"]) - 1)

    def test_6_a_correction_is_a_new_revision_and_both_are_kept(self):
        intake(self.reception, self.proc)  # one more dossier received since the submission
        status, rep, _ = self.generate(self.specialist, note="Bổ sung hồ sơ tiếp nhận cuối ngày")
        self.assertEqual(status, 201, rep)
        self.assertEqual((rep["revision"], rep["state"]), (2, "generated"))
        self.assertEqual({k: rep["figures"]["total"][k] for k in FIG06}, self.expected(4, 1))
        self.assertEqual([(r["revision"], r["state"]) for r in rep["revisions"]], [(1, "submitted"), (2, "generated")])
        self.assertEqual([h["action"] for h in rep["history"]], ["revised"])
        self.__class__.state["r2"] = rep["id"]
        status, old, _ = self.monitor.get("/api/v1/unit-reports/" + self.state["r1"])
        self.assertEqual((old["state"], old["figures"]["total"]["received"]), ("submitted", 3))

    def test_7_the_consolidation_names_its_sources(self):
        body = {"form": "06a", "from": self.day, "to": self.day}
        self.assertEqual(self.monitor.post("/api/v1/report-consolidations", body)[0], 403)
        status, c1, _ = self.admin.post("/api/v1/report-consolidations", body)
        self.assertEqual(status, 201, c1)
        # Revision 2 is not submitted yet: the source is revision 1.
        self.assertEqual([(s["agency"]["id"], s["revision"], s["report_id"]) for s in c1["sources"]],
                         [(AGENCY, 1, self.state["r1"])])
        self.assertIsNotNone(c1["sources"][0]["submitted_at"])
        self.assertEqual(c1["figures"]["total"]["received"], 3)
        for step in ("check", "submit"):
            status, rep, _ = self.leader.post(f"/api/v1/unit-reports/{self.state['r2']}/{step}", {})
            self.assertEqual(status, 200, rep)
        status, c2, _ = self.admin.post("/api/v1/report-consolidations", body)
        self.assertEqual(status, 201, c2)
        self.assertEqual([(s["agency"]["id"], s["revision"]) for s in c2["sources"]], [(AGENCY, 2)])
        self.assertEqual({k: c2["figures"]["total"][k] for k in FIG06}, self.expected(4, 1))
        status, data, _ = self.monitor.get(f"/api/v1/report-consolidations/{c2['id']}/xlsx")
        self.assertEqual(status, 200)
        rows = sheet_rows(data)
        text = [v for r in rows for v in r if isinstance(v, str)]
        self.assertTrue(any(t.startswith("Nguồn: ") and "lần 2" in t for t in text), text)
        status, data, _ = self.monitor.get(f"/api/v1/report-consolidations/{c2['id']}/pdf")
        self.assertEqual(status, 200)
        self.assertTrue(data.startswith(b"%PDF"))
        self.assertIn("Nguồn:", pdf_text(data))
        status, p, _ = self.monitor.get(f"/api/v1/report-periods?form=06a&from={self.day}&to={self.day}")
        self.assertEqual([c["id"] for c in p["consolidations"]], [c1["id"], c2["id"]])

    def test_8_form_07b_balances(self):
        status, rep, _ = self.generate(self.specialist, form="07b")
        self.assertEqual(status, 201, rep)
        t = rep["figures"]["total"]
        self.assertGreater(t["procedures"], 0)
        self.assertEqual(t["procedures"], t["level_province"] + t["level_district"] + t["level_commune"] + t["level_other"])
        self.assertLessEqual(t["one_stop"], t["procedures"])
        self.assertEqual(rep["problems"], [])
        status, data, _ = self.specialist.get(f"/api/v1/unit-reports/{rep['id']}/xlsx")
        self.assertEqual(status, 200)
        totals = [r for r in sheet_rows(data) if "Tổng cộng" in r][0]
        self.assertEqual(totals[-7:], [t[k] for k in ("procedures", "level_province", "level_district",
                                                      "level_commune", "level_other", "one_stop", "internal_process")])

    def test_9_figures_that_do_not_balance_are_not_exported(self):
        status, rep, _ = self.monitor.get("/api/v1/unit-reports/" + self.state["r2"])
        fig = rep["figures"]
        fig["total"]["received"] += 1
        set_figures(self.state["r2"], fig)
        for fmt in ("xlsx", "pdf"):
            status, body, _ = self.leader.get(f"/api/v1/unit-reports/{self.state['r2']}/{fmt}")
            self.assertEqual(status, 409, body)
            self.assertEqual(body["type"], "https://motcua.vn/problems/invariant_broken")
            self.assertIn("Tổng số hồ sơ nhận (5) khác trực tuyến + trực tiếp, bưu chính + kỳ trước chuyển qua (0 + 4 + 0)",
                          body["detail"])


if __name__ == "__main__":
    unittest.main()
