"""Every creating request can be retried safely (issue 17), walked from docs/openapi.yaml.

Each POST that creates something is marked `x-creates: true` in the OpenAPI document and answers
201; it must take the Idempotency-Key parameter. For every such operation this test sends the
request twice with the same key (the same 201 and the same object the second time, and one
object created), a third time with the same key and another body (409 idempotency_mismatch),
and with malformed keys (400 invalid_idempotency_key), nothing more created. Each operation needs a valid body:
CASES below builds one per operation (path + method) with the harness; an operation the document
marks as creating that has no case, or a case for an operation the document does not list,
fails the test.

Needs python3-yaml (a Debian package, installed by scripts/bootstrap.sh).
"""
import json
import os
import unittest
import urllib.parse
import uuid

import yaml

from harness import ROOT, Client, Server, as_staff, decide, intake, logged_in, long_procedure_for, new_key

OPENAPI = os.path.join(ROOT, "docs", "openapi.yaml")
KEY_PARAM = "#/components/parameters/IdempotencyKey"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
LAND = "1.012784@v1"  # land procedure: received at the service centre, decided by the land office
# Read-time fields of a dossier view (the server's clock): equal answers may differ in them.
# So is the national portal's progress (national_sync: the relay's, not the dossier's).
VOLATILE = {"working_minutes_left", "near_due", "national_sync"}

server = None
pop_sim = None     # tools/sim/dancu: population lookups reach it (the lookup case counts them)
portal_sim = None  # tools/sim/dvcqg: serves the catalogue export the accept case accepts from
_seq = [0]


def setUpModule():
    global server, pop_sim, portal_sim
    from test_dvcqg import Sim as PortalSim, env_for as portal_env
    from test_population import Sim as PopSim, env_for as pop_env
    pop_sim = PopSim().start()
    portal_sim = PortalSim().start()
    server = Server()
    server.env.update(pop_env(pop_sim))
    server.env.update(portal_env(portal_sim))
    # Payments: both providers configured (VNPay's redirect is built here; the requests this test
    # makes never reach the national platform, whose address answers nothing).
    server.env.update({"MOTCUA_VNPAY_URL": "http://127.0.0.1:9/paymentv2/vpcpay.html", "MOTCUA_VNPAY_SECRET": "walk",
                       "MOTCUA_PAYGOV_URL": "http://127.0.0.1:9", "MOTCUA_PAYGOV_SECRET": "walk"})
    server.setup().start()


def tearDownModule():
    server.stop()
    pop_sim.stop()
    portal_sim.stop()


def seq():
    _seq[0] += 1
    return _seq[0]


def spec():
    with open(OPENAPI, encoding="utf-8") as f:
        return yaml.safe_load(f)


def operations(doc, method="post"):
    for path, item in doc["paths"].items():
        op = item.get(method)
        if isinstance(op, dict):
            yield path, op


def creating(doc):
    """Operation keys ("POST /path") of every POST marked as creating."""
    return {"POST " + path for path, op in operations(doc) if op.get("x-creates")}


def stable(v):
    """A reply without its read-time fields."""
    if isinstance(v, dict):
        return {k: stable(x) for k, x in v.items() if k not in VOLATILE}
    if isinstance(v, list):
        return [stable(x) for x in v]
    return v


class Case:
    """send(body, key) -> (status, body, headers); first and other: two valid bodies; count() ->
    the objects the endpoint creates, as the API lists them."""

    def __init__(self, send, first, other, count):
        self.send, self.first, self.other, self.count = send, first, other, count


def poster(client, path):
    return lambda body, key: client.post(path, body, headers={"Idempotency-Key": key})


# -- one valid request per creating operation -----------------------------------------------

