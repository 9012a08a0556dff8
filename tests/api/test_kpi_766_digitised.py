"""The Quyết định 766 digitisation group, hand-counted (issue 14): «Tỷ lệ khai thác, sử dụng lại
dữ liệu đã số hóa» (data_reused) counts the components the population database can replace, one
by one, at filing — taken from it, or still handed in — and its lists give exactly those
components (GET /api/v1/kpi/dossiers?metric=components_reused|components_asked, one row per
component); «Tỷ lệ hồ sơ thực hiện số hóa hồ sơ» (components_digitised) counts the dossiers
received with every paper component scanned under its name on their reception day, and its list
(received_digitised) gives exactly those dossiers. Through the real routes: a population lookup
against tools/sim/dancu, counter intake, the desk's scans. Runs on the store MOTCUA_TEST_DB names."""
import unittest
import urllib.parse

from harness import Client, Server, account, as_staff, today_vn
from test_kpi_766_lists import walk
from test_population import Sim, env_for, new_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DECLARATION = "Tờ khai khai tử"


class Digitisation766(unittest.TestCase):
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
        cls.monitor = Client(cls.server)
        user, pw, _ = account("province_monitor")
        cls.monitor.login(user, pw)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.sim.stop()

    def intake(self, person, lookup_id=None, handed_in=(), receive=True):
        body = {"procedure_id": self.proc, "channel": 1, "receive": receive,
                "applicant": {"kind": "citizen", "full_name": person["full_name"], "id_number": person["id_number"]},
                "components": [{"name": DECLARATION, "kind": "original"}] +
                              [{"name": c, "kind": "copy"} for c in handed_in]}
        if lookup_id:
            body["population_lookup_id"] = lookup_id
        status, d, _ = self.reception.post("/api/v1/dossiers", body)
        self.assertEqual(status, 201, d)
        return d

    def scan(self, dossier_id, component):
        q = urllib.parse.urlencode({"name": "ban-quet.pdf", "component": component})
        status, doc, _ = self.reception.request("POST", f"/api/v1/dossiers/{dossier_id}/documents?{q}", raw=PDF,
                                                headers={"Content-Type": "application/octet-stream"})
        self.assertEqual(status, 201, doc)

    def view(self, scope):
        day = today_vn()
        status, v, _ = self.monitor.get("/api/v1/kpi/index766?" + urllib.parse.urlencode(
            {"scope": scope, "from": day, "to": day}))
        self.assertEqual(status, 200, v)
        return {i["id"]: i for g in v["groups"] for i in g["indicators"]}

    def lists(self, ind):
        """Each side's lists walked: {metric: items}, after checking that the totals add up."""
        out = {}
        for part in ("numerator", "denominator"):
            counted = 0
            for ref in ind["lists"][part]:
                total, items = walk(self.monitor, ref)
                self.assertEqual(len(items), total, ref)
                counted += total
                out[ref["metric"]] = items
            self.assertEqual(counted, ind[part], (ind["id"], part))
        return out

    def test_reused_and_asked_components_and_digitised_dossiers(self):
        scope = "agency:" + self.reception.agency
        before = self.view(scope)
        # 1: the identity paper taken from the database; the declaration scanned at once.
        person = new_person(self.sim)
        status, lk, _ = self.reception.post("/api/v1/population/lookups", {
            "id_number": person["id_number"], "full_name": person["full_name"], "birth_date": person["birth_date"],
            "procedure_id": self.proc, "consent": True})
        self.assertEqual((status, lk["status"]), (201, "found"), lk)
        replaced = lk["satisfies"][0]["name"]
        d1 = self.intake(person, lookup_id=lk["id"])
        self.scan(d1["id"], DECLARATION)
        # 2: the identity paper handed in, only the declaration scanned: asked, not digitised.
        d2 = self.intake(new_person(self.sim), handed_in=[replaced])
        self.scan(d2["id"], DECLARATION)
        self.scan(d2["id"], "Tài liệu khác")  # a file under no component's name scans nothing
        # 3: handed in and both scanned: asked, digitised.
        d3 = self.intake(new_person(self.sim), handed_in=[replaced])
        self.scan(d3["id"], replaced)
        self.scan(d3["id"], DECLARATION)
        # 4: filed, not received yet: its component is counted at filing; not in the digitised.
        d4 = self.intake(new_person(self.sim), handed_in=[replaced], receive=False)
        self.scan(d4["id"], replaced)
        self.scan(d4["id"], DECLARATION)

        after = self.view(scope)
        reuse, digit = after["data_reused"], after["components_digitised"]
        b_reuse, b_digit = before["data_reused"], before["components_digitised"]
        self.assertTrue(reuse["measured"] and digit["measured"], (reuse, digit))
        self.assertEqual(reuse["numerator"] - (b_reuse["numerator"] or 0), 1)
        self.assertEqual(reuse["denominator"] - (b_reuse["denominator"] or 0), 4)
        self.assertEqual(digit["numerator"] - (b_digit["numerator"] or 0), 2)
        self.assertEqual(digit["denominator"] - (b_digit["denominator"] or 0), 3)
        self.assertEqual([r["metric"] for r in reuse["lists"]["numerator"]], ["components_reused"])
        self.assertEqual([r["metric"] for r in reuse["lists"]["denominator"]], ["components_reused", "components_asked"])
        self.assertEqual([r["kind"] for r in reuse["lists"]["denominator"]], ["components", "components"])
        self.assertEqual([r["metric"] for r in digit["lists"]["numerator"]], ["received_digitised"])
        self.assertEqual([r["metric"] for r in digit["lists"]["denominator"]], ["received"])

        mine = {d["id"] for d in (d1, d2, d3, d4)}
        got = self.lists(reuse)
        rows = lambda m: sorted((r["code"], r["component"], r["reused"], r["source"]) for r in got[m] if r["id"] in mine)
        self.assertEqual(rows("components_reused"), [(d1["code"], replaced, True, "csdl_dan_cu")])
        self.assertEqual(rows("components_asked"), sorted((d["code"], replaced, False, None) for d in (d2, d3, d4)))
        self.assertTrue(all(r["submitted_at"] for r in got["components_asked"]))
        got = self.lists(digit)
        self.assertEqual({r["id"] for r in got["received_digitised"] if r["id"] in mine}, {d1["id"], d3["id"]})
        self.assertEqual({r["id"] for r in got["received"] if r["id"] in mine}, {d1["id"], d2["id"], d3["id"]})

        # The same in the province and at the commune level; and for the procedure alone.
        for scope_q in ("province", "level:commune"):
            for ind in (self.view(scope_q)["data_reused"], self.view(scope_q)["components_digitised"]):
                self.lists(ind)
        day = today_vn()
        status, v, _ = self.monitor.get("/api/v1/kpi/index766?" + urllib.parse.urlencode(
            {"scope": scope, "from": day, "to": day, "procedure": self.proc}))
        self.assertEqual(status, 200, v)
        ind = {i["id"]: i for g in v["groups"] for i in g["indicators"]}
        self.assertEqual(ind["data_reused"]["denominator"], reuse["denominator"])
        self.lists(ind["data_reused"])
        self.lists(ind["components_digitised"])

        # Receiving 4 now: it was scanned before, so the reception counts it.
        status, body, _ = self.reception.post(f"/api/v1/dossiers/{d4['id']}/actions/receive", {})
        self.assertEqual(status, 200, body)
        again = self.view(scope)["components_digitised"]
        self.assertEqual((again["numerator"], again["denominator"]), (digit["numerator"] + 1, digit["denominator"] + 1))
        got = self.lists(again)
        self.assertIn(d4["id"], {r["id"] for r in got["received_digitised"]})

        # A list of components is paged inside a dossier too: one row a page.
        ref = reuse["lists"]["denominator"][1]
        items, cursor = [], ""
        for _ in range(50):
            q = dict(ref["query"], limit=1)
            if cursor:
                q["cursor"] = cursor
            status, page, _ = self.monitor.get(ref["path"] + "?" + urllib.parse.urlencode(q))
            self.assertEqual(status, 200, page)
            self.assertLessEqual(len(page["items"]), 1)
            items += page["items"]
            cursor = page["next"]
            if not cursor:
                break
        self.assertEqual(len(items), page["total"])

    def test_who_reads_the_lists(self):
        day = today_vn()
        q = {"scope": "province", "from": day, "to": day}
        user, pw, _ = account("leader")
        leader = Client(self.server)
        leader.login(user, pw)
        for metric in ("components_reused", "components_asked", "received_digitised"):
            status, body, _ = leader.get("/api/v1/kpi/dossiers?" + urllib.parse.urlencode(dict(q, metric=metric)))
            self.assertEqual(status, 403, (metric, body))
            status, body, _ = Client(self.server).get("/api/v1/kpi/dossiers?" + urllib.parse.urlencode(dict(q, metric=metric)))
            self.assertEqual(status, 401, (metric, body))
            status, body, _ = self.monitor.get("/api/v1/kpi/dossiers?" + urllib.parse.urlencode(dict(q, metric=metric)))
            self.assertEqual(status, 200, (metric, body))
            self.assertEqual(body["kind"], "dossiers" if metric == "received_digitised" else "components")


if __name__ == "__main__":
    unittest.main()
