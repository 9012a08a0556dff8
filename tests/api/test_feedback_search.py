"""Published-answer search by full text (issue 16, migration 028), on either store: SQLite FTS5
(`feedback_search`, kept by triggers) or PostgreSQL tsvector (`public_search`, a generated
column), each changed in the transaction that publishes.

- a published answer is found by its words without diacritics, in any order, the last word also
  by its start;
- the sender's name and phone number, removed from the published text, are not in the index:
  searching for them finds nothing, and the index itself holds no such word;
- an unpublished case (answered but not published, or private) is not indexed at all;
- re-publishing after a reopening replaces the indexed text: the old answer's words no longer
  find the case, the new ones do;
- pages come newest first and the cursor continues where the page ended;
- a rare word behind more than 2,000 newer published cases (on PostgreSQL: past the newest
  cases the search looks at first, then through the GIN index) is found, paged the same way,
  and a word in every one of them gives the newest page.
"""
import os
import sqlite3
import subprocess
import unittest
import urllib.parse
import uuid

from harness import Client, Server, logged_in, new_key

server = None


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_FILINGS_PER_MINUTE_PER_ADDRESS"] = "1000"
    server.setup().start()


def tearDownModule():
    server.stop()


def sql(q):
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\x1f", "-c", q],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("\x1f") for line in out.splitlines() if line]
    db = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        return [[str(x) if x is not None else "" for x in r] for r in db.execute(q).fetchall()]
    finally:
        db.close()


def indexed(word):
    """How many index entries hold `word` (a folded word) — straight from the store's index."""
    if server.engine == "postgres":
        return int(sql(f"SELECT COUNT(*) FROM feedback_cases WHERE public_search @@ to_tsquery('simple', '{word}')")[0][0])
    return int(sql(f"SELECT COUNT(*) FROM feedback_search WHERE feedback_search MATCH '\"{word}\"'")[0][0])


def indexed_case(case_id):
    if server.engine == "postgres":
        return sql(f"SELECT public_search IS NOT NULL FROM feedback_cases WHERE id = '{case_id}'")[0][0] == "t"
    return int(sql(f"SELECT COUNT(*) FROM feedback_search_keys k JOIN feedback_search s ON s.rowid = k.n"
                   f" WHERE k.case_id = '{case_id}'")[0][0]) == 1


def search(q):
    status, body, _ = Client(server).get("/api/v1/feedback/published?q=" + urllib.parse.quote(q))
    assert status == 200, body
    return [x["code"] for x in body["items"]]


def answered_case(pid, name, content, answer, publish=True, private=False):
    c = Client(server)
    c.login_citizen(pid, name)
    body = {"kind": "phan_anh", "title": "Chậm trả kết quả", "content": content, "sender_phone": "0912345678"}
    if private:
        body["private"] = True
    status, f, _ = c.post("/api/v1/feedback", body, headers={"Idempotency-Key": new_key()})
    assert status == 201, f
    desk = logged_in(server, "tiepnhan.ttphcc")
    status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "classify", "field": "Hộ tịch", "kind": "phan_anh"})
    assert status == 200, v
    status, v, _ = desk.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "transfer", "agency_id": "stp"})
    assert status == 200, v
    head = logged_in(server, "truongphong.stp")
    _, me, _ = head.get("/api/v1/auth/me")
    status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "assign", "assignee_id": me["user"]["id"]})
    assert status == 200, v
    status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions", {"action": "answer", "answer": answer, "publish": publish})
    assert status == 200, v
    return c, head, f, v


