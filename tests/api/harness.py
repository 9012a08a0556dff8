"""Black-box harness: starts real `motcua` processes on SQLite or PostgreSQL and talks HTTP.

Environment: MOTCUA_BIN (default build/motcua), MOTCUA_TEST_DB (sqlite | postgres),
MOTCUA_TEST_PG (libpq conninfo of a throw-away cluster, for postgres).
"""
import datetime
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.request
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
SEED = os.path.join(ROOT, "data", "seed")
ENGINE = os.environ.get("MOTCUA_TEST_DB", "sqlite")
PASSWORD_FILE = os.path.join(SEED, "staff.json")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, deadline=15):
    """Until something listens on the loopback port (a simulator just started)."""
    end = time.time() + deadline
    while time.time() < end:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.connect()
            c.close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"port {port} did not open")


def wait_for(what, check, timeout=20):
    """check()'s first truthy value, polled until `timeout` seconds (then the test fails)."""
    end = time.time() + timeout
    while time.time() < end:
        v = check()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class SimProcess:
    """A simulator of tools/sim/<name>/server.py as a separate process on a free loopback port, with
    the `/_sim/received` and `/_sim/control` routes (DVCQG, the population database)."""

    def __init__(self, name):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def spawn(self, args):
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "tools", "sim", self.name, "server.py"),
                                      "--port", str(self.port), *args],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                self.received()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(self.name + " simulator did not start")

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read().decode())

    def received(self):
        return self.call("GET", "/_sim/received")

    def control(self, **kw):
        return self.call("POST", "/_sim/control", kw)

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()


def staff_accounts():
    with open(PASSWORD_FILE, encoding="utf-8") as f:
        return json.load(f)


def account(role, agency_type=None, agency=None, exclude_agency=None):
    """First demo account holding `role` at an agency of `agency_type` (or the named agency)."""
    with open(os.path.join(SEED, "agencies.json"), encoding="utf-8") as f:
        agencies = {a["id"]: a for a in json.load(f)}
    for s in staff_accounts()["staff"]:
        for g in s["grants"]:
            a = agencies.get(g["agency"], {})
            if g["role"] != role or a.get("valid_to"):
                continue
            if agency and g["agency"] != agency:
                continue
            if agency_type and a.get("type") != agency_type:
                continue
            if exclude_agency and g["agency"] == exclude_agency:
                continue
            return s["username"], s["password"], g["agency"]
    raise LookupError(f"no demo account with role {role} at {agency_type or agency}")


