"""Search answers across every queue of the reader and says where each match is: by code (any
letter case, spaces trimmed), name, ID number and phone."""
import unittest
import urllib.parse

from harness import Client, Server, act, as_staff, decide, intake, long_procedure_for

server = None
COMMUNE = "ubnd-camthanh"


def setUpModule():
    global server
    server = Server().setup().start()


def tearDownModule():
    server.stop()


class Search(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency=COMMUNE)
        cls.specialist = as_staff(server, "specialist", agency=COMMUNE)
        cls.proc = long_procedure_for(cls.desk, COMMUNE)

    def find(self, client, text, queue="all"):
        status, body, _ = client.get("/api/v1/dossiers?" + urllib.parse.urlencode({"queue": queue, "q": text}))
        self.assertEqual(status, 200, body)
        return body["items"]

    def test_the_queues_are_the_servers(self):
        status, body, _ = self.desk.get("/api/v1/queues")
        self.assertEqual(status, 200, body)
        self.assertEqual([q["id"] for q in body["items"]], ["to_receive", "supplement", "to_return", "all"])
        status, body, _ = self.specialist.get("/api/v1/queues")
        self.assertEqual([(q["id"], q["label"]) for q in body["items"]],
                         [("to_process", "Đang xử lý"), ("supplement", "Bổ sung"), ("to_consult", "Chờ cho ý kiến"),
                          ("all", "Tất cả")])

    def test_code_in_any_case_with_spaces_and_where_it_is(self):
        d = intake(self.desk, self.proc, person="051090007001", name="Đặng Thị Thu Search")
        typed = "  " + d["code"].lower() + " "
        items = self.find(self.specialist, typed)
        self.assertEqual([x["id"] for x in items], [d["id"]])
        self.assertEqual(items[0]["queues"], [{"id": "to_process", "label": "Đang xử lý"}])
        # The reception desk finds it too; for them it waits in no queue once received.
        items = self.find(self.desk, typed)
        self.assertEqual([x["id"] for x in items], [d["id"]])
        self.assertEqual(items[0]["queues"], [])

    def test_by_phone_id_number_and_name(self):
        status, d, _ = self.desk.post("/api/v1/dossiers", {
            "procedure_id": self.proc, "channel": 1, "receive": True,
            "applicant": {"kind": "citizen", "full_name": "Hồ Văn Điện Thoại", "id_number": "051090007002",
                          "phone": "0912345678", "address": "Thôn 2"}})
        self.assertEqual(status, 201, d)
        for text in ("0912345678", "051090007002", "ho van dien thoai", "Điện Thoại"):
            with self.subTest(text=text):
                self.assertEqual([x["id"] for x in self.find(self.specialist, text)], [d["id"]])
        self.assertEqual(self.find(self.specialist, "0912345679"), [])

    def test_a_returned_dossier_is_found_but_in_no_queue(self):
        d = intake(self.desk, self.proc, person="051090007003", name="Mai Văn Rút")
        status, v, _ = act(self.desk, d["id"], "withdraw")
        self.assertEqual(status, 200, v)
        items = self.find(self.desk, d["code"])
        self.assertEqual([(x["id"], x["queues"]) for x in items], [(d["id"], [])])


class PublicTracking(unittest.TestCase):
    """What the applicant reads with the code of the receipt: what to bring, when it was returned."""

    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency=COMMUNE)
        cls.specialist = as_staff(server, "specialist", agency=COMMUNE)
        cls.proc = long_procedure_for(cls.desk, COMMUNE)

    def test_lists_the_supplement_to_bring(self):
        d = intake(self.desk, self.proc, person="051090007004", name="Võ Văn Bổ")
        act(self.specialist, d["id"], "start_processing")
        items = ["Bản sao giấy chứng nhận kết hôn", "Tờ khai có chữ ký của người yêu cầu"]
        status, v, _ = act(self.specialist, d["id"], "request_supplement", items=items)
        self.assertEqual(status, 200, v)
        status, pub, _ = Client(server).get(f"/api/v1/public/dossiers/{d['code']}?k={d['tracking_key']}")
        self.assertEqual(status, 200, pub)
        self.assertEqual(pub["supplement_items"], items)
        self.assertIsNone(pub["returned_at"])
        status, page, _ = Client(server).get(f"/tra-cuu/{d['code']}?k={d['tracking_key']}")
        text = page.decode("utf-8")
        self.assertIn("Giấy tờ cần bổ sung, hoàn thiện", text)
        self.assertIn("<li>Bản sao giấy chứng nhận kết hôn</li>", text)
        status, v, _ = act(self.specialist, d["id"], "supplement_received")
        _, pub, _ = Client(server).get(f"/api/v1/public/dossiers/{d['code']}?k={d['tracking_key']}")
        self.assertEqual(pub["supplement_items"], [])  # received: nothing more to bring

    def test_shows_the_return_date(self):
        d = intake(self.desk, self.proc, person="051090007005", name="Lê Thị Trả")
        act(self.specialist, d["id"], "start_processing")
        status, v, _ = decide(server, d["id"])
        self.assertEqual(status, 200, v)
        status, v, _ = act(self.desk, d["id"], "return_result", return_method="counter", received_by="Lê Thị Trả")
        self.assertEqual(status, 200, v)
        _, pub, _ = Client(server).get(f"/api/v1/public/dossiers/{d['code']}?k={d['tracking_key']}")
        self.assertEqual(pub["returned_at"], v["returned_at"])
        status, page, _ = Client(server).get(f"/tra-cuu/{d['code']}?k={d['tracking_key']}")
        self.assertIn("Ngày trả kết quả", page.decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
