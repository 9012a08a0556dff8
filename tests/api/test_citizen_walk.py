"""Citizen B cannot reach citizen A's dossier, draft, document, payment or rating by any URL
(issue 13, quality bars): every route of docs/openapi.yaml that takes a path parameter is called as
citizen B with citizen A's real ids, created in setUp through the API, and must answer the one
answer, 404 — the same as for an id that does not exist, so existence does not leak — with none of
A's data in the body. Routes other helpers add later are picked up from the document; a path
parameter this test has no rule for fails it (add the rule and a way to make A's id).

The exceptions are written out: ids that are public by design (procedures, units, agencies, the
public tracking by code, the web apps' paths), bearer links that stand for the applicant without a
login (the signed rating link, like the tracking key), and routes for staff only, which a citizen
is refused whatever the id (403). Needs python3-yaml."""
import json
import os
import unittest
import urllib.parse

import yaml

from harness import ROOT, Client, Server, act, as_staff, decide, intake, long_procedure_for, result_document
import test_citizen as tc

OPENAPI = os.path.join(ROOT, "docs", "openapi.yaml")
METHODS = ("get", "post", "put", "delete", "patch")
A_PERSON, A_NAME = "051090123456", "Trần Thị Bí Mật"
B_PERSON = "062195654321"

# Public by design: the catalogue, units and agencies, tracking by code (state and dates only),
# the web apps' own paths. Still called: the answer must not carry A's personal data.
PUBLIC = {
    "/api/v1/public/dossiers/{code}", "/tra-cuu/{code}", "/api/v1/procedures/{id}", "/api/v1/units/{id}/successors",
    "/api/v1/me/procedures/{id}/components", "/staff/{a}", "/staff/{a}/{b}", "/staff/{a}/{b}/{c}", "/assets/{file}",
}
PUBLIC_PREFIXES = ("/api/v1/procedures/", "/api/v1/units/", "/open311/")  # the catalogue and its e-forms, units
# Bearer links (no login): whoever holds the link may use it, as the applicant it was sent to.
BEARER = {"/api/v1/rating-links/{token}"}
# Staff only (administration, an agency's register): no citizen id goes there; a citizen is refused
# whatever the id — 403, or 400 where the body or query is read first — and learns nothing.
STAFF_PREFIXES = ("/api/v1/admin/", "/api/v1/agencies/{id}/", "/api/v1/unit-reports/", "/api/v1/report-consolidations/")

server = None


def setUpModule():
    global server
    server = Server()
    server.env["MOTCUA_RATING_SECRET"] = tc.SECRET
    # Payments: VNPay configured, so that A can start one (its redirect is built here, never followed).
    server.env.update({"MOTCUA_VNPAY_URL": "http://127.0.0.1:9/paymentv2/vpcpay.html", "MOTCUA_VNPAY_SECRET": "walk",
                       "MOTCUA_PAYGOV_URL": "http://127.0.0.1:9", "MOTCUA_PAYGOV_SECRET": "walk"})
    server.setup().start()
    tc.server = server  # the helpers of test_citizen act on this server


def tearDownModule():
    server.stop()


