#!/usr/bin/env python3
"""A real SMTP server on loopback for the notification tests (aiosmtpd, Debian's python3-aiosmtpd):
every message it accepts is written to DIR as <n>.eml (the bytes as received) with <n>.json
({"mail_from", "rcpt_tos"}). Usage: smtp_sink.py --port N --dir DIR

A test makes the server refuse the next N messages with a temporary failure (451) by writing N
to DIR/.fail (a relay retry is then seen end to end)."""
import argparse
import json
import os
import threading
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.n = 0
        self.lock = threading.Lock()

    def _refuse(self):
        path = os.path.join(self.dir, ".fail")
        with self.lock:
            try:
                with open(path) as f:
                    n = int(f.read().strip() or 0)
            except (OSError, ValueError):
                return False
            if n <= 0:
                return False
            with open(path, "w") as f:
                f.write(str(n - 1))
            return True

    async def handle_DATA(self, server, session, envelope):
        if self._refuse():
            return "451 4.3.0 Temporary failure, try again later"
        with self.lock:
            self.n += 1
            n = self.n
        base = os.path.join(self.dir, f"{n:05d}")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=a.port)
    c.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        c.stop()


if __name__ == "__main__":
    main()
