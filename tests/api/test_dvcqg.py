"""The national public service portal (DVCQG): every change of a dossier reaches the portal's
simulator (tools/sim/dvcqg) in order, through the outbox relay; the portal down, answering 500,
garbage or an expired session, or motcua killed mid-way, loses nothing and counts nothing twice;
a dossier's own progress never waits for the portal; the portal's lookup (TraCuuHoSo) answers.
"""
import base64
import json
import os
import signal
import time
import unittest
import urllib.parse

from harness import Client, Server, SimProcess, act, as_staff, decide, intake, long_procedure_for, SEED

INBOUND_SECRET = "bi-mat-cong-quoc-gia-goi-vao-0123456789"
MADONVI = "000.00.00.H51"
SYNC = ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]


class Sim(SimProcess):
    """tools/sim/dvcqg as a separate process on a free loopback port."""

    def __init__(self):
        super().__init__("dvcqg")

    def start(self, motcua_url=""):
        return self.spawn(["--username", "motcua-tinh", "--secret", "mk-tinh", "--madonvi", MADONVI,
                           "--motcua-url", motcua_url, "--inbound-secret", INBOUND_SECRET])


def env_for(sim, motcua_port=None):
    return {"MOTCUA_DVCQG_URL": sim.url, "MOTCUA_DVCQG_USERNAME": "motcua-tinh", "MOTCUA_DVCQG_PASSWORD": "mk-tinh",
            "MOTCUA_DVCQG_MADONVI": MADONVI, "MOTCUA_DVCQG_TIMEOUT_S": "5",
            "MOTCUA_DVCQG_INBOUND_SECRET": INBOUND_SECRET,
            "MOTCUA_OUTBOX_POLL_MS": "50", "MOTCUA_OUTBOX_BACKOFF_MS": "100", "MOTCUA_OUTBOX_BACKOFF_CAP_MS": "500",
            "MOTCUA_OUTBOX_MAX_ATTEMPTS": "1000", "MOTCUA_OUTBOX_LEASE_S": "2", "MOTCUA_DVCQG_PULL_S": "1",
            # Set, so returning a dossier does not first generate and store one (a write nested
            # in the return's transaction on SQLite: reported to the citizen context's owner).
            "MOTCUA_RATING_SECRET": "bi-mat-lien-ket-danh-gia-0123456789abcdef"}


def wait_for(pred, timeout=60, step=0.1):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = pred()
        if last:
            return last
        time.sleep(step)
    raise AssertionError(f"condition not met in {timeout}s: {last!r}")