class PublishedSearch(unittest.TestCase):
    def test_found_without_diacritics_by_prefix_and_nothing_personal_indexed(self):
        tag = "quyx" + uuid.uuid4().hex[:6]  # a word no other case holds
        _, _, f, v = answered_case("051090008101", "Hoàng Thị Nguyệt",
                                   f"Bà Hoàng Thị Nguyệt, số 0912345678, phản ánh giấy chứng sinh {tag} bị trả chậm.",
                                   f"Đã chỉ đạo trả giấy chứng sinh {tag} cho bà Hoàng Thị Nguyệt (0912345678).")
        self.assertTrue(v["published"], v)
        self.assertEqual(search(f"giay chung sinh {tag}"), [f["code"]])
        self.assertEqual(search(f"{tag} GIẤY"), [f["code"]])  # any order, any case, with diacritics too
        self.assertEqual(search(f"{tag} chun"), [f["code"]])  # the last word typed on: its start
        self.assertEqual(search(f"giay {tag[:6]}"), [f["code"]])
        self.assertEqual(search(f"{tag} khai tu"), [])  # every word must be there
        # The sender's name and number are not published, so neither found nor indexed.
        self.assertEqual(search(f"{tag} nguyet"), [])
        self.assertEqual(search("0912345678"), [])
        self.assertEqual(indexed("nguyet"), 0)
        self.assertEqual(indexed("0912345678"), 0)
        self.assertEqual(indexed(tag), 1)

    def test_unpublished_and_private_cases_are_not_indexed(self):
        tag = "quyz" + uuid.uuid4().hex[:6]
        _, _, kept, v = answered_case("051090008102", "Lê Văn Tám", f"Phản ánh hồ sơ {tag} chậm.",
                                      f"Đã trả hồ sơ {tag}.", publish=False)
        self.assertFalse(v["published"], v)
        _, _, private, v = answered_case("051090008103", "Lê Văn Chín", f"Phản ánh hồ sơ {tag} chậm nữa.",
                                         f"Đã trả hồ sơ {tag} rồi.", private=True)
        self.assertFalse(v["published"], v)
        self.assertEqual(search(tag), [])
        self.assertFalse(indexed_case(kept["id"]))
        self.assertFalse(indexed_case(private["id"]))
        self.assertEqual(indexed(tag), 0)

    def test_republishing_replaces_the_indexed_text(self):
        old, new = "quyo" + uuid.uuid4().hex[:6], "quyn" + uuid.uuid4().hex[:6]
        c, head, f, _ = answered_case("051090008104", "Trần Văn Mười", "Phản ánh hồ sơ khai sinh trả chậm.",
                                      f"Đã trả kết quả {old}.")
        self.assertEqual(search(old), [f["code"]])
        status, v, _ = c.post(f"/api/v1/feedback/{f['id']}/reopen", {"reason": "Chưa nhận được kết quả."})
        self.assertEqual(status, 200, v)
        status, v, _ = head.post(f"/api/v1/feedback/{f['id']}/actions",
                                 {"action": "answer", "answer": f"Đã trả kết quả lần hai {new}.", "publish": True})
        self.assertEqual(status, 200, v)
        self.assertEqual(search(old), [])
        self.assertEqual(search(new), [f["code"]])
        self.assertEqual((indexed(old), indexed(new)), (0, 1))
        self.assertTrue(indexed_case(f["id"]))

    def test_pages_newest_first_with_the_cursor(self):
        tag = "quyp" + uuid.uuid4().hex[:6]
        codes = []
        for i, pid in enumerate(("051090008105", "051090008106", "051090008107")):
            _, _, f, _ = answered_case(pid, "Đỗ Văn Năm", f"Phản ánh lần {i} hồ sơ {tag}.", f"Đã trả hồ sơ {tag} lần {i}.")
            codes.append(f["code"])
        anon = Client(server)
        status, first, _ = anon.get(f"/api/v1/feedback/published?limit=2&q={tag}")
        self.assertEqual(status, 200, first)
        self.assertEqual([x["code"] for x in first["items"]], codes[::-1][:2])
        self.assertTrue(first["next_cursor"])
        status, second, _ = anon.get(f"/api/v1/feedback/published?limit=2&q={tag}&cursor=" +
                                     urllib.parse.quote(first["next_cursor"]))
        self.assertEqual(status, 200, second)
        self.assertEqual([x["code"] for x in second["items"]], [codes[0]])

    def test_a_rare_word_behind_many_newer_cases(self):
        tag, common = "quyr" + uuid.uuid4().hex[:6], "quyc" + uuid.uuid4().hex[:6]
        codes = []
        for i, pid in enumerate(("051090008108", "051090008109", "051090008110")):
            _, _, f, _ = answered_case(pid, "Phan Văn Sáu", f"Phản ánh lần {i} hồ sơ {tag}.", f"Đã trả hồ sơ {tag} lần {i}.")
            codes.append(f["code"])
        # 2,100 newer published cases (bench data, as bench/feedback.py writes them), none with the tag.
        n, at = 2100, 4102444800000
        rows = ("SELECT 'fill-%s-' || i, 'PAKN-F%s-' || i, 'portal', 'phan_anh', 'closed', 'Phản ánh', 'Nội dung',"
                " 'accepted', 'stp', {at} + i, 'Hộ tịch', 'Đã trả', {at} + i, '{{}}', 'phan anh {common} so ' || i,"
                " {at} + i, 0, 1, 1, {at} + i, {at} + i FROM {series}") % (common, common)
        series = "generate_series(1, %d) i" % n if server.engine == "postgres" else \
            "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %d) SELECT i FROM s)" % n
        statement = ("INSERT INTO feedback_cases (id, code, channel, kind, state, title, content, verdict, agency_id,"
                     " received_at, field, answer, answered_at, public_text, public_folded, published_at, wants_private,"
                     " published, version, created_at, updated_at) " + rows.format(at=at, common=common, series=series))
        if server.engine == "postgres":
            sql(statement)
        else:
            db = sqlite3.connect(server.db[len("sqlite:"):])
            db.execute(statement)
            db.commit()
            db.close()
        anon = Client(server)
        status, first, _ = anon.get(f"/api/v1/feedback/published?limit=2&q={tag}")
        self.assertEqual(status, 200, first)
        self.assertEqual([x["code"] for x in first["items"]], codes[::-1][:2])
        status, second, _ = anon.get(f"/api/v1/feedback/published?limit=2&q={tag}&cursor=" +
                                     urllib.parse.quote(first["next_cursor"]))
        self.assertEqual(status, 200, second)
        self.assertEqual([x["code"] for x in second["items"]], [codes[0]])
        status, page, _ = anon.get(f"/api/v1/feedback/published?limit=3&q=so+{common}")
        self.assertEqual(status, 200, page)
        self.assertEqual([x["code"] for x in page["items"]], ["PAKN-F%s-%d" % (common, i) for i in (n, n - 1, n - 2)])


if __name__ == "__main__":
    unittest.main()
