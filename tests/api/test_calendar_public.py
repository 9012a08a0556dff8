"""Public contract: health, working-time calendar, dossier tracking, bad parameters."""
import unittest

from harness import Client, Server

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class CalendarApi(unittest.TestCase):
    def setUp(self):
        self.c = Client(server)

    def test_health(self):
        status, body, headers = self.c.get("/api/v1/health")
        self.assertEqual(status, 200)
        self.assertEqual(body, {"status": "ok", "training": False})
        self.assertEqual(headers.get("x-content-type-options"), "nosniff")

    def test_tet_2026_days(self):
        status, days, _ = self.c.get("/api/v1/calendar/days?from=2026-02-13&to=2026-02-23")
        self.assertEqual(status, 200)
        self.assertEqual(len(days), 11)
        by_date = {d["date"]: d for d in days}
        self.assertTrue(by_date["2026-02-13"]["working"])
        for d in ("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"):
            self.assertFalse(by_date[d]["working"], d)
            self.assertIn("Tết", by_date[d]["reason"])
        self.assertTrue(by_date["2026-02-23"]["working"])

    def test_make_up_saturday_2025(self):
        _, days, _ = self.c.get("/api/v1/calendar/days?from=2025-04-26&to=2025-05-02")
        by_date = {d["date"]: d for d in days}
        self.assertTrue(by_date["2025-04-26"]["working"])  # Saturday made a working day
        self.assertFalse(by_date["2025-05-02"]["working"])

    def test_due_working_days_across_tet(self):
        status, body, _ = self.c.get(
            "/api/v1/calendar/due?start=2026-02-13T10:00:00%2B07:00&amount=3&unit=working_days")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["due"], "2026-02-25T10:00:00+07:00")

    def test_due_outside_hours_starts_next_opening(self):
        # Friday 27 Nov 2026, 18:00 → starts Monday 30 Nov 07:00; 4 working hours → 11:00.
        _, body, _ = self.c.get("/api/v1/calendar/due?start=2026-11-27T11:00:00Z&amount=4&unit=working_hours")
        self.assertEqual(body["due"], "2026-11-30T11:00:00+07:00")

    def test_due_calendar_days_on_sunday_moves_to_monday(self):
        _, body, _ = self.c.get("/api/v1/calendar/due?start=2026-11-23T09:00:00%2B07:00&amount=6&unit=calendar_days")
        self.assertTrue(body["due"].startswith("2026-11-30"), body)

    def test_bad_parameters(self):
        cases = [
            "/api/v1/calendar/days?from=2026-01-01",
            "/api/v1/calendar/days?from=2026-13-01&to=2026-12-31",
            "/api/v1/calendar/days?from=2026-01-01&to=2027-12-31",
            "/api/v1/calendar/days?from=2026-02-01&to=2026-01-01",
            "/api/v1/calendar/due?start=yesterday&amount=1&unit=working_days",
            "/api/v1/calendar/due?start=2026-11-27T11:00:00Z&amount=-1&unit=working_days",
            "/api/v1/calendar/due?start=2026-11-27T11:00:00Z&amount=1&unit=weeks",
            "/api/v1/calendar/due?start=2026-11-27T11:00:00Z&amount=99999999999&unit=working_days",
        ]
        for path in cases:
            status, body, headers = self.c.get(path)
            self.assertEqual(status, 400, path)
            self.assertTrue(headers["content-type"].startswith("application/problem+json"), path)
            self.assertEqual(body["status"], 400)
            self.assertTrue(body["detail"], path)

    def test_range_of_400_days_is_allowed(self):
        status, days, _ = self.c.get("/api/v1/calendar/days?from=2026-01-01&to=2027-02-04")
        self.assertEqual(status, 200)
        self.assertEqual(len(days), 400)

    def test_service_locations(self):
        status, body, _ = self.c.get("/api/v1/locations")
        self.assertEqual(status, 200)
        kinds = {l["kind"] for l in body["items"]}
        self.assertTrue({"provincial_center", "postal_point", "commune_center"} <= kinds, kinds)
        self.assertFalse(any(l["verified"] for l in body["items"]))  # demo data, never shown as fact

    def test_units_and_succession(self):
        status, body, _ = self.c.get("/api/v1/units?level=commune")
        self.assertEqual(status, 200)
        self.assertEqual(len(body["items"]), 96)  # the new province's communes, wards, special zone
        status, body, _ = self.c.get("/api/v1/units?level=commune&history=1")
        self.assertGreater(len(body["items"]), 96)
        old = [u for u in body["items"] if u["valid_to"]]
        self.assertTrue(old)
        status, succ, _ = self.c.get(f"/api/v1/units/{old[0]['id']}/successors")
        self.assertEqual(status, 200)
        self.assertTrue(succ["items"], old[0])
        self.assertEqual(self.c.get("/api/v1/units?level=village")[0], 400)

    def test_unknown_dossier_code(self):
        status, body, _ = self.c.get("/api/v1/public/dossiers/000.00.12.H51-261128-9999")
        self.assertEqual(status, 404)
        self.assertIn("Không tìm thấy", body["detail"])

    def test_tracking_page_errors(self):
        status, page, _ = self.c.get("/tra-cuu/000.00.12.H51-261128-9999")
        self.assertEqual(status, 404)
        self.assertIn("Không tìm thấy", page.decode("utf-8"))
        status, page, _ = self.c.get("/tra-cuu?ma=%3Cscript%3E")
        self.assertEqual(status, 400)
        self.assertNotIn("<script>", page.decode("utf-8"))  # echoed input is escaped

    def test_unknown_route_and_method(self):
        self.assertEqual(self.c.get("/api/v1/nope")[0], 404)
        self.assertEqual(self.c.request("DELETE", "/api/v1/health")[0], 405)


if __name__ == "__main__":
    unittest.main()
