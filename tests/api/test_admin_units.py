"""Administration of administrative units: create, correct or end a unit, record a succession
(merge, split, rename); validation, conflicts (reused codes, cycles, self-links), province admins
only, one audit record per change, and intake maps addresses through the new graph at once."""
import json
import os
import sqlite3
import subprocess
import threading
import unicodedata
import unittest

from harness import Client, Server, applicant, as_staff, logged_in, new_key, procedure_for

server = None

PROVINCE = "u51"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def login(username):
    return logged_in(server, username)


def audit_rows(action):
    """(actor, object, detail) of every audit record with `action`, oldest first, read from the store.
    The log is several chains (migration 010), each ordered by its seq: across chains, by time."""
    q = f"SELECT actor, object, detail FROM audit_log WHERE action = '{action}' ORDER BY at, chain, seq"
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\x1f", "-c", q],
                             check=True, capture_output=True, text=True).stdout
        rows = [line.split("\x1f") for line in out.splitlines() if line]
    else:
        db = sqlite3.connect(server.db[len("sqlite:"):])
        try:
            rows = db.execute(q).fetchall()
        finally:
            db.close()
    return [(a, o, json.loads(d)) for a, o, d in rows]


def units(client=None, query="?history=1&successors=1"):
    status, body, _ = (client or Client(server)).get("/api/v1/units" + query)
    assert status == 200, body
    return {u["id"]: u for u in body["items"]}


def fields(body):
    return {e["field"] for e in body.get("errors", [])}


