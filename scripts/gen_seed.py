#!/usr/bin/env python3
"""Generate MotCua demo seed data (data/seed/{units,agencies,procedures,staff}.json).

Usage:  python3 scripts/gen_seed.py [SHARED_DATA_DIR]   (default: ../shared/data)

Reads SHARED_DATA_DIR/units.json and SHARED_DATA_DIR/procedures.json (gathered public
material, see SOURCES.md there) and writes the four JSON files next to this repository's
data/seed/README.md. Python 3 standard library only; deterministic (same input -> same
bytes); re-runnable. Validates its output and exits non-zero on any inconsistency.

Policy: every `verified`, `source` and `note` from the shared data is carried over. Anything
invented here (agency e-ID codes, departments list, internal process steps and hours, channels,
boundary-free flags, staff, citizens, placeholder time limits) is marked unverified with the
note DEMO_NOTE. data/seed/calendar.json is NOT written here.
"""
import json
import os
import sys
import unicodedata

DEMO_NOTE = "demo data, not from a published source"
MERGE_DATE = "2025-07-01"
OLD_END = "2025-06-30"
NQ_1677 = "Nghị quyết 1677/NQ-UBTVQH15"
NQ_202 = "Nghị quyết 202/2025/QH15"
PROVINCE_NAME = "Tỉnh Quảng Ngãi"
PROVINCE_SUFFIX = "tỉnh Quảng Ngãi"
PASSWORD = "MotCua@2026"

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "data", "seed")


def slug(text):
    """ASCII lowercase letters/digits only: 'Cẩm Thành' -> 'camthanh'."""
    t = text.replace("đ", "d").replace("Đ", "D")
    t = unicodedata.normalize("NFD", t)
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn")
    return "".join(ch for ch in t.lower() if ch.isascii() and ch.isalnum())


def unit_type_from_name(name):
    low = name.lower()
    for prefix, typ in (("thị trấn", "thị trấn"), ("thành phố", "thành phố"), ("thị xã", "thị xã"),
                        ("phường", "phường"), ("xã", "xã"), ("huyện", "huyện"),
                        ("đặc khu", "đặc khu"), ("tỉnh", "tỉnh")):
        if low.startswith(prefix):
            return typ
    raise ValueError("unknown unit type for %r" % name)