def intake_case():
    desk = as_staff(server, "reception", "commune_committee")
    person = "0510%08d" % (90000000 + seq())

    def body(name):
        return {"procedure_id": long_procedure_for(desk, desk.agency), "channel": 1, "receive": False,
                "applicant": {"kind": "citizen", "full_name": name, "id_number": person, "phone": "0905123456",
                              "address": "Thôn 1"}}

    def count():
        status, q, _ = desk.get("/api/v1/dossiers?q=" + person)
        assert status == 200, q
        return len(q["items"])

    return Case(poster(desk, "/api/v1/dossiers"), body("Nguyễn Văn Lặp"), body("Nguyễn Văn Khác"), count)


def in_progress_land_dossier():
    desk, office = logged_in(server, "tiepnhan.ttphcc"), logged_in(server, "chuyenvien.vpdkdd")
    status, d, _ = desk.post("/api/v1/dossiers", {
        "procedure_id": LAND, "channel": 1, "receive": True,
        "applicant": {"kind": "citizen", "full_name": "Trần Thị Mai", "id_number": "051190004321",
                      "phone": "0905000222", "address": "Số 12 đường Phan Đình Phùng"}})
    assert status == 201, d
    status, d, _ = office.post(f"/api/v1/dossiers/{d['id']}/actions/start_processing", {})
    assert status == 200, d
    return office, d


def consult_case():
    office, d = in_progress_land_dossier()

    def count():
        status, v, _ = office.get("/api/v1/dossiers/" + d["id"])
        assert status == 200, v
        return len(v["consultations"])

    first = {"agency_id": "ubnd-camthanh", "subject": "Xác nhận hiện trạng thửa đất", "hours": 24}
    return Case(poster(office, f"/api/v1/dossiers/{d['id']}/consultations"), first,
                dict(first, subject="Xác nhận nguồn gốc đất"), count)


def upload_case():
    desk = as_staff(server, "reception", "commune_committee")
    status, d, _ = desk.post("/api/v1/dossiers", {
        "procedure_id": long_procedure_for(desk, desk.agency), "channel": 1, "receive": False,
        "applicant": {"kind": "citizen", "full_name": "Lê Văn Tệp", "id_number": "051090001235",
                      "phone": "0905123456", "address": "Thôn 2"}})
    assert status == 201, d

    def send(file, key):
        name, data, ctype = file
        q = urllib.parse.urlencode({"name": name, "component": "Tờ khai"})
        return desk.request("POST", f"/api/v1/dossiers/{d['id']}/documents?{q}", raw=data,
                            headers={"Content-Type": ctype, "Idempotency-Key": key})

    def count():
        status, v, _ = desk.get("/api/v1/dossiers/" + d["id"])
        assert status == 200, v
        return len(v["documents"])

    # Other bytes under the same name are another request.
    return Case(send, ("Tờ khai.pdf", PDF, "application/pdf"), ("Tờ khai.pdf", PNG, "image/png"), count)


def unit_admin():
    return logged_in(server, "quantri.camthanh")  # unit_admin at ubnd-camthanh


def province_admin():
    return logged_in(server, "quantritinh.tinh")


def new_staff(name="Trần Thử Lặp"):
    return {"username": f"walk{seq()}.{uuid.uuid4().hex[:6]}", "full_name": name, "password": "matkhau2026moi",
            "grants": [{"agency_id": "ubnd-camthanh", "role": "reception", "from": "2025-07-01"}]}


def staff_count(client):
    status, body, _ = client.get("/api/v1/admin/staff")
    assert status == 200, body
    return len(body["items"])


def staff_case():
    admin = unit_admin()
    first = new_staff()
    return Case(poster(admin, "/api/v1/admin/staff"), first, dict(first, full_name="Trần Thử Khác"),
                lambda: staff_count(admin))


def grant_case():
    admin = unit_admin()
    status, st, _ = admin.post("/api/v1/admin/staff", new_staff())
    assert status == 201, st

    def count():
        _, body, _ = admin.get("/api/v1/admin/staff?agency=ubnd-camthanh")
        return len(next(s for s in body["items"] if s["id"] == st["id"])["grants"])

    first = {"agency_id": "ubnd-camthanh", "role": "specialist", "from": "2025-07-01"}
    return Case(poster(admin, f"/api/v1/admin/staff/{st['id']}/grants"), first, dict(first, role="head"), count)