class Units(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = login("quantritinh.tinh")

    def create(self, code, name, expect=201, **extra):
        body = {"code": code, "name": name, "level": "commune", "type": name.split(" ")[0].lower(),
                "parent_id": PROVINCE, "valid_from": "2025-07-01"}
        body.update(extra)
        status, res, _ = self.admin.post("/api/v1/admin/units", body)
        self.assertEqual(status, expect, res)
        return res

    def put(self, unit_id, body, client=None):
        return (client or self.admin).request("PUT", "/api/v1/admin/units/" + unit_id, body=body)

    def succeed(self, body, expect=201, client=None):
        status, res, _ = (client or self.admin).post("/api/v1/admin/unit-successions", body)
        self.assertEqual(status, expect, res)
        return res

    def test_create_and_edit(self):
        u = self.create("29001", "Phường Thử Nghiệm")
        self.assertEqual(u["id"], "c29001")
        self.assertEqual((u["code"], u["level"], u["type"], u["parent_id"], u["valid_from"], u["valid_to"]),
                         ("29001", "commune", "phường", PROVINCE, "2025-07-01", None))
        self.assertIn("c29001", units(query="?level=commune"))  # listed at once
        created = [r for r in audit_rows("unit.create") if r[1] == "unit:c29001"]
        self.assertEqual(len(created), 1)
        self.assertEqual(created[0][0], "staff:quantritinh.tinh")
        self.assertEqual(created[0][2]["name"], "Phường Thử Nghiệm")

        # A correction of the name (NFC on input), then an end date.
        status, res, _ = self.put("c29001", {"name": unicodedata.normalize("NFD", "Phường Thử Nghiệm Mới")})
        self.assertEqual(status, 200, res)
        self.assertEqual(res["name"], "Phường Thử Nghiệm Mới")
        status, res, _ = self.put("c29001", {"name": "Phường Thử Nghiệm Mới", "valid_to": "2026-06-30"})
        self.assertEqual(status, 200, res)
        self.assertEqual(res["valid_to"], "2026-06-30")
        self.assertNotIn("c29001", units(query="?level=commune"))
        self.assertEqual(units()["c29001"]["valid_to"], "2026-06-30")
        upd = [r for r in audit_rows("unit.update") if r[1] == "unit:c29001"]
        self.assertEqual(len(upd), 2)
        self.assertEqual(upd[1][2]["before"], {"name": "Phường Thử Nghiệm Mới", "valid_to": None})
        self.assertEqual(upd[1][2]["after"], {"name": "Phường Thử Nghiệm Mới", "valid_to": "2026-06-30"})

        # The code is free again after that day: a new unit reuses it under a dated id.
        self.create("29001", "Phường Thử Nghiệm", expect=409, valid_from="2026-06-30")
        again = self.create("29001", "Phường Thử Nghiệm Hai", valid_from="2026-07-01")
        self.assertEqual(again["id"], "c29001@2026-07-01")
        # Re-opening the old one would give the code to two units at once.
        status, res, _ = self.put("c29001", {"name": "Phường Thử Nghiệm Mới", "valid_to": None})
        self.assertEqual(status, 409, res)
        self.assertIn("valid_to", fields(res))

    def test_merge_maps_old_addresses_at_once(self):
        a = self.create("29101", "Xã Thử Một")
        b = self.create("29102", "Xã Thử Hai")
        c = self.create("29103", "Xã Thử Ba Hợp Nhất", valid_from="2026-01-01")
        res = self.succeed({"from": [a["id"], b["id"]], "to": [c["id"]], "date": "2026-01-01",
                            "legal_basis": "Nghị quyết 99/NQ-UBTVQH15 (thử nghiệm)"})
        self.assertEqual([(s["from_id"], s["to_id"], s["kind"]) for s in res["items"]],
                         [(a["id"], c["id"], "merge"), (b["id"], c["id"], "merge")])
        ended = {u["id"]: u["valid_to"] for u in res["units"]}
        self.assertEqual(ended[a["id"]], "2025-12-31")
        self.assertEqual(ended[b["id"]], "2025-12-31")
        self.assertIsNone(ended[c["id"]])
        all_units = units()
        self.assertEqual(all_units[a["id"]]["successors"], [{"to_id": c["id"], "kind": "merge"}])
        self.assertNotIn(a["id"], units(query="?level=commune"))
        status, succ, _ = Client(server).get(f"/api/v1/units/{b['id']}/successors")
        self.assertEqual(succ["items"][0]["legal_basis"], "Nghị quyết 99/NQ-UBTVQH15 (thử nghiệm)")
        rec = [r for r in audit_rows("unit.succession") if c["id"] in r[1]]
        self.assertEqual(len(rec), 1)
        self.assertEqual(rec[0][0], "staff:quantritinh.tinh")
        self.assertEqual(rec[0][2]["from"], [a["id"], b["id"]])
        self.assertEqual(rec[0][2]["ended"], [a["id"], b["id"]])
        self.assertEqual(rec[0][2]["kind"], "merge")

        # Intake in this process maps the old unit through the new edge without waiting.
        desk = as_staff(server, "reception", agency="ubnd-camthanh")
        app = applicant("051090007001")
        app["address_former_unit_id"] = a["id"]
        status, d, _ = desk.post("/api/v1/dossiers", {"procedure_id": procedure_for(desk, desk.agency), "channel": 1,
                                                      "receive": True, "applicant": app},
                                 headers={"Idempotency-Key": new_key()})
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant"]["address_unit_id"], c["id"])
        self.assertEqual(d["applicant"]["address_former_unit_name"], "Xã Thử Một, tỉnh Quảng Ngãi")

        # The same edge again → 409; the old unit's end date is now tied to the succession.
        res = self.succeed({"from": [a["id"]], "to": [c["id"]], "kind": "merge", "date": "2026-01-01",
                            "legal_basis": "NQ"}, expect=409)
        self.assertTrue(res["type"].endswith("/duplicate"), res)
        status, res, _ = self.put(a["id"], {"name": "Xã Thử Một", "valid_to": None})
        self.assertEqual(status, 409, res)
        status, res, _ = self.put(a["id"], {"name": "Xã Thử Một (sửa chính tả)", "valid_to": "2025-12-31"})
        self.assertEqual(status, 200, res)
        status, res, _ = self.put(c["id"], {"name": c["name"], "valid_to": "2025-12-31"})
        self.assertEqual(status, 400, res)  # before its own start
        status, res, _ = self.put(c["id"], {"name": c["name"], "valid_to": "2026-01-01"})
        self.assertEqual(status, 200, res)
        status, res, _ = self.put(c["id"], {"name": c["name"], "valid_to": None})
        self.assertEqual(status, 200, res)

    def test_split_and_rename(self):
        d = self.create("29201", "Xã Thử Chia")
        e = self.create("29202", "Xã Thử Chia Đông", valid_from="2026-02-01")
        f = self.create("29203", "Phường Thử Chia Tây", valid_from="2026-02-01")
        res = self.succeed({"from": [d["id"]], "to": [e["id"], f["id"]], "date": "2026-02-01",
                            "legal_basis": "Nghị quyết 98/NQ-UBTVQH15"})
        self.assertEqual({s["kind"] for s in res["items"]}, {"split"})
        succ = units()[d["id"]]["successors"]
        self.assertEqual(sorted(s["to_id"] for s in succ), sorted([e["id"], f["id"]]))
        g = self.create("29204", "Xã Thử Tên Cũ")
        h = self.create("29205", "Phường Thử Tên Mới", valid_from="2026-03-01")
        res = self.succeed({"from": [g["id"]], "to": [h["id"]], "date": "2026-03-01", "legal_basis": "NQ 97"})
        self.assertEqual(res["items"][0]["kind"], "rename")

    def intake_with(self, **address):
        desk = as_staff(server, "reception", agency="ubnd-camthanh")
        app = applicant("051090007%03d" % (len(address) + sum(map(len, address.values()))))
        app.update(address)
        return desk.post("/api/v1/dossiers", {"procedure_id": procedure_for(desk, desk.agency), "channel": 1,
                                              "receive": True, "applicant": app},
                         headers={"Idempotency-Key": new_key()})

    def test_future_succession_hides_nothing_before_its_date(self):
        # A renaming decided now, effective on 1/1/2099: recorded today, the old unit stays a
        # current unit (listed, chosen and mapped as such) until 31/12/2098.
        a = self.create("29701", "Xã Tương Lai Một")
        b = self.create("29702", "Xã Tương Lai Hai", valid_from="2099-01-01")
        res = self.succeed({"from": [a["id"]], "to": [b["id"]], "date": "2099-01-01", "legal_basis": "NQ 99"})
        self.assertEqual({u["id"]: u["valid_to"] for u in res["units"]}, {a["id"]: "2098-12-31", b["id"]: None})
        today = units(query="?level=commune")
        self.assertIn(a["id"], today)  # still in force today
        self.assertNotIn(b["id"], today)  # not yet
        self.assertEqual(today[a["id"]]["valid_to"], "2098-12-31")
        # Not "former" until its end: the web says «(cũ)» from this flag, not from valid_to.
        self.assertIs(today[a["id"]]["former"], False)
        every_commune = units(query="?level=commune&history=1")
        self.assertIs(next(u for u in every_commune.values() if u["valid_to"] and u["valid_to"] < "2025-12-31")["former"], True)
        every = units()
        self.assertIn(b["id"], every)
        self.assertEqual(every[a["id"]]["successors"], [{"to_id": b["id"], "kind": "rename"}])
        # Intake takes the old unit as today's address unit, not as a former one…
        status, d, _ = self.intake_with(address_unit_id=a["id"])
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant"]["address_unit_id"], a["id"])
        self.assertEqual(d["applicant"]["address_former_unit_id"], "")
        status, res, _ = self.intake_with(address_former_unit_id=a["id"])
        self.assertEqual(status, 400, res)
        self.assertIn("là đơn vị hiện nay", res["detail"] + json.dumps(res.get("errors", []), ensure_ascii=False))
        # …and does not offer the successor before its first day.
        status, res, _ = self.intake_with(address_unit_id=b["id"])
        self.assertEqual(status, 400, res)
        # A unit may also simply end on a future day: listed until then.
        c = self.create("29703", "Xã Tương Lai Ba")
        status, res, _ = self.put(c["id"], {"name": c["name"], "valid_to": "2099-06-30"})
        self.assertEqual(status, 200, res)
        self.assertIn(c["id"], units(query="?level=commune"))
        status, res, _ = self.put(a["id"], {"name": a["name"], "valid_to": "2099-06-30"})
        self.assertEqual(status, 409, res)  # tied to its succession's date
        self.assertIn("valid_to", fields(res))

    def test_no_orphaned_agency_unless_carried_over(self):
        # Phường Cẩm Thành is served by UBND phường Cẩm Thành, still in operation: the unit
        # cannot end, nor be merged away, while that agency is attached to it…
        b = self.create("29711", "Phường Kế Thừa Cẩm Thành", valid_from="2099-01-01")
        status, res, _ = self.put("c21025", {"name": "Phường Cẩm Thành", "valid_to": "2026-06-30"})
        self.assertEqual(status, 409, res)
        self.assertTrue(res["type"].endswith("/agency_attached"), res)
        self.assertIn("valid_to", fields(res))
        self.assertIn("Ủy ban nhân dân phường Cẩm Thành", res["detail"])
        self.assertIn("carry_agencies_to", res["detail"])
        res = self.succeed({"from": ["c21025"], "to": [b["id"]], "date": "2099-01-01", "legal_basis": "NQ 98"},
                           expect=409)
        self.assertTrue(res["type"].endswith("/agency_attached"), res)
        self.assertIn("from[0]", fields(res))
        self.assertIsNone(units()["c21025"]["valid_to"])
        self.assertEqual(self.agency("ubnd-camthanh")["unit_id"], "c21025")

        # …unless the province administrator carries the agencies over to the successor: then
        # they move in the same transaction, each audited.
        lyson_new = self.create("29712", "Đặc khu Lý Sơn Mới", valid_from="2099-01-01", type="đặc khu")
        res = self.succeed({"from": [b["id"]], "to": [lyson_new["id"]], "date": "2099-01-01", "legal_basis": "NQ",
                            "carry_agencies_to": "c21025"}, expect=400)
        self.assertIn("carry_agencies_to", fields(res))  # not one of `to`
        res = self.succeed({"from": ["c21548"], "to": [lyson_new["id"]], "date": "2099-01-01",
                            "legal_basis": "NQ 100 (thử nghiệm)", "carry_agencies_to": lyson_new["id"]})
        self.assertEqual(self.agency("ubnd-lyson")["unit_id"], lyson_new["id"])
        moved = [r for r in audit_rows("agency.unit_carried") if r[1] == "agency:ubnd-lyson"]
        self.assertEqual(len(moved), 1)
        self.assertEqual(moved[0][0], "staff:quantritinh.tinh")
        self.assertEqual((moved[0][2]["from_unit"], moved[0][2]["to_unit"]), ("c21548", lyson_new["id"]))
        rec = [r for r in audit_rows("unit.succession") if lyson_new["id"] in r[1]]
        self.assertEqual(rec[0][2]["carried_agencies"], ["ubnd-lyson"])
        self.assertIn("c21548", units(query="?level=commune"))  # in force until 31/12/2098

        # Ending a unit: the target must be another unit of the level in force the day after.
        status, res, _ = self.put("c21235", {"name": "Xã Tư Nghĩa", "valid_to": "2026-06-30",
                                             "carry_agencies_to": "c21235"})
        self.assertEqual(status, 400, res)
        self.assertIn("carry_agencies_to", fields(res))
        status, res, _ = self.put("c21235", {"name": "Xã Tư Nghĩa", "valid_to": "2026-06-30",
                                             "carry_agencies_to": "u51"})
        self.assertEqual(status, 400, res)  # another level
        status, res, _ = self.put("c21235", {"name": "Xã Tư Nghĩa", "carry_agencies_to": "c21040"})
        self.assertEqual(status, 400, res)  # nothing ends
        status, res, _ = self.put("c21235", {"name": "Xã Tư Nghĩa", "valid_to": "2098-06-30",
                                             "carry_agencies_to": b["id"]})
        self.assertEqual(status, 409, res)  # b starts on 1/1/2099
        self.assertIn("carry_agencies_to", fields(res))
        self.assertEqual(self.agency("ubnd-tunghia")["unit_id"], "c21235")
        status, res, _ = self.put("c21235", {"name": "Xã Tư Nghĩa", "valid_to": "2098-12-31",
                                             "carry_agencies_to": b["id"]})
        self.assertEqual(status, 200, res)
        self.assertEqual(res["valid_to"], "2098-12-31")
        self.assertEqual(self.agency("ubnd-tunghia")["unit_id"], b["id"])
        upd = [r for r in audit_rows("unit.update") if r[1] == "unit:c21235"]
        self.assertEqual(upd[-1][2]["carried_agencies"], ["ubnd-tunghia"])

    def agency(self, agency_id):
        status, body, _ = Client(server).get("/api/v1/agencies")
        self.assertEqual(status, 200, body)
        return next(a for a in body["items"] if a["id"] == agency_id)

    def test_cycles_self_links_and_dates(self):
        p = self.create("29301", "Xã Thử Vòng Một")
        q = self.create("29302", "Xã Thử Vòng Hai")
        self.succeed({"from": [p["id"]], "to": [q["id"]], "date": "2026-03-01", "legal_basis": "NQ 1"})
        # q → p on an earlier day passes every date check but would close p → q → p.
        res = self.succeed({"from": [q["id"]], "to": [p["id"]], "date": "2026-02-01", "legal_basis": "NQ 2"},
                           expect=409)
        self.assertTrue(res["type"].endswith("/cycle"), res)
        # q took over from p on 2026-03-01: it cannot end before that day.
        status, res, _ = self.put(q["id"], {"name": q["name"], "valid_to": "2026-02-15"})
        self.assertEqual(status, 409, res)
        self.assertIn("valid_to", fields(res))
        res = self.succeed({"from": [q["id"]], "to": [q["id"]], "date": "2026-04-01", "legal_basis": "NQ 3"},
                           expect=409)
        self.assertTrue(res["type"].endswith("/self_link"), res)
        # p ended on 2026-02-28: another succession from it must start on 2026-03-01.
        r = self.create("29303", "Xã Thử Vòng Ba")
        res = self.succeed({"from": [p["id"]], "to": [r["id"]], "date": "2026-05-01", "legal_basis": "NQ 4"},
                           expect=409)
        self.assertIn("from[0]", fields(res))
        # The new unit must be in force on the day.
        s = self.create("29304", "Xã Thử Vòng Bốn", valid_from="2026-09-01")
        res = self.succeed({"from": [r["id"]], "to": [s["id"]], "date": "2026-08-01", "legal_basis": "NQ 5"},
                           expect=409)
        self.assertIn("to[0]", fields(res))
        # An old unit must exist before the day.
        res = self.succeed({"from": [s["id"]], "to": [r["id"]], "date": "2026-09-01", "legal_basis": "NQ 6"},
                           expect=409)
        self.assertIn("from[0]", fields(res))
        # Nothing of the refused ones was written.
        self.assertEqual(units()[q["id"]]["valid_to"], None)
        # A unit whose communes are still in force cannot be succeeded before them.
        prov = self.create("98", "Tỉnh Thử Nghiệm", level="province", type="tỉnh", parent_id=None)
        self.create("29305", "Xã Thử Trực Thuộc", parent_id=prov["id"])
        prov2 = self.create("97", "Tỉnh Thử Mới", level="province", type="tỉnh", parent_id=None,
                            valid_from="2026-01-01")
        res = self.succeed({"from": [prov["id"]], "to": [prov2["id"]], "date": "2026-01-01", "legal_basis": "NQ 7"},
                           expect=409)
        self.assertIn("from[0]", fields(res))
        self.assertIn("Xã Thử Trực Thuộc", res["detail"])

    def test_bad_input(self):
        status, res, _ = self.admin.post("/api/v1/admin/units", {
            "code": "2901", "name": "", "level": "commune", "type": "huyện", "valid_from": "2026-02-30"})
        self.assertEqual(status, 400, res)
        self.assertEqual(fields(res), {"code", "name", "type", "valid_from", "parent_id"})
        self.assertTrue(all(e["detail"] for e in res["errors"]))
        cases = [
            ({"level": "village"}, "level"),
            ({"code": "51", "level": "province", "type": "tỉnh", "parent_id": PROVINCE}, "parent_id"),
            ({"parent_id": "c99999"}, "parent_id"),                     # unknown parent
            ({"parent_id": "c21025"}, "parent_id"),                     # a commune under a commune
            ({"parent_id": "u62"}, "parent_id"),                        # Kon Tum ended 2025-06-30
            ({"wizard": 1}, "wizard"),                                  # unknown field
        ]
        for extra, field in cases:
            with self.subTest(extra=extra):
                body = {"code": "29401", "name": "Xã Thử Lỗi", "level": "commune", "type": "xã",
                        "parent_id": PROVINCE, "valid_from": "2025-07-01"}
                body.update(extra)
                status, res, _ = self.admin.post("/api/v1/admin/units", body)
                self.assertEqual(status, 400, res)
                self.assertIn(field, fields(res))
        # A code in use → 409 on the code.
        status, res, _ = self.admin.post("/api/v1/admin/units", {
            "code": "21025", "name": "Phường Trùng Mã", "level": "commune", "type": "phường",
            "parent_id": PROVINCE, "valid_from": "2026-01-01"})
        self.assertEqual(status, 409, res)
        self.assertIn("code", fields(res))
        self.assertIn("Phường Cẩm Thành", res["detail"])
        # Edits: empty name, bad date, unknown unit, end before the start.
        self.assertEqual(self.put("c21025", {"name": ""})[0], 400)
        self.assertEqual(self.put("c21025", {"name": "X", "valid_to": "31/12/2026"})[0], 400)
        status, res, _ = self.put("c00000", {"name": "Không có"})
        self.assertEqual(status, 404, res)
        self.assertEqual(self.put("c21025", {"name": "Phường Cẩm Thành", "valid_to": "2025-01-01"})[0], 400)
        # The province cannot end while its communes are in force.
        status, res, _ = self.put(PROVINCE, {"name": "Tỉnh Quảng Ngãi", "valid_to": "2026-06-30"})
        self.assertEqual(status, 409, res)
        # Successions: shapes, dates, basis, unknown units, repeated ids.
        bad = [
            ({"from": [], "to": ["c21025"]}, "from"),
            ({"from": ["c21025@old"], "to": []}, "to"),
            ({"from": ["c21025@old", "c21028@old"], "to": ["c21025", "c21028"]}, "to"),
            ({"from": ["c21025@old"], "to": ["c21025", "c21028"], "kind": "merge"}, "to"),
            ({"from": ["c21025@old"], "to": ["c21025"], "kind": "absorb"}, "kind"),
            ({"date": "2026-13-01"}, "date"),
            ({"legal_basis": ""}, "legal_basis"),
            ({"from": ["c21025@old", "c21025@old"]}, "from[1]"),
            ({"from": ["c99999"]}, "from[0]"),
            ({"to": ["c99999"]}, "to[0]"),
        ]
        for extra, field in bad:
            with self.subTest(extra=extra):
                body = {"from": ["c21034"], "to": ["c21025"], "date": "2026-06-01", "legal_basis": "NQ"}
                body.update(extra)
                res = self.succeed(body, expect=400)
                self.assertIn(field, fields(res))
        self.assertIsNone(units()["c21034"]["valid_to"])  # none of them ended a unit


class Concurrency(unittest.TestCase):
    def test_one_code_one_unit_under_concurrent_creates(self):
        admins = [login("quantritinh.tinh") for _ in range(6)]
        statuses = []

        def create(c):
            status, _, _ = c.post("/api/v1/admin/units", {
                "code": "29601", "name": "Xã Thử Đồng Thời", "level": "commune", "type": "xã",
                "parent_id": PROVINCE, "valid_from": "2025-07-01"})
            statuses.append(status)

        threads = [threading.Thread(target=create, args=(c,)) for c in admins]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(statuses), [201] + [409] * 5)
        self.assertEqual([u["id"] for u in units().values() if u["code"] == "29601"], ["c29601"])


