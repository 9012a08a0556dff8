#!/usr/bin/env python3
"""Simulated National Public Service Portal (Cổng Dịch vụ công quốc gia, DVCQG) — MÔ PHỎNG.

Speaks the dossier-sync protocol provincial one-stop systems use (docs/integrations.md, after
VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl):
  POST /auth         {"username", "password"}  → {"error_code": 0, "session": "..."}
  POST /integration  {"session", "madonvi", "service", "isUpdating"?, "data": [item, ...]}
       service DongBoHoSoMC          items: the dossier (MaHoSo, MaTTHC, TrangThaiHoSo 1–10, dates...)
       service CapNhatTienDoHoSoMC   items: a processing step (MaHoSo, NguoiXuLy, ThoiDiemXuLy, TrangThai)
       service LayDanhSachHoSoMoi    (assumed) dossiers filed on the portal for this unit, not yet confirmed
       service XacNhanHoSo           (assumed) {"MaHoSo"}: the province confirms it took one in
  answers {"error_code": 0, "message": ...}; -1 = session unknown or expired (log in again);
  other codes = the content is refused (recorded in "rejected").
It checks what it receives as the portal would: the session, the unit code, the service, the
required fields, codes (MaHoSo ≤ 50 characters, TrangThai 1–10), dates yyyyMMddHHmmss in UTC+7
(valid, not in the future), the order of states per dossier (e.g. no 10 before 9, nothing after
a terminal state), and repeats: a repeated Idempotency-Key or an identical item is answered
success and counted once (recorded as a duplicate).

It also plays the portal's side of TraCuuHoSo: POST /_sim/lookup {"mahoso"} makes it ask MotCua
(--motcua-url, Authorization: Bearer --inbound-secret) and check the answer.

Test control:
  GET  /_sim/received   {"dossiers": {MaHoSo: [statuses]}, "messages": [...], "progress": [...],
                         "rejected": [...], "duplicates": N, "logins": N, "calls": N, "faults": N}
  POST /_sim/control    {"mode": "ok"|"down"|"fail"|"garbage"|"expire"|"lag"|"refuse",
                         "count": N (next N calls) | "for_ms": M (this long), "lag_ms": L,
                         "service": S or [S, ...] (only calls of these services; "auth" = the login)}
       down: the connection is closed without an answer; fail: HTTP 500; garbage: 200 with a body
       that is not JSON; expire: every session is forgotten, the next calls answer -1; lag: wait
       L ms then answer; refuse: error_code 99 (content refused).
  POST /_sim/national-dossiers {"items": [...], "repeat": bool}   dossiers filed on the portal, to
       be pulled (repeat: still offered after the confirmation, as if it were lost)
  POST /_sim/catalogue {"items": [...]}   the export LayDanhSachTTHC serves (MATTHC, TENTTHC,
       LINHVUCTHUCHIEN[{TENLINHVUC}], CACHTHUCTHUCHIEN[{THOIGIAN[{THOIGIANGIAIQUYET, DONVITINH}]}])
  POST /_sim/reset
Usage: server.py --port N [--secret PASSWORD] [--username U] [--madonvi M] [--session-ttl S]
                 [--motcua-url URL] [--inbound-secret S] [--mode demo]
"""
import argparse
import base64
import datetime
import hashlib
import json
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VN = datetime.timezone(datetime.timedelta(hours=7))
BANNER = "MÔ PHỎNG — đây không phải Cổng Dịch vụ công quốc gia thật"

# The national status codes a dossier may reach from the last one the portal holds (None = new).
# A status may always be repeated (an update without a change of state).
ALLOWED_FROM = {
    1: {None, 5},
    2: {None, 1},
    3: {None, 1, 5},
    4: {2, 5, 6},
    5: {1, 4},
    6: {4},
    7: {1, 2, 4, 5, 6},
    8: {2, 4, 5, 6},
    9: {4},
    10: {9},
}
TERMINAL = {3, 7, 8, 10}


