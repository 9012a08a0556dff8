"""VNeID login through OpenID Connect (issue 15) against a real provider process on loopback
(tools/sim/vneid: panva's oidc-provider), the redirect dance driven with urllib, on the store of
MOTCUA_TEST_DB: login → session with the ID number and level; tampered, replayed and foreign
tokens or states refused and audited; a version's level required at online filing; logout ends
both sessions; the development login off in production."""
import http.cookiejar
import json
import os
import random
import re
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from harness import ENGINE, ROOT, Client, Server, as_staff, free_port

SIM = os.path.join(ROOT, "tools", "sim", "vneid")
CLIENT_ID, SECRET = "motcua-test", "bi-mat-cua-ung-dung-thu-nghiem"


class Provider:
    """The simulated VNeID provider (node tools/sim/vneid/server.mjs) for one motcua port."""

    def __init__(self, motcua_port):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        base = f"http://127.0.0.1:{motcua_port}"
        self.log = tempfile.NamedTemporaryFile(prefix="vneid-sim-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            ["node", "server.mjs", "--port", str(self.port), "--client-id", CLIENT_ID, "--client-secret", SECRET,
             "--redirect-uri", base + "/api/v1/auth/vneid/callback", "--post-logout-redirect-uri", base + "/"],
            cwd=SIM, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.issuer + "/.well-known/openid-configuration", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the VNeID simulator did not start")

    def tamper(self, mode):
        req = urllib.request.Request(self.issuer + "/__control/tamper", data=json.dumps({"mode": mode}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=5).read()

    def received(self):
        with urllib.request.urlopen(self.issuer + "/__control/log", timeout=5) as r:
            return json.load(r)["received"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()
        os.unlink(self.log.name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies for both sites (same host, different ports), every redirect seen one by one."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def open(self, url, data=None, headers=None):
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode("utf-8", "replace")

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def person():
    return "0010900" + "".join(random.choice("0123456789") for _ in range(5))


class VneidCase(unittest.TestCase):
    env = {}

    @classmethod
    def setUpClass(cls):
        cls.server = Server(ENGINE)
        cls.provider = Provider(cls.server.port)
        cls.server.env.update(MOTCUA_OIDC_ISSUER=cls.provider.issuer, MOTCUA_OIDC_CLIENT_ID=CLIENT_ID,
                              MOTCUA_OIDC_CLIENT_SECRET=SECRET, **cls.env)
        cls.server.setup().start()
        cls.base = f"http://127.0.0.1:{cls.server.port}"

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.provider.stop()

    def to_callback(self, b, pid, level=2, name="Nguyễn Văn An"):
        """Start at motcua, log in at the provider; the URL the provider sends the browser back to."""
        status, h, _ = b.open(self.base + "/api/v1/auth/vneid/start")
        self.assertEqual(status, 302)
        url = h["Location"]
        for _ in range(10):
            if url.startswith(self.base):
                return url
            status, h, body = b.open(url)
            if status == 200 and "/interaction/" in url:  # the provider's login form
                self.assertIn("MÔ PHỎNG VNeID", body)
                form = urllib.parse.urlencode({"personal_id": pid, "full_name": name, "birthdate": "1990-05-12",
                                               "level": str(level)}).encode()
                status, h, body = b.open(url + "/login", data=form)
            self.assertEqual(status, 303, body[:500])  # the provider redirects with 303 See Other
            url = urllib.parse.urljoin(url, h["Location"])
        self.fail("no callback")

    def login(self, pid, level=2, b=None):
        b = b or Browser()
        status, h, body = b.open(self.to_callback(b, pid, level))
        self.assertEqual(status, 302, body)
        self.assertEqual(h["Location"], "/")
        return b, self.client_of(b)

    def client_of(self, b):
        c = Client(self.server)
        token = b.cookie("motcua_session")
        c.cookie = f"motcua_session={token}" if token else None
        status, me, _ = c.get("/api/v1/auth/me")
        if status == 200:
            c.csrf = me["csrf_token"]
        c.me = me if status == 200 else None
        return c

    def refused_at_callback(self, b, url, code):
        session = b.cookie("motcua_session")
        status, h, body = b.open(url, headers={"Accept": "application/json"})
        self.assertEqual(status, 401, body)
        self.assertEqual(json.loads(body)["type"], "https://motcua.vn/problems/" + code, body)
        self.assertEqual(b.cookie("motcua_session"), session)  # no session given
        return json.loads(body)

    def audit(self, action):
        """(actor, object, detail) of the audit records with this action, oldest first."""
        sql = f"SELECT actor, object, detail FROM audit_log WHERE action = '{action}' ORDER BY seq"
        if ENGINE == "postgres":
            out = subprocess.run(["psql", os.environ["MOTCUA_TEST_PG"], "-At", "-F", "\t", "-c", sql],
                                 capture_output=True, text=True, check=True).stdout
            rows = [line.split("\t", 2) for line in out.splitlines() if line]
        else:
            import sqlite3
            db = sqlite3.connect(self.server.db[len("sqlite:"):])
            rows = db.execute(sql).fetchall()
            db.close()
        return [(a, o, json.loads(d)) for a, o, d in rows]


class Login(VneidCase):
    def test_start_asks_for_a_code_with_pkce_state_and_nonce(self):
        b = Browser()
        status, h, _ = b.open(self.base + "/api/v1/auth/vneid/start")
        self.assertEqual(status, 302)
        url = urllib.parse.urlsplit(h["Location"])
        q = dict(urllib.parse.parse_qsl(url.query))
        self.assertEqual(f"{url.scheme}://{url.netloc}{url.path}", self.provider.issuer + "/auth")
        self.assertEqual(q["response_type"], "code")
        self.assertEqual(q["client_id"], CLIENT_ID)
        self.assertEqual(q["redirect_uri"], self.base + "/api/v1/auth/vneid/callback")
        self.assertIn("openid", q["scope"].split())
        self.assertEqual(q["code_challenge_method"], "S256")
        self.assertRegex(q["code_challenge"], r"^[A-Za-z0-9_-]{43}$")
        self.assertGreaterEqual(len(q["state"]), 32)
        self.assertGreaterEqual(len(q["nonce"]), 32)
        self.assertIsNotNone(b.cookie("motcua_vneid"))  # the login is bound to this browser

    def test_login_gives_a_citizen_session_with_id_number_and_level(self):
        pid = person()
        b, c = self.login(pid, level=2)
        self.assertIsNotNone(c.me, "no session after the callback")
        user = c.me["user"]
        self.assertEqual((user["kind"], user["id"], user["login_method"], user["assurance_level"]),
                         ("citizen", pid, "vneid", 2))
        self.assertEqual(user["full_name"], "Nguyễn Văn An")
        self.assertIsNone(b.cookie("motcua_vneid"))  # spent
        logins = [d for a, o, d in self.audit("login") if o == "citizen:" + pid]
        self.assertEqual([(d["method"], d["assurance"], d["acr"]) for d in logins], [("vneid", 2, "urn:vneid:loa:2")])
        # The provider saw a code exchanged with its PKCE verifier.
        self.assertTrue(any(r["path"] == "/token" and r["status"] == 200 and r["pkce"] for r in self.provider.received()))
        # Level 1 gives level 1.
        _, c1 = self.login(person(), level=1)
        self.assertEqual(c1.me["user"]["assurance_level"], 1)

    def test_the_applicant_is_prefilled_from_the_login(self):
        pid = person()
        _, c = self.login(pid, level=2)
        status, d, _ = c.post("/api/v1/dossiers", {"procedure_id": "1.001193@v1", "channel": 2,
                                                   "applicant": {"kind": "citizen"}})
        self.assertEqual(status, 201, d)
        self.assertEqual((d["applicant"]["full_name"], d["applicant"]["id_number"]), ("Nguyễn Văn An", pid))

    def test_not_configured_start_is_404_on_a_server_without_it(self):
        plain = Server("sqlite")  # about configuration, not the store (PostgreSQL's schema is in use)
        try:
            plain.setup().start()
            status, body, _ = Client(plain).get("/api/v1/auth/vneid/start", headers={"Accept": "application/json"})
            self.assertEqual(status, 404, body)
            self.assertEqual(body["type"], "https://motcua.vn/problems/vneid_not_configured")
        finally:
            plain.stop()


class Refusals(VneidCase):
    def test_tampered_tokens_are_refused_and_audited(self):
        cases = {"signature": "id_token_signature", "alg_none": "id_token_alg", "hs256": "id_token_alg",
                 "issuer": "id_token_issuer", "audience": "id_token_audience", "expired": "id_token_expired",
                 "nonce": "id_token_nonce", "unknown_kid": "id_token_unknown_key"}
        for mode, code in cases.items():
            with self.subTest(mode=mode):
                pid = person()
                b = Browser()
                url = self.to_callback(b, pid)
                self.provider.tamper(mode)
                problem = self.refused_at_callback(b, url, code)
                self.assertTrue(problem["detail"])
                self.assertIsNone(self.client_of(b).me)
                self.assertIn(code, [d["reason"] for a, o, d in self.audit("login_refused")])
                self.assertFalse([o for a, o, d in self.audit("login") if o == "citizen:" + pid])

    def test_the_citizen_sees_a_vietnamese_page(self):
        b = Browser()
        url = self.to_callback(b, person())
        self.provider.tamper("signature")
        status, h, body = b.open(url)
        self.assertEqual(status, 401)
        self.assertIn("text/html", h["Content-Type"])
        self.assertIn("Đăng nhập bằng VNeID không thành công", body)
        self.assertIn("Chữ ký của mã định danh không hợp lệ", body)

    def test_replayed_state_wrong_state_and_other_browser_refused(self):
        b = Browser()
        url = self.to_callback(b, person())
        self.assertEqual(b.open(url)[0], 302)
        before = len(self.audit("login_refused"))
        self.refused_at_callback(b, url, "oidc_bad_state")  # the same callback again
        forged = re.sub(r"state=[^&]+", "state=" + "a" * 64, url)
        self.refused_at_callback(b, forged, "oidc_bad_state")
        # A callback URL carried to another browser (login CSRF) is refused, and burns the state.
        b2 = Browser()
        url2 = self.to_callback(b2, person())
        self.refused_at_callback(Browser(), url2, "oidc_bad_state")
        self.refused_at_callback(b2, url2, "oidc_bad_state")
        reasons = [d["reason"] for a, o, d in self.audit("login_refused")[before:]]
        self.assertEqual(reasons, ["replayed_state", "unknown_state", "other_browser", "replayed_state"])

    def test_replayed_code_refused_by_the_provider(self):
        b = Browser()
        first = self.to_callback(b, person())
        self.assertEqual(b.open(first)[0], 302)
        code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(first).query))["code"]
        b2 = Browser()
        second = self.to_callback(b2, person())
        replay = re.sub(r"code=[^&]+", "code=" + urllib.parse.quote(code), second)
        self.refused_at_callback(b2, replay, "token_refused")
        self.assertIn("token_refused", [d["reason"] for a, o, d in self.audit("login_refused")])
        self.assertTrue(any(r["path"] == "/token" and r["error"] == "invalid_grant" for r in self.provider.received()))

    def test_cancelled_at_the_provider(self):
        b = Browser()
        url = self.to_callback(b, person())
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))["state"]
        cancelled = self.base + "/api/v1/auth/vneid/callback?" + urllib.parse.urlencode(
            {"error": "access_denied", "state": state})
        self.refused_at_callback(b, cancelled, "oidc_provider_error")

    def test_rotated_provider_key_is_fetched_again(self):
        self.login(person())  # the JWKS is cached now
        time.sleep(3.2)       # the adapter fetches it again at most every 3 s
        b = Browser()
        url = self.to_callback(b, person())
        self.provider.tamper("rotate")
        self.assertEqual(b.open(url)[0], 302)
        self.assertIsNotNone(self.client_of(b).me)