# --------------------------------------------------------------------------------------------
# units.json
# --------------------------------------------------------------------------------------------
def build_units(su):
    prov = su["province"]
    units, successions = [], []
    old_src = ("github thanglequoc/vietnamese-provinces-database@fac6308 (2025-03-12) "
               "mysql/ImportData_vn_units.sql (pre-merger codes and names)")
    units.append({
        "id": "u51", "code": "51", "name": PROVINCE_NAME, "level": "province", "type": "tỉnh",
        "parent_code": None, "parent_id": None, "valid_from": MERGE_DATE, "valid_to": None,
        "verified": prov["verified"], "source": prov["source"],
        "note": "new Tỉnh Quảng Ngãi formed from %s; %s" % (prov["formed_from"], prov.get("note") or ""),
    })
    units.append({
        "id": "u51@2025-06-30", "code": "51", "name": PROVINCE_NAME, "level": "province",
        "type": "tỉnh", "parent_code": None, "parent_id": None, "valid_from": None,
        "valid_to": OLD_END, "verified": prov["verified"], "source": prov["source"],
        "note": "pre-2025 Tỉnh Quảng Ngãi (same code 51 as the new province); valid_from unknown",
    })
    units.append({
        "id": "u62", "code": "62", "name": "Tỉnh Kon Tum", "level": "province", "type": "tỉnh",
        "parent_code": None, "parent_id": None, "valid_from": None, "valid_to": OLD_END,
        "verified": prov["verified"], "source": prov["source"],
        "note": "former province merged into Tỉnh Quảng Ngãi; code 62 retired; valid_from unknown",
    })
    old_prov_id = {"51": "u51@2025-06-30", "62": "u62"}
    for pid in ("u51@2025-06-30", "u62"):
        successions.append({
            "from_id": pid, "to_id": "u51", "from_code": pid[1:3], "to_code": "51",
            "kind": "merge", "date": MERGE_DATE, "legal_basis": NQ_202,
            "verified": prov["verified"], "note": None,
        })

    for d in su["pre_2025_districts"]:
        units.append({
            "id": "d" + d["code"], "code": d["code"], "name": d["name"], "level": "district",
            "type": unit_type_from_name(d["name"]), "parent_code": d["province_code"],
            "parent_id": old_prov_id[d["province_code"]], "valid_from": None,
            "valid_to": OLD_END, "verified": d["verified"], "source": d["source"],
            "note": d.get("note") or "district level abolished 2025-07-01 (two-tier local government); valid_from unknown",
        })

    # how many new communes each old code flows into (detect split, e.g. Xã Trà Bùi)
    targets = {}
    for c in su["communes"]:
        for m in c["merged_from"]:
            targets.setdefault(m["old_code"], []).append(c["code"])

    old_seen = set()
    for c in su["communes"]:
        units.append({
            "id": "c" + c["code"], "code": c["code"], "name": c["name"], "level": "commune",
            "type": c["type"], "parent_code": "51", "parent_id": "u51",
            "valid_from": MERGE_DATE, "valid_to": None, "verified": c["verified"],
            "source": c["source"], "note": c.get("note"),
            "short_name": c["short_name"], "from_former_kon_tum": c["from_former_kon_tum"],
        })
        n_src = len(c["merged_from"])
        for m in c["merged_from"]:
            is_district = m["old_district"] is None and m["old_code"] == m["old_district_code"]
            if is_district:
                from_id = "d" + m["old_code"]
            else:
                from_id = "c%s@old" % m["old_code"]
                if from_id not in old_seen:
                    old_seen.add(from_id)
                    note = m.get("note")
                    if len(targets[m["old_code"]]) > 1:
                        note = "; ".join(x for x in (note, c.get("note")) if x)
                    units.append({
                        "id": from_id, "code": m["old_code"], "name": m["old_name"],
                        "level": "commune", "type": unit_type_from_name(m["old_name"]),
                        "parent_code": m["old_district_code"],
                        "parent_id": "d" + m["old_district_code"], "valid_from": None,
                        "valid_to": OLD_END, "verified": c["verified"],
                        "source": old_src + "; matched by name from the merger list of " + c["name"],
                        "note": note,
                    })
            split = len(targets[m["old_code"]]) > 1
            if split:
                kind, verified = "split", False
                note = c.get("note") or "old unit listed under more than one new unit"
            elif n_src > 1:
                kind, verified, note = "merge", c["verified"], m.get("note")
            else:
                kind, verified = "rename", c["verified"]
                if is_district:
                    note = "whole district %s became %s (đặc khu)" % (m["old_name"], c["name"])
                elif c["unchanged"]:
                    note = ("unit kept as is (listed 'unchanged'); recorded for code continuity "
                            "and the move from district to province parent")
                    if m.get("note"):
                        note += "; " + m["note"]
                else:
                    note = m.get("note")
            successions.append({
                "from_id": from_id, "to_id": "c" + c["code"], "from_code": m["old_code"],
                "to_code": c["code"], "kind": kind, "date": MERGE_DATE, "legal_basis": NQ_1677,
                "verified": verified, "note": note,
            })
    return {
        "province": {"id": "u51", "code": "51", "name": PROVINCE_NAME, "valid_from": MERGE_DATE},
        "units": units,
        "successions": successions,
    }


# --------------------------------------------------------------------------------------------
# agencies.json
# --------------------------------------------------------------------------------------------
# (id, short name as in shared/data departments list, e-ID level-2 number)
DEPARTMENTS = [
    ("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", 2),
    ("snv", "Sở Nội vụ", 10),
    ("stc", "Sở Tài chính", 11),
    ("stp", "Sở Tư pháp", 12),
    ("sxd", "Sở Xây dựng", 13),
    ("snnmt", "Sở Nông nghiệp và Môi trường", 14),
    ("sct", "Sở Công Thương", 15),
    ("skhcn", "Sở Khoa học và Công nghệ", 16),
    ("sgddt", "Sở Giáo dục và Đào tạo", 17),
    ("syt", "Sở Y tế", 18),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", 19),
    ("sdttg", "Sở Dân tộc và Tôn giáo", 20),
    ("ttr", "Thanh tra tỉnh", 21),
]
# communes whose People's Committee is seeded (7 former Quảng Ngãi, 6 former Kon Tum)
SEED_COMMUNES = ["21025", "21028", "21172", "21040", "21235", "21439", "21548",
                 "23293", "23302", "23473", "23500", "23527", "23535"]
ECODE_NOTE = ("e-ID code invented in the QĐ 20/2020/QĐ-TTg shape; no mã định danh for Quảng Ngãi "
              "or Kon Tum agencies was seen in any source")


