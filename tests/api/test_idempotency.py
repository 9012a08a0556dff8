"""Idempotency-Key on the creating endpoints (administration, documents): a repeat of the same
request with the same key answers as the first did and creates nothing more; the same key with
another request is 409 idempotency_mismatch; a key over 200 bytes is 400. Keys are per user.
(Intake: test_bad_input.py; consultations: test_consultations.py.)"""
import threading
import unittest
import urllib.parse

from harness import Client, Server, as_staff, intake, logged_in, long_procedure_for, new_key

server = None
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_seq = [0]


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def login(username):
    return logged_in(server, username)


def seq():
    _seq[0] += 1
    return _seq[0]


class Idempotency(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.province = login("quantritinh.tinh")
        cls.unit_admin = login("quantri.camthanh")  # unit_admin at ubnd-camthanh

    def check(self, send, first, other, count):
        """send(body, key) -> (status, body, headers); count() -> objects the endpoint creates."""
        before = count()
        key = new_key()
        status, created, _ = send(first, key)
        self.assertEqual(status, 201, created)
        self.assertEqual(count(), before + 1)
        status, again, _ = send(first, key)
        self.assertEqual(status, 201, again)
        self.assertEqual(again, created)
        self.assertEqual(count(), before + 1)
        status, body, headers = send(other, key)
        self.assertEqual(status, 409, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"), headers)
        self.assertEqual(body["type"], "https://motcua.vn/problems/idempotency_mismatch", body)
        self.assertEqual(body["detail"], "Khoá Idempotency-Key đã dùng cho một yêu cầu khác.")
        status, body, _ = send(other, "k" * 201)
        self.assertEqual(status, 400, body)
        self.assertIn("Idempotency-Key tối đa 200 ký tự", body["detail"])
        self.assertEqual(count(), before + 1)
        return created

    def poster(self, client, path):
        return lambda body, key: client.post(path, body, headers={"Idempotency-Key": key})

    def staff_count(self):
        status, body, _ = self.unit_admin.get("/api/v1/admin/staff")
        self.assertEqual(status, 200, body)
        return len(body["items"])

    def new_staff(self, username=None):
        return {"username": username or f"idem{seq()}.thu", "full_name": "Trần Thử Lặp", "password": "matkhau2026moi",
                "grants": [{"agency_id": "ubnd-camthanh", "role": "reception", "from": "2025-07-01"}]}

    def test_create_staff(self):
        first = self.new_staff()
        created = self.check(self.poster(self.unit_admin, "/api/v1/admin/staff"), first,
                             dict(first, full_name="Trần Thử Khác"), self.staff_count)
        self.assertEqual(created["username"], first["username"])
        # Keys are per user: the province admin's same key is a request of its own.
        key = new_key()
        self.assertEqual(self.poster(self.unit_admin, "/api/v1/admin/staff")(self.new_staff(), key)[0], 201)
        self.assertEqual(self.poster(self.province, "/api/v1/admin/staff")(self.new_staff(), key)[0], 201)

    def grant_counter(self, staff_id):
        def count():
            _, body, _ = self.unit_admin.get("/api/v1/admin/staff?agency=ubnd-camthanh")
            return len(next(s for s in body["items"] if s["id"] == staff_id)["grants"])
        return count

    def test_add_grant(self):
        _, st, _ = self.unit_admin.post("/api/v1/admin/staff", self.new_staff())
        path = f"/api/v1/admin/staff/{st['id']}/grants"
        first = {"agency_id": "ubnd-camthanh", "role": "specialist", "from": "2025-07-01"}
        self.check(self.poster(self.unit_admin, path), first, dict(first, role="head"), self.grant_counter(st["id"]))
        # The same key on another member's grants is another request.
        _, other, _ = self.unit_admin.post("/api/v1/admin/staff", self.new_staff())
        key = new_key()
        self.assertEqual(self.poster(self.unit_admin, path)(dict(first, role="clerk"), key)[0], 201)
        status, body, _ = self.poster(self.unit_admin, f"/api/v1/admin/staff/{other['id']}/grants")(
            dict(first, role="clerk"), key)
        self.assertEqual(status, 409, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/idempotency_mismatch")

    def test_concurrent_grant_retries_add_one_grant(self):
        _, st, _ = self.unit_admin.post("/api/v1/admin/staff", self.new_staff())
        path = f"/api/v1/admin/staff/{st['id']}/grants"
        body = {"agency_id": "ubnd-camthanh", "role": "clerk", "from": "2025-07-01"}
        key, clients = new_key(), [login("quantri.camthanh") for _ in range(4)]
        results, start = [], threading.Barrier(len(clients))

        def send(c):
            start.wait()
            results.append(self.poster(c, path)(body, key)[0])

        threads = [threading.Thread(target=send, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # SQLite's single writer makes every retry a replay; on PostgreSQL a retry racing the
        # first may lose on the key's primary key instead (409), never add a second grant.
        self.assertIn(201, results)
        self.assertTrue(set(results) <= {201, 409}, results)
        self.assertEqual(self.grant_counter(st["id"])(), 2)

    def test_new_procedure_version(self):
        _, body, _ = self.province.get("/api/v1/procedures?agency=ubnd-camthanh")
        base = next(p for p in body["items"] if p["time_limit"]["unit"] == "working_days" and
                    p["time_limit"]["amount"] >= 3)
        path = f"/api/v1/admin/procedures/{base['id']}/versions"
        first = {"effective_from": "2026-12-01", "time_limit": {"amount": 3, "unit": "working_days"},
                 "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 2},
                             {"name": "Thẩm định", "role": "specialist", "agency": "competent", "hours": 8}]}

        def count():
            status, vs, _ = self.province.get(path)
            self.assertEqual(status, 200, vs)
            return len(vs["items"])

        created = self.check(self.poster(self.province, path), first, dict(first, effective_from="2026-12-02"), count)
        self.assertEqual(created["version"], base["version"] + 1)

    def unit_count(self):
        status, body, _ = Client(server).get("/api/v1/units?history=1")
        self.assertEqual(status, 200, body)
        return len(body["items"])

    def new_unit(self, code, name):
        return {"code": code, "name": name, "level": "commune", "type": "xã", "parent_id": "u51",
                "valid_from": "2025-07-01"}

    def test_create_unit(self):
        first = self.new_unit("29801", "Xã Thử Lặp")
        created = self.check(self.poster(self.province, "/api/v1/admin/units"), first,
                             dict(first, name="Xã Thử Khác"), self.unit_count)
        self.assertEqual(created["id"], "c29801")

    def test_record_succession(self):
        post = self.poster(self.province, "/api/v1/admin/units")
        a = post(self.new_unit("29811", "Xã Thử Cũ"), new_key())[1]
        b = post(dict(self.new_unit("29812", "Xã Thử Mới"), valid_from="2026-01-01"), new_key())[1]
        first = {"from": [a["id"]], "to": [b["id"]], "kind": "rename", "date": "2026-01-01",
                 "legal_basis": "Nghị quyết 98/NQ-UBTVQH15 (thử nghiệm)"}

        def count():
            _, succ, _ = Client(server).get(f"/api/v1/units/{a['id']}/successors")
            return len(succ["items"])

        created = self.check(self.poster(self.province, "/api/v1/admin/unit-successions"), first,
                             dict(first, legal_basis="Nghị quyết khác"), count)
        self.assertEqual([(s["from_id"], s["to_id"]) for s in created["items"]], [(a["id"], b["id"])])
        self.assertEqual([u["valid_to"] for u in created["units"]], ["2025-12-31", None])

    def test_upload_document(self):
        desk = as_staff(server, "reception", "commune_committee")
        d = intake(desk, long_procedure_for(desk, desk.agency), receive=False)

        def send(name, key):
            q = urllib.parse.urlencode({"name": name, "component": "Tờ khai"})
            return desk.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=PDF,
                                headers={"Content-Type": "application/pdf", "Idempotency-Key": key})

        def count():
            _, v, _ = desk.get("/api/v1/dossiers/" + d["id"])
            return len(v["documents"])

        # Same bytes under another name is another request.
        created = self.check(send, "Tờ khai.pdf", "Tờ khai khác.pdf", count)
        self.assertEqual(created["file_name"], "Tờ khai.pdf")


if __name__ == "__main__":
    unittest.main()