class Authorisation(unittest.TestCase):
    def test_only_the_province_admin(self):
        create = {"code": "29501", "name": "Xã Thử Quyền", "level": "commune", "type": "xã", "parent_id": PROVINCE,
                  "valid_from": "2025-07-01"}
        edit = {"name": "Phường Cẩm Thành"}
        succ = {"from": ["c21034"], "to": ["c21025"], "date": "2026-06-01", "legal_basis": "NQ"}
        for username in ("quantri.camthanh", "tiepnhan.camthanh", "giamsat.tinh"):
            with self.subTest(user=username):
                c = login(username)
                self.assertEqual(c.post("/api/v1/admin/units", create)[0], 403)
                self.assertEqual(c.request("PUT", "/api/v1/admin/units/c21025", body=edit)[0], 403)
                self.assertEqual(c.post("/api/v1/admin/unit-successions", succ)[0], 403)
        # Not logged in → 401; without the CSRF token → 403.
        self.assertEqual(Client(server).post("/api/v1/admin/units", create)[0], 401)
        admin = login("quantritinh.tinh")
        admin.csrf = None
        self.assertEqual(admin.post("/api/v1/admin/units", create)[0], 403)
        self.assertNotIn("c29501", units())
        # The province admin may.
        self.assertEqual(login("quantritinh.tinh").post("/api/v1/admin/units", create)[0], 201)


class ZAudit(unittest.TestCase):
    def test_audit_chain_intact(self):
        out = server.run("audit-verify")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)


if __name__ == "__main__":
    unittest.main()