def build_agencies(su, units):
    dept_names = {d["name"] for d in su["departments"]["items"]}
    dept_note = su["departments"]["note"]
    ag = []

    def add(**kw):
        rec = {"id": None, "eid": None, "name": None, "type": None, "parent": None,
               "unit_id": "u51", "valid_from": MERGE_DATE, "valid_to": None, "successor": None,
               "verified": False, "note": DEMO_NOTE + "; " + ECODE_NOTE}
        rec.update(kw)
        ag.append(rec)

    add(id="ubnd-tinh", eid="000.00.00.H51", name="Ủy ban nhân dân " + PROVINCE_SUFFIX,
        type="provincial_committee")
    add(id="ttphcc", eid="000.00.01.H51",
        name="Trung tâm Phục vụ hành chính công " + PROVINCE_SUFFIX, type="service_center",
        parent="ubnd-tinh")
    for aid, short, nn in DEPARTMENTS:
        assert short in dept_names, short
        add(id=aid, eid="000.00.%02d.H51" % nn, name=short + " " + PROVINCE_SUFFIX
            if not short.endswith("tỉnh") else short + " Quảng Ngãi",
            type="department", parent="ubnd-tinh",
            note=DEMO_NOTE + "; department list not confirmed: " + dept_note + "; " + ECODE_NOTE)
    add(id="vpdkdd", eid="000.01.14.H51",
        name="Văn phòng Đăng ký đất đai " + PROVINCE_SUFFIX, type="department", parent="snnmt",
        note=DEMO_NOTE + "; public service unit under Sở Nông nghiệp và Môi trường, modelled as "
        "type 'department' (handles land registration); " + ECODE_NOTE)
    add(id="thue-tinh", eid="000.51.00.G12", name="Thuế " + PROVINCE_SUFFIX, type="vertical",
        parent=None,
        note=DEMO_NOTE + "; vertical central agency (tax) consulted on land procedures; name and "
        "G-code invented (Gnn suffix for ministries per QĐ 20/2020; G12 not checked)")

    communes = {u["code"]: u for u in units["units"] if u["level"] == "commune" and u["valid_to"] is None}
    ordered = sorted(communes)
    for code in SEED_COMMUNES:
        u = communes[code]
        idx = ordered.index(code) + 1
        add(id="ubnd-" + slug(u["short_name"]), eid="000.%02d.60.H51" % idx,
            name="Ủy ban nhân dân %s %s" % (u["type"], u["short_name"]),
            type="commune_committee", parent="ubnd-tinh", unit_id=u["id"],
            note=DEMO_NOTE + "; commune %s %s; %s" % (
                u["code"], "(former Kon Tum)" if u["from_former_kon_tum"] else "(former Quảng Ngãi)",
                ECODE_NOTE))

    # pre-2025 agencies (history; renaming never rewrites signed history)
    add(id="old-ubnd-tinh-kontum", eid="000.00.00.H62", name="Ủy ban nhân dân tỉnh Kon Tum",
        type="provincial_committee", unit_id="u62", valid_from=None, valid_to=OLD_END,
        successor="ubnd-tinh",
        note=DEMO_NOTE + "; pre-merger agency; valid_from unknown; H62 suffix invented "
        "(real Hnn of Kon Tum not seen)")
    add(id="old-stp-kontum", eid="000.00.12.H62", name="Sở Tư pháp tỉnh Kon Tum",
        type="department", parent="old-ubnd-tinh-kontum", unit_id="u62", valid_from=None,
        valid_to=OLD_END, successor="stp",
        note=DEMO_NOTE + "; pre-merger agency; valid_from unknown; e-ID invented")
    add(id="old-ubnd-quyetthang", eid="000.03.08.H62",
        name="Ủy ban nhân dân phường Quyết Thắng", type="commune_committee",
        parent="old-ubnd-tinh-kontum", unit_id="c23287@old", valid_from=None, valid_to=OLD_END,
        successor="ubnd-kontum",
        note=DEMO_NOTE + "; pre-merger ward of Thành phố Kon Tum (its UBND thành phố is not "
        "seeded, so parent is the old provincial committee); merged into Phường Kon Tum; e-ID invented")
    add(id="old-ubnd-tranhungdao-qng", eid="000.07.22.H51",
        name="Ủy ban nhân dân phường Trần Hưng Đạo", type="commune_committee", parent=None,
        unit_id="c21022@old", valid_from=None, valid_to=OLD_END, successor="ubnd-camthanh",
        note=DEMO_NOTE + "; pre-merger ward of Thành phố Quảng Ngãi (parent UBND thành phố not "
        "seeded); merged into Phường Cẩm Thành; e-ID invented")
    return ag


# --------------------------------------------------------------------------------------------
# procedures.json
# --------------------------------------------------------------------------------------------
ONLINE = {"toan_trinh": "full", "mot_phan": "partial", "info": "info", "thong_tin": "info",
          "unknown": "unknown", None: "unknown"}