class Walk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a, cls.b = Client(server), Client(server)
        cls.a.login_citizen(A_PERSON, A_NAME)
        cls.b.login_citizen(B_PERSON, "Công dân B")
        desk = tc.Desk()
        # A's dossier filed online (still open), with a document A uploaded.
        status, d, _ = cls.a.post("/api/v1/dossiers", {"procedure_id": desk.proc, "channel": 2,
                                                        "receiving_agency_id": desk.agency,
                                                        "applicant": {"kind": "citizen", "full_name": A_NAME}})
        assert status == 201, d
        cls.open_dossier = d
        cls.document = tc.upload(cls.a, d["id"], tc.PDF, "căn cước.pdf", "Căn cước")
        # A's dossier received at the counter, decided with an electronic result and returned:
        # its result, forms and rating link exist.
        returned = desk.returned(A_PERSON)
        cls.returned = returned
        links = [p["rating_url"] for p in tc.outbox("notify")
                 if p.get("event") == "rating_invitation" and p["dossier_id"] == returned["id"]]
        assert links, "no rating invitation for A's returned dossier"
        cls.rating_token = links[-1].rsplit("/", 1)[1]
        cls.secrets = [A_NAME, A_PERSON, d["code"], returned["code"], cls.document["sha256"]]
        with open(OPENAPI, encoding="utf-8") as f:
            ops = {(m, p) for p, item in yaml.safe_load(f)["paths"].items() for m in item if m in METHODS}
        # A's feedback case with an attachment, when the feedback routes exist.
        cls.case = cls.case_attachment = None
        if ("post", "/api/v1/feedback") in ops:
            status, fc, _ = cls.a.post("/api/v1/feedback", {
                "content": "Phản ánh bí mật của A về việc hẹn trả kết quả.", "sender_phone": "0905123456",
                "attachments": [{"file_name": "bang-chung.pdf",
                                 "data_base64": __import__("base64").b64encode(tc.PDF).decode()}]})
            assert status == 201, fc
            status, fv, _ = cls.a.get(fc["href"])
            assert status == 200, fv
            cls.case, cls.case_attachment = fc, fv["attachments"][0]["id"]
            # The code is public by design (Open311 status: state and dates only); the content is A's.
            cls.secrets.append("Phản ánh bí mật của A")
        # A's draft and its upload, when the drafts routes exist.
        cls.draft = cls.upload = cls.payment = None
        cls.pay_dossier = returned
        if ("post", "/api/v1/drafts") in ops:
            status, dr, _ = cls.a.post("/api/v1/drafts", {"procedure_id": desk.proc})
            assert status == 201, dr
            cls.draft = dr
            if ("post", "/api/v1/drafts/{id}/uploads") in ops:
                _, proc, _ = cls.a.get("/api/v1/procedures/" + desk.proc)
                component = cls.component = proc["catalogue"]["components"][0]["name"]
                status, up, _ = cls.a.post(f"/api/v1/drafts/{dr['id']}/uploads",
                                           {"component": component, "file_name": "to-khai.pdf", "size": len(tc.PDF)})
                assert status == 201, up
                cls.upload = up
        # A's payment (a counter dossier of 2.000815, whose fee is verified and per page, asked to
        # pay for the 2 pages counted: 4.000 đồng).
        if ("post", "/api/v1/dossiers/{id}/payments") in ops:
            pd = intake(desk.reception, "2.000815@v1", person=A_PERSON, name=A_NAME)
            for action, fields in (("start_processing", {}), ("request_payment", {"pages": 2, "copies": 1})):
                status, v, _ = act(desk.specialist, pd["id"], action, **fields)
                assert status == 200, (action, v)
            status, pay, _ = cls.a.post(f"/api/v1/dossiers/{pd['id']}/payments", {"provider": "vnpay"})
            assert status == 201, pay
            cls.pay_dossier, cls.payment = pd, pay
            cls.secrets.append(pd["code"])

    def ids(self, path, param):
        """Citizen A's value for a path parameter, or None when the test has no rule for it."""
        dossier = self.open_dossier["id"] if "/documents" in path or "/supplement" in path or "/withdraw" in path \
            else self.pay_dossier["id"] if "/payments" in path else self.returned["id"]
        rules = [
            (("/api/v1/feedback/",), "id", self.case and self.case["id"]),
            (("/api/v1/feedback/",), "att", self.case_attachment),
            (("/open311/",), "file", self.case and self.case["code"] + ".json"),
            (("/api/v1/drafts/",), "id", self.draft and self.draft["id"]),
            (("/api/v1/drafts/",), "upload", self.upload and self.upload["id"]),
            (("/api/v1/dossiers/{id}/payments/",), "pid", self.payment and self.payment["id"]),
            (("/api/v1/dossiers/", "/api/v1/me/dossiers/"), "id", dossier),
            ((), "doc", self.document["id"]),
            ((), "action", "withdraw"),
            ((), "cid", "1"),
            (("/api/v1/dossiers/{id}/forms/",), "file", "01.pdf"),
            (("/api/v1/rating-links/",), "token", self.rating_token),
            (("/api/v1/public/dossiers/", "/tra-cuu/"), "code", self.returned["code"]),
            (("/api/v1/procedures/", "/api/v1/me/procedures/"), "id", self.returned["procedure_id"]),
            (("/api/v1/units/",), "id", "u51"),
            (("/api/v1/agencies/{id}/",), "file", "register.pdf"),
            (("/api/v1/agencies/{id}/",), "quarter", "2026-Q4"),
            (("/api/v1/admin/",), "date", "2026-12-24"),
            (("/api/v1/admin/",), "year", "2027"),
            (("/api/v1/admin/",), "grant_id", "1"),
            # Staff-only records that no citizen has: any id, the answer is the staff gate's.
            (("/api/v1/unit-reports/", "/api/v1/report-consolidations/"), "id", "x"),
            (("/staff/", "/assets/"), None, "x"),
            (("/api/v1/admin/", "/api/v1/agencies/"), None, self.returned["receiving_agency_id"]),
        ]
        for prefixes, name, value in rules:
            if name not in (None, param):
                continue
            if not prefixes or any(path.startswith(p) for p in prefixes):
                return value
        return None

    def body_for(self, method, path):
        """A valid body, so that the answer is decided by the id and not by the body's syntax."""
        if method != "post" and method != "put":
            return None, None
        bodies = {
            "/api/v1/dossiers/{id}/actions/{action}": {"note": "Rút hồ sơ"},
            "/api/v1/dossiers/{id}/consultations": {"agency_id": self.returned["receiving_agency_id"],
                                                    "subject": "Xin ý kiến"},
            "/api/v1/dossiers/{id}/consultations/{cid}/answer": {"answer": "Đồng ý"},
            "/api/v1/me/dossiers/{id}/supplement": {"note": "Bổ sung"},
            "/api/v1/me/dossiers/{id}/withdraw": {"reason": "Không cần nữa"},
            "/api/v1/me/dossiers/{id}/documents/reuse": {"document_id": self.document["id"]},
            "/api/v1/me/dossiers/{id}/rating": {"score": "dissatisfied"},
            "/api/v1/rating-links/{token}": {"score": "dissatisfied"},
            "/api/v1/dossiers/{id}/payments": {"provider": "vnpay"},
            "/api/v1/feedback/{id}/actions": {"action": "close"},
            "/api/v1/feedback/{id}/rating": {"score": "dissatisfied"},
            "/api/v1/feedback/{id}/reopen": {"reason": "Chưa hài lòng"},
            "/api/v1/drafts/{id}": {"data": {}},
            "/api/v1/drafts/{id}/reuses": {"document_id": self.document["id"]},
            "/api/v1/drafts/{id}/uploads": {"component": getattr(self, "component", "Tờ khai"), "file_name": "x.pdf",
                                             "size": len(tc.PDF)},
        }
        if path == "/api/v1/drafts/{id}/uploads/{upload}":
            return None, tc.PDF
        if path == "/api/v1/dossiers/{id}/documents":
            return None, tc.PDF
        return bodies.get(path, {}), None

    def call(self, method, path):
        target = path
        for part in path.split("/"):
            if part.startswith("{") and part.endswith("}"):
                value = self.ids(path, part[1:-1])
                self.assertIsNotNone(value, f"{method.upper()} {path}: no rule for A's {part}: add one to Walk.ids")
                target = target.replace(part, urllib.parse.quote(value, safe=""), 1)
        body, raw = self.body_for(method, path)
        headers = {"Content-Type": "application/octet-stream"} if raw else {}
        if path.startswith("/api/v1/drafts/{id}") and method == "put":
            # A's own preconditions, so that only the owner decides the answer.
            if raw:
                headers["Content-Range"] = "bytes 0-%d/%d" % (len(raw) - 1, len(raw))
            elif self.draft:
                headers["If-Match"] = '"%s"' % self.draft.get("version", 1)
        return self.b.request(method.upper(), target, body=body, raw=raw, headers=headers)

    @staticmethod
    def lacks_required_input(op):
        """Whether the walk's request misses what the operation requires: a body or a query parameter."""
        if op.get("requestBody", {}).get("required"):
            return True
        return any(isinstance(p, dict) and p.get("in") == "query" and p.get("required") for p in op.get("parameters", []))

    def assertNothingOfA(self, body, what):
        text = body if isinstance(body, (bytes, bytearray)) else json.dumps(body, ensure_ascii=False).encode()
        for s in self.secrets:
            self.assertNotIn(s.encode(), text, f"{what}: A's {s!r} in the answer")

    def test_every_route_with_an_id(self):
        with open(OPENAPI, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        walked = 0
        for path, item in doc["paths"].items():
            if "{" not in path:
                continue
            for method in METHODS:
                if method not in item:
                    continue
                what = f"{method.upper()} {path}"
                with self.subTest(route=what):
                    status, body, _ = self.call(method, path)
                    walked += 1
                    if path in PUBLIC or path.startswith(PUBLIC_PREFIXES):
                        if path.startswith("/api/v1/public/") or path.startswith("/tra-cuu/"):
                            self.assertNotIn(A_NAME.encode(), body if isinstance(body, bytes) else
                                             json.dumps(body, ensure_ascii=False).encode())
                        else:
                            self.assertNothingOfA(body, what)
                    elif path in BEARER:
                        # The link stands for the applicant: it names the dossier but no one.
                        self.assertNotIn(A_NAME.encode(), json.dumps(body, ensure_ascii=False).encode())
                        self.assertNotIn(A_PERSON.encode(), json.dumps(body, ensure_ascii=False).encode())
                    elif path.startswith(STAFF_PREFIXES):
                        # The request is read before who asks: without the body or query the
                        # route requires (the walk sends neither) it is 400, else the citizen's 403.
                        self.assertEqual(status, 400 if self.lacks_required_input(item[method]) else 403,
                                         (what, body))
                        self.assertNothingOfA(body, what)
                    else:
                        self.assertEqual(status, 404, (what, body))
                        self.assertNothingOfA(body, what)
        self.assertGreaterEqual(walked, 20)

    def test_a_still_has_everything(self):
        """Nothing B sent changed A's dossiers: the walk's refusals wrote nothing."""
        status, view, _ = self.a.get("/api/v1/me/dossiers/" + self.open_dossier["id"])
        self.assertEqual(status, 200, view)
        self.assertEqual(view["state"], "submitted")
        self.assertEqual([x["id"] for x in view["documents"]], [self.document["id"]])
        status, view, _ = self.a.get("/api/v1/me/dossiers/" + self.returned["id"])
        self.assertEqual(view["state"], "returned")
        # The rating link is bearer by design, but the walk runs in any order: either unrated, or
        # rated through the link by its holder — never through B's session.
        if view["rating"]:
            self.assertEqual(view["rating"]["channel"], "link")
        # B's own lists hold nothing of A's.
        for path in ("/api/v1/me/dossiers", "/api/v1/me/documents", "/api/v1/dossiers"):
            status, body, _ = self.b.get(path)
            self.assertEqual(status, 200, body)
            self.assertEqual(body["items"], [], path)


if __name__ == "__main__":
    unittest.main()
