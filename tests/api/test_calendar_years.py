"""The calendar for any year (issue 17): rule years served with Tết and Giỗ Tổ, the coming years an
administrator still has to decide, and a year's official decision keeping the appointments
already given (moved only when their day becomes a day off, never earlier)."""
import datetime
import json
import os
import sys
import unittest

from harness import SEED, Client, Server, as_staff, intake, long_procedure_for

try:
    import lunardate  # Debian's python3-lunardate: a Chinese (UTC+8) calendar, for comparison
except ImportError:  # a Python other than Debian's: the module is a single pure-Python file
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import lunardate
    except ImportError:
        lunardate = None
    finally:
        sys.path.remove("/usr/lib/python3/dist-packages")

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def days(client, start, end):
    status, body, _ = client.get(f"/api/v1/calendar/days?from={start}&to={end}")
    assert status == 200, body
    return {d["date"]: d for d in body}


def parse_local(s):
    return datetime.datetime.fromisoformat(s)


class RuleYears(unittest.TestCase):
    """Years nobody seeded are computed from the Labour Code rules."""

    def setUp(self):
        self.c = Client(server)

    def test_tet_and_gio_to_of_years_without_seed_data(self):
        # Tết 2031 is Thursday 23 Jan, Tết 2150 Thursday 29 Jan, Tết 1985 Monday 21 Jan (Vietnam,
        # UTC+7; China: 20 Feb), Giỗ Tổ 2050 Friday 1 Apr (Hồ Ngọc Đức's tables).
        for start, end, off in [("2031-01-20", "2031-01-28", ["2031-01-22", "2031-01-23", "2031-01-24", "2031-01-27"]),
                                ("2150-01-26", "2150-02-03", ["2150-01-28", "2150-01-29", "2150-01-30", "2150-02-02"]),
                                ("1985-01-18", "1985-01-25", ["1985-01-21", "1985-01-22", "1985-01-23", "1985-01-24"])]:
            by = days(self.c, start, end)
            for d in off:
                self.assertFalse(by[d]["working"], d)
                self.assertIn("Tết", by[d]["reason"], d)
        by = days(self.c, "2050-04-01", "2050-04-01")
        self.assertEqual(by["2050-04-01"]["reason"], "Giỗ Tổ Hùng Vương")
        by = days(self.c, "2031-12-31", "2032-01-01")
        self.assertTrue(by["2031-12-31"]["working"])
        self.assertFalse(by["2032-01-01"]["working"])

    def test_due_across_tet_2040(self):
        # Thursday 9 Feb 2040, 10 working days: Tết (Sat 11 .. Wed 15) and its compensatory days
        # (Thu 16, Fri 17) are skipped → Thursday 1 March 2040 at 09:00.
        status, body, _ = self.c.get("/api/v1/calendar/due?start=2040-02-09T09:00:00%2B07:00&amount=10&unit=working_days")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["due"], "2040-03-01T09:00:00+07:00")

    @unittest.skipIf(lunardate is None, "Debian's python3-lunardate is not installed")
    def test_tet_against_debians_chinese_calendar(self):
        """Every Tết 1900..2099 served equals the Chinese calendar's but in the known years: those
        where UTC+7 gives another day since 1968, and 1916 (a new moon minutes from midnight)."""
        with open(os.path.join(SEED, "calendar.json"), encoding="utf-8") as f:
            decided = {int(y) for y in json.load(f)["years"]}  # official lists: Tết as decreed
        differs = {}
        for year in range(1900, 2100):
            if year in decided:
                continue
            chinese = lunardate.LunarDate(year, 1, 1).toSolarDate()
            lo = max(chinese - datetime.timedelta(days=31), datetime.date(1900, 1, 1))
            hi = chinese + datetime.timedelta(days=31)
            by = days(self.c, lo.isoformat(), hi.isoformat())
            # Tết is lunar 1/1: the second of the five rule days (the day before it is 30 Tết).
            tet_days = sorted(d for d, v in by.items() if v["reason"].startswith("Tết Nguyên đán"))
            served = datetime.date.fromisoformat(tet_days[1])
            if served != chinese:
                differs[year] = (served.isoformat(), chinese.isoformat())
        self.assertEqual(sorted(differs), [1916, 1968, 1969, 1985, 2007, 2030, 2053], differs)
        self.assertEqual(differs[1985], ("1985-01-21", "1985-02-20"))
        self.assertEqual(differs[2007], ("2007-02-17", "2007-02-18"))