OLD_LEVEL = {"full": 4, "partial": 3, "info": 2, "unknown": None}
KIND = {"original": "original", "copy": "copy", "either": "original_or_copy",
        "original_or_copy": "original_or_copy"}

# Placeholder time limits where shared/data has none (amount null). NOT facts: each is marked
# verified false and its note says so. (amount, unit, basis of the guess)
# Fees charged per page, read from the shared item's note (amount_vnd is pages 1-2): the tiers
# and the cap per copy (TT 226/2016/TT-BTC for certified copies).
PER_PAGE = {
    ("2.000815", 0): {"per": "page", "tiers": [{"from_page": 3, "amount_vnd": 1000}],
                      "cap_per_copy_vnd": 200000},
}
PLACEHOLDER_TL = {
    "1.000689": (3, "working_days", "guess by analogy with 1.001022"),
    "2.000950": (3, "working_days", "guess"),
    "1.001699": (30, "calendar_days", "guess from general knowledge of Nghị định 28/2012/NĐ-CP"),
    "1.011607": (15, "working_days", "guess"),
    "2.002307": (10, "working_days", "guess"),
    "1.014028": (5, "working_days", "guess"),
    "1.010833": (5, "working_days", "guess"),
    "1.012753": (20, "working_days", "guess from general knowledge of Nghị định 101/2024/NĐ-CP"),
    "1.012786": (10, "working_days", "guess from general knowledge of Nghị định 101/2024/NĐ-CP"),
    "1.012784": (15, "working_days", "guess from general knowledge of Nghị định 101/2024/NĐ-CP"),
    "1.013831": (10, "working_days", "guess from general knowledge of Nghị định 101/2024/NĐ-CP"),
    "1.013227": (5, "working_days", "guess from general knowledge of Luật Xây dựng"),
    "1.013228": (5, "working_days", "guess from general knowledge of Luật Xây dựng"),
    "1.014201": (5, "working_days", "guess"),
    "1.014200": (3, "working_days", "guess"),
    "2.002894": (20, "working_days", "guess"),
    "3.000182": (0, "none", "enrolment follows the annual plan; treated as no per-dossier deadline in the demo"),
}
# shared unit 'days' (ambiguous) -> seed unit
DAYS_UNIT = {
    "2.000806": ("working_days", "unit 'ngày' read as working days (not stated in the source)"),
    "1.012812": ("calendar_days", "unit 'ngày' read as calendar days (Luật Đất đai 2024, unverified)"),
}
# demo-only classification
BOUNDARY_FREE = {"2.000815", "2.000884", "2.000635",
                 "1.012753", "1.012786", "1.012784", "1.013831"}
IN_PERSON_ONLY = {"2.000815", "2.000884", "2.001019", "1.000593", "1.000419"}
NO_ONLINE = {"1.012812"}
PROVINCIAL_HANDLER = {
    "1.012753": "vpdkdd", "1.012786": "vpdkdd", "1.012784": "vpdkdd", "1.013831": "vpdkdd",
    "1.013227": "sxd", "1.013228": "sxd", "1.014201": "snv", "1.014200": "snv",
}
ROUTING = {"1.014201": "ministry", "1.014200": "ministry", "3.000182": "sector"}
IAL1 = {"2.000950", "3.000182"}
PUBLICATION = {"1.000894": "Quyết định 163/QĐ-BTP", "2.000806": "Quyết định 163/QĐ-BTP"}
CONSULT = {
    "1.012753": [
        {"agency_type": "vertical", "agency": "thue-tinh", "name": "Thuế tỉnh Quảng Ngãi: xác định nghĩa vụ tài chính", "hours": 40},
        {"agency_type": "commune_committee", "agency": None, "name": "UBND cấp xã nơi có đất: xác nhận hiện trạng, nguồn gốc sử dụng đất", "hours": 24},
    ],
    "1.013831": [
        {"agency_type": "vertical", "agency": "thue-tinh", "name": "Thuế tỉnh Quảng Ngãi: xác định nghĩa vụ tài chính", "hours": 24},
    ],
    "1.012784": [
        {"agency_type": "commune_committee", "agency": None, "name": "UBND cấp xã nơi có đất: ý kiến về quy hoạch, hiện trạng thửa đất", "hours": 24},
    ],
}


def replaceable(name):
    n = name.lower()
    if "tùy thân" in n or "cư trú" in n:
        return "csdl_dan_cu"
    if "giấy khai sinh" in n or "trích lục khai tử" in n or "giấy chứng tử" in n \
            or "giấy chứng nhận kết hôn" in n:
        return "csdl_ho_tich"
    if n == "giấy chứng nhận đã cấp":
        return "csdl_dat_dai"
    return None