def unit_count():
    status, body, _ = Client(server).get("/api/v1/units?history=1")
    assert status == 200, body
    return len(body["items"])


def new_unit(code, name, valid_from="2025-07-01"):
    return {"code": code, "name": name, "level": "commune", "type": name.split(" ")[0].lower(), "parent_id": "u51",
            "valid_from": valid_from}


def unit_case():
    first = new_unit("29901", "Xã Thử Đi Khắp")
    return Case(poster(province_admin(), "/api/v1/admin/units"), first, dict(first, name="Xã Thử Khác"),
                unit_count)


def succession_case():
    admin = province_admin()
    post = poster(admin, "/api/v1/admin/units")
    a = post(new_unit("29911", "Xã Thử Cũ Đi Khắp"), new_key())[1]
    b = post(new_unit("29912", "Xã Thử Mới Đi Khắp", "2026-01-01"), new_key())[1]
    first = {"from": [a["id"]], "to": [b["id"]], "kind": "rename", "date": "2026-01-01",
             "legal_basis": "Nghị quyết 98/NQ-UBTVQH15 (thử nghiệm)"}

    def count():
        status, succ, _ = Client(server).get(f"/api/v1/units/{a['id']}/successors")
        assert status == 200, succ
        return len(succ["items"])

    return Case(poster(admin, "/api/v1/admin/unit-successions"), first, dict(first, legal_basis="Nghị quyết khác"),
                count)


def version_case():
    admin = province_admin()
    _, body, _ = admin.get("/api/v1/procedures?agency=ubnd-camthanh")
    base = next(p for p in body["items"] if p["time_limit"]["unit"] == "working_days" and p["time_limit"]["amount"] >= 3)
    path = f"/api/v1/admin/procedures/{base['id']}/versions"
    first = {"effective_from": "2027-01-01", "time_limit": {"amount": 3, "unit": "working_days"},
             "process": [{"name": "Tiếp nhận", "role": "reception", "agency": "receiving", "hours": 2},
                         {"name": "Thẩm định", "role": "specialist", "agency": "competent", "hours": 8}]}

    def count():
        status, vs, _ = admin.get(path)
        assert status == 200, vs
        return len(vs["items"])

    return Case(poster(admin, path), first, dict(first, effective_from="2027-01-02"), count)


def population_lookup_case():
    """A reception officer looks up a person the population database's simulator holds."""
    desk = as_staff(server, "reception", "commune_committee")
    number = "051192%06d" % (600000 + seq())
    pop_sim.add({"id_number": number, "ho": "Phạm", "chu_dem": "Thị", "ten": "Lan", "birth": "19920315"})
    first = {"id_number": number, "full_name": "Phạm Thị Lan", "birth_date": "1992-03-15", "consent": True}

    def count():  # lookups that reached the database
        return len(pop_sim.received()["requests"])

    return Case(poster(desk, "/api/v1/population/lookups"), first, dict(first, birth_date="1992"), count)


def catalogue_accept_case():
    """The national export renames a procedure; the administrator accepts the name."""
    admin = province_admin()
    _, body, _ = admin.get("/api/v1/procedures?agency=ubnd-camthanh")
    days = [p for p in body["items"] if p["time_limit"]["unit"] == "working_days"]
    versioned = next(p for p in days if p["time_limit"]["amount"] >= 3)  # version_case's own
    base = next(p for p in reversed(days) if p["national_code"] != versioned["national_code"])
    _, p, _ = admin.get("/api/v1/procedures/" + base["id"])
    portal_sim.call("POST", "/_sim/catalogue", {"items": [{"MATTHC": p["national_code"],
                                                           "TENTTHC": p["name"] + " (sửa đổi)"}]})
    first = {"effective_from": "2027-02-01", "fields": ["name"]}

    def count():
        status, vs, _ = admin.get(f"/api/v1/admin/procedures/{p['id']}/versions")
        assert status == 200, vs
        return len(vs["items"])

    return Case(poster(admin, f"/api/v1/admin/dvcqg/catalogue-changes/{p['national_code']}/accept"), first,
                dict(first, effective_from="2027-02-02"), count)