class Decisions(unittest.TestCase):
    """A coming year without an official decision, then its decision."""

    @classmethod
    def setUpClass(cls):
        cls.admin = as_staff(server, "province_admin")
        cls.desk = as_staff(server, "reception", agency="ubnd-camthanh")
        cls.pid = long_procedure_for(cls.desk, cls.desk.agency, min_days=15)

    def test_only_province_admins(self):
        reception = self.desk
        self.assertEqual(reception.get("/api/v1/admin/calendar/years")[0], 403)
        status, _, _ = reception.request("PUT", "/api/v1/admin/calendar/years/2031",
                                         body={"source": "x", "days": []})
        self.assertEqual(status, 403)
        monitor = as_staff(server, "province_monitor")
        self.assertEqual(monitor.get("/api/v1/admin/calendar/years")[0], 200)
        status, _, _ = monitor.request("PUT", "/api/v1/admin/calendar/years/2031", body={"source": "x", "days": []})
        self.assertEqual(status, 403)

    def test_bad_decisions(self):
        for path, body in [("/api/v1/admin/calendar/years/20x1", {"source": "x", "days": []}),
                           ("/api/v1/admin/calendar/years/2031", {"source": "x"}),
                           ("/api/v1/admin/calendar/years/2031",
                            {"source": "x", "days": [{"date": "2032-01-01", "working": False, "reason": "Tết"}]}),
                           ("/api/v1/admin/calendar/years/2031",
                            {"source": "x", "days": [{"date": "2031-02-30", "working": False, "reason": "Tết"}]}),
                           ("/api/v1/admin/calendar/years/2031",
                            {"source": "x", "days": [{"date": "2031-01-01", "working": False, "reason": "a"},
                                                     {"date": "2031-01-01", "working": False, "reason": "b"}]}),
                           ("/api/v1/admin/calendar/years/2300", {"source": "x", "days": []})]:
            status, res, _ = self.admin.request("PUT", path, body=body)
            self.assertEqual(status, 400, (path, body, res))

    def test_years_list_and_a_decision_keeps_or_moves_appointments(self):
        d = intake(self.desk, self.pid)
        due = parse_local(d["due_at"])
        year = due.year
        status, body, _ = self.admin.get("/api/v1/admin/calendar/years")
        self.assertEqual(status, 200, body)
        items = {y["year"]: y for y in body["items"]}
        this_year = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).year
        self.assertEqual(min(items), this_year)
        self.assertGreaterEqual(max(items), this_year + 2)
        for y in items.values():
            self.assertEqual(y["source"], "decision" if y["official"] else "rules")
            self.assertEqual(y["decision"] is not None, y["official"])
        if 2026 in items:
            self.assertTrue(items[2026]["official"])  # seeded from data/seed/calendar.json
        if 2027 in items:
            self.assertFalse(items[2027]["official"])
        self.assertGreaterEqual(items[year]["dossiers_due_in_year"], 1)
        self.assertLessEqual(len(items[year]["sample_codes"]), 5)
        if items[year]["dossiers_due_in_year"] <= 5:
            self.assertIn(d["code"], items[year]["sample_codes"])

        # The decision for the appointment's year: the calendar served today (every day that is
        # not a plain working day, Saturday or Sunday), plus the appointment's own day off (as if
        # the government had moved a holiday onto it).
        start, end = f"{year}-01-01", f"{year}-12-31"
        served = days(Client(server), start, end)
        listed = []
        for date, v in sorted(served.items()):
            weekly = datetime.date.fromisoformat(date).weekday() < 5
            if v["working"] != weekly or v["reason"] not in ("Ngày làm việc", "Thứ Bảy", "Chủ nhật"):
                listed.append({"date": date, "working": v["working"], "reason": v["reason"]})
        appointment_day = due.date().isoformat()
        decision = [x for x in listed if x["date"] != appointment_day]
        decision.append({"date": appointment_day, "working": False, "reason": "Nghỉ lễ (quyết định thử nghiệm)"})
        status, res, _ = self.admin.request("PUT", f"/api/v1/admin/calendar/years/{year}",
                                            body={"source": "Thông báo thử nghiệm số 1", "days": decision})
        self.assertEqual(status, 200, res)
        self.assertTrue(res["changed"])
        self.assertEqual(res["days"], len(decision))
        moved = {m["code"]: m for m in res["appointments_moved"]}
        self.assertIn(d["code"], moved)
        self.assertEqual(moved[d["code"]]["from"], d["due_at"])
        new_due = parse_local(moved[d["code"]]["to"])
        self.assertGreater(new_due, due)  # never earlier
        self.assertEqual(new_due.time(), due.time())  # same time of day
        after = days(Client(server), appointment_day, new_due.date().isoformat())
        self.assertFalse(after[appointment_day]["working"])
        self.assertTrue(after[new_due.date().isoformat()]["working"])
        self.assertTrue(all(not v["working"] for k, v in after.items() if appointment_day <= k < new_due.date().isoformat()))

        # The dossier shows the new appointment and why, in its history.
        status, view, _ = self.desk.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200, view)
        self.assertEqual(view["due_at"], moved[d["code"]]["to"])
        entry = [h for h in view["history"] if h["action"] == "appointment_moved"]
        self.assertEqual(len(entry), 1, view["history"])
        self.assertIn(str(year), entry[0]["note"])
        self.assertEqual(entry[0]["data"]["year"], year)
        self.assertTrue(entry[0]["actor"].startswith("staff:"))

        # The year is now official; the same decision again changes nothing.
        _, body, _ = self.admin.get("/api/v1/admin/calendar/years")
        y = {i["year"]: i for i in body["items"]}[year]
        self.assertTrue(y["official"])
        self.assertEqual(y["decision"]["source"], "Thông báo thử nghiệm số 1")
        status, res, _ = self.admin.request("PUT", f"/api/v1/admin/calendar/years/{year}",
                                            body={"source": "Thông báo thử nghiệm số 1", "days": decision})
        self.assertEqual(status, 200, res)
        self.assertFalse(res["changed"])
        self.assertEqual(res["appointments_moved"], [])

        # A decision that gives the day back does not move the appointment earlier.
        status, res, _ = self.admin.request("PUT", f"/api/v1/admin/calendar/years/{year}",
                                            body={"source": "Thông báo thử nghiệm số 2", "days": listed})
        self.assertEqual(status, 200, res)
        self.assertTrue(res["changed"])
        self.assertNotIn(d["code"], [m["code"] for m in res["appointments_moved"]])
        _, view, _ = self.desk.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(view["due_at"], moved[d["code"]]["to"])

        # Each day written or removed is in the change log, by the administrator.
        _, changes, _ = self.admin.get("/api/v1/admin/calendar/changes")
        mine = [c for c in changes["items"] if c["date"] == appointment_day]
        self.assertEqual([c["working"] for c in mine][:2], [None, False])
        self.assertTrue(all(c["changed_by"].startswith("staff:") for c in mine[:2]))

    def test_admin_edit_in_a_rule_year_lies_on_top_of_the_rules(self):
        # 2033: no decision. Moving Quốc khánh's adjacent day from Thu 1 Sep to Sat 3 Sep is two
        # edits on top of the rules; clearing them brings the rules back.
        by = days(Client(server), "2033-09-01", "2033-09-02")
        self.assertFalse(by["2033-09-01"]["working"])
        for date, working, reason in [("2033-09-01", True, "Làm việc (thử nghiệm)"), ("2033-09-05", False, "Nghỉ (thử nghiệm)")]:
            status, res, _ = self.admin.request("PUT", f"/api/v1/admin/calendar/days/{date}",
                                                body={"working": working, "reason": reason})
            self.assertEqual(status, 200, res)
        by = days(Client(server), "2033-09-01", "2033-09-05")
        self.assertTrue(by["2033-09-01"]["working"])
        self.assertFalse(by["2033-09-02"]["working"])  # the rule day is still there
        self.assertFalse(by["2033-09-05"]["working"])
        for date in ("2033-09-01", "2033-09-05"):
            self.assertEqual(self.admin.request("DELETE", f"/api/v1/admin/calendar/days/{date}")[0], 204)
        by = days(Client(server), "2033-09-01", "2033-09-05")
        self.assertFalse(by["2033-09-01"]["working"])
        self.assertTrue(by["2033-09-05"]["working"])
        # A rule day off has no entry to remove: 404 saying how to change it.
        status, res, _ = self.admin.request("DELETE", "/api/v1/admin/calendar/days/2033-09-02")
        self.assertEqual(status, 404, res)
        self.assertIn("Bộ luật Lao động", res["detail"])
        _, body, _ = self.admin.get("/api/v1/admin/calendar/years")
        self.assertNotIn(True, [i["official"] for i in body["items"] if i["year"] == 2033])


if __name__ == "__main__":
    unittest.main()
