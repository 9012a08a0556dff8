"""The HTTP layer over raw sockets: RFC 9112 framing (no request smuggling), bodies refused from
the header before they are read, memory that stays bounded under anonymous large bodies, and
the cap on connections per client address.

`python3 test_http_framing.py measure` prints the memory figures of docs/performance.md for the
binary in MOTCUA_BIN (any version: it only needs the routes).
"""
import json
import os
import socket
import sys
import threading
import time
import unittest

from harness import Server, as_staff, intake, long_procedure_for

server = None
MB = 1 << 20
PER_IP = 60


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_MAX_CONN_PER_IP"] = str(PER_IP)
    server.setup().start()


def tearDownModule():
    server.stop()


class Conn:
    """A raw client connection that keeps what it received beyond one response."""

    def __init__(self, port, timeout):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rest = b""

    def sendall(self, data):
        self.sock.sendall(data)

    def recv(self, n):
        return self.sock.recv(n)

    def close(self):
        self.sock.close()


def connect(port, timeout=5.0):
    return Conn(port, timeout)


def read_response(s):
    """(status, headers, body) of one response, or None on EOF / reset / timeout."""
    buf = s.rest
    try:
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(65536)
            if not chunk:
                return None
            buf += chunk
        head, buf = buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        n = int(headers.get("content-length", "0"))
        while len(buf) < n:
            chunk = s.recv(65536)
            if not chunk:
                return None
            buf += chunk
        body, rest = buf[:n], buf[n:]
    except (ConnectionResetError, socket.timeout, BrokenPipeError):
        return None
    s.rest = rest
    return status, headers, body


def closed_by_peer(s):
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def post_header(path, length, extra=""):
    return (f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {length}\r\n\r\n").encode()


def json_route_flood(port, n=50, length=20 * MB):
    """n anonymous connections announce `length` bytes to a JSON route and trickle 1 KB.
    Returns (statuses, slowest answer in seconds)."""
    socks, statuses, slowest = [], [], 0.0
    for _ in range(n):
        s = connect(port)
        socks.append(s)
    t0 = time.time()
    for s in socks:
        s.sendall(post_header("/api/v1/dossiers", length) + b"{" + b" " * 1023)
    for s in socks:
        r = read_response(s)
        statuses.append(r[0] if r else None)
        slowest = max(slowest, time.time() - t0)
    for s in socks:
        s.close()
    return statuses, slowest


def upload_flood(port, n=50, length=20 * MB, cookie=None, path="/api/v1/dossiers/x/documents", extra_headers=""):
    """n connections each push a whole `length`-byte body to the upload route at once.
    Returns (statuses, peak RSS in kB seen while they push)."""
    statuses = [None] * n
    extra = (f"Cookie: {cookie}\r\n" if cookie else "") + extra_headers
    block = b"\0" * (256 << 10)

    def one(i):
        try:
            s = connect(port, timeout=20)
        except OSError:
            return
        try:
            s.sendall(post_header(path, length, extra + "Content-Type: application/pdf\r\n"))
            s.sendall(b"%PDF-1.4\n")
            sent = 9
            while sent < length:
                s.sendall(block[: min(len(block), length - sent)])
                sent += min(len(block), length - sent)
        except OSError:
            pass  # the server refused and closed: expected without a session
        r = read_response(s)
        statuses[i] = r[0] if r else None
        s.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    peak = 0
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss_kb(server.proc.pid))
        time.sleep(0.02)
    return statuses, peak


