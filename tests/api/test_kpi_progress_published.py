"""The Quyết định 766 "progress published" figure from its counter (migration 034): of the
dossiers decided in the period (the denominator, «hồ sơ phải cập nhật»), those whose decision the
national portal's simulator (tools/sim/dvcqg) confirmed through the outbox relay — so every step
before it too. Each decision counts once under the agency, the province, the level, the field and
the procedure, whatever the portal did first: answer 500 (retried), answer a tampered body that is
not its protocol (retried), answer so slowly that the row is delivered twice (repeat), refuse it
(parked: decided but not published until an administrator retries it). A later state (the result
returned) adds nothing; an undecided dossier is in neither side. `motcua kpi-verify` finds no
difference, names a tampered counter, and `--repair` puts it back. The lists behind both numbers
hold exactly those dossiers.
"""
import os
import sqlite3
import subprocess
import unittest
import urllib.parse

from harness import act, as_staff, desk_client, intake, long_procedure_for, result_document, to_leader_step, today_vn, Server
from test_dvcqg import Sim, env_for, wait_for

server = sim = reception = specialist = monitor = admin = proc = field = None


def setUpModule():
    global server, sim, reception, specialist, monitor, admin, proc, field
    sim = Sim()
    server = Server()
    server.env.update(env_for(sim))
    server.env["MOTCUA_OUTBOX_THREADS"] = "2"  # a second worker to take a row whose lease ran out
    sim.start(motcua_url=f"http://127.0.0.1:{server.port}")
    server.setup().start()
    reception = as_staff(server, "reception", "commune_committee")
    specialist = as_staff(server, "specialist", agency=reception.agency)
    monitor = as_staff(server, "province_monitor")
    admin = as_staff(server, "province_admin")
    proc = long_procedure_for(reception, reception.agency)
    status, body, _ = reception.get("/api/v1/procedures?agency=" + reception.agency)
    assert status == 200, body
    field = next(p["field"] for p in body["items"] if p["id"] == proc)


def tearDownModule():
    server.stop()
    sim.stop()


def sql(statement):
    """Runs one statement on the server's store (to tamper with the counter)."""
    if server.engine == "postgres":
        subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
                       check=True, capture_output=True)
    else:
        db = sqlite3.connect(server.db[len("sqlite:"):], timeout=30)
        db.execute(statement)
        db.commit()
        db.close()


def indicator(**scope):
    day = today_vn()
    status, v, _ = monitor.get("/api/v1/kpi/index766?" + urllib.parse.urlencode(dict(scope, **{"from": day, "to": day})))
    assert status == 200, v
    return [i for g in v["groups"] for i in g["indicators"] if i["id"] == "progress_published"][0]


SCOPES = {}


def scopes():
    """(numerator, denominator) of progress_published today, in every scope."""
    if not SCOPES:
        SCOPES.update({"agency": dict(scope="agency:" + reception.agency), "province": dict(scope="province"),
                       "level": dict(scope="level:commune"), "field": dict(scope="province", field=field),
                       "procedure": dict(scope="agency:" + reception.agency, procedure=proc)})
    out = {}
    for k, q in SCOPES.items():
        i = indicator(**q)
        assert i["measured"], i
        out[k] = (i["numerator"], i["denominator"])
    return out


def moved(before, after):
    return {k: (after[k][0] - before[k][0], after[k][1] - before[k][1]) for k in before}


def sync_of(dossier_id):
    status, d, _ = reception.get("/api/v1/dossiers/" + dossier_id)
    assert status == 200, d
    return d["national_sync"]


def settled():
    """Nothing waits for the portal."""
    wait_for(lambda: admin.get("/api/v1/admin/dvcqg/summary")[1]["waiting"] == 0)


def at_leader():
    """A dossier received, in progress and at its leader's step, every message confirmed."""
    d = intake(reception, proc)
    status, v, _ = act(specialist, d["id"], "start_processing")
    assert status == 200, v
    v = to_leader_step(server, d["id"])
    settled()
    return v


def decide_now(v):
    leader = desk_client(server, "leader", v["competent_agency_id"])
    status, body, _ = act(leader, v["id"], "resolve_granted", result=result_document())
    assert status == 200, body
    return body


def walk(ref):
    items, cursor = [], ""
    while True:
        q = dict(ref["query"], limit=2)  # small pages: the cursor is walked too
        if cursor:
            q["cursor"] = cursor
        status, page, _ = monitor.get(ref["path"] + "?" + urllib.parse.urlencode(q))
        assert status == 200, page
        items += page["items"]
        cursor = page.get("next")
        if not cursor:
            return page["total"], [i["id"] for i in items]


