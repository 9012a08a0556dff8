"""Drafts expire after MOTCUA_DRAFT_TTL_S untouched, with a warning (expiry_warning) in the last
MOTCUA_DRAFT_WARN_S; a save moves the expiry; an expired draft is gone for every use case
(lazy expiry) and is purged, with its partial upload, when its owner lists drafts."""
import os
import time
import unittest

from harness import Client, Server

server = None
TTL, WARN = 4, 2
PDF = b"%PDF-1.4\n" + b"y" * 491


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_DRAFT_TTL_S"] = str(TTL)
    server.env["MOTCUA_DRAFT_WARN_S"] = str(WARN)
    server.setup().start()


def tearDownModule():
    server.stop()


def citizen():
    c = Client(server)
    c.login_citizen("051190001234", "Lê Thị Hoa")
    return c


def parts():
    root = os.path.join(server.dir, "files", ".drafts")
    return os.listdir(root) if os.path.isdir(root) else []


class Expiry(unittest.TestCase):
    def test_warned_then_expired_and_a_save_moves_the_expiry(self):
        c = citizen()
        status, d, _ = c.post("/api/v1/drafts", {"procedure_id": "1.001193@v1"})
        self.assertEqual(status, 201, d)
        self.assertFalse(d["expiry_warning"])
        status, kept, _ = c.post("/api/v1/drafts", {"procedure_id": "1.001193@v1"})
        status, up, _ = c.post("/api/v1/drafts/%s/uploads" % d["id"],
                               {"component": "Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)",
                                "file_name": "a.pdf", "size": 500})
        self.assertEqual(status, 201, up)
        status, got, _ = c.request("PUT", "/api/v1/drafts/%s/uploads/%s" % (d["id"], up["id"]), raw=PDF[:100],
                                   headers={"Content-Range": "bytes 0-99/500"})
        self.assertEqual((status, got["received"]), (200, 100), got)
        self.assertEqual(len(parts()), 1)
        time.sleep(TTL - WARN + 0.5)
        status, warned, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual(status, 200, warned)
        self.assertTrue(warned["expiry_warning"])
        # Saving the other draft moves its expiry out of the warning window.
        status, saved, _ = c.request("PUT", "/api/v1/drafts/" + kept["id"], body={"data": {}},
                                     headers={"If-Match": '"1"'})
        self.assertEqual(status, 200, saved)
        self.assertFalse(saved["expiry_warning"])
        time.sleep(WARN + 0.5)
        status, gone, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((status, gone["type"]), (404, "https://motcua.vn/problems/draft_expired"))
        status, gone, _ = c.post("/api/v1/drafts/%s/submit" % d["id"])
        self.assertEqual(status, 404, gone)
        status, listed, _ = c.get("/api/v1/drafts")
        self.assertEqual([x["id"] for x in listed["items"]], [kept["id"]])
        self.assertEqual(parts(), [])  # the expired draft's partial upload is purged with it
        status, gone, _ = c.get("/api/v1/drafts/" + d["id"])
        self.assertEqual((status, gone["type"]), (404, "https://motcua.vn/problems/draft_not_found"))


if __name__ == "__main__":
    unittest.main()