class Server:
    """One motcua process over a fresh store (a temp SQLite file or an emptied PG schema)."""

    def __init__(self, engine=ENGINE):
        self.engine = engine
        self.dir = tempfile.mkdtemp(prefix="motcua-api-")
        self.port = free_port()
        self.proc = None
        if engine == "postgres":
            conninfo = os.environ.get("MOTCUA_TEST_PG")
            if not conninfo:
                raise RuntimeError("MOTCUA_TEST_PG is not set (scripts/run_tests.sh starts a cluster)")
            self.db = "postgres:" + conninfo
            subprocess.run(["psql", conninfo, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                            "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"],
                           check=True, capture_output=True)
        else:
            self.db = "sqlite:" + os.path.join(self.dir, "motcua.db")
        # Uploaded files stay in the server's temp dir (never in the checkout's var/).
        self.env = dict(os.environ, MOTCUA_DB=self.db, MOTCUA_PORT=str(self.port),
                        MOTCUA_ADDRESS="127.0.0.1", MOTCUA_SEED_DIR=SEED,
                        MOTCUA_FILES_DIR=os.path.join(self.dir, "files"))

    def run(self, *args, check=True):
        return subprocess.run([BIN, *args], env=self.env, capture_output=True, text=True, check=check,
                              timeout=300)

    def setup(self):
        self.run("migrate")
        self.run("seed")
        return self

    def start(self):
        self.log = open(os.path.join(self.dir, "server.log"), "ab")
        self.proc = subprocess.Popen([BIN, "serve"], env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("motcua serve exited: " + open(os.path.join(self.dir, "server.log")).read())
            try:
                status, _, _ = Client(self).get("/api/v1/health")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("motcua serve did not become healthy")

    def kill(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if getattr(self, "log", None):
            self.log.close()
            self.log = None

    def stop(self):
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class Client:
    """A browser-like client: keeps the session cookie and sends the CSRF token it was given."""

    def __init__(self, server):
        self.server = server
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h.setdefault("Cookie", self.cookie)
        if self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        payload = resp.read()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie":
                self.cookie = v.split(";", 1)[0]
        conn.close()
        ctype = resp.getheader("Content-Type", "")
        parsed = json.loads(payload) if payload and "json" in ctype else payload
        return resp.status, parsed, dict((k.lower(), v) for k, v in resp.getheaders())

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def login(self, username, password):
        status, body, _ = self.post("/api/v1/auth/login", {"username": username, "password": password})
        if status != 200:
            raise AssertionError(f"login {username} failed: {status} {body}")
        self.csrf = body["csrf_token"]
        return body

    def login_citizen(self, personal_id, name="Công dân thử nghiệm"):
        status, body, _ = self.post("/api/v1/auth/citizen-dev-login", {"personal_id": personal_id, "full_name": name})
        if status != 200:
            raise AssertionError(f"citizen login failed: {status} {body}")
        self.csrf = body["csrf_token"]
        return body


DEMO_PASSWORD = "MotCua@2026"


def logged_in(server, username, password=DEMO_PASSWORD):
    """A client logged in as a demo account (or another, with its password)."""
    c = Client(server)
    c.login(username, password)
    return c


def as_staff(server, role, agency_type=None, agency=None, exclude_agency=None):
    user, pw, ag = account(role, agency_type, agency, exclude_agency)
    c = Client(server)
    c.login(user, pw)
    c.agency = ag
    return c


def applicant(personal_id="051090001234", name="Nguyễn Văn An"):
    return {"kind": "citizen", "full_name": name, "id_number": personal_id, "phone": "0905123456",
            "address": "Thôn 1"}


def procedure_for(client, agency):
    status, body, _ = client.get("/api/v1/procedures?agency=" + agency)
    assert status == 200, body
    for p in body["items"]:
        if p["time_limit"]["unit"] in ("working_days", "working_hours", "calendar_days"):
            return p["id"]
    return body["items"][0]["id"]


_username_seq = [0]


def new_username(prefix="canbo"):
    """A staff username not used before in this run (letters, digits and dots, as required)."""
    _username_seq[0] += 1
    return f"{prefix}{_username_seq[0]}.thu{datetime.datetime.now().strftime('%H%M%S')}"


def new_key():
    return str(uuid.uuid4())


def long_procedure_for(client, agency, min_days=3):
    """A procedure of `agency` with a time limit of at least `min_days` working days."""
    status, body, _ = client.get("/api/v1/procedures?agency=" + agency)
    assert status == 200, body
    for p in body["items"]:
        t = p["time_limit"]
        if t["unit"] == "working_days" and t["amount"] >= min_days:
            return p["id"]
    raise LookupError(f"no procedure of {agency} with >= {min_days} working days")


def intake(client, procedure_id, receive=True, person="051090001234", name="Nguyễn Văn An", key=None):
    headers = {"Idempotency-Key": key} if key else None
    status, body, _ = client.post("/api/v1/dossiers", {"procedure_id": procedure_id, "channel": 1,
                                                       "receive": receive, "applicant": applicant(person, name)},
                                  headers=headers)
    assert status == 201, (status, body)
    return body


def act(client, dossier_id, action, **fields):
    return client.post(f"/api/v1/dossiers/{dossier_id}/actions/{action}", fields)


def today_vn():
    """Today's date in Vietnam (UTC+7), YYYY-MM-DD."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).strftime("%Y-%m-%d")


def result_document(**over):
    """A result document as the leader records it at approval (number, date, signer, return)."""
    r = {"number": "125/QĐ-UBND", "date": today_vn(), "signer": "Nguyễn Văn Lãnh", "return_method": "counter"}
    r.update(over)
    return r


_desk_clients = {}


def desk_client(server, role, agency):
    """A client logged in as the demo holder of `role` at `agency` (one login per server)."""
    key = (id(server), role, agency)
    if key not in _desk_clients:
        _desk_clients[key] = as_staff(server, role, agency=agency)
    return _desk_clients[key]


def open_step(view):
    """The control sheet's open step, or None."""
    steps = [s for s in view["control_sheet"] if s["finished_at"] is None]
    return steps[-1] if steps else None


def to_leader_step(server, dossier_id):
    """Hands an in-progress dossier on, step by step, each step closed by a holder of its role and
    given to a holder of the next, until the leader's (decision) step is open. Returns the view."""
    while True:
        step = open_step(_read_as_step_holder(server, dossier_id))
        client = desk_client(server, step["role"], step["agency_id"])
        status, view, _ = client.get("/api/v1/dossiers/" + dossier_id)
        assert status == 200, view
        if step["role"] == "leader":
            return view
        choice = next(c for c in view["step_choices"] if c["action"] == "handover")
        status, view, _ = act(client, dossier_id, "handover", assignee_id=choice["candidates"][0]["id"])
        assert status == 200, view


def _read_as_step_holder(server, dossier_id):
    status, view, _ = desk_client(server, "province_monitor", "ubnd-tinh").get("/api/v1/dossiers/" + dossier_id)
    assert status == 200, view
    return view


def decide(server, dossier_id, action="resolve_granted", **fields):
    """Takes an in-progress dossier to its leader's step and has the leader decide. A grant carries
    a result document unless `result` is given. Returns (status, body, headers)."""
    view = to_leader_step(server, dossier_id)
    if action == "resolve_granted" and "result" not in fields:
        fields["result"] = result_document()
    leader = desk_client(server, "leader", view["competent_agency_id"])
    return act(leader, dossier_id, action, **fields)