def payment_case():
    """A counter dossier of 2.000815 (its seed fee is verified and per page: 1 page, 1 copy is
    2,000 đồng) the agency asked to pay; its applicant pays online."""
    person = "0510%08d" % (92000000 + seq())
    desk = as_staff(server, "reception", agency="ubnd-camthanh")
    specialist = as_staff(server, "specialist", agency="ubnd-camthanh")
    status, d, _ = desk.post("/api/v1/dossiers", {
        "procedure_id": "2.000815@v1", "channel": 1, "receive": True,
        "applicant": {"kind": "citizen", "full_name": "Phạm Văn Nộp", "id_number": person, "phone": "0905123456",
                      "address": "Thôn 3"}})
    assert status == 201, d
    for action, body in (("start_processing", {}), ("request_payment", {"pages": 1, "copies": 1})):
        status, v, _ = specialist.post(f"/api/v1/dossiers/{d['id']}/actions/{action}", body)
        assert status == 200, (action, v)
    citizen = Client(server)
    citizen.login_citizen(person, "Phạm Văn Nộp")
    path = f"/api/v1/dossiers/{d['id']}/payments"

    def count():
        status, v, _ = citizen.get(path)
        assert status == 200, v
        return len(v["items"])

    return Case(poster(citizen, path), {"provider": "vnpay"}, {"provider": "paygov"}, count)


def citizen_client(pid):
    c = Client(server)
    c.login_citizen(pid, "Công dân Lặp Lại")
    return c


BIRTH = "1.001193@v1"


def draft_case():
    c = citizen_client("0511900%05d" % (10000 + seq()))

    def count():
        status, body, _ = c.get("/api/v1/drafts")
        assert status == 200, body
        return len(body["items"])

    return Case(poster(c, "/api/v1/drafts"), {"procedure_id": BIRTH, "data": {}},
                {"procedure_id": BIRTH, "receiving_agency_id": "ubnd-mangden"}, count)


def draft_upload_case():
    c = citizen_client("0511900%05d" % (20000 + seq()))
    status, d, _ = c.post("/api/v1/drafts", {"procedure_id": BIRTH})
    assert status == 201, d
    component = "Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)"

    def count():
        status, v, _ = c.get("/api/v1/drafts/" + d["id"])
        assert status == 200, v
        return len(v["uploads"])

    return Case(poster(c, f"/api/v1/drafts/{d['id']}/uploads"),
                {"component": component, "file_name": "a.pdf", "size": 1000},
                {"component": component, "file_name": "a.pdf", "size": 2000}, count)


def draft_submit_case():
    pid = "0511900%05d" % (30000 + seq())
    c = citizen_client(pid)
    data = {"requester": {"full_name": "Công dân Lặp Lại", "personal_id": pid, "phone": "0905123456"},
            "address": {"line": "Thôn 1", "unit_id": "c23473"}}
    drafts = []
    for _ in range(2):
        status, d, _ = c.post("/api/v1/drafts", {"procedure_id": "1.004884@v1", "data": data})  # the generic form
        assert status == 201, d
        drafts.append(d["id"])

    def send(draft, key):
        return c.post(f"/api/v1/drafts/{draft}/submit", None, headers={"Idempotency-Key": key})

    def count():
        status, q, _ = c.get("/api/v1/dossiers?queue=mine")
        assert status == 200, q
        return len(q["items"])

    # The other request: the same key to submit another draft.
    return Case(send, drafts[0], drafts[1], count)


# -- the citizen's side (issue 13): reuse from the data store, ratings (web, link, kiosk), kiosks --

def _citizen(person, name):
    c = Client(server)
    c.login_citizen(person, name)
    return c


