"""kill -9 during a stream of intakes: every acknowledged dossier survives; the audit chain holds."""
import threading
import time
import unittest

from harness import Client, Server, act, as_staff, long_procedure_for
import signal


class CrashRecovery(unittest.TestCase):
    def test_kill_during_intake_stream(self):
        server = Server().setup()
        # Durability, not the lookup limit, is tested here: every acknowledged code is looked up.
        server.env["MOTCUA_LOOKUP_PER_MINUTE"] = "1000000"
        server.start()
        try:
            c = as_staff(server, "reception", "commune_committee")
            proc = long_procedure_for(c, c.agency)
            acked, lock, stop = [], threading.Lock(), threading.Event()

            def writer(i):
                w = Client(server)
                w.cookie, w.csrf = c.cookie, c.csrf
                n = 0
                while not stop.is_set():
                    n += 1
                    try:
                        status, body, _ = w.post("/api/v1/dossiers", {
                            "procedure_id": proc, "channel": 1, "receive": True,
                            "applicant": {"kind": "citizen", "full_name": f"Người thử {i}-{n}",
                                          "id_number": "051090001234"}})
                    except OSError:
                        return
                    if status == 201:
                        with lock:
                            acked.append(body["code"])

            threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
            for t in threads:
                t.start()
            time.sleep(1.5)
            server.kill(signal.SIGKILL)
            stop.set()
            for t in threads:
                t.join()
            self.assertGreater(len(acked), 10)
            server.start()
            public = Client(server)
            for code in acked:
                status, body, _ = public.get("/api/v1/public/dossiers/" + code)
                self.assertEqual(status, 200, code)
                self.assertEqual(body["status"]["national_code"], 2)
            self.assertEqual(len(set(acked)), len(acked))
            server.kill()
            out = server.run("audit-verify")
            self.assertIn("nguyên vẹn", out.stdout)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
