#!/usr/bin/env python3
"""Simulated national population database (CSDL quốc gia về dân cư) behind the government
data-sharing platform (NDXP/LGSP), for MotCua tests and the demo (SIMULATED).

Speaks the shape provincial systems use (docs/integrations.md says from where):
  POST <path>  Content-Type text/xml, SOAP 1.1, headers Timestamp (ms), Authorization: Basic
       base64(username ":" sha256hex(auth_url username timestamp secret)), X-Road-Client, ApiKey
  body  <dan:TraCuuThongTinCongDan xmlns:dan="http://dancuquocgia.bca"> MaYeuCau, MaDVC,
        MaTichHop (037), MaCanBo, MaDonVi, TaiKhoan, SoDinhDanh, HoVaTen,
        NgayThangNamSinh{NgayThangNam yyyyMMdd | Nam yyyy}
  answer 200 <ns1:CongdanCollection xmlns:ns1="http://www.mic.gov.vn/dancu/1.0"> with one
        <ns1:CongDan> (SoDinhDanh, HoVaTen{Ho,ChuDem,Ten}, GioiTinh, DanToc, QuocTich,
        NgayThangNamSinh, QueQuan, ThuongTru, NoiOHienTai{MaTinhThanh, MaPhuongXa, ChiTiet}) when
        the number, the name (case and diacritics aside) and the birth date match a person it
        holds, none otherwise; a refused request is HTTP 500 (401 for authentication) with a
        soapenv:Fault whose faultstring says why.
It checks what it receives: the headers (timestamp within 5 minutes, the signature, X-Road-Client,
ApiKey), the envelope, every required field, MaTichHop 037, its MaDonVi, a 12-digit number.

Test control: POST /_sim/control {"mode": "ok"|"fail"|"lag"|"repeat"|"tamper"|"garbage",
"count": N, "lag_ms": M, "tamper": "other_id"|"name"|"birth"}: the next N lookups fail (HTTP 500
fault), lag, carry the person twice, name someone else / another name / another birth date, or
answer non-XML. POST /_sim/people [{id_number, ho, chu_dem, ten, birth (yyyyMMdd), gender,
ethnicity, permanent, current, home}] adds people; GET /_sim/received lists what came in (each
request's fields, verdict, MaYeuCau repeats); POST /_sim/reset.
Usage: server.py --port N --username U --secret S --auth-url URL [--x-road-client C]
                 [--api-key K] [--madonvi M] [--path /dancu] [--mode demo]
"""
import argparse
import base64
import hashlib
import json
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
REQ = "http://dancuquocgia.bca"
ANS = "http://www.mic.gov.vn/dancu/1.0"

# Demo people: the seed's demo citizens (data/seed/staff.json), with demo addresses (not real).
DEMO = [
    {"id_number": "051090001234", "ho": "Trần", "chu_dem": "Văn", "ten": "Bình", "birth": "19900101", "gender": "1",
     "ethnicity": "01", "permanent": "Thôn Phú Lộc, xã Tịnh Ấn Tây, tỉnh Quảng Ngãi", "current": "",
     "home": "Quảng Ngãi"},
    {"id_number": "062195004321", "ho": "Y", "chu_dem": "", "ten": "Hoa", "birth": "19950101", "gender": "2",
     "ethnicity": "27", "permanent": "Làng Kon Klor, phường Kon Tum, tỉnh Quảng Ngãi", "current": "",
     "home": "Kon Tum"},
    {"id_number": "051303007788", "ho": "Lê", "chu_dem": "Thị Minh", "ten": "Thư", "birth": "20030101",
     "gender": "2", "ethnicity": "01", "permanent": "Tổ 5, phường Cẩm Thành, tỉnh Quảng Ngãi", "current": "",
     "home": "Quảng Ngãi"},
]


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower().replace(" ", "")


class State:
    def __init__(self, a):
        self.username, self.secret, self.auth_url = a.username, a.secret, a.auth_url
        self.x_road_client, self.api_key, self.madonvi = a.x_road_client, a.api_key, a.madonvi
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.people = {p["id_number"]: dict(p) for p in DEMO}
        self.received, self.request_ids, self.repeats = [], set(), 0
        self.mode, self.count, self.lag_ms, self.tamper = "ok", 0, 0, "other_id"

    def take_mode(self):
        with self.lock:
            if self.count <= 0:
                return "ok"
            self.count -= 1
            return self.mode


def fault(text):
    return (f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="{SOAP}"><soapenv:Body>'
            f'<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>{escape(text)}</faultstring>'
            f'</soapenv:Fault></soapenv:Body></soapenv:Envelope>')


