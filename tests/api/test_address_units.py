"""Applicant addresses given with a former administrative unit (before 1 July 2025): the unit
list carries the succession graph, intake maps the former unit to the current one, keeps both,
and the receipt prints the address with what the unit is now."""
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import Client, Server, applicant, as_staff, new_key, procedure_for

server = None

MANG_CANH_OLD = "c23470@old"   # Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum (until 2025-06-30)
MANG_DEN = "c23473"            # Xã Măng Đen, tỉnh Quảng Ngãi (merged from it)


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


class UnitList(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = Client(server)
        status, body, _ = cls.c.get("/api/v1/units?history=1&successors=1")
        assert status == 200, body
        cls.units = {u["id"]: u for u in body["items"]}

    def test_former_units_carry_their_successors(self):
        old = self.units[MANG_CANH_OLD]
        self.assertEqual(old["name"], "Xã Măng Cành")
        self.assertEqual(old["valid_to"], "2025-06-30")
        self.assertEqual(old["successors"], [{"to_id": MANG_DEN, "kind": "merge"}])
        self.assertEqual(self.units[MANG_DEN]["name"], "Xã Măng Đen")
        self.assertNotIn("successors", self.units[MANG_DEN])  # current units have none
        self.assertTrue(all("successors" in u for u in self.units.values() if u["valid_to"]))

    def test_a_split_unit_lists_every_successor(self):
        tra_bui = [u for u in self.units.values() if u["name"] == "Xã Trà Bùi" and u["valid_to"]]
        self.assertEqual(len(tra_bui), 1)
        succ = tra_bui[0]["successors"]
        self.assertEqual(len(succ), 2, succ)
        self.assertEqual({s["kind"] for s in succ}, {"split"})

    def test_successors_only_on_request(self):
        status, body, _ = self.c.get("/api/v1/units?history=1")
        self.assertEqual(status, 200)
        self.assertFalse(any("successors" in u for u in body["items"]))
        status, body, _ = self.c.get("/api/v1/units?level=commune&successors=1")
        self.assertEqual(status, 200)
        self.assertEqual(len(body["items"]), 96)  # current units only without history=1
        self.assertFalse(any("successors" in u for u in body["items"]))


class IntakeWithFormerUnit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency="ubnd-mangden")
        cls.proc = procedure_for(cls.desk, cls.desk.agency)
        status, body, _ = Client(server).get("/api/v1/units?history=1&successors=1")
        cls.units = {u["id"]: u for u in body["items"]}
        cls.tra_bui = next(u for u in body["items"] if u["name"] == "Xã Trà Bùi" and u["valid_to"])

    def post(self, person, **address):
        a = applicant(person)
        a["address"] = "Thôn Đắk Lanh, xã Măng Cành, huyện Kon Plông"
        a.update(address)
        return self.desk.post("/api/v1/dossiers", {"procedure_id": self.proc, "channel": 1, "receive": True,
                                                   "applicant": a}, headers={"Idempotency-Key": new_key()})

    def test_former_unit_is_mapped_and_both_are_kept(self):
        status, d, _ = self.post("051090002001", address_former_unit_id=MANG_CANH_OLD)
        self.assertEqual(status, 201, d)
        a = d["applicant"]
        self.assertEqual(a["address"], "Thôn Đắk Lanh, xã Măng Cành, huyện Kon Plông")  # as typed
        self.assertEqual(a["address_unit_id"], MANG_DEN)
        self.assertEqual(a["address_unit_name"], "Xã Măng Đen, tỉnh Quảng Ngãi")
        self.assertEqual(a["address_former_unit_id"], MANG_CANH_OLD)
        self.assertEqual(a["address_former_unit_name"], "Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum")
        status, stored, _ = self.desk.get("/api/v1/dossiers/" + d["id"])
        self.assertEqual(status, 200)
        self.assertEqual(stored["applicant"], a)

    def test_former_unit_sent_as_the_address_unit_is_mapped_too(self):
        status, d, _ = self.post("051090002002", address_unit_id=MANG_CANH_OLD)
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant"]["address_unit_id"], MANG_DEN)
        self.assertEqual(d["applicant"]["address_former_unit_id"], MANG_CANH_OLD)

    def test_current_unit_alone(self):
        status, d, _ = self.post("051090002003", address="Tổ 3", address_unit_id=MANG_DEN)
        self.assertEqual(status, 201, d)
        a = d["applicant"]
        self.assertEqual((a["address_unit_id"], a["address_former_unit_id"], a["address_former_unit_name"]),
                         (MANG_DEN, "", ""))
        self.assertEqual(a["address_unit_name"], "Xã Măng Đen, tỉnh Quảng Ngãi")

    def test_split_unit_needs_a_choice_among_its_successors(self):
        succ = [s["to_id"] for s in self.tra_bui["successors"]]
        status, body, _ = self.post("051090002004", address_former_unit_id=self.tra_bui["id"])
        self.assertEqual(status, 400, body)
        err = {e["field"]: e["detail"] for e in body["errors"]}
        self.assertIn("applicant.address_unit_id", err)
        for s in succ:
            self.assertIn(self.units[s]["name"], err["applicant.address_unit_id"])
        status, body, _ = self.post("051090002004", address_former_unit_id=self.tra_bui["id"], address_unit_id=MANG_DEN)
        self.assertEqual(status, 400, body)
        self.assertIn("không kế thừa", body["errors"][0]["detail"])
        status, d, _ = self.post("051090002004", address_former_unit_id=self.tra_bui["id"], address_unit_id=succ[1])
        self.assertEqual(status, 201, d)
        self.assertEqual(d["applicant"]["address_unit_id"], succ[1])
        self.assertTrue(d["applicant"]["address_former_unit_name"].startswith("Xã Trà Bùi, huyện Trà Bồng"))

    def test_bad_units_are_refused_with_the_field(self):
        cases = [
            ({"address_unit_id": "c99999"}, "applicant.address_unit_id"),
            ({"address_unit_id": "d613"}, "applicant.address_unit_id"),           # a (former) district
            ({"address_former_unit_id": MANG_DEN}, "applicant.address_former_unit_id"),  # not former
            ({"address_former_unit_id": "c00000@old"}, "applicant.address_former_unit_id"),
            ({"address_unit_id": MANG_CANH_OLD, "address_former_unit_id": MANG_CANH_OLD}, "applicant.address_unit_id"),
        ]
        for fields, field in cases:
            with self.subTest(fields=fields):
                status, body, _ = self.post("051090002005", **fields)
                self.assertEqual(status, 400, body)
                self.assertEqual(body["errors"][0]["field"], field, body)

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_receipt_prints_the_address_with_the_current_unit(self):
        status, d, _ = self.post("051090002006", address="Thôn Đắk Lanh", address_former_unit_id=MANG_CANH_OLD)
        self.assertEqual(status, 201, d)
        status, pdf, _ = self.desk.get(f"/api/v1/dossiers/{d['id']}/forms/01.pdf")
        self.assertEqual(status, 200)
        self.assertIn("Thôn Đắk Lanh, Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum (nay là Xã Măng Đen, tỉnh Quảng Ngãi)",
                      pdf_text(pdf))


if __name__ == "__main__":
    unittest.main()