def parse_time(s):
    """yyyyMMddHHmmss in UTC+7 → aware datetime, or None."""
    if not isinstance(s, str) or len(s) != 14 or not s.isdigit():
        return None
    try:
        return datetime.datetime.strptime(s, "%Y%m%d%H%M%S").replace(tzinfo=VN)
    except ValueError:
        return None


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.sessions = {}  # token -> expiry (monotonic)
        self.dossiers = {}  # MaHoSo -> [statuses accepted, in order]
        self.last_item = {}  # (service, MaHoSo) -> hash of the last accepted item
        self.keys = set()
        self.messages = []
        self.progress = []
        self.rejected = []
        self.lookups = []
        self.duplicates = 0
        self.logins = 0
        self.calls = 0
        self.faults = 0
        self.national = []  # dossiers filed on the portal: {"item": {...}, "confirmed": bool}
        self.files = {}  # id -> bytes of their files
        self.catalogue = []  # the national procedure database's export (LayDanhSachTTHC)
        self.downloads = 0
        self.connections = 0
        self.mode, self.count, self.until, self.lag_ms, self.only = "ok", 0, 0.0, 0, None

    def take_mode(self, service):
        with self.lock:
            if self.only and service not in self.only:
                return "ok"
            if self.until and time.monotonic() < self.until:
                return self.mode
            if self.count > 0:
                self.count -= 1
                return self.mode
            self.until = 0.0
            return "ok"


def now_vn():
    return datetime.datetime.now(VN)


def check_time(errors, item, field, required):
    v = item.get(field)
    if v in (None, ""):
        if required:
            errors.append(f"{field}: bắt buộc")
        return
    t = parse_time(v)
    if t is None:
        errors.append(f"{field}: không đúng định dạng yyyyMMddHHmmss")
    elif field != "NgayHenTra" and field != "NgayKetThucTheoQuyDinh" and t > now_vn() + datetime.timedelta(minutes=2):
        errors.append(f"{field}: thời điểm ở tương lai (múi giờ UTC+7?)")


def check_status(errors, item, field):
    v = item.get(field)
    if not isinstance(v, str) or not v.isdigit() or not 1 <= int(v) <= 10:
        errors.append(f"{field}: phải là mã trạng thái 1–10")
        return None
    return int(v)


def check_code(errors, item):
    v = item.get("MaHoSo")
    if not isinstance(v, str) or not v or len(v) > 50 or any(ord(c) < 0x20 for c in v):
        errors.append("MaHoSo: bắt buộc, tối đa 50 ký tự")
        return None
    return v