def congdan(p):
    def e(tag, v):
        return f"<ns1:{tag}>{escape(v)}</ns1:{tag}>"
    addr = lambda tag, v: f"<ns1:{tag}><ns1:MaTinhThanh>51</ns1:MaTinhThanh>{e('ChiTiet', v)}</ns1:{tag}>" if v else ""
    return ("<ns1:CongDan>" + e("SoDinhDanh", p["id_number"]) + e("SoCMND", "") +
            "<ns1:HoVaTen>" + e("Ho", p["ho"]) + e("ChuDem", p["chu_dem"]) + e("Ten", p["ten"]) + "</ns1:HoVaTen>" +
            e("GioiTinh", p["gender"]) + e("DanToc", p["ethnicity"]) + e("QuocTich", "VN") +
            "<ns1:NgayThangNamSinh>" + e("NgayThangNam", p["birth"]) + e("Nam", p["birth"][:4]) +
            "</ns1:NgayThangNamSinh>" + addr("QueQuan", p.get("home", "")) + addr("ThuongTru", p.get("permanent", "")) +
            addr("NoiOHienTai", p.get("current", "")) + "</ns1:CongDan>")


def collection(records, request_id):
    return (f'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="{SOAP}">'
            f'<soapenv:Header xmlns:dan="{REQ}"/><soapenv:Body xmlns:dan="{REQ}">'
            f'<ns1:CongdanCollection xmlns:ns1="{ANS}"><ns1:SoCongDan>{len(records)}</ns1:SoCongDan>'
            f'<ns1:ThoiDiemDuLieu>{time.strftime("%Y-%m-%dT%H:%M:%S")}</ns1:ThoiDiemDuLieu>'
            f'<ns1:Id>{escape(request_id)}</ns1:Id>' + "".join(congdan(p) for p in records) +
            "</ns1:CongdanCollection></soapenv:Body></soapenv:Envelope>")


def check_auth(h, st):
    ts = h.get("Timestamp") or ""
    if not ts.isdigit() or abs(int(ts) - time.time() * 1000) > 300_000:
        return "Timestamp thiếu hoặc lệch quá 5 phút"
    want = hashlib.sha256((st.auth_url + st.username + ts + st.secret).encode()).hexdigest()
    expected = "Basic " + base64.b64encode(f"{st.username}:{want}".encode()).decode()
    if h.get("Authorization") != expected:
        return "Xác thực không hợp lệ"
    if h.get("X-Road-Client") != st.x_road_client:
        return "X-Road-Client không được phép"
    if h.get("ApiKey") != st.api_key:
        return "ApiKey không hợp lệ"
    return None