class NationalPortal(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Sim()
        cls.server = Server()
        cls.server.env.update(env_for(cls.sim))
        cls.sim.start(motcua_url=f"http://127.0.0.1:{cls.server.port}")
        cls.server.setup().start()
        cls.reception = as_staff(cls.server, "reception", "commune_committee")
        commune = cls.reception.agency
        cls.specialist = as_staff(cls.server, "specialist", agency=commune)
        cls.admin = as_staff(cls.server, "province_admin")
        cls.proc = long_procedure_for(cls.reception, commune)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sim.stop()

    def setUp(self):
        self.sim.control(mode="ok", count=0)
        # Each test starts with nothing in flight, so a fault it sets meets its own messages.
        wait_for(lambda: self.admin.get("/api/v1/admin/dvcqg/summary")[1]["waiting"] == 0, timeout=60)

    def view(self, dossier_id):
        status, d, _ = self.reception.get("/api/v1/dossiers/" + dossier_id)
        self.assertEqual(status, 200, d)
        return d

    def synced(self, dossier_id):
        d = self.view(dossier_id)
        return d if d["national_sync"]["state"] == "synced" else None

    def assert_clean(self, rec):
        self.assertEqual(rec["rejected"], [], "the portal refused something")

    # --- every state change, in order ---------------------------------------------------------

    def test_every_state_change_reaches_the_portal_in_order(self):
        d = intake(self.reception, self.proc)
        status, d, _ = act(self.specialist, d["id"], "start_processing")
        self.assertEqual(status, 200, d)
        status, d, _ = decide(self.server, d["id"])
        self.assertEqual(status, 200, d)
        status, d, _ = act(self.reception, d["id"], "return_result", return_method="counter",
                           received_by="Nguyễn Văn An")
        self.assertEqual(status, 200, d)
        code = d["code"]
        rec = wait_for(lambda: (r := self.sim.received())["dossiers"].get(code) == [2, 4, 9, 10] and r)
        self.assert_clean(rec)
        mine = [m for m in rec["messages"] if m["MaHoSo"] == code]
        self.assertEqual(mine[0]["MaTTHC"], d["procedure"]["national_code"])
        self.assertEqual(mine[-1]["TrangThaiHoSo"], "10")
        self.assertRegex(mine[-1]["NgayTra"], r"^\d{14}$")
        # Dates in UTC+7: the step's time is Vietnam's wall clock now, not UTC's.
        steps = [p for p in rec["progress"] if p["MaHoSo"] == code]
        self.assertEqual([p["TrangThai"] for p in steps][-1], "10")
        vn_now = time.strftime("%Y%m%d%H%M%S", time.gmtime(time.time() + 7 * 3600))
        self.assertLessEqual(abs(int(vn_now) - int(steps[-1]["ThoiDiemXuLy"])) % 1000000, 500)  # within 5 min
        self.assertEqual(steps[-1]["ThoiDiemXuLy"][:8], vn_now[:8])
        v = wait_for(lambda: self.synced(d["id"]))
        self.assertEqual(v["national_sync"]["confirmed_status"], 10)
        self.assertEqual(v["national_sync"]["waiting"], 0)

    # --- the portal down, then up --------------------------------------------------------------

    def test_portal_down_then_up_everything_synced_in_order_nothing_counted_twice(self):
        self.sim.control(mode="down", for_ms=4000)  # "ten minutes", compressed
        before = self.sim.received()
        ids = []
        t0 = time.time()
        for _ in range(6):
            d = intake(self.reception, self.proc)
            status, d2, _ = act(self.specialist, d["id"], "start_processing")
            self.assertEqual(status, 200, d2)  # the dossier's own progress does not wait
            ids.append((d["id"], d["code"]))
        self.assertLess(time.time() - t0, 4.0, "intake must not wait for the portal")
        # While it is down: visible as waiting, with the reason, in the dossier and the admin list.
        v = wait_for(lambda: (x := self.view(ids[0][0]))["national_sync"]["state"] == "retrying" and x, timeout=10)
        self.assertTrue(v["national_sync"]["last_error"])
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/unsynced")
        self.assertEqual(status, 200, body)
        self.assertTrue(any(i["dossier_id"] == ids[0][0] and i["last_error"] for i in body["items"]), body)
        for did, _ in ids:
            wait_for(lambda: self.synced(did), timeout=60)
        rec = self.sim.received()
        self.assert_clean(rec)
        self.assertGreater(rec["faults"], before["faults"])
        for _, code in ids:
            self.assertEqual(rec["dossiers"][code], [2, 4])
            statuses = [m["TrangThaiHoSo"] for m in rec["messages"] if m["MaHoSo"] == code]
            self.assertEqual(statuses, ["2", "4"], "each distinct message counted once")
        status, s, _ = self.admin.get("/api/v1/admin/dvcqg/summary")
        self.assertEqual(status, 200, s)
        self.assertEqual(s["waiting"], 0)
        self.assertEqual(s["synced"], s["dossiers"])
        self.assertEqual(s["share_synced"], 1.0)

    # --- 500, garbage, expired session -------------------------------------------------------

    def test_500_garbage_and_expired_session_retried_visible_never_blocking(self):
        start = self.sim.received()
        logins = start["logins"]
        self.sim.control(mode="fail", count=3, service=SYNC)
        d = intake(self.reception, self.proc)
        v = wait_for(lambda: (x := self.view(d["id"]))["national_sync"]["attempts"] > 0 and x, timeout=20)
        self.assertIn("500", v["national_sync"]["last_error"])
        status, d2, _ = act(self.specialist, d["id"], "start_processing")  # not blocked
        self.assertEqual(status, 200, d2)
        wait_for(lambda: self.synced(d["id"]))
        self.sim.control(mode="garbage", count=2, service=SYNC)
        status, d3, _ = act(self.specialist, d["id"], "request_supplement", items=["Bản sao giấy tờ chứng minh nơi cư trú"])
        self.assertEqual(status, 200, d3)
        status, d3, _ = act(self.specialist, d["id"], "supplement_received")
        self.assertEqual(status, 200, d3)
        wait_for(lambda: self.synced(d["id"]))
        self.assertEqual(self.sim.received()["dossiers"][d["code"]], [2, 4, 5, 4])
        self.sim.control(mode="expire", count=1, service=SYNC)
        e = intake(self.reception, self.proc)
        wait_for(lambda: self.synced(e["id"]))
        rec = self.sim.received()
        self.assert_clean(rec)
        self.assertGreaterEqual(rec["logins"], logins + 1, "an expired session is renewed")
        self.assertEqual(rec["faults"], start["faults"] + 3 + 2 + 1, "every injected fault met a real call")
        self.assertEqual(rec["dossiers"][e["code"]], [2])
        # The attempts are recorded for the administrator (the relay's own list of the row).
        status, body, _ = self.admin.get("/api/v1/admin/outbox?state=pending")
        self.assertEqual(status, 200, body)

    # --- refused content is parked, visible, retried by an administrator ----------------------

    def test_refused_message_parked_then_retried(self):
        self.sim.control(mode="refuse", count=1, service="DongBoHoSoMC")
        d = intake(self.reception, self.proc)
        v = wait_for(lambda: (x := self.view(d["id"]))["national_sync"]["state"] == "parked" and x, timeout=20)
        self.assertIn("99", v["national_sync"]["last_error"])
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/unsynced")
        self.assertEqual(status, 200, body)
        parked = [i for i in body["items"] if i["dossier_id"] == d["id"] and i["state"] == "parked"]
        self.assertEqual(len(parked), 1, body)
        status, r, _ = self.admin.post(f"/api/v1/admin/outbox/{parked[0]['outbox_id']}/retry")
        self.assertEqual(status, 200, r)
        wait_for(lambda: self.synced(d["id"]))
        self.assertEqual(self.sim.received()["dossiers"][d["code"]], [2])

    def test_a_parked_message_holds_back_the_dossiers_later_ones_until_retried(self):
        self.sim.control(mode="refuse", count=1, service="DongBoHoSoMC")
        d = intake(self.reception, self.proc)
        wait_for(lambda: self.view(d["id"])["national_sync"]["state"] == "parked", timeout=20)
        status, moved, _ = act(self.specialist, d["id"], "start_processing")  # the dossier moves on
        self.assertEqual(status, 200, moved)
        time.sleep(1.5)  # many relay passes (poll 50 ms): the later message must still wait
        self.assertNotIn(d["code"], self.sim.received()["dossiers"])  # nothing skipped ahead
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/unsynced")
        mine = sorted((i["status"], i["state"]) for i in body["items"] if i["dossier_id"] == d["id"])
        self.assertEqual(mine, [(2, "parked"), (4, "pending")], body)
        parked = [i for i in body["items"] if i["dossier_id"] == d["id"] and i["state"] == "parked"]
        status, r, _ = self.admin.post(f"/api/v1/admin/outbox/{parked[0]['outbox_id']}/retry")
        self.assertEqual(status, 200, r)
        wait_for(lambda: self.synced(d["id"]))
        self.assertEqual(self.sim.received()["dossiers"][d["code"]], [2, 4])  # in order, once each

    def test_index766_counts_a_confirmed_dossier_received_while_its_message_waits(self):
        # "Synced" in the Quyết định 766 view: the dossiers received in the period that the portal
        # has confirmed. This one was confirmed as submitted, then received while the portal
        # refuses: its confirmed row still says "not received", so the view must count it by
        # what the dossier is now, once — as before, and after the retry.
        monitor = as_staff(self.server, "province_monitor")
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
        q = urllib.parse.urlencode({"scope": "agency:" + self.reception.agency, "from": day, "to": day})

        def synced():
            status, v, _ = monitor.get("/api/v1/kpi/index766?" + q)
            self.assertEqual(status, 200, v)
            i = [i for g in v["groups"] for i in g["indicators"] if i["id"] == "dossiers_synced"][0]
            return i["numerator"], i["denominator"]

        n0, den0 = synced()
        d = intake(self.reception, self.proc, receive=False)
        wait_for(lambda: self.synced(d["id"]))
        self.sim.control(mode="refuse", count=1, service="DongBoHoSoMC")
        status, v, _ = act(self.reception, d["id"], "receive")
        self.assertEqual(status, 200, v)
        wait_for(lambda: self.view(d["id"])["national_sync"]["state"] == "parked", timeout=20)
        self.assertEqual(synced(), (n0 + 1, den0 + 1))
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/unsynced")
        parked = [i for i in body["items"] if i["dossier_id"] == d["id"] and i["state"] == "parked"]
        status, r, _ = self.admin.post(f"/api/v1/admin/outbox/{parked[0]['outbox_id']}/retry")
        self.assertEqual(status, 200, r)
        wait_for(lambda: self.synced(d["id"]))
        self.assertEqual(synced(), (n0 + 1, den0 + 1))

    # --- TraCuuHoSo: the portal asks us -------------------------------------------------------

    def test_portal_lookup_tra_cuu_ho_so(self):
        d = intake(self.reception, self.proc)
        out = self.sim.call("POST", "/_sim/lookup", {"mahoso": d["code"]})
        self.assertEqual(out["http_status"], 200, out)
        self.assertEqual(out["errors"], [], out)
        item = out["answer"]["result"][0]
        self.assertEqual(item["MaHoSo"], d["code"])
        self.assertEqual(item["TrangThaiHoSo"], "2")
        self.assertEqual(item["TenTrangThaiHoSo"], "Được tiếp nhận")
        self.assertRegex(item["NgayHenTra"], r"^\d{14}$")
        out = self.sim.call("POST", "/_sim/lookup", {"mahoso": "000.00.00.H51-000000-9999"})
        self.assertEqual((out["http_status"], out["answer"]["error_code"], out["answer"]["result"]), (200, 0, []))

    def test_lookup_refuses_a_caller_without_the_portal_secret(self):
        c = Client(self.server)
        for auth in (None, "Bearer sai-khoa", "Basic " + INBOUND_SECRET):
            headers = {"Authorization": auth} if auth else {}
            status, body, _ = c.post("/api/v1/dvcqg/tra-cuu-ho-so", {"service": "TraCuuHoSo", "mahoso": "x"},
                                     headers=headers)
            self.assertEqual(status, 401, body)
            self.assertEqual(body["error_code"], -1)
        status, body, _ = c.post("/api/v1/dvcqg/tra-cuu-ho-so", {"service": "XoaHoSo", "mahoso": "x"},
                                 headers={"Authorization": "Bearer " + INBOUND_SECRET})
        self.assertEqual(status, 400, body)

    # --- dossiers filed on the national portal ------------------------------------------------

    def test_national_dossier_arrives_submitted_once_with_its_documents(self):
        with open(os.path.join(SEED, "agencies.json"), encoding="utf-8") as f:
            eid = next(a["eid"] for a in json.load(f) if a["id"] == self.reception.agency)
        status, p, _ = self.reception.get("/api/v1/procedures/" + self.proc)
        self.assertEqual(status, 200, p)
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        national_code = "G22.99-" + str(int(time.time() * 1000))
        _, before, _ = self.admin.get("/api/v1/admin/dvcqg/summary")
        self.sim.call("POST", "/_sim/national-dossiers", {"repeat": True, "items": [{
            "MaHoSo": national_code, "MaTTHC": p["national_code"], "MaDonVi": eid,
            "ChuHoSo": "Trần Thị Bình", "SoDinhDanh": "051190004321", "SoDienThoai": "0905123456",
            "files": [{"name": "don-de-nghi.pdf", "component": "Đơn đề nghị",
                       "content_b64": base64.b64encode(pdf).decode()}]}]})
        n = wait_for(lambda: [x for x in self.sim.received()["national"]
                              if x["item"]["MaHoSo"] == national_code and x.get("confirmations", 0) >= 2], timeout=30)[0]
        d = self.view(n["local_id"])
        self.assertEqual(d["state"]["id"], "submitted")
        self.assertEqual(d["code"], n["local_code"])
        self.assertEqual(d["receiving_agency_id"], self.reception.agency)
        self.assertEqual(d["applicant"]["id_number"], "051190004321")
        self.assertEqual([x["file_name"] for x in d["documents"]], ["don-de-nghi.pdf"])
        status, _, _ = self.reception.get(f"/api/v1/dossiers/{d['id']}/documents/{d['documents'][0]['id']}")
        self.assertEqual(status, 200)
        # Offered again (the confirmation "lost"), taken in once: one more dossier, not two.
        _, after, _ = self.admin.get("/api/v1/admin/dvcqg/summary")
        self.assertEqual(after["dossiers"], before["dossiers"] + 1)
        # And the portal is told of it like any other dossier (status 1, Mới đăng ký).
        wait_for(lambda: self.sim.received()["dossiers"].get(d["code"]) == [1])

    # --- the national procedure catalogue ------------------------------------------------------

    def test_catalogue_changes_shown_then_accepted_as_a_new_version(self):
        # Another procedure than the one the other tests file under (a new version is made here).
        _, listed, _ = self.reception.get("/api/v1/procedures?agency=" + self.reception.agency)
        pid = next(x["id"] for x in listed["items"]
                   if x["id"] != self.proc and x["time_limit"]["unit"] == "working_days" and x["time_limit"]["amount"] >= 1)
        _, p, _ = self.reception.get("/api/v1/procedures/" + pid)
        amount, unit = p["time_limit"]["amount"], p["time_limit"]["unit"]
        self.sim.call("POST", "/_sim/catalogue", {"items": [
            {"MATTHC": p["national_code"], "TENTTHC": p["name"] + " (sửa đổi)",
             "LINHVUCTHUCHIEN": [{"MALINHVUC": "X", "TENLINHVUC": p["field"]}],
             "CACHTHUCTHUCHIEN": [{"KENH": "1", "THOIGIAN": [{"THOIGIANGIAIQUYET": str(amount + 2),
                                                               "DONVITINH": "Ngày làm việc"}]}]},
            {"MATTHC": "9.999999", "TENTTHC": "Thủ tục mới công bố"}]})
        status, body, _ = self.specialist.get("/api/v1/admin/dvcqg/catalogue-changes")
        self.assertEqual(status, 403, body)
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/catalogue-changes")
        self.assertEqual(status, 200, body)
        by = {i["national_code"]: i for i in body["items"]}
        mine = by[p["national_code"]]
        self.assertEqual((mine["kind"], mine["procedure_id"]), ("changed", p["id"]))
        self.assertEqual({c["field"]: c["theirs"] for c in mine["changes"]},
                         {"name": p["name"] + " (sửa đổi)", "time_limit": f"{amount + 2} working_days"})
        self.assertEqual(by["9.999999"]["kind"], "new")
        # Nothing changed silently: our version is as it was.
        _, again, _ = self.reception.get("/api/v1/procedures/" + pid)
        self.assertEqual(again, p)
        # The administrator accepts the time limit: a new version with its effective date.
        process = [{k: s[k] for k in ("name", "role", "agency", "hours")} for s in p["catalogue"]["process"]]
        status, new, _ = self.admin.post(f"/api/v1/admin/procedures/{p['id']}/versions",
                                         {"effective_from": "2026-12-01",
                                          "time_limit": {"amount": amount + 2, "unit": "working_days"},
                                          "process": process})
        self.assertEqual(status, 201, new)
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/catalogue-changes")
        mine = {i["national_code"]: i for i in body["items"]}[p["national_code"]]
        self.assertEqual(mine["procedure_id"], new["id"])
        self.assertEqual([c["field"] for c in mine["changes"]], ["name"])  # what is left to decide

    def test_catalogue_name_fees_and_components_accepted_each_as_asked(self):
        # Đăng ký khai tử (1.000656): its «giấy tờ tùy thân» is replaceable by the population database.
        _, listed, _ = self.reception.get("/api/v1/procedures?agency=" + self.reception.agency)
        pid = next(x["id"] for x in listed["items"] if x["national_code"] == "1.000656")
        _, p, _ = self.reception.get("/api/v1/procedures/" + pid)
        names = [c["name"] for c in p["catalogue"]["components"]]
        kept = next(c for c in p["catalogue"]["components"] if c.get("replaceable_by") == "csdl_dan_cu")
        export = {"MATTHC": p["national_code"], "TENTTHC": p["name"] + " (2026)",
                  "LINHVUCTHUCHIEN": [{"TENLINHVUC": "Hộ tịch (sửa)"}],
                  "CACHTHUCTHUCHIEN": [{"THOIGIAN": [{"THOIGIANGIAIQUYET": p["time_limit"]["amount"],
                                                       "DONVITINH": "Ngày làm việc",
                                                       "PHILEPHI": [{"MAPHILEPHI": "LPKT", "MOTA": "Lệ phí khai tử",
                                                                     "SOTIEN": 5000, "DONVI": "Đồng"}]}]}],
                  "THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": n} for n in names] +
                                                [{"TENGIAYTO": "Văn bản ủy quyền (nếu nộp thay)"}]}]}
        self.sim.call("POST", "/_sim/catalogue", {"items": [export]})
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/catalogue-changes")
        self.assertEqual(status, 200, body)
        mine = {i["national_code"]: i for i in body["items"]}[p["national_code"]]
        self.assertEqual(sorted(c["field"] for c in mine["changes"]), ["components", "fees", "field", "name"], mine)
        self.assertEqual({c["field"]: c["theirs"] for c in mine["changes"]}["fees"], "LPKT 5.000 đ")
        url = f"/api/v1/admin/dvcqg/catalogue-changes/{p['national_code']}/accept"
        status, body, _ = self.specialist.post(url, {"effective_from": "2027-03-01", "fields": ["name"]})
        self.assertEqual(status, 403, body)
        status, body, _ = self.admin.post(url, {"effective_from": "2027-03-01", "fields": ["time_limit"]})
        self.assertEqual((status, body["type"]), (409, "https://motcua.vn/problems/not_a_change"), body)  # same time limit
        status, body, _ = self.admin.post(url, {"effective_from": "2027-03-01", "fields": ["colour"]})
        self.assertEqual(status, 400, body)
        # Nothing changed silently by any of that.
        _, again, _ = self.reception.get("/api/v1/procedures/" + pid)
        self.assertEqual(again, p)
        status, new, _ = self.admin.post(url, {"effective_from": "2027-03-01", "fields": ["name", "fees", "components"]})
        self.assertEqual(status, 201, new)
        self.assertEqual((new["version"], new["effective_from"], new["name"]), (p["version"] + 1, "2027-03-01",
                                                                                 p["name"] + " (2026)"))
        self.assertEqual(new["field"], p["field"])  # not accepted: ours
        _, v, _ = self.reception.get("/api/v1/procedures/" + new["id"])
        self.assertEqual([(f["code"], f["amount_vnd"]) for f in v["catalogue"]["fees"]], [("LPKT", 5000)])
        comps = {c["name"]: c for c in v["catalogue"]["components"]}
        self.assertEqual(sorted(comps), sorted(names + ["Văn bản ủy quyền (nếu nộp thay)"]))
        self.assertEqual(comps[kept["name"]]["replaceable_by"], "csdl_dan_cu")  # our marker kept
        self.assertEqual(comps["Văn bản ủy quyền (nếu nộp thay)"]["kind"], "original")
        self.assertEqual([s["name"] for s in v["catalogue"]["process"]], [s["name"] for s in p["catalogue"]["process"]])
        # The version in force today is still the old one; what is left to decide stays listed.
        _, old, _ = self.reception.get("/api/v1/procedures/" + pid)
        self.assertEqual(old, p)
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/catalogue-changes")
        mine = {i["national_code"]: i for i in body["items"]}[p["national_code"]]
        self.assertEqual((mine["procedure_id"], [c["field"] for c in mine["changes"]]), (new["id"], ["field"]))

    def test_admin_views_are_authorised(self):
        status, _, _ = Client(self.server).get("/api/v1/admin/dvcqg/summary")
        self.assertEqual(status, 401)
        status, body, _ = self.specialist.get("/api/v1/admin/dvcqg/unsynced")
        self.assertEqual(status, 403, body)
        status, body, _ = self.admin.get("/api/v1/admin/dvcqg/unsynced?before=abc")
        self.assertEqual(status, 400, body)
        status, body, _ = self.specialist.get("/api/v1/admin/dvcqg/summary")
        self.assertEqual(status, 200, body)
        self.assertGreaterEqual(body["dossiers"], body["synced"])


