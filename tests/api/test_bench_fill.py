"""`motcua bench-fill` writes what the transactions would have (issue 14): each synthetic dossier
gets the history its state implies, and the KPI counters that history moves, so `kpi-verify`
recounts them from the dossiers and finds no difference; the closed months' rollups are built
at its end; the control sheets their states imply and the step-time counter (kpi_step) their
steps left move; with --synced, the dossiers the national portal confirmed and the synced and
progress-published counters (migrations 027, 034) as the relay's sink writes them. Runs on the
store MOTCUA_TEST_DB names (sqlite or postgres)."""
import os
import sqlite3
import subprocess
import unittest

from harness import Server

server = None


def setUpModule():
    global server
    server = Server().setup()
    server.run("bench-fill", "--count", "2500", "--synced", "70")


def tearDownModule():
    server.stop()


def sql(statement):
    if server.engine == "postgres":
        out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-q", "-c", statement],
                             check=True, capture_output=True, text=True).stdout
        return [line.split("|") for line in out.splitlines() if line]
    db = sqlite3.connect(server.db[len("sqlite:"):])
    rows = [[str(v) for v in r] for r in db.execute(statement).fetchall()]
    db.close()
    return rows


class BenchFill(unittest.TestCase):
    def test_kpi_verify_agrees_with_the_counters_it_wrote(self):
        r = server.run("kpi-verify", check=False)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr)
        self.assertIn("Đã đếm lại 2500 hồ sơ", r.stdout)
        self.assertIn("; 0 chỗ lệch.", r.stdout)

    def test_the_confirmed_dossiers_and_their_counter(self):
        # 70 of each 100 dossiers confirmed, once each; the counter holds the received ones.
        self.assertEqual(sql("SELECT COUNT(*), COUNT(DISTINCT dossier_id) FROM dvcqg_sync"), [["1750", "1750"]])
        received = sql("SELECT COUNT(*) FROM dvcqg_sync s JOIN dossiers d ON d.id = s.dossier_id"
                       " WHERE d.received_at > 0 AND s.received_at = d.received_at AND s.agency_id = d.competent_agency_id")[0][0]
        self.assertGreater(int(received), 1000)
        self.assertEqual(sql("SELECT SUM(n) FROM kpi_synced")[0][0], received)
        self.assertEqual(sql("SELECT SUM(n) FROM kpi_agency_synced")[0][0], received)

    def test_the_confirmed_decisions_and_their_counter(self):
        # Progress published (migration 034): of the confirmed dossiers, the decided ones (resolved
        # or returned: 5 of each 10 states) hold their decision, counted once on its day.
        decided = sql("SELECT COUNT(*) FROM dvcqg_sync s JOIN dossiers d ON d.id = s.dossier_id"
                      " WHERE s.decided_at = d.resolved_at AND d.state IN ('resolved', 'returned')")[0][0]
        self.assertEqual(sql("SELECT COUNT(*) FROM dvcqg_sync WHERE decided_at > 0")[0][0], decided)
        self.assertGreater(int(decided), 800)
        self.assertEqual(sql("SELECT SUM(n) FROM kpi_progress")[0][0], decided)
        self.assertEqual(sql("SELECT SUM(n) FROM kpi_agency_progress")[0][0], decided)

    def test_the_history_matches_each_state(self):
        # Every dossier has its submission; a received one its reception; a returned one its
        # decision and its return, in that order.
        self.assertEqual(sql("SELECT COUNT(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_events e"
                             " WHERE e.dossier_id = d.id AND e.action = 'submit')")[0][0], "0")
        self.assertEqual(sql("SELECT COUNT(*) FROM dossiers WHERE state <> 'submitted' AND id NOT IN"
                             " (SELECT dossier_id FROM dossier_events WHERE action = 'receive')")[0][0], "0")
        self.assertEqual(sql("SELECT COUNT(*) FROM dossiers WHERE state = 'submitted' AND COALESCE(received_at, 0) <> 0")[0][0], "0")
        last = sql("SELECT e.action FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.state = 'returned'"
                   " AND e.id = (SELECT MAX(id) FROM dossier_events WHERE dossier_id = d.id) GROUP BY e.action")
        self.assertEqual(last, [["return_result"]])
        received = int(sql("SELECT SUM(received) FROM kpi_daily")[0][0])
        self.assertEqual(received, int(sql("SELECT COUNT(*) FROM dossiers WHERE state <> 'submitted'")[0][0]))

    def test_the_control_sheets_and_the_step_counter(self):
        # Reception writes step 1 done and opens step 2; a decision leaves the open step and opens
        # the next, the return leaves that one: 1 step left per resolved dossier, 2 per returned
        # (one in ten resolved, four in ten returned). kpi_step counts each (kpi-verify recounts
        # their minutes from the sheets: the first test).
        left = sql("SELECT d.state, COUNT(*) FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id"
                   " WHERE s.finished_at > s.started_at GROUP BY d.state ORDER BY d.state")
        self.assertEqual(left, [["resolved", "250"], ["returned", "2000"]])
        self.assertEqual(sql("SELECT SUM(n) FROM kpi_step")[0][0], "2250")
        self.assertEqual(sql("SELECT COUNT(*) FROM dossiers WHERE state <> 'submitted' AND id NOT IN"
                             " (SELECT dossier_id FROM dossier_steps WHERE step = 1)")[0][0], "0")

    def test_the_closed_months_are_built(self):
        through = sql("SELECT built_through FROM kpi_rollup")[0][0]
        self.assertNotEqual(through, "")
        self.assertEqual(sql("SELECT SUM(received) FROM kpi_month")[0][0],
                         sql("SELECT SUM(received) FROM kpi_daily WHERE day <= '%s-31'" % through)[0][0])
        # The step-time month rollup (migration 036) too: what kpi/steps reads for whole months.
        steps = sql("SELECT SUM(n), SUM(minutes) FROM kpi_step WHERE day <= '%s-31'" % through)[0]
        self.assertNotEqual(steps[0], "0")
        self.assertEqual(sql("SELECT SUM(n), SUM(minutes) FROM kpi_step_month")[0], steps)


if __name__ == "__main__":
    unittest.main()