def read_request(raw, st):
    """The request's fields, or (None, why)."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        return None, "Nội dung không phải XML"
    if root.tag != f"{{{SOAP}}}Envelope":
        return None, "Không phải SOAP Envelope"
    op = root.find(f"{{{SOAP}}}Body/{{{REQ}}}TraCuuThongTinCongDan")
    if op is None:
        return None, "Thiếu TraCuuThongTinCongDan"
    f = {}
    for k in ("MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "MaDonVi", "TaiKhoan", "SoDinhDanh", "HoVaTen"):
        el = op.find(f"{{{REQ}}}{k}")
        f[k] = (el.text or "").strip() if el is not None else None
    b = op.find(f"{{{REQ}}}NgayThangNamSinh")
    full = b.find(f"{{{REQ}}}NgayThangNam") if b is not None else None
    year = b.find(f"{{{REQ}}}Nam") if b is not None else None
    f["NgayThangNam"] = (full.text or "").strip() if full is not None else ""
    f["Nam"] = (year.text or "").strip() if year is not None else ""
    for k in ("MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "MaDonVi", "SoDinhDanh", "HoVaTen"):
        if not f[k]:
            return f, f"Thiếu trường bắt buộc {k}"
    if f["MaTichHop"] != "037":
        return f, "MaTichHop không được hỗ trợ"
    if st.madonvi and f["MaDonVi"] != st.madonvi:
        return f, "MaDonVi không được cấp quyền khai thác"
    if len(f["SoDinhDanh"]) != 12 or not f["SoDinhDanh"].isdigit():
        return f, "SoDinhDanh phải gồm 12 chữ số"
    if not ((len(f["NgayThangNam"]) == 8 and f["NgayThangNam"].isdigit()) or
            (len(f["Nam"]) == 4 and f["Nam"].isdigit())):
        return f, "Thiếu NgayThangNamSinh (NgayThangNam yyyyMMdd hoặc Nam yyyy)"
    return f, None


def make_handler(st):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send(self, status, body, ctype="text/xml; charset=utf-8"):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def answer(self, status, obj):
            self.send(status, json.dumps(obj, ensure_ascii=False), "application/json; charset=utf-8")

        def body(self):
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def do_GET(self):
            if self.path == "/_sim/received":
                with st.lock:
                    return self.answer(200, {"requests": st.received, "repeats": st.repeats, "simulated": True})
            self.answer(404, {"error": "not found"})

        def do_POST(self):
            if self.path == "/_sim/reset":
                with st.lock:
                    st.reset()
                return self.answer(200, {"ok": True})
            if self.path == "/_sim/control":
                b = json.loads(self.body() or b"{}")
                with st.lock:
                    st.mode, st.count = b.get("mode", "ok"), int(b.get("count", 1))
                    st.lag_ms, st.tamper = int(b.get("lag_ms", 0)), b.get("tamper", "other_id")
                return self.answer(200, {"ok": True})
            if self.path == "/_sim/people":
                people = json.loads(self.body() or b"[]")
                with st.lock:
                    for p in people:
                        st.people[p["id_number"]] = {"chu_dem": "", "gender": "1", "ethnicity": "01", "permanent": "",
                                                     "current": "", "home": "", **p}
                return self.answer(200, {"ok": True, "people": len(st.people)})
            if self.path != PATH:
                return self.send(404, fault("Không có dịch vụ này"))
            raw = self.body()
            why = check_auth(self.headers, st)
            if why:
                with st.lock:
                    st.received.append({"verdict": "unauthorised", "why": why})
                return self.send(401, fault(why))
            f, why = read_request(raw, st)
            record = {"fields": f, "verdict": "refused" if why else "ok", "why": why,
                      "content_type": self.headers.get("Content-Type", ""), "at": time.time()}
            with st.lock:
                if f and f.get("MaYeuCau"):
                    if f["MaYeuCau"] in st.request_ids:
                        st.repeats += 1
                        record["repeat"] = True
                    st.request_ids.add(f["MaYeuCau"])
                st.received.append(record)
            if why:
                return self.send(500, fault(why))
            mode = st.take_mode()
            record["mode"] = mode
            if mode == "fail":
                return self.send(500, fault("Hệ thống Cơ sở dữ liệu quốc gia về dân cư đang bận (mô phỏng)"))
            if mode == "garbage":
                return self.send(200, "<html><body>502 Bad Gateway</body></html", "text/html")
            if mode == "lag":
                time.sleep(st.lag_ms / 1000.0)
            with st.lock:
                p = st.people.get(f["SoDinhDanh"])
            found = []
            if p and fold(p["ho"] + p["chu_dem"] + p["ten"]) == fold(f["HoVaTen"]) and (
                    p["birth"] == f["NgayThangNam"] or (not f["NgayThangNam"] and p["birth"][:4] == f["Nam"])):
                found = [dict(p)]
            if found and mode == "repeat":
                found = found * 2
            if found and mode == "tamper":
                q = found[0]
                if st.tamper == "name":
                    q["ten"] = q["ten"] + " Khác"
                elif st.tamper == "birth":
                    q["birth"] = str(int(q["birth"][:4]) - 1) + q["birth"][4:]
                else:
                    q["id_number"] = q["id_number"][:-4] + "9999"
            record["found"] = bool(found)
            self.send(200, collection(found, f["MaYeuCau"]))

    return Handler


PATH = "/dancu"


def main():
    global PATH
    ap = argparse.ArgumentParser(description="National population database simulator (SIMULATED)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--username", default="motcua-tinh")
    ap.add_argument("--secret", default="bi-mat-ndxp")
    ap.add_argument("--auth-url", required=True, help="the service address the client signs")
    ap.add_argument("--x-road-client", default="VN/GOV/000.00.00.H51/MOTCUA")
    ap.add_argument("--api-key", default="ndxp-api-key")
    ap.add_argument("--madonvi", default="")
    ap.add_argument("--path", default="/dancu")
    ap.add_argument("--mode", default="test", help="demo: say so on start")
    a = ap.parse_args()
    PATH = a.path
    server = ThreadingHTTPServer(("127.0.0.1", a.port), make_handler(State(a)))
    print(f"[MÔ PHỎNG] CSDL quốc gia về dân cư tại http://127.0.0.1:{a.port}{PATH}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
