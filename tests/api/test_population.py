"""The national population database (CSDL quốc gia về dân cư) through the data-sharing platform:
at the counter and online, a person is looked up by the 12-digit number (with consent, logged),
the filing takes the applicant from the database and does not ask for the components it replaces
(history, audit, counters); when the database is down, slow, answers garbage or about someone
else, the lookup says so in Vietnamese with the fallback, and the component is handed in instead
(counted as still asked). Against tools/sim/dancu as a separate process.
"""
import json
import random
import time
import unittest

from harness import Client, Server, SimProcess, as_staff, new_key


def code(body):
    """The problem's code (the last part of its type)."""
    return body.get("type", "").rsplit("/", 1)[-1]

USER, SECRET, XROAD, APIKEY, MADONVI = "tinh-qn", "bi-mat-ndxp-0123", "VN/GOV/000.00.00.H51/MOTCUA", "khoa-api", "000.00.00.H51"


class Sim(SimProcess):
    """tools/sim/dancu as a separate process on a free loopback port."""

    def __init__(self):
        super().__init__("dancu")
        self.service = self.url + "/dancu"

    def start(self):
        return self.spawn(["--username", USER, "--secret", SECRET, "--auth-url", self.service,
                           "--x-road-client", XROAD, "--api-key", APIKEY, "--madonvi", MADONVI])

    def add(self, *people):
        return self.call("POST", "/_sim/people", list(people))


def env_for(sim):
    return {"MOTCUA_DANCU_URL": sim.service, "MOTCUA_DANCU_USERNAME": USER, "MOTCUA_DANCU_SECRET": SECRET,
            "MOTCUA_DANCU_X_ROAD_CLIENT": XROAD, "MOTCUA_DANCU_API_KEY": APIKEY, "MOTCUA_DANCU_MADONVI": MADONVI,
            "MOTCUA_DANCU_ACCOUNT": "motcua", "MOTCUA_DANCU_TIMEOUT_S": "2"}


def new_person(sim, ho="Phạm", chu_dem="Thị", ten="Lan"):
    """A person the database holds: a valid number (Quảng Ngãi, woman born 1992) and a record."""
    number = "051192%06d" % random.randrange(1_000_000)
    sim.add({"id_number": number, "ho": ho, "chu_dem": chu_dem, "ten": ten, "birth": "19920315", "gender": "2",
             "ethnicity": "01", "permanent": "Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi"})
    return {"id_number": number, "full_name": f"{ho} {chu_dem} {ten}", "birth_date": "1992-03-15"}