class Handler(BaseHTTPRequestHandler):
    server_version = "DVCQG-MoPhong/1.0"
    # HTTP/1.1: a client may keep its connection open between calls, as with the real portal
    # (every answer carries Content-Length). `connections` counts the TCP connections accepted.
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes: without TCP_NODELAY the body waits for the client's
    # delayed ACK (~40 ms) on a kept-alive connection, a stall no real portal has.
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def setup(self):
        super().setup()
        with self.server.state.lock:
            self.server.state.connections += 1

    @property
    def st(self):
        return self.server.state

    def answer(self, status, obj):
        if self.st.args.mode == "demo" and isinstance(obj, dict):
            obj = dict(obj, mo_phong=BANNER)
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read_json(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try:
            return json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None

    # --- faults ---
    def fault(self, service):
        """Applies the control mode to a protocol call; True when it answered (or hung up)."""
        mode = self.st.take_mode(service)
        if mode == "ok":
            return False
        with self.st.lock:
            self.st.faults += 1
        if mode == "lag":
            time.sleep(self.st.lag_ms / 1000.0)
            return False
        if mode == "down":
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass
            return True
        if mode == "fail":
            self.answer(500, {"error_code": 500, "message": "Lỗi máy chủ"})
            return True
        if mode == "garbage":
            body = b"<html><body>Bad Gateway \xff\xfe</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return True
        if mode == "expire":
            with self.st.lock:
                self.st.sessions.clear()
            return False  # the call goes on and meets an unknown session
        if mode == "refuse":
            self.answer(200, {"error_code": 99, "message": "Dữ liệu bị từ chối (mô phỏng)"})
            return True
        return False

    def do_GET(self):
        if self.path == "/_sim/received":
            with self.st.lock:
                return self.answer(200, {
                    "dossiers": self.st.dossiers, "messages": self.st.messages, "progress": self.st.progress,
                    "rejected": self.st.rejected, "duplicates": self.st.duplicates, "logins": self.st.logins,
                    "calls": self.st.calls, "faults": self.st.faults, "lookups": self.st.lookups,
                    "national": self.st.national, "downloads": self.st.downloads,
                    "connections": self.st.connections})
        if self.path.startswith("/files/"):
            data = self.st.files.get(self.path[len("/files/"):])
            if data is None:
                return self.answer(404, {"error_code": 404, "message": "Không có tệp"})
            with self.st.lock:
                self.st.downloads += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if self.path == "/":
            return self.answer(200, {"service": "Cổng Dịch vụ công quốc gia", "mo_phong": BANNER})
        self.answer(404, {"error_code": 404, "message": "Không có"})

    def do_POST(self):
        path = self.path.split("?")[0]
        if path.startswith("/_sim/"):
            return self.control(path)
        if path == "/auth":
            body = self.read_json()
            if self.fault("auth"):
                return
            return self.auth(body)
        if path == "/integration":
            body = self.read_json()
            if self.fault(body.get("service") if isinstance(body, dict) else None):
                return
            return self.integration(body)
        self.answer(404, {"error_code": 404, "message": "Không có"})

    def control(self, path):
        body = self.read_json() or {}
        st = self.st
        if path == "/_sim/reset":
            with st.lock:
                st.reset()
            return self.answer(200, {"ok": True})
        if path == "/_sim/control":
            with st.lock:
                st.mode = body.get("mode", "ok")
                st.count = int(body.get("count", 0 if "for_ms" in body else 1))
                st.until = time.monotonic() + body["for_ms"] / 1000.0 if "for_ms" in body else 0.0
                st.lag_ms = int(body.get("lag_ms", 0))
                only = body.get("service")
                st.only = {only} if isinstance(only, str) else set(only) if only else None
            return self.answer(200, {"ok": True})
        if path == "/_sim/national-dossiers":
            # Each item as LayDanhSachHoSoMoi lists it (MaHoSo, MaTTHC, MaDonVi, ChuHoSo, SoDinhDanh,
            # ...); "files": [{"name", "component", "content_b64"}] become TaiLieuNop served here.
            with st.lock:
                for it in body.get("items", []):
                    it = dict(it)
                    docs = []
                    for f in it.pop("files", []):
                        fid = uuid.uuid4().hex
                        st.files[fid] = base64.b64decode(f["content_b64"])
                        docs.append({"TenTepDinhKem": f["name"], "MaThanhPhanHoSo": f.get("component", f["name"]),
                                     "DuongDanTaiTepTin": f"http://{self.headers.get('Host')}/files/{fid}"})
                    it["TaiLieuNop"] = docs
                    # "repeat": keep offering it after the confirmation (a confirmation lost).
                    st.national.append({"item": it, "confirmed": False, "pulled": 0, "repeat": bool(body.get("repeat"))})
            return self.answer(200, {"ok": True})
        if path == "/_sim/catalogue":
            with st.lock:
                st.catalogue = list(body.get("items", []))
            return self.answer(200, {"ok": True})
        if path == "/_sim/lookup":
            return self.answer(200, self.lookup(body.get("mahoso", "")))
        self.answer(404, {"ok": False})

    def auth(self, body):
        st = self.st
        with st.lock:
            st.calls += 1
        if not isinstance(body, dict) or body.get("username") != st.args.username or body.get("password") != st.args.secret:
            return self.answer(200, {"error_code": 1, "message": "Sai tên đăng nhập hoặc mật khẩu"})
        token = uuid.uuid4().hex
        with st.lock:
            st.sessions[token] = time.monotonic() + st.args.session_ttl
            st.logins += 1
        self.answer(200, {"error_code": 0, "session": token, "message": "Thành công"})

    def refuse(self, service, item, errors, code=2):
        with self.st.lock:
            self.st.rejected.append({"service": service, "item": item, "errors": errors})
        self.answer(200, {"error_code": code, "message": "; ".join(errors)})

    def integration(self, body):
        st = self.st
        key = self.headers.get("Idempotency-Key", "")
        with st.lock:
            st.calls += 1
        if not isinstance(body, dict):
            return self.refuse("?", None, ["Nội dung không phải JSON"])
        with st.lock:
            exp = st.sessions.get(body.get("session"))
            if exp is None or exp < time.monotonic():
                st.sessions.pop(body.get("session"), None)
                return self.answer(200, {"error_code": -1, "message": "Phiên làm việc không hợp lệ hoặc đã hết hạn"})
        service = body.get("service")
        if body.get("madonvi") != st.args.madonvi:
            return self.refuse(service, None, ["madonvi: không đúng mã đơn vị"])
        if service == "LayDanhSachHoSoMoi":
            with st.lock:
                items = []
                for n in st.national:
                    if not n["confirmed"] or n["repeat"]:
                        n["pulled"] += 1
                        items.append(n["item"])
            return self.answer(200, {"error_code": 0, "message": "Thành công", "result": items})
        if service == "LayDanhSachTTHC":
            with st.lock:
                return self.answer(200, {"error_code": 0, "message": "Thành công", "result": list(st.catalogue)})
        if service == "XacNhanHoSo":
            code = body.get("MaHoSo")
            with st.lock:
                for n in st.national:
                    if n["item"].get("MaHoSo") == code:
                        n["confirmed"] = True
                        n["confirmations"] = n.get("confirmations", 0) + 1
                        n["local_code"] = body.get("MaHoSoTinh", "")
                        n["local_id"] = body.get("MaHoSoNoiBo", "")
                        return self.answer(200, {"error_code": 0, "message": "Thành công"})
            return self.refuse(service, body, ["MaHoSo: không có hồ sơ này"])
        data = body.get("data")
        if service not in ("DongBoHoSoMC", "CapNhatTienDoHoSoMC"):
            return self.refuse(service, None, ["service: không hỗ trợ"])
        if not isinstance(data, list) or not data or not all(isinstance(i, dict) for i in data):
            return self.refuse(service, None, ["data: phải là danh sách hồ sơ"])
        with st.lock:
            if key and key in st.keys:
                st.duplicates += 1
                return self.answer(200, {"error_code": 0, "message": "Đã nhận trước đó"})
            for item in data:
                err = self.check_item(service, body, item)
                if err:
                    st.rejected.append({"service": service, "item": item, "errors": err})
                    return self.answer(200, {"error_code": 2, "message": "; ".join(err)})
            for item in data:
                self.accept(service, item)
            if key:
                st.keys.add(key)
        self.answer(200, {"error_code": 0, "message": "Thành công"})

    def check_item(self, service, body, item):
        """Errors of one item (under the lock), [] when acceptable."""
        st = self.st
        errors = []
        code = check_code(errors, item)
        if service == "DongBoHoSoMC":
            status = check_status(errors, item, "TrangThaiHoSo")
            for f in ("MaTTHC", "TenTTHC", "DonViXuLy"):
                if not isinstance(item.get(f), str) or not item.get(f):
                    errors.append(f"{f}: bắt buộc")
            if body.get("isUpdating") not in (None, "True", "False"):
                errors.append("isUpdating: phải là True hoặc False")
            check_time(errors, item, "NgayTiepNhan", status is not None and status >= 2 and status != 3)
            check_time(errors, item, "NgayHenTra", False)
            check_time(errors, item, "NgayTra", status == 10)
            check_time(errors, item, "NgayKetThucXuLy", False)
            if errors or code is None:
                return errors
            seen = st.dossiers.get(code, [])
            last = seen[-1] if seen else None
            if status != last:
                if last in TERMINAL:
                    errors.append(f"TrangThaiHoSo: hồ sơ đã ở trạng thái kết thúc {last}, không nhận {status}")
                elif last not in ALLOWED_FROM[status]:
                    errors.append(f"TrangThaiHoSo: không thể chuyển từ {last} sang {status}")
        else:
            status = check_status(errors, item, "TrangThai")
            if not isinstance(item.get("NguoiXuLy"), str) or not item.get("NguoiXuLy"):
                errors.append("NguoiXuLy: bắt buộc")
            check_time(errors, item, "ThoiDiemXuLy", True)
            if code is not None and code not in st.dossiers:
                errors.append("MaHoSo: chưa đồng bộ hồ sơ (DongBoHoSoMC) trước khi cập nhật tiến độ")
            elif code is not None and status is not None and st.dossiers[code][-1] != status:
                errors.append("TrangThai: khác trạng thái hồ sơ đang có trên Cổng")
        return errors

    def accept(self, service, item):
        st = self.st
        code = item["MaHoSo"]
        h = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if st.last_item.get((service, code)) == h:
            st.duplicates += 1  # the same item again: counted once
            return
        st.last_item[(service, code)] = h
        rec = dict(item, _received_at=now_vn().strftime("%Y%m%d%H%M%S"))
        if service == "DongBoHoSoMC":
            status = int(item["TrangThaiHoSo"])
            seen = st.dossiers.setdefault(code, [])
            if not seen or seen[-1] != status:
                seen.append(status)
            st.messages.append(rec)
        else:
            st.progress.append(rec)

    def lookup(self, mahoso):
        """TraCuuHoSo towards MotCua; checks and records the answer."""
        a = self.st.args
        req = urllib.request.Request(a.motcua_url.rstrip("/") + "/api/v1/dvcqg/tra-cuu-ho-so",
                                     data=json.dumps({"service": "TraCuuHoSo", "mahoso": mahoso}).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Bearer " + a.inbound_secret}, method="POST")
        out = {"mahoso": mahoso, "errors": []}
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                out["http_status"] = r.status
                out["answer"] = json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            out["http_status"] = e.code
            try:
                out["answer"] = json.loads(e.read().decode())
            except ValueError:
                out["answer"] = None
        except (OSError, ValueError) as e:
            out["http_status"] = 0
            out["errors"].append(str(e))
        ans = out.get("answer")
        if isinstance(ans, dict) and ans.get("error_code") == 0:
            for item in ans.get("result", []):
                check_code(out["errors"], item)
                check_status(out["errors"], item, "TrangThaiHoSo")
                for f in ("NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayNopHoSo"):
                    if item.get(f):
                        check_time(out["errors"], item, f, False)
        with self.st.lock:
            self.st.lookups.append(out)
        return out


def main():
    ap = argparse.ArgumentParser(description="Cổng Dịch vụ công quốc gia (MÔ PHỎNG)")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--address", default="127.0.0.1")
    ap.add_argument("--username", default="motcua-tinh")
    ap.add_argument("--secret", default="mat-khau-mo-phong")
    ap.add_argument("--madonvi", default="000.00.00.H51")
    ap.add_argument("--session-ttl", type=float, default=1800.0)
    ap.add_argument("--motcua-url", default="http://127.0.0.1:8080")
    ap.add_argument("--inbound-secret", default="")
    ap.add_argument("--mode", default="test", choices=["test", "demo"])
    args = ap.parse_args()
    srv = ThreadingHTTPServer((args.address, args.port), Handler)
    srv.daemon_threads = True
    srv.state = State(args)
    if args.mode == "demo":
        print(f"[{BANNER}] Cổng DVCQG mô phỏng tại http://{args.address}:{args.port}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
