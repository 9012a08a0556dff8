"""The Zalo Official Account both ways (issue 16), end to end: the Zalo simulator
(tools/sim/zalo/server.py) sends its webhook events to a real motcua process, signed as Zalo
signs them, and receives the bot's answers through the OA message API, with access tokens that
expire and are refreshed.

- a follower asks about a dossier by code and gets its public state (no name), by Zalo, within
  the lookup limit per minute;
- forged, tampered, stale, replayed and oversized deliveries are refused, nothing written;
- "liên kết": the one-time link is confirmed from a citizen's session; the citizen's dossier
  notices then reach that Zalo account; unlinking stops it;
- an expired access token is refreshed (once) and the answer still goes out, for OA messages and
  for ZNS notices alike;
- feedback by Zalo becomes a case (counted under channel zalo) that the desk reads; the steps the
  sender should hear of (transfer, answer) reach the follower on Zalo as OA texts, and the leaders'
  figures move exactly.
"""
import http.client
import json
import os
import re
import subprocess
import time
import unittest
import uuid

import harness
from harness import Client, Server, as_staff, intake, procedure_for, wait_for, wait_port

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PY = "/usr/bin/python3"
APP_ID, OA_SECRET, APP_SECRET = "zalo-sim-app", "zalo-sim-oa-secret", "zalo-sim-app-secret"
WEBHOOK = "/api/v1/integrations/zalo/webhook"

server = sim_proc = None
sim_port = None