def _returned_for(person, name):
    """A counter dossier of `person` decided and returned by the desk: (desk, dossier)."""
    desk = as_staff(server, "reception", "commune_committee")
    specialist = as_staff(server, "specialist", agency=desk.agency)
    d = intake(desk, long_procedure_for(desk, desk.agency), person=person, name=name)
    status, v, _ = specialist.post(f"/api/v1/dossiers/{d['id']}/actions/start_processing", {})
    assert status == 200, v
    status, v, _ = decide(server, d["id"])
    assert status == 200, v
    status, v, _ = desk.post(f"/api/v1/dossiers/{d['id']}/actions/return_result",
                             {"return_method": "counter", "received_by": name})
    assert status == 200, v
    return desk, v


def _rated(client, dossier_id):
    status, v, _ = client.get("/api/v1/me/dossiers/" + dossier_id)
    assert status == 200, v
    return 1 if v["rating"] else 0


def reuse_case():
    person = "0510%08d" % (93000000 + seq())
    me = _citizen(person, "Đỗ Thị Kho")
    desk = as_staff(server, "reception", "commune_committee")
    body = {"procedure_id": long_procedure_for(desk, desk.agency), "channel": 2, "receiving_agency_id": desk.agency,
            "applicant": {"kind": "citizen", "full_name": "Đỗ Thị Kho"}}
    first, second = me.post("/api/v1/dossiers", body)[1], me.post("/api/v1/dossiers", body)[1]
    q = urllib.parse.urlencode({"name": "căn cước.pdf", "component": "Căn cước"})
    status, doc, _ = me.request("POST", f"/api/v1/dossiers/{first['id']}/documents?{q}", raw=PDF,
                                headers={"Content-Type": "application/pdf"})
    assert status == 201, doc

    def count():
        status, v, _ = me.get("/api/v1/me/dossiers/" + second["id"])
        assert status == 200, v
        return len(v["documents"])

    return Case(poster(me, f"/api/v1/me/dossiers/{second['id']}/documents/reuse"), {"document_id": doc["id"]},
                {"document_id": doc["id"], "component": "Giấy tờ khác"}, count)


def draft_reuse_case():
    """Two documents of the citizen's data store; either may be taken into a draft."""
    person = "0510%08d" % (97000000 + seq())
    me = _citizen(person, "Đỗ Thị Kho")
    desk = as_staff(server, "reception", "commune_committee")
    body = {"procedure_id": long_procedure_for(desk, desk.agency), "channel": 2, "receiving_agency_id": desk.agency,
            "applicant": {"kind": "citizen", "full_name": "Đỗ Thị Kho"}}
    first = me.post("/api/v1/dossiers", body)[1]
    docs = []
    for i in range(2):
        q = urllib.parse.urlencode({"name": f"giấy tờ {i}.pdf", "component": "Giấy tờ"})
        status, doc, _ = me.request("POST", f"/api/v1/dossiers/{first['id']}/documents?{q}", raw=PDF + b"%d" % i,
                                    headers={"Content-Type": "application/pdf"})
        assert status == 201, doc
        docs.append(doc["id"])
    status, d, _ = me.post("/api/v1/drafts", {"procedure_id": BIRTH})
    assert status == 201, d
    component = "Giấy chứng sinh (hoặc văn bản người làm chứng / giấy cam đoan về việc sinh)"

    def count():
        status, v, _ = me.get("/api/v1/drafts/" + d["id"])
        assert status == 200, v
        return len(v["uploads"])

    return Case(poster(me, f"/api/v1/drafts/{d['id']}/reuses"), {"document_id": docs[0], "component": component},
                {"document_id": docs[1], "component": component}, count)


def rating_case():
    person = "0510%08d" % (94000000 + seq())
    _, d = _returned_for(person, "Lý Văn Chấm")
    me = _citizen(person, "Lý Văn Chấm")
    return Case(poster(me, f"/api/v1/me/dossiers/{d['id']}/rating"), {"score": "satisfied"},
                {"score": "dissatisfied"}, lambda: _rated(me, d["id"]))