class ProgressPublished(unittest.TestCase):
    def setUp(self):
        sim.control(mode="ok", count=0)

    def test_1_each_confirmed_decision_counts_once_whatever_the_portal_did(self):
        settled()
        before = scopes()
        undecided = at_leader()  # in progress: must not be published yet, and is not counted
        self.assertEqual(moved(before, scopes()), {k: (0, 0) for k in before})

        # Confirmed at once.
        ok = at_leader()
        decide_now(ok)
        wait_for(lambda: sync_of(ok["id"])["decided_at"] is not None)
        self.assertEqual(moved(before, scopes()), {k: (1, 1) for k in before})

        # The portal answers 500 twice (the row is sent again whole), then accepts: once.
        failed = at_leader()
        sim.control(mode="fail", count=2, service="CapNhatTienDoHoSoMC")
        decide_now(failed)
        wait_for(lambda: sync_of(failed["id"])["decided_at"] is not None)
        # A reply tampered into something that is not the protocol (HTML, not JSON), twice: once.
        tampered = at_leader()
        sim.control(mode="garbage", count=2, service="DongBoHoSoMC")
        decide_now(tampered)
        wait_for(lambda: sync_of(tampered["id"])["decided_at"] is not None)
        settled()
        self.assertEqual(moved(before, scopes()), {k: (3, 3) for k in before})

        # Refused: decided (denominator) but not published (numerator) while parked; the
        # administrator's retry publishes it, once.
        refused = at_leader()
        sim.control(mode="refuse", count=1, service="DongBoHoSoMC")
        decide_now(refused)
        wait_for(lambda: sync_of(refused["id"])["state"] == "parked", timeout=20)
        self.assertIsNone(sync_of(refused["id"])["decided_at"])
        self.assertEqual(moved(before, scopes()), {k: (3, 4) for k in before})
        status, body, _ = admin.get("/api/v1/admin/dvcqg/unsynced")
        self.assertEqual(status, 200, body)
        parked = [i for i in body["items"] if i["dossier_id"] == refused["id"] and i["state"] == "parked"]
        self.assertEqual(len(parked), 1, body)
        status, r, _ = admin.post(f"/api/v1/admin/outbox/{parked[0]['outbox_id']}/retry")
        self.assertEqual(status, 200, r)
        wait_for(lambda: sync_of(refused["id"])["decided_at"] is not None)
        self.assertEqual(moved(before, scopes()), {k: (4, 4) for k in before})

        # A later state of a published dossier (the result returned), confirmed: nothing more.
        messages = sync_of(ok["id"])["messages"]
        status, v, _ = act(reception, ok["id"], "return_result", return_method="counter", received_by="Nguyễn Văn An")
        self.assertEqual(status, 200, v)
        wait_for(lambda: sync_of(ok["id"])["messages"] == messages + 1 and sync_of(ok["id"])["state"] == "synced")
        self.assertEqual(sim.received()["dossiers"][ok["code"]][-2:], [9, 10])
        self.assertEqual(moved(before, scopes()), {k: (4, 4) for k in before})

        # The lists give exactly those dossiers, in every scope.
        decided = {ok["id"], failed["id"], tampered["id"], refused["id"]}
        for k, q in SCOPES.items():
            i = indicator(**q)
            num, den = i["lists"]["numerator"], i["lists"]["denominator"]
            self.assertEqual(([r["metric"] for r in num], [r["metric"] for r in den]), (["progress_published"], ["progress_due"]))
            total, ids = walk(num[0])
            self.assertEqual((total, len(ids), len(set(ids))), (i["numerator"],) * 3, k)
            self.assertLessEqual(decided, set(ids), k)
            total, due = walk(den[0])
            self.assertEqual((total, len(due), len(set(due))), (i["denominator"],) * 3, k)
            self.assertLessEqual(set(ids), set(due), k)
            self.assertNotIn(undecided["id"], due, k)

    def test_2_the_same_decision_delivered_twice_counts_once(self):
        # The portal is slower than the relay's lease (2 s): another worker takes the row and
        # delivers it, then the first one's call returns and records its confirmation again.
        settled()
        v = at_leader()
        before = scopes()
        messages = sync_of(v["id"])["messages"]
        sim.control(mode="lag", lag_ms=3500, count=1, service="CapNhatTienDoHoSoMC")
        decide_now(v)
        wait_for(lambda: sync_of(v["id"])["messages"] == messages + 2, timeout=30)  # the same row recorded twice
        self.assertEqual(sync_of(v["id"])["state"], "synced")
        self.assertEqual(moved(before, scopes()), {k: (1, 1) for k in before})

    def test_3_recount_then_tamper_named_and_repaired(self):
        settled()
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr)
        self.assertIn("0 chỗ lệch", r.stdout)
        self.assertNotIn(" 0 dòng hồ sơ có tiến độ", r.stdout)
        right = scopes()
        day = today_vn()
        sql(f"UPDATE kpi_agency_progress SET n = n + 2 WHERE agency_id = '{reception.agency}' AND day = '{day}'")
        sql(f"DELETE FROM kpi_progress WHERE agency_id = '{reception.agency}' AND day = '{day}' AND procedure_id = '{proc}'")
        self.assertEqual(moved(right, scopes()), {"agency": (2, 0), "province": (2, 0), "level": (2, 0),
                                                  "field": (-right["procedure"][0], 0), "procedure": (-right["procedure"][0], 0)})
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn(f"LỆCH: Bộ đếm hồ sơ có tiến độ đã cập nhật lên Cổng theo cơ quan (cơ quan {reception.agency}, ngày giải "
                      f"quyết {day}): lưu {right['agency'][0] + 2}, đếm lại từ dvcqg_sync {right['agency'][0]}.", r.stdout)
        self.assertIn(f"LỆCH: Bộ đếm hồ sơ có tiến độ đã cập nhật lên Cổng (cơ quan {reception.agency}, ngày giải quyết {day}, "
                      f"thủ tục {proc}): không có dòng lưu, đếm lại từ dvcqg_sync {right['procedure'][0]}.", r.stdout)
        r = server.run("kpi-verify", "--repair", check=False)
        self.assertEqual(r.returncode, 3)
        self.assertIn("Đã ghi lại bộ đếm", r.stdout)
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])
        self.assertEqual(scopes(), right)


if __name__ == "__main__":
    unittest.main()