def limit_hours(tl):
    u, a = tl["unit"], tl["amount"]
    if u == "same_day":
        return 8
    if u == "working_days":
        return 8 * a
    if u == "working_hours":
        return a
    if u == "calendar_days":
        return 8 * (a * 5 // 7)
    return None  # none: no deadline


def make_process(total, provincial):
    """Split `total` working hours over the internal steps (sum == total)."""
    recv = "receiving"
    comp = "competent"
    if total <= 8:
        steps = [("Tiếp nhận hồ sơ", "reception", recv, 1),
                 ("Thẩm định, xử lý hồ sơ", "specialist", comp, 4),
                 ("Phê duyệt, ký kết quả", "leader", comp, 2),
                 ("Vào sổ, đóng dấu, trả kết quả", "clerk", comp, 1)]
    else:
        rec = 2 if total <= 40 else 4
        clerk = 2 if total <= 24 else 4
        head = max(2, int(total * 0.1 + 0.5))
        leader = max(2, int(total * 0.1 + 0.5))
        spec = total - rec - clerk - head - leader
        steps = [("Tiếp nhận hồ sơ", "reception", recv, rec),
                 ("Thẩm định, xử lý hồ sơ", "specialist", comp, spec),
                 ("Xem xét, trình ký" if provincial else "Trưởng phòng chuyên môn xem xét, trình ký",
                  "head", comp, head),
                 ("Phê duyệt, ký kết quả", "leader", comp, leader),
                 ("Vào sổ, đóng dấu, phát hành kết quả", "clerk", comp, clerk)]
    return [{"step": i + 1, "name": n, "role": r, "agency": a, "hours": h}
            for i, (n, r, a, h) in enumerate(steps)]


def build_procedures(sp, agencies):
    communes = [a["id"] for a in agencies if a["type"] == "commune_committee" and a["valid_to"] is None]
    out = []
    for r in sp:
        code = r["national_code"]
        vf = list(r["verified_fields"])
        provincial = r["level"] == "province"
        online = ONLINE[r.get("online_level")]

        # time limit
        st = r["time_limit"]
        tl_note = st.get("note")
        amount, unit = st["amount"], st["unit"]
        if unit == "immediate":
            unit, amount = "same_day", 0
        elif unit == "days":
            unit, why = DAYS_UNIT.get(code, ("working_days", "unit 'ngày' read as working days"))
            tl_note = "%s; seed: %s" % (tl_note, why)
        if amount is None:
            amount, unit, why = PLACEHOLDER_TL[code]
            tl_note = "%s; seed: PLACEHOLDER %s %s (%s), %s" % (
                tl_note, amount, unit, why, DEMO_NOTE)
        elif code in PLACEHOLDER_TL:
            raise SystemExit("placeholder given for %s which has a limit" % code)
        time_limit = {"amount": amount, "unit": unit, "online_amount": None,
                      "verified": "time_limit" in vf, "note": tl_note}

        fees = [{"code": "LP%02d" % (i + 1), "name": f["name"], "amount_vnd": f["amount_vnd"],
                 **PER_PAGE.get((code, i), {}),
                 "collected_at": "reception", "verified": "fees" in vf, "note": f.get("note")}
                for i, f in enumerate(r["fees"])]

        comps = []
        for i, c in enumerate(r["components"]):
            comps.append({"name": c["name"], "kind": KIND[c["kind"]], "count": c["count"],
                          "template": ("TK-%s-%02d" % (code, i + 1)) if "mẫu" in c["name"].lower() else None,
                          "replaceable_by": replaceable(c["name"])})

        if provincial:
            handling = [PROVINCIAL_HANDLER[code]]
            reception = ["ttphcc"] + (communes if code in BOUNDARY_FREE else [])
            comp_type = "department"
        else:
            handling = list(communes)
            reception = list(communes)
            comp_type = "commune_committee"

        if code in IN_PERSON_ONLY:
            channels = [1]
        elif code in NO_ONLINE:
            channels = [1, 3]
        else:
            channels = [1, 2, 3]

        total = limit_hours(time_limit)
        process = make_process(total if total is not None else 40, provincial)
        consultations = [dict(c) for c in CONSULT.get(code, [])]

        note = r.get("note")
        seed_note = ("seed: channels, boundary_free, reception_points, process, consultations, ial, "
                     "routing, templates and replaceable_by are " + DEMO_NOTE)
        out.append({
            "id": "%s@v1" % code, "national_code": code, "version": 1, "name": r["name"],
            "field": r["field"], "level": r["level"], "competent_agency_type": comp_type,
            "competent_agency_text": r["agency_type"],
            "handling_agencies": handling, "reception_points": reception, "channels": channels,
            "online_level": online, "old_level": OLD_LEVEL[online],
            "boundary_free": code in BOUNDARY_FREE,
            "publication_decision": PUBLICATION.get(code), "effective_from": MERGE_DATE,
            "components": comps, "components_verified": "components" in vf,
            "fees": fees, "time_limit": time_limit, "process": process,
            "consultations": consultations, "result": r["result"], "signature_required": True,
            "ial": 1 if code in IAL1 else 2, "routing": ROUTING.get(code, "local"),
            "legal_basis": list(r["legal_basis"]), "verified": r["verified"],
            "verified_fields": vf, "source": r["source"],
            "note": (note + " | " + seed_note) if note else seed_note,
            "process_verified": False,
        })
    return out


# --------------------------------------------------------------------------------------------
# staff.json
# --------------------------------------------------------------------------------------------
ROLE_WORD = {"reception": "tiepnhan", "specialist": "chuyenvien", "head": "truongphong",
             "leader": "lanhdao", "clerk": "vanthu", "unit_admin": "quantri",
             "province_admin": "quantritinh", "province_monitor": "giamsat"}
UNIT_ROLES = ["reception", "specialist", "head", "leader", "clerk", "unit_admin"]
NAMES = [
    "Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Quốc Bảo", "Huỳnh Minh Tuấn",
    "Võ Thị Ngọc Ánh", "Đặng Văn Lộc", "Bùi Thị Mỹ Duyên", "Đỗ Thanh Phong", "Hồ Thị Kim Oanh",
    "Ngô Đức Thắng", "Dương Thị Hồng Nhung", "Lý Văn Tài", "Phan Thị Bích Ngọc", "Trương Công Danh",
    "Nguyễn Văn Sơn", "Trần Thị Hoài Thương", "Y Blin", "A Thút", "Lê Quang Vinh",
    "Phạm Thị Thanh Tâm", "Huỳnh Tấn Phát", "Võ Văn Cường", "Đinh Thị Hạnh", "Nguyễn Hữu Nghĩa",
    "Trần Thị Mai Phương", "Lê Văn Khánh", "Phạm Thị Diễm", "Hà Văn Quý", "Cao Thị Yến",
    "Nguyễn Minh Trí", "Đoàn Thị Hương", "Lương Văn Tiến", "Tô Thị Lệ", "Nguyễn Đình Khoa",
    "Trần Ngọc Sang", "Lê Thị Hồng Vân", "Mai Văn Đức", "Vũ Thị Thảo", "Nguyễn Thành Long",
    "Phạm Văn Hiếu", "Lê Thị Kiều Trang", "A Dũng", "Y Lan", "Nguyễn Tấn Lực",
    "Trần Thị Quỳnh Như", "Huỳnh Văn Nam", "Võ Thị Thu Sương", "Đặng Minh Hoàng", "Bùi Văn Thuận",
]


def agency_slug(aid):
    return (aid[5:] if aid.startswith("ubnd-") else aid).replace("-", "")


def build_staff():
    staff = []
    names = iter(NAMES)

    def add(role, agency, extra_grants=(), suffix=""):
        username = "%s%s.%s" % (ROLE_WORD[role], suffix, agency_slug(agency))
        staff.append({
            "username": username,
            "password": PASSWORD, "full_name": next(names),
            # contact address for the feedback deadline watch: a reserved domain (RFC 2606)
            "email": username + "@motcua.example",
            "grants": list(extra_grants) + [{"agency": agency, "role": role, "from": MERGE_DATE, "to": None}],
            "verified": False, "note": DEMO_NOTE,
        })

    add("province_admin", "ubnd-tinh")
    add("province_monitor", "ubnd-tinh")
    add("reception", "ttphcc")
    add("reception", "ttphcc", suffix="2")
    add("unit_admin", "ttphcc")
    for agency in ("stp", "ubnd-camthanh", "ubnd-kontum", "vpdkdd", "snv", "sxd"):
        for role in UNIT_ROLES:
            hist = ()
            if agency == "ubnd-kontum" and role == "leader":
                # grant history across the merger: led old Phường Quyết Thắng until 2025-06-30
                hist = ({"agency": "old-ubnd-quyetthang", "role": "leader", "from": "2021-07-01", "to": OLD_END},)
            add(role, agency, hist)
    add("specialist", "thue-tinh")
    add("specialist", "ubnd-mangden")
    add("reception", "ubnd-mangden")
    # the provincial committee's leader: the superior told of late feedback cases (issue 16)
    add("leader", "ubnd-tinh")
    citizens = [
        {"personal_id": "051090001234", "full_name": "Trần Văn Bình", "phone": "0905000001",
         "birth_year": 1990, "sex": "nam", "verified": False,
         "note": DEMO_NOTE + "; ID 051 (Quảng Ngãi) 0 (male, 20th c.) 90 (1990) + 6 random digits"},
        {"personal_id": "062195004321", "full_name": "Y Hoa", "phone": "0905000002",
         "birth_year": 1995, "sex": "nữ", "verified": False,
         "note": DEMO_NOTE + "; ID 062 (Kon Tum) 1 (female, 20th c.) 95 (1995) + 6 random digits"},
        {"personal_id": "051303007788", "full_name": "Lê Thị Minh Thư", "phone": "0905000003",
         "birth_year": 2003, "sex": "nữ", "verified": False,
         "note": DEMO_NOTE + "; ID 051 (Quảng Ngãi) 3 (female, 21st c.) 03 (2003) + 6 random digits"},
    ]
    return {"staff": staff, "citizens": citizens}


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------
def validate(units, agencies, procs, staff):
    errs = []

    def unique(items, key, what):
        seen = set()
        for it in items:
            k = it[key]
            if k in seen:
                errs.append("duplicate %s %r" % (what, k))
            seen.add(k)
        return seen

    uids = unique(units["units"], "id", "unit id")
    for u in units["units"]:
        if u["parent_id"] is not None and u["parent_id"] not in uids:
            errs.append("unit %s parent %s" % (u["id"], u["parent_id"]))
        if u["valid_to"] is None and u["valid_from"] is None:
            errs.append("unit %s has no validity" % u["id"])
    cur = [u for u in units["units"] if u["level"] == "commune" and u["valid_to"] is None]
    if len(cur) != 96:
        errs.append("expected 96 current communes, got %d" % len(cur))
    unique(cur, "code", "current commune code")
    for s in units["successions"]:
        for k in ("from_id", "to_id"):
            if s[k] not in uids:
                errs.append("succession %s %s" % (k, s[k]))
        if s["kind"] not in ("merge", "rename", "split"):
            errs.append("succession kind %s" % s["kind"])
    olds = {u["id"] for u in units["units"] if u["valid_to"] is not None and u["level"] != "province"}
    with_succ = {s["from_id"] for s in units["successions"]}
    for o in olds:
        if o.startswith("c") and o not in with_succ:
            errs.append("old commune %s has no successor" % o)

    aids = unique(agencies, "id", "agency id")
    unique(agencies, "eid", "agency eid")
    types = {"service_center", "department", "commune_committee", "vertical", "provincial_committee"}
    for a in agencies:
        if a["type"] not in types:
            errs.append("agency %s type %s" % (a["id"], a["type"]))
        for k in ("parent", "successor"):
            if a[k] is not None and a[k] not in aids:
                errs.append("agency %s %s %s" % (a["id"], k, a[k]))
        if a["unit_id"] not in uids:
            errs.append("agency %s unit %s" % (a["id"], a["unit_id"]))
        if a["verified"]:
            errs.append("agency %s must be unverified" % a["id"])
    by_id = {a["id"]: a for a in agencies}

    pids = unique(procs, "id", "procedure id")
    for p in procs:
        for a in p["handling_agencies"] + p["reception_points"]:
            if a not in aids:
                errs.append("procedure %s agency %s" % (p["id"], a))
            elif by_id[a]["valid_to"] is not None:
                errs.append("procedure %s uses retired agency %s" % (p["id"], a))
        for c in p["consultations"]:
            if c.get("agency") and c["agency"] not in aids:
                errs.append("procedure %s consult %s" % (p["id"], c["agency"]))
        tl = p["time_limit"]
        if tl["unit"] not in ("working_days", "working_hours", "calendar_days", "same_day", "none"):
            errs.append("procedure %s unit %s" % (p["id"], tl["unit"]))
        if tl["verified"] != ("time_limit" in p["verified_fields"]):
            errs.append("procedure %s time_limit verified flag" % p["id"])
        for f in p["fees"]:
            if f["verified"] != ("fees" in p["verified_fields"]):
                errs.append("procedure %s fee verified flag" % p["id"])
        lim = limit_hours(tl)
        total = sum(s["hours"] for s in p["process"])
        if lim is not None and total > lim:
            errs.append("procedure %s process %dh > limit %dh" % (p["id"], total, lim))
        if any(s["hours"] <= 0 for s in p["process"]):
            errs.append("procedure %s zero-hour step" % p["id"])
        spec = sum(s["hours"] for s in p["process"] if s["role"] == "specialist")
        for c in p["consultations"]:
            if c["hours"] > spec:
                errs.append("procedure %s consultation longer than specialist step" % p["id"])
        if p["old_level"] != OLD_LEVEL[p["online_level"]]:
            errs.append("procedure %s old_level" % p["id"])
    if len(pids) < 30:
        errs.append("only %d procedures" % len(pids))

    unique(staff["staff"], "username", "username")
    unique(staff["citizens"], "personal_id", "personal id")
    roles_by_agency = {}
    for s in staff["staff"]:
        u = s["username"]
        if not (u.isascii() and u == u.lower() and all(part.isalnum() for part in u.split("."))):
            errs.append("bad username %s" % u)
        for g in s["grants"]:
            if g["agency"] not in aids:
                errs.append("staff %s agency %s" % (u, g["agency"]))
            if g["role"] not in ROLE_WORD:
                errs.append("staff %s role %s" % (u, g["role"]))
            if g["to"] is None:
                roles_by_agency.setdefault(g["agency"], set()).add(g["role"])
    for a in ("stp", "ubnd-camthanh", "ubnd-kontum"):
        missing = set(UNIT_ROLES) - roles_by_agency.get(a, set())
        if missing:
            errs.append("agency %s lacks roles %s" % (a, sorted(missing)))
    for c in staff["citizens"]:
        pid = c["personal_id"]
        if not (len(pid) == 12 and pid.isdigit() and pid[:3] in ("051", "062")):
            errs.append("bad personal id %s" % pid)
        elif int(pid[4:6]) != c["birth_year"] % 100 or (int(pid[3]) // 2) != (c["birth_year"] // 100 - 19):
            errs.append("personal id %s does not match birth year" % pid)
    return errs


def build_locations(agencies):
    """Service locations (DOMAIN §2): the provincial service centre, a postal reception point,
    and each current commune's one-stop desk. Demo data: names and addresses are not verified."""
    locs = []
    for a in agencies:
        if a.get("valid_to"):
            continue
        if a["type"] == "service_center":
            locs.append({"id": "loc-ttphcc", "name": "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
                         "kind": "provincial_center", "agency": a["id"], "unit_id": a["unit_id"],
                         "verified": False, "note": "demo data, not from a published source"})
            locs.append({"id": "loc-buudien-tinh", "name": "Điểm tiếp nhận bưu chính công ích - Bưu điện tỉnh Quảng Ngãi",
                         "kind": "postal_point", "agency": a["id"], "unit_id": a["unit_id"],
                         "verified": False, "note": "demo data, not from a published source"})
        elif a["type"] == "commune_committee":
            place = a["name"].replace("Ủy ban nhân dân ", "")
            locs.append({"id": "loc-" + a["id"], "name": "Bộ phận Một cửa " + place, "kind": "commune_center",
                         "agency": a["id"], "unit_id": a["unit_id"],
                         "verified": False, "note": "demo data, not from a published source"})
    return locs


def attach_eforms(procs):
    """data/eforms/eforms.json (hand-written e-forms by national code, with `verified` and
    `source`): each procedure version gets its form under "eform"; the others null (the server
    serves the generic form then). A form naming no seeded procedure is an error."""
    with open(os.path.join(REPO, "data", "eforms", "eforms.json"), encoding="utf-8") as f:
        forms = json.load(f)["eforms"]
    codes = {p["national_code"] for p in procs}
    unknown = sorted(set(forms) - codes)
    if unknown:
        raise SystemExit("eforms.json names procedures not in the seed: %s" % ", ".join(unknown))
    for p in procs:
        p["eform"] = forms.get(p["national_code"])


def dump(obj, name):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return path


def main(argv):
    shared = argv[1] if len(argv) > 1 else "../shared/data"
    if not os.path.isabs(shared) and not os.path.isdir(shared):
        shared = os.path.join(REPO, shared)  # relative to the repository root
    with open(os.path.join(shared, "units.json"), encoding="utf-8") as f:
        su = json.load(f)
    with open(os.path.join(shared, "procedures.json"), encoding="utf-8") as f:
        sp = json.load(f)
    units = build_units(su)
    agencies = build_agencies(su, units)
    procs = build_procedures(sp, agencies)
    attach_eforms(procs)
    staff = build_staff()
    errs = validate(units, agencies, procs, staff)
    if errs:
        for e in errs:
            print("ERROR:", e, file=sys.stderr)
        return 1
    os.makedirs(OUT, exist_ok=True)
    dump(units, "units.json")
    dump(agencies, "agencies.json")
    dump(procs, "procedures.json")
    dump(staff, "staff.json")
    dump(build_locations(agencies), "locations.json")
    print("units=%d successions=%d agencies=%d procedures=%d staff=%d citizens=%d" % (
        len(units["units"]), len(units["successions"]), len(agencies), len(procs),
        len(staff["staff"]), len(staff["citizens"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