class KillDuringRelay(unittest.TestCase):
    """kill -9 of motcua while rows are in flight to a slow portal: after a restart every change
    arrives, in order, and the portal counts none twice."""

    def test_kill9_mid_relay_loses_no_row(self):
        sim = Sim()
        server = Server()
        server.env.update(env_for(sim))
        sim.start()
        try:
            server.setup().start()
            reception = as_staff(server, "reception", "commune_committee")
            specialist = as_staff(server, "specialist", agency=reception.agency)
            proc = long_procedure_for(reception, reception.agency)
            sim.control(mode="lag", lag_ms=700, for_ms=60000)
            made = []
            for _ in range(5):
                d = intake(reception, proc)
                status, _, _ = act(specialist, d["id"], "start_processing")
                self.assertEqual(status, 200)
                made.append(d["code"])
            wait_for(lambda: sim.received()["calls"] >= 2, timeout=20)  # the relay is mid-way
            server.kill(signal.SIGKILL)
            self.assertLess(len([c for c in made if sim.received()["dossiers"].get(c) == [2, 4]]), len(made))
            sim.control(mode="ok", count=0)
            server.start()
            rec = wait_for(lambda: all((r := sim.received())["dossiers"].get(c) == [2, 4] for c in made) and r,
                           timeout=90)
            self.assertEqual(rec["rejected"], [])
            for c in made:
                self.assertEqual([m["TrangThaiHoSo"] for m in rec["messages"] if m["MaHoSo"] == c], ["2", "4"])
        finally:
            server.stop()
            sim.stop()


if __name__ == "__main__":
    unittest.main()
