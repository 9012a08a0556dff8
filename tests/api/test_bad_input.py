"""Bad input gets a precise 4xx problem+json and leaves the store unchanged; Idempotency-Key."""
import json
import unittest

from harness import Server, as_staff, intake, long_procedure_for, new_key

server = None


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = as_staff(server, "reception", "commune_committee")
        cls.proc = long_procedure_for(cls.c, cls.c.agency)

    def count(self):
        n, cursor = 0, None
        while True:
            path = "/api/v1/dossiers?queue=all&limit=200" + (f"&cursor={cursor}" if cursor else "")
            status, body, _ = self.c.get(path)
            self.assertEqual(status, 200, body)
            n += len(body["items"])
            cursor = body["next_cursor"]
            if not cursor:
                return n

    def post_raw(self, raw, ctype="application/json"):
        return self.c.request("POST", "/api/v1/dossiers", raw=raw, headers={"Content-Type": ctype})

    def assertProblem(self, status, body, headers, code):
        self.assertEqual(status, code, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        self.assertTrue(body["detail"])

    def test_rejected_inputs_leave_store_unchanged(self):
        before = self.count()
        good = {"procedure_id": self.proc, "channel": 1, "receive": True,
                "applicant": {"kind": "citizen", "full_name": "Nguyễn Văn An", "id_number": "051090001234"}}
        cases = [
            (b"{not json", 400),
            (b"[" * 10000 + b"]" * 10000, 400),
            (b'{"a":' * 100 + b"1" + b"}" * 100, 400),
            (b"\"just a string\"", 400),
            (json.dumps(dict(good, channel="1")).encode(), 400),
            (json.dumps(dict(good, extra_field=1)).encode(), 400),
            (json.dumps(dict(good, applicant=dict(good["applicant"], full_name="A" * 20000))).encode(), 400),
            (json.dumps(dict(good, applicant=dict(good["applicant"], id_number="123"))).encode(), 400),
            (json.dumps(dict(good, procedure_id="khong-co")).encode(), 400),
            (json.dumps(dict(good, channel=99)).encode(), 400),
            (json.dumps(dict(good, channel=2 ** 70)).encode(), 400),
            (json.dumps(good).replace("\\u1ec5", "\\ud800").encode(), 400),
            (json.dumps(good, ensure_ascii=False).encode().replace("Nguyễn".encode(), b"Nguy\xc3\x28n"), 400),
            (b'{"procedure_id":"x","procedure_id":"y"}', 400),
            (b"", 400),
        ]
        for raw, code in cases:
            status, body, headers = self.post_raw(raw)
            self.assertProblem(status, body, headers, code)
        status, body, headers = self.post_raw(b"{" + b" " * (2 * 1024 * 1024) + b"}")
        self.assertProblem(status, body, headers, 413)
        self.assertEqual(self.count(), before)

    def test_field_errors_are_listed(self):
        status, body, _ = self.c.post("/api/v1/dossiers", {"channel": "x", "applicant": {"kind": "citizen"},
                                                           "bogus": True})
        self.assertEqual(status, 400)
        fields = {e["field"] for e in body["errors"]}
        self.assertTrue({"procedure_id", "channel", "bogus"} <= fields, fields)

    def test_idempotency_key(self):
        key = new_key()
        a = intake(self.c, self.proc, key=key)
        b = intake(self.c, self.proc, key=key)
        self.assertEqual(a["id"], b["id"])
        self.assertEqual(a["code"], b["code"])
        status, body, _ = self.c.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 3,
                                                           "applicant": {"kind": "citizen", "full_name": "B",
                                                                         "id_number": "051090001234"}},
                                      headers={"Idempotency-Key": key})
        self.assertEqual(status, 409, body)

    def test_bad_path_and_query(self):
        status, body, headers = self.c.get("/api/v1/dossiers/%ZZ")
        self.assertEqual(status, 400)
        status, body, headers = self.c.get("/api/v1/dossiers?limit=abc")
        self.assertProblem(status, body, headers, 400)
        status, body, headers = self.c.get("/api/v1/public/dossiers/" + "X" * 80)
        self.assertProblem(status, body, headers, 400)


if __name__ == "__main__":
    unittest.main()