def _outbox_notify():
    sql = "SELECT payload FROM outbox WHERE topic = 'notify' ORDER BY id"
    if server.engine == "postgres":
        import subprocess
        out = subprocess.run(["psql", server.db[len("postgres:"):], "-At", "-c", sql], check=True,
                             capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    import sqlite3
    con = sqlite3.connect(server.db[len("sqlite:"):])
    try:
        return [json.loads(r[0]) for r in con.execute(sql)]
    finally:
        con.close()


def rating_link_case():
    person = "0510%08d" % (95000000 + seq())
    _, d = _returned_for(person, "Mai Thị Liên")
    url = [p["rating_url"] for p in _outbox_notify()
           if p.get("event") == "rating_invitation" and p.get("dossier_id") == d["id"]][-1]
    me = _citizen(person, "Mai Thị Liên")
    return Case(poster(Client(server), "/api/v1/rating-links/" + url.rsplit("/", 1)[1]), {"score": "very_satisfied"},
                {"score": "satisfied"}, lambda: _rated(me, d["id"]))


def kiosk_case():
    desk = as_staff(server, "reception", "commune_committee")

    def count():
        status, v, _ = desk.get("/api/v1/kiosks")
        assert status == 200, v
        return len(v["items"])

    return Case(poster(desk, "/api/v1/kiosks"), {"desk": "Quầy số 5"}, {"desk": "Quầy số 6"}, count)


def kiosk_rating_case():
    desk = as_staff(server, "reception", "commune_committee")
    status, pairing, _ = desk.post("/api/v1/kiosks", {"desk": "Quầy số 7"})
    assert status == 201, pairing
    tablet = Client(server)
    status, paired, _ = tablet.post("/api/v1/kiosk/pair", {"code": pairing["pairing_code"]})
    assert status == 200, paired
    tablet.csrf = paired["csrf_token"]
    person = "0510%08d" % (96000000 + seq())
    desk2, d = _returned_for(person, "Hà Văn Quầy")
    assert desk2.agency == desk.agency
    me = _citizen(person, "Hà Văn Quầy")
    return Case(poster(tablet, "/api/v1/kiosk/rating"), {"score": "satisfied"}, {"score": "dissatisfied"},
                lambda: _rated(me, d["id"]))


def _feedback_count():
    """Every case of the store, as the province monitor lists them (the walk files a few)."""
    monitor = logged_in(server, "giamsat.tinh")
    status, page, _ = monitor.get("/api/v1/staff/feedback?limit=100")
    assert status == 200, page
    return len(page["items"])


def feedback_case():
    person = "0510%08d" % (97000000 + seq())
    me = _citizen(person, "Lý Thị Phản")
    body = {"kind": "phan_anh", "content": "Cán bộ hẹn lại nhiều lần mà không nói rõ lý do.", "sender_phone": "0905123456"}
    other = dict(body, content="Một phản ánh khác hẳn để thử khóa lặp lại.")
    return Case(poster(me, "/api/v1/feedback"), body, other, _feedback_count)


def hotline_case():
    desk = logged_in(server, "tiepnhan.ttphcc")
    body = {"content": "Người gọi phản ánh phải chờ lâu tại quầy.", "sender_name": "Đinh Văn Gọi",
            "sender_phone": "0935111222"}
    return Case(poster(desk, "/api/v1/staff/feedback/calls"), body, dict(body, sender_name="Đinh Văn Khác"),
                _feedback_count)


def open311_case():
    anon = Client(server)

    def send(body, key):
        return anon.request("POST", "/open311/v2/requests.json", raw=urllib.parse.urlencode(body).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key})

    body = {"service_code": "kien_nghi", "description": "Đề nghị bỏ bản sao có chứng thực.", "first_name": "Lan",
            "last_name": "Nguyễn Thị", "phone": "0905000111"}
    return Case(send, body, dict(body, description="Một kiến nghị khác hẳn."), _feedback_count)


# -- the quarterly evaluation (issue 14): the leader's self score, the superior's appraisal --

def _evaluation_events(client, agency, quarter, action):
    status, v, _ = client.get(f"/api/v1/agencies/{agency}/evaluations/{quarter}")
    assert status == 200, v
    return sum(1 for h in v["history"] if h["action"] == action)


