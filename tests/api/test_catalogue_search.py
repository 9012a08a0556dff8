"""The public catalogue as citizens search it (GET /api/v1/procedures): without diacritics, with
the southern spelling or one letter wrong, by national code with or without its dot, filtered by
field and level, only the version in force today with current=1."""
import unittest
import urllib.parse

from harness import Client, Server, as_staff

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class CatalogueSearch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.anon = Client(server)

    def find(self, **params):
        status, body, _ = self.anon.get("/api/v1/procedures?" + urllib.parse.urlencode(params))
        self.assertEqual(status, 200, body)
        return body

    def codes(self, **params):
        return [p["national_code"] for p in self.find(**params)["items"]]

    def test_without_diacritics_and_with_the_southern_spelling(self):
        plain = self.codes(q="khai sinh")
        self.assertEqual(plain[0], "1.001193")  # Đăng ký khai sinh, the exact words first
        self.assertIn("1.000689", plain)        # … kết hợp nhận cha, mẹ, con
        self.assertNotIn("1.000894", plain)     # not marriage
        self.assertEqual(self.codes(q="khai sanh")[0], "1.001193")
        self.assertEqual(self.codes(q="Đăng ký khai sinh")[0], "1.001193")
        self.assertEqual(self.codes(q="ket hon")[0], "1.000894")
        self.assertEqual(self.codes(q="kết hôn lưu động"), ["1.000593"])

    def test_one_letter_slip_and_an_unfinished_last_word(self):
        self.assertEqual(self.codes(q="khai tu")[0], "1.000656")
        self.assertEqual(self.codes(q="khia tu")[0], "1.000656")  # two neighbours swapped
        self.assertNotIn("1.000656", self.codes(q="khai ty"))      # "ty": too short to forgive
        self.assertIn("2.000815", self.codes(q="chung thuc ban sa"))
        self.assertIn("2.000815", self.codes(q="chuung thuc ban sao"))

    def test_by_national_code_with_or_without_the_dot(self):
        self.assertEqual(self.codes(q="1.001193"), ["1.001193"])
        self.assertEqual(self.codes(q="1001193"), ["1.001193"])
        self.assertEqual(self.codes(q="9.999999"), [])

    def test_filters_and_the_fields_facet(self):
        civil = self.find(field="Hộ tịch")
        self.assertTrue(civil["items"])
        self.assertEqual({p["field"] for p in civil["items"]}, {"Hộ tịch"})
        self.assertEqual(civil["fields"], [{"name": "Hộ tịch", "count": len(civil["items"])}])
        every = self.find()
        self.assertEqual(sum(f["count"] for f in every["fields"]), len(every["items"]))
        self.assertEqual({p["level"] for p in self.find(level="commune")["items"]}, {"commune"})

    def test_bad_parameters_are_named(self):
        for params, name in [({"level": "district"}, "level"), ({"online_level": "4"}, "online_level"),
                             ({"current": "yes"}, "current"), ({"limit": "0"}, "limit"),
                             ({"limit": "abc"}, "limit"), ({"q": "x" * 201}, "q")]:
            status, body, _ = self.anon.get("/api/v1/procedures?" + urllib.parse.urlencode(params))
            self.assertEqual(status, 400, (params, body))
            self.assertEqual(body["errors"][0]["field"], name, body)

    def test_current_shows_the_version_in_force_today(self):
        admin = as_staff(server, "province_admin")
        status, body, _ = admin.get("/api/v1/procedures/1.001193@v1")
        self.assertEqual(status, 200, body)
        # A version effective in 2099 is listed, but not as the one in force today.
        future = {"effective_from": "2099-01-01", "time_limit": {"amount": 3, "unit": "working_days"},
                  "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 4},
                              {"name": "Giải quyết", "role": "leader", "agency": "competent", "hours": 16}]}
        status, made, _ = admin.post("/api/v1/admin/procedures/1.001193@v1/versions", future)
        self.assertEqual(status, 201, made)
        both = [p["id"] for p in self.find(q="1.001193")["items"]]
        self.assertEqual(sorted(both), sorted(["1.001193@v1", made["id"]]))
        current = self.find(q="1.001193", current="1")
        self.assertEqual([p["id"] for p in current["items"]], ["1.001193@v1"])
        self.assertRegex(current["in_force_on"], r"^\d{4}-\d{2}-\d{2}$")


if __name__ == "__main__":
    unittest.main()