class PopulationDatabase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Sim().start()
        cls.server = Server()
        cls.server.env.update(env_for(cls.sim))
        cls.server.setup().start()
        cls.reception = as_staff(cls.server, "reception", "commune_committee")
        status, body, _ = cls.reception.get("/api/v1/procedures?agency=" + cls.reception.agency)
        assert status == 200, body
        # Đăng ký khai tử: its «giấy tờ tùy thân» is replaceable_by csdl_dan_cu in the seed.
        cls.proc = next(p["id"] for p in body["items"] if p.get("national_code", p.get("code")) == "1.000656")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sim.stop()

    def setUp(self):
        self.sim.control(mode="ok", count=0)

    def lookup(self, client, person, **over):
        headers = over.pop("headers", None)
        body = {"id_number": person["id_number"], "full_name": person["full_name"],
                "birth_date": person["birth_date"], "procedure_id": self.proc, "consent": True}
        body.update(over)
        body = {k: v for k, v in body.items() if v is not None}
        return client.post("/api/v1/population/lookups", body, headers=headers)

    def counter_intake(self, person, lookup_id=None, provided=False, name="Tên gõ tay"):
        body = {"procedure_id": self.proc, "channel": 1, "receive": False,
                "applicant": {"kind": "citizen", "full_name": name, "id_number": person["id_number"]},
                "components": [{"name": "Tờ khai khai tử", "kind": "original"}]}
        if provided:
            body["components"] += [{"name": c, "kind": "copy"} for c in provided]
        if lookup_id:
            body["population_lookup_id"] = lookup_id
        return self.reception.post("/api/v1/dossiers", body)

    def counters(self):
        m = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
        status, body, _ = self.reception.get(f"/api/v1/ratings?agency_id={self.reception.agency}&from={m}&to={m}")
        self.assertEqual(status, 200, body)
        return body["items"][0]

    def test_counter_lookup_fills_the_applicant_and_satisfies_the_component(self):
        person = new_person(self.sim)
        before = self.counters()
        status, lk, _ = self.lookup(self.reception, person)
        self.assertEqual(status, 201, lk)
        self.assertEqual(lk["status"], "found")
        self.assertEqual(lk["consent"], "counter")
        self.assertEqual(lk["person"]["full_name"], "Phạm Thị Lan")
        self.assertEqual(lk["person"]["birth_date"], "1992-03-15")
        self.assertEqual(lk["person"]["gender"], "Nữ")
        self.assertEqual(lk["person"]["permanent_address"], "Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi")
        self.assertEqual(len(lk["satisfies"]), 1, lk)
        # What the answer fills is the server's decision: the counter form's applicant, and the
        # procedure's e-form by its applicant map; the address only where none was typed.
        address = "Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi"
        self.assertEqual(lk["fills"]["applicant"], [
            {"field": "full_name", "value": "Phạm Thị Lan", "mode": "set"},
            {"field": "id_number", "value": person["id_number"], "mode": "set"},
            {"field": "address", "value": address, "mode": "if_empty"}])
        self.assertEqual(lk["fills"]["form"], [
            {"field": "requester.full_name", "value": "Phạm Thị Lan", "mode": "set"},
            {"field": "requester.personal_id", "value": person["id_number"], "mode": "set"},
            {"field": "residence.line", "value": address, "mode": "if_empty"}])
        replaced = lk["satisfies"][0]["name"]
        self.assertTrue(replaced.startswith("Giấy tờ tùy thân"), replaced)
        # What the platform received: authenticated, every field, the officer who asked.
        req = self.sim.received()["requests"][-1]
        self.assertEqual(req["verdict"], "ok", req)
        self.assertEqual(req["fields"]["SoDinhDanh"], person["id_number"])
        self.assertEqual(req["fields"]["NgayThangNam"], "19920315")
        self.assertEqual(req["fields"]["MaYeuCau"], lk["id"])
        self.assertTrue(req["fields"]["MaCanBo"].startswith("staff:"), req)
        self.assertTrue(req["content_type"].startswith("text/xml"), req)

        status, d, _ = self.counter_intake(person, lk["id"])
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant_name"], "Phạm Thị Lan")  # the database's, not the typed one
        comps = {c["name"]: c for c in d["details"]["components"]}
        self.assertEqual(comps[replaced]["source"], "csdl_dan_cu")
        self.assertTrue(comps[replaced]["provided"])
        self.assertNotIn("source", comps["Tờ khai khai tử"])
        used = [e for e in d["history"] if e["action"] == "population_data_used"]
        self.assertEqual(len(used), 1, d["history"])
        data = used[0]["data"] if isinstance(used[0]["data"], dict) else json.loads(used[0]["data"])
        self.assertEqual(data["lookup_id"], lk["id"])
        self.assertEqual(data["components"], [replaced])
        after = self.counters()
        self.assertEqual(after["population_reused"], before["population_reused"] + 1)
        self.assertEqual(after["population_asked"], before["population_asked"])

        # One lookup fills one dossier.
        status, again, _ = self.counter_intake(person, lk["id"])
        self.assertEqual((status, code(again)), (409, "population_lookup_used"), again)

    def test_consent_and_who_may_look_up(self):
        person = new_person(self.sim)
        n = len(self.sim.received()["requests"])
        status, body, _ = self.lookup(self.reception, person, consent=False)
        self.assertEqual(status, 400, body)
        self.assertIn("consent", [f["field"] for f in body["errors"]])
        status, body, _ = self.lookup(self.reception, person, id_number="123")
        self.assertEqual(status, 400, body)
        # A citizen looks up only their own number; a specialist not at all.
        me = Client(self.server)
        me.login_citizen(person["id_number"], person["full_name"])
        other = new_person(self.sim)
        status, body, _ = self.lookup(me, other)
        self.assertEqual((status, code(body)), (403, "population_not_self"), body)
        specialist = as_staff(self.server, "specialist", agency=self.reception.agency)
        status, body, _ = self.lookup(specialist, person)
        self.assertEqual(status, 403, body)
        self.assertEqual(len(self.sim.received()["requests"]), n, "nothing refused here reaches the database")
        status, body, _ = self.lookup(me, person)
        self.assertEqual((status, body["consent"]), (201, "online"), body)
        # Without a procedure there is no e-form to fill.
        status, body, _ = self.lookup(me, person, procedure_id=None)
        self.assertEqual((status, body["fills"]["form"]), (201, []), body)
        self.assertEqual([f["field"] for f in body["fills"]["applicant"]], ["full_name", "id_number", "address"])

    def test_a_repeat_with_the_same_key_asks_once(self):
        person = new_person(self.sim)
        n = len(self.sim.received()["requests"])
        key = new_key()
        status, first, _ = self.lookup(self.reception, person, headers={"Idempotency-Key": key})
        self.assertEqual(status, 201, first)
        status, again, _ = self.lookup(self.reception, person, headers={"Idempotency-Key": key})
        self.assertEqual((status, again["id"]), (201, first["id"]))
        self.assertEqual(len(self.sim.received()["requests"]), n + 1)

    def test_no_such_person(self):
        person = new_person(self.sim)
        status, body, _ = self.lookup(self.reception, person, birth_date="1992-03-16")
        self.assertEqual((status, code(body)), (404, "population_not_found"), body)
        self.assertIn("không có công dân", body["detail"])

    def assert_unavailable_with_fallback(self, person):
        status, body, _ = self.lookup(self.reception, person)
        self.assertEqual((status, code(body)), (503, "population_unavailable"), body)
        self.assertIn("Chưa lấy được thông tin từ Cơ sở dữ liệu quốc gia về dân cư", body["detail"])
        self.assertIn("Vẫn tiếp nhận được hồ sơ", body["detail"])  # the fallback, said
        self.assertIn("Giấy tờ tùy thân", body["detail"])         # …naming the component
        return body

    def test_down_slow_garbage_or_tampered_answers_are_refused_and_the_paper_is_asked(self):
        for mode, extra in (("fail", {}), ("garbage", {}), ("lag", {"lag_ms": 3500}),
                            ("tamper", {"tamper": "other_id"}), ("tamper", {"tamper": "name"}),
                            ("tamper", {"tamper": "birth"})):
            with self.subTest(mode=mode, **extra):
                person = new_person(self.sim)
                self.sim.control(mode=mode, count=1, **extra)
                self.assert_unavailable_with_fallback(person)
        # A repeated identical record is one person.
        person = new_person(self.sim)
        self.sim.control(mode="repeat", count=1)
        status, body, _ = self.lookup(self.reception, person)
        self.assertEqual((status, body["status"]), (201, "found"), body)

    def test_fallback_files_with_the_paper_and_counts_it_as_asked(self):
        person = new_person(self.sim)
        self.sim.control(mode="fail", count=1)
        self.assert_unavailable_with_fallback(person)
        before = self.counters()
        status, body, _ = self.lookup(self.reception, person)  # the database is back: the component's name
        self.assertEqual(status, 201, body)
        name = body["satisfies"][0]["name"]
        # Without a lookup, the paper is handed in: recorded as the applicant's, counted as asked.
        status, d, _ = self.counter_intake(person, provided=[name], name=person["full_name"])
        self.assertEqual(status, 201, d)
        c = {x["name"]: x for x in d["details"]["components"]}[name]
        self.assertTrue(c["provided"])
        self.assertNotIn("source", c)
        self.assertFalse([e for e in d["history"] if e["action"] == "population_data_used"])
        self.assertEqual(self.counters()["population_asked"], before["population_asked"] + 1)
        self.assertEqual(self.counters()["population_reused"], before["population_reused"])

    def test_a_failed_lookup_cannot_fill_a_filing(self):
        person = new_person(self.sim)
        status, lk, _ = self.lookup(self.reception, person)
        self.assertEqual(status, 201, lk)
        other = new_person(self.sim, ten="Mai")
        status, d, _ = self.counter_intake(other, lk["id"])  # the lookup is of someone else
        self.assertEqual((status, code(d)), (400, "population_lookup_invalid"), d)
        # Someone else's lookup (here the citizen's own, online) is not this officer's to use.
        them = Client(self.server)
        them.login_citizen(other["id_number"], other["full_name"])
        status, theirs, _ = self.lookup(them, other)
        self.assertEqual(status, 201, theirs)
        status, d, _ = self.counter_intake(other, theirs["id"])
        self.assertEqual((status, code(d)), (400, "population_lookup_invalid"), d)

    def test_online_the_citizen_files_without_the_paper(self):
        person = new_person(self.sim, ho="Đinh", chu_dem="Văn", ten="Hùng")
        me = Client(self.server)
        me.login_citizen(person["id_number"], "Dinh Van Hung")
        status, comps, _ = me.get(f"/api/v1/me/procedures/{self.proc}/components")
        self.assertEqual(status, 200, comps)
        items = comps["items"] if isinstance(comps, dict) else comps
        replaceable = [c for c in items if c["replaceable_by"] == "csdl_dan_cu"]
        self.assertTrue(replaceable)
        self.assertTrue(all(not c["asked"] for c in replaceable), replaceable)
        status, lk, _ = self.lookup(me, person)
        self.assertEqual(status, 201, lk)
        status, d, _ = me.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 2,
                                                     "receiving_agency_id": self.reception.agency,
                                                     "applicant": {"kind": "citizen", "full_name": "Dinh Van Hung"},
                                                     "population_lookup_id": lk["id"]})
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant_name"], "Đinh Văn Hùng")
        self.assertEqual([c["source"] for c in d["details"]["components"] if c.get("source")],
                         ["csdl_dan_cu"] * len(replaceable))
        status, mine, _ = me.get(f"/api/v1/me/dossiers/{d['id']}")
        self.assertEqual(status, 200, mine)
        labels = [h["label"] for h in mine["history"]]
        self.assertIn("Thông tin của bạn được lấy từ Cơ sở dữ liệu quốc gia về dân cư (không phải nộp giấy tờ)", labels)


class NotConnected(unittest.TestCase):
    """Without MOTCUA_DANCU_URL: the lookup says the system is not connected; the paper is asked."""

    def test_not_connected(self):
        server = Server()
        server.setup().start()
        try:
            reception = as_staff(server, "reception", "commune_committee")
            status, body, _ = reception.post("/api/v1/population/lookups", {
                "id_number": "051192123456", "full_name": "Phạm Thị Lan", "birth_date": "1992-03-15",
                "consent": True})
            self.assertEqual((status, code(body)), (503, "population_not_connected"), body)
            self.assertIn("chưa được kết nối", body["detail"])
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
