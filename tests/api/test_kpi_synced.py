"""The Quyết định 766 "synced" figure from its counter (migration 027): dossiers synchronised
through the national portal's simulator (tools/sim/dvcqg) count once each in
GET /api/v1/kpi/index766 — under the agency, the province and the procedure — however often the
portal confirms them (a later state, a retried message, the same message delivered twice after
a lease ran out); a dossier confirmed before its reception counts when it is received; a tampered
counter moves the figure, `motcua kpi-verify` names it and `--repair` puts it back.
"""
import os
import sqlite3
import subprocess
import unittest
import urllib.parse

from harness import act, as_staff, intake, long_procedure_for, today_vn, Server
from test_dvcqg import Sim, env_for, wait_for

server = sim = reception = specialist = monitor = proc = None


def setUpModule():
    global server, sim, reception, specialist, monitor, proc
    sim = Sim()
    server = Server()
    server.env.update(env_for(sim))
    server.env["MOTCUA_OUTBOX_THREADS"] = "2"  # a second worker to take a row whose lease ran out
    sim.start(motcua_url=f"http://127.0.0.1:{server.port}")
    server.setup().start()
    reception = as_staff(server, "reception", "commune_committee")
    specialist = as_staff(server, "specialist", agency=reception.agency)
    monitor = as_staff(server, "province_monitor")
    proc = long_procedure_for(reception, reception.agency)


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


def synced(**scope):
    """(numerator, denominator) of indicator dossiers_synced for today."""
    day = today_vn()
    status, v, _ = monitor.get("/api/v1/kpi/index766?" + urllib.parse.urlencode(dict(scope, **{"from": day, "to": day})))
    assert status == 200, v
    i = [i for g in v["groups"] for i in g["indicators"] if i["id"] == "dossiers_synced"][0]
    return i["numerator"], i["denominator"]


def scopes():
    return {"agency": synced(scope="agency:" + reception.agency), "province": synced(scope="province"),
            "procedure": synced(scope="agency:" + reception.agency, procedure=proc)}


def moved(before, after):
    return {k: (after[k][0] - before[k][0], after[k][1] - before[k][1]) for k in before}


def sync_of(dossier_id):
    status, d, _ = reception.get("/api/v1/dossiers/" + dossier_id)
    assert status == 200, d
    return d["national_sync"]


def settled():
    """Nothing waits for the portal."""
    wait_for(lambda: as_staff(server, "province_admin").get("/api/v1/admin/dvcqg/summary")[1]["waiting"] == 0)


class SyncedCounter(unittest.TestCase):
    def setUp(self):
        sim.control(mode="ok", count=0)

    def test_1_each_confirmed_dossier_counts_once(self):
        settled()
        before = scopes()
        a = intake(reception, proc)
        b = intake(reception, proc)
        for d in (a, b):
            wait_for(lambda: sync_of(d["id"])["state"] == "synced")
        self.assertEqual(moved(before, scopes()), {k: (2, 2) for k in before})

        # A later state of the same dossier, confirmed: still one.
        status, v, _ = act(specialist, a["id"], "start_processing")
        self.assertEqual(status, 200, v)
        wait_for(lambda: sync_of(a["id"])["state"] == "synced" and sync_of(a["id"])["messages"] == 2)
        self.assertEqual(moved(before, scopes()), {k: (2, 2) for k in before})

        # A retried message (the portal answers 500 once, the row is sent again whole): still one.
        sim.control(mode="fail", count=1, service="CapNhatTienDoHoSoMC")
        status, v, _ = act(specialist, b["id"], "start_processing")
        self.assertEqual(status, 200, v)
        wait_for(lambda: sync_of(b["id"])["state"] == "synced" and sync_of(b["id"])["messages"] == 2)
        self.assertEqual(moved(before, scopes()), {k: (2, 2) for k in before})

    def test_2_the_same_message_confirmed_twice_counts_once(self):
        # The portal is slower than the relay's lease (2 s): another worker takes the row and
        # delivers it, then the first one's call returns and records its confirmation again.
        settled()
        d = intake(reception, proc)
        wait_for(lambda: sync_of(d["id"])["state"] == "synced")
        before = scopes()
        sim.control(mode="lag", lag_ms=3500, count=1, service="CapNhatTienDoHoSoMC")
        status, v, _ = act(specialist, d["id"], "start_processing")
        self.assertEqual(status, 200, v)
        wait_for(lambda: sync_of(d["id"])["messages"] == 3, timeout=30)  # 1 + the same row recorded twice
        self.assertEqual(sync_of(d["id"])["state"], "synced")
        self.assertEqual(moved(before, scopes()), {k: (0, 0) for k in before})

    def test_3_confirmed_before_reception_counts_when_received(self):
        settled()
        before = scopes()
        d = intake(reception, proc, receive=False)
        wait_for(lambda: sync_of(d["id"])["state"] == "synced")
        self.assertEqual(moved(before, scopes()), {k: (0, 0) for k in before})  # not received: not in the figure
        status, v, _ = act(reception, d["id"], "receive")
        self.assertEqual(status, 200, v)
        wait_for(lambda: sync_of(d["id"])["state"] == "synced" and sync_of(d["id"])["messages"] == 2)
        self.assertEqual(moved(before, scopes()), {k: (1, 1) for k in before})

    def test_4_recount_then_tamper_named_and_repaired(self):
        settled()
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr)
        self.assertIn("0 chỗ lệch", r.stdout)
        self.assertNotIn(" 0 dòng hồ sơ đã đồng bộ", r.stdout)
        right = scopes()
        day = today_vn()
        # The agency rollup is what the agency and province figures read; the per-procedure row
        # what a procedure filter reads.
        sql(f"UPDATE kpi_agency_synced SET n = n + 5 WHERE agency_id = '{reception.agency}' AND day = '{day}'")
        sql(f"DELETE FROM kpi_synced WHERE agency_id = '{reception.agency}' AND day = '{day}' AND procedure_id = '{proc}'")
        self.assertEqual(moved(right, scopes()), {"agency": (5, 0), "province": (5, 0), "procedure": (-right["procedure"][0], 0)})
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 3, r.stdout[-2000:])
        self.assertIn(f"LỆCH: Bộ đếm hồ sơ đã đồng bộ theo cơ quan (cơ quan {reception.agency}, ngày tiếp nhận {day}): lưu "
                      f"{right['agency'][0] + 5}, đếm lại từ dvcqg_sync {right['agency'][0]}.", r.stdout)
        self.assertIn(f"LỆCH: Bộ đếm hồ sơ đã đồng bộ (cơ quan {reception.agency}, ngày tiếp nhận {day}, thủ tục {proc}):"
                      f" không có dòng lưu, đếm lại từ dvcqg_sync {right['procedure'][0]}.", r.stdout)
        r = server.run("kpi-verify", "--repair", check=False)
        self.assertEqual(r.returncode, 3)
        self.assertIn("Đã ghi lại bộ đếm", r.stdout)
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-2000:])
        self.assertEqual(scopes(), right)


if __name__ == "__main__":
    unittest.main()