def self_score_case():
    leader = as_staff(server, "leader", agency="stp")
    url = "/api/v1/agencies/stp/evaluations/2026-Q1"
    return Case(poster(leader, url + "/self-score"), {"points": {"published": 2, "attitude": 2, "feedback": 2}},
                {"points": {"published": 1, "attitude": 2, "feedback": 2}},
                lambda: _evaluation_events(leader, "stp", "2026-Q1", "self_scored"))


def appraisal_case():
    leader = as_staff(server, "leader", agency="sxd")
    url = "/api/v1/agencies/sxd/evaluations/2026-Q2"
    status, body, _ = leader.post(url + "/self-score", {"points": {"published": 2, "attitude": 2, "feedback": 2}})
    assert status == 201, body
    admin = province_admin()
    return Case(poster(admin, url + "/appraisal"), {"points": {"published": 2, "attitude": 1, "feedback": 2}},
                {"points": {"published": 1, "attitude": 1, "feedback": 2}},
                lambda: _evaluation_events(admin, "sxd", "2026-Q2", "appraised"))


# -- the units' periodic reports (issue 14): generate a unit's report, consolidate a period --

def _report_period(client, form, day_from, day_to):
    status, p, _ = client.get(f"/api/v1/report-periods?form={form}&from={day_from}&to={day_to}")
    assert status == 200, p
    return p


def unit_report_case():
    leader = as_staff(server, "leader", agency="stp")
    monitor = as_staff(server, "province_monitor")

    def revisions():
        p = _report_period(monitor, "06a", "2026-01-01", "2026-01-31")
        return sum(u["latest_revision"] for u in p["units"] if u["agency"]["id"] == "stp")

    body = {"agency_id": "stp", "form": "06a", "from": "2026-01-01", "to": "2026-01-31"}
    return Case(poster(leader, "/api/v1/unit-reports"), body, dict(body, note="Một báo cáo khác"), revisions)


def consolidation_case():
    leader = as_staff(server, "leader", agency="sxd")
    status, rep, _ = leader.post("/api/v1/unit-reports",
                                 {"agency_id": "sxd", "form": "06a", "from": "2026-02-01", "to": "2026-02-28"})
    assert status == 201, rep
    for step in ("check", "submit"):
        status, rep, _ = leader.post(f"/api/v1/unit-reports/{rep['id']}/{step}", {})
        assert status == 200, rep
    admin = province_admin()
    body = {"form": "06a", "from": "2026-02-01", "to": "2026-02-28"}
    return Case(poster(admin, "/api/v1/report-consolidations"), body, dict(body, to="2026-02-27"),
                lambda: len(_report_period(admin, "06a", "2026-02-01", "2026-02-28")["consolidations"]))


CASES = {
    "POST /api/v1/drafts": draft_case,
    "POST /api/v1/drafts/{id}/uploads": draft_upload_case,
    "POST /api/v1/drafts/{id}/submit": draft_submit_case,
    "POST /api/v1/drafts/{id}/reuses": draft_reuse_case,
    "POST /api/v1/dossiers": intake_case,
    "POST /api/v1/dossiers/{id}/consultations": consult_case,
    "POST /api/v1/dossiers/{id}/documents": upload_case,
    "POST /api/v1/admin/staff": staff_case,
    "POST /api/v1/admin/staff/{id}/grants": grant_case,
    "POST /api/v1/admin/units": unit_case,
    "POST /api/v1/admin/unit-successions": succession_case,
    "POST /api/v1/admin/procedures/{id}/versions": version_case,
    "POST /api/v1/population/lookups": population_lookup_case,
    "POST /api/v1/admin/dvcqg/catalogue-changes/{code}/accept": catalogue_accept_case,
    "POST /api/v1/dossiers/{id}/payments": payment_case,
    "POST /api/v1/me/dossiers/{id}/documents/reuse": reuse_case,
    "POST /api/v1/me/dossiers/{id}/rating": rating_case,
    "POST /api/v1/rating-links/{token}": rating_link_case,
    "POST /api/v1/kiosks": kiosk_case,
    "POST /api/v1/kiosk/rating": kiosk_rating_case,
    "POST /api/v1/feedback": feedback_case,
    "POST /api/v1/staff/feedback/calls": hotline_case,
    "POST /open311/v2/requests.json": open311_case,
    "POST /api/v1/agencies/{id}/evaluations/{quarter}/self-score": self_score_case,
    "POST /api/v1/agencies/{id}/evaluations/{quarter}/appraisal": appraisal_case,
    "POST /api/v1/unit-reports": unit_report_case,
    "POST /api/v1/report-consolidations": consolidation_case,
}