class Levels(VneidCase):
    def test_filing_below_the_required_level_is_refused(self):
        admin = as_staff(self.server, "province_admin")
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
        status, made, _ = admin.post("/api/v1/admin/procedures/1.001193@v1/versions", {
            "effective_from": today, "time_limit": {"amount": 3, "unit": "working_days"}, "min_assurance": 2,
            "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 4},
                        {"name": "Giải quyết", "role": "leader", "agency": "competent", "hours": 16}]})
        self.assertEqual(status, 201, made)
        filing = {"procedure_id": made["id"], "channel": 2, "applicant": {"kind": "citizen"}}
        _, low = self.login(person(), level=1)
        status, body, _ = low.post("/api/v1/dossiers", filing)
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/assurance_too_low")
        self.assertIn("VNeID mức 2", body["detail"])
        dev = Client(self.server)
        dev.login_citizen(person())
        self.assertEqual(dev.post("/api/v1/dossiers", filing)[0], 403)
        _, high = self.login(person(), level=2)
        status, body, _ = high.post("/api/v1/dossiers", filing)
        self.assertEqual(status, 201, body)
        # The base version asks for no level: level 1 files there.
        status, body, _ = low.post("/api/v1/dossiers", dict(filing, procedure_id="1.001193@v1"))
        self.assertEqual(status, 201, body)