def sim(method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", sim_port, timeout=30)
    c.request(method, path, body=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
              headers={"Content-Type": "application/json"})
    r = c.getresponse()
    data = json.loads(r.read() or b"{}")
    c.close()
    return data


def setUpModule():
    global server, sim_proc, sim_port
    sim_port = harness.free_port()
    server = Server()
    sim_proc = subprocess.Popen([PY, os.path.join(ROOT, "tools", "sim", "zalo", "server.py"), "--port", str(sim_port),
                                 "--app-id", APP_ID, "--oa-secret", OA_SECRET, "--app-secret", APP_SECRET,
                                 "--webhook", f"http://127.0.0.1:{server.port}{WEBHOOK}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(sim_port)
    base = f"http://127.0.0.1:{sim_port}"
    server.env.update({
        "MOTCUA_ZALO_APP_ID": APP_ID, "MOTCUA_ZALO_OA_SECRET": OA_SECRET, "MOTCUA_ZALO_OA_URL": base,
        "MOTCUA_ZALO_URL": base, "MOTCUA_ZALO_ACCESS_TOKEN": "zalo-sim-token",
        "MOTCUA_ZALO_OAUTH_URL": base, "MOTCUA_ZALO_APP_SECRET": APP_SECRET,
        "MOTCUA_ZALO_REFRESH_TOKEN": "zalo-sim-refresh",
        "MOTCUA_OUTBOX_POLL_MS": "50", "MOTCUA_OUTBOX_BACKOFF_MS": "200", "MOTCUA_OUTBOX_BACKOFF_CAP_MS": "1000",
        "MOTCUA_NOTIFY_TIMEOUT_S": "5", "MOTCUA_LOOKUP_PER_MINUTE": "5",
    })
    server.setup().start()


def tearDownModule():
    server.stop()
    sim_proc.terminate()
    sim_proc.wait(timeout=10)


def code_of(problem):
    """The problem's machine code: the last part of its `type`."""
    return problem.get("type", "").rsplit("/", 1)[-1] if isinstance(problem, dict) else None


def rows(table):
    """Rows in a table of the server's store, read beside the server (SQLite file or psql)."""
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-tAc", f"SELECT COUNT(*) FROM {table}"],
                             check=True, capture_output=True, text=True)
        return int(out.stdout.strip())
    import sqlite3
    with sqlite3.connect(server.db[len("sqlite:"):]) as c:
        return c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def written():
    return (rows("zalo_events"), rows("zalo_followers"), rows("outbox"), rows("audit_log"))


def new_user():
    return str(uuid.uuid4().int % 10**15)


def send(user, text=None, event="user_send_text", **over):
    c = {"event_name": event, "user_id": user}
    if text is not None:
        c["text"] = text
    c.update(over)
    return sim("POST", "/_sim/webhook", c)


def messages_to(user):
    return [m for m in sim("GET", "/_sim/received")["oa_messages"] if m["user_id"] == user]


def figures(reader):
    month = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
    status, fig, _ = reader.get(f"/api/v1/staff/feedback/figures?from={month}&to={month}")
    assert status == 200, fig
    return fig


def zalo_figures(reader):
    """The province's feedback counters of this month for the Zalo channel: (agency, field, metric) → n."""
    month = time.strftime("%Y-%m", time.gmtime(time.time() + 7 * 3600))
    status, fig, _ = reader.get(f"/api/v1/staff/feedback/figures?from={month}&to={month}")
    assert status == 200, fig
    out = {}
    for c in fig["counters"]:
        if c["channel"] == "zalo":
            out[(c["agency_id"], c["field"], c["metric"])] = c["n"]
    return out


def follower():
    user = new_user()
    a = send(user, event="follow")["answers"]
    assert a[0]["status"] == 200, a
    wait_for("the welcome message", lambda: messages_to(user))
    return user


class ZaloWebhook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.desk = as_staff(server, "reception", agency="ubnd-camthanh")
        pid = procedure_for(cls.desk, cls.desk.agency)
        status, p, _ = cls.desk.get("/api/v1/procedures/" + pid)
        assert status == 200, p
        cls.proc = {"id": pid, "name": p["name"]}

    def test_lookup_by_code_answers_the_public_state_only(self):
        d = intake(self.desk, self.proc["id"], name="Phạm Thị Riêng Tư")
        user = follower()
        a = send(user, "Tra cứu " + d["code"])["answers"]
        self.assertEqual(a[0]["status"], 200, a)
        self.assertEqual(json.loads(a[0]["body"])["action"], "lookup")
        msgs = wait_for("the answer", lambda: [m for m in messages_to(user) if d["code"] in m["text"]])
        text = msgs[0]["text"]
        self.assertIn("Hồ sơ " + d["code"] + ": ", text)
        self.assertIn("Ngày hẹn trả kết quả:", text)
        # Only what the public page shows to whoever holds the code: no name, no procedure.
        self.assertNotIn("Riêng Tư", text)
        self.assertNotIn(self.proc["name"], text)
        # An unknown code is said so.
        send(user, "tra cứu 000.00.01.H55-990101-0001")
        wait_for("not found", lambda: [m for m in messages_to(user) if "Không tìm thấy hồ sơ" in m["text"]])

    def test_lookups_are_limited_per_follower(self):
        user = follower()  # one event
        for i in range(5):
            self.assertEqual(send(user, f"tra cứu 000.00.01.H55-990101-000{i + 1}")["answers"][0]["status"], 200)
        limited = wait_for("the limit", lambda: [m for m in messages_to(user) if "nhiều lần trong một phút" in m["text"]])
        self.assertEqual(len(limited), 1)
        self.assertEqual(len([m for m in messages_to(user) if "Không tìm thấy hồ sơ" in m["text"]]), 4)

    def assertRefusedAndNothingWritten(self, user, answers, status, code):
        self.assertEqual(answers[0]["status"], status, answers)
        body = json.loads(answers[0]["body"])
        self.assertEqual(code_of(body), code, body)
        self.assertTrue(body["detail"])
        time.sleep(0.5)  # the relay polls every 50 ms: an answer would have gone out
        self.assertEqual(messages_to(user), [])

    def test_forged_tampered_and_stale_deliveries_are_refused(self):
        user = new_user()
        before = written()
        for tamper in ("signature", "body"):
            r = send(user, "tra cứu 000.00.01.H55-250301-0001", tamper=tamper, msg_id="forged-" + tamper + user)
            self.assertRefusedAndNothingWritten(user, r["answers"], 401, "zalo_signature_invalid")
        r = send(user, "xin chào", age_ms=10 * 60 * 1000)
        self.assertRefusedAndNothingWritten(user, r["answers"], 401, "zalo_event_stale")
        r = send(user, "xin chào", tamper="app")
        self.assertEqual(r["answers"][0]["status"], 401)  # signed for another app: not ours
        self.assertEqual(written(), before)
        # The forged delivery recorded nothing: the same msg_id, properly signed, is taken.
        r = send(user, "xin chào", msg_id="forged-signature" + user)
        self.assertEqual(r["answers"][0]["status"], 200, r)

    def test_a_replayed_delivery_is_refused_and_answered_once(self):
        user = follower()
        before = len(messages_to(user))
        r = send(user, "xin chào", repeat=3)
        statuses = [a["status"] for a in r["answers"]]
        self.assertEqual(statuses[0], 200, r)
        after_first = written()
        r2 = send(user, "xin chào", msg_id=json.loads(r["body"])["message"]["msg_id"])  # the same event, re-signed now
        self.assertEqual(r2["answers"][0]["status"], 409, r2)
        self.assertEqual(written(), after_first)
        self.assertEqual(statuses, [200, 409, 409], r)
        self.assertEqual(code_of(json.loads(r["answers"][1]["body"])), "zalo_event_replayed")
        wait_for("the help answer", lambda: len(messages_to(user)) > before)
        time.sleep(0.5)
        self.assertEqual(len(messages_to(user)), before + 1)

    def test_an_oversized_delivery_is_refused(self):
        user = new_user()
        before = written()
        r = send(user, "xin chào", body_pad=20000)
        self.assertEqual(r["answers"][0]["status"], 413, r)
        time.sleep(0.3)
        self.assertEqual(messages_to(user), [])
        self.assertEqual(written(), before)

    def test_unsigned_post_is_refused(self):
        status, body, _ = Client(server).post(WEBHOOK, {"event_name": "follow"})
        self.assertEqual(status, 401, body)
        self.assertEqual(code_of(body), "zalo_signature_invalid")

    def test_link_confirmed_from_a_session_brings_notices_to_zalo(self):
        user = follower()
        send(user, "liên kết")
        msg = wait_for("the link", lambda: [m for m in messages_to(user) if "lien-ket-zalo?ma=" in m["text"]])
        code = re.search(r"\?ma=([0-9a-f]+)", msg[0]["text"]).group(1)
        person = "0510900" + str(uuid.uuid4().int % 10**5).zfill(5)
        citizen = Client(server)
        citizen.login_citizen(person, "Lê Văn Liên")
        # Without a session: refused.
        status, _, _ = Client(server).post("/api/v1/me/zalo-link/confirm", {"code": code})
        self.assertEqual(status, 401)
        status, body, _ = citizen.post("/api/v1/me/zalo-link/confirm", {"code": code})
        self.assertEqual(status, 200, body)
        self.assertTrue(body["linked"])
        status, again, _ = citizen.post("/api/v1/me/zalo-link/confirm", {"code": code})
        self.assertEqual((status, again["linked"]), (200, True))
        other = Client(server)
        other.login_citizen("051090077777", "Người Khác")
        status, body, _ = other.post("/api/v1/me/zalo-link/confirm", {"code": code})
        self.assertEqual((status, code_of(body)), (410, "zalo_link_used"), body)
        status, body, _ = other.post("/api/v1/me/zalo-link/confirm", {"code": "ab" * 16})
        self.assertEqual(status, 404, body)
        status, body, _ = citizen.get("/api/v1/me/zalo-link")
        self.assertEqual((status, body["linked"], body["following"]), (200, True, True))
        wait_for("the confirmation", lambda: [m for m in messages_to(user) if "Đã liên kết" in m["text"]])
        # The citizen's dossier notice now reaches Zalo.
        d = intake(self.desk, self.proc["id"], person=person, name="Lê Văn Liên")
        wait_for("the notice by Zalo", lambda: [m for m in messages_to(user) if d["code"] in m["text"]])
        status, log, _ = citizen.get(f"/api/v1/dossiers/{d['id']}/deliveries")
        self.assertEqual(status, 200, log)
        zalo = [x for x in log["items"] if x["channel"] == "zalo"]
        self.assertEqual(len(zalo), 1, log)
        self.assertNotIn(user, zalo[0]["to"])  # masked
        # Unlinking stops it.
        status, body, _ = citizen.request("DELETE", "/api/v1/me/zalo-link")
        self.assertEqual((status, body["linked"]), (200, False))
        wait_for("the unlink message", lambda: [m for m in messages_to(user) if "hủy liên kết" in m["text"]])
        d2 = intake(self.desk, self.proc["id"], person=person, name="Lê Văn Liên")
        time.sleep(0.8)
        self.assertEqual([m for m in messages_to(user) if d2["code"] in m["text"]], [])

    def test_unfollow_unlinks(self):
        user = follower()
        send(user, "liên kết")
        msg = wait_for("the link", lambda: [m for m in messages_to(user) if "?ma=" in m["text"]])
        code = re.search(r"\?ma=([0-9a-f]+)", msg[0]["text"]).group(1)
        citizen = Client(server)
        citizen.login_citizen("051090012399", "Võ Thị Theo")
        self.assertEqual(send(user, event="unfollow")["answers"][0]["status"], 200)
        status, body, _ = citizen.post("/api/v1/me/zalo-link/confirm", {"code": code})
        self.assertEqual((status, code_of(body)), (409, "zalo_not_following"), body)

    def test_an_expired_token_is_refreshed_and_the_answer_goes_out(self):
        user = follower()
        before = sim("GET", "/_sim/received")["refreshes"]
        sim("POST", "/_sim/expire")
        send(user, "xin chào")
        wait_for("the answer after refresh", lambda: len(messages_to(user)) >= 2)
        self.assertEqual(sim("GET", "/_sim/received")["refreshes"], before + 1)

    def test_zns_notices_refresh_an_expired_token_too(self):
        person = "0510911" + str(uuid.uuid4().int % 10**5).zfill(5)
        citizen = Client(server)
        citizen.login_citizen(person, "Đỗ Văn Zét")
        status, body, _ = citizen.request("PUT", "/api/v1/me/notifications", {"channels": ["zalo"], "phone": "0905111222"})
        self.assertEqual(status, 200, body)
        before = sim("GET", "/_sim/received")["refreshes"]
        sim("POST", "/_sim/expire")
        d = intake(self.desk, self.proc["id"], person=person, name="Đỗ Văn Zét")
        wait_for("the ZNS notice", lambda: [m for m in sim("GET", "/_sim/received")["messages"]
                                            if m["template_data"].get("dossier_code") == d["code"]])
        self.assertEqual(sim("GET", "/_sim/received")["refreshes"], before + 1)
        self.assertTrue(any(r["error"] == -124 for r in sim("GET", "/_sim/received")["rejected"]))

    def test_a_failing_platform_is_retried_by_the_relay(self):
        user = follower()
        sim("POST", "/_sim/control", {"mode": "fail", "count": 2})
        send(user, "xin chào")
        wait_for("the answer after retries", lambda: len(messages_to(user)) >= 2, timeout=30)

    def test_feedback_by_zalo_becomes_a_case_answered_with_its_code(self):
        user = follower()
        monitor = harness.logged_in(server, "giamsat.tinh")
        before = zalo_figures(monitor)
        r = send(user, "phản ánh Bộ phận một cửa hẹn trả nhưng chưa trả")
        self.assertEqual(r["answers"][0]["status"], 200, r)
        msg = wait_for("the case code", lambda: [m for m in messages_to(user) if "Đã tiếp nhận phản ánh" in m["text"]])
        code = re.search(r"mã (PAKN-[0-9A-Z]{8})", msg[0]["text"]).group(1)
        desk = as_staff(server, "reception", agency="ttphcc")
        status, lst, _ = desk.get("/api/v1/staff/feedback?state=received&limit=100")
        self.assertEqual(status, 200, lst)
        case = [x for x in lst["items"] if x["code"] == code]
        self.assertEqual(len(case), 1, lst)
        self.assertEqual((case[0]["channel"], case[0]["kind"]), ("zalo", "phan_anh"), case)
        after = zalo_figures(monitor)
        self.assertEqual(after.get(("ttphcc", "", "received"), 0) - before.get(("ttphcc", "", "received"), 0), 1)
        self.assertEqual(after.get(("ttphcc", "", "accepted"), 0) - before.get(("ttphcc", "", "accepted"), 0), 1)
        # The receipt is the channel's own answer: one message, not a second notice.
        time.sleep(0.5)
        self.assertEqual(len([m for m in messages_to(user) if code in m["text"]]), 1)

    def test_a_zalo_case_answered_by_an_official_reaches_the_follower_on_zalo(self):
        user = follower()
        send(user, "kiến nghị Niêm yết thủ tục hộ tịch <b>rõ hơn</b> & \x07 tại xã")
        msg = wait_for("the case code", lambda: [m for m in messages_to(user) if "Đã tiếp nhận kiến nghị" in m["text"]])
        code = re.search(r"mã (PAKN-[0-9A-Z]{8})", msg[0]["text"]).group(1)
        desk = as_staff(server, "reception", agency="ttphcc")
        status, lst, _ = desk.get("/api/v1/staff/feedback?state=received&limit=100")
        cid = [x["id"] for x in lst["items"] if x["code"] == code][0]
        status, v, _ = desk.get(f"/api/v1/feedback/{cid}")
        self.assertEqual((status, v["channel"], v["accepted"]), (200, "zalo", True), v)
        self.assertIn("rõ hơn", v["content"])
        monitor = harness.logged_in(server, "giamsat.tinh")
        before_figures = zalo_figures(monitor)
        before_all = figures(monitor)
        act = f"/api/v1/feedback/{cid}/actions"
        status, v, _ = desk.post(act, {"action": "classify", "field": "Hộ tịch", "kind": "kien_nghi"})
        self.assertEqual(status, 200, v)
        before = len(messages_to(user))
        status, v, _ = desk.post(act, {"action": "transfer", "agency_id": "stp", "reason": "Thuộc Sở Tư pháp"})
        self.assertEqual((status, v["state"]), (200, "transferred"), v)
        wait_for("the transfer notice", lambda: [m for m in messages_to(user)
                                                 if code in m["text"] and "đã được chuyển đến" in m["text"]])
        head = harness.logged_in(server, "truongphong.stp")
        _, me, _ = head.get("/api/v1/auth/me")
        status, v, _ = head.post(act, {"action": "assign", "assignee_id": me["user"]["id"]})
        self.assertEqual(status, 200, v)
        answer = "Sở Tư pháp đã đề nghị UBND xã niêm yết lại.\nXem <a href=x>tại đây</a>."
        status, v, _ = head.post(act, {"action": "answer", "answer": answer})
        self.assertEqual(status, 200, v)
        self.assertEqual(v["state"], "answered", v)
        got = wait_for("the answer on Zalo", lambda: [m for m in messages_to(user) if "Trả lời phản ánh, kiến nghị mã " + code in m["text"]])
        self.assertEqual(len(got), 1)
        text = got[0]["text"]
        # Plain text for Zalo: as written, line break kept (no HTML escaping in a text message).
        self.assertIn("Sở Tư pháp đã đề nghị UBND xã niêm yết lại.\nXem <a href=x>tại đây</a>.", text)
        self.assertEqual(len(messages_to(user)), before + 2)  # transferred, answered: nothing else
        # The leaders' figures moved exactly, by channel, field and agency, in the same transactions.
        after = zalo_figures(monitor)
        moved = {k: after.get(k, 0) - before_figures.get(k, 0) for k in after if after.get(k, 0) != before_figures.get(k, 0)}
        self.assertEqual(moved, {("ttphcc", "Hộ tịch", "classified"): 1, ("ttphcc", "Hộ tịch", "transferred_out"): 1,
                                 ("stp", "Hộ tịch", "transferred_in"): 1, ("stp", "Hộ tịch", "answered"): 1,
                                 ("stp", "Hộ tịch", "answered_on_time"): 1,
                                 # the Quyết định 766 per-case counters: a first answer, on time
                                 ("stp", "Hộ tịch", "case_answered"): 1, ("stp", "Hộ tịch", "case_answered_on_time"): 1})
        # The same counters summed by field and agency for the leaders' screen.
        after_all = figures(monitor)
        self.assertEqual(after_all["classified_by_field"]["Hộ tịch"] - before_all["classified_by_field"].get("Hộ tịch", 0), 1)
        for metric in ("transferred_in", "answered", "answered_on_time"):
            self.assertEqual(after_all["by_agency"]["stp"][metric] - before_all["by_agency"].get("stp", {}).get(metric, 0), 1)
        self.assertEqual(after_all["handled"] - before_all["handled"], 1)
        self.assertEqual(after_all["handled_on_time"] - before_all["handled_on_time"], 1)
        self.assertEqual(after_all["received_by_channel"]["zalo"], sum(
            c["n"] for c in after_all["counters"] if c["channel"] == "zalo" and c["metric"] == "received"))
        # Nothing is sent to anyone else's Zalo: the answer went to this follower only.
        others = [m for m in sim("GET", "/_sim/received")["oa_messages"] if code in m["text"] and m["user_id"] != user]
        self.assertEqual(others, [])


if __name__ == "__main__":
    unittest.main()