class Document(unittest.TestCase):
    """What the OpenAPI document says is creating, and that each such operation takes the key."""

    def test_every_post_answering_201_is_marked_creating_and_takes_the_key(self):
        for path, op in operations(spec()):
            answers_201 = "201" in op.get("responses", {})
            with self.subTest(path=path):
                self.assertEqual(bool(op.get("x-creates")), answers_201,
                                 "a POST answering 201 is marked x-creates: true, and only such a POST")
                if answers_201:
                    refs = [p.get("$ref") for p in op.get("parameters", [])]
                    self.assertIn(KEY_PARAM, refs, "a creating POST takes the Idempotency-Key parameter")

    def test_no_other_method_creates(self):
        doc = spec()
        for method in ("get", "put", "delete", "patch"):
            for path, op in operations(doc, method):
                self.assertNotIn("201", op.get("responses", {}), f"{method.upper()} {path}")
                self.assertFalse(op.get("x-creates"), f"{method.upper()} {path}")

    def test_every_creating_post_has_a_case(self):
        marked = creating(spec())
        self.assertGreaterEqual(len(marked), 8)
        self.assertEqual(sorted(marked - set(CASES)), [], "creating POSTs without a case in CASES")
        self.assertEqual(sorted(set(CASES) - marked), [], "cases for operations openapi does not mark as creating")


class Walk(unittest.TestCase):
    """Each creating POST of the document: a retry answers the first result, another body with the
    same key is 409, a malformed key is 400."""

    def assertProblem(self, status, body, headers, want, code):
        self.assertEqual(status, want, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"), headers)
        self.assertEqual(body["type"], "https://motcua.vn/problems/" + code, body)

    def check(self, case):
        before = case.count()
        key = new_key()
        status, created, headers1 = case.send(case.first, key)
        self.assertEqual(status, 201, created)
        self.assertEqual(case.count(), before + 1)
        # The retry: the same answer (status, object, Location/ETag) and no second object.
        status, again, headers2 = case.send(case.first, key)
        self.assertEqual(status, 201, again)
        self.assertEqual(stable(again), stable(created))
        for h in ("location", "etag"):
            self.assertEqual(headers2.get(h), headers1.get(h), h)
        self.assertEqual(case.count(), before + 1)
        # The same key with another body: 409, nothing created.
        status, body, headers = case.send(case.other, key)
        self.assertProblem(status, body, headers, 409, "idempotency_mismatch")
        self.assertEqual(body["detail"], "Khoá Idempotency-Key đã dùng cho một yêu cầu khác.")
        # Malformed keys: 400 with a Vietnamese detail, nothing created.
        for bad in ("k" * 201, "khoá", "two words"):
            status, body, headers = case.send(case.other, bad)
            self.assertProblem(status, body, headers, 400, "invalid_idempotency_key")
            self.assertIn("Idempotency-Key", body["detail"])
            self.assertEqual([e["field"] for e in body.get("errors", [])], ["Idempotency-Key"])
        self.assertEqual(case.count(), before + 1)

    def test_every_creating_post(self):
        for op in sorted(creating(spec())):
            with self.subTest(operation=op):
                if op not in CASES:
                    self.fail(f"{op} is marked creating in docs/openapi.yaml but has no case in CASES")
                self.check(CASES[op]())


if __name__ == "__main__":
    unittest.main()