class Logout(VneidCase):
    def test_logout_ends_both_sessions(self):
        b, c = self.login(person())
        # While the provider's session lives, a new start comes straight back (no login form).
        status, h, _ = b.open(self.base + "/api/v1/auth/vneid/start")
        status, h, _ = b.open(h["Location"])
        self.assertEqual(status, 303)
        self.assertTrue(urllib.parse.urljoin(self.provider.issuer, h["Location"]).startswith(self.base), h["Location"])
        status, body, _ = c.post("/api/v1/auth/logout")
        self.assertEqual(status, 200, body)
        end = urllib.parse.urlsplit(body["end_session_url"])
        q = dict(urllib.parse.parse_qsl(end.query))
        self.assertEqual(f"{end.scheme}://{end.netloc}{end.path}", self.provider.issuer + "/session/end")
        self.assertEqual(q["post_logout_redirect_uri"], self.base + "/")
        self.assertEqual(q["id_token_hint"].count("."), 2)
        self.assertEqual(c.get("/api/v1/auth/me")[0], 401)
        # The browser goes on to the provider, which asks and ends its session.
        status, _, page = b.open(body["end_session_url"])
        self.assertEqual(status, 200, page)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', page).group(1)
        action = re.search(r'action="([^"]+)"', page).group(1)
        status, h, _ = b.open(urllib.parse.urljoin(self.provider.issuer, action),
                              data=urllib.parse.urlencode({"xsrf": xsrf, "logout": "yes"}).encode())
        self.assertEqual(status, 303)
        self.assertEqual(h["Location"], self.base + "/")
        # Now a new start meets the login form again.
        status, h, _ = b.open(self.base + "/api/v1/auth/vneid/start")
        status, h, _ = b.open(h["Location"])
        self.assertIn("/interaction/", h["Location"])
        self.assertIn("vneid", [d.get("method") for a, o, d in self.audit("logout")])

    def test_dev_session_logout_stays_204(self):
        dev = Client(self.server)
        dev.login_citizen(person())
        self.assertEqual(dev.post("/api/v1/auth/logout")[0], 204)


class Production(VneidCase):
    env = {"MOTCUA_PRODUCTION": "1", "MOTCUA_DEV_CITIZEN_LOGIN": "1", "MOTCUA_SECURE_COOKIES": "0"}

    def test_only_vneid_logs_citizens_in(self):
        status, body, _ = Client(self.server).post("/api/v1/auth/citizen-dev-login", {"personal_id": person()})
        self.assertEqual(status, 403, body)
        self.assertEqual(body["type"], "https://motcua.vn/problems/dev_login_disabled")
        pid = person()
        _, c = self.login(pid)
        self.assertEqual(c.me["user"]["id"], pid)


if __name__ == "__main__":
    unittest.main()
