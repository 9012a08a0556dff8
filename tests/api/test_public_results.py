"""Public results (issue 14, DOMAIN.md §7 "results are published"): GET /api/v1/public/results.

No login, the same answer for everyone (Cache-Control public), figures read from the counters and
no personal data. After three dossiers received at a commune's counter and one of them decided,
the quarter's figures of the province and of that agency are exactly these. Runs on the store
MOTCUA_TEST_DB names (sqlite or postgres)."""
import json
import unittest

from harness import Client, Server, act, as_staff, decide, intake, long_procedure_for, today_vn

server = None


def setUpModule():
    global server
    server = Server().setup()
    server.start()


def tearDownModule():
    server.stop()


def quarter_of(day):
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


class PublicResults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reception = as_staff(server, "reception", "commune_committee")
        specialist = as_staff(server, "specialist", agency=reception.agency)
        proc = long_procedure_for(reception, reception.agency)
        cls.dossiers = [intake(reception, proc, person=f"05109000{i:04d}", name=f"Trần Thị Bích {i}") for i in range(3)]
        d = cls.dossiers[0]
        status, body, _ = act(specialist, d["id"], "start_processing")
        assert status == 200, body
        status, body, _ = decide(server, d["id"])
        assert status == 200, body
        cls.agency = d["competent_agency_id"]
        cls.anon = Client(server)

    def test_figures_of_the_quarter_are_exact(self):
        status, body, headers = self.anon.get("/api/v1/public/results?period=" + quarter_of(today_vn()))
        self.assertEqual(status, 200, body)
        self.assertEqual(headers.get("cache-control"), "public, max-age=300")
        want = {"received": 3, "received_online": 0, "resolved": 1, "resolved_late": 0, "on_time_rate": 1.0,
                "online_share": 0.0, "satisfaction": None, "band": None,
                "ratings": {"very_satisfied": 0, "satisfied": 0, "dissatisfied": 0, "total": 0}}
        self.assertEqual(body["province"], want)
        row = next(a for a in body["agencies"] if a["agency_id"] == self.agency)
        self.assertEqual({k: v for k, v in row.items() if k not in ("agency_id", "agency_name")}, want)
        self.assertTrue(row["agency_name"])
        others = [a for a in body["agencies"] if a["agency_id"] != self.agency]
        self.assertGreater(len(others), 0)
        self.assertEqual(sum(a["received"] for a in others), 0)
        self.assertEqual(body["period"]["id"], quarter_of(today_vn()))

    def test_no_personal_data_nor_dossier_is_published(self):
        status, body, _ = self.anon.get("/api/v1/public/results")  # default: the current quarter
        self.assertEqual(status, 200, body)
        self.assertEqual(body["period"]["id"], quarter_of(today_vn()))
        text = json.dumps(body, ensure_ascii=False)
        for d in self.dossiers:
            self.assertNotIn(d["code"], text)
            self.assertNotIn(d["id"], text)
            self.assertNotIn(d["applicant"]["full_name"], text)
            self.assertNotIn(d["applicant"]["id_number"], text)

    def test_month_year_and_past_periods(self):
        today = today_vn()
        status, month, _ = self.anon.get("/api/v1/public/results?period=" + today[:7])
        self.assertEqual(status, 200, month)
        self.assertEqual((month["province"]["received"], month["province"]["resolved"]), (3, 1))
        self.assertEqual(month["period"]["from"], today[:7] + "-01")
        status, year, _ = self.anon.get("/api/v1/public/results?period=" + today[:4])
        self.assertEqual(status, 200, year)
        self.assertEqual((year["period"]["from"], year["period"]["to"]), (today[:4] + "-01-01", today[:4] + "-12-31"))
        self.assertEqual(year["province"]["received"], 3)
        status, past, _ = self.anon.get(f"/api/v1/public/results?period={int(today[:4]) - 1}-Q4")
        self.assertEqual(status, 200, past)
        self.assertEqual(past["period"]["to"], f"{int(today[:4]) - 1}-12-31")
        self.assertEqual((past["province"]["received"], past["province"]["resolved"]), (0, 0))
        self.assertIsNone(past["province"]["on_time_rate"])
        self.assertIsNone(past["province"]["online_share"])

    def test_a_bad_period_is_refused(self):
        for bad in ("2026-Q5", "2026-13", "26", "2026-1", "1999", "2026-Q1x"):
            status, body, _ = self.anon.get("/api/v1/public/results?period=" + bad)
            self.assertEqual(status, 400, (bad, body))
            self.assertEqual(body["errors"][0]["field"], "period", body)
            self.assertIn("Kỳ", body["detail"])

    def test_targets_are_data_with_their_legal_basis(self):
        status, body, headers = self.anon.get("/api/v1/kpi/targets")
        self.assertEqual(status, 200, body)
        self.assertIn("public", headers.get("cache-control"))
        self.assertIn("08/CT-TTg", body["legal_basis"])
        online = next(t for t in body["targets"] if t["id"] == "online_share")
        self.assertEqual(online["target"], 0.2)


if __name__ == "__main__":
    unittest.main()
