"""Two `motcua serve` processes on one PostgreSQL database; one is killed (-9) in the middle of a
stream of intakes through both. Every acknowledged dossier (201) is in the store, with its
history, and `motcua audit-verify` proves the audit chains whole.

PostgreSQL only (MOTCUA_TEST_PG, which scripts/run_tests.sh exports); skipped without it.
"""
import os
import signal
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api"))
from harness import BIN, Client, Server, as_staff, long_procedure_for  # noqa: E402


class Peer(Server):
    """A second process on the first one's database (no schema reset, no migrate, no seed)."""

    def __init__(self, first):  # noqa: super-init-not-called - shares the first server's store
        import tempfile
        from harness import free_port
        self.engine = first.engine
        self.dir = tempfile.mkdtemp(prefix="motcua-peer-")
        self.port = free_port()
        self.proc = None
        self.db = first.db
        self.env = dict(first.env, MOTCUA_PORT=str(self.port), MOTCUA_FILES_DIR=os.path.join(self.dir, "files"))


@unittest.skipUnless(os.environ.get("MOTCUA_TEST_PG"), "MOTCUA_TEST_PG not set (scripts/run_tests.sh starts a cluster)")
class TwoProcessesOnePostgres(unittest.TestCase):
    def test_kill_one_of_two_during_intake(self):
        a = Server("postgres").setup().start()
        b = Peer(a).start()
        try:
            desk = as_staff(a, "reception", "commune_committee")
            proc = long_procedure_for(desk, desk.agency)
            acked = {a.port: [], b.port: []}
            lock, stop = threading.Lock(), threading.Event()
            errors = {"refused": 0, "other": []}

            def writer(server, i):
                w = Client(server)
                w.cookie, w.csrf = desk.cookie, desk.csrf  # sessions live in the store: valid on both
                n = 0
                while not stop.is_set():
                    n += 1
                    try:
                        status, body, _ = w.post("/api/v1/dossiers", {
                            "procedure_id": proc, "channel": 1, "receive": True,
                            "applicant": {"kind": "citizen", "full_name": f"Người thử {server.port}-{i}-{n}",
                                          "id_number": "051090001234"}})
                    except OSError:  # the killed process: no answer, nothing acknowledged
                        with lock:
                            errors["refused"] += 1
                        if server is b and b.proc is None:
                            return
                        w = Client(server)
                        w.cookie, w.csrf = desk.cookie, desk.csrf
                        time.sleep(0.01)
                        continue
                    if status == 201:
                        with lock:
                            acked[server.port].append((body["id"], body["code"]))
                    elif len(errors["other"]) < 5:
                        with lock:
                            errors["other"].append((status, body))

            threads = [threading.Thread(target=writer, args=(s, i)) for s in (a, b) for i in range(6)]
            for t in threads:
                t.start()
            time.sleep(2.0)
            before_kill = len(acked[b.port])
            b.proc.send_signal(signal.SIGKILL)  # in the middle of its transactions
            b.proc.wait(timeout=20)
            b.proc = None
            time.sleep(1.5)  # the survivor goes on
            stop.set()
            for t in threads:
                t.join(timeout=30)
            self.assertGreater(before_kill, 10, "the second process took part before it was killed")
            self.assertGreater(len(acked[a.port]), 10)
            self.assertEqual(errors["other"], [], "only 201 or no answer at all")

            # Every acknowledged dossier is in the store, received, whichever process answered it
            # (read by the desk: the public lookup is rate-limited).
            acks = acked[a.port] + acked[b.port]
            codes = [c for _, c in acks]
            self.assertEqual(len(set(codes)), len(codes), "codes are unique across the two processes")
            reader = Client(a)
            reader.cookie, reader.csrf = desk.cookie, desk.csrf
            for dossier_id, code in acks:
                status, view, _ = reader.get("/api/v1/dossiers/" + dossier_id)
                self.assertEqual(status, 200, code)
                self.assertEqual(view["code"], code)
                self.assertEqual(view["state"]["id"], "received", code)
                self.assertTrue(view["history"], code)
            a.kill()
            n = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-c",
                                "SELECT count(*), count(DISTINCT chain) FROM audit_log WHERE action = 'dossier.intake'"],
                               check=True, capture_output=True, text=True).stdout.strip().split("|")
            self.assertGreaterEqual(int(n[0]), len(codes), "one audit record per acknowledged intake at least")
            self.assertGreater(int(n[1]), 1, "the writers appended to several chains")
            out = a.run("audit-verify", check=False)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
            self.assertIn("nguyên vẹn", out.stdout)
        finally:
            b.stop()
            a.stop()


if __name__ == "__main__":
    unittest.main()