class Framing(unittest.TestCase):
    SMUGGLED = b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"

    def exchange(self, raw):
        s = connect(server.port, timeout=3)
        s.sendall(raw)
        first = read_response(s)
        second = read_response(s) if first else None
        s.close()
        return first, second

    def test_transfer_encoding_other_than_chunked_is_refused_and_closes(self):
        cases = [
            ("Transfer-Encoding: xchunked\r\n", 501),
            ("Transfer-Encoding: gzip, chunked\r\n", 501),
            ("Transfer-Encoding: chunked, chunked\r\n", 400),
            ("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400),
            ("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400),
            (f"Content-Length: {len(self.SMUGGLED)}\r\nTransfer-Encoding: xchunked\r\n", 400),
            (f"Transfer-Encoding: xchunked\r\nContent-Length: {len(self.SMUGGLED)}\r\n", 400),
        ]
        for headers, code in cases:
            with self.subTest(headers=headers):
                raw = (f"POST /api/v1/auth/logout HTTP/1.1\r\nHost: t\r\n{headers}\r\n").encode() + self.SMUGGLED
                first, second = self.exchange(raw)
                self.assertIsNotNone(first)
                self.assertEqual(first[0], code, first)
                self.assertEqual(first[1].get("connection"), "close")
                self.assertTrue(first[1]["content-type"].startswith("application/problem+json"))
                self.assertIn("Transfer-Encoding", first[2].decode())
                problem = json.loads(first[2])
                self.assertEqual(problem["type"], "https://motcua.vn/problems/" +
                                 ("unsupported_transfer_coding" if code == 501 else "bad_framing"))
                self.assertIsNone(second, "the smuggled request was answered")

    def test_chunked_still_works(self):
        body = b'{"username":"x","password":"y"}'
        raw = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
               b"Origin: http://127.0.0.1:%d\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
               % (server.port, len(body), body)) + self.SMUGGLED
        first, second = self.exchange(raw)
        self.assertIsNotNone(first)
        self.assertNotIn(first[0], (400, 413, 501), first)
        self.assertIsNotNone(second)
        self.assertEqual(second[0], 200)  # the next request on the connection, as framed

    def test_exactly_one_host(self):
        for raw in (b"GET /api/v1/health HTTP/1.1\r\n\r\n",
                    b"GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"):
            with self.subTest(raw=raw):
                first, second = self.exchange(raw + self.SMUGGLED)
                self.assertEqual(first[0], 400, first)
                self.assertIn("Host", first[2].decode())
                self.assertTrue(json.loads(first[2])["type"].endswith("/bad_host"))
                self.assertIsNone(second)
        first, _ = self.exchange(b"GET /api/v1/health HTTP/1.0\r\n\r\n")
        self.assertEqual(first[0], 200)


class BodiesBeforeReading(unittest.TestCase):
    def test_json_route_refuses_large_content_length_at_once(self):
        before = rss_kb(server.proc.pid)
        statuses, slowest = json_route_flood(server.port)
        self.assertEqual(statuses, [413] * 50)
        self.assertLess(slowest, 2.0)
        self.assertLess(rss_kb(server.proc.pid) - before, 20 * 1024)

    def test_upload_without_session_is_401_before_its_body_and_memory_stays_bounded(self):
        before = rss_kb(server.proc.pid)
        statuses, peak = upload_flood(server.port)
        after = rss_kb(server.proc.pid)
        self.assertTrue(all(s in (401, None) for s in statuses), statuses)
        self.assertGreater(statuses.count(401), 40, statuses)
        self.assertLess(peak - before, 50 * 1024, (before, peak, after))
        self.assertLess(after - before, 50 * 1024, (before, peak, after))

    def test_upload_with_session_is_read(self):
        desk = as_staff(server, "reception", "commune_committee")
        d = intake(desk, long_procedure_for(desk, desk.agency))
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"0" * (3 * MB)
        status, doc, _ = desk.request("POST", f"/api/v1/dossiers/{d['id']}/documents?name=a.pdf&component=x",
                                      raw=pdf, headers={"Content-Type": "application/pdf"})
        self.assertEqual(status, 201, doc)
        # The same without the CSRF token: refused from the header (403), body unread.
        s = connect(server.port)
        s.sendall(post_header(f"/api/v1/dossiers/{d['id']}/documents", len(pdf),
                              f"Cookie: {desk.cookie}\r\n"))
        r = read_response(s)
        self.assertEqual(r[0], 403, r)
        self.assertTrue(closed_by_peer(s))
        s.close()

    def test_memory_is_returned_after_uploads_with_a_session(self):
        desk = as_staff(server, "reception", "commune_committee")
        proc = long_procedure_for(desk, desk.agency)
        d = intake(desk, proc)
        before = rss_kb(server.proc.pid)
        statuses, peak = upload_flood(server.port, n=20, cookie=desk.cookie,
                                      path=f"/api/v1/dossiers/{d['id']}/documents?name=a.pdf&component=x",
                                      extra_headers=f"X-CSRF-Token: {desk.csrf}\r\n")
        # Every body is read (uploads go to disk, none waits for memory): stored while the
        # dossier has room, then 413; 400 MB pushed at once, memory barely moves.
        self.assertEqual(sorted(statuses), [201] * 5 + [413] * 15)  # 5 × 20 MB fill the dossier's 100 MB
        self.assertLess(peak - before, 50 * 1024)
        time.sleep(2)
        self.assertLess(rss_kb(server.proc.pid) - before, 50 * 1024)
        # Nothing is left in the spool once the answers are out.
        spool = os.path.join(server.dir, "files", ".incoming")
        self.assertEqual(os.listdir(spool) if os.path.isdir(spool) else [], [])

    def test_connections_per_address_are_capped(self):
        socks = [connect(server.port) for _ in range(PER_IP)]
        try:
            for s in socks[:3]:
                s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n")
                self.assertEqual(read_response(s)[0], 200)
            extra = connect(server.port)
            extra.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n")
            r = read_response(extra)
            self.assertEqual(r[0], 503, r)
            self.assertIn("retry-after", r[1])
            extra.close()
        finally:
            for s in socks:
                s.close()
        time.sleep(0.2)
        s = connect(server.port)
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n")
        self.assertEqual(read_response(s)[0], 200)
        s.close()


def measure():
    """Memory of the server under the two floods, for docs/performance.md."""
    global server
    server = Server()
    server.env["MOTCUA_MAX_CONN_PER_IP"] = "1000"
    server.setup().start()
    try:
        pid = server.proc.pid
        base = rss_kb(pid)
        statuses, slowest = json_route_flood(server.port)
        time.sleep(0.5)
        print(f"JSON route, 50 x Content-Length 20 MB + 1 KB: statuses {sorted(set(statuses), key=str)} "
              f"slowest {slowest:.2f}s; RSS {base/1024:.0f} -> {rss_kb(pid)/1024:.0f} MB")
        base = rss_kb(pid)
        t0 = time.time()
        statuses, peak = upload_flood(server.port)
        time.sleep(1)
        print(f"upload route without session, 50 x 20 MB pushed: statuses "
              f"{ {s: statuses.count(s) for s in set(statuses)} } in {time.time() - t0:.1f}s; "
              f"RSS {base/1024:.0f} -> peak {peak/1024:.0f} -> after {rss_kb(pid)/1024:.0f} MB")
        desk = as_staff(server, "reception", "commune_committee")
        proc = long_procedure_for(desk, desk.agency)
        base = rss_kb(pid)
        t0 = time.time()
        results = []
        for _ in range(5):  # 5 dossiers x 10 uploads of 20 MB, all at once (a dossier holds 100 MB)
            d = intake(desk, proc)
            results.append(threading.Thread(target=lambda d=d: results.append(upload_flood(
                server.port, n=10, cookie=desk.cookie,
                path=f"/api/v1/dossiers/{d['id']}/documents?name=a.pdf&component=x",
                extra_headers=f"X-CSRF-Token: {desk.csrf}\r\n"))))
        threads = [t for t in results if isinstance(t, threading.Thread)]
        peak = 0
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_kb(pid))
            time.sleep(0.02)
        statuses = [x for r in results if isinstance(r, tuple) for x in r[0]]
        time.sleep(1)
        print(f"upload route with a session, 50 x 20 MB pushed: statuses "
              f"{ {s: statuses.count(s) for s in set(statuses)} } in {time.time() - t0:.1f}s; "
              f"RSS {base/1024:.0f} -> peak {peak/1024:.0f} -> after {rss_kb(pid)/1024:.0f} MB")
    finally:
        server.stop()


if __name__ == "__main__":
    if sys.argv[1:] == ["measure"]:
        measure()
    else:
        unittest.main()
